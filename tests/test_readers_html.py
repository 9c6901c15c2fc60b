"""The HTML and MHT reader: encodings, site furniture, layout tables, spans."""

from __future__ import annotations

import re

import pytest

from gzlint.document import Paragraph, ReadFailure, Table
from gzlint.readers import read_bytes

PAGE = """<html><head>{meta}<title>报告</title><script>var x = "脚本";</script></head><body>
<div class="nav"><a href="/">首页</a><a href="/a">栏目一</a></div>
<table width="100%"><tr><td class="left"><a href="/x">相关链接</a></td><td>
  <div id="zoom">
    <p>青山县镕丰镇䶮村2021年政府信息公开工作年度报告</p>
    <p>一、总体情况</p>
    <table border="1">
      <tr><td rowspan="2">项目</td><td colspan="2">申请人情况</td></tr>
      <tr><td>自然人</td><td>总计</td></tr>
      <tr><td>一、本年新收</td><td>3</td><td>&nbsp;</td></tr>
    </table>
  </div>
</td></tr></table>
<div class="footer">主办单位：青山县人民政府办公室 备案号：示例</div>
</body></html>"""


def read(data: bytes, name: str = "r.html"):
    return read_bytes(name, data)


def _texts(doc):
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


@pytest.mark.parametrize("meta, codec", [
    ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb18030"),
    ("<meta charset=GBK>", "gb18030"),
    ("", "gb18030"),  # no declaration at all: UTF-8 fails, GB18030 fits
    ('<meta charset="gb2312">', "utf-8"),  # the template lies: the bytes are UTF-8
    ('<meta charset="utf-8">', "utf-8-sig"),
])
def test_encodings(meta, codec):
    doc = read(PAGE.format(meta=meta).encode(codec))
    # 镕 and 䶮 are outside GB2312 and GBK: only gb18030 decodes them
    assert _texts(doc)[0] == "青山县镕丰镇䶮村2021年政府信息公开工作年度报告"


def test_navigation_scripts_footer_are_not_report_text():
    doc = read(PAGE.format(meta="<meta charset=utf-8>").encode())
    text = doc.text()
    for furniture in ("首页", "栏目一", "脚本", "相关链接", "主办单位"):
        assert furniture not in text
    assert doc.metadata["title"] == "报告"


def test_spans_are_placed_on_the_grid_and_nbsp_is_blank():
    doc = read(PAGE.format(meta="<meta charset=utf-8>").encode())
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    got = [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in table.cells()]
    assert got == [("项目", 0, 0, 2, 1), ("申请人情况", 0, 1, 1, 2), ("自然人", 1, 1, 1, 1), ("总计", 1, 2, 1, 1),
                   ("一、本年新收", 2, 0, 1, 1), ("3", 2, 1, 1, 1), ("", 2, 2, 1, 1)]
    assert table.rows[0][0].line == PAGE.splitlines().index('      <tr><td rowspan="2">项目</td><td colspan="2">申请人情况</td></tr>') + 1


def test_source_line_breaks_are_not_paragraph_breaks():
    doc = read("<html><body><p>本报告根据条例\n  要求编制，\n  see\n  more</p><p>二<br>三</p></body></html>".encode())
    assert _texts(doc) == ["本报告根据条例要求编制，see more", "二", "三"]


def test_rowspan_zero_and_oversized_spans_are_clipped():
    doc = read(b"<table><tr><td rowspan=0>A</td><td>B</td></tr><tr><td colspan=99999>C</td></tr></table>")
    (table,) = doc.tables()
    assert [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in table.cells()] == [
        ("A", 0, 0, 2, 1), ("B", 0, 1, 1, 1), ("C", 1, 1, 1, 1)]


def test_xhtml_with_xml_declaration():
    data = '<?xml version="1.0" encoding="gb2312"?><html><body><p>一、总体情况</p></body></html>'.encode("gb18030")
    assert _texts(read(data)) == ["一、总体情况"]


def test_a_doc_that_is_html_is_read_as_html():
    doc = read(PAGE.format(meta="").encode("gb18030"), "report.doc")
    assert doc.source_format == "html"


def test_mht_archive():
    html = PAGE.format(meta="").encode("gb18030")
    import quopri

    body = quopri.encodestring(html).decode("ascii")
    data = (
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"XX\"\r\n\r\n--XX\r\n"
        "Content-Type: text/html; charset=\"gb2312\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        f"{body}\r\n--XX\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--XX--\r\n"
    ).encode("ascii")
    doc = read(data, "report.mht")
    assert doc.source_format == "mht"
    assert _texts(doc)[0].startswith("青山县镕丰镇")
    assert len(doc.tables()) == 1


def test_mht_without_html_is_gz001():
    data = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"XX\"\r\n\r\n--XX\r\nContent-Type: image/png\r\n\r\nabc\r\n--XX--\r\n"
    with pytest.raises(ReadFailure) as err:
        read(data, "x.mht")
    assert err.value.code == "GZ001"


# -- a CMS page: the title block stands outside the article ----------------------

def _cms_page(report, *, site_title: bool = True, block: str = '<div class="article_title">{title}</div>') -> str:
    """``writers.render_html``'s page with its title moved out of the article into
    the CMS's title block (beside the date and share bar), as district sites do."""
    import html as _html

    from .writers import render_html

    page = render_html(report)
    title = _html.escape(report.title)
    page = re.sub(r'<h1 class="title">.*?</h1>\n<div class="info">.*?</div>\n', "", page)
    page = page.replace('<div class="article" id="zoom">',
                        block.format(title=title) + '\n<div class="info">来源：本站 时间：2022-01-20</div>\n'
                        '<div class="article" id="zoom">')
    suffix = "_政府信息公开年报_某某网" if site_title else ""
    return page.replace(f"<title>{title}_青山县人民政府</title>", f"<title>{title}{suffix}</title>")


def test_cms_title_block_outside_the_article_is_the_title(tmp_path):
    from gzlint.engine import lint_paths
    from gzlint.testing.sample import sample_report

    report = sample_report("2021")
    page = _cms_page(report)
    doc = read(page.encode())
    texts = _texts(doc)
    assert texts[0] == report.title and texts.count(report.title) == 1
    assert "来源：本站" not in doc.text() and "分享到" not in doc.text()
    # the page title less the column and site names
    assert doc.metadata["title"] == report.title
    assert doc.blocks[0].line == page.splitlines().index(f'<div class="article_title">{report.title}</div>') + 1
    assert len(doc.tables()) == len(report.form.tables)
    path = tmp_path / "r.html"
    path.write_bytes(page.encode())
    assert [d.code for d in lint_paths([path])] == []


def test_title_block_found_by_class_when_the_page_title_differs():
    from gzlint.testing.sample import sample_report

    report = sample_report("2021")
    page = _cms_page(report, site_title=False).replace(f"<title>{report.title}</title>", "<title>详情页</title>")
    assert _texts(read(page.encode()))[0] == report.title
    # a block with no title class and another text is not taken
    plain = _cms_page(report, block="<div>{title}（征求意见稿）</div>").replace(
        f"<title>{report.title}_政府信息公开年报_某某网</title>", "<title>详情页</title>")
    assert report.title not in _texts(read(plain.encode()))[0]


def test_title_inside_the_article_is_not_doubled():
    from .writers import render_html
    from gzlint.testing.sample import sample_report

    report = sample_report("2021")
    texts = _texts(read(render_html(report).encode()))
    assert texts.count(report.title) == 1


@pytest.mark.parametrize("page_title, title", [
    ("某某局2021年政府信息公开工作年度报告_政府信息公开年报_某某网", "某某局2021年政府信息公开工作年度报告"),
    ("某某网 - 某某局2021年政府信息公开工作年度报告", "某某局2021年政府信息公开工作年度报告"),
    ("某某局2021年政府信息公开工作年度报告", "某某局2021年政府信息公开工作年度报告"),
])
def test_page_title_less_site_suffix(page_title, title):
    doc = read(f"<html><head><title>{page_title}</title></head><body><p>一、总体情况</p></body></html>".encode())
    assert doc.metadata["title"] == title


def test_column_name_and_links_are_not_title_blocks():
    from gzlint.testing.sample import sample_report

    report = sample_report("2021")
    # the page title is the column's name, and the column header says it too
    page = _cms_page(report, block='<div class="column_title">政府信息公开年报</div>'
                                   '<div class="list_title"><a href="/a.html">某某局2020年政府信息公开工作年度报告</a></div>')
    page = re.sub(r"<title>.*?</title>", "<title>政府信息公开年报_某某网</title>", page)
    texts = _texts(read(page.encode()))
    assert "政府信息公开年报" not in texts and "某某局2020年政府信息公开工作年度报告" not in texts


def test_title_block_broken_by_br_is_one_line():
    from gzlint.testing.sample import sample_report

    report = sample_report("2021")
    block = '<div class="article_title"><span>青山县交通运输局</span><br>\n  <span>2021年政府信息公开工作年度报告</span></div>'
    page = re.sub(r"<title>.*?</title>", "<title>详情页</title>", _cms_page(report, block=block))
    assert _texts(read(page.encode()))[0] == report.title


def test_page_title_is_the_title_when_the_page_shows_no_title_block(tmp_path):
    from gzlint.engine import lint_paths
    from gzlint.testing.sample import sample_report

    report = sample_report("2021")
    page = _cms_page(report, block="")
    path = tmp_path / "r.html"
    path.write_bytes(page.encode())
    assert report.title not in _texts(read(page.encode()))
    assert [d.code for d in lint_paths([path])] == []
    path.write_bytes(re.sub(r"<title>.*?</title>", "<title>详情页_某某网</title>", page).encode())
    assert [d.code for d in lint_paths([path])] == ["GZ104"]

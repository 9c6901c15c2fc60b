"""The HTML and MHT reader: encodings, site furniture, layout tables, spans."""

from __future__ import annotations

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

"""The .docx reader on hand-written OOXML: what python-docx would lose."""

from __future__ import annotations

import io
import zipfile

import pytest

from gzlint.document import Paragraph, ReadFailure, Table
from gzlint.readers import read_bytes
from gzlint.readers.numbering import chinese_number, format_number

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def make_docx(body: str, numbering: str | None = None, styles: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
        if numbering:
            zf.writestr("word/numbering.xml", f"<w:numbering {W}>{numbering}</w:numbering>")
        if styles:
            zf.writestr("word/styles.xml", f"<w:styles {W}>{styles}</w:styles>")
    return buf.getvalue()


def p(text: str, extra: str = "") -> str:
    return f"<w:p>{extra}<w:r><w:t>{text}</w:t></w:r></w:p>"


def read(data: bytes):
    return read_bytes("r.docx", data)


def test_tracked_insertions_and_content_controls_are_kept_deletions_dropped():
    body = (
        "<w:p><w:r><w:t>本年共收到申请</w:t></w:r><w:ins><w:r><w:t>16</w:t></w:r></w:ins>"
        "<w:del><w:r><w:delText>15</w:delText></w:r></w:del><w:r><w:t>件。</w:t></w:r></w:p>"
        "<w:sdt><w:sdtContent>" + p("六、其他需要报告的事项") + "</w:sdtContent></w:sdt>"
        "<w:p><w:sdt><w:sdtContent><w:r><w:t>青山县</w:t></w:r></w:sdtContent></w:sdt></w:p>"
    )
    doc = read(make_docx(body))
    assert [b.text for b in doc.blocks] == ["本年共收到申请16件。", "六、其他需要报告的事项", "青山县"]
    assert [b.line for b in doc.blocks] == [1, 2, 3]


NUMBERING = (
    '<w:abstractNum w:abstractNumId="1">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>'
)


def numbered(text: str, level: int = 0, num: int = 5) -> str:
    return p(text, f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>')


def test_automatic_numbering_is_rendered():
    body = (
        numbered("总体情况") + numbered("主动公开", 1) + numbered("依申请公开", 1) + numbered("要点", 2)
        + numbered("主动公开政府信息情况") + numbered("收费", 1)
    )
    doc = read(make_docx(body, NUMBERING))
    assert [b.text for b in doc.blocks] == [
        "一、总体情况", "（一）主动公开", "（二）依申请公开", "1. 要点", "二、主动公开政府信息情况", "（一）收费",
    ]


def test_numbering_through_a_paragraph_style():
    styles = (
        '<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="H1b"><w:basedOn w:val="H1"/></w:style>'
    )
    body = p("总体情况", '<w:pPr><w:pStyle w:val="H1"/></w:pPr>') + p("存在的问题", '<w:pPr><w:pStyle w:val="H1b"/></w:pPr>')
    doc = read(make_docx(body, NUMBERING, styles))
    assert [b.text for b in doc.blocks] == ["一、总体情况", "二、存在的问题"]


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_counting(n, text):
    assert chinese_number(n) == text


def test_number_formats():
    assert format_number(3, "taiwaneseCountingThousand") == "三"
    assert format_number(2, "upperRoman") == "II"
    assert format_number(3, "decimalEnclosedCircle") == "③"


def tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"


def test_spans_and_sliver_columns():
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in (1000, 1000, 1, 1000)) + "</w:tblGrid>"
    rows = [
        # A spans two rows; B starts after the sliver, C covers it
        tc("A", '<w:vMerge w:val="restart"/>') + tc("B", '<w:gridSpan w:val="3"/>'),
        tc("", "<w:vMerge/>") + tc("C", '<w:gridSpan w:val="2"/>') + tc("D"),
        '<w:trPr><w:gridBefore w:val="1"/></w:trPr>' + tc("E") + tc("", '<w:gridSpan w:val="2"/>'),
    ]
    body = "<w:tbl>" + grid + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"
    (table,) = read(make_docx(body)).blocks
    assert isinstance(table, Table) and table.layout == "grid"
    got = [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in table.cells()]
    assert got == [("A", 0, 0, 2, 1), ("B", 0, 1, 1, 2), ("C", 1, 1, 1, 1), ("D", 1, 2, 1, 1), ("E", 2, 1, 1, 1), ("", 2, 2, 1, 1)]


def test_cell_paragraphs_are_lines_of_one_cell():
    body = "<w:tbl><w:tr><w:tc>" + p("本年新") + p("制作数量") + "</w:tc>" + tc("3") + "</w:tr></w:tbl>" + p("后文")
    table, after = read(make_docx(body)).blocks
    assert table.rows[0][0].text == "本年新\n制作数量"
    assert table.rows[0][0].line == 1 and table.rows[0][1].line == 3
    assert isinstance(after, Paragraph) and after.line == 4


@pytest.mark.parametrize("data", [
    b"PK\x03\x04" + b"\x00" * 40,
    make_docx(p("正文"))[:200],
    make_docx("<w:p><w:r><w:t>未闭合"),
])
def test_bad_docx_is_gz001(data):
    with pytest.raises(ReadFailure) as err:
        read_bytes("bad.docx", data)
    assert err.value.code == "GZ001"


def test_docx_without_body_is_gz001():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", f"<w:document {W}/>")
    with pytest.raises(ReadFailure) as err:
        read_bytes("empty.docx", buf.getvalue())
    assert err.value.code == "GZ001"

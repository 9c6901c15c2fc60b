"""The text reader: encodings and the layouts real exports have."""

from __future__ import annotations

import codecs

import pytest

from gzlint.document import ReadFailure, Table
from gzlint.readers import read_bytes
from gzlint.readers.encoding import decode
from gzlint.testing.sample import render_text, sample_report


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("gb18030"),
        lambda t: t.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "utf-16-bom"],
)
def test_encodings_read_the_same(encode):
    text = render_text(sample_report())
    doc = read_bytes("r.txt", encode(text))
    assert doc.text() == read_bytes("r.txt", text.encode("utf-8")).text()


def test_gbk_only_characters_decode_with_gb18030():
    # 镕 is outside GB2312: a gb2312 codec would fail on it
    text, enc = decode("朱镕基".encode("gb18030"))
    assert (text, enc) == ("朱镕基", "gb18030")


def test_undecodable_is_gz002():
    with pytest.raises(ReadFailure) as exc:
        read_bytes("r.txt", b"\x80\xff" * 100)
    assert exc.value.code == "GZ002"


def test_layouts():
    rows = "\t行政许可\n\t5\n\n\t行政处罚\n\t3\n"
    doc = read_bytes("r.txt", ("二、主动公开政府信息情况\n" + rows).encode())
    (table,) = doc.tables()
    assert table.layout == "rows" and [[c.text for c in r] for r in table.rows] == [["行政许可", "5"], ["行政处罚", "3"]]
    # Word pads rows to one length but slides the values: not grid positions
    doc = read_bytes("r.txt", "标题\n行政许可\t5\t6\t\n\t行政处罚\t3\t4\n".encode())
    (table,) = doc.tables()
    assert table.layout == "padded_rows" and table.rows[1][3].text == "4" and table.rows[1][3].line == 3
    doc = read_bytes("r.txt", "标题\n行政许可\t5\t6\n行政处罚\t3\t4\n".encode())
    (table,) = doc.tables()
    assert table.layout == "grid" and (table.rows[1][2].text, table.rows[1][2].col, table.rows[1][2].line) == ("4", 2, 3)


def test_cell_continues_on_an_untabbed_line():
    doc = read_bytes("r.txt", "\t信息内容\n\t本年新\n制作数量\n".encode())
    (table,) = doc.tables()
    assert [c.text for c in table.rows[0]] == ["信息内容", "本年新\n制作数量"]


def test_bookmark_residue_is_not_text():
    doc = read_bytes("r.txt", "[bookmark: _GoBack]一、总体情况\n正文。\n".encode())
    assert doc.blocks[0].text == "一、总体情况"


def test_blank_separated_paragraphs_keep_blank_cells():
    text = "一、总体情况\n\n正文。\n\n行政许可\n\n1\n\n\xa0\n\n二、主动公开政府信息情况\n\n正文。\n"
    doc = read_bytes("r.txt", text.encode())
    assert not any(isinstance(b, Table) for b in doc.blocks)
    assert [b.text for b in doc.blocks][3:5] == ["1", "\xa0"]

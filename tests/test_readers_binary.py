"""PDF, spreadsheet and OLE readers, page stitching, and fuzzing every reader."""

from __future__ import annotations

import io
import random
import sys

import pytest

from gzlint.document import Document, ReadFailure
from gzlint.readers import read_bytes
from gzlint.readers.grid import join_wrapped
from gzlint.readers.pdfgrid import Box, Fragment, stitch
from gzlint.readers.sniff import OLE_MAGIC
from gzlint.testing.sample import sample_report

from . import writers

BLANK_PDF = (
    b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
    b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)


def test_pdf_without_text_layer_needs_ocr():
    with pytest.raises(ReadFailure) as err:
        read_bytes("scan.pdf", BLANK_PDF)
    assert err.value.code == "GZ003" and "OCR" in err.value.message


@pytest.mark.parametrize("module, data, name, hint", [
    ("pdfplumber", BLANK_PDF, "r.pdf", "gzlint[pdf]"),
    ("python_calamine", None, "r.xlsx", "gzlint[xlsx]"),
])
def test_missing_optional_extra_says_how_to_install(monkeypatch, tmp_path, module, data, name, hint):
    if data is None:
        data = writers.write(sample_report("2021"), "xlsx", tmp_path).read_bytes()
    monkeypatch.setitem(sys.modules, module, None)  # import raises ImportError
    with pytest.raises(ReadFailure) as err:
        read_bytes(name, data)
    assert err.value.code == "GZ001" and f"pip install '{hint}'" in err.value.message


def test_doc_without_libreoffice_says_how_to_install(monkeypatch):
    from gzlint.readers import ole

    monkeypatch.setattr(ole, "soffice", lambda: None)
    data = OLE_MAGIC + b"\x00" * 20 + b"\xfe\xff\x09\x00" + "WordDocument".encode("utf-16-le") + b"\x00" * 512
    with pytest.raises(ReadFailure) as err:
        read_bytes("old.doc", data)
    assert err.value.code == "GZ001" and "apt-get install libreoffice-writer-nogui" in err.value.message


def test_join_wrapped_cjk_without_spaces():
    assert join_wrapped(["（二）部分公", "开（区分处理", "的）"]) == "（二）部分公开（区分处理的）"
    assert join_wrapped(["total", "amount", "3"]) == "total amount 3"


def _frag(page: int, boxes: list[tuple]) -> Fragment:
    frag = Fragment(page=page, x0=0, x1=100, top=0, bottom=30, boxes=[Box(t, x0, x1, top, bottom) for t, x0, x1, top, bottom in boxes])
    frag.locate_rows()
    return frag


def test_stitch_rejoins_a_cut_label_and_keeps_blank_values_apart():
    a = _frag(1, [
        ("一、新收", 0, 60, 0, 10), ("5", 60, 100, 0, 10),
        ("三、本", 0, 30, 10, 30), ("（一）公开", 30, 60, 10, 20), ("1", 60, 100, 10, 20),
        ("（二）部分", 30, 60, 20, 30), ("", 60, 100, 20, 30),
    ])
    b = _frag(2, [
        ("年度办理结果", 0, 30, 0, 20), ("（三）不予", 30, 60, 0, 10), ("", 60, 100, 0, 10),
        ("（四）其他", 30, 60, 10, 20), ("2", 60, 100, 10, 20),
        ("四、结转", 0, 60, 20, 30), ("3", 60, 100, 20, 30),
    ])
    cells = sorted(stitch([a, b]), key=lambda c: (c.row, c.col))
    got = [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in cells]
    assert ("三、本年度办理结果", 1, 0, 4, 1) in got
    assert ("", 2, 2, 1, 1) in got and ("", 3, 2, 1, 1) in got  # two blanks, not one merged cell
    assert ("（三）不予", 3, 1, 1, 1) in got
    assert ("四、结转", 5, 0, 1, 2) in got
    assert len(got) == 13


def test_stitch_does_not_join_a_new_label():
    a = _frag(1, [("（三）不予公开", 0, 30, 0, 20), ("1.秘密", 30, 100, 0, 10), ("2.法规", 30, 100, 10, 20)])
    b = _frag(2, [("（四）无法提供", 0, 30, 0, 20), ("1.不掌握", 30, 100, 0, 10), ("2.另行制作", 30, 100, 10, 20)])
    texts = [c.text for c in stitch([a, b])]
    assert "（三）不予公开" in texts and "（四）无法提供" in texts


def test_spreadsheet_prose_rows_merges_and_numbers(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "表三 收到和处理政府信息公开申请情况"
    ws["A3"], ws["B3"] = "项目", "申请人情况"
    ws.merge_cells("B3:C3")
    ws["B4"], ws["C4"] = "自然人", "总计"
    ws.merge_cells("A3:A4")
    ws["A5"], ws["B5"], ws["C5"] = "一、本年新收", 23.0, 1.25
    path = tmp_path / "t.xlsx"
    wb.save(path)
    doc = read_bytes(str(path), path.read_bytes())
    para, table = doc.blocks
    assert para.text.startswith("表三") and para.line == 1
    got = [(c.text, c.row, c.col, c.rowspan, c.colspan, c.line) for c in table.cells()]
    assert got == [("项目", 0, 0, 2, 1, 3), ("申请人情况", 0, 1, 1, 2, 3), ("自然人", 1, 1, 1, 1, 4), ("总计", 1, 2, 1, 1, 4),
                   ("一、本年新收", 2, 0, 1, 1, 5), ("23", 2, 1, 1, 1, 5), ("1.25", 2, 2, 1, 1, 5)]


# -- fuzzing: damaged files give ReadFailure, never another exception -------------

@pytest.fixture(scope="module")
def good_files(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("fuzz")
    report = sample_report("2021")
    files = {fmt: writers.write(report, fmt, folder).read_bytes() for fmt in ("docx", "html-gb18030", "xlsx")}
    if writers.soffice() is not None:
        files["pdf"] = writers.write(report, "pdf", folder).read_bytes()
    return files


@pytest.mark.parametrize("fmt", ["docx", "html-gb18030", "xlsx", "pdf"])
def test_damaged_files_fail_cleanly(good_files, fmt):
    if fmt not in good_files:
        pytest.skip("LibreOffice (soffice) is not installed: no PDF to damage")
    data = good_files[fmt]
    rng = random.Random(fmt)
    variants = [data[: len(data) * k // 10] for k in range(1, 10)]
    for _ in range(12):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        variants.append(bytes(damaged))
    variants.append(data[:8] + bytes(rng.randrange(256) for _ in range(4000)))  # right magic, random body
    for variant in variants:
        try:
            doc = read_bytes(f"x.{fmt}", variant)
        except ReadFailure as failure:
            assert failure.code in ("GZ001", "GZ002", "GZ003")
        else:
            assert isinstance(doc, Document)


@pytest.mark.parametrize("body", [b"", bytes(random.Random(1).randrange(256) for _ in range(3000))])
def test_damaged_ole_is_refused_before_conversion(body):
    with pytest.raises(ReadFailure) as err:
        read_bytes("x.doc", OLE_MAGIC + body)
    assert err.value.code == "GZ001"


def test_damaged_doc_fails_cleanly(tmp_path):
    if writers.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: the .doc path stops at the install message")
    data = writers.write(sample_report("2021"), "doc", tmp_path).read_bytes()
    try:
        doc = read_bytes("x.doc", data[: len(data) // 3])
    except ReadFailure as failure:
        assert failure.code == "GZ001"
    else:
        assert isinstance(doc, Document)

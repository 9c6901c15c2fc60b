"""Every finding names its place in the source's own terms: the table, row and
column of a .docx or HTML cell, the paragraph of a .docx, the page of a PDF.

Fixtures are rendered by tests/writers.py from the project's sample report
with the examples' defects (a sum off by one, a blank cell, a cell of text, a
heading worded otherwise); the PDF needs LibreOffice and skips without it.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from gzlint.diagnostics import Diagnostic, Severity
from gzlint.engine import lint_paths
from gzlint.locations import Where
from gzlint.reporters import ReportOptions, get_reporter
from gzlint.testing.sample import SampleReport, sample_report

from . import writers

HEADING = "四、政府信息公开行政法复议、行政诉讼情况"


def _defects() -> SampleReport:
    report = (sample_report("2021")
              .set_cell("applications", "new", "natural", "13")  # GZ301, GZ303
              .set_cell("applications", "disclosed", "business", "若干")  # GZ202
              .blank_cell("active.5", "licensing", "decisions"))  # GZ201
    report.sections["四"] = (HEADING, report.sections["四"][1])  # GZ102 on a paragraph
    return report


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("locations")


def _lint(folder: Path, fmt: str) -> list[Diagnostic]:
    if fmt in writers.NEEDS_SOFFICE and writers.soffice() is None:
        pytest.skip(f"LibreOffice (soffice) is not installed: cannot render the .{fmt} fixture")
    path = writers.write(_defects(), fmt, folder / fmt, name="defects")
    found = lint_paths([path])
    assert {"GZ102", "GZ201", "GZ202", "GZ301", "GZ303"} <= {d.code for d in found}
    return found


def _one(found: list[Diagnostic], code: str) -> Diagnostic:
    (d,) = [d for d in found if d.code == code]
    return d


def test_docx_findings_name_table_row_column_or_paragraph(folder):
    docx = pytest.importorskip("docx")
    found = _lint(folder, "docx")
    for d in found:
        if d.line is not None:
            assert d.where is not None, d
            assert d.where.kind in ("cell", "paragraph"), d
    path = folder / "docx" / "defects.docx"
    tables = docx.Document(str(path)).tables
    # the place names the cell as Word counts it: the text cell is where it says
    text_cell = _one(found, "GZ202").where
    assert text_cell.kind == "cell"
    assert tables[text_cell.table - 1].rows[text_cell.row - 1].cells[text_cell.column - 1].text == "若干"
    blank = _one(found, "GZ201").where
    assert tables[blank.table - 1].rows[blank.row - 1].cells[blank.column - 1].text == ""
    # a row sum points at its single-cell side, the 总计 of the row
    total = _one(found, "GZ303").where
    assert tables[total.table - 1].rows[total.row - 1].cells[total.column - 1].text == "16"
    heading = _one(found, "GZ102").where
    assert heading.kind == "paragraph" and heading.words.startswith("四、政府信息公开")
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    assert paragraphs[heading.paragraph - 1].endswith(HEADING[2:])  # Word numbers the heading: 四、 is not text


def test_html_cell_findings_name_the_table(folder):
    lxml_html = pytest.importorskip("lxml.html")
    found = _lint(folder, "html")
    tables = lxml_html.fromstring((folder / "html" / "defects.html").read_bytes()).findall(".//table")
    for code in ("GZ201", "GZ202", "GZ301", "GZ303"):
        where = _one(found, code).where
        assert where is not None and where.table is not None, code
    assert "若干" in tables[_one(found, "GZ202").where.table - 1].text_content()


def test_pdf_findings_name_the_page(folder):
    pdfplumber = pytest.importorskip("pdfplumber")
    found = _lint(folder, "pdf")
    for d in found:
        if d.line is not None:
            assert d.where is not None and d.where.kind == "page" and d.where.page >= 1, d
    with pdfplumber.open(folder / "pdf" / "defects.pdf") as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert "若干" in pages[_one(found, "GZ202").where.page - 1]
    assert "行政法复议" in pages[_one(found, "GZ102").where.page - 1]


def test_text_findings_have_the_line_only(folder):
    found = _lint(folder, "txt")
    assert all(d.where is None for d in found)


def _render(fmt: str, diagnostics: list[Diagnostic], lang: str = "zh") -> str:
    out = io.StringIO()
    get_reporter(fmt)(diagnostics, ["r.docx"], out, ReportOptions(lang=lang))
    return out.getvalue()


def _cell_finding() -> Diagnostic:
    return Diagnostic(path="r.docx", code="GZ202", severity=Severity.ERROR, message="不是数字", line=106,
                      where=Where("cell", table=2, row=7, column=6))


def test_concise_line_keeps_path_line_code_and_ends_with_the_place():
    first = _render("concise", [_cell_finding()]).splitlines()[0]
    assert first == "r.docx:106: GZ202 不是数字 [第2个表格第7行第6列]"
    assert _render("concise", [_cell_finding()], "en").splitlines()[0].endswith("[table 2, row 7, column 6]")


def test_json_carries_the_place_as_fields():
    data = json.loads(_render("json", [_cell_finding()]))
    assert data["diagnostics"][0]["where"] == {"kind": "cell", "table": 2, "row": 7, "column": 6, "page": None,
                                               "paragraph": None, "text": "第2个表格第7行第6列"}
    line = json.loads(_render("json-lines", [_cell_finding()], "en").splitlines()[0])
    assert line["where"]["text"] == "table 2, row 7, column 6"
    sarif = json.loads(_render("sarif", [_cell_finding()]))
    assert sarif["runs"][0]["results"][0]["properties"]["where"]["table"] == 2


def test_places_read_in_both_languages():
    assert Where("page", page=3).text() == "第3页"
    assert Where("page", page=3).text("en") == "page 3"
    assert Where("paragraph", paragraph=12, words="本年度…").text() == "第12段「本年度…」"
    assert Where("table", table=2).text("en") == "table 2"


def test_cross_report_findings_keep_the_cell_place(tmp_path):
    """GZ305 reads the run's slim facts of each report, not the document: the
    facts keep each cell's place."""
    docx = pytest.importorskip("docx")
    then = sample_report("2021", year=2021)
    now = sample_report("2021", year=2022).set_cell("active.1", "normative", "in_force", "20")  # 12 + 3 − 1 = 14
    writers.write(then, "docx", tmp_path, name="2021")
    path = writers.write(now, "docx", tmp_path, name="2022")
    (d,) = [d for d in lint_paths([tmp_path]) if d.code == "GZ305"]
    assert d.where is not None and d.where.kind == "cell"
    table = docx.Document(str(path)).tables[d.where.table - 1]
    assert table.rows[d.where.row - 1].cells[d.where.column - 1].text == "20"


def test_findings_shown_as_one_keep_the_place_they_share():
    from gzlint.locations import common_place

    a, b = Where("cell", table=2, row=3, column=4), Where("cell", table=2, row=4, column=4)
    assert common_place([a, a]) == a
    assert common_place([a, b]) == Where("table", table=2)
    assert common_place([a, Where("cell", table=3, row=3, column=4)]) is None
    assert common_place([Where("page", page=2), Where("page", page=3)]) is None
    assert common_place([a, None]) is None

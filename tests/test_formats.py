"""The same report in every format gives the same diagnostics and the same grids.

Fixtures are rendered from the project's sample data by tests/writers.py; the
.pdf and .doc ones need LibreOffice and skip with the reason when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gzlint.engine import lint_paths
from gzlint.readers import read_file
from gzlint.testing.sample import SampleReport, official_grid, paragraphs, sample_report

from . import writers

CASES = {
    "clean": lambda r: r,
    # 一、本年新收 自然人 off by one: breaks the row total and the 勾稽关系
    "arithmetic": lambda r: r.set_cell("applications", "new", "natural", "13"),
    "blank": lambda r: r.blank_cell("applications", "disclosed", "business"),
    # a blank in a one-column table of 二 (a row left with only its label)
    "blank-active": lambda r: r.blank_cell("active.5", "licensing", "decisions"),
}


def _report(case: str) -> SampleReport:
    return CASES[case](sample_report("2021"))


#: text other tools write for the same report: (renderer, file suffix)
TEXT_LAYOUTS = {
    "tsv-blank": (lambda r: writers.render_tsv(r, repeat=False), ".txt"),  # merged labels at their origin only
    "tsv-repeat": (lambda r: writers.render_tsv(r, repeat=True), ".txt"),  # merged labels on every row
    "md": (writers.render_markdown, ".md"),  # a PDF→Markdown conversion
}


class Rendered:
    """Renders each (case, format) once per session; LibreOffice formats in one batch."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[tuple[str, str], Path] = {}

    def get(self, case: str, fmt: str) -> Path:
        if fmt in writers.NEEDS_SOFFICE and writers.soffice() is None:
            pytest.skip(f"LibreOffice (soffice) is not installed: cannot render the .{fmt} fixture "
                        "(Debian: apt-get install libreoffice-writer-nogui fonts-wqy-zenhei)")
        if (case, fmt) not in self.files:
            if fmt in TEXT_LAYOUTS:
                render, suffix = TEXT_LAYOUTS[fmt]
                path = self.folder / fmt / f"{case}{suffix}"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(render(_report(case)), encoding="utf-8")
                self.files[(case, fmt)] = path
            elif fmt in writers.NEEDS_SOFFICE:
                made = writers.write_converted({c: _report(c) for c in CASES}, fmt, self.folder / fmt)
                self.files.update({(c, fmt): p for c, p in made.items()})
            else:
                self.files[(case, fmt)] = writers.write(_report(case), fmt, self.folder / fmt, name=case)
        return self.files[(case, fmt)]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> Rendered:
    return Rendered(tmp_path_factory.mktemp("formats"))


def _findings(path: Path) -> list[tuple]:
    return sorted((d.code, d.table, d.row, d.column) for d in lint_paths([path]))


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("fmt", [f for f in writers.FORMATS if f != "txt"] + list(TEXT_LAYOUTS))
def test_same_diagnostics_in_every_format(rendered, fmt, case):
    expected = _findings(rendered.get(case, "txt"))
    if case == "clean":
        assert expected == []
    else:
        assert expected, f"the {case} report should be reported in .txt"
    assert _findings(rendered.get(case, fmt)) == expected


def _shape(table) -> list[tuple]:
    return [(c.text, c.row, c.col, c.rowspan, c.colspan) for row in table.rows for c in row]


def _official_shapes(report: SampleReport) -> list[tuple[str, list[tuple]]]:
    return [
        (str(tid), [(g.text, g.row, g.col, g.rowspan, g.colspan) for row in official_grid(report, str(tid)) for g in row])
        for kind, tid in paragraphs(report)
        if kind == "table"
    ]


@pytest.mark.parametrize("fmt", [f for f in writers.FORMATS if f != "txt"])
def test_merged_cells_are_read_into_the_right_cells(rendered, fmt):
    """Every merge shape of the official form: the 3×3 note cell, 申请人情况
    over 7 columns, 三、本年度办理结果 over 22 rows, （三）–（六） row spans."""
    doc = read_file(rendered.get("clean", fmt))
    tables = doc.tables()
    expected = _official_shapes(_report("clean"))
    assert len(tables) == len(expected)
    for (tid, want), table in zip(expected, tables):
        assert table.layout == "grid"
        assert _shape(table) == want, tid
    applications = dict(expected)["applications"]
    assert ("申请人情况", 0, 3, 1, 7) in applications
    assert applications[0][1:] == (0, 0, 3, 3)
    assert ("三、本年度办理结果", 5, 0, 22, 1) in applications


# -- a table over several PDF pages --------------------------------------------

#: renderings tried in turn until one puts table 三 over three pages of four
_MULTIPAGE_OPTIONS = [dict(font_pt=10), dict(font_pt=9, row_height_cm=1.0), dict(font_pt=9), dict(font_pt=10, row_height_cm=0.9)]


def _table3_pages(pdf_path: Path) -> tuple[int, set[int]]:
    import pdfplumber

    pages: set[int] = set()
    with pdfplumber.open(pdf_path) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            for table in page.extract_tables():
                cells = [c or "" for row in table for c in row]
                # rows of 三 have seven value cells after their labels
                if any(len(row) >= 8 and len(row) < 15 for row in table) and any("政府信息" in c or c.isdigit() for c in cells):
                    pages.add(n)
        return len(pdf.pages), pages


def test_table_over_three_pages_is_read_as_one(tmp_path):
    if writers.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot render the multi-page PDF fixture")
    report = _report("clean")
    for options in _MULTIPAGE_OPTIONS:
        pdf = writers.write_converted({"long": report}, "pdf", tmp_path / str(len(options)) / str(options.get("font_pt")), **options)["long"]
        npages, pages = _table3_pages(pdf)
        if npages == 4 and len(pages) == 3:
            break
    else:
        pytest.fail("no rendering put table 三 over three pages of a four-page PDF")
    doc = read_file(pdf)
    want = dict(_official_shapes(report))
    shapes = [_shape(t) for t in doc.tables()]
    assert want["applications"] in shapes
    table = doc.tables()[[s == want["applications"] for s in shapes].index(True)]
    assert table.page == min(pages)
    assert len(table.rows) == 28


# -- reading by (row, column), not by order ------------------------------------

#: table layouts a grid reader must read as the official one
_LAYOUTS = {
    # 自然人 ↔ 总计 and 商业企业 ↔ 法律服务机构, headers and values together
    "swapped": lambda: writers.swap_columns("applications", ("natural", "total"), ("business", "legal")),
    # two <table>s, the group labels over the cut left empty in the second (a PDF page break)
    "two-tables": lambda: writers.cut_table("applications", "unable.2"),
    # the same with the header repeated on the second piece
    "two-tables-header": lambda: writers.cut_table("applications", "declined.1", header=True),
    # （七）总计 read one column to the left (its label's second column holds a value)
    "shifted-row": lambda: writers.shift_row("applications", "total"),
    # one table, the header rows repeated mid-table (a reader joining pages)
    "repeated-header": lambda: writers.cut_table("applications", "withheld.1", pieces=False, header=True),
    # the header in a <table> of its own, the data rows in the next
    "header-table": lambda: writers.cut_table("applications", "new"),
    # one table, 三、本年度办理结果 and （四）无法提供 written again mid-table (a Word page break)
    "repeated-group": lambda: writers.cut_table("applications", "unable.2", pieces=False, repeat=True),
}


def _grid_findings(tmp_path: Path, report: SampleReport, fmt: str, layout: writers.Layout) -> tuple[list[tuple], object]:
    from gzlint.form.spec import load_forms
    from gzlint.matcher import match

    path = writers.write(report, fmt, tmp_path / fmt, layout=layout)
    return _findings(path), match(read_file(path), load_forms()).tables["applications"]


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx"])
@pytest.mark.parametrize("name", list(_LAYOUTS))
def test_table_three_is_read_by_row_and_column(tmp_path, fmt, name):
    if name == "two-tables-header" and fmt == "xlsx":
        pytest.skip("a spreadsheet has no page break to repeat a header at")
    report = _report("clean")
    findings, table = _grid_findings(tmp_path, report, fmt, _LAYOUTS[name]())
    assert findings == []
    assert len(table.rows) == len(table.spec.data_rows)
    for row_id, values in report.cells["applications"].items():
        assert [c.text for c in table.rows[row_id].cells] == values, row_id
        # each value knows its grid cell
        assert all(c.source is not None for c in table.rows[row_id].cells), row_id


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_wrong_total_in_the_second_piece_is_found(tmp_path, fmt):
    """（七）总计 on the second piece of a cut table is still checked against （一）–（六）."""
    report = _report("clean").set_cell("applications", "total", "natural", "11")
    findings, _ = _grid_findings(tmp_path, report, fmt, writers.cut_table("applications", "unable.2"))
    assert ("GZ302", "自然人") in [(f[0], f[3]) for f in findings]


def test_values_record_their_grid_cell(tmp_path):
    from gzlint.form.spec import load_forms
    from gzlint.matcher import match

    report = _report("clean")
    path = writers.write(report, "html", tmp_path, layout=writers.cut_table("applications", "unable.2"))
    doc = read_file(path)
    table = match(doc, load_forms()).tables["applications"]
    for row_id in ("new", "unable.1", "unable.2", "total"):
        cell = table.rows[row_id].cells[0]
        n, r, c = cell.source
        grid = {(g.row, g.col): g.text for g in doc.tables()[n].cells()}
        assert grid[(r, c)] == cell.text == report.cells["applications"][row_id][0]
    pieces = {table.rows[r].cells[0].source[0] for r in ("new", "total")}
    assert len(pieces) == 2


def test_unknown_column_header_leaves_missing_cells_not_a_shift(tmp_path):
    report = _report("clean")
    report.column_labels[("applications", "business")] = "备注"
    findings, table = _grid_findings(tmp_path, report, "html", writers.official_layout)
    codes = {f[0] for f in findings}
    assert "GZ115" in codes and not codes & {"GZ301", "GZ302", "GZ303"}
    new = table.rows["new"]
    assert new.cells[1].status == "missing"
    assert [new.cells[i].text for i in (0, 2, 6)] == ["12", "0", "16"]
    # read by column: the message names the column whose values are missing
    path = writers.write(report, "html", tmp_path / "named", layout=writers.official_layout)
    short = [d for d in lint_paths([path]) if d.code == "GZ115"]
    assert short and all("缺少「商业企业」列的数值" in d.message for d in short)


@pytest.mark.parametrize("layout", ["two-tables", "two-tables-header"])
def test_table_cut_by_a_page_break_in_a_pdf_is_read_whole(tmp_path, layout):
    """Whether the PDF reader joins the pages (the header repeated mid-table)
    or gives two tables, table 三 is read whole."""
    if writers.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot render the PDF fixture")
    from gzlint.form.spec import load_forms
    from gzlint.matcher import match

    report = _report("clean")
    pdf = writers.write_converted({"cut": report}, "pdf", tmp_path, page_break=True, layout=_LAYOUTS[layout]())["cut"]
    assert _findings(pdf) == []
    table = match(read_file(pdf), load_forms()).tables["applications"]
    assert len(table.rows) == len(table.spec.data_rows)
    assert table.rows["total"].cells[6].text == "16"


@pytest.mark.parametrize("column, header", [("other_org", "其他组织"), ("natural", "")])
def test_column_worded_otherwise_is_read_by_elimination(tmp_path, column, header):
    """A header close to the form's (其他组织 for 其他) or left empty, the one
    column left over for the one form column left over: read, and the wording
    reported (GZ113) when there is one."""
    report = _report("clean")
    report.column_labels[("applications", column)] = header
    findings, table = _grid_findings(tmp_path, report, "html", writers.official_layout)
    assert [f[0] for f in findings] == (["GZ113"] if header else [])
    for row_id, values in report.cells["applications"].items():
        assert [c.text for c in table.rows[row_id].cells] == values, row_id


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx"])
def test_table_four_is_read_by_its_headers(tmp_path, fmt):
    """四 with 结果维持 and 总计 exchanged under 行政复议 and the two 行政诉讼
    groups exchanged: each value is read by the headers above it."""
    from gzlint.form.spec import load_forms
    from gzlint.matcher import match

    report = _report("clean")
    order = [4, 1, 2, 3, 0, *range(10, 15), *range(5, 10)]
    path = writers.write(report, fmt, tmp_path, layout=writers.permute_columns("litigation", order))
    assert _findings(path) == []
    table = match(read_file(path), load_forms()).tables["litigation"]
    for row_id, values in report.cells["litigation"].items():
        assert [c.text for c in table.rows[row_id].cells] == values, row_id
        assert all(c.source is not None for c in table.rows[row_id].cells)


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_caption_table_is_read_by_its_headers(tmp_path, fmt):
    """二 第二十条第（一）项 with 本年制发件数 and 现行有效件数 exchanged."""
    from gzlint.form.spec import load_forms
    from gzlint.matcher import match

    report = _report("clean")
    path = writers.write(report, fmt, tmp_path, layout=writers.swap_columns("active.1", ("issued", "in_force")))
    assert _findings(path) == []
    table = match(read_file(path), load_forms()).tables["active.1"]
    for row_id, values in report.cells["active.1"].items():
        assert [c.text for c in table.rows[row_id].cells] == values, row_id
        assert all(c.source is not None for c in table.rows[row_id].cells)


@pytest.mark.parametrize("name", ["official", "swapped", "repeated-group"])
def test_grid_without_spans_is_read_the_same(name):
    """A grid from tab-separated text (no spans, merged cells as empty cells):
    the grid matcher does not depend on the source format."""
    from gzlint.form.spec import load_forms
    from gzlint.matcher import match

    report = _report("clean")
    layout = writers.official_layout if name == "official" else _LAYOUTS[name]()
    matched = match(writers.grid_document(report, layout, spans=False), load_forms())
    for tid in ("applications", "litigation", "active.1"):
        table = matched.tables[tid]
        for row_id, values in report.cells[tid].items():
            assert [c.text for c in table.rows[row_id].cells] == values, (tid, row_id)
            assert all(c.source is not None for c in table.rows[row_id].cells), (tid, row_id)


@pytest.mark.parametrize("overlap", [False, True])
def test_row_read_a_column_off_is_put_back(overlap):
    """（七）总计 placed one column to the left by a reader, its first value in
    its label's last column or on top of the label's span."""
    from gzlint.form.spec import load_forms
    from gzlint.matcher import match

    report = _report("clean")
    doc = writers.grid_document(report, writers.shift_row("applications", "total", overlap=overlap))
    table = match(doc, load_forms()).tables["applications"]
    assert [c.text for c in table.rows["total"].cells] == report.cells["applications"]["total"]


def test_sub_row_written_without_its_number_is_read_by_its_group(tmp_path):
    """属于国家秘密 beside （三）不予公开 is row 1.属于国家秘密; the wording is
    reported (GZ113), the row is not missing."""
    report = _report("clean")
    report.row_labels[("applications", "withheld.1")] = "属于国家秘密"
    report.row_labels[("applications", "declined.2")] = "重复申请"
    findings, table = _grid_findings(tmp_path, report, "html", writers.official_layout)
    assert [(f[0], f[2]) for f in findings] == [("GZ113", "1.属于国家秘密"), ("GZ113", "2.重复申请")]
    assert [c.text for c in table.rows["declined.2"].cells] == report.cells["applications"]["declined.2"]


def test_one_grid_holding_several_tables():
    """三 and 四 in one grid, one under the other: each read whole, 三 ends
    where 四 begins."""
    from gzlint.document import Table
    from gzlint.form.spec import load_forms
    from gzlint.matcher import match

    report = _report("clean")
    doc = writers.grid_document(report)
    tables = doc.tables()
    three, four = tables[-2], tables[-1]
    offset = len(three.rows)
    for row in four.rows:
        for cell in row:
            cell.row += offset
    merged = Table(three.rows + four.rows, "grid", three.line)
    doc.blocks = [b for b in doc.blocks if b is not four]
    doc.blocks[doc.blocks.index(three)] = merged
    matched = match(doc, load_forms())
    for tid in ("applications", "litigation"):
        table = matched.tables[tid]
        assert not table.extra_rows
        for row_id, values in report.cells[tid].items():
            assert [c.text for c in table.rows[row_id].cells] == values, (tid, row_id)


def test_empty_column_worded_otherwise_is_read_by_elimination(tmp_path):
    """科研 over a column nobody filled in: read as 科研机构, its cells blank (GZ201), not missing (GZ115)."""
    report = _report("clean")
    report.column_labels[("applications", "research")] = "科研"
    for row_id in report.cells["applications"]:
        report.blank_cell("applications", row_id, "research")
    findings, table = _grid_findings(tmp_path, report, "html", writers.official_layout)
    assert {f[0] for f in findings} == {"GZ113", "GZ201"}
    assert {c.status for c in (table.rows[r].cells[2] for r in report.cells["applications"])} == {"blank"}


@pytest.mark.parametrize("fmt", ["txt", "html", "docx"])
def test_swapped_columns_of_table_three_give_no_arithmetic_finding(tmp_path, fmt):
    """自然人 ↔ 总计 and 商业企业 ↔ 法律服务机构, labels and values together: each value
    is read under its own header, so every identity still holds (txt: a tab grid)."""
    report = _report("clean")
    layout = _LAYOUTS["swapped"]()
    if fmt == "txt":
        path = tmp_path / "swapped.txt"
        path.write_text(writers.render_tsv(report, repeat=False, layout=layout), encoding="utf-8")
    else:
        path = writers.write(report, fmt, tmp_path, name="swapped", layout=layout)
    found = _findings(path)
    assert not [f for f in found if f[0].startswith("GZ3")], found
    assert found == []

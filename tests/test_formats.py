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
            if fmt in writers.NEEDS_SOFFICE:
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
@pytest.mark.parametrize("fmt", [f for f in writers.FORMATS if f != "txt"])
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

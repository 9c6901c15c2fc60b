"""Property-based tests (hypothesis): whatever the text reader, the matcher
and the rules are given, they give diagnostics, never an exception.

The example count is bounded (50 each, no deadline) so that CI stays quick;
tools/fuzz.py runs the long search outside CI, and what it finds is kept as
a regression test in tests/test_hostile.py or here.
"""

from __future__ import annotations

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is in the test extra: pip install -e '.[test]'")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from gzlint.config import Settings  # noqa: E402
from gzlint.document import ReadFailure  # noqa: E402
from gzlint.engine import build_report, lint_reports  # noqa: E402
from gzlint.readers.grid import RawCell, make_table, place_rows  # noqa: E402
from gzlint.testing.sample import render_text, sample_report  # noqa: E402

BOUNDED = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_BASE = {f: render_text(sample_report(f)) for f in ("2019", "2021")}

#: what a cell of a real report may hold, and what it should not
cell_text = st.one_of(
    st.integers(min_value=-10**6, max_value=10**6).map(str),
    st.integers(min_value=0, max_value=10**200).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.sampled_from(["", " ", "—", "/", "无", "若干", "００", "1,200", "5件", "75.77万元", "0" * 50, "9" * 5000]),
    st.text(max_size=30),
)


def _lint(*reports):
    result = lint_reports(list(reports), Settings())
    assert result.errors == [], result.errors[0][-2000:] if result.errors else ""
    for d in result.diagnostics:
        assert d.code.startswith("GZ") and d.message and d.severity
    return result


@BOUNDED
@given(st.text(max_size=3000))
def test_the_text_reader_takes_any_text(text):
    report = build_report("any.txt", text.encode("utf-8"))
    assert report.failure is None or report.failure.code in ("GZ001", "GZ002", "GZ003")
    _lint(report)


@BOUNDED
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".docx", ".pdf", ".xlsx", ".doc", ".mht"]))
def test_any_bytes_under_any_name(data, suffix):
    _lint(build_report("any" + suffix, data))


@BOUNDED
@given(st.sampled_from(sorted(_BASE)), st.data())
def test_the_matcher_takes_any_rearranged_report(form, data):
    lines = _BASE[form].split("\n")
    ops = data.draw(st.lists(st.tuples(st.sampled_from(["drop", "dup", "swap", "edit", "tabs"]),
                                       st.integers(0, len(lines) - 1), st.text(max_size=12)), max_size=12))
    for op, i, text in ops:
        i %= len(lines)
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = (i * 7 + 3) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "edit":
            lines[i] = text
        else:
            lines[i] = lines[i].replace("\t", text or "\t\t")
        if not lines:
            lines = [""]
    _lint(build_report("moved.txt", "\n".join(lines).encode("utf-8")))


@BOUNDED
@given(st.sampled_from(sorted(_BASE)), st.data())
def test_the_rules_take_any_cell_values(form, data):
    report = sample_report(form)
    for _ in range(data.draw(st.integers(1, 8))):
        table = data.draw(st.sampled_from(sorted(report.cells)))
        row = data.draw(st.sampled_from(sorted(report.cells[table])))
        values = report.cells[table][row]
        values[data.draw(st.integers(0, len(values) - 1))] = data.draw(cell_text)
    _lint(build_report("cells.txt", render_text(report).encode("utf-8")))


raw_cell = st.builds(lambda t, r, c, rs, cs: RawCell(t, r, c, rs, cs),
                     st.text(max_size=3), st.integers(0, 30), st.integers(0, 30),
                     st.integers(-2, 10**6), st.integers(-2, 10**6))


@BOUNDED
@given(st.lists(raw_cell, max_size=60))
def test_any_cells_make_a_consistent_grid(cells):
    try:
        table = make_table(cells)
    except ReadFailure as failure:  # a limit: that is a diagnostic too
        assert failure.code == "GZ001"
        return
    taken = set()
    height = max((row[0].row + 1 for row in table.rows), default=0)
    for row in table.rows:
        for cell in row:
            assert cell.rowspan >= 1 and cell.colspan >= 1 and cell.row + cell.rowspan <= height
            assert (cell.row, cell.col) not in taken
            taken.add((cell.row, cell.col))


@BOUNDED
@given(st.lists(st.lists(st.tuples(st.integers(-1, 10**6), st.integers(-1, 10**6)), max_size=6), max_size=20))
def test_html_style_rows_place_without_blowing_up(rows):
    raw = [[RawCell("x", 0, 0, max(1, rs), max(1, cs)) for rs, cs in row] for row in rows]
    try:
        placed = place_rows(raw)
    except ReadFailure as failure:
        assert failure.code == "GZ001"
        return
    assert all(c.row + c.rowspan <= len(rows) for c in placed)

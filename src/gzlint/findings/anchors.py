"""Which cells of the form a finding points at.

An arithmetic finding (GZ301–GZ304, ``extra["identity"]``) points at every
cell of the broken identity — the total and each term — so that the page marks
them together; a cell finding at its cell; a finding on a whole row or column
at that row's label or column's header.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..form.spec import TableSpec
from ..matcher.identities import identity_results
from ..matcher.model import Report

#: (table id, row id or None, column id or None)
CellRef = tuple[str, "str | None", "str | None"]


def table_of(report: Report, diagnostic: Diagnostic) -> TableSpec | None:
    if diagnostic.table is None:
        return None
    return next((t for t in report.expected_tables if t.title == diagnostic.table), None)


def finding_cells(report: Report, diagnostic: Diagnostic) -> list[CellRef]:
    spec = table_of(report, diagnostic)
    if spec is None:
        return []
    identity = diagnostic.extra.get("identity")
    if identity:
        cells = _identity_cells(report, spec, identity, diagnostic)
        if cells:
            return cells
    row = next((r.id for r in spec.rows if r.label.text == diagnostic.row), None) if diagnostic.row else None
    col = next((c.id for c in spec.columns if c.label.text == diagnostic.column), None) if diagnostic.column else None
    if row is None and col is None:
        return []
    return [(spec.id, row, col)]


def _identity_cells(report: Report, spec: TableSpec, identity: str, d: Diagnostic) -> list[CellRef]:
    for result in identity_results(report):
        if result.spec.id != identity or result.table.id != spec.id:
            continue
        along = d.column if result.spec.along == "column" else d.row
        if result.along.label.text == along:
            return [(spec.id, t.row.id, t.column.id) for t in result.terms()]
    return []

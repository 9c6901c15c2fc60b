"""Evaluate the form's identities (勾稽关系) on a matched report.

Computed once per report and shared: the arithmetic rules report identities
that break, and the blank-cell rule (GZ201) folds in those that break only
where a blank stands, saying which value would make them hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable

from ..form.spec import ColumnSpec, IdentitySpec, RowSpec, TableSpec
from ..form.values import CellValue
from .model import MatchedRow, MatchedTable, Report


@dataclass
class Term:
    row: RowSpec
    column: ColumnSpec
    cell: CellValue


@dataclass
class IdentityResult:
    spec: IdentitySpec
    table: TableSpec
    #: the column (along = column) or row (along = row) this instance is for
    along: ColumnSpec | RowSpec
    left: list[Term]
    right: list[Term]
    # summed once: the results are computed once per matched report, whose cells rules do not change
    left_sum: Decimal = field(init=False)
    right_sum: Decimal = field(init=False)

    def __post_init__(self) -> None:
        self.left_sum = sum([t.cell.as_number() for t in self.left], Decimal(0))
        self.right_sum = sum([t.cell.as_number() for t in self.right], Decimal(0))

    @property
    def holds(self) -> bool:
        return self.left_sum == self.right_sum

    def terms(self) -> list[Term]:
        return self.left + self.right

    @property
    def blanks(self) -> list[Term]:
        return [t for t in self.terms() if t.cell.status == "blank"]

    @property
    def unreadable(self) -> bool:
        """A term that is not a number or is absent (short row): not checkable."""
        return any(t.cell.status in ("invalid", "missing") for t in self.terms())

    def solve_for(self, term: Term) -> Decimal:
        """The value ``term`` would need for the identity to hold."""
        if term in self.left:
            return self.right_sum - (self.left_sum - term.cell.as_number())
        return self.left_sum - (self.right_sum - term.cell.as_number())


def identity_results(report: Report) -> list[IdentityResult]:
    if "identities" not in report.cache:
        report.cache["identities"] = list(_evaluate(report))
    return report.cache["identities"]


def results_with(report: Report, cell: CellValue) -> list[tuple[IdentityResult, Term]]:
    """The identities ``cell`` is a term of, in order, each with its term there."""
    if "identity_terms" not in report.cache:
        # by id: the results hold their cells, so no id is reused while the index lives
        index: dict[int, list[tuple[IdentityResult, Term]]] = {}
        for result in identity_results(report):
            seen = set()
            for term in result.terms():
                if id(term.cell) not in seen:  # the first term of a cell
                    seen.add(id(term.cell))
                    index.setdefault(id(term.cell), []).append((result, term))
        report.cache["identity_terms"] = index
    return report.cache["identity_terms"].get(id(cell), [])


def _evaluate(report: Report):
    if report.form is None:
        return
    for spec in report.form.identities:
        table = report.tables.get(spec.table)
        if table is None:
            continue
        tspec = table.spec
        if spec.along == "column":
            # a row missing from the report (GZ111 reports it) leaves nothing to add up in any column
            left, right = _rows(table, spec.left), _rows(table, spec.right)
            if left is None or right is None:
                continue
            for col in _columns(table, [c.id for c in tspec.columns]):
                yield IdentityResult(spec, tspec, col[0], _terms(left, [col]), _terms(right, [col]))
        else:
            left, right = _columns(table, spec.left), _columns(table, spec.right)
            for row in tspec.data_rows:
                matched = table.rows.get(row.id)
                if matched is not None:
                    yield IdentityResult(spec, tspec, row, _terms([(row, matched)], left), _terms([(row, matched)], right))


def _rows(table: MatchedTable, ids: tuple[str, ...]) -> list[tuple[RowSpec, MatchedRow]] | None:
    """The form's row and the report's row of each id; None when one is missing."""
    rows = []
    for rid in ids:
        matched = table.rows.get(rid)
        if matched is None:
            return None
        rows.append((table.spec.row(rid), matched))
    return rows


def _columns(table: MatchedTable, ids: Iterable[str]) -> list[tuple[ColumnSpec, int]]:
    """The form's column of each id and where it stands in a row's cells."""
    return [(table.spec.column(cid), table.column_position(cid)) for cid in ids]


def _terms(rows: list[tuple[RowSpec, MatchedRow]], columns: list[tuple[ColumnSpec, int]]) -> list[Term]:
    """The terms of ``rows`` × ``columns``, row by row."""
    return [Term(spec, col, matched.cells[at]) for spec, matched in rows for col, at in columns]

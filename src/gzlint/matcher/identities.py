"""Evaluate the form's identities (勾稽关系) on a matched report.

Computed once per report and shared: the arithmetic rules report identities
that break, and the blank-cell rule (GZ201) folds in those that break only
where a blank stands, saying which value would make them hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..form.spec import ColumnSpec, IdentitySpec, RowSpec, TableSpec
from ..form.values import CellValue
from .model import MatchedTable, Report


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

    @property
    def left_sum(self) -> Decimal:
        return sum((t.cell.as_number() for t in self.left), Decimal(0))

    @property
    def right_sum(self) -> Decimal:
        return sum((t.cell.as_number() for t in self.right), Decimal(0))

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


def _evaluate(report: Report):
    if report.form is None:
        return
    for spec in report.form.identities:
        table = report.tables.get(spec.table)
        if table is None:
            continue
        tspec = table.spec
        if spec.along == "column":
            for col in tspec.columns:
                left = _terms(table, [(r, col.id) for r in spec.left])
                right = _terms(table, [(r, col.id) for r in spec.right])
                if left is not None and right is not None:
                    yield IdentityResult(spec, tspec, col, left, right)
        else:
            for row in tspec.data_rows:
                if row.id not in table.rows:
                    continue
                left = _terms(table, [(row.id, c) for c in spec.left])
                right = _terms(table, [(row.id, c) for c in spec.right])
                if left is not None and right is not None:
                    yield IdentityResult(spec, tspec, row, left, right)


def _terms(table: MatchedTable, refs: list[tuple[str, str]]) -> list[Term] | None:
    """The cells named by ``refs``; None when a row is missing from the report
    (GZ111 reports that; there is nothing to add up)."""
    terms = []
    for row_id, col_id in refs:
        cell = table.cell(row_id, col_id)
        if cell is None:
            return None
        terms.append(Term(table.spec.row(row_id), table.spec.column(col_id), cell))
    return terms

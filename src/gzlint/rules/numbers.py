"""Reading one number out of a matched report, for the rules that compare
cells (GZ305–GZ309): a cell that is blank, missing or not a number reads as
None, so the caller stays silent rather than guess."""

from __future__ import annotations

from decimal import Decimal

from ..form.values import CellValue
from ..matcher.roles import role_value


def number_of(cell: CellValue | None) -> Decimal | None:
    """The number a cell holds, or None."""
    return cell.number if cell is not None and cell.is_number else None


def number_at(table, row: str, column: str) -> Decimal | None:
    """The number in (row, column) of a matched table, or None."""
    return number_of(table.cell(row, column) if table is not None else None)


def role_number(report, role: str, column: str | None = None) -> Decimal | None:
    """The number in the cell a role names (``role_value``), or None where the
    form lacks the role, the report the cell, or the cell a number."""
    return number_of(role_value(report, role, column))

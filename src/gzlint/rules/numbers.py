"""Reading one number out of a matched table, for the rules that compare
cells (GZ305, GZ307, GZ309): a cell that is blank, missing or not a number
reads as None, so the caller stays silent rather than guess."""

from __future__ import annotations

from decimal import Decimal


def number_at(table, row: str, column: str) -> Decimal | None:
    """The number in (row, column) of a matched table, or None."""
    cell = table.cell(row, column) if table is not None else None
    return cell.number if cell is not None and cell.is_number else None

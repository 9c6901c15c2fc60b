"""The cell grid of one document table, as the grid matcher walks it.

A piece knows which cell covers each grid position (a merged cell covers all
of its span), the cells that start in each row, and the cells a reader put on
top of another's span. One logical table may come as several pieces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..form.spec import ColumnSpec
from .stream import Token


@dataclass
class Piece:
    """One document table: its cells by every grid position they cover."""

    table: int
    tokens: list[Token]
    at: dict[tuple[int, int], Token] = field(default_factory=dict)
    width: int = 0
    height: int = 0

    #: origin cells by grid row, left to right
    starts: dict[int, list[Token]] = field(default_factory=dict)
    #: ids of cells whose origin an earlier cell's span already covers (a reader misplacing a row)
    overlapped: set[int] = field(default_factory=set)
    #: the cell that starts at each position, where one does (see ``origin``): asked of every value cell
    origins: dict[tuple[int, int], Token] = field(default_factory=dict)

    @classmethod
    def of(cls, table: int, tokens: list[Token]) -> "Piece":
        piece = cls(table, tokens)
        at, starts, origins = piece.at, piece.starts, piece.origins
        for t in sorted(tokens, key=_origin):
            r, c, rs, cs = t.grid  # type: ignore[misc]
            starts.setdefault(r, []).append(t)
            if (r, c) in at:
                piece.overlapped.add(id(t))
            else:
                origins[(r, c)] = t
                if rs == cs == 1:  # most cells: one position, free
                    at[(r, c)] = t
                    continue
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    at.setdefault((rr, cc), t)
        piece.width = max(t.grid[1] + t.grid[3] for t in tokens)  # type: ignore[index]
        piece.height = max(t.grid[0] + t.grid[2] for t in tokens)  # type: ignore[index]
        return piece

    def row(self, r: int, cols: range) -> list[Token]:
        """The distinct cells of row ``r`` within ``cols``, left to right."""
        out: list[Token] = []
        for c in cols:
            t = self.at.get((r, c))
            if t is not None and (not out or out[-1] is not t):
                out.append(t)
        return out

    @cached_property  # a piece is complete once ``of`` has built it
    def spanless(self) -> bool:
        """No merged cells at all (a grid from tab-separated text)."""
        return all(t.grid[2:] == (1, 1) for t in self.tokens)  # type: ignore[index]

    def left_of(self, r: int, c: int) -> Token | None:
        """The nearest non-empty cell left of (r, c) in row ``r``."""
        for k in range(c - 1, -1, -1):
            t = self.at.get((r, k))
            if t is not None and not t.blank:
                return t
        return None

    def origin(self, r: int, c: int) -> Token | None:
        """The cell that starts at (r, c), if any (not one spanning into it)."""
        return self.origins.get((r, c))


def _origin(t: Token) -> tuple[int, int]:
    return t.grid[:2]  # type: ignore[index]


def grid_pieces(tokens: list[Token]) -> dict[int, Piece]:
    """Every ``grid`` table of the stream, by table ordinal."""
    by_table: dict[int, list[Token]] = {}
    for t in tokens:
        if t.grid is not None and t.table is not None:
            by_table.setdefault(t.table, []).append(t)
    return {n: Piece.of(n, ts) for n, ts in by_table.items()}


def numeric_columns(piece: Piece, rows: range) -> list[int]:
    """Grid columns whose cells in ``rows`` are mostly numbers."""
    out = []
    for c in range(piece.width):
        cells = [t for r in rows if (t := piece.origin(r, c)) is not None and not t.blank]
        numbers = sum(1 for t in cells if t.numeric())
        if numbers and 2 * numbers >= len(cells):
            out.append(c)
    return out


def blank_columns(piece: Piece, rows: range) -> list[int]:
    """Grid columns with a cell of their own in each of ``rows``, every one empty
    (a column of the form nobody filled in)."""
    return [c for c in range(piece.width)
            if all((t := piece.origin(r, c)) is not None and t.blank for r in rows)]


def aligned(columns: dict[int, ColumnSpec], source: Piece, target: Piece) -> dict[int, ColumnSpec]:
    """A column map moved from one piece to another by their right edges: value
    columns are on the right, a piece may have fewer label columns on the left.
    Empty when no label column would be left."""
    shift = target.width - source.width
    moved = {c + shift: col for c, col in columns.items()}
    return moved if moved and min(moved) > 0 else {}

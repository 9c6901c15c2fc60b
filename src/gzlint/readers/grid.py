"""Helpers every grid-producing reader shares.

Readers collect :class:`RawCell` s (origin position plus spans, wherever the
format states them) and call :func:`make_table`. It drops grid columns and rows
in which no cell starts — LibreOffice's phantom column (deps.md §3.1) and
pdfplumber's extra edges — so the same table has the same grid whatever
format it came from.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from operator import attrgetter
from dataclasses import dataclass

from ..document import Cell, Table
from ..text import CJK_WIDE, LABEL_START, LazyPattern
from . import limits

_JOIN_TIGHT = LazyPattern(f"[{CJK_WIDE}]")
#: the start of an enumerated label or heading: 一、 （一） 1. 1、 (1) ①
ENUM_START = LABEL_START
#: spaces that are layout, not content (nbsp and the ideographic space included)
_INLINE_SPACE = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u200b\u3000]+")


@dataclass
class RawCell:
    """A cell at its origin (0-based) with its spans, before normalisation."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    line: int | None = None
    page: int | None = None


def clean_text(text: str) -> str:
    """Whitespace-normalise cell or paragraph text: runs of blanks become one
    space, blank lines go, and lines are kept apart with ``\\n``."""
    if " " not in text and text.isprintable():
        return text  # no blank of any kind (every other one is unprintable): most cells
    # one substitution for all lines: no inline space is a line break
    lines = (line.strip() for line in _INLINE_SPACE.sub(" ", text.replace("\r", "\n")).split("\n"))
    return "\n".join(line for line in lines if line)


def is_cjk(ch: str) -> bool:
    """A CJK character or full-width punctuation: no space is written next to it."""
    return bool(_JOIN_TIGHT.match(ch))


_SOURCE_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t\r\n]*")


def unwrap_source(text: str) -> str:
    """Markup text with the source's own line breaks taken out (they are not
    breaks in HTML): nothing between CJK characters, a space elsewhere."""
    if "\n" not in text and "\r" not in text:
        return text
    if not text.strip(" \t\r\n"):
        return " "  # one break and the blanks around it, with no character on either side

    def repl(m: re.Match) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return "" if before and after and (_JOIN_TIGHT.match(before) or _JOIN_TIGHT.match(after)) else " "

    return _SOURCE_BREAK.sub(repl, text)


def join_wrapped(lines: list[str]) -> str:
    """Join lines that were wrapped by layout (PDF): no space between CJK
    characters, one space between words of Latin text."""
    out = ""
    for line in (part.strip() for part in lines):
        if not line:
            continue
        if out and not (_JOIN_TIGHT.match(out[-1]) or _JOIN_TIGHT.match(line[0])):
            out += " "
        out += line
    return out


def place_rows(rows: list[list[RawCell]]) -> list[RawCell]:
    """Give HTML-style rows (cells in order, spans but no positions) their grid
    positions: each cell takes the first column no earlier span covers.

    Spans are cut at the last row and at the table limits before they are
    expanded, and the expansion is counted, so ``rowspan=100000`` costs nothing."""
    taken: set[tuple[int, int]] = set()
    placed: list[RawCell] = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            if cell.rowspan != 1 or cell.colspan != 1:  # a 1×1 cell (most) is within every bound
                cell.rowspan = min(limits.clip_span(cell.rowspan), len(rows) - r)
                cell.colspan = limits.clip_span(cell.colspan)
            cell.row, cell.col = r, c
            limits.check_cells(len(taken) + cell.rowspan * cell.colspan)
            _cover(taken, r, c, cell.rowspan, cell.colspan)
            placed.append(cell)
            c += cell.colspan
    return placed


_ORIGIN = attrgetter("row", "col")


def make_table(cells: list[RawCell], line: int | None = None, page: int | None = None) -> Table:
    """A ``grid`` table from origin cells: overlapping spans are clipped, spans
    past the last row are cut, and rows/columns where no cell starts are dropped."""
    if not cells:
        return Table(rows=[], layout="grid", line=line, page=page)
    cells = sorted(cells, key=_ORIGIN)
    nrows = cells[-1].row + 1
    # a rowspan may claim rows that do not exist (HTML rowspan=99, a cut table)
    for c in cells:
        if c.rowspan != 1 or c.colspan != 1:  # a 1×1 cell needs no clipping
            c.rowspan = max(1, min(c.rowspan, nrows - c.row))
            c.colspan = max(1, c.colspan)
    col_starts, row_starts = sorted({c.col for c in cells}), sorted({c.row for c in cells})
    limits.check_table(len(row_starts), len(col_starts))
    col_map, row_map = _keep(col_starts), _keep(row_starts)
    spans = [(_span(row_starts, row_map, c.row, c.rowspan), _span(col_starts, col_map, c.col, c.colspan)) for c in cells]
    limits.check_cells(sum(rs * cs for rs, cs in spans))
    rows: dict[int, list[Cell]] = {}
    taken: set[tuple[int, int]] = set()
    for c, (rowspan, colspan) in zip(cells, spans):
        r, k = row_map[c.row], col_map[c.col]
        if (r, k) in taken:  # a malformed file put two cells on one position
            continue
        _cover(taken, r, k, rowspan, colspan)
        rows.setdefault(r, []).append(Cell(text=c.text, line=c.line, row=r, col=k, rowspan=rowspan, colspan=colspan, page=c.page))
    # a row whose every cell lay under an earlier span is gone: no span may reach past the last row left
    last = max(rows)
    for row in rows.values():
        for cell in row:
            if cell.rowspan != 1:
                cell.rowspan = min(cell.rowspan, last - cell.row + 1)
    return Table(rows=[rows[r] for r in sorted(rows)], layout="grid", line=line, page=page)


def _cover(taken: set[tuple[int, int]], row: int, col: int, rowspan: int, colspan: int) -> None:
    """Mark the positions a cell covers."""
    if rowspan == colspan == 1:
        taken.add((row, col))
        return
    for r in range(row, row + rowspan):
        for c in range(col, col + colspan):
            taken.add((r, c))


def _keep(starts: list[int]) -> dict[int, int]:
    return {old: new for new, old in enumerate(starts)}


def _span(starts: list[int], index: dict[int, int], start: int, span: int) -> int:
    """How many kept positions lie in [start, start + span) (``start`` is one of them)."""
    if span == 1:
        return 1
    return max(1, bisect_left(starts, start + span) - index[start])

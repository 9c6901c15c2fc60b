"""Ruled PDF tables: from cell boxes to a grid, and fragments stitched across pages.

pdfplumber gives one table per page, each a list of cell boxes (a merged cell
is one box). A table that runs over pages comes back as fragments whose
column counts differ (a boundary with no ruling on one page, deps.md §3.4),
and a row-spanning label is cut in two at the page break (三、本 / 年度办理结果).
Columns are therefore placed on the union of every fragment's x-positions,
never by index, and a cut cell is rejoined with its piece on the next page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .grid import ENUM_START, RawCell, join_wrapped

#: points within which two ruling positions are the same line
_TOL = 2.0
_NUMERIC = re.compile(r"^[+-]?\d[\d,，.]*(万元|元|件|%)?$")


@dataclass
class Box:
    """A cell box of one page fragment, with its text and local grid position."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    row: int = 0
    rowspan: int = 1
    line: int | None = None
    #: the box this one continues, when a page break cut a cell in two
    origin: "Box | None" = None


@dataclass
class Fragment:
    """The part of a table that lies on one page."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    boxes: list[Box] = field(default_factory=list)
    nrows: int = 0

    def locate_rows(self) -> None:
        edges = cluster([b.top for b in self.boxes] + [b.bottom for b in self.boxes])
        for b in self.boxes:
            b.row = nearest(edges, b.top)
            b.rowspan = max(1, nearest(edges, b.bottom) - b.row)
        self.nrows = max((b.row + b.rowspan for b in self.boxes), default=0)
        self.boxes.sort(key=lambda b: (b.row, b.x0))

    def first_row(self) -> list[Box]:
        return [b for b in self.boxes if b.row == 0]

    def last_row(self) -> list[Box]:
        return [b for b in self.boxes if b.row + b.rowspan == self.nrows]


def cluster(values: list[float], tol: float = _TOL) -> list[float]:
    """Sorted positions with near-equal ones merged."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def nearest(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def continues(a: Fragment, b: Fragment) -> bool:
    """Does fragment ``b`` (top of the next page) carry on table ``a``?"""
    if b.page != a.page + 1 or abs(a.x0 - b.x0) > _TOL or abs(a.x1 - b.x1) > _TOL:
        return False
    first = b.first_row()
    # a full-width first row is a new table's caption or title
    return not (len(first) == 1 and b.nrows > 1 and abs(first[0].x1 - first[0].x0 - (b.x1 - b.x0)) <= _TOL)


def stitch(fragments: list[Fragment]) -> list[RawCell]:
    """One table's fragments (in page order, rows located) as origin cells on one grid."""
    for prev, frag in zip(fragments, fragments[1:]):
        _drop_repeated_header(fragments[0], frag)
        _rejoin_cut_cells(prev, frag)
    edges = cluster([x for f in fragments for b in f.boxes for x in (b.x0, b.x1)])
    cells: dict[int, RawCell] = {}  # by id of the origin box, kept alive in the fragments
    offset = 0
    for frag in fragments:
        for b in frag.boxes:
            if b.origin is not None:  # a cut piece: the origin's span reaches its last row
                origin = cells[id(b.origin)]
                origin.rowspan = offset + b.row + b.rowspan - origin.row
                continue
            col = nearest(edges, b.x0)
            colspan = max(1, nearest(edges, b.x1) - col)
            cells[id(b)] = RawCell(b.text, offset + b.row, col, b.rowspan, colspan, b.line, frag.page)
        offset += frag.nrows
    return list(cells.values())


def _drop_repeated_header(head: Fragment, frag: Fragment) -> None:
    """Word's "repeat header rows" prints the header again on every page."""
    def rows(f: Fragment, n: int) -> list[list[str]]:
        return [[b.text for b in f.boxes if b.row == r] for r in range(n)]

    for n in range(min(head.nrows, frag.nrows - 1), 0, -1):
        if rows(head, n) == rows(frag, n) and any(t for row in rows(frag, n) for t in row):
            frag.boxes = [b for b in frag.boxes if b.row >= n]
            for b in frag.boxes:
                b.row -= n
            frag.nrows -= n
            return


def _rejoin_cut_cells(a: Fragment, b: Fragment) -> None:
    """Join a cell cut by the page break with its piece at the top of ``b``.

    The pieces have the same x-range, neither holds a number, and the lower one
    does not start a new enumerated label. One of them must cover several rows
    (the cell spans rows), unless one piece is empty in a column with no numbers
    above it yet (a header cell cut in two)."""
    numeric_cols = {(round(x.x0), round(x.x1)) for x in a.boxes if _NUMERIC.match(x.text)}
    for y in b.first_row():
        x = next((x for x in a.last_row() if abs(x.x0 - y.x0) <= _TOL and abs(x.x1 - y.x1) <= _TOL), None)
        if x is None or _NUMERIC.match(x.text) or _NUMERIC.match(y.text):
            continue
        root = x.origin or x
        if root.text and ENUM_START.match(y.text):  # a new label, not the rest of this one
            continue
        spans_rows = (x.rowspan > 1 or y.rowspan > 1 or x.origin is not None) and bool(root.text or y.text)
        cut_header = bool(root.text) != bool(y.text) and (round(x.x0), round(x.x1)) not in numeric_cols
        if spans_rows or cut_header:
            root.text = join_wrapped([root.text, y.text])
            y.origin = root

"""Read one form table from the cell grids of ``grid``-layout tables.

Where the reader kept cell positions, a value is read by (row, column): its
column is the form column whose header label it stands under (法人或其他组织
over 商业企业 … 其他), its row the form row whose label it carries (the leaf of
三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密). The order in which values
arrive never matters, so swapped columns, a group label repeated after a page
break or a table cut into pieces read the same as the official layout. Three
shapes: 三 (``read``), the 第二十条 tables of 二 under their caption
(``read_captioned``) and 四, whose form rows are header groups over one row of
values (``read_flat``).

A logical table may come in pieces: adjacent tables of about the same width
(aligned by their right edges, where the values are) whose first rows go on
with the form's row labels (a page break in a PDF, two ``<table>``s in a
page), with or without the header repeated. A column whose header is not
recognised yields ``missing`` cells (GZ115), never a shift; a grid whose
header cannot be trusted is left to reading by order (tables.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..form.labels import similarity
from ..form.spec import ColumnSpec, RowSpec, TableSpec
from ..form.values import CellValue
from .labels import Hit, LabelSet, looks_like_row_label, unit_note, without_enumeration
from .model import LabelMatch, MatchedRow, MatchedTable
from .gridpiece import Piece, aligned, blank_columns, numeric_columns
from .stream import Token

#: text between two pieces of one table: page numbers and footers such as "— 4 —"
_GAP_TEXT = 12
#: a header this close to a form label left without a column is that column worded otherwise
_WORDING_SIMILARITY = 0.5
#: how many label columns a piece of a table may have more or fewer than the others
_WIDTH_SLACK = 2
#: a continuation must carry a row label within its first rows (after a repeated header)
_CONTINUATION_ROWS = 4


class GridReader:
    """Reads the form table ``spec`` from the piece holding its anchor row label."""

    def __init__(self, tokens: list[Token], pieces: dict[int, Piece], spec: TableSpec, labels: LabelSet,
                 stop: Callable[[Token], bool] | None = None) -> None:
        self.tokens = tokens
        #: the stream's grid tables (``gridpiece.grid_pieces``), built once per stream
        self.pieces = pieces
        self.spec = spec
        self.labels = labels
        #: a cell that starts another form table (a grid holding several) ends this one
        self.stop = stop or (lambda t: False)
        self.ncols = len(spec.columns)

    def read(self, anchor: Token) -> MatchedTable | None:
        """The table, or None when fewer than half its column headers are
        recognised (the caller then reads the values by order)."""
        first = self.pieces.get(anchor.table) if anchor.table is not None else None
        if first is None:
            return None
        top = self._first_label_row(first)
        if top is None:
            return None
        columns, header_labels, units = self._columns(first, range(top))
        columns, worded = self._complete(first, range(top), range(top, first.height), columns)
        header_labels += worded
        start_piece = first
        if not columns:
            # the header in a table of its own, just before
            before = self.pieces.get(first.table - 1)
            if before is not None and self._fits(before, first) and self._first_label_row(before) is None:
                columns, header_labels, units = self._columns(before, range(before.height))
                columns = aligned(columns, before, first)
                start_piece = before
        if 2 * len(columns) < self.ncols or not _over_values(first, range(top, first.height), columns):
            return None  # too few headers recognised, or not over the values: the grid's columns are not to be trusted
        table = MatchedTable(self.spec, start_piece.tokens[0].index, first.tokens[-1].index + 1, start_piece.tokens[0].line)
        table.labels.extend(header_labels)
        table.header_units.update(units)
        state = _State()
        piece, rows, cmap = first, range(top, first.height), columns
        while True:
            stopped = self._read_rows(piece, rows, cmap, table, state)
            table.end = stopped.index if stopped else piece.tokens[-1].index + 1
            nxt = None if stopped else self._continuation(piece)
            if nxt is None:
                break
            prev, (piece, ntop) = piece, nxt
            rows = range(ntop, piece.height)
            own, own_labels, own_units = self._columns(piece, range(ntop))
            own, worded = self._complete(piece, range(ntop), rows, own) if own else (own, [])
            own_labels += worded
            if own:
                cmap = own
                table.labels.extend(own_labels)
                table.header_units.update(own_units)
            else:
                cmap = aligned(cmap, prev, piece)
            if not cmap:
                break
        return table

    def read_captioned(self, caption: Token, captions: set[int]) -> MatchedTable | None:
        """A 第二十条 table of 二: the grid rows after its caption cell, up to the
        next caption in the same grid. None when its header is not recognised."""
        piece = self.pieces.get(caption.table) if caption.table is not None else None
        if piece is None or caption.grid is None:
            return None
        begin = caption.grid[0] + caption.grid[2]
        end = next((r for r in range(begin, piece.height)
                    if any(t.index in captions for t in piece.row(r, range(piece.width)))), piece.height)
        top = self._first_label_row(piece, range(begin, end))
        if top is None:
            return None
        columns, header_labels, units = self._columns(piece, range(begin, top))
        columns, worded = self._complete(piece, range(begin, top), range(top, end), columns)
        if 2 * len(columns) < self.ncols or not _over_values(piece, range(top, end), columns):
            return None
        tokens = [t for r in range(caption.grid[0], end) for t in piece.starts.get(r, ())]
        table = MatchedTable(self.spec, caption.index, max(t.index for t in tokens) + 1, caption.line)
        table.labels.extend(header_labels + worded)
        table.header_units.update(units)
        self._read_rows(piece, range(top, end), columns, table, _State())
        return table

    def read_flat(self, anchor: Token) -> MatchedTable | None:
        """A table whose form rows are header groups over one row of values (四:
        行政复议 | 行政诉讼 › 未经复议直接起诉 | 复议后起诉, each over 结果维持 … 总计).

        Each grid column is placed by the deepest row label and the deepest
        column label above it. None when fewer than half the cells are placed."""
        piece = self.pieces.get(anchor.table) if anchor.table is not None else None
        if piece is None or anchor.grid is None:
            return None
        begin = anchor.grid[0]
        top = next((r for r in range(begin, piece.height) if any(t.numeric() for t in piece.starts.get(r, ()))), None)
        if top is None:
            return None
        header = range(begin, top)
        places: dict[int, tuple[RowSpec, ColumnSpec]] = {}
        taken: set[tuple[str, str]] = set()
        row_labels: dict[str, Token] = {}
        for c in range(piece.width):
            stack = self._stack(piece, c, header)
            row = next(((h, t) for t in reversed(stack) if (h := self.labels.match(t.key, ("row",)))), None)
            col = next((h for t in reversed(stack) if (h := self.labels.match(t.key, ("column",)))), None)
            if row is None or col is None or (row[0].item.id, col.item.id) in taken:
                continue
            taken.add((row[0].item.id, col.item.id))
            places[c] = (row[0].item, col.item)
            row_labels.setdefault(row[0].item.id, row[1])
        ncells = len(self.spec.rows) * self.ncols
        if 2 * len(places) < ncells:
            return None
        table = MatchedTable(self.spec, anchor.index, piece.tokens[-1].index + 1, anchor.line)
        seen: set[int] = set()
        for r in header:
            for t in piece.row(r, range(piece.width)):
                hit = self.labels.match(t.key) if id(t) not in seen else None
                seen.add(id(t))
                if hit:
                    table.labels.append(LabelMatch(hit.label.text, t.text, t.line, hit.how, hit.kind))
        values: dict[tuple[str, str], CellValue] = {}
        extra: list[Token] = []
        for c in range(piece.width):
            t = piece.origin(top, c)
            if t is None:
                continue
            if c not in places:
                if not t.blank:
                    extra.append(t)
                continue
            row_spec, col = places[c]
            values[(row_spec.id, col.id)] = t.cell_value()
        found = 0
        for k, row_spec in enumerate(self.spec.rows):
            label = row_labels.get(row_spec.id, anchor)
            cells = [values.get((row_spec.id, col.id)) or CellValue(None, label.line, "missing") for col in self.spec.columns]
            present = sum(1 for cell in cells if cell.status != "missing")
            found += present
            last = k == len(self.spec.rows) - 1
            table.rows[row_spec.id] = MatchedRow(row_spec, label, cells, present, extra if last else [])
        table.flat = (found, ncells)
        return table

    # -- pieces ------------------------------------------------------------------

    def _first_label_row(self, piece: Piece, rows: range | None = None) -> int | None:
        """The first grid row (of ``rows``) carrying one of the table's row labels."""
        for r in rows if rows is not None else range(piece.height):
            if any(self.labels.match(t.key, ("row",)) for t in piece.starts.get(r, ())):
                return r
        return None

    def _fits(self, a: Piece, b: Piece) -> bool:
        """Two tables that may be pieces of one: adjacent, of about the same
        width (a reader drops a label column no cell starts in)."""
        return abs(a.width - b.width) <= _WIDTH_SLACK and self._adjacent(a, b)

    def _adjacent(self, a: Piece, b: Piece) -> bool:
        """Nothing but page numbers or footers between two tables."""
        between = self.tokens[a.tokens[-1].index + 1 : b.tokens[0].index]
        return all(t.kind == "para" and len(t.text.strip()) <= _GAP_TEXT for t in between)

    def _continuation(self, piece: Piece) -> tuple[Piece, int] | None:
        """The next table, if it goes on with this one: about as wide, adjacent,
        its first rows carrying the table's row labels."""
        nxt = self.pieces.get(piece.table + 1)
        if nxt is None or not self._fits(piece, nxt):
            return None
        top = self._first_label_row(nxt)
        if top is None or top >= _CONTINUATION_ROWS:
            return None
        # above it only a repeated header or the rest of a row cut by the page break
        if any(t.numeric() for r in range(top) for t in nxt.row(r, range(nxt.width))):
            return None
        return nxt, top

    # -- header ------------------------------------------------------------------

    def _columns(self, piece: Piece, header: range) -> tuple[dict[int, ColumnSpec], list[LabelMatch], dict[str, str]]:
        """Grid column → form column, by the deepest header label over each column."""
        seen: dict[int, Hit | None] = {}
        for r in header:
            for t in piece.row(r, range(piece.width)):
                if id(t) not in seen:
                    seen[id(t)] = self.labels.match(t.key, ("column", "header"))
        columns: dict[int, ColumnSpec] = {}
        taken: set[int] = set()
        for c in range(piece.width):
            stack = self._stack(piece, c, header)
            above = {h.item for t in stack if (h := seen.get(id(t))) and h.kind == "header"}
            for t in reversed(stack):
                col = self._column_for(t, above, taken)
                if col is not None:
                    columns[c] = col
                    taken.add(id(col))
                    break
        found: list[LabelMatch] = []
        units: dict[str, str] = {}
        listed: set[int] = set()
        for r in header:
            for t in piece.row(r, range(piece.width)):
                hit = seen.get(id(t))
                if hit and id(t) not in listed and t.grid[0] == r:  # type: ignore[index]
                    listed.add(id(t))
                    found.append(LabelMatch(hit.label.text, t.text, t.line, hit.how, hit.kind))
        for c, col in columns.items():
            unit = _unit_note(self._stack(piece, c, header))
            if unit:
                units[col.id] = unit
        return columns, found, units

    def _complete(self, piece: Piece, header: range, rows: range, columns: dict[int, ColumnSpec]) -> tuple[dict[int, ColumnSpec], list[LabelMatch]]:
        """Add the columns whose header is worded otherwise (其他组织 for 其他).

        Only where the value columns (of numbers, or empty between recognised
        ones) left without a header and the form columns
        left without a grid column are as many, pairing them in order keeps every
        column in the form's order, and each header is empty or close to the
        form's label; else they stay missing (GZ115)."""
        have = {m.id for m in columns.values()}
        missing = [col for col in self.spec.columns if col.id not in have]
        if not missing or not columns:
            return columns, []
        inside = range(min(columns) + 1, max(columns))
        unmapped = sorted(c for c in {*numeric_columns(piece, rows), *(c for c in blank_columns(piece, rows) if c in inside)}
                          if c not in columns)
        if len(unmapped) != len(missing):
            return columns, []
        trial = {**columns, **dict(zip(unmapped, missing))}
        position = {col.id: i for i, col in enumerate(self.spec.columns)}
        order = [position[col.id] for _, col in sorted(trial.items())]
        if order != sorted(order):
            return columns, []
        worded: list[LabelMatch] = []
        for c, col in zip(unmapped, missing):
            own = [t for t in self._stack(piece, c, header) if not self.labels.match(t.key, ("column", "header"))]
            if not own:
                continue
            if not _close(own[-1].key, col.label.key):
                return columns, []
            worded.append(LabelMatch(col.label.text, own[-1].text, own[-1].line, "fuzzy", "column"))
        return trial, worded

    def _column_for(self, t: Token, groups: set, taken: set[int]) -> ColumnSpec | None:
        """The form column a header cell names; where two share a label
        (结果维持 under 行政复议 and under 行政诉讼), the one whose group is above it."""
        exclude = set(taken)
        candidates: list[ColumnSpec] = []
        while (hit := self.labels.match(t.key, ("column",), exclude)) is not None:
            candidates.append(hit.item)
            exclude.add(id(hit.item))
        if not candidates:
            return None
        in_group = [c for c in candidates if c.group and c.group in groups]
        return (in_group or candidates)[0]

    def _stack(self, piece: Piece, c: int, header: range) -> list[Token]:
        """The distinct header cells over grid column ``c``, top to bottom.

        In a grid without spans (tab-separated text) a group label is written
        once and the columns it covers are empty: an empty header cell right of
        a group label (法人或其他组织, 行政诉讼) stands under it."""
        out: list[Token] = []
        for r in header:
            t = piece.at.get((r, c))
            if t is not None and t.blank and piece.spanless:
                left = piece.left_of(r, c)
                if left is not None and self.labels.match(left.key, ("header", "row")):
                    t = left
            if t is not None and not t.blank and all(t is not u for u in out):
                out.append(t)
        return out

    # -- rows --------------------------------------------------------------------

    def _child_of_group(self, leaf: Token, groups: list[Token], state: "_State") -> Hit | None:
        """A sub-row label written without its number (属于国家秘密 beside
        （三）不予公开): the child of the group label on its left with that text."""
        bare = without_enumeration(leaf.key)
        for t in reversed(groups):
            group = self.labels.match(t.key, ("row",))
            if group is None or not group.item.group:
                continue
            for child in self.labels.items("row"):
                if child.parent != group.item.id or id(child) in state.taken:
                    continue
                if bare in (without_enumeration(k) for k in (child.label.key, *child.label.variant_keys)):
                    return Hit(child, child.label, "row", "variant")
            return None
        return None

    def _read_rows(self, piece: Piece, rows: range, cmap: dict[int, ColumnSpec], table: MatchedTable, state: "_State") -> Token | None:
        """Read ``rows`` into ``table``; the cell that ended the table early, if any."""
        first_value = min(cmap)
        order = [c.id for c in self.spec.columns]
        for r in rows:
            ender = next((t for t in piece.starts.get(r, ()) if self.stop(t)), None)
            if ender is not None and r > rows.start:
                return ender
            cells_in_labels = [t for t in piece.row(r, range(first_value)) if not t.blank]
            label_cells = [t for t in cells_in_labels if not t.numeric()]
            row_spec, label = self._row_for(label_cells, table, state)
            if label is not None and id(label) in state.used_labels:
                continue  # a label spanning several grid rows: read at its first
            values: dict[str, CellValue] = {}
            extra: list[Token] = []
            misplaced = len(label_cells) < len(cells_in_labels) or (
                bool(piece.overlapped) and any(id(t) in piece.overlapped for t in piece.starts.get(r, ())))
            for c, t in _value_cells(piece, r, cmap, label_cells, misplaced):
                col = cmap.get(c)
                if col is None or col.id in values:
                    if not t.blank:
                        extra.append(t)
                    continue
                values[col.id] = t.cell_value()
            if row_spec is None:
                if label is not None and any(v.is_number for v in values.values()):
                    state.used_labels.add(id(label))
                    cells_after = [piece.origin(r, c) for c in range(first_value, piece.width)]
                    table.extra_rows.append((label, [t for t in cells_after if t is not None]))
                continue
            state.used_labels.add(id(label))
            line = label.line
            cells = [values.get(cid) or CellValue(None, line, "missing") for cid in order]
            table.rows[row_spec.id] = MatchedRow(row_spec, label, cells, len(values), extra, by_column=True)
        return None

    def _row_for(self, label_cells: list[Token], table: MatchedTable, state: "_State") -> tuple[RowSpec | None, Token | None]:
        """The data row a grid row stands for, by its innermost label (the
        rightmost label cell); (None, label) for a row the form does not have
        or a label already read, (None, None) for no data row."""
        if not label_cells:
            return None, None
        leaf = label_cells[-1]
        if id(leaf) in state.used_labels:
            return None, leaf
        hit = self.labels.match(leaf.key, ("row",), state.taken) or self._child_of_group(leaf, label_cells[:-1], state)
        if hit is not None:
            if id(leaf) not in state.listed:
                state.listed.add(id(leaf))
                table.labels.append(LabelMatch(hit.label.text, leaf.text, leaf.line, hit.how, "row"))
            if hit.item.group:
                return None, None  # a group label on a row of its own, or repeated after a page break
            state.taken.add(id(hit.item))
            return hit.item, leaf
        if self.labels.match(leaf.key, ("row",)) is not None:
            return None, None  # a data row label repeated: the first one counts
        if looks_like_row_label(leaf.text) and not self.labels.match(leaf.key, ("column", "header")):
            return None, leaf
        return None, None


@dataclass
class _State:
    """What reading one table has used up, across its pieces."""

    taken: set[int] = field(default_factory=set)  # row specs read
    listed: set[int] = field(default_factory=set)  # label cells recorded as LabelMatch
    used_labels: set[int] = field(default_factory=set)  # label cells that gave a row


def _value_cells(piece: Piece, r: int, cmap: dict[int, ColumnSpec], labels: list[Token], misplaced: bool) -> list[tuple[int, Token]]:
    """(grid column, cell) of the values of row ``r``.

    Normally the cells at the value columns. A row placed a column off (a PDF
    reader can do this to one row: numbers among its label columns, or cells
    on top of its label's span): if it holds exactly one cell per value column
    after its label, they are taken in order; otherwise as they stand, and the
    lost ones are missing (GZ115)."""
    first_value = min(cmap)
    if misplaced and labels:
        row = piece.starts.get(r, [])
        leaf = next((k for k, t in enumerate(row) if t is labels[-1]), None)
        cells = row[leaf + 1:] if leaf is not None else []
        while cells and cells[-1].blank and len(cells) > len(cmap):
            cells.pop()
        if len(cells) == len(cmap):
            return list(zip(sorted(cmap), cells))
    origins, label_ids = piece.origins, {id(u) for u in labels}
    return [(c, t) for c in range(first_value, piece.width) if (t := origins.get((r, c))) is not None and id(t) not in label_ids]


def _over_values(piece: Piece, rows: range, columns: dict[int, ColumnSpec]) -> bool:
    """Do the columns the header names hold values in ``rows``, not row labels
    (a header out of line with the rows, as a text without spans can give)?"""
    for c in columns:
        cells = [t for r in rows if (t := piece.origins.get((r, c))) is not None and not t.blank]
        words = sum(1 for t in cells if not t.numeric() and looks_like_row_label(t.text))
        if 2 * words > len(cells):
            return False
    return True


def _close(found: str, official: str) -> bool:
    """A header worded a little otherwise: one contains the other, or they are alike."""
    return found in official or official in found or similarity(found, official) >= _WORDING_SIMILARITY


def _unit_note(stack: list[Token]) -> str | None:
    for t in reversed(stack):
        unit = unit_note(t.text)
        if unit:
            return unit
    return None

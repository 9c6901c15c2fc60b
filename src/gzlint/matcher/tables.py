"""Locate the form's tables in the token stream and read their cells.

Three ways to find a table, named by ``locate`` in the form data:

``rows``    by its first data row label (三: 一、本年新收政府信息公开申请数量);
``caption`` by its caption (二: 第二十条第（一）项);
``header``  by its header labels, values following as one flat run (四).

Where the reader kept cell positions (a ``grid`` table), grid.py reads each
value by its row label and the header over its column; reading by order below
is kept for text layouts, and as the fallback when a grid's header cannot be
trusted.

Values belong to the row label before them. Where the stream knows rows (a
table cell), only values in the label's own row count; where it does not (one
cell per paragraph), values run up to the next label. A row with fewer values
than columns is padded with ``missing`` cells and reported (GZ115), never
shifted by guesswork.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Callable

from ..form.labels import key as label_key
from ..form.spec import Label, TableSpec
from ..form.values import CellValue
from .gaps import Entry, Orphan, place_orphans
from .grid import GridReader
from .gridpiece import Piece
from .labels import LabelSet, looks_like_row_label, unit_note
from .model import LabelMatch, MatchedRow, MatchedTable
from .stream import Token

#: how far (in tokens) a table's labels may lie from its anchor
_WINDOW = 40

# The scans below ask ``labels.match`` only of tokens whose key is not ASCII: an
# ASCII key (a number, a blank) holds no ideograph, so it names no label
# (LabelSet._plan), and numbers are most of a table's tokens.


#: label sets by the identity of their table spec (spec, labels): see label_set
_LABEL_SETS: dict[int, tuple[TableSpec, LabelSet]] = {}
#: distinct table specs remembered (a handful per form)
_LABEL_SETS_LIMIT = 64


def label_set(spec: TableSpec) -> LabelSet:
    """The labels of ``spec``, built once per spec object.

    Keyed by identity, not equality: two formats can hold equal tables, and the
    readers compare a hit's row with the spec's own rows by ``id`` (gaps.py), so
    the items must be this spec's. The spec is kept with its labels, so its id
    cannot be reused while remembered."""
    got = _LABEL_SETS.get(id(spec))
    if got is not None and got[0] is spec:
        return got[1]
    if len(_LABEL_SETS) >= _LABEL_SETS_LIMIT:
        _LABEL_SETS.clear()
    labels = _build_label_set(spec)
    _LABEL_SETS[id(spec)] = (spec, labels)
    return labels


def _build_label_set(spec: TableSpec) -> LabelSet:
    labels = LabelSet()
    for row in spec.rows:
        labels.add(row, row.label, "row")
    for col in spec.columns:
        labels.add(col, col.label, "column")
    for text in spec.header:
        labels.add(text, Label(text), "header")
    return labels


def place_values(values: list[Token], ncols: int, layout: str | None, anchor_line: int | None) -> tuple[list[CellValue], int, list[Token]]:
    """Turn the tokens after a row label into exactly ``ncols`` cells.

    Returns the cells, how many values the report really gave, and the extras.
    """
    vals = list(values)
    if layout == "padded_rows":
        # merged label cells leave empty cells around a tab-separated row
        while vals and vals[0].blank:
            vals.pop(0)
        while vals and vals[-1].blank:
            vals.pop()
    while len(vals) > ncols and vals[-1].blank:
        vals.pop()
    extra = vals[ncols:]
    vals = vals[:ncols]
    cells = [t.cell_value() for t in vals]
    line = vals[-1].line if vals else anchor_line
    cells += [CellValue(None, line, "missing") for _ in range(ncols - len(vals))]
    return cells, len(vals), extra


def _same_row(a: Token, b: Token) -> bool:
    return a.row_id == b.row_id


def _is_extra_row_label(tokens: list[Token], i: int) -> bool:
    """Text that starts a row of its own and is followed by numbers: a row the
    form does not have (其他执法事项 5), not a non-numeric cell (若干)."""
    t = tokens[i]
    if not looks_like_row_label(t.text):
        return False
    if t.row_id is not None:
        first = next((u for u in tokens[max(0, i - 20) : i + 1] if u.row_id == t.row_id and not u.blank), t)
        if first is not t:
            return False
    nxt = next((u for u in tokens[i + 1 : i + 4] if not u.blank), None)
    return nxt is not None and nxt.numeric() and (t.row_id is None or _same_row(t, nxt))


class _Walker:
    """Reads the rows of one table from ``start``; stops at ``stop`` tokens."""

    def __init__(self, tokens: list[Token], spec: TableSpec, labels: LabelSet, stop) -> None:
        self.tokens = tokens
        self.spec = spec
        self.labels = labels
        self.stop = stop
        self.ncols = len(spec.columns)

    def walk(self, header_start: int, first_row: int) -> MatchedTable:
        tokens, spec = self.tokens, self.spec
        table = MatchedTable(spec, header_start, first_row, tokens[header_start].line)
        taken: set[int] = set()
        # header: be lenient, record what is recognised
        for t in tokens[header_start:first_row]:
            hit = self.labels.match(t.key, ("column", "header"))
            if hit:
                table.labels.append(LabelMatch(_official(hit), t.text, t.line, hit.how, hit.kind))
                if hit.kind == "column":
                    unit = unit_note(t.text)
                    if unit:
                        table.header_units[hit.item.id] = unit
        # (row spec, or None for a row the form rows did not claim; label token or None; values)
        current: tuple | None = None
        sequence: list[Entry] = []  # the rows in document order, for place_orphans

        def close():
            nonlocal current
            if current is None:
                return
            row, label, values = current
            if row is None:
                if any(v.numeric() for v in values):
                    sequence.append(Orphan(label, values))
                if label is not None:
                    table.extra_rows.append((label, values))
            else:
                self._add_row(table, row, label, values)
                sequence.append(row)
            current = None

        i = first_row
        while i < len(tokens):
            t = tokens[i]
            if i > first_row and self.stop(t):
                break
            hit = self.labels.match(t.key, ("row",), taken)
            if hit:
                close()
                table.labels.append(LabelMatch(_official(hit), t.text, t.line, hit.how, "row"))
                taken.add(id(hit.item))
                if not hit.item.group:
                    current = (hit.item, t, [])
                i += 1
                continue
            numeric = t.status == "number"  # most tokens here: a number is value-like
            if not numeric and _is_extra_row_label(tokens, i):
                close()
                current = (None, t, [])
                i += 1
                continue
            if numeric or t.value_like():
                if current is not None and (current[1] or current[2][0]).row_id == t.row_id:
                    current[2].append(t)
                else:
                    close()
                    if t.row_id is not None and not t.blank:
                        current = (None, None, [t])  # values with no label in their row
                i += 1
                continue
            break
        close()
        for orphan, row in place_orphans(sequence, spec.data_rows):
            if orphan.label is not None:
                table.extra_rows = [e for e in table.extra_rows if e[0] is not orphan.label]
            self._add_row(table, row, orphan.label or orphan.values[0], orphan.values)
        table.end = i
        return table

    def _add_row(self, table: MatchedTable, row, label: Token, values: list[Token]) -> None:
        cells, found, extra = place_values(values, self.ncols, label.layout, label.line)
        table.rows[row.id] = MatchedRow(row, label, cells, found, extra)


def _official(hit) -> str:
    return hit.label.text


def find_rows_table(tokens: list[Token], pieces: dict[int, Piece], spec: TableSpec, stop) -> MatchedTable | None:
    """A table found by its data row labels (三)."""
    labels = label_set(spec)
    first_rows = spec.data_rows[:3]
    for i, t in enumerate(tokens):
        hit = labels.match(t.key, ("row",))
        if not hit or hit.item not in first_rows:
            continue
        # a real table has more of its row labels close by
        near = sum(1 for u in tokens[i + 1 : i + _WINDOW * 3] if labels.match(u.key, ("row",)))
        if near < 2:
            continue
        # the header is looked for only if the walk is taken (_prefer_grid may not need it)
        walk = lambda i=i: _Walker(tokens, spec, labels, stop).walk(_header_start(tokens, i, labels), i)  # noqa: E731
        if t.grid is not None:
            return _prefer_grid(GridReader(tokens, pieces, spec, labels, stop).read(t), walk)
        return walk()
    return None


def _prefer_grid(grid: MatchedTable | None, walk: Callable[[], MatchedTable]) -> MatchedTable:
    """Where cell positions are known, the table read by (row, column) rather
    than by order; unless the grid is too garbled to give the rows that reading
    by order finds.

    Reading by order gives only the form's data rows, so a grid that read every
    one of them is kept without walking (the walk is the costly fallback)."""
    if grid is not None and len(grid.rows) >= _data_row_count(grid.spec):
        return grid
    walked = walk()
    return grid if grid is not None and len(grid.rows) >= len(walked.rows) else walked


def _data_row_count(spec: TableSpec) -> int:
    """How many rows reading by order can give at most: one per data row (row
    ids are unique: form.spec checks it)."""
    return len(spec.data_rows)


def _header_start(tokens: list[Token], first_row: int, labels: LabelSet) -> int:
    anchor = tokens[first_row]
    if anchor.table is not None:
        j = first_row
        while j > 0 and tokens[j - 1].table == anchor.table:
            j -= 1
        return j
    j = first_row
    while j > 0 and first_row - j < _WINDOW:
        prev = tokens[j - 1]
        if prev.blank or labels.match(prev.key, ("column", "header")):
            j -= 1
            continue
        break
    return j


def find_caption_tables(tokens: list[Token], pieces: dict[int, Piece], specs: list[TableSpec], stop,
                        caption: re.Pattern[str] | None = None) -> tuple[dict[str, MatchedTable], list[Token]]:
    """The 第二十条 tables of 二, each from its caption to the next caption.

    A caption is a key the form's ``caption`` pattern matches (the form's
    ``caption_pattern``), or one of the form's own captions. Returns the tables
    found and the captions the format does not have."""
    by_caption = {label_key(s.caption): s for s in specs if s.caption}
    found: dict[str, MatchedTable] = {}
    foreign: list[Token] = []
    captions = [t for t in tokens if t.key in by_caption or (caption is not None and caption.match(t.key))]
    caption_ids = {t.index for t in captions}
    for t in captions:
        spec = by_caption.get(t.key)
        if spec is None:
            foreign.append(t)
            continue
        if spec.id in found:
            continue
        labels = label_set(spec)
        # the first row label within a few tokens of the caption
        first = None
        for u in tokens[t.index + 1 : t.index + 1 + 16]:
            if u.index in caption_ids:
                break
            if labels.match(u.key, ("row",)):
                first = u.index
                break
        part_stop = lambda u, _s=stop, _c=caption_ids: u.index in _c or _s(u)  # noqa: E731
        walk = partial(_walk_captioned, tokens, t, first, spec, labels, stop, part_stop)
        if t.grid is not None:
            table = _prefer_grid(GridReader(tokens, pieces, spec, labels).read_captioned(t, caption_ids), walk)
        else:
            table = walk()
        table.labels.insert(0, LabelMatch(spec.caption or "", t.text, t.line, "exact", "caption"))
        found[spec.id] = table
    return found, foreign


def _walk_captioned(tokens: list[Token], caption: Token, first: int | None, spec: TableSpec, labels: LabelSet,
                    stop, part_stop) -> MatchedTable:
    """A 第二十条 table read by order from ``first``, its first row label under the
    caption (None: none there, look further down)."""
    header_start = caption.index + 1
    if first is None:
        first = _rows_placed_later(tokens, caption.index, labels, stop)
        header_start = _header_start(tokens, first, labels) if first is not None else header_start
    if first is None:
        return MatchedTable(spec, caption.index, caption.index + 1, caption.line)
    table = _Walker(tokens, spec, labels, part_stop).walk(header_start, first)
    table.start = caption.index
    return table


def _rows_placed_later(tokens: list[Token], caption: int, labels: LabelSet, stop) -> int | None:
    """A caption with none of its rows under it: a conversion can put the table
    after the next captions ("第二十条第（一）项" above the text rows of （五）…（八）, its
    rows further down). The first row label of this table, worded exactly as the
    form's, before the section ends."""
    for u in tokens[caption + 1 : caption + 1 + _WINDOW * 3]:
        if stop(u):
            return None
        hit = labels.match(u.key, ("row",))
        if hit is not None and hit.how == "exact":
            return u.index
    return None


def find_header_table(tokens: list[Token], pieces: dict[int, Piece], spec: TableSpec, stop) -> MatchedTable | None:
    """A table whose values follow its header as one flat run (四)."""
    labels = label_set(spec)
    first_key = label_key(spec.header[0]) if spec.header else None
    run_together = "".join(label_key(h) for h in spec.header)
    for i, t in enumerate(tokens):
        if len(spec.header) > 1 and t.key == run_together:
            # the header line a conversion ran together (行政复议行政诉讼), its cells lost
            table = _read_one_value_row(tokens, i, spec, stop)
            if table is not None:
                return table
        hit = labels.match(t.key, ("header",))
        if not hit or (first_key and label_key(hit.item) != first_key):
            continue
        following = [u for u in tokens[i + 1 : i + 20] if not u.blank][:4]
        if not any(labels.match(u.key) for u in following):
            continue
        if t.grid is not None:
            # cell positions known: each value by the headers above it
            table = GridReader(tokens, pieces, spec, labels).read_flat(t)
            if table is not None:
                return table
        return _read_flat(tokens, i, spec, labels, stop)
    return None


def _read_flat(tokens: list[Token], start: int, spec: TableSpec, labels: LabelSet, stop) -> MatchedTable:
    table = MatchedTable(spec, start, start, tokens[start].line)
    group_labels: dict[str, Token] = {}
    label_rows: set = set()
    i = start
    last_label = start
    # header: labels, and blank cells in rows that hold labels
    while i < len(tokens):
        t = tokens[i]
        hit = labels.match(t.key)
        if hit:
            table.labels.append(LabelMatch(_official(hit), t.text, t.line, hit.how, hit.kind))
            if hit.kind == "row":
                group_labels[hit.item.id] = t
            if t.row_id is not None:
                label_rows.add(t.row_id)
            last_label = i
            i += 1
            continue
        if t.blank and (t.row_id in label_rows or t.row_id is None):
            i += 1
            continue
        if t.blank and t.row_id is not None:
            # a blank cell in a row with no label yet: look ahead within the row
            row_has_label = any(labels.match(u.key) for u in tokens[i : i + 20] if u.row_id == t.row_id)
            if row_has_label:
                i += 1
                continue
        break
    values: list[Token] = []
    # values start after the header row (or right after the last label in a run of paragraphs)
    j = last_label + 1
    if tokens[last_label].row_id is not None:
        while j < len(tokens) and tokens[j].row_id == tokens[last_label].row_id:
            j += 1
    ncells = len(spec.rows) * len(spec.columns)
    while j < len(tokens):
        t = tokens[j]
        if stop(t) or not t.value_like() or labels.match(t.key):
            break
        values.append(t)
        j += 1
        if sum(1 for v in values if not v.blank) >= ncells and (j >= len(tokens) or tokens[j].row_id != t.row_id or t.row_id is None):
            break
    _place_flat(table, values, group_labels, tokens[start], tokens[last_label].line)
    table.end = j
    return table


def _place_flat(table: MatchedTable, values: list[Token], group_labels: dict[str, Token], anchor: Token, line: int | None) -> None:
    """The flat run of values, in the form's order, into the form's rows."""
    spec = table.spec
    ncells = len(spec.rows) * len(spec.columns)
    layout = values[0].layout if values else None
    cells, found, extra = place_values(values, ncells, layout, line)
    width = len(spec.columns)
    for r, row in enumerate(spec.rows):
        row_cells = cells[r * width : (r + 1) * width]
        label = group_labels.get(row.id, anchor)
        row_found = max(0, min(width, found - r * width))
        table.rows[row.id] = MatchedRow(row, label, row_cells, row_found, extra if r == len(spec.rows) - 1 else [])
    table.flat = (found, ncells)


def _read_one_value_row(tokens: list[Token], start: int, spec: TableSpec, stop) -> MatchedTable | None:
    """四 under a header whose cells a conversion ran together: its values, if one
    table row below holds exactly the form's cells (15), all numbers, in the form's
    order; None otherwise (the table is then not read)."""
    ncells = len(spec.rows) * len(spec.columns)
    for j in range(start + 1, min(len(tokens), start + 1 + _WINDOW)):
        t = tokens[j]
        if stop(t):
            return None
        if t.row_id is None or (j > start + 1 and tokens[j - 1].row_id == t.row_id):
            continue
        row = [u for u in tokens[j : j + ncells + 2] if u.row_id == t.row_id]
        filled = [u for u in row if not u.blank]
        if len(filled) == ncells and all(u.numeric() for u in filled):
            table = MatchedTable(spec, start, row[-1].index + 1, tokens[start].line)
            _place_flat(table, filled, {}, tokens[start], t.line)
            return table
    return None

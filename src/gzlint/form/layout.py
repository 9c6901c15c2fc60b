"""The official layout of each form table, with its merged cells.

One place for how the form draws 二 (a caption over 信息内容 and the
columns), 三 (three label columns for the nested rows under a three-row
header) and 四 (行政复议 and the two 行政诉讼 groups side by side over one
row of values). The sample generator renders reports with it and the
findings page draws what was read with it; each caller says what to write in
a label or value cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from .spec import ColumnSpec, RowSpec, TableSpec


@dataclass
class GridCell:
    """An origin cell: a merged cell appears once, with its spans."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    #: caption | corner | head (a column or group header) | label (a row's) | value
    kind: str = "head"
    #: (row id, column id) for a value; (row id, None) for a row label; (None, column id) for a column header
    ref: tuple[str | None, str | None] | None = None


RowText = Callable[[RowSpec], str]
ColumnText = Callable[[ColumnSpec], str]
#: a row's value cells in column order (a test's short row gives fewer)
RowValues = Callable[[RowSpec], Sequence[str]]


def official_grid(spec: TableSpec, rows: Sequence[RowSpec], label: RowText, column: ColumnText,
                  values: RowValues) -> list[list[GridCell]]:
    """Rows of origin cells for ``spec``, with the data rows ``rows`` (those present)."""
    if spec.locate == "caption":
        return _caption_grid(spec, rows, label, column, values)
    if spec.locate == "header":
        return _flat_grid(spec, label, column, values)
    return _rows_grid(spec, rows, label, column, values)


def _values(spec: TableSpec, r: RowSpec, k: int, first_col: int, values: RowValues) -> list[GridCell]:
    ids = [c.id for c in spec.columns]
    return [GridCell(text, k, first_col + i, kind="value", ref=(r.id, ids[i] if i < len(ids) else None))
            for i, text in enumerate(values(r))]


def _caption_grid(spec, rows, label, column, values) -> list[list[GridCell]]:
    n = len(spec.columns) + 1
    grid = [[GridCell(spec.caption or "", 0, 0, colspan=n, kind="caption")],
            [GridCell("信息内容", 1, 0, kind="corner")]
            + [GridCell(column(c), 1, i + 1, ref=(None, c.id)) for i, c in enumerate(spec.columns)]]
    for r in rows:
        k = len(grid)
        grid.append([GridCell(label(r), k, 0, kind="label", ref=(r.id, None))] + _values(spec, r, k, 1, values))
    return grid


def _rows_grid(spec, present, label, column, values) -> list[list[GridCell]]:
    """三: 3 label columns and 7 value columns under a 3-row header."""
    depth = {r.id: len(ancestors(spec, r)) for r in spec.rows}
    cols = spec.columns
    grouped = [c for c in cols if c.group]
    first_group = cols.index(grouped[0]) if grouped else len(cols)

    def head(c: ColumnSpec, k: int, at: int, rowspan: int = 1) -> GridCell:
        return GridCell(column(c), k, at, rowspan=rowspan, ref=(None, c.id))

    grid: list[list[GridCell]] = [
        [GridCell(spec.header[0], 0, 0, rowspan=3, colspan=3, kind="corner"), GridCell("申请人情况", 0, 3, colspan=len(cols))],
        [head(c, 1, 3 + i, rowspan=2) for i, c in enumerate(cols[:first_group])]
        + [GridCell(grouped[0].group or "", 1, 3 + first_group, colspan=len(grouped))] if grouped else [],
        [head(c, 2, 3 + first_group + i) for i, c in enumerate(grouped)],
    ]
    after = [c for c in cols[first_group + len(grouped):]]
    grid[1] += [head(c, 1, 3 + first_group + len(grouped) + i, rowspan=2) for i, c in enumerate(after)]
    # each group label spans the data rows under it
    data_index = {r.id: i for i, r in enumerate(present)}
    for r in spec.rows:
        if r.group or r.id not in data_index:
            continue
        k = 3 + data_index[r.id]
        line: list[GridCell] = []
        for g in ancestors(spec, r):
            under = [d for d in present if g.id in [a.id for a in ancestors(spec, d)]]
            if under[0].id == r.id:
                line.append(GridCell(label(g), k, depth[g.id], rowspan=len(under), kind="label", ref=(g.id, None)))
        start = depth[r.id]
        line.append(GridCell(label(r), k, start, colspan=3 - start, kind="label", ref=(r.id, None)))
        line += _values(spec, r, k, 3, values)
        grid.append(line)
    return grid


def _flat_grid(spec, label, column, values) -> list[list[GridCell]]:
    """四: 行政复议 (5 columns) and 行政诉讼 (two groups of 5) over one value row."""
    w = len(spec.columns)
    first, rest = spec.rows[0], spec.rows[1:]
    heads = [(column(c), c.id) for c in spec.columns]
    return [
        [GridCell(label(first), 0, 0, colspan=w, kind="label", ref=(first.id, None)),
         GridCell(spec.header[1], 0, w, colspan=w * len(rest))],
        [GridCell(t, 1, i, rowspan=2, ref=(None, cid)) for i, (t, cid) in enumerate(heads)]
        + [GridCell(label(r), 1, w * (k + 1), colspan=w, kind="label", ref=(r.id, None)) for k, r in enumerate(rest)],
        [GridCell(t, 2, w * (k + 1) + i, ref=(None, cid)) for k in range(len(rest)) for i, (t, cid) in enumerate(heads)],
        [cell for k, r in enumerate(spec.rows) for cell in _values(spec, r, 3, k * w, values)],
    ]


def ancestors(spec: TableSpec, row: RowSpec) -> list[RowSpec]:
    """The group rows above ``row``, outermost first."""
    chain = []
    parent = row.parent
    while parent:
        p = spec.row(parent)
        chain.insert(0, p)
        parent = p.parent
    return chain

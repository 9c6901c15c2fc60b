"""Rebuild a ``grid`` table from a text matrix: one line per row, one field per
column (tab-separated exports, Markdown pipe tables).

Such text keeps every position of the table, so a merged cell shows up either
repeated on every position it covers (spreadsheet "copy as text" and many
converters) or as its text at the origin with empty fields on the rest. Both
become one origin cell, as the HTML of the same table would give:

* a label repeated in a run of adjacent fields of one row becomes a colspan,
  and the same run on the following rows a rowspan;
* an empty field counts only where a value belongs (a column holding numbers,
  in a row holding numbers or a label with no value at all); elsewhere it is
  the rest of a merged label.

Values are never merged: "0 0 0" in a row are three cells, and so are two
adjacent "无".
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Table
from ..form.values import is_number
from .grid import RawCell, make_table


#: the longest text taken for a value written as a word (无, 若干, —) rather than a header
_WORD_VALUE = 3


@dataclass
class _Run:
    text: str
    row: int
    col: int
    colspan: int
    line: int | None
    rowspan: int = 1


def values_aligned(matrix: list[list[str]]) -> bool:
    """Do the numbers stand in the same columns on every row? They span no
    more columns than the fullest row has numbers. Word's export pads rows to
    one length but slides the values along with the merged labels: there the
    columns are not positions."""
    spans = [[c for c, f in enumerate(r) if is_number(f)] for r in matrix]
    spans = [s for s in spans if s]
    if not spans:
        return True
    first = min(s[0] for s in spans)
    last = max(s[-1] for s in spans)
    return last - first + 1 == max(len(s) for s in spans)


def grid_from_matrix(matrix: list[list[str]], lines: list[int | None]) -> Table:
    """A ``grid`` table from rows of fields; ``lines`` gives each row's source line."""
    width = max((len(r) for r in matrix), default=0)
    rows = [[f.strip() for f in r] + [""] * (width - len(r)) for r in matrix]
    numeric = [[is_number(f) for f in r] for r in rows]
    value_cols = {c for c in range(width) if any(numeric[r][c] for r in range(len(rows)))}
    first_data = 0
    if not value_cols:  # no number at all: the values are under the fullest (header) row
        header = max(range(len(rows)), key=lambda r: sum(1 for f in rows[r] if f), default=0)
        value_cols = {c for c in range(1, width) if rows[header][c]} if rows else set()
        first_data = header + 1

    def is_header(r: int) -> bool:
        """Column titles: several texts, long ones over the values (a caption
        repeated across the row is one text)."""
        texts = {f for f in rows[r] if f}
        return not any(numeric[r]) and len(texts) > 1 and any(len(rows[r][c]) > _WORD_VALUE for c in value_cols)

    # a data row holds numbers, or a label with its values blank or written
    # as a word (行政许可 | 无 | 无); a header's texts are longer, and a row
    # right above a header is a caption (第二十条第（五）项 | "), not data
    data_rows = {
        r for r, fields in enumerate(rows)
        if any(numeric[r])
        or (r >= first_data
            and not is_header(r)
            and not (r + 1 < len(rows) and is_header(r + 1))
            and any(f for c, f in enumerate(fields) if c not in value_cols))
    }

    def is_value_position(r: int, c: int) -> bool:
        return r in data_rows and c in value_cols

    runs: list[_Run] = []
    open_runs: dict[tuple[str, int, int], _Run] = {}  # runs that ended on the previous row
    for r, fields in enumerate(rows):
        row_runs: list[_Run] = []
        c = 0
        while c < width:
            text = fields[c]
            if is_value_position(r, c) or numeric[r][c]:
                row_runs.append(_Run(text, r, c, 1, lines[r]))
                c += 1
                continue
            if not text:  # the rest of a merged label
                c += 1
                continue
            end = c + 1
            while end < width and fields[end] == text and not is_value_position(r, end):
                end += 1
            row_runs.append(_Run(text, r, c, end - c, lines[r]))
            c = end
        next_open: dict[tuple[str, int, int], _Run] = {}
        for run in row_runs:
            key = (run.text, run.col, run.colspan)
            above = open_runs.get(key)
            if above is not None and not is_value_position(r, run.col) and not numeric[r][run.col]:
                above.rowspan += 1
                next_open[key] = above
                continue
            runs.append(run)
            next_open[key] = run
        open_runs = next_open
    cells = [RawCell(run.text, run.row, run.col, run.rowspan, run.colspan, run.line) for run in runs]
    return make_table(cells, line=lines[0] if lines else None)

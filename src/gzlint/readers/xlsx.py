"""Spreadsheets (.xlsx, .xls, .ods, WPS .et) with python-calamine (extra ``xlsx``).

Every sheet, in order, is cut into blocks at empty rows. A block whose rows
each hold one unmerged cell in its first column is prose (one paragraph per
row), and so are such rows above a table (a title); the rest of a block is a
``grid`` table whose merged ranges become spans. Blank cells inside a table
stay as empty cells: a spreadsheet cannot tell a blank cell from none.

``line`` is the 1-based spreadsheet row number (sheets are numbered on, so a
second sheet's rows do not repeat the first sheet's numbers).
"""

from __future__ import annotations

import datetime
import io

from ..messages import msg
from ..document import Block, Document, Paragraph, ReadFailure
from .grid import RawCell, clean_text, make_table
from .guard import guarded


def read_spreadsheet(path: str, data: bytes) -> Document:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        raise ReadFailure(
            "GZ001", msg("GZ001.needs-calamine")
        ) from None
    with guarded("电子表格"):
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        blocks: list[Block] = []
        offset = 0
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            rows = [[_text(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
            blocks += _sheet_blocks(rows, sheet.merged_cell_ranges or [], offset)
            offset += len(rows)
        return Document(path=path, blocks=blocks, source_format="xlsx")


def _text(value) -> str:
    # calamine gives every number as a float: 23.0 is the "23" the reviewer typed
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return clean_text(str(value)) if value is not None else ""


def _sheet_blocks(rows: list[list[str]], merged, offset: int) -> list[Block]:
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for (r0, c0), (r1, c1) in merged:
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    used_rows = {r for (r, _c) in covered} | {r for (r, _c) in spans}
    used_rows |= {r for r, row in enumerate(rows) if any(row)}
    blocks: list[Block] = []
    run: list[int] = []
    for r in range(max(used_rows, default=-1) + 2):
        if r in used_rows:
            run.append(r)
        elif run:
            blocks += _run_blocks(run, rows, spans, covered, offset)
            run = []
    return blocks


def _run_blocks(run, rows, spans, covered, offset) -> list[Block]:
    def cell(r: int, c: int) -> str:
        return rows[r][c] if r < len(rows) and c < len(rows[r]) else ""

    def prose_row(r: int) -> bool:
        filled = [c for c in range(len(rows[r]) if r < len(rows) else 0) if rows[r][c]]
        merged = any(rr == r for (rr, _c) in spans) or any(rr == r for (rr, _c) in covered)
        return filled == [0] and not merged

    blocks: list[Block] = []
    k = 0
    while k < len(run) and prose_row(run[k]):
        blocks.append(Paragraph(text=cell(run[k], 0), line=offset + run[k] + 1))
        k += 1
    table_rows = run[k:]
    if not table_rows:
        return blocks
    cols = {c for r in table_rows for c, v in enumerate(rows[r] if r < len(rows) else []) if v}
    cols |= {c for (r, c) in spans if r in table_rows} | {c for (r, c) in covered if r in table_rows}
    first, last = min(cols), max(c + spans.get((r, c), (1, 1))[1] - 1 for r in table_rows for c in cols)
    cells = [
        RawCell(cell(r, c), i, c - first, *spans.get((r, c), (1, 1)), line=offset + r + 1)
        for i, r in enumerate(table_rows)
        for c in range(first, last + 1)
        if (r, c) not in covered
    ]
    blocks.append(make_table(cells, line=offset + table_rows[0] + 1))
    return blocks

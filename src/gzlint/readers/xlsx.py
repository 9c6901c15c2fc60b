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
import re
import zipfile

from ..messages import msg
from ..document import Block, Document, Paragraph, ReadFailure
from .grid import RawCell, clean_text, make_table
from . import limits
from .guard import guarded


def read_spreadsheet(path: str, data: bytes) -> Document:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        raise ReadFailure(
            "GZ001", msg("GZ001.needs-calamine")
        ) from None
    with guarded("电子表格"):
        if data.startswith(b"PK"):
            _check_extent(data)
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        blocks: list[Block] = []
        offset = 0
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            limits.check_table(sheet.height, sheet.width, f"工作表「{name}」")
            rows = [[_text(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
            blocks += _sheet_blocks(rows, _clip_merges(sheet.merged_cell_ranges or [], rows), offset)
            offset += len(rows)
        return Document(path=path, blocks=blocks, source_format="xlsx")


#: a worksheet cell that holds something (``<c r="B2"><v>5</v></c>``; ``<c r="B2"/>`` is a blank)
_CELL_REF = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"[^>]*?(/?)>")


def _check_extent(data: bytes) -> None:
    """Measure each worksheet from its XML before calamine sees it: calamine
    allocates the whole rectangle spanned by the cells at once, and one cell at
    XFD1048576 makes that 512 GiB and aborts the process."""
    budget = limits.ZipBudget("电子表格")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        for name in names:
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                rows, cols = _xlsx_extent(budget.read(zf, name))
                limits.check_table(rows, cols, f"工作表 {name.rsplit('/', 1)[-1]} ")
        if "content.xml" in names:
            for sheet, (rows, cols) in _ods_extents(budget.read(zf, "content.xml")):
                limits.check_table(rows, cols, f"工作表「{sheet}」")


def _xlsx_extent(xml: bytes) -> tuple[int, int]:
    rows = cols = 0
    for col, row, empty in _CELL_REF.findall(xml):
        if not empty:
            rows, cols = max(rows, int(row)), max(cols, _column_number(col))
    return rows, cols


#: the parts of OpenDocument table markup that move the cursor (repeats included)
_ODS_TOKEN = re.compile(rb"<table:table\s[^>]*?table:name=\"([^\"]*)\"|<table:table-row\b([^>]*?)(/?)>|"
                        rb"<table:(?:covered-)?table-cell\b([^>]*?)(/?)>")
_REPEAT = re.compile(rb"number-(?:rows|columns)-repeated=\"(\d{1,9})\"")


def _ods_extents(xml: bytes) -> list[tuple[str, tuple[int, int]]]:
    """(sheet name, (rows, columns)) up to the last cell holding something:
    ``number-rows-repeated="1048570"`` of empty rows costs nothing, a value
    after them makes calamine build the whole rectangle."""
    sheets: list[tuple[str, tuple[int, int]]] = []
    name, start, repeat, cursor, col, rows, cols = None, 0, 1, 0, 0, 0, 0
    for m in _ODS_TOKEN.finditer(xml):
        sheet, row_attrs, _row_empty, cell_attrs, cell_empty = m.groups()
        if sheet is not None:
            if name is not None:
                sheets.append((name, (rows, cols)))
            name, cursor, rows, cols = sheet.decode("utf-8", "replace"), 0, 0, 0
        elif row_attrs is not None:  # a row (repeated ``repeat`` times) starts at ``start``
            start, repeat, col = cursor, _repeat(row_attrs), 0
            cursor += repeat
        else:
            n = _repeat(cell_attrs)
            if not cell_empty or b"value-type" in cell_attrs:
                rows, cols = max(rows, start + repeat), max(cols, col + n)
            col += n
    if name is not None:
        sheets.append((name, (rows, cols)))
    return sheets


def _repeat(attrs: bytes) -> int:
    m = _REPEAT.search(attrs)
    return int(m.group(1)) if m else 1


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _clip_merges(merged, rows: list[list[str]]) -> list:
    """Merged ranges cut to the sheet's cells (a range A1:XFD1048576 over a small
    sheet holds nothing more), then counted before they are expanded."""
    height, width = len(rows), max((len(r) for r in rows), default=0)
    clipped = [((r0, c0), (min(r1, height - 1), min(c1, width - 1)))
               for (r0, c0), (r1, c1) in merged if r0 < height and c0 < width]
    limits.check_cells(sum((r1 - r0 + 1) * (c1 - c0 + 1) for (r0, c0), (r1, c1) in clipped), "工作表的合并单元格")
    return clipped


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

"""Plain-text reports, in the layouts Word's "save as text" produces.

* One cell per tab-indented line, rows separated by blank lines: a ``rows``
  table. A line without the leading tab right after a cell line continues that
  cell (a header broken over two lines: 本年新 / 制作数量).
* One row per line, cells separated by tabs. Where every row of a block has
  the same number of fields (spreadsheet "copy as text", converters), the
  fields are grid positions and the block becomes a ``grid`` table, merged
  labels repeated or left blank (see ``textgrid``). Otherwise Word's export:
  a ``padded_rows`` table (merged cells leave empty cells around labels).
* One cell per paragraph, every paragraph separated by a blank line: the grid
  is gone, so the reader emits paragraphs (consecutive lines joined) and the
  matcher reads the table cells from them.
* The whole report on one line (a web-archive dump): see ``flattened``.
"""

from __future__ import annotations

import re

from ..document import Cell, Document, Paragraph, Table
from ..text import CN_NUMERALS, MARK_SEPARATORS
from .encoding import decode
from .flattened import is_flattened, split_flattened
from .textgrid import grid_from_matrix, values_aligned

#: Word leaves this in front of the paragraph that held the cursor (at the start of a line).
_BOOKMARK = re.compile(r"^\[bookmark: [^\]\n]*\]", re.MULTILINE)


def read_text(path: str, data: bytes) -> Document:
    text, encoding = decode(data)
    lines = _BOOKMARK.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    doc = Document(path=path, source_format="txt", encoding=encoding)
    # the dump is (nearly) the whole file: a long paragraph of a normal
    # export that lists the sections does not make the file a dump
    if max(map(len, lines)) * 2 >= len(text) and any(
        len(line) * 2 >= len(text) and is_flattened(line) for line in lines
    ):
        _read_flattened(doc, lines)
    else:
        doc.blocks = list(_blocks(lines))
    return doc


def _read_flattened(doc: Document, lines: list[str]) -> None:
    """A web-archive dump: the report's lines cut back into pseudo-paragraphs;
    other lines around them (the archiver's notes) are paragraphs as they are."""
    for i, line in enumerate(lines):
        if is_flattened(line):
            paragraphs, tables = split_flattened(line, i + 1)
            doc.blocks += paragraphs
            doc.run_together += tables
        elif line.strip():
            doc.blocks.append(Paragraph(text=line.strip(), line=i + 1))


def _is_blank(line: str) -> bool:
    """An empty line. A lone tab is an empty cell, and a lone no-break or
    ideographic space is a blank cell written by hand, so neither is blank."""
    return line.strip(" ") == ""


def _is_cell_line(line: str) -> bool:
    return line.startswith("\t")


def _is_table_line(line: str) -> bool:
    """A line of a table region: one cell (leading tab) or tab-separated cells;
    either way, a line with a tab in it."""
    return "\t" in line


def _is_tab_row(line: str) -> bool:
    """A line holding several tab-separated cells (not only a leading tab):
    a tab after the first character."""
    return line.find("\t", 1) >= 0


def _blocks(lines: list[str]):
    joined = _paragraphs_are_blank_separated(lines)
    i, n = 0, len(lines)
    pending: list[tuple[int, str]] = []  # lines of the paragraph being joined

    def flush():
        if pending:
            text = "\n".join(t for _, t in pending)
            first = pending[0][0]
            pending.clear()
            if text:
                return Paragraph(text=text, line=first)
        return None

    while i < n:
        line = lines[i]
        if _is_table_line(line):
            para = flush()
            if para:
                yield para
            end = _table_end(lines, i)
            for table in _make_tables(lines, i, end):
                if table.rows:
                    yield table
            i = end
            continue
        if _is_blank(line):
            para = flush()
            if para:
                yield para
        elif joined and pending and _joins(pending[-1][1], line):
            pending.append((i + 1, line))
        elif joined:
            para = flush()
            if para:
                yield para
            pending.append((i + 1, line))
        else:
            yield Paragraph(text=line, line=i + 1)
        i += 1
    para = flush()
    if para:
        yield para


_HEADING_START = re.compile(f"^\\s*([{CN_NUMERALS}]+|\\d+)[{MARK_SEPARATORS}]|^\\s*[（(]")


def _joins(prev: str, line: str) -> bool:
    """In a blank-separated export, two adjacent lines are one paragraph only
    when both are short fragments, like a cell broken in two (本年新 / 制作数量)."""
    a, b = prev.strip(), line.strip()
    return (
        len(a) <= 12
        and len(b) <= 12
        and not a.endswith(("。", "：", ":", "；", ";"))
        and not b.endswith("。")
        and not _HEADING_START.match(a)
        and not _HEADING_START.match(b)
    )


def _paragraphs_are_blank_separated(lines: list[str]) -> bool:
    """True for exports where every paragraph is followed by an empty line."""
    text_lines = [i for i, line in enumerate(lines) if not _is_table_line(line) and line.strip()]
    if len(text_lines) < 4:
        return False
    followed = sum(1 for i in text_lines if i + 1 >= len(lines) or _is_blank(lines[i + 1]))
    return followed / len(text_lines) >= 0.6


def _table_end(lines: list[str], start: int) -> int:
    """Index just past the table region that starts at ``start``."""
    i, n = start, len(lines)
    while i < n:
        line = lines[i]
        if _is_table_line(line):
            i += 1
            continue
        if _is_blank(line):
            # a single blank line separates rows; the table goes on if a cell follows
            if i + 1 < n and _is_table_line(lines[i + 1]):
                i += 1
                continue
            return i
        # a plain line glued to a one-cell line continues that cell (本年新 / 制作数量)
        if i > start and (_is_single_cell(lines[i - 1]) or _is_continuation(lines, i - 1)) and not _is_blank(lines[i - 1]):
            i += 1
            continue
        return i
    return i


def _is_single_cell(line: str) -> bool:
    """A tab-indented line holding one cell (a row of tab-separated fields
    that starts with an empty field is not one)."""
    return _is_cell_line(line) and not _is_tab_row(line)


def _is_continuation(lines: list[str], i: int) -> bool:
    j = i
    while j >= 0 and lines[j].strip() and not _is_cell_line(lines[j]):
        j -= 1
    return j >= 0 and _is_single_cell(lines[j]) and j != i


def _make_tables(lines: list[str], start: int, end: int) -> list[Table]:
    region = lines[start:end]
    # a line of spaces and tabs is no row: the cheaper test first
    if any(_is_tab_row(line) and line.strip() for line in region):
        return _tab_grids(region, start) or [_tab_rows(region, start)]
    return [_cell_per_line(region, start)]


def _tab_grids(region: list[str], offset: int) -> list[Table] | None:
    """The region as grid tables when its tab columns are consistent: every
    run of consecutive rows with the same number of fields (at least two rows
    of at least two fields) is one table. None when any row breaks the pattern
    (Word's padded export, a cell continued on an untabbed line)."""
    groups: list[list[tuple[int, list[str]]]] = []
    previous_blank = True
    for k, line in enumerate(region):
        if _is_blank(line):
            previous_blank = True
            continue
        if not _is_tab_row(line):
            return None
        fields = line.split("\t")
        if previous_blank or len(fields) != len(groups[-1][0][1]):
            groups.append([])
        groups[-1].append((offset + k + 1, fields))
        previous_blank = False
    if not groups or any(len(g) < 2 or not values_aligned([f for _, f in g]) for g in groups):
        return None
    return [grid_from_matrix([f for _, f in g], [n for n, _ in g]) for g in groups]


def _tab_rows(region: list[str], offset: int) -> Table:
    rows: list[list[Cell]] = []
    for k, line in enumerate(region):
        if _is_blank(line):
            continue
        if not _is_table_line(line) and rows:
            # continuation of the last cell of the previous row
            rows[-1][-1].text += "\n" + line
            continue
        r = len(rows)
        rows.append([Cell(text=t, line=offset + k + 1, row=r, col=c) for c, t in enumerate(line.split("\t"))])
    return Table(rows=rows, layout="padded_rows", line=offset + 1)


def _cell_per_line(region: list[str], offset: int) -> Table:
    rows: list[list[Cell]] = []
    current: list[Cell] = []
    for number, line in enumerate(region, offset + 1):
        # most lines are cells; a cell line (leading tab) is never blank
        if line[:1] == "\t":  # _is_cell_line, inline: it is asked of every line
            current.append(Cell(line[1:], number, len(rows), len(current)))
        elif _is_blank(line):
            if current:
                rows.append(current)
                current = []
        elif current:
            current[-1].text += "\n" + line
        elif rows:
            rows[-1][-1].text += "\n" + line
    if current:
        rows.append(current)
    return Table(rows=rows, layout="rows", line=offset + 1)

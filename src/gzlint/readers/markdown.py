"""Markdown, as PDF→Markdown converters write reports.

* Pipe tables become ``grid`` tables (``textgrid``) where their columns hold
  the values in line; a chunk whose values slide from row to row (a
  conversion that lost cells) is kept as ``padded_rows``.
* A page footer on its own line ("— 4 —") is dropped: it is never a cell
  value, a title or part of a sentence.
* Prose is hard-wrapped at the page width: a line that fills the width goes
  on in the next line; a shorter line, a blank line or a heading ends the
  paragraph. A title broken over two lines is joined again.
* A table row the conversion wrote as text, "行政许可 0", is a row of a label
  and its value; a row label the conversion left on the lines above its row
  ("（二）部分公开（区分处理的…" above "| 2 | 0 | … |") is put back at the
  row's start when the row lacks exactly that one cell.
* A heading the converter repeats in front of every chunk of one table
  ("## 表三：…") is kept once. **Bold** wrappers and <br> in cells are markup,
  not text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from statistics import median

from ..document import Block, Cell, Document, Paragraph, Table
from ..form.values import is_number
from ..text import CJK_IDEOGRAPHS
from .encoding import decode
from .grid import join_wrapped
from .textgrid import grid_from_matrix, values_aligned

_FOOTER = re.compile(r"^\s*[—–\-－]{1,2}\s*\d{1,3}\s*[—–\-－]{1,2}\s*$")
_ATX = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
#: a table row written as text: a label, a space, one value
_LABEL_VALUE = re.compile(f"^([{CJK_IDEOGRAPHS}（）()、“”]{{2,24}})\\s+(\\S{{1,14}})$")
_BREAK = re.compile(r"<br\s*/?>", re.I)
_SENTENCE_END = ("。", "！", "？", "；", "：", ":")
_TITLE_END = ("年度报告", "年报")
#: a line at least this share of the page width was wrapped, not ended
_FULL = 0.85
#: the longest fragment of a torn label (1.申请人无正当理由逾期不补正、)
_DEBRIS = 20
#: the longest piece of a group label torn off inside a row (（三）不, 予处理)
_TORN = 6


@dataclass
class _Line:
    text: str
    number: int


@dataclass
class _Rows:
    """Consecutive pipe-table rows of one width."""

    lines: list[_Line] = field(default_factory=list)
    fields: list[list[str]] = field(default_factory=list)


def _plain(text: str) -> str:
    """Markup converters put around text: **bold** and __bold__ wrappers,
    <br> for a line break inside a cell (the cell's text runs on)."""
    text = _BREAK.sub("", text).strip()
    while len(text) > 4 and text[:2] == text[-2:] and text[:2] in ("**", "__"):
        text = text[2:-2].strip()
    return text


def read_markdown(path: str, data: bytes) -> Document:
    text, encoding = decode(data)
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_Line(t.rstrip(), i + 1) for i, t in enumerate(raw) if not _FOOTER.match(t)]
    doc = Document(path=path, source_format="md", encoding=encoding)
    width = _page_width(lines)
    doc.blocks = _blocks(lines, width)
    return doc


def display_width(text: str) -> int:
    """Columns the text takes on the page: CJK and full-width characters two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _page_width(lines: list[_Line]) -> float:
    prose = [display_width(l.text.strip()) for l in lines if l.text.strip() and not _PIPE_ROW.match(l.text)]
    long = [w for w in prose if w >= 20]
    return median(long) if long else 0.0


def _blocks(lines: list[_Line], width: float) -> list[Block]:
    blocks: list[Block] = []
    pending: list[_Line] = []  # lines of the paragraph being read
    rows: _Rows | None = None
    last_width = 0  # fields in the last pipe row read
    seen_headings: set[str] = set()

    def flush_paragraph() -> None:
        if pending:
            blocks.append(Paragraph(text=join_wrapped([l.text for l in pending]), line=pending[0].number))
            pending.clear()

    def flush_rows() -> None:
        nonlocal rows
        if rows is not None and rows.fields:
            blocks.append(_table(rows))
        rows = None

    for line in lines:
        text = _plain(line.text.strip())
        if _RULE_ROW.match(text):
            continue
        if _PIPE_ROW.match(text):
            flush_paragraph()
            fields = [_plain(f) for f in text.strip().strip("|").split("|")]
            if rows is None:
                fields = _with_label_above(blocks, fields, last_width)
                _drop_label_debris(blocks, fields)
            if rows is not None and len(fields) != len(rows.fields[0]):
                flush_rows()
            rows = rows or _Rows()
            rows.lines.append(line)
            rows.fields.append(fields)
            last_width = len(fields)
            continue
        heading = _ATX.match(text)
        if heading:
            title = _plain(heading.group(1))
            if title in seen_headings:
                continue  # the converter repeats a table's caption at each chunk
            seen_headings.add(title)
            flush_paragraph()
            flush_rows()
            blocks.append(Paragraph(text=title, line=line.number))
            continue
        flush_rows()
        if not text:
            flush_paragraph()
            continue
        row = _LABEL_VALUE.match(text)
        if row and is_number(row.group(2)) and not _wraps(pending, width):
            flush_paragraph()
            _append_text_row(blocks, row.group(1), row.group(2), line.number)
            continue
        if pending and not _continues(pending, text, width):
            flush_paragraph()
        pending.append(_Line(text, line.number))
    flush_paragraph()
    flush_rows()
    return blocks


def _wraps(pending: list[_Line], width: float) -> bool:
    """Does the paragraph being read go on into the next line?"""
    if not pending:
        return False
    last = pending[-1].text.strip()
    return bool(width) and display_width(last) >= _FULL * width and not last.endswith(_SENTENCE_END)


def _continues(pending: list[_Line], text: str, width: float) -> bool:
    if _wraps(pending, width):
        return True
    so_far = "".join(l.text for l in pending)
    if so_far.count("（") + so_far.count("(") > so_far.count("）") + so_far.count(")"):
        return True  # a bracket left open: 部分公开（区分处理的，只计这一情 / 形，不计其他情形）
    # a title broken over two lines: 2025 年…政府信息公开 / 工作年度报告
    joined = join_wrapped([l.text for l in pending] + [text])
    return len(pending) == 1 and joined.endswith(_TITLE_END) and len(joined) <= 60 and "。" not in joined


def _append_text_row(blocks: list[Block], label: str, value: str, number: int) -> None:
    """"行政许可 0": one more row of the text-row table just above, or a new one."""
    last = blocks[-1] if blocks else None
    if not (isinstance(last, Table) and last.layout == "rows" and last.line is not None and last.rows
            and last.rows[-1][0].line == number - 1):
        last = Table(rows=[], layout="rows", line=number)
        blocks.append(last)
    r = len(last.rows)
    last.rows.append([Cell(text=label, line=number, row=r, col=0), Cell(text=value, line=number, row=r, col=1)])


def _with_label_above(blocks: list[Block], fields: list[str], last_width: int) -> list[str]:
    """A row with no label, one cell short of the table row before it, right
    under a short text that is not a sentence: that text is the row's label."""
    if not blocks or not isinstance(blocks[-1], Paragraph):
        return fields
    label = blocks[-1].text
    short = len(fields) + 1 == last_width
    if not (short and fields and is_number(fields[0]) and len(label) <= 40 and not label.endswith(_SENTENCE_END)):
        return fields
    blocks.pop()
    return [label] + fields


def _numbers(fields: list[str]) -> int:
    return sum(1 for f in fields if is_number(f))


def _drop_label_debris(blocks: list[Block], fields: list[str]) -> None:
    """Short fragments between two chunks of one table (rows with as many
    numbers on both sides) are pieces of its merged labels that the
    conversion tore apart ("（四）无", "年度办", "理结果"): not prose, not
    headings, and no row can be given them back unambiguously."""
    k = len(blocks)
    while k > 0 and isinstance(blocks[k - 1], Paragraph):
        k -= 1
    debris = blocks[k:]
    if not debris or k == 0 or not isinstance(blocks[k - 1], Table):
        return
    above = max((_numbers([c.text for c in row]) for row in blocks[k - 1].rows), default=0)
    if not above or above != _numbers(fields):
        return
    if all(len(p.text) <= _DEBRIS and not p.text.endswith(_SENTENCE_END) for p in debris):
        del blocks[k:]


def _without_torn_labels(fields: list[str]) -> list[str]:
    """In a row of values, a short text in front of the row's label is a
    piece of a merged group label torn by the conversion ("（三）不" of
    （三）不予公开, "缴纳费用、"): a blank, like the rest of a merged cell."""
    out = list(fields)
    for c in range(len(out) - 1):
        here, after = out[c], out[c + 1]
        if here and len(here) <= _TORN and after and not is_number(here) and not is_number(after):
            out[c] = ""
    return out


def _table(rows: _Rows) -> Table:
    numbers = [l.number for l in rows.lines]
    rows.fields = [_without_torn_labels(f) if _numbers(f) else f for f in rows.fields]
    if values_aligned(rows.fields):
        return grid_from_matrix(rows.fields, numbers)
    cells = [[Cell(text=t, line=n, row=r, col=c) for c, t in enumerate(fields)]
             for r, (n, fields) in enumerate(zip(numbers, rows.fields))]
    return Table(rows=cells, layout="padded_rows", line=numbers[0])

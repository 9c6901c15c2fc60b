"""PDF reports with pdfplumber (extra ``pdf``).

Ruled tables are read with pdfplumber's cell boxes (a merged cell is one box,
so spans survive) and a table split over pages is stitched back together
(``pdfgrid``). Text outside tables is grouped into lines, and lines into
paragraphs: a line that stops short of the right margin ends a paragraph, and
one that starts indented or with an enumeration (一、 （一）) starts one. Text
wrapped inside a cell or paragraph is joined without a space between CJK
characters. Page numbers in the top or bottom margin are dropped. A full line
at the foot of a page runs on into the first line of the next page unless that
one is indented or enumerated.

A frame drawn around prose (WPS draws one box per text line, Word a border
round a paragraph) comes out of pdfplumber as a one-column table; its text is
read as lines like the rest of the page, so framed paragraphs and headings
stay prose. A one-line single box is kept as a table: it may be the caption
row of a table cut at the page foot (``_assemble`` decides).

A PDF without a text layer (a scan) is GZ003: it needs OCR, and the linter
does not guess its content.

``line`` is a running number in reading order: one per paragraph and one per
table cell, counting from 1 at the top of the first page (a PDF has no source
lines); ``Table.page`` is the 1-based page where a table starts.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from ..messages import msg
from ..document import Block, Document, Paragraph, ReadFailure
from .grid import ENUM_START, clean_text, is_cjk, join_wrapped, make_table
from . import limits
from .guard import guarded
from .pdfgrid import Box, Fragment, continues, stitch

#: points within which a cell edge is the frame's edge
_FRAME_TOL = 2.0
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d+\s*(页)?\s*(/\s*(共\s*)?\d+\s*页?)?[-—–\s]*$")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int = 0


def read_pdf(path: str, data: bytes) -> Document:
    try:
        import pdfplumber
    except ImportError:
        raise ReadFailure("GZ001", msg("GZ001.needs-pdfplumber")) from None
    # pdfminer logs every damaged operator as a warning; the diagnostic is ours to give
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    limits.bound_pdf_streams()
    with guarded("PDF "):
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
        except Exception as exc:  # noqa: BLE001 - pdfminer raises its own zoo
            if "password" in type(exc).__name__.lower() or "encrypt" in str(exc).lower():
                raise ReadFailure("GZ001", msg("GZ001.pdf-encrypted")) from None
            raise
        with pdf:
            limits.check_pages(len(pdf.pages))
            pages = [_read_page(page, n) for n, page in enumerate(pdf.pages, start=1)]
            metadata = {k.lower(): str(v) for k, v in (pdf.metadata or {}).items() if k in ("Title", "CreationDate", "ModDate") and v}
    if not any(chars for chars, _items in pages):
        raise ReadFailure("GZ003", msg("GZ003.no-text"))
    return Document(path=path, blocks=_assemble(pages), source_format="pdf", metadata=metadata)


def _read_page(page, number: int):
    """(count of chars, [("line", _Line) | ("table", Fragment)] in top-down order)."""
    chars = [c for c in page.chars if c.get("upright", True)]
    finder = page.debug_tablefinder()
    # pdfplumber drops one-cell tables, but the first row of a table cut right
    # after it (a caption at the foot of a page) is one; _assemble turns a
    # one-cell table that continues nothing back into a paragraph
    grouped = {cell for table in finder.tables for cell in table.cells}
    tables = [(t.bbox, t.cells) for t in finder.tables]
    tables += [(cell, [cell]) for cell in finder.cells if cell not in grouped]
    items: list[tuple[float, str, object]] = []
    inside: set[int] = set()
    for bbox, cells in tables:
        x0, top, x1, bottom = bbox
        mine = [c for c in chars if _within(c, bbox)]
        if _is_frame(bbox, cells, mine):
            continue
        frag = Fragment(page=number, x0=x0, x1=x1, top=top, bottom=bottom)
        inside.update(id(c) for c in mine)
        for cx0, ctop, cx1, cbottom in cells:
            own = [c for c in mine if _within(c, (cx0, ctop, cx1, cbottom))]
            text = join_wrapped([ln.text for ln in _lines(own)])
            frag.boxes.append(Box(clean_text(text), cx0, cx1, ctop, cbottom))
        frag.locate_rows()
        items.append((top, "table", frag))
    free = [c for c in chars if id(c) not in inside]
    height = float(page.height)
    for line in _lines(free):
        # page numbers and running headers in the margins are not report text
        in_margin = line.bottom < height * 0.08 or line.top > height * 0.92
        if in_margin and _PAGE_NUMBER.match(line.text):
            continue
        line.page = number
        items.append((line.top, "line", line))
    items.sort(key=lambda item: item[0])
    return len(chars), [(kind, obj) for _top, kind, obj in items]


def _is_frame(bbox, cells, chars) -> bool:
    """A box round prose, not a form table: one column (every cell spans the
    whole width) holding more than one line of text."""
    x0, _top, x1, _bottom = bbox
    one_column = all(abs(cx0 - x0) <= _FRAME_TOL and abs(cx1 - x1) <= _FRAME_TOL for cx0, _t, cx1, _b in cells)
    return one_column and len(_lines(chars)) > 1


def _within(char, bbox) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _lines(chars) -> list[_Line]:
    """Chars grouped into text lines, top to bottom, each left to right."""
    lines: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(c["top"] - lines[-1][0]["top"]) <= max(1.0, c["size"] * 0.5):
            lines[-1].append(c)
        else:
            lines.append([c])
    out = []
    for group in lines:
        group.sort(key=lambda c: c["x0"])
        text, prev = "", None
        for c in group:
            # a visible gap between Latin words is a space the PDF did not store
            if prev is not None and c["x0"] - prev["x1"] > c["size"] * 0.25 and not text.endswith(" "):
                if not (is_cjk(prev["text"][:1]) and is_cjk(c["text"][:1])):
                    text += " "
            text += c["text"]
            prev = c
        size = max(c["size"] for c in group)
        out.append(_Line(text.strip(), group[0]["x0"], group[-1]["x1"], min(c["top"] for c in group),
                         max(c["bottom"] for c in group), size))
    return [ln for ln in out if ln.text]


def _assemble(pages) -> list[Block]:
    """Paragraphs and tables in reading order, stitching tables across pages."""
    lines = [obj for _n, items in pages for kind, obj in items if kind == "line"]
    left = min((ln.x0 for ln in lines), default=0.0)
    right = max((ln.x1 for ln in lines), default=0.0)
    pitch = _usual_gap(lines)
    blocks: list[Block] = []
    para: list[_Line] = []
    group: list[Fragment] = []
    counter = [0]

    def next_line() -> int:
        counter[0] += 1
        return counter[0]

    def flush_para():
        if para:
            blocks.append(Paragraph(join_wrapped([ln.text for ln in para]), next_line(), para[0].page))
            para.clear()

    def flush_table():
        if len(group) == 1 and len(group[0].boxes) == 1:  # a framed paragraph, not a table
            if group[0].boxes[0].text:
                blocks.append(Paragraph(group[0].boxes[0].text, next_line(), group[0].page))
            group.clear()
        if group:
            cells = stitch(group)
            for cell in sorted(cells, key=lambda c: (c.row, c.col)):
                cell.line = next_line()
            blocks.append(make_table(cells, line=min(c.line for c in cells) if cells else None, page=group[0].page))
            group.clear()

    for _chars, items in pages:
        for k, (kind, obj) in enumerate(items):
            if kind == "table":
                flush_para()
                # a fragment at the top of a page continues the table that ended the last one
                if not (group and k == 0 and continues(group[-1], obj)):
                    flush_table()
                group.append(obj)
                continue
            flush_table()
            if para and _starts_paragraph(para[-1], obj, left, right, pitch):
                flush_para()
            para.append(obj)
        # a table that ends a page stays open for the next page; text does not
        if not (items and items[-1][0] == "table"):
            flush_table()
    flush_para()
    flush_table()
    return blocks


def _usual_gap(lines: list[_Line]) -> float:
    """The most common gap between consecutive lines: the gap inside a paragraph."""
    gaps = [round(b.top - a.bottom) for a, b in zip(lines, lines[1:]) if 0 <= b.top - a.bottom < 3 * a.size]
    return max(set(gaps), key=gaps.count) if gaps else 0.0


def _starts_paragraph(prev: _Line, line: _Line, left: float, right: float, gap: float) -> bool:
    size = max(prev.size, line.size)
    return (
        prev.x1 < right - 3 * size  # the previous line stopped short (CJK lines end ragged by a char or two)
        or line.x0 > left + 1.5 * size  # indented first line
        or bool(ENUM_START.match(line.text))
        # more space than between lines; a full line at the foot of a page runs on at the top of the next
        or (line.page == prev.page and not 0 <= line.top - prev.bottom <= gap + 0.4 * size)
    )

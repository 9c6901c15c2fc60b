"""Where a finding lies in the source's own terms.

An official reading a report in Word sees no line numbers: the finding must
say 第2个表格第7行第6列 or 第12段「本年度…」; in a PDF, 第3页. A ``Where`` is
that place, counted from 1 as a person counts; ``locate_*`` build it from what
the readers kept (the table ordinal and grid position of a matched cell, the
paragraph ordinal of a token, the page a PDF block came from). Formats whose
line numbers are the reader's own (text, Markdown) get none: the line says it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .document import Cell, Paragraph, Table
from .messages import DEFAULT_LANG, Msg, msg

if TYPE_CHECKING:  # pragma: no cover
    from .form.values import CellValue
    from .matcher.model import Report
    from .matcher.stream import Token

#: formats a person reads by table, row and column (Word and its converted kin)
_WORD = frozenset({"docx", "doc"})
#: web pages: the table is countable, rows and columns of a styled page less so
_WEB = frozenset({"html", "mht"})
#: formats some of whose tokens have a place (``locate_token``)
_PLACED = _WORD | _WEB | {"pdf"}
#: how many characters of a paragraph name it
_WORDS = 8


@dataclass(frozen=True)
class Where:
    """A place in the source; every number is 1-based."""

    kind: str  # cell | table | paragraph | page
    table: int | None = None
    row: int | None = None
    column: int | None = None
    page: int | None = None
    paragraph: int | None = None
    #: the first words of the paragraph, to find it by eye
    words: str | None = None

    def message(self) -> Msg:
        """The place as the catalogue words it."""
        if self.kind == "page":
            return msg("where.page", page=self.page)
        if self.kind == "paragraph":
            return msg("where.paragraph", paragraph=self.paragraph, words=self.words or "")
        if self.kind == "table":
            return msg("where.table", table=self.table)
        return msg("where.cell", table=self.table, row=self.row, column=self.column)

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return self.message().render(lang)

    def to_dict(self, lang: str = DEFAULT_LANG) -> dict[str, Any]:
        return {"kind": self.kind, "table": self.table, "row": self.row, "column": self.column, "page": self.page,
                "paragraph": self.paragraph, "text": self.text(lang)}


def common_place(places: "list[Where | None]") -> Where | None:
    """The place findings shown as one share: their place when it is the same,
    else their table when they stand in one, else none."""
    first = places[0] if places else None
    if first is None or any(p != first for p in places):
        if first is not None and first.table is not None and all(p is not None and p.table == first.table
                                                                  for p in places):
            return Where("table", table=first.table)
        return None
    return first


def locate_cell(report: "Report", cell: "CellValue | None") -> Where | None:
    """The place of a matched cell (its table, row and column; its page in a
    PDF). A cross-report rule reads a report's facts, which keep the places."""
    if cell is None or cell.source is None:
        return None
    places = getattr(report, "places", None)
    if places is not None:  # gzlint.reportfacts.ReportFacts
        return places.get(cell.source)
    if getattr(report, "document", None) is None:
        return None
    table_no, row, col = cell.source
    return _in_table(report, table_no, row, col)


def locate_token(report: "Report", token: "Token") -> Where | None:
    """The place of a token: its cell when it is one, else its paragraph."""
    doc = report.document
    if doc is None:
        return None
    if token.kind == "cell":
        if token.table is None:
            return None
        grid = token.grid
        return _in_table(report, token.table, grid[0] if grid else None, grid[1] if grid else None)
    if token.paragraph is None:
        return None
    paragraphs = doc.paragraphs()
    para = paragraphs[token.paragraph] if token.paragraph < len(paragraphs) else None
    fmt = doc.source_format
    if fmt == "pdf":
        page = para.page if para is not None else None
        return Where("page", page=page) if page is not None else None
    if fmt in _WORD:
        return Where("paragraph", paragraph=token.paragraph + 1, words=_first_words(para))
    return None


def locate_line(report: "Report", line: int) -> Where | None:
    """The place of the one token on source line ``line``; none where several
    share it (an HTML line holding a whole table row), rather than a guess."""
    tokens = getattr(report, "tokens", None)
    doc = getattr(report, "document", None)
    if not tokens or doc is None or doc.source_format not in _PLACED:
        return None  # no token of this source has a place: save indexing them
    key = len(tokens)
    hit = report.cache.get("_line_tokens")
    if hit is None or hit[0] != key:
        by_line: dict[int, list["Token"]] = {}
        for t in tokens:
            if t.line is not None:
                by_line.setdefault(t.line, []).append(t)
        hit = report.cache["_line_tokens"] = (key, by_line)
    found = hit[1].get(line, ())
    return locate_token(report, found[0]) if len(found) == 1 else None


def _in_table(report: "Report", table_no: int, row: int | None, col: int | None) -> Where | None:
    doc = report.document
    assert doc is not None
    fmt = doc.source_format
    if fmt == "pdf":  # the page is what a PDF reader sees; its tables are the reader's guess
        tables = doc.tables()  # only here: every finding in a table asks, and listing them costs
        table = tables[table_no] if table_no < len(tables) else None
        page = _page(table, row, col)
        return Where("page", page=page) if page is not None else None
    if fmt in _WORD or fmt in _WEB:
        if row is None or col is None:
            return Where("table", table=table_no + 1)
        return Where("cell", table=table_no + 1, row=row + 1, column=col + 1)
    return None


def _page(table: Table | None, row: int | None, col: int | None) -> int | None:
    if table is None:
        return None
    if row is not None and col is not None:
        cell = _cell_at(table, row, col)
        if cell is not None and cell.page is not None:
            return cell.page
    return table.page


def _cell_at(table: Table, row: int, col: int) -> Cell | None:
    return next((c for r in table.rows for c in r if c.row == row and c.col == col), None)


def _first_words(para: Paragraph | None) -> str:
    if para is None:
        return ""
    text = "".join(para.text.split())
    return text if len(text) <= _WORDS else text[:_WORDS] + "…"

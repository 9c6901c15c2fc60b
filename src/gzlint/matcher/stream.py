"""Flatten a document into one stream of tokens.

Paragraphs and table cells become tokens in reading order. A cell keeps the
identity of its table row, so the table walker can tell which values share a
row with a label; a paragraph has none, which is exactly the "run of cells"
case of a text that lost its grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Document, Paragraph
from ..form.labels import key as label_key
from ..form.values import CellValue, cell_status, parse_cell
from ..text import CN_NUMERALS, MARK_SEPARATORS

_HEADING = re.compile(f"^\\s*([{CN_NUMERALS}]+|[0-9]+)\\s*[{MARK_SEPARATORS}]")
_SUBHEADING = re.compile(f"^\\s*[（(][{CN_NUMERALS}]+[)）]")


@dataclass(slots=True)  # a report has hundreds: built faster, smaller
class Token:
    index: int
    text: str
    key: str
    line: int | None
    kind: str  # para | cell
    table: int | None = None  # which document table
    row: int | None = None  # which row of that table
    layout: str | None = None  # the table's layout
    #: (row, col, rowspan, colspan) of the cell in a ``grid`` table: the grid matcher reads by position
    grid: tuple[int, int, int, int] | None = None
    #: which paragraph of the document (0-based), for a ``para`` token: where a person finds it
    paragraph: int | None = None
    # the walkers ask these of every token, often: worked out once
    blank: bool = field(init=False)
    row_id: tuple[int, int] | None = field(init=False)
    _status: str | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.blank = not self.text.strip().strip("\u200b\ufeff")
        self.row_id = (self.table, self.row) if self.table is not None and self.row is not None else None

    @property
    def status(self) -> str:
        """The text read as a cell: number | blank | invalid; read on first use
        (most paragraphs never are), then kept."""
        if self._status is None:
            self._status = cell_status(self.text)
        return self._status

    def cell_value(self) -> CellValue:
        """The token as a cell of a matched table: its own value, its line and,
        in a grid, where it lies."""
        value = parse_cell(self.text, self.line)
        if self.grid is not None and self.table is not None:
            value.source = (self.table, self.grid[0], self.grid[1])
        return value

    def value_like(self) -> bool:
        """Could this token be the content of a numeric cell?

        Blanks and numbers are; so is short text such as —, /, 无, 若干 (GZ202
        reports it). Headings and sentences are not.
        """
        if self.blank:
            return True
        if self.status == "number":
            return True
        text = self.text.strip()
        if len(text) > 8 or text.endswith(("。", "：", ":")):
            return False
        return not (_HEADING.match(text) or _SUBHEADING.match(text))

    def numeric(self) -> bool:
        return self.status == "number"


def tokenize(doc: Document) -> list[Token]:
    tokens: list[Token] = []
    table_no = para_no = 0
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            tokens.append(Token(len(tokens), block.text, label_key(block.text), block.line, "para", paragraph=para_no))
            para_no += 1
            continue
        layout = block.layout
        on_grid = layout == "grid"
        for r, row in enumerate(block.rows):
            for cell in row:
                text = cell.text
                grid = (cell.row, cell.col, cell.rowspan, cell.colspan) if on_grid else None
                tokens.append(Token(len(tokens), text, label_key(text), cell.line, "cell", table_no, r, layout, grid))
        table_no += 1
    return tokens

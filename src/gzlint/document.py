"""The document model every reader produces.

A document is an ordered list of blocks: paragraphs and tables. Readers keep
what the input really holds and guess nothing about the official form; that is
the matcher's job.

A table comes in one of three shapes, named by ``Table.layout``:

``grid``
    Cell positions are reliable (HTML, .docx, spreadsheets, ruled PDF tables).
    A merged cell appears once, at its origin, with its spans; the positions it
    covers are not repeated.
``rows``
    Row boundaries are known, positions are not: each row is the run of cells
    the text kept (one cell per line, rows separated by blank lines). Merged
    labels appear once, or as an empty cell on later rows.
``padded_rows``
    One row per line, cells separated by tabs. Merged cells leave extra empty
    cells on either side of a label, so empty cells next to labels are padding.

Where a text layout lost even the row boundaries (one cell per paragraph), the
reader emits paragraphs and the matcher reads them as a run of cells.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .messages import Msg

from dataclasses import dataclass, field
from typing import Literal, Union

TableLayout = Literal["grid", "rows", "padded_rows"]


@dataclass
class Paragraph:
    """A paragraph of text; ``line`` is its 1-based line in the source, if any."""

    text: str
    line: int | None = None
    #: the 1-based page it stands on, where the source has pages (PDF)
    page: int | None = None


@dataclass
class Cell:
    """One table cell. ``row``/``col`` are grid positions (0-based) in a ``grid``
    table and the index within the row otherwise."""

    text: str
    line: int | None = None
    row: int = 0
    col: int = 0
    rowspan: int = 1
    colspan: int = 1
    #: the 1-based page it stands on, where the source has pages (a table may run over several)
    page: int | None = None


@dataclass
class Table:
    """A table: rows of cells, in reading order."""

    rows: list[list[Cell]]
    layout: TableLayout = "grid"
    line: int | None = None
    page: int | None = None

    def cells(self) -> list[Cell]:
        """Every cell in row-major order."""
        return [cell for row in self.rows for cell in row]


Block = Union[Paragraph, Table]


@dataclass
class RunTogether:
    """The text of a form table whose cells ran together (a web archiver's
    dump: "…申请数量230 000023"). The table is there but its cells cannot be
    told apart, so it is kept out of the blocks: GZ005 reports it and the
    table checks skip it."""

    #: the report section the table stands in (二, 三, 四)
    section: str
    text: str
    line: int | None = None


@dataclass
class Document:
    """What a reader produced from one input file."""

    path: str
    blocks: list[Block] = field(default_factory=list)
    source_format: str = "txt"
    encoding: str | None = None
    #: metadata the container carries (title, creation date …), by name
    metadata: dict[str, str] = field(default_factory=dict)
    #: form tables present only as run-together text
    run_together: list[RunTogether] = field(default_factory=list)

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def text(self) -> str:
        """All text, paragraphs and cells, one per line (for prose-wide checks)."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            else:
                parts.extend(cell.text for cell in block.cells())
        return "\n".join(parts)


class ReadFailure(Exception):
    """A file could not be turned into a document.

    ``code`` is the diagnostic it becomes: GZ001 (unreadable or unsupported),
    GZ002 (cannot be decoded) or GZ003 (a PDF without a text layer).
    """

    def __init__(self, code: str, message: "Msg | str", line: int | None = None) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)
        #: the catalogue message, which --lang renders anew (None for plain text)
        self.msg = message if not isinstance(message, str) else None
        self.line = line

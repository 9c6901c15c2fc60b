"""The matched report: a document mapped onto the official form. Rules read this."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..document import Document, ReadFailure
from ..form.spec import FormSpec, RowSpec, SectionSpec, TableSpec
from ..form.values import CellValue
from .stream import Token


@dataclass
class LabelMatch:
    """A label found in the report and the form label it was taken for.

    ``how`` is exact, variant (a known other wording), fuzzy (close enough), or
    note (the official label plus a parenthesised note, such as a unit)."""

    official: str
    found: str
    line: int | None
    how: str
    kind: str  # row | column | header | caption


@dataclass
class MatchedRow:
    spec: RowSpec
    label: Token
    cells: list[CellValue]
    #: how many values the report gave for this row (before padding)
    found: int
    #: values beyond the form's columns
    extra: list[Token] = field(default_factory=list)
    #: each value was read under its column's header (a grid), so a ``missing``
    #: cell is known to be that column's; reading by order pads at the end
    by_column: bool = False


@dataclass
class MatchedTable:
    spec: TableSpec
    start: int
    end: int
    line: int | None
    rows: dict[str, MatchedRow] = field(default_factory=dict)
    labels: list[LabelMatch] = field(default_factory=list)
    extra_rows: list[tuple[Token, list[Token]]] = field(default_factory=list)
    #: units declared in column headers: 采购总金额(单位:万元) → {"amount": "万元"}
    header_units: dict[str, str] = field(default_factory=dict)
    #: for a table read as one flat run of values (四): (values found, cells expected)
    flat: tuple[int, int] | None = None

    def cell(self, row_id: str, col_id: str) -> CellValue | None:
        row = self.rows.get(row_id)
        if row is None:
            return None
        return row.cells[self.column_position(col_id)]

    def column_position(self, col_id: str) -> int:
        """Where column ``col_id`` stands in each row's ``cells``."""
        return self._column_positions[col_id]

    # indexed once: rules read cells by column id hundreds of times per report (the spec never changes)
    @cached_property
    def _column_positions(self) -> dict[str, int]:
        return {c.id: i for i, c in reversed(list(enumerate(self.spec.columns)))}  # the first of an id, as index() finds it

    def missing_rows(self) -> list[RowSpec]:
        return [r for r in self.spec.data_rows if r.id not in self.rows]

    def cells(self):
        """Every (row spec, column spec, value) of the rows found."""
        for row in self.rows.values():
            for col, value in zip(self.spec.columns, row.cells):
                yield row.spec, col, value


@dataclass
class SectionMatch:
    spec: SectionSpec
    token: Token
    #: the number as written: 三 or 3
    number: str
    #: the title after the number, as written
    title: str

    @property
    def line(self) -> int | None:
        return self.token.line


@dataclass
class Report:
    """Everything the rules need about one file."""

    path: str
    document: Document | None = None
    failure: ReadFailure | None = None
    #: an internal error while matching (not the report's fault); no rule runs
    error: str | None = None
    tokens: list[Token] = field(default_factory=list)
    form: FormSpec | None = None
    #: label keys seen per format version, the evidence for the version
    format_evidence: dict[str, list[str]] = field(default_factory=dict)
    year: int | None = None
    year_source: str | None = None
    title: str | None = None
    title_line: int | None = None
    sections: list[SectionMatch] = field(default_factory=list)
    tables: dict[str, MatchedTable] = field(default_factory=dict)
    #: tables of the form that were looked for (found or not)
    expected_tables: list[TableSpec] = field(default_factory=list)
    #: captions of 第二十条 items the chosen format does not have (2019 第（九）项 in 2021)
    foreign_captions: list[Token] = field(default_factory=list)
    #: token index ranges taken by tables, start inclusive, end exclusive
    table_spans: list[tuple[int, int]] = field(default_factory=list)
    #: a cache for derived facts rules share (identity results …)
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def readable(self) -> bool:
        return self.document is not None

    @property
    def recognised(self) -> bool:
        """An annual report: it has a title, a section or a form table."""
        return self.readable and bool(self.title or self.sections or self.tables)

    def in_table(self, index: int) -> bool:
        return _within(*self._spans(), index)

    def _spans(self) -> tuple[list[int], list[int]]:
        """The table spans as sorted starts and, for each, the furthest end so
        far (spans may nest), kept until the spans change."""
        key = tuple(self.table_spans)
        hit = self.cache.get("_spans")
        if hit is None or hit[0] != key:
            starts, ends, furthest = [], [], -1
            for start, end in sorted(key):
                furthest = max(furthest, end)
                starts.append(start)
                ends.append(furthest)
            hit = self.cache["_spans"] = (key, (starts, ends))
        return hit[1]

    def prose(self) -> list[Token]:
        """Tokens outside the form tables, in order (computed once while the
        tokens and spans stay as they are; do not change the list)."""
        key = (len(self.tokens), tuple(self.table_spans))
        hit = self.cache.get("_prose")
        if hit is None or hit[0] != key:
            starts, ends = self._spans()
            hit = self.cache["_prose"] = (key, _outside(self.tokens, starts, ends))
        return hit[1]

    def section_of(self, index: int) -> SectionMatch | None:
        current = None
        for sec in self.sections:
            if sec.token.index <= index:
                current = sec
        return current

    @staticmethod
    def section_name(table: TableSpec, form: FormSpec | None) -> str:
        if form:
            for sec in form.sections:
                if sec.number == table.section:
                    return sec.official
        return table.section


def _outside(tokens: list[Token], starts: list[int], ends: list[int]) -> list[Token]:
    """The tokens in no span of ``Report._spans``, in order: the runs between
    the spans sliced off (tokens come in index order), not each token looked up."""
    indexes = [t.index for t in tokens]
    if indexes != sorted(indexes):
        return [t for t in tokens if not _within(starts, ends, t.index)]
    out: list[Token] = []
    lo = 0
    # a token is in a span where its index is in some [start, end): with the
    # starts sorted and the ends the furthest so far, these are the covered runs
    for start, end in zip(starts, ends):
        hi = bisect_left(indexes, start, lo)
        out += tokens[lo:hi]
        lo = max(hi, bisect_left(indexes, end, hi))
    out += tokens[lo:]
    return out


def _within(starts: list[int], ends: list[int], index: int) -> bool:
    """Whether ``index`` falls in a span of ``Report._spans``."""
    k = bisect_right(starts, index) - 1
    return k >= 0 and index < ends[k]

"""What a run keeps of one report: a small picklable set of facts.

A run streams its files through worker processes; each worker reads, matches
and checks one report, and sends back only these facts: what the reporters say
was read (``read``: source kind, form version, body, year; gzlint.summary)
and what the rules over every report of the run (``scope = "run"``: GZ305,
GZ306, GZ506) compare. The facts quack like a matched report where those rules read it: ``path``, ``year``,
``recognised``, ``form`` (looked up by its format name, so forms are never
pickled), ``tables[id].cell(row, column)`` for the cells the run rules' roles
name (summarise), the issuing ``body`` and a text ``signature`` (hashed prose shingles).
"""

from __future__ import annotations

import pickle
import re
import zlib
from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from .form.model import FormSpec, TableSpec
    from .form.values import CellValue
    from .locations import Where
    from .matcher.model import MatchedTable, Report
    from .rule import Rule

#: prose is compared in character 5-grams
SHINGLE = 5
_DROP = re.compile(r"[\s\W_]+")
_DIGIT = re.compile(r"\d")


def text_signature(text: str, body: str | None = None) -> array:
    """Sorted, distinct CRC-32 hashes of the text's 5-grams, with the body's name
    removed and every digit made 0, so a copy with only the year or the name
    changed matches. CRC-32, not ``hash()``: workers hash with other seeds."""
    from .text import nfkc

    text = nfkc(text)
    if body:
        text = text.replace(body, "")
    text = _DIGIT.sub("0", _DROP.sub("", text))
    grams = {text[i:i + SHINGLE] for i in range(max(0, len(text) - SHINGLE + 1))}
    # map() over the built-ins: the per-gram encode and hash run without a Python frame
    return array("I", sorted(set(map(zlib.crc32, map(str.encode, grams)))))


@dataclass
class CellTable:
    """The cells of one matched table, by (row id, column id)."""

    cells: dict[tuple[str, str], "CellValue"] = field(default_factory=dict)

    def cell(self, row_id: str, col_id: str) -> "CellValue | None":
        return self.cells.get((row_id, col_id))


@dataclass
class ReportFacts:
    path: str
    recognised: bool = False
    form_format: str | None = None
    year: int | None = None
    body: str | None = None
    title_line: int | None = None
    signature: array = field(default_factory=lambda: array("I"))
    #: source kind, form version, body, year, as gzlint.summary.read_facts says
    read: dict = field(default_factory=dict)
    #: ``tables`` and ``places`` pickled (pack_cells): a run holds every
    #: file's facts, and the rules unpack the cells of the few they pair
    cells: bytes = b""

    @property
    def tables(self) -> dict[str, CellTable]:
        """The kept cells of each table, by table id."""
        return self._unpacked()[0]

    @property
    def places(self) -> dict[tuple[int, int, int], "Where"]:
        """Each kept cell's place in the source's own terms (gzlint.locations),
        by ``CellValue.source``: the facts carry no document to find it in."""
        return self._unpacked()[1]

    def _unpacked(self) -> tuple[dict, dict]:
        # kept on the object: ``cells`` is set once, by summarise()
        got = self.__dict__.get("_cells")
        if got is None:
            got = self.__dict__["_cells"] = pickle.loads(self.cells) if self.cells else ({}, {})
        return got

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_cells"}

    @property
    def form(self) -> "FormSpec | None":
        if self.form_format is None:
            return None
        from .plugins import all_forms

        return next((f for f in all_forms() if f.format == self.form_format), None)

    @staticmethod
    def section_name(table: "TableSpec", form: "FormSpec | None") -> str:
        from .matcher.model import Report

        return Report.section_name(table, form)


def summary_roles(rules: Iterable[type["Rule"]]) -> frozenset[str]:
    """The table, row, column and cell roles the run rules read (not their sections)."""
    return frozenset(role for cls in rules if cls.scope == "run"
                     for role in (*cls.roles, *cls.optional_roles) if not role.startswith("section."))


def summarise(report: "Report", roles: frozenset[str]) -> ReportFacts:
    """The facts of a matched report; ``roles`` from summary_roles(). Of each
    table only the cells the roles name are kept (a row role's row, a column
    role's column, a table role's whole table): what a run holds for every
    file, and what workers send, stays small."""
    from .summary import read_facts

    summary = ReportFacts(path=report.path, recognised=report.recognised, year=report.year,
                          title_line=report.title_line, read=read_facts(report))
    if not (report.recognised and report.form):
        return summary
    from .metadata import report_meta

    summary.form_format = report.form.format
    summary.body = report_meta(report).body
    wanted: dict[str, list[tuple[str | None, str | None]]] = {}
    for role in sorted(roles):
        place = report.form.role(role)
        if place is not None and place.table.id in report.tables:
            wanted.setdefault(place.table.id, []).append(place.ids[1:])
    tables, places = {}, {}
    for tid, parts in wanted.items():
        table = tables[tid] = CellTable(_named_cells(report.tables[tid], parts))
        places.update(_places(report, table))
    if tables:
        summary.cells = pickle.dumps((tables, places), protocol=pickle.HIGHEST_PROTOCOL)
    text = "".join(t.text for t in report.prose() if t.line != report.title_line)
    summary.signature = text_signature(text, summary.body)
    return summary


def _named_cells(table: "MatchedTable", parts: list[tuple[str | None, str | None]]) -> dict:
    """The table's cells the parts name, by (row id, column id), in the table's
    order: a (row, column) part names a cell, (row, None) a row, (None, column)
    a column, (None, None) all."""
    rows = {r for r, c in parts if c is None}
    columns = {c for r, c in parts if r is None}
    cells = {(r, c) for r, c in parts if r is not None and c is not None}
    if None in rows:  # (None, None): the whole table
        return {(r.id, c.id): v for r, c, v in table.cells()}
    named = rows | {r for r, _ in cells}
    # where no part names a column, only the named rows need reading
    matched = [m for m in table.rows.values() if columns or m.spec.id in named]
    return {(m.spec.id, c.id): v for m in matched for c, v in zip(table.spec.columns, m.cells)
            if m.spec.id in rows or c.id in columns or (m.spec.id, c.id) in cells}


def _places(report: "Report", table: CellTable) -> dict[tuple[int, int, int], "Where"]:
    from .locations import locate_cell

    places = {}
    for value in table.cells.values():
        where = locate_cell(report, value)
        if where is not None and value.source is not None:
            places[value.source] = where
    return places

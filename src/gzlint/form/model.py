"""The official form of one format version, as rules and the matcher see it.

Filled in from a form file by ``spec.load_form`` (docs/forms.md): tables, rows
and columns with their labels, identities, the checks that apply and the roles
rules refer to (``applications.new``, ``section.problems`` …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .labels import key


@dataclass(frozen=True)
class Label:
    """An official label and the other wordings real reports use for it."""

    text: str
    variants: tuple[str, ...] = ()

    # cached: the matcher compares every token against every label
    @cached_property
    def key(self) -> str:
        return key(self.text)

    @cached_property
    def variant_keys(self) -> tuple[str, ...]:
        return tuple(key(v) for v in self.variants)


@dataclass(frozen=True)
class ColumnSpec:
    id: str
    label: Label
    kind: str = "count"  # count | signed | money
    group: str | None = None
    unit: str | None = None
    unit_printed: bool = True


@dataclass(frozen=True)
class RowSpec:
    id: str
    label: Label
    group: bool = False  # a label spanning the rows under it, not a data row
    parent: str | None = None


@dataclass(frozen=True)
class TableSpec:
    id: str
    section: str
    name: str
    locate: str  # caption | rows | header
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    caption: str | None = None
    header: tuple[str, ...] = ()

    @property
    def data_rows(self) -> tuple[RowSpec, ...]:
        return tuple(r for r in self.rows if not r.group)

    @property
    def title(self) -> str:
        """How messages name the table: 三, or 二 第二十条第（一）项."""
        return f"{self.section} {self.caption}" if self.caption else f"表{self.section}"

    # indexed: rules ask for rows and columns by id for every report
    @cached_property
    def _column_index(self) -> dict[str, ColumnSpec]:
        return {c.id: c for c in reversed(self.columns)}  # the first of an id wins, as a scan finds it

    @cached_property
    def _row_index(self) -> dict[str, RowSpec]:
        return {r.id: r for r in reversed(self.rows)}

    def column(self, cid: str) -> ColumnSpec:
        return self._column_index[cid]

    def row(self, rid: str) -> RowSpec:
        return self._row_index[rid]


class FormError(ValueError):
    """A form file is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class SectionSpec:
    number: str
    title: str
    keywords: tuple[str, ...]
    topics: tuple[str, ...] = ()
    #: other words reports use for a topic: 平台建设 → 网站建设, 新媒体 …
    topic_words: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def official(self) -> str:
        return f"{self.number}、{self.title}"

    def words(self, topic: str) -> tuple[str, ...]:
        """The words that show the section covers ``topic``, the topic first."""
        return (topic, *dict(self.topic_words).get(topic, ()))


@dataclass(frozen=True)
class IdentitySpec:
    """An identity (勾稽关系) of one table. The rule that reports it is the one
    for its ``kind`` in its table (rules/arithmetic.py), not named here."""

    id: str
    table: str
    along: str  # column | row
    left: tuple[str, ...]
    right: tuple[str, ...]
    #: how messages name the relation: 本行各列之和
    description: str = ""
    #: balance (一+二 = （七）+四), column-sum or row-sum (a total and its parts)
    kind: str = "row-sum"


@dataclass(frozen=True)
class Place:
    """What a role names: a table, a row or column of it, or one cell."""

    table: TableSpec
    row: RowSpec | None = None
    column: ColumnSpec | None = None

    @property
    def ids(self) -> tuple[str, str | None, str | None]:
        return (self.table.id, self.row.id if self.row else None, self.column.id if self.column else None)


@dataclass(frozen=True)
class TableRoles:
    """The roles of one table: its own name and the names of its rows and columns."""

    table: str
    rows: tuple[tuple[str, str], ...] = ()
    columns: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FormSpec:
    format: str
    name: str
    issued_by: str
    first_year: int
    last_year: int | None
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]
    identities: tuple[IdentitySpec, ...]
    source: str = ""
    #: the checks that apply to this form only (processing-fee …); see applies()
    checks: frozenset[str] = frozenset()
    #: a caption of one item of table 二 (第二十条第（一）项), as a label key
    caption_pattern: str | None = None
    #: section role → section number
    section_roles: tuple[tuple[str, str], ...] = ()
    #: table role → the table's roles
    table_roles: tuple[tuple[str, TableRoles], ...] = ()
    #: label keys only this format has, filled in by load_forms()
    signals: frozenset[str] = field(default_factory=frozenset)

    def table(self, tid: str) -> TableSpec | None:
        return next((t for t in self.tables if t.id == tid), None)

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    def applies(self, check: str) -> bool:
        """Whether the form-specific check ``check`` (processing-fee …) applies to this form."""
        return check in self.checks

    @cached_property
    def caption_re(self) -> re.Pattern[str] | None:
        return re.compile(self.caption_pattern) if self.caption_pattern else None

    def section_role(self, name: str) -> SectionSpec | None:
        """The section a role names: ``problems`` → 五、存在的主要问题及改进情况."""
        number = dict(self.section_roles).get(name)
        return next((s for s in self.sections if s.number == number), None) if number else None

    def role(self, name: str) -> Place | None:
        """What a table, row, column or cell role names, or None where this form lacks it.

        ``applications`` (a table), ``applications.new`` (a row),
        ``applications.total`` (a column), ``litigation.review.total`` (a cell)."""
        table_role, _, rest = name.partition(".")
        roles = dict(self.table_roles).get(table_role)
        table = self.table(roles.table) if roles else None
        if table is None:
            return None
        if not rest:
            return Place(table)
        first, _, second = rest.partition(".")
        rows, columns = dict(roles.rows), dict(roles.columns)
        if second:
            if first in rows and second in columns:
                return Place(table, table.row(rows[first]), table.column(columns[second]))
            return None
        if first in rows:
            return Place(table, row=table.row(rows[first]))
        if first in columns:
            return Place(table, column=table.column(columns[first]))
        return None

    def row_roles(self, table_role: str) -> tuple[str, ...]:
        """The row role names of a table role, in the order the file gives them."""
        roles = dict(self.table_roles).get(table_role)
        return tuple(n for n, _ in roles.rows) if roles else ()

    def column_roles(self, table_role: str) -> tuple[str, ...]:
        """The column role names of a table role, in the order the file gives them."""
        roles = dict(self.table_roles).get(table_role)
        return tuple(n for n, _ in roles.columns) if roles else ()

    def has_role(self, name: str) -> bool:
        """Whether this form has the role; section roles are written ``section.NAME``."""
        if name.startswith("section."):
            return self.section_role(name[len("section."):]) is not None
        return self.role(name) is not None

    def label_keys(self, variants: bool = False) -> set[str]:
        keys: set[str] = set()
        for t in self.tables:
            if t.caption:
                keys.add(key(t.caption))
            for item in (*t.columns, *t.rows):
                keys.add(item.label.key)
                if variants:
                    keys.update(item.label.variant_keys)
        return keys

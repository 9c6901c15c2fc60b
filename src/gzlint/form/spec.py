"""Load the official form of one format version from its TOML file.

A new national format is a new TOML file in ``formats/`` (or one a plugin
returns from ``gzlint_form_files``); nothing here names a label.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .labels import key

FORMATS_DIR = Path(__file__).with_name("formats")


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

    def column(self, cid: str) -> ColumnSpec:
        return next(c for c in self.columns if c.id == cid)

    def row(self, rid: str) -> RowSpec:
        return next(r for r in self.rows if r.id == rid)


@dataclass(frozen=True)
class SectionSpec:
    number: str
    title: str
    keywords: tuple[str, ...]
    topics: tuple[str, ...] = ()

    @property
    def official(self) -> str:
        return f"{self.number}、{self.title}"


@dataclass(frozen=True)
class IdentitySpec:
    id: str
    code: str
    table: str
    along: str  # column | row
    left: tuple[str, ...]
    right: tuple[str, ...]
    #: how messages name the relation: 本行各列之和
    description: str = ""


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
    #: label keys only this format has, filled in by load_forms()
    signals: frozenset[str] = field(default_factory=frozenset)

    def table(self, tid: str) -> TableSpec | None:
        return next((t for t in self.tables if t.id == tid), None)

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

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


def _label(d: dict) -> Label:
    return Label(d["label"], tuple(d.get("variants", ())))


def load_form(path: str | Path) -> FormSpec:
    """Parse one format file; errors name the file."""
    path = Path(path)
    with path.open("rb") as fh:
        d = tomllib.load(fh)
    try:
        return FormSpec(
            format=str(d["format"]),
            name=d.get("name", ""),
            issued_by=d.get("issued_by", ""),
            first_year=int(d["first_year"]),
            last_year=d.get("last_year"),
            sections=tuple(
                SectionSpec(s["number"], s["title"], tuple(s.get("keywords", ())), tuple(s.get("topics", ())))
                for s in d["sections"]
            ),
            tables=tuple(
                TableSpec(
                    id=t["id"],
                    section=t["section"],
                    name=t.get("name", ""),
                    locate=t.get("locate", "rows"),
                    caption=t.get("caption"),
                    header=tuple(t.get("header", ())),
                    columns=tuple(
                        ColumnSpec(c["id"], _label(c), c.get("kind", "count"), c.get("group"), c.get("unit"), c.get("unit_printed", True))
                        for c in t["columns"]
                    ),
                    rows=tuple(RowSpec(r["id"], _label(r), r.get("group", False), r.get("parent")) for r in t["rows"]),
                )
                for t in d["tables"]
            ),
            identities=tuple(
                IdentitySpec(i["id"], i["code"], i["table"], i["along"], tuple(i["left"]), tuple(i["right"]), i.get("description", ""))
                for i in d.get("identities", ())
            ),
            source=str(path),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: malformed form definition: {exc}") from exc


def builtin_form_files() -> list[Path]:
    return sorted(FORMATS_DIR.glob("*.toml"))


@lru_cache(maxsize=8)
def load_forms(paths: tuple[str, ...] | None = None) -> tuple[FormSpec, ...]:
    """Every known format, newest first, each with its ``signals`` filled in."""
    files = [Path(p) for p in paths] if paths else builtin_form_files()
    forms = [load_form(p) for p in files]
    result = []
    for form in forms:
        others: set[str] = set()
        for other in forms:
            if other is not form:
                others |= other.label_keys(variants=True)
        signals = frozenset(form.label_keys() - others)
        result.append(FormSpec(**{**form.__dict__, "signals": signals}))
    return tuple(sorted(result, key=lambda f: f.first_year, reverse=True))


def form_for_year(forms: tuple[FormSpec, ...], year: int) -> FormSpec | None:
    return next((f for f in forms if f.covers(year)), None)

"""Load and validate the form files (docs/forms.md).

The form file is the one contract between a format version and the rules: its
labels, its tables, its identities, the checks that apply to it and the
*roles* rules refer to. A new national format is a new TOML file in
``rules/national/forms/`` (a local one in a rule pack's ``forms/``, or one a
plugin returns from ``gzlint_form_files``); nothing
here names a label, a row or a year. The model classes live in ``model.py``
and are importable from here too.
"""

from __future__ import annotations

import re
import sys
import zlib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from ..packs import builtin_root, form_files, toml_reader
from .model import (ColumnSpec, FormError, FormSpec, IdentitySpec, Label, Place, RowSpec, SectionSpec, TableRoles,
                    TableSpec)

__all__ = ["ColumnSpec", "FormError", "FormSpec", "IdentitySpec", "Label", "Place", "RowSpec", "SectionSpec",
           "TableRoles", "TableSpec", "FORMATS_DIR", "load_form", "load_forms", "builtin_form_files", "form_for_year"]

#: the national forms, in the built-in rule pack (gzlint.packs)
FORMATS_DIR = builtin_root() / "national" / "forms"

# -- reading and validating a form file ------------------------------------------

_TOP_KEYS = {"format", "name", "issued_by", "first_year", "last_year", "checks", "caption_pattern",
             "sections", "tables", "identities", "roles"}
_SECTION_KEYS = {"number", "title", "keywords", "topics", "topic_words"}
_TABLE_KEYS = {"id", "section", "name", "locate", "caption", "header", "columns", "rows"}
_COLUMN_KEYS = {"id", "label", "variants", "kind", "group", "unit", "unit_printed"}
_ROW_KEYS = {"id", "label", "variants", "group", "parent"}
_IDENTITY_KEYS = {"id", "kind", "description", "table", "along", "left", "right"}
_ROLE_TABLE_KEYS = {"table", "rows", "columns"}
_ROLE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_CHOICES = {"locate": ("caption", "rows", "header"), "kind": ("count", "signed", "money"),
            "along": ("column", "row"), "identity kind": ("balance", "column-sum", "row-sum")}


class _Reader:
    """Reads one parsed TOML file; every error names the file and the key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> FormError:
        return FormError(f"{self.path}: {where}: {problem}")

    def keys(self, d: Any, allowed: set[str], where: str) -> dict:
        if not isinstance(d, dict):
            raise self.fail(where, "expected a table")
        unknown = sorted(set(d) - allowed)
        if unknown:
            raise self.fail(f"{where}.{unknown[0]}", f"unknown key (allowed: {', '.join(sorted(allowed))})")
        return d

    def get(self, d: dict, name: str, where: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if name not in d:
            if default is ...:
                raise self.fail(f"{where}.{name}", "required key is missing")
            return default
        value = d[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(f"{where}.{name}", f"expected {_kind_name(kind)}, got {value!r}")
        return value

    def strings(self, d: dict, name: str, where: str) -> tuple[str, ...]:
        values = self.get(d, name, where, list, [])
        if not all(isinstance(v, str) for v in values):
            raise self.fail(f"{where}.{name}", "expected a list of strings")
        return tuple(values)

    def choice(self, value: str, what: str, where: str) -> str:
        if value not in _CHOICES[what]:
            raise self.fail(where, f"{value!r} is not one of {', '.join(_CHOICES[what])}")
        return value

    def unique(self, ids: Iterable[str], where: str, what: str = "id") -> None:
        seen: set[str] = set()
        for i in ids:
            if i in seen:
                raise self.fail(where, f"duplicate {what} {i!r}")
            seen.add(i)


def _kind_name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join({str: "a string", int: "an integer", list: "a list", dict: "a table", bool: "true or false"}.get(k, k.__name__) for k in kinds)


def _label(r: _Reader, d: dict, where: str) -> Label:
    return Label(r.get(d, "label", where, str), r.strings(d, "variants", where))


def _section(r: _Reader, d: Any, where: str) -> SectionSpec:
    d = r.keys(d, _SECTION_KEYS, where)
    topics = r.strings(d, "topics", where)
    words = []
    for topic in r.get(d, "topic_words", where, dict, {}):
        if topic not in topics:
            raise r.fail(f"{where}.topic_words.{topic}", "not one of this section's topics")
        words.append((topic, r.strings(d["topic_words"], topic, f"{where}.topic_words")))
    return SectionSpec(r.get(d, "number", where, str), r.get(d, "title", where, str),
                       r.strings(d, "keywords", where), topics, tuple(words))


def _table(r: _Reader, d: Any, where: str, section_numbers: set[str]) -> TableSpec:
    d = r.keys(d, _TABLE_KEYS, where)
    tid = r.get(d, "id", where, str)
    where = f"tables[{tid}]"
    section = r.get(d, "section", where, str)
    if section not in section_numbers:
        raise r.fail(f"{where}.section", f"no section numbered {section!r}")
    columns = []
    for i, c in enumerate(r.get(d, "columns", where, list)):
        cw = f"{where}.columns[{i}]"
        c = r.keys(c, _COLUMN_KEYS, cw)
        columns.append(ColumnSpec(
            r.get(c, "id", cw, str), _label(r, c, cw), r.choice(r.get(c, "kind", cw, str, "count"), "kind", f"{cw}.kind"),
            r.get(c, "group", cw, str, None), r.get(c, "unit", cw, str, None), r.get(c, "unit_printed", cw, bool, True)))
    rows = []
    for i, row in enumerate(r.get(d, "rows", where, list)):
        rw = f"{where}.rows[{i}]"
        row = r.keys(row, _ROW_KEYS, rw)
        rows.append(RowSpec(r.get(row, "id", rw, str), _label(r, row, rw), r.get(row, "group", rw, bool, False),
                            r.get(row, "parent", rw, str, None)))
    if not columns or not rows:
        raise r.fail(where, "a table needs columns and rows")
    r.unique((c.id for c in columns), f"{where}.columns")
    r.unique((row.id for row in rows), f"{where}.rows")
    # the matcher tells rows (and columns) apart by label: two alike cannot both be found
    r.unique((c.label.key for c in columns), f"{where}.columns", "label")
    r.unique((row.label.key for row in rows), f"{where}.rows", "label")
    row_ids = {row.id for row in rows}
    for i, row in enumerate(rows):
        if row.parent is not None and row.parent not in row_ids:
            raise r.fail(f"{where}.rows[{i}].parent", f"no row {row.parent!r} in this table")
    locate = r.choice(r.get(d, "locate", where, str, "rows"), "locate", f"{where}.locate")
    caption = r.get(d, "caption", where, str, None)
    if locate == "caption" and not caption:
        raise r.fail(f"{where}.caption", "required where locate = \"caption\"")
    return TableSpec(id=tid, section=section, name=r.get(d, "name", where, str, ""), locate=locate,
                     columns=tuple(columns), rows=tuple(rows), caption=caption, header=r.strings(d, "header", where))


def _identity(r: _Reader, d: Any, where: str, tables: dict[str, TableSpec]) -> IdentitySpec:
    d = r.keys(d, _IDENTITY_KEYS, where)
    iid = r.get(d, "id", where, str)
    where = f"identities[{iid}]"
    tid = r.get(d, "table", where, str)
    table = tables.get(tid)
    if table is None:
        raise r.fail(f"{where}.table", f"no table {tid!r}")
    along = r.choice(r.get(d, "along", where, str), "along", f"{where}.along")
    # along columns the terms are rows, along rows they are columns
    ids = {row.id for row in table.data_rows} if along == "column" else {c.id for c in table.columns}
    what = "data row" if along == "column" else "column"
    sides = {}
    for side in ("left", "right"):
        terms = r.strings(d, side, where)
        if not terms:
            raise r.fail(f"{where}.{side}", "no terms")
        for term in terms:
            if term not in ids:
                raise r.fail(f"{where}.{side}", f"no {what} {term!r} in table {tid!r}")
        sides[side] = terms
    return IdentitySpec(iid, tid, along, sides["left"], sides["right"],
                        r.get(d, "description", where, str, ""),
                        r.choice(r.get(d, "kind", where, str, "row-sum" if along == "row" else "column-sum"),
                                 "identity kind", f"{where}.kind"))


def _roles(r: _Reader, d: Any, sections: tuple[SectionSpec, ...], tables: dict[str, TableSpec]):
    d = r.keys(d, {"sections", "tables"}, "roles")
    section_roles = []
    numbers = {s.number for s in sections}
    for name, number in r.get(d, "sections", "roles", dict, {}).items():
        where = f"roles.sections.{name}"
        _role_name(r, name, where)
        if number not in numbers:
            raise r.fail(where, f"no section numbered {number!r}")
        section_roles.append((name, number))
    table_roles = []
    for name, spec in r.get(d, "tables", "roles", dict, {}).items():
        where = f"roles.tables.{name}"
        _role_name(r, name, where)
        spec = r.keys(spec, _ROLE_TABLE_KEYS, where)
        tid = r.get(spec, "table", where, str)
        table = tables.get(tid)
        if table is None:
            raise r.fail(f"{where}.table", f"no table {tid!r}")
        parts = {}
        for part, ids in (("rows", {row.id for row in table.rows}), ("columns", {c.id for c in table.columns})):
            named = r.get(spec, part, where, dict, {})
            for role, target in named.items():
                _role_name(r, role, f"{where}.{part}.{role}")
                if target not in ids:
                    raise r.fail(f"{where}.{part}.{role}", f"no {part[:-1]} {target!r} in table {tid!r}")
            parts[part] = tuple(named.items())
        both = {n for n, _ in parts["rows"]} & {n for n, _ in parts["columns"]}
        if both:
            raise r.fail(where, f"{sorted(both)[0]!r} names both a row and a column")
        table_roles.append((name, TableRoles(tid, parts["rows"], parts["columns"])))
    return tuple(section_roles), tuple(table_roles)


def _role_name(r: _Reader, name: str, where: str) -> None:
    if not _ROLE_NAME.match(name):
        raise r.fail(where, "a role name is lower case letters, digits and _ (no dots)")


def load_form(path: str | Path) -> FormSpec:
    """Parse and validate one format file; a FormError names the file and the key."""
    path = Path(path)
    r = _Reader(path)
    tomllib = toml_reader()
    try:
        with path.open("rb") as fh:
            d = tomllib.load(fh)
    except OSError as exc:
        raise FormError(f"{path}: cannot read the form file: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise FormError(f"{path}: not valid TOML: {exc}") from None
    d = r.keys(d, _TOP_KEYS, "form")
    sections = tuple(_section(r, s, f"sections[{i}]") for i, s in enumerate(r.get(d, "sections", "form", list)))
    r.unique((s.number for s in sections), "sections")
    numbers = {s.number for s in sections}
    tables = tuple(_table(r, t, f"tables[{i}]", numbers) for i, t in enumerate(r.get(d, "tables", "form", list)))
    r.unique((t.id for t in tables), "tables")
    by_id = {t.id: t for t in tables}
    identities = tuple(_identity(r, x, f"identities[{i}]", by_id) for i, x in enumerate(r.get(d, "identities", "form", list, [])))
    r.unique((x.id for x in identities), "identities")
    section_roles, table_roles = _roles(r, d.get("roles", {}), sections, by_id)
    caption_pattern = r.get(d, "caption_pattern", "form", str, None)
    if caption_pattern is not None:
        try:
            re.compile(caption_pattern)
        except re.error as exc:
            raise r.fail("caption_pattern", f"not a regular expression: {exc}") from None
    first_year = r.get(d, "first_year", "form", int)
    last_year = r.get(d, "last_year", "form", int, None)
    if last_year is not None and last_year < first_year:
        raise r.fail("last_year", f"{last_year} is before first_year {first_year}")
    return FormSpec(
        format=str(r.get(d, "format", "form", (str, int))), name=r.get(d, "name", "form", str, ""),
        issued_by=r.get(d, "issued_by", "form", str, ""), first_year=first_year, last_year=last_year,
        sections=sections, tables=tables, identities=identities, source=str(path),
        checks=frozenset(r.strings(d, "checks", "form")), caption_pattern=caption_pattern,
        section_roles=section_roles, table_roles=table_roles,
    )


def builtin_form_files() -> list[Path]:
    """The forms of the rule packs: the national ones, then local packs'."""
    return form_files()


@lru_cache(maxsize=8)
def load_forms(paths: tuple[str, ...] | None = None) -> tuple[FormSpec, ...]:
    """Every known format, newest first, each with its ``signals`` filled in.
    Parsed and validated once, then kept (gzlint.kept) while the form files
    and the code that reads them are unchanged.

    Raises FormError for a malformed file, or two files of the same format."""
    from ..kept import file_facts, kept

    files = [Path(p) for p in paths] if paths else builtin_form_files()
    here = Path(__file__).parent
    try:
        # the forms' own paths: each form knows its source
        facts = [sys.version, file_facts(files), file_facts([*here.glob("*.py"), here.parent / "text.py"], here.parent)]
    except OSError:  # a form file that cannot be read: load_form says which
        return _load_forms(files)
    # one kept copy per set of form files: the built-in set and a run's set
    # with plugin forms would otherwise replace each other's copy on every run
    name = f"forms-{zlib.crc32(repr([str(f) for f in files]).encode('utf-8')):08x}"
    return kept(here, name, facts, lambda: _load_forms(files))


def _load_forms(files: list[Path]) -> tuple[FormSpec, ...]:
    forms = [load_form(p) for p in files]
    seen: dict[str, FormSpec] = {}
    for form in forms:
        if form.format in seen:
            raise FormError(f"{form.source}: format: {form.format!r} is already defined by {seen[form.format].source}")
        seen[form.format] = form
    result = []
    for form in forms:
        mine = form.label_keys(variants=True)
        others: set[str] = set()
        for other in forms:
            # a form with the same labels (a local copy of a national one) is
            # no evidence against this one
            if other is not form and other.label_keys(variants=True) != mine:
                others |= other.label_keys(variants=True)
        signals = frozenset(form.label_keys() - others)
        result.append(replace(form, signals=signals))
    return tuple(sorted(result, key=lambda f: f.first_year, reverse=True))


def form_for_year(forms: tuple[FormSpec, ...], year: int) -> FormSpec | None:
    return next((f for f in forms if f.covers(year)), None)

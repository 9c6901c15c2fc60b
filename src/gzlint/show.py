"""``gzlint show``: what gzlint read from a report, to check a surprising
finding or debug a reader.

:func:`collect` turns one matched report into a plain dict of facts (the
source kind and encoding, the form version and its evidence, title, body,
year, period, dates, sections, and every form table cell with where it came
from); :func:`render_json` prints those dicts, :func:`render_terminal` draws
them with rich. The JSON keys are documented in README.md ("gzlint show") and
are part of the interface: add keys, do not rename them.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from .config import Settings
from .form.spec import ColumnSpec, FormSpec, TableSpec
from .form.values import CellValue, format_number
from .matcher.model import MatchedRow, MatchedTable, Report
from .matcher.stream import Token
from .messages import DEFAULT_LANG
from .messages import text as T
from .metadata import body_kind, report_meta
from .metadata.dates import DateMention

#: the version of the JSON layout; raised only when a key changes meaning
SCHEMA = 1


def collect(report: Report, settings: Settings | None = None) -> dict[str, Any]:
    """The facts gzlint read from one report, as JSON-ready values."""
    facts: dict[str, Any] = {"path": report.path, "readable": report.readable, "recognised": report.recognised}
    if report.failure is not None:
        f = report.failure
        facts["failure"] = {"code": f.code, "message": f.message, "line": f.line}
        return facts
    if report.error is not None:
        facts["error"] = report.error
        return facts
    doc = report.document
    assert doc is not None  # readable: a report without a failure has its document
    facts["source"] = {"kind": doc.source_format, "encoding": doc.encoding, "metadata": dict(doc.metadata)}
    facts["form"] = _form(report)
    facts["title"] = {"text": report.title, "line": report.title_line}
    meta = report_meta(report)
    kind, kind_source = body_kind(report, settings or Settings())
    facts["body"] = {"name": meta.body, "source": meta.body_source, "line": meta.body_line,
                     "kind": kind, "kind_source": kind_source}
    facts["year"] = {
        "value": report.year, "source": report.year_source,
        "title": meta.title_year, "metadata": meta.metadata_year,
        "period": meta.period.year if meta.period else None,
        "prose": {str(y): n for y, n in sorted(meta.prose_years.items())},
    }
    p = meta.period
    facts["period"] = None if p is None else {
        "text": p.text, "line": p.line, "year": p.year,
        "start": _date(p.start), "end": _date(p.end), "calendar_year": p.calendar_year,
    }
    facts["signed"] = None if meta.signed is None else {**_date(meta.signed), "source": meta.signed_source}
    facts["dates"] = [_date(d) for d in meta.dates]
    facts["sections"] = _sections(report)
    facts["tables"] = [_table(spec, report.tables.get(spec.id)) for spec in report.expected_tables]
    facts["foreign_captions"] = [_token(t) for t in report.foreign_captions]
    return facts


def _form(report: Report) -> dict[str, Any] | None:
    form: FormSpec | None = report.form
    if form is None:
        return None
    return {
        "version": form.format, "name": form.name, "issued_by": form.issued_by,
        # label keys only that version has, as the report wrote them
        "evidence": {version: sorted(set(labels)) for version, labels in report.format_evidence.items()},
    }


def _date(d: DateMention | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"text": d.text, "line": d.line, "date": d.date.isoformat() if d.date else None, "problem": str(d.problem) if d.problem else None}


def _token(t: Token) -> dict[str, Any]:
    return {"text": t.text.strip(), "line": t.line}


def _sections(report: Report) -> list[dict[str, Any]]:
    found = {s.spec.number: s for s in report.sections}
    specs = report.form.sections if report.form else ()
    out = []
    for spec in specs:
        s = found.get(spec.number)
        out.append({
            "number": spec.number, "official": spec.official, "found": s is not None,
            "written": s.number if s else None, "title": s.title if s else None, "line": s.line if s else None,
        })
    return out


def _table(spec: TableSpec, table: MatchedTable | None) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "id": spec.id, "title": spec.title, "name": spec.name, "section": spec.section,
        "found": table is not None, "line": table.line if table else None,
        "columns": [{"id": c.id, "label": c.label.text, "group": c.group} for c in spec.columns],
    }
    if table is None:
        return facts
    facts["rows"] = [_row(row, spec.columns) for spec_row in spec.data_rows if (row := table.rows.get(spec_row.id))]
    facts["missing_rows"] = [{"id": r.id, "label": r.label.text} for r in table.missing_rows()]
    facts["extra_rows"] = [{**_token(label), "values": [_token(v) for v in values]} for label, values in table.extra_rows]
    facts["header_units"] = dict(table.header_units)
    facts["flat"] = None if table.flat is None else {"values": table.flat[0], "cells": table.flat[1]}
    return facts


def _row(row: MatchedRow, columns: tuple[ColumnSpec, ...]) -> dict[str, Any]:
    return {
        "id": row.spec.id, "label": row.spec.label.text, "written": row.label.text.strip(), "line": row.label.line,
        "values_found": row.found,
        "cells": [{"column": col.id, **cell_facts(cell)} for col, cell in zip(columns, row.cells)],
        "extra_values": [_token(t) for t in row.extra],
    }


def cell_facts(cell: CellValue) -> dict[str, Any]:
    """One cell: the text as written, how it was read, and where it came from."""
    source = getattr(cell, "source", None)  # (table ordinal, row, column) where the reader knows it
    return {
        "text": cell.text, "status": cell.status,
        "value": format_number(cell.number) if cell.number is not None else None,
        "unit": cell.unit, "oddities": list(cell.oddities),
        "line": cell.line, "source": list(source) if source is not None else None,
    }


def render_json(facts: list[dict[str, Any]], out: TextIO) -> None:
    json.dump({"schema": SCHEMA, "files": facts}, out, ensure_ascii=False, indent=2)
    out.write("\n")


# -- the terminal ----------------------------------------------------------------

_PIPE_WIDTH = 160
_STATUS_STYLE = {"number": "", "blank": "dim", "missing": "bold red", "invalid": "yellow"}


def cell_text(cell: dict[str, Any], lang: str = DEFAULT_LANG) -> str:
    """How the grid shows a cell: the number read (and the text when it was
    written otherwise), (空) for a blank, (缺) for no cell, 「text」 for text."""
    status, text = cell["status"], (cell["text"] or "").strip()
    if status == "missing":
        return T("show.cell.missing", lang)
    if status == "blank":
        return T("show.cell.blank", lang)
    if status == "invalid":
        return f"「{text}」"
    shown = cell["value"] + (cell["unit"] or "")
    return shown if text == shown else f"{shown} 「{text}」"


def where(item: dict[str, Any], lang: str = DEFAULT_LANG) -> str:
    """Where a cell came from: (table, row, column) in the source, else its line."""
    source = item.get("source")
    if source:
        return T("show.source", lang, table=source[0], row=source[1], column=source[2])
    return f"L{item['line']}" if item.get("line") is not None else ""


def render_terminal(facts: list[dict[str, Any]], out: TextIO, lang: str = DEFAULT_LANG) -> None:
    from rich.console import Console

    # piped into less or a file: wide enough for table 三's eight columns
    width = None if out.isatty() else _PIPE_WIDTH
    console = Console(file=out, highlight=False, width=width)
    for i, f in enumerate(facts):
        if i:
            console.print()
        _draw_file(console, f, lang)


def _draw_file(console, f: dict[str, Any], lang: str) -> None:
    from rich.markup import escape as e

    t = lambda name, /, **args: T(f"show.{name}", lang, **args)  # noqa: E731
    at = lambda *args: _at(*args, lang=lang)  # noqa: E731

    console.rule(f"[bold]{e(f['path'])}")
    if "failure" in f:
        fail = f["failure"]
        line = f":{fail['line']}" if fail["line"] else ""
        console.print(f"[bold red]{t('unreadable')}[/] {e(f['path'])}{line}: {fail['code']} {e(fail['message'])}")
        return
    if "error" in f:
        console.print(f"[bold red]{t('internal-error')}[/]\n{e(f['error'])}")
        return
    src, form = f["source"], f["form"]
    sep = t("sep")
    _field(console, t("field.source"), t("source.kind", kind=src["kind"], encoding=src["encoding"] or "-"))
    if src["metadata"]:
        _field(console, t("field.metadata"), sep.join(t("pair", name=k, value=v) for k, v in src["metadata"].items()))
    if form:
        evidence = sep.join(t("evidence", version=v, n=len(ls)) + (t("evidence.labels", labels=ls[:6], more="…" if len(ls) > 6 else "")
                                                                    if ls else "")
                            for v, ls in form["evidence"].items())
        _field(console, t("field.form"), t("form", version=form["version"], name=form["name"], issued_by=form["issued_by"]))
        _field(console, t("field.evidence"), evidence)
    _field(console, t("field.title"), at(f["title"]["text"], f["title"]["line"]))
    body = f["body"]
    kind = t("kind", kind=body["kind"], source=body["kind_source"]) if body["kind"] else t("kind.unknown")
    _field(console, t("field.body"), at(body["name"], body["line"], body["source"]) + kind)
    y = f["year"]
    prose = [f"{k}×{n}" for k, n in y["prose"].items()] or ["-"]
    _field(console, t("field.year"), t("year", value=y["value"] or t("unknown"), source=y["source"] or "-",
                                       title=y["title"] or "-", metadata=y["metadata"] or "-",
                                       period=y["period"] or "-", prose=prose))
    p = f["period"]
    _field(console, t("field.period"), t("not-found") if p is None else
           at(p["text"], p["line"]) + (t("period.range", start=p["start"]["date"], end=p["end"]["date"])
                                       if p["start"] and p["end"] else ""))
    s = f["signed"]
    _field(console, t("field.signed"), t("not-found") if s is None else at(s["text"], s["line"], s["source"]))
    _field(console, t("field.dates"), T("list.sep", lang).join(at(d["text"], d["line"]) + (f"[{d['problem']}]" if d["problem"] else "")
                                                               for d in f["dates"]) or t("none"))
    _draw_sections(console, f["sections"], lang)
    for table in f["tables"]:
        _draw_table(console, table, lang)
    for c in f["foreign_captions"]:
        console.print(f"[yellow]{t('foreign-caption')}[/] {e(at(c['text'], c['line']))}")


def _at(text: str | None, line: int | None, source: str | None = None, lang: str = DEFAULT_LANG) -> str:
    if not text:
        return T("show.not-found", lang)
    parts = [T("show.at.line", lang, line=line) if line is not None else None,
             T("show.at.source", lang, source=source) if source else None]
    extra = T("show.at.sep", lang).join(p for p in parts if p)
    return T("show.at", lang, text=text, extra=extra) if extra else text


def _field(console, name: str, value: str) -> None:
    from rich.markup import escape

    pad = max(2, 10 - sum(2 if ord(ch) > 0x2E7F else 1 for ch in name))  # CJK characters are two columns wide
    console.print(f"[bold cyan]{name}[/]" + " " * pad + escape(value), soft_wrap=True)


def _draw_sections(console, sections: list[dict[str, Any]], lang: str) -> None:
    from rich.markup import escape as e
    from rich.table import Table

    console.print(f"[bold]{T('show.sections', lang)}[/]")
    grid = Table(show_edge=False)
    for name in ("number", "written", "title", "line"):
        grid.add_column(T(f"show.sections.{name}", lang))
    for s in sections:
        if s["found"]:
            grid.add_row(s["number"], e(s["written"]), e(s["title"]), str(s["line"] or ""))
        else:
            grid.add_row(s["number"], "", f"[bold red]{T('show.sections.missing', lang)}[/]（{e(s['official'])}）", "")
    console.print(grid)


def _draw_table(console, t: dict[str, Any], lang: str) -> None:
    from rich.markup import escape as e
    from rich.table import Table

    at = lambda *args: _at(*args, lang=lang)  # noqa: E731

    heading = f"{t['title']} {t['name']}" if t["name"] and t["name"] not in t["title"] else t["title"]
    if not t["found"]:
        console.print(f"[bold]{e(heading)}[/]  [bold red]{T('show.not-found', lang)}[/]")
        return
    line = T("show.table.line", lang, line=t["line"]) if t["line"] is not None else ""
    flat = t["flat"]
    note = T("show.table.flat", lang, values=flat["values"], cells=flat["cells"]) if flat else ""
    console.print(f"[bold]{e(heading)}[/]{e(line)}{e(note)}", soft_wrap=True)
    grid = Table(show_lines=True)
    grid.add_column(T("show.table.row", lang), overflow="fold", min_width=12, max_width=30)
    for c in t["columns"]:
        grid.add_column(e(c["label"]), overflow="fold", justify="right")
    for row in t["rows"]:
        label = e(row["label"])
        if row["written"] != row["label"]:
            label += f"\n[dim]{e(row['written'])}[/]"
        if row["line"] is not None:
            label += f"\n[dim]L{row['line']}[/]"
        cells = []
        for c in row["cells"]:
            style = _STATUS_STYLE[c["status"]]
            shown, source = e(cell_text(c, lang)), where(c, lang)
            cells.append((f"[{style}]{shown}[/]" if style else shown) + (f"\n[dim]{e(source)}[/]" if source else ""))
        grid.add_row(label, *cells)
    console.print(grid)
    for row in t["rows"]:
        if row["extra_values"]:
            values = " ".join(at(v["text"], v["line"]) for v in row["extra_values"])
            console.print(f"  [yellow]{T('show.table.extra-values', lang)}[/] {e(row['label'])}：{e(values)}")
    for r in t["missing_rows"]:
        console.print(f"  [bold red]{T('show.table.missing-row', lang)}[/] {e(r['label'])}")
    for r in t["extra_rows"]:
        values = " ".join(v["text"] for v in r["values"])
        console.print(f"  [yellow]{T('show.table.extra-row', lang)}[/] {e(at(r['text'], r['line']))}：{e(values)}")


def show(paths: list[str], settings: Settings, fmt: str, out: TextIO) -> int:
    """Read, match and show each file; the exit status as ``gzlint check``
    gives it: 1 when a file cannot be read (GZ001–GZ003 are errors there
    too), 2 for an internal error, else 0."""
    from .engine import build_report, discover, prepare

    prepare(settings)

    reports = [build_report(str(p)) for p in discover(paths, settings)]
    facts = [collect(r, settings) for r in reports]
    if fmt == "json":
        render_json(facts, out)
    else:
        render_terminal(facts, out, settings.lang)
    if any(r.error for r in reports):
        return 2
    return 1 if any(r.failure for r in reports) else 0

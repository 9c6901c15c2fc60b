"""What the findings page shows, as plain values for the template.

Per file: what gzlint read (:func:`gzlint.show.collect`), its findings (each
with an id, where it is, the sentence it quotes), its form tables drawn with
:mod:`gzlint.form.layout` and every cell a finding points at marked with the
finding's id and its worst severity; and for the run the summary, the charts
and the filter choices.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..form.layout import GridCell, official_grid
from ..form.spec import TableSpec
from ..matcher.model import Report
from ..show import cell_text, collect, where
from ..summary import SEVERITIES, run_summary
from .anchors import finding_cells
from .chart import bar_chart

#: the sections whose tables the page draws, in the form's order
DRAWN_SECTIONS = ("二", "三", "四")
_SEVERITY_NAME = {"error": "错误", "warning": "警告", "info": "提示"}
_QUOTE = re.compile(r"「([^」]{2,})」")
_SENTENCE_END = re.compile(r"(?<=[。；！？])")
_QUOTE_MAX = 160


def build_page(diagnostics: list[Diagnostic], files: list[str], reports: list[Report],
               fail_level: Severity = Severity.ERROR) -> dict[str, Any]:
    summary = run_summary(diagnostics, files, reports, fail_level)
    by_path = {r.path: r for r in reports}
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        by_file[d.path].append(d)
    ids = {id(d): f"d{i}" for i, d in enumerate(diagnostics)}
    pages = [_file_page(i, f, by_path.get(f["path"]), by_file[f["path"]], ids) for i, f in enumerate(summary["files"])]
    totals = summary["totals"]
    worst = {}
    for d in diagnostics:
        worst[d.code] = max(worst.get(d.code, d.severity), d.severity)
    return {
        "files": pages,
        "totals": totals,
        "severity_names": _SEVERITY_NAME,
        "severity_chart": bar_chart([(_SEVERITY_NAME[s], totals[s], f"sev-{s}") for s in SEVERITIES]),
        "rule_chart": bar_chart([(code, n, f"sev-{worst[code].label}") for code, n in totals["by_code"].items()]),
        "ranked": sorted(pages, key=lambda p: (-p["counts"]["error"], -p["counts"]["warning"], -p["counts"]["info"], p["path"])),
        "rules": _rule_names(list(totals["by_code"])),
    }


def _rule_names(codes: list[str]) -> list[tuple[str, str]]:
    from ..plugins import all_rules

    rules = all_rules()
    return [(code, rules[code].summary if code in rules else "") for code in codes]


def _file_page(index: int, summary: dict[str, Any], report: Report | None, diagnostics: list[Diagnostic],
               ids: dict[int, str]) -> dict[str, Any]:
    page: dict[str, Any] = {**summary, "index": index, "anchor": f"file-{index}", "facts": None, "tables": [],
                            "sections": [], "findings": []}
    cells: dict[tuple, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        refs = finding_cells(report, d) if report is not None and report.form is not None else []
        for ref in refs:
            cells[ref].append(d)
        page["findings"].append(_finding(d, ids[id(d)], report, in_table=bool(refs)))
    if report is None or report.document is None or report.error is not None or not report.recognised:
        return page
    facts = collect(report)
    page["facts"] = facts
    page["sections"] = facts["sections"]
    table_facts = {t["id"]: t for t in facts["tables"]}
    for number in DRAWN_SECTIONS:
        specs = [s for s in report.expected_tables if s.section == number]
        if specs:
            page["tables"].append(_section_tables(number, specs, table_facts, cells, ids))
    return page


def _finding(d: Diagnostic, fid: str, report: Report | None, in_table: bool) -> dict[str, Any]:
    where = []
    if d.table:
        where.append(d.table)
    if d.row:
        where.append(f"「{d.row}」行")
    if d.column:
        where.append(f"「{d.column}」列")
    return {
        "id": fid, "code": d.code, "severity": d.severity.label, "message": d.message, "line": d.line,
        "where": " ".join(where) or (d.section or ""), "in_table": in_table,
        "quote": _quote(report, d) if report is not None else None,
    }


def _quote(report: Report, d: Diagnostic) -> str | None:
    """The sentence of the prose a finding outside the tables is about: the
    one holding what the message quotes, else the line when it is one
    paragraph (a web page read as one line quotes nothing rather than the
    wrong sentence)."""
    if d.line is None or d.table is not None:
        return None
    paras = [t.text.strip() for t in report.tokens if t.line == d.line and t.kind == "para" and t.text.strip()]
    quoted = [q[:12] for q in _QUOTE.findall(d.message)]
    for text in paras:
        for sentence in (s for s in _SENTENCE_END.split(text) if s.strip()):
            if any(q in sentence for q in quoted):
                return _clip(sentence.strip())
    return _clip(paras[0]) if len(paras) == 1 else None


def _clip(text: str) -> str:
    return text if len(text) <= _QUOTE_MAX else text[:_QUOTE_MAX] + "…"


def _section_tables(number: str, specs: list[TableSpec], table_facts: dict[str, dict], cells: dict[tuple, list],
                    ids: dict[int, str]) -> dict[str, Any]:
    """The tables of one section drawn as one, each row padded to the widest
    (二's single-value items span the three value columns, as the form does)."""
    rows: list[list[dict[str, Any]]] = []
    notes: list[str] = []
    for spec in specs:
        t = table_facts.get(spec.id)
        if t is None or not t["found"]:
            notes.append(f"{spec.title} 未找到")
        grid = _grid(spec, t if t and t["found"] else None, cells, ids)
        rows += grid  # a missing row is drawn greyed out, its GZ111 finding marks it
    width = max(sum(c["colspan"] for c in row) for row in rows) if rows else 0
    for row in rows:
        # only a row that starts at the left edge fills the width: the others sit under a rowspan
        if row and row[0]["col"] == 0 and sum(c["colspan"] for c in row) < width:
            row[-1]["colspan"] += width - sum(c["colspan"] for c in row)
    spec = specs[0]
    return {"section": number, "title": f"{number}、{spec.name}", "rows": rows, "notes": notes}


def _grid(spec: TableSpec, facts: dict[str, Any] | None, cells: dict[tuple, list], ids: dict[int, str]):
    read = {r["id"]: r for r in (facts["rows"] if facts else [])}

    def values(row) -> list[str]:
        r = read.get(row.id)
        if r is None:
            return [""] * len(spec.columns)
        by_column = {c["column"]: cell_text(c) for c in r["cells"]}
        return [by_column.get(col.id, "") for col in spec.columns]

    grid = official_grid(spec, list(spec.data_rows), lambda r: r.label.text, lambda c: c.label.text, values)
    return [[_cell(spec, g, read, cells, ids) for g in row] for row in grid]


def _cell(spec: TableSpec, g: GridCell, read: dict[str, dict], cells: dict[tuple, list], ids) -> dict[str, Any]:
    out: dict[str, Any] = {"text": g.text, "rowspan": g.rowspan, "colspan": g.colspan, "kind": g.kind,
                           "col": g.col, "key": None, "status": None, "title": None, "diag": "", "severity": None}
    if g.ref is None:
        return out
    row_id, col_id = g.ref
    out["key"] = f"{spec.id}|{row_id or ''}|{col_id or ''}"
    found = cells.get((spec.id, row_id, col_id), [])
    if found:
        out["diag"] = " ".join(ids[id(d)] for d in found)
        out["severity"] = max(d.severity for d in found).label
        out["title"] = "\n".join(f"{d.code} {d.message}" for d in found)
    if g.kind == "value":
        r = read.get(row_id)
        cell = next((c for c in r["cells"] if c["column"] == col_id), None) if r else None
        out["status"] = cell["status"] if cell else "absent"
        if cell and where(cell):  # where the value was read: the source table's row and column, else its line
            out["title"] = "\n".join(filter(None, [out["title"], f"读取位置：{where(cell)}"]))
    elif g.kind == "label" and row_id:
        r = read.get(row_id)
        if r is None and not spec.row(row_id).group:
            out["status"] = "absent"
        elif r is not None and r["written"] != r["label"]:
            out["title"] = "\n".join(filter(None, [out["title"], f"原文：{r['written']}"]))
    return out

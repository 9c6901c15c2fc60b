"""A run in figures: per file what was read (source kind, form version, body,
year) and how many findings of each severity; and the totals.

One place for these facts, shared by the JSON, CSV, XLSX and HTML reporters.
A file gzlint could not read has only its path and its findings (GZ001–GZ003).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, Iterable

from .diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from .matcher.model import Report
    from .reportfacts import ReportFacts

SEVERITIES = ("error", "warning", "info")


def counts(diagnostics: Iterable[Diagnostic]) -> dict[str, int]:
    """Findings by severity, every severity present (0 when none)."""
    c = Counter(d.severity for d in diagnostics)  # by member: an enum's name is slow to get
    return {label: c.get(member, 0) for label, member in _MEMBERS}


#: (label, severity) in the order SEVERITIES names them
_MEMBERS = tuple((s, Severity[s.upper()]) for s in SEVERITIES)


def read_facts(report: "Report | None") -> dict[str, Any]:
    """What was read of one file: source kind, form version, body, year."""
    facts: dict[str, Any] = {"kind": None, "form_version": None, "body": None, "year": None}
    if report is not None and report.document is not None:
        from .metadata import report_meta

        facts["kind"] = report.document.source_format
    # not an annual report (GZ004) or a matcher error: what was guessed is not said
    if report is not None and report.document is not None and report.recognised and report.error is None:
        facts["form_version"] = report.form.format if report.form else None
        facts["body"] = report_meta(report).body
        facts["year"] = report.year
    return facts


def file_facts(path: str, report: "Report | ReportFacts | None", diagnostics: list[Diagnostic],
               fail_level: Severity = Severity.ERROR) -> dict[str, Any]:
    """One file: what was read and what was found. ``report`` is a matched
    report or the facts a worker kept of it (gzlint.reportfacts)."""
    read = report.read if report is not None and hasattr(report, "read") else read_facts(report)
    facts: dict[str, Any] = {"path": path, **read}
    facts["counts"] = counts(diagnostics)
    facts["codes"] = sorted({d.code for d in diagnostics})
    facts["clean"] = not diagnostics
    facts["failing"] = any(d.severity >= fail_level for d in diagnostics)
    return facts


def run_summary(diagnostics: list[Diagnostic], files: list[str], reports: "Iterable[Report]" = (),
                fail_level: Severity = Severity.ERROR) -> dict[str, Any]:
    """Every file checked (clean ones too, in the order checked) and the totals."""
    by_path = {r.path: r for r in reports}
    by_file: dict[str, list[Diagnostic]] = {f: [] for f in files}
    for d in diagnostics:
        by_file.setdefault(d.path, []).append(d)  # a run-scope finding may name a file only once
    per_file = [file_facts(p, by_path.get(p), ds, fail_level) for p, ds in by_file.items()]
    totals = {
        "files": len(per_file), "clean": sum(f["clean"] for f in per_file),
        "failing": sum(f["failing"] for f in per_file), "diagnostics": len(diagnostics),
        **counts(diagnostics),
        "by_code": dict(sorted(Counter(d.code for d in diagnostics).items())),
    }
    return {"files": per_file, "totals": totals}


#: the per-file summary table (--format csv / xlsx): one row per file, these columns
TABLE_COLUMNS = ("path", "body", "year", "form_version", "kind", "error", "warning", "info", "codes", "clean")


def table_rows(summary: dict[str, Any]) -> list[list[Any]]:
    """The files of :func:`run_summary` as rows of :data:`TABLE_COLUMNS`."""
    return [[f["path"], f["body"], f["year"], f["form_version"], f["kind"],
             f["counts"]["error"], f["counts"]["warning"], f["counts"]["info"],
             " ".join(f["codes"]), f["clean"]] for f in summary["files"]]

"""Compare gzlint's findings on real reports with reviewed expectations.

One TOML file per report (``tests/real/expected/<folder>/<stem>.toml``) lists
every finding a reviewer confirmed by reading the report (``[[expect]]``) and
the known deviations gzlint still has (``[[pending]]``, strict like
``xfail(strict=True)``: a pending deviation that no longer occurs fails, so it
must be removed). See tests/real/README.md for the format.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Protocol

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "expected"
SHARED = HERE.parent.parent.parent / "shared"

#: expectation folder → where its reports live (html/text/pdf under real/, seeds beside it)
FOLDERS: dict[str, Path] = {
    "html": SHARED / "real" / "html",
    "text": SHARED / "real" / "text",
    "pdf": SHARED / "real" / "pdf",
    "seeds": SHARED / "seeds",
}
LOCATION_FIELDS = ("section", "table", "row", "column")
PENDING_KINDS = ("false", "missed")


class Finding(Protocol):
    """What the harness needs of a diagnostic (gzlint's Diagnostic has it)."""

    code: str
    message: str
    line: int | None
    section: str | None
    table: str | None
    row: str | None
    column: str | None


def normalise(label: str | None) -> str | None:
    """Compare labels loosely: full/half-width brackets and digits alike, no spaces."""
    if label is None:
        return None
    text = unicodedata.normalize("NFKC", label)
    return "".join(ch for ch in text if not ch.isspace())


@dataclass
class Entry:
    """One expected finding, or one pending deviation (``kind`` set)."""

    code: str
    reason: str
    count: int = 1
    kind: str | None = None
    where: dict[str, str] = field(default_factory=dict)

    def matches(self, finding: Finding) -> bool:
        if finding.code != self.code:
            return False
        return all(normalise(getattr(finding, k)) == normalise(v) for k, v in self.where.items())

    def describe(self) -> str:
        where = ", ".join(f"{k}={v}" for k, v in self.where.items())
        times = f" ×{self.count}" if self.count != 1 else ""
        return f"{self.code}{times}{' [' + where + ']' if where else ''} — {self.reason}"


@dataclass
class Expectations:
    """A report's reviewed expectations."""

    report: str  # folder/name, e.g. "html/pingtan_2020.html"
    expect: list[Entry] = field(default_factory=list)
    pending: list[Entry] = field(default_factory=list)
    source: str = ""


class ExpectationError(ValueError):
    """An expectation file that does not follow the format."""


def _entry(raw: dict, source: str, pending: bool) -> Entry:
    known = {"code", "reason", "count", "kind", *LOCATION_FIELDS}
    unknown = set(raw) - known
    if unknown:
        raise ExpectationError(f"{source}: unknown keys {sorted(unknown)} in {raw}")
    if not raw.get("code") or not raw.get("reason"):
        raise ExpectationError(f"{source}: every entry needs a code and a reason: {raw}")
    kind = raw.get("kind")
    if pending and kind not in PENDING_KINDS:
        raise ExpectationError(f"{source}: pending kind must be one of {PENDING_KINDS}: {raw}")
    if not pending and kind is not None:
        raise ExpectationError(f"{source}: kind belongs to [[pending]] entries only: {raw}")
    count = raw.get("count", 1)
    if not isinstance(count, int) or count < 1:
        raise ExpectationError(f"{source}: count must be a positive integer: {raw}")
    where = {k: raw[k] for k in LOCATION_FIELDS if k in raw}
    return Entry(code=raw["code"], reason=raw["reason"], count=count, kind=kind, where=where)


def parse_expectations(text: str, source: str = "<string>") -> Expectations:
    data = tomllib.loads(text)
    unknown = set(data) - {"report", "expect", "pending"}
    if unknown or "report" not in data:
        raise ExpectationError(f"{source}: needs `report`, may have [[expect]] and [[pending]]; unknown {sorted(unknown)}")
    return Expectations(
        report=data["report"],
        expect=[_entry(e, source, pending=False) for e in data.get("expect", [])],
        pending=[_entry(e, source, pending=True) for e in data.get("pending", [])],
        source=source,
    )


def load_expectations(path: Path) -> Expectations:
    return parse_expectations(path.read_text(encoding="utf-8"), str(path))


def expectation_files() -> dict[str, Path]:
    """report key (folder/name) → expectation file, for every file kept in the repository."""
    found: dict[str, Path] = {}
    for path in sorted(EXPECTED.glob("*/*.toml")):
        found[load_expectations(path).report] = path
    return found


def report_files() -> dict[str, Path]:
    """report key → report file, for the folders that exist beside the checkout."""
    found: dict[str, Path] = {}
    for folder, root in FOLDERS.items():
        if root.is_dir():
            for f in sorted(root.iterdir()):
                if f.is_file() and not f.name.startswith("."):
                    found[f"{folder}/{f.name}"] = f
    return found


@dataclass
class Comparison:
    """The outcome of matching one report's findings with its expectations."""

    report: str
    matched: list[tuple[Entry, Finding]] = field(default_factory=list)
    unexpected: list[Finding] = field(default_factory=list)
    missing: list[tuple[Entry, int]] = field(default_factory=list)  # entry, how many not found
    pending_holding: list[tuple[Entry, list[Finding]]] = field(default_factory=list)
    pending_fixed: list[tuple[Entry, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.unexpected or self.missing or self.pending_fixed)


def _specificity(entry: Entry) -> int:
    # the most precise entries choose first, so a broad one cannot take their finding
    return -len(entry.where)


def _take(entry: Entry, pool: list[Finding], limit: int) -> list[Finding]:
    taken = [f for f in pool if entry.matches(f)][:limit]
    for f in taken:
        pool.remove(f)
    return taken


def compare(expectations: Expectations, findings: Iterable[Finding]) -> Comparison:
    """Match findings to expected entries, then to pending deviations; report the rest."""
    result = Comparison(report=expectations.report)
    pool = list(findings)
    for entry in sorted(expectations.expect, key=_specificity):
        taken = _take(entry, pool, entry.count)
        result.matched += [(entry, f) for f in taken]
        if len(taken) < entry.count:
            result.missing.append((entry, entry.count - len(taken)))
    false_alarms = [e for e in expectations.pending if e.kind == "false"]
    for entry in sorted(false_alarms, key=_specificity):
        taken = _take(entry, pool, entry.count)
        if len(taken) < entry.count:
            result.pending_fixed.append((entry, f"gzlint gives it {len(taken)} of {entry.count} time(s) now"))
        else:
            result.pending_holding.append((entry, taken))
    for entry in (e for e in expectations.pending if e.kind == "missed"):
        found = [f for f in pool if entry.matches(f)]
        if found:
            result.pending_fixed.append((entry, f"gzlint finds it now: {found[0].message}"))
        else:
            result.pending_holding.append((entry, []))
    result.unexpected = pool
    return result


def _finding_line(f: Finding) -> str:
    where = ", ".join(f"{k}={getattr(f, k)}" for k in LOCATION_FIELDS if getattr(f, k, None))
    line = f"line {f.line}" if f.line is not None else "no line"
    return f"{f.code} ({line}{'; ' + where if where else ''}): {f.message}"


def format_comparison(c: Comparison) -> str:
    """A readable diff: what gzlint gave that nobody expects, what it missed, stale pendings."""
    out = [f"{c.report}: {len(c.matched)} expected finding(s) matched"]
    if c.unexpected:
        out.append(f"  UNEXPECTED ({len(c.unexpected)}) — gzlint gives these, the reviewed expectations do not:")
        out += [f"    + {_finding_line(f)}" for f in c.unexpected]
    if c.missing:
        out.append(f"  MISSING ({sum(n for _, n in c.missing)}) — expected, gzlint does not give:")
        out += [f"    - {e.describe()}" + (f"  (missing {n} of {e.count})" if e.count > 1 else "") for e, n in c.missing]
    if c.pending_fixed:
        out.append("  PENDING NO LONGER HOLDS — remove it (or turn a fixed miss into [[expect]]):")
        out += [f"    ! {e.kind}: {e.describe()} — {why}" for e, why in c.pending_fixed]
    if c.pending_holding:
        out.append("  pending (known deviations, still there):")
        out += [f"    ~ {e.kind}: {e.describe()}" for e, _ in c.pending_holding]
    return "\n".join(out)


@dataclass(frozen=True)
class FolderRun:
    """One gzlint run over a folder: findings by file name, and internal errors."""

    findings: dict[str, tuple]
    errors: tuple[str, ...]


@lru_cache(maxsize=None)
def lint_folder(folder: str) -> FolderRun:
    """Lint one folder in one run (cross-report rules see its files together)."""
    from gzlint.config import Settings
    from gzlint.engine import run

    files = [p for key, p in report_files().items() if key.startswith(folder + "/")]
    result = run([str(p) for p in files], Settings())
    by_file: dict[str, list] = {p.name: [] for p in files}
    for d in result.diagnostics:
        by_file.setdefault(Path(d.path).name, []).append(d)  # the folders are flat
    return FolderRun({name: tuple(found) for name, found in by_file.items()}, tuple(result.errors))


def findings_for(report: str) -> tuple:
    folder, name = report.split("/", 1)
    return lint_folder(folder).findings.get(name, ())


def errors_for(report: str) -> list[str]:
    """Internal errors (a rule or the matcher raised) on this file, or on the whole run."""
    folder, name = report.split("/", 1)
    run = lint_folder(folder)
    names = set(run.findings)
    return [e for e in run.errors if name in e or not any(n in e for n in names)]

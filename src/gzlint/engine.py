"""Run the pipeline over files: read → match → rules → filtered diagnostics.

One file's failure never stops the others: a file that cannot be read is a
GZ001–GZ003 diagnostic, and a rule that raises is reported as an internal
error (exit status 2) while the other rules and files go on.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .messages import msg
from .config import Settings
from .diagnostics import Diagnostic
from .document import ReadFailure
from .matcher import match
from .matcher.model import Report
from .packs import use_local_packs
from .plugins import all_forms, all_rules, plugin_manager
from .readers import REPORT_SUFFIXES, limits, read_bytes
from .rule import Rule


@dataclass
class LintResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    #: internal errors (a rule or plugin raised): not the report's fault
    errors: list[str] = field(default_factory=list)
    #: the same errors by the file they happened on (a run-wide rule's are on none)
    file_errors: dict[str, list[str]] = field(default_factory=dict)
    #: the matched reports, for reporters that say what was read
    reports: list[Report] = field(default_factory=list)

    def error(self, message: str, path: str | None = None) -> None:
        self.errors.append(message)
        if path is not None:
            self.file_errors.setdefault(path, []).append(message)


def discover(paths: Iterable[str | Path], settings: Settings) -> list[Path]:
    """Files named on the command line, and report files found in folders."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if not f.is_file() or any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                wanted = f.suffix.lower() in REPORT_SUFFIXES or (settings.include and settings.included(f))
                if wanted and not settings.excluded(f):
                    found.append(f)
        else:
            found.append(p)
    return list(dict.fromkeys(found))


def build_report(path: str, data: bytes | None = None) -> Report:
    """Read and match one file; reading problems end up in ``report.failure``."""
    pm = plugin_manager()
    try:
        # only regular files, and only as much of them as the limits allow
        data = data if data is not None else limits.read_input(path)
        limits.check_markup(data, Path(path).suffix.lower())
        doc = read_bytes(path, data, pm.hook)
        limits.check_text(doc)
    except ReadFailure as failure:
        return Report(path=path, failure=failure)
    except Exception as exc:  # a reader bug must not take the other files down
        return Report(path=path, failure=ReadFailure("GZ001", msg("GZ001.internal", error=f"{type(exc).__name__}: {exc}")))
    forms = all_forms()  # a malformed form file is the run's error, not this file's
    try:
        return match(doc, forms)
    except Exception:  # a matcher bug: say so (exit 2), check the other files
        return Report(path=path, error=f"internal error matching {path}:\n{traceback.format_exc()}")


def active_rules(settings: Settings) -> list[Rule]:
    # per-file ignores only narrow: a rule off globally is off everywhere
    return [cls(settings) for code, cls in all_rules().items()
            if settings.enabled(code) and (cls.default_enabled or settings.names(code))]


def lint_reports(reports: list[Report], settings: Settings) -> LintResult:
    result = LintResult(files=[r.path for r in reports], reports=reports)
    for r in reports:
        if r.error:
            result.error(r.error, r.path)
    rules = active_rules(settings)
    for rule in rules:
        if rule.scope == "run":
            result.diagnostics += _run(rule, lambda: rule.check_run(reports), rule.code, result)
            continue
        for report in reports:
            if rule.applies_to(report):
                result.diagnostics += _run(rule, lambda: rule.check(report), f"{rule.code} on {report.path}", result,
                                           report.path)
    kept = []
    for d in result.diagnostics:
        if not settings.enabled(d.code, d.path):
            continue
        d.severity = settings.severity_of(d.code, d.severity)
        kept.append(d)
    for d in kept:
        d.path = display_path(d.path)
    result.diagnostics = sorted(kept, key=Diagnostic.sort_key)
    result.files = [display_path(f) for f in result.files]
    for report in reports:  # the reporters that say what was read look them up by path
        report.path = display_path(report.path)
    return result


def display_path(path: str) -> str:
    """A file name every output can write: bytes that are not UTF-8 (kept by
    the OS as surrogate escapes) are shown as ``\\xNN``."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def _run(rule: Rule, call, what: str, result: LintResult, path: str | None = None) -> list[Diagnostic]:
    try:
        return list(call() or ())
    except Exception:
        result.error(f"internal error in rule {what}:\n{traceback.format_exc()}", path)
        return []


def lint_paths(paths: Iterable[str | Path], settings: Settings | None = None) -> list[Diagnostic]:
    """Lint files and folders; the diagnostics, sorted. The simplest API."""
    return run(paths, settings).diagnostics


def prepare(settings: Settings) -> None:
    """Load the run's rule packs and forms: a malformed form or pack file
    stops the run before any file is read."""
    use_local_packs(settings.pack_folders())
    all_forms()


def run(paths: Iterable[str | Path], settings: Settings | None = None) -> LintResult:
    settings = settings or Settings()
    prepare(settings)
    return run_files(discover(paths, settings), settings)


def run_files(files: Iterable[str | Path], settings: Settings) -> LintResult:
    """Lint files already found by :func:`discover`; a missing one is GZ001."""
    prepare(settings)
    with limits.using(settings.limits):
        reports = [build_report(str(f)) for f in files]
    return lint_reports(reports, settings)


def stdin_report(name: str, data: bytes, settings: Settings) -> Report:
    """One report read from standard input, named ``name`` (``--stdin-filename``)."""
    prepare(settings)
    with limits.using(settings.limits):
        return build_report(name, data)


def lint_text(text: str, name: str = "report.txt", settings: Settings | None = None) -> list[Diagnostic]:
    """Lint a report given as a string (for tests of rules)."""
    settings = settings or Settings()
    prepare(settings)
    report = build_report(name, text.encode("utf-8"))
    return lint_reports([report], settings).diagnostics

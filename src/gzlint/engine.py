"""Run the pipeline over files: read → match → rules → filtered diagnostics.

One file's failure never stops the others: a file that cannot be read is a
GZ001–GZ003 diagnostic, and a rule that raises is reported as an internal
error (exit status 2) while the other rules and files go on.

Each file is read, matched and checked by the per-report rules on its own
(``Linter.lint_file``), in worker processes when there are several
(gzlint.pool); what the rules over the whole run need is kept as a small
set of facts per file (gzlint.reportfacts), so memory does not grow with
whole reports.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from .messages import Msg, msg
from .config import Settings
from .diagnostics import Diagnostic
from .document import ReadFailure
from .packs import use_local_packs
from .readers import limits

if TYPE_CHECKING:  # pragma: no cover
    from .cache import Lookup, ResultCache
    from .matcher.model import Report
    from .reportfacts import ReportFacts
    from .rule import Rule

#: seconds one file may take in a worker before it is given up (GZ001)
FILE_BUDGET = 60.0


@dataclass
class LintResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    #: internal errors (a rule or plugin raised): not the report's fault
    errors: list[str] = field(default_factory=list)
    #: per file what reporters say was read: the facts workers kept
    #: (gzlint.reportfacts), or the matched reports where the run kept them
    #: (``keep_reports``, for the HTML findings page)
    reports: "list[Report | ReportFacts]" = field(default_factory=list)
    #: the internal errors by the file they happened on (a run-wide rule's are on none)
    file_errors: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class FileResult:
    """One file's outcome, picklable: its diagnostics (not yet filtered by the
    settings' per-file ignores), internal errors, and its facts."""

    path: str
    diagnostics: list[Diagnostic]
    errors: list[str]
    facts: "ReportFacts"
    #: False for a file given up on (worker died, time ran out): not cached
    final: bool = True
    #: the matched report, kept only in-process by a run asked to keep reports
    report: "Report | None" = None
    #: the result cache's digest of the bytes linted (gzlint.cache), where the run has a cache
    digest: str | None = None

    def __getstate__(self):
        return {**self.__dict__, "report": None}


def discover(paths: Iterable[str | Path], settings: Settings) -> list[Path]:
    """Files named on the command line, and report files found in folders
    (not in hidden ones), each folder's in the order ``sorted(rglob)`` gives."""
    from .readers import REPORT_SUFFIXES

    found: list[Path] = []
    excluding = bool(settings.exclude or settings.extend_exclude)
    for p in paths:
        if not os.path.isdir(p):
            found.append(p if isinstance(p, Path) else Path(p))
            continue
        for _, name in sorted(_files_under(str(Path(p)), ())):
            f = Path(name)
            wanted = f.suffix.lower() in REPORT_SUFFIXES or (settings.include and settings.included(f))
            if wanted and not (excluding and settings.excluded(f)):
                found.append(f)
    return list(dict.fromkeys(found))


def _files_under(folder: str, parts: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    """(path parts below the top folder, path) of each file, hidden files and
    folders left out, symbolic links to folders not followed (as rglob)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:  # unreadable: as rglob, skipped
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                yield from _files_under(entry.path, (*parts, entry.name))
            elif entry.is_file():
                yield (*parts, entry.name), entry.path
        except OSError:
            continue


def build_report(path: str, data: bytes | None = None) -> Report:
    """Read and match one file; reading problems end up in ``report.failure``."""
    from .matcher import match
    from .matcher.model import Report
    from .plugins import all_forms, plugin_manager
    from .readers import read_bytes

    pm = plugin_manager()
    try:
        # only regular files, and only as much of them as the limits allow
        data = data if data is not None else limits.read_input(path)
        limits.check_markup(data, Path(path).suffix.lower())
        doc = read_bytes(path, data, pm.hook)
        limits.check_text(doc)
    except ReadFailure as failure:
        return Report(path=path, failure=failure)
    except MemoryError:  # past the worker's memory cap (pool.py): this file only
        return Report(path=path, failure=ReadFailure("GZ001", msg("GZ001.worker-memory", limit=limits.current().worker_memory_mb)))
    except Exception as exc:  # a reader bug must not take the other files down
        return Report(path=path, failure=ReadFailure("GZ001", msg("GZ001.internal", error=f"{type(exc).__name__}: {exc}")))
    forms = all_forms()  # a malformed form file is the run's error, not this file's
    try:
        return match(doc, forms)
    except Exception:  # a matcher bug: say so (exit 2), check the other files
        return Report(path=path, error=f"internal error matching {path}:\n{traceback.format_exc()}")


def active_rules(settings: Settings) -> "list[Rule]":
    from .plugins import all_rules

    # per-file ignores only narrow: a rule off globally is off everywhere
    return [cls(settings) for code, cls in all_rules().items()
            if settings.enabled(code) and (cls.default_enabled or settings.names(code))]


class Linter:
    """The rules of one run, built once per process."""

    def __init__(self, settings: Settings, keep_reports: bool = False, cache_key: str | None = None) -> None:
        from .reportfacts import summary_roles

        self.settings = settings
        self.keep_reports = keep_reports
        #: the result cache's run key: each file's result carries the digest of the bytes linted
        self.cache_key = cache_key
        rules = active_rules(settings)
        self.report_rules = [r for r in rules if r.scope != "run"]
        self.run_rules = [r for r in rules if r.scope == "run"]
        self.roles = summary_roles(type(r) for r in self.run_rules)
        from .rule import Rule

        #: the report rules that decide where they apply themselves (override
        #: Rule.applies_to or form_fits): they are asked on every report
        self._ask = {type(r) for r in self.report_rules
                     if type(r).applies_to is not Rule.applies_to or type(r).form_fits is not Rule.form_fits}
        #: per (id(form), recognised): the form, and the report rules that may apply
        self._by_form: dict[tuple[int, bool], tuple[object, list[Rule]]] = {}

    def _rules_for(self, report: "Report") -> "list[Rule]":
        """The report rules that apply to ``report``, in order. Rule.applies_to
        reads only the report's form and whether it was recognised, so its
        answer is kept per form."""
        key = (id(report.form), report.recognised)
        got = self._by_form.get(key)
        if got is None:  # the form is kept beside its id, so that the id is not reused
            got = self._by_form[key] = (report.form, [r for r in self.report_rules
                                                      if type(r) in self._ask or r.applies_to(report)])
        return [r for r in got[1] if type(r) not in self._ask or r.applies_to(report)]

    def __getstate__(self) -> dict:
        # a worker started by spawn gets a copy, where these ids would name other objects
        return {**self.__dict__, "_by_form": {}}

    def lint_file(self, path: str, data: bytes | None = None) -> FileResult:
        if self.cache_key is None:
            return self.lint_report(build_report(path, data))
        from .cache import content_digest
        from .matcher.model import Report

        try:  # read here, so that the digest is of the very bytes linted
            data = data if data is not None else limits.read_input(path)
        except ReadFailure as failure:
            return self.lint_report(Report(path=path, failure=failure))
        result = self.lint_report(build_report(path, data))
        result.digest = content_digest(self.cache_key, path, data)
        return result

    def lint_report(self, report: "Report") -> FileResult:
        from .reportfacts import ReportFacts, summarise

        errors = [report.error] if report.error else []
        diagnostics: list[Diagnostic] = []
        for rule in self._rules_for(report):
            diagnostics += _call(lambda: rule.check(report), f"{rule.code} on {report.path}", errors)
        try:
            summary = summarise(report, self.roles)
        except Exception:
            errors.append(f"internal error summarising {report.path}:\n{traceback.format_exc()}")
            summary = ReportFacts(path=report.path)
        return FileResult(report.path, diagnostics, errors, summary, report=report if self.keep_reports else None)

    def lint_failure(self, path: str, message: "Msg | str") -> FileResult:
        """A file given up on (its worker died or ran out of time), as GZ001."""
        from .matcher.model import Report

        result = self.lint_report(Report(path=path, failure=ReadFailure("GZ001", message)))
        result.final = False
        return result

    def check_run(self, summaries: "list[ReportFacts]") -> tuple[list[Diagnostic], list[str]]:
        """The rules over every file's facts: their findings (not yet filtered) and internal errors."""
        diagnostics: list[Diagnostic] = []
        errors: list[str] = []
        for rule in self.run_rules:
            diagnostics += _call(lambda: rule.check_run(summaries), rule.code, errors)
        return diagnostics, errors

    def finish(self, results: Iterable[FileResult]) -> LintResult:
        """The run's result: every file's diagnostics, then the rules over all
        files' summaries, filtered by the settings and sorted."""
        results = list(results)
        return assemble(results, *self.check_run([r.facts for r in results]), self.settings)


def assemble(results: list[FileResult], run_diagnostics: list[Diagnostic], run_errors: list[str],
             settings: Settings) -> LintResult:
    """Every file's diagnostics and the cross-report rules', filtered by the settings and sorted."""
    result = LintResult()
    for r in results:
        result.files.append(r.path)
        result.diagnostics += r.diagnostics
        result.errors += r.errors
        if r.errors:
            result.file_errors[r.path] = list(r.errors)
        result.reports.append(r.report if r.report is not None else r.facts)
    result.diagnostics += run_diagnostics
    result.errors += run_errors
    return filter_diagnostics(result, settings)


def cross_report(summaries: "list[ReportFacts]", settings: Settings | None = None) -> list[Diagnostic]:
    """The rules over every report of a run (GZ305, GZ306, GZ506), on the
    summaries ``lint_bytes`` returned: for running them outside gzlint's own
    pool (a Dask bag, a job queue)."""
    linter = Linter(settings or Settings())
    results = [FileResult(s.path, [], [], s) for s in summaries]
    result = linter.finish(results)
    if result.errors:
        raise RuntimeError("\n".join(result.errors))
    return result.diagnostics


def filter_diagnostics(result: LintResult, settings: Settings) -> LintResult:
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
    for report in result.reports:  # the reporters that say what was read look them up by path
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


def _call(call: Callable[[], Iterable[Diagnostic] | None], what: str, errors: list[str]) -> list[Diagnostic]:
    try:
        return list(call() or ())
    except Exception:
        errors.append(f"internal error in rule {what}:\n{traceback.format_exc()}")
        return []


def lint_reports(reports: list[Report], settings: Settings) -> LintResult:
    """Lint reports already read and matched (``build_report``)."""
    linter = Linter(settings, keep_reports=True)
    return linter.finish(linter.lint_report(r) for r in reports)


def lint_paths(paths: Iterable[str | Path], settings: Settings | None = None) -> list[Diagnostic]:
    """Lint files and folders; the diagnostics, sorted. The simplest API."""
    return run(paths, settings).diagnostics


def prepare(settings: Settings) -> None:
    """Load the run's rule packs and forms: a malformed form or pack file
    stops the run before any file is read."""
    from .plugins import all_forms

    use_local_packs(settings.pack_folders())
    all_forms()


def run(paths: Iterable[str | Path], settings: Settings | None = None, *, jobs: int | None = None,
        budget: float = FILE_BUDGET, progress: Callable[[int, int], None] | None = None,
        cache: "ResultCache | None" = None, keep_reports: bool = False,
        on_file: "Callable[[LintResult], None] | None" = None) -> LintResult:
    """Lint files and folders with ``jobs`` worker processes (default: the
    machine's cores; 1 lints in this process). ``progress(done, total)`` is
    called as files finish; ``cache`` is a gzlint.cache.ResultCache or None.
    ``keep_reports`` keeps every matched report in ``result.reports`` (one
    process, no cache: memory grows with the run). ``on_file`` gets each
    file's own diagnostics, filtered, as soon as it and the files before it
    are done, so output need not wait for the whole run (the cross-report
    rules' findings come only in the returned result).

    Where the cache holds every file and the cross-report rules' findings for
    exactly these files, nothing is linted: no rule is even loaded."""
    settings = settings or Settings()
    use_local_packs(settings.pack_folders())  # before the cache's key, which reads the packs in use
    files = [str(f) for f in discover(paths, settings)]
    if keep_reports:
        jobs, cache = 1, None

    def one_file(result: FileResult) -> None:
        own = LintResult([replace(d) for d in result.diagnostics], [result.path])
        on_file(filter_diagnostics(own, settings))

    with limits.using(settings.limits):
        return _run(files, settings, jobs=jobs, budget=budget, progress=progress, cache=cache,
                    keep_reports=keep_reports, on_result=one_file if on_file else None)


def _run(files: list[str], settings: Settings, *, jobs: int | None, budget: float,
         progress: Callable[[int, int], None] | None, cache: "ResultCache | None", keep_reports: bool,
         on_result: "Callable[[FileResult], None] | None") -> LintResult:
    from .cache import fingerprint
    from .plugins import configure

    found = cache.lookup(files) if cache is not None else []
    results: list[FileResult | None] = [_cached(path, f.record) if f.record else None for path, f in zip(files, found)]
    results += [None] * (len(files) - len(results))
    if cache is not None and all(results):
        run_key = fingerprint(cache.key, ((r.path, r.digest) for r in results))
        kept = cache.run_findings(run_key)
        if kept is not None:  # the warm path: no rule loaded, nothing linted
            if on_result:
                for r in results:
                    on_result(r)
            if progress:
                progress(len(results), len(results))
            return assemble(results, kept, [], settings)
    prepare(settings)
    configure(settings)
    linter = Linter(settings, keep_reports, cache_key=cache.key if cache is not None else None)
    if cache is not None and linter.run_rules:  # those rules compare every file's facts
        kept_facts = cache.facts(r.digest for r in results if r is not None)
        for i, r in enumerate(results):
            if r is None:
                continue
            if r.digest in kept_facts:
                r.facts = kept_facts[r.digest]
            else:
                results[i] = None  # kept without its facts: lint it again
    done = lint_files(linter, files, results, jobs=jobs, budget=budget, progress=progress, found=found,
                      cache=cache, on_result=on_result)
    run_diagnostics, run_errors = linter.check_run([r.facts for r in done])
    if cache is not None:
        digests = [r.digest for r in done]
        run_key = fingerprint(cache.key, zip(files, digests)) if None not in digests and not run_errors else None
        cache.save(run_key, run_diagnostics)  # before the filters change the diagnostics in place
    return assemble(done, run_diagnostics, run_errors, settings)


def _cached(path: str, record) -> FileResult:
    """A file's result as the cache kept it (gzlint.cache.Record)."""
    from .reportfacts import ReportFacts

    return FileResult(path, record.diagnostics, [], ReportFacts(path=path, read=record.read), digest=record.digest)


def run_stdin(name: str, data: bytes, settings: Settings) -> LintResult:
    """One report read from standard input, named ``name`` (``--stdin-filename``)."""
    from .plugins import configure

    prepare(settings)
    configure(settings)
    linter = Linter(settings)
    with limits.using(settings.limits):
        return linter.finish([linter.lint_file(name, data)])


def lint_files(linter: Linter, files: list[str], results: "list[FileResult | None]", *, jobs: int | None = None,
               budget: float = FILE_BUDGET, progress: Callable[[int, int], None] | None = None,
               found: "list[Lookup]" = (), cache: "ResultCache | None" = None,
               on_result: "Callable[[FileResult], None] | None" = None) -> list[FileResult]:
    """Each file's result, in the order of ``files``: those in ``results``
    already (from the cache), the others linted by workers and recorded in
    the cache. ``on_result`` gets each result in that order as soon as it and
    every result before it are in (workers finish out of order)."""
    total = len(files)
    todo = [i for i, r in enumerate(results) if r is None]
    if len(todo) <= 1:  # linted here: no multiprocessing to import
        jobs = 1
    else:
        from .pool import default_jobs, may_start_workers

        jobs = (jobs or default_jobs()) if may_start_workers() else 1
    done = total - len(todo)
    released = 0

    def release() -> None:
        nonlocal released
        while on_result is not None and released < total and results[released] is not None:
            on_result(results[released])
            released += 1

    release()
    if progress:
        progress(done, total)
    if jobs <= 1:
        stream = ((i, linter.lint_file(files[i])) for i in todo)
    else:
        from .pool import lint_in_workers

        stream = lint_in_workers(linter, [(i, files[i]) for i in todo], jobs=jobs, budget=budget)
    for i, result in stream:
        results[i] = result
        if cache is not None and i < len(found):
            cache.record(files[i], found[i], result)
        done += 1
        release()
        if progress:
            progress(done, total)
    return results


def lint_bytes(data: bytes, filename: str, settings: Settings | None = None) -> FileResult:
    """Lint one report given as bytes: its diagnostics (the per-report rules,
    filtered by the settings) and its summary for ``cross_report``; picklable."""
    settings = settings or Settings()
    result = Linter(settings).lint_file(filename, data)
    result.diagnostics = filter_diagnostics(LintResult(list(result.diagnostics)), settings).diagnostics
    return result


def lint_text(text: str, name: str = "report.txt", settings: Settings | None = None) -> list[Diagnostic]:
    """Lint a report given as a string (for tests of rules)."""
    settings = settings or Settings()
    prepare(settings)
    report = build_report(name, text.encode("utf-8"))
    return lint_reports([report], settings).diagnostics

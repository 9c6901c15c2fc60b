"""The command line.

``gzlint [check] PATH...``   lint files and folders (the default command)
``gzlint rules``             list every rule: code, name, severity, summary
``gzlint explain CODE``      a rule's documentation, with a bad and a good example
``gzlint show FILE...``      what gzlint read: format, title, year, sections, every table cell
``gzlint annotate DOCX...``  a copy of each Word report with one comment per finding

Exit status: 0 when nothing at or above the fail level was found, 1 when
something was, 2 for a usage or configuration error or an internal failure.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path
from typing import Sequence, TextIO

from . import __version__
from .config import ConfigError, Settings, apply, load_settings, show_settings
from .plugins import PluginError, all_rules
from .reporters import REPORTERS, ReporterError, ReportOptions, get_reporter

CACHE_DIR = ".gzlint_cache"
SUBCOMMANDS = ("check", "rules", "explain", "show", "annotate")
#: formats that show the matched reports themselves: the run keeps them whole
WHOLE_REPORT_FORMATS = ("html",)
_EPILOG = """\
commands:
  gzlint [check] PATH...   lint files and folders (default)
  gzlint rules             list the rules
  gzlint explain CODE      explain one rule, with a bad and a good example
  gzlint show FILE...      show what gzlint read from a report (--format json)
  gzlint annotate DOCX...  write <name>.gzlint.docx: a comment on each finding (-o DIR)

exit status: 0 clean, 1 diagnostics at or above the fail level, 2 usage error"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gzlint",
        description="检查政府信息公开工作年度报告：章节、表格、勾稽关系、单元格。",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or folders (searched recursively)")
    out = parser.add_argument_group("output")
    out.add_argument("--format", choices=list(REPORTERS), help="output format (default: full on a terminal, concise otherwise)")
    out.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    out.add_argument("--statistics", action="store_true", help="print how many diagnostics of each code, not the diagnostics")
    out.add_argument("--quiet", "-q", action="store_true", help="print the diagnostics and nothing else")
    sel = parser.add_argument_group("rule selection")
    sel.add_argument("--select", help="codes or prefixes to check, comma-separated (GZ3,GZ101)")
    sel.add_argument("--ignore", help="codes or prefixes to skip, comma-separated")
    sel.add_argument("--extend-select", help="codes to check in addition to the selected ones")
    sel.add_argument("--fail-level", choices=["error", "warning", "info"], help="lowest severity that makes the exit status 1 (default: error)")
    sel.add_argument("--exit-zero", action="store_true", help="exit 0 even when diagnostics were found")
    cfg = parser.add_argument_group("configuration")
    cfg.add_argument("--config", metavar="FILE", help="a gzlint.toml or pyproject.toml to use instead of searching")
    cfg.add_argument("--show-settings", action="store_true", help="print the resolved settings and where each came from, then exit")
    cfg.add_argument("--force-exclude", action="store_true", help="apply exclude to files named on the command line too (for pre-commit)")
    speed = parser.add_argument_group("speed")
    speed.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: the machine's cores; 1: none)")
    speed.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    speed.add_argument("--cache-dir", metavar="DIR", help=f"where to keep the result cache (default: {CACHE_DIR} beside the configuration file, or here)")
    base = parser.add_argument_group("baseline")
    base.add_argument("--baseline", metavar="FILE", help="report only diagnostics not recorded in FILE")
    base.add_argument("--write-baseline", metavar="FILE", help="record the current diagnostics in FILE and exit 0")
    parser.add_argument("--version", action="version", version=f"gzlint {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 must not end the run
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        if argv and argv[0] == "rules":
            return _rules(argv[1:])
        if argv and argv[0] == "explain":
            return _explain(argv[1:])
        if argv and argv[0] == "show":
            return _show(argv[1:])
        if argv and argv[0] == "annotate":
            return _annotate(argv[1:])
        if argv and argv[0] == "check":
            argv = argv[1:]
        return _main_check(argv)
    except (ConfigError, PluginError, ReporterError) as exc:
        return _error(str(exc))
    except BrokenPipeError:  # gzlint … | head
        sys.stderr.close()
        return 1
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else 2


def _error(message: str) -> int:
    print(f"gzlint: error: {message}", file=sys.stderr)
    return 2


def resolve_settings(paths: Sequence[str], config: str | None, options: dict[str, str]) -> Settings:
    """Settings from the configuration file, overridden by command-line options."""
    codes = list(all_rules())
    settings = load_settings(paths, config, codes)
    apply(settings, {k: v for k, v in options.items() if v is not None}, "command line", codes)
    return settings


def _main_check(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    settings = resolve_settings(args.paths, args.config, {
        "select": args.select, "ignore": args.ignore, "extend-select": args.extend_select,
        "fail-level": args.fail_level,
    })
    if args.show_settings:
        runs = [c for c, cls in all_rules().items() if cls.default_enabled or settings.names(c)]
        sys.stdout.write(show_settings(settings, runs))
        return 0
    return _check(args, settings)


def _check(args, settings: Settings) -> int:
    from .engine import discover, run
    from .reporters.output import OutputError, refuse_inputs, write_atomic

    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        return _error(f"no such file or folder: {', '.join(missing)}")
    paths = args.paths
    if args.force_exclude and settings.exclude:
        paths = [p for p in paths if Path(p).is_dir() or not settings.excluded(Path(p))]
    files = discover(paths, settings) if paths else []
    try:  # before anything runs: never write over a report being linted
        refuse_inputs({"-o": args.output_file, "--write-baseline": args.write_baseline}, files)
    except OutputError as exc:
        return _error(str(exc))
    if args.jobs is not None and args.jobs < 1:
        return _error("--jobs must be 1 or more")
    try:
        cache = _cache(args, settings, files)
    except (ValueError, OutputError) as exc:
        return _error(str(exc))
    from .progress import progress_bar

    with progress_bar(args.format or "concise") as progress:
        keep = args.format in WHOLE_REPORT_FORMATS and not args.statistics
        result = run(files, settings, jobs=args.jobs, progress=progress, cache=cache, keep_reports=keep) if files else None
    diagnostics, files, errors = (result.diagnostics, result.files, result.errors) if result else ([], [], [])
    reports = result.reports if result else []
    if args.write_baseline:
        from .baseline import write_baseline

        try:
            n = write_baseline(args.write_baseline, diagnostics)
        except OutputError as exc:
            return _error(str(exc))
        print(f"gzlint: recorded {n} diagnostics in {args.write_baseline}", file=sys.stderr)
        return 2 if errors else 0
    if args.baseline:
        from .baseline import BaselineError, filter_new

        try:
            diagnostics = filter_new(diagnostics, args.baseline)
        except BaselineError as exc:
            return _error(str(exc))
    # a report for a file is rendered whole in memory first (a text stream over
    # bytes, as a file would be: --format xlsx writes to its buffer), then written in one go
    out: TextIO = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace") \
        if args.output_file else sys.stdout
    fmt = args.format or ("full" if out.isatty() else "concise")
    if args.statistics:
        from .reporters.statistics import report as statistics

        statistics(diagnostics, out, as_json=fmt in ("json", "json-legacy", "json-lines"))
    else:
        options = ReportOptions(quiet=args.quiet, fail_level=settings.fail_level, reports=reports)
        get_reporter(fmt)(diagnostics, files, out, options)
    if args.output_file:
        out.flush()
        try:
            write_atomic(args.output_file, out.buffer.getvalue())
        except OutputError as exc:
            return _error(str(exc))
    for error in errors:
        print(f"gzlint: {error}", file=sys.stderr)
    if errors:
        return 2
    if args.exit_zero:
        return 0
    return 1 if any(d.severity >= settings.fail_level for d in diagnostics) else 0


def _cache(args, settings: Settings, files: list[Path]):
    """The result cache for this run, or None (--no-cache). It writes only new
    files of its own, and never where an input is (OutputError)."""
    if args.no_cache:
        return None
    from .cache import CacheError, ResultCache
    from .reporters.output import refuse_inputs

    folder = args.cache_dir or os.environ.get("GZLINT_CACHE_DIR")
    if not folder:
        folder = str((settings.path.parent if settings.path else Path.cwd()) / CACHE_DIR)
    refuse_inputs({"--cache-dir": folder}, files)
    try:
        return ResultCache(folder, settings)
    except CacheError as exc:
        raise ValueError(str(exc)) from None


def _rules(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="gzlint rules", description="list every rule: code, name, default severity, summary")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args(argv)
    from .ruledocs import all_rule_docs

    docs = all_rule_docs()
    if args.format == "json":
        import json

        rows = [{"code": d.code, "name": d.name, "severity": d.severity, "summary": d.summary} for d in docs]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    width = max((len(d.name) for d in docs), default=4)
    print(f"{'code':<7} {'name':<{width}} {'severity':<8} summary")
    for d in docs:
        print(f"{d.code:<7} {d.name:<{width}} {d.severity:<8} {d.summary}")
    return 0


def _explain(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="gzlint explain", description="explain a rule: what it checks, why, a bad and a good example, how to fix")
    parser.add_argument("code", metavar="CODE", help="a rule code (GZ301) or name (applications-balance)")
    parser.add_argument("--format", choices=["text", "markdown"], default="text")
    args = parser.parse_args(argv)
    from .ruledocs import rule_doc

    rules = all_rules()
    wanted = args.code.strip()
    cls = rules.get(wanted.upper()) or next((c for c in rules.values() if c.name == wanted), None)
    if cls is None:
        return _error(f"未知的规则代码 {args.code}（用 gzlint rules 查看全部代码）")
    doc = rule_doc(cls)
    sys.stdout.write(doc.to_markdown() if args.format == "markdown" else doc.to_text())
    return 0


def _show(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="gzlint show", description="show what gzlint read from reports: format version, "
                                     "title, body, year, period, dates, sections and every form table cell")
    parser.add_argument("paths", nargs="+", metavar="FILE", help="report files (folders are searched as by check)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="text: tables drawn for a terminal; json: the same facts (keys in README)")
    parser.add_argument("--config", metavar="FILE", help="a gzlint.toml or pyproject.toml to use instead of searching")
    args = parser.parse_args(argv)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        return _error(f"no such file or folder: {', '.join(missing)}")
    from .show import show

    return show(args.paths, resolve_settings(args.paths, args.config, {}), args.format, sys.stdout)


def _annotate(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="gzlint annotate", description="write a copy of each .docx report, "
                                     "<name>.gzlint.docx, with one Word comment per finding on the faulty cell or paragraph")
    parser.add_argument("paths", nargs="+", metavar="DOCX", help=".docx reports (the inputs are never changed)")
    parser.add_argument("--output-dir", "-o", metavar="DIR", help="write the copies here (default: beside each input)")
    parser.add_argument("--select", help="codes or prefixes to check, comma-separated")
    parser.add_argument("--ignore", help="codes or prefixes to skip, comma-separated")
    parser.add_argument("--config", metavar="FILE", help="a gzlint.toml or pyproject.toml to use instead of searching")
    args = parser.parse_args(argv)
    sources = [Path(p) for p in args.paths]
    bad = [str(p) for p in sources if p.suffix.lower() != ".docx" or not p.is_file()]
    if bad:
        return _error(f"annotate takes .docx files: {', '.join(bad)}")
    from .annotate import AnnotateError, annotate, output_path
    from .engine import run

    settings = resolve_settings(args.paths, args.config, {"select": args.select, "ignore": args.ignore})
    result = run(args.paths, settings)
    outdir = Path(args.output_dir) if args.output_dir else None
    status = 0
    for source in dict.fromkeys(sources):
        mine = [d for d in result.diagnostics if d.path == str(source)]
        target = output_path(source, outdir)
        try:
            n = annotate(source, mine, target)
        except AnnotateError as exc:
            print(f"gzlint: error: {exc}", file=sys.stderr)
            status = 2
            continue
        except Exception as exc:  # python-docx cannot open it (GZ001 says why)
            print(f"gzlint: error: cannot annotate {source}: {type(exc).__name__}: {exc}", file=sys.stderr)
            status = 2
            continue
        print(f"{target}: {n} 条批注", file=sys.stderr)
    return 2 if result.errors else status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

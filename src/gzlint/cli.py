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
import sys
from pathlib import Path
from typing import Sequence, TextIO

from . import __version__
from .config import ConfigError, Settings, apply, load_settings, show_settings, unmatched_globs
from .diagnostics import SEVERITY_NAMES
from .plugins import PluginError, all_rules
from .reporters import REPORTERS, ReporterError, ReportOptions, get_reporter
from .reporters.concise import plural

SUBCOMMANDS = ("check", "rules", "explain", "show", "annotate")
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
    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                        help="files or folders (searched recursively); - reads one report from standard input")
    parser.add_argument("--stdin-filename", metavar="NAME", help="the name of the report read from standard input (-)")
    out = parser.add_argument_group("output")
    out.add_argument("--output-format", "--format", dest="format", choices=list(REPORTERS),
                     help="output format (default: full on a terminal, concise otherwise)")
    out.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    out.add_argument("--statistics", action="store_true",
                     help="print how many diagnostics of each code, not the diagnostics (formats: full, concise, json, json-lines)")
    out.add_argument("--show-files", action="store_true", help="print the files that would be checked, then exit")
    out.add_argument("--quiet", "-q", action="store_true", help="print the diagnostics and nothing else")
    sel = parser.add_argument_group("rule selection")
    sel.add_argument("--select", help="codes or prefixes to check, comma-separated (GZ3,GZ101)")
    sel.add_argument("--ignore", help="codes or prefixes to skip, comma-separated")
    sel.add_argument("--extend-select", help="codes to check in addition to the selected ones")
    sel.add_argument("--fail-level", metavar="LEVEL", help=f"lowest severity that makes the exit status 1: {SEVERITY_NAMES} (default: error)")
    sel.add_argument("--exit-zero", action="store_true", help="exit 0 even when diagnostics were found")
    cfg = parser.add_argument_group("configuration")
    cfg.add_argument("--config", metavar="FILE", help="a gzlint.toml or pyproject.toml to use instead of searching")
    cfg.add_argument("--show-settings", action="store_true", help="print the resolved settings and where each came from, then exit")
    cfg.add_argument("--exclude", metavar="GLOBS", help="files to skip, comma-separated globs (replaces the configuration's)")
    cfg.add_argument("--extend-exclude", metavar="GLOBS", help="files to skip in addition to exclude, comma-separated globs")
    cfg.add_argument("--force-exclude", action="store_true", help="apply exclude to files named on the command line too (for pre-commit)")
    base = parser.add_argument_group("baseline")
    base.add_argument("--baseline", metavar="FILE", help="report only diagnostics not recorded in FILE")
    base.add_argument("--write-baseline", metavar="FILE", help="record the current diagnostics in FILE and exit 0")
    base.add_argument("--baseline-values", action="store_true",
                      help="with --write-baseline: the numbers in messages are part of each entry, so a cell "
                           "re-submitted with a different wrong value is new")
    base.add_argument("--baseline-prune", action="store_true",
                      help="with --baseline: rewrite FILE without the entries no diagnostic matched (fixed since)")
    parser.add_argument("--version", action="version", version=f"gzlint {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
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
        "fail-level": args.fail_level, "exclude": args.exclude, "extend-exclude": args.extend_exclude,
    })
    if args.show_settings:
        runs = [c for c, cls in all_rules().items() if cls.default_enabled or settings.names(c)]
        sys.stdout.write(show_settings(settings, runs))
        return 0
    return _check(args, settings)


#: formats --statistics can be written in; the others have no place for counts
_STATISTICS_FORMATS = ("full", "concise", "json", "json-legacy", "json-lines")


def _check(args, settings: Settings) -> int:
    from .engine import discover, lint_reports, run_files, stdin_report

    out_name = args.output_file
    fmt_given = args.format
    if args.statistics and fmt_given and fmt_given not in _STATISTICS_FORMATS:
        return _error(f"--statistics cannot be written as {fmt_given} (use {', '.join(_STATISTICS_FORMATS)})")
    reading_stdin = args.paths == ["-"]
    if "-" in args.paths and not reading_stdin:
        return _error("- (standard input) cannot be mixed with other paths")
    if reading_stdin:
        name = args.stdin_filename or "-"
        if args.force_exclude and settings.excluded(Path(name)):
            result = lint_reports([], settings)
        else:
            result = lint_reports([stdin_report(name, sys.stdin.buffer.read())], settings)
        files = [Path(name)]
    else:
        paths = args.paths
        if args.force_exclude and settings.exclude:
            paths = [p for p in paths if Path(p).is_dir() or not settings.excluded(Path(p))]
        files = discover(paths, settings) if paths else []
        if args.show_files:
            for f in files:
                print(f)
            return 0
        # only a folder run sees every file: pre-commit's staged few would warn of the rest
        searched = any(Path(p).is_dir() for p in paths)
        for glob in unmatched_globs(settings, files) if searched else ():
            print(f"gzlint: warning: per-file-ignores 的「{glob}」没有匹配任何被检查的文件", file=sys.stderr)
        result = run_files(files, settings)
    diagnostics, errors = result.diagnostics, result.errors
    if args.baseline_prune and not args.baseline:
        return _error("--baseline-prune needs --baseline FILE")
    for target in (args.write_baseline, args.baseline_prune and args.baseline, out_name):
        if target and _is_input(target, result.files):
            return _error(f"{target} is one of the files being checked; refusing to overwrite it")
    if args.write_baseline:
        from .baseline import write_baseline

        n = write_baseline(args.write_baseline, diagnostics, values=args.baseline_values)
        print(f"gzlint: recorded {plural(n, 'diagnostic')} in {args.write_baseline}", file=sys.stderr)
        return 2 if errors else 0
    if args.baseline:
        from .baseline import BaselineError, load_baseline, match_baseline, prune

        try:
            baseline = load_baseline(args.baseline)
        except BaselineError as exc:
            return _error(str(exc))
        matched = match_baseline(diagnostics, baseline, result.files)
        diagnostics = matched.new
        if args.baseline_prune and matched.stale:
            prune(baseline, matched.stale)
        if not args.quiet:
            _baseline_summary(args.baseline, matched, pruned=args.baseline_prune)
    out: TextIO = open(out_name, "w", encoding="utf-8") if out_name else sys.stdout
    try:
        fmt = fmt_given or ("full" if out.isatty() else "concise")
        if args.statistics:
            from .reporters.statistics import report as statistics

            statistics(diagnostics, out, as_json=fmt in ("json", "json-legacy", "json-lines"))
        else:
            options = ReportOptions(quiet=args.quiet, fail_level=settings.fail_level, reports=result.reports)
            get_reporter(fmt)(diagnostics, result.files, out, options)
    finally:
        if out is not sys.stdout:
            out.close()
    for error in errors:
        print(f"gzlint: {error}", file=sys.stderr)
    if errors:
        return 2
    if args.exit_zero:
        return 0
    return 1 if any(d.severity >= settings.fail_level for d in diagnostics) else 0


def _is_input(target: str, files: Sequence[str]) -> bool:
    resolved = Path(target).resolve()
    return any(Path(f).resolve() == resolved for f in files)


def _baseline_summary(name: str, matched, pruned: bool) -> None:
    """On standard error, so that machine-readable output stays whole."""
    print(f"gzlint: the baseline {name} hid {plural(matched.hidden, 'diagnostic')}", file=sys.stderr)
    if not matched.stale:
        return
    verb = "removed" if pruned else "no longer found (fixed?)"
    print(f"gzlint: {plural(len(matched.stale), 'baseline entry')} {verb}:", file=sys.stderr)
    for e in matched.stale:
        print(f"  {e.get('path')}: {e.get('code')} {e.get('message')}", file=sys.stderr)
    if not pruned:
        print("gzlint: run with --baseline-prune to remove them", file=sys.stderr)


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
        from .config import did_you_mean

        hint = did_you_mean(wanted.upper(), rules) or did_you_mean(wanted, [c.name for c in rules.values()])
        return _error(f"未知的规则代码 {args.code}{hint}（用 gzlint rules 查看全部代码）")
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

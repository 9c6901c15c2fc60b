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
import gc
import io
import os
import sys
from pathlib import Path
from typing import Sequence, TextIO

from . import __version__
from .config import ConfigError, Settings, apply, load_settings, show_settings, unmatched_globs
from .messages import DEFAULT_LANG, LANGUAGES, text
from .packs import PackError
from .plugins import PluginError, all_rules, rule_codes
from .reporters import REPORTERS, ReporterError, ReportOptions, get_reporter

SUBCOMMANDS = ("check", "rules", "explain", "show", "annotate")
#: formats that show the matched reports themselves: the run keeps them whole
WHOLE_REPORT_FORMATS = ("html",)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help, with its "usage:" said in the chosen language."""

    lang = DEFAULT_LANG

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix if prefix is not None else text("cli.usage", self.lang))


def _parser(prog: str, description_id: str, lang: str, epilog: str | None = None) -> argparse.ArgumentParser:
    """A parser whose own words (usage, the option groups, -h) are in ``lang``."""
    formatter = type("Formatter", (_Formatter,), {"lang": lang})
    parser = argparse.ArgumentParser(prog=prog, description=text(description_id, lang), epilog=epilog,
                                     formatter_class=formatter, add_help=False)
    parser._positionals.title = text("cli.group.positional", lang)
    parser._optionals.title = text("cli.group.options", lang)
    parser.add_argument("-h", "--help", action="help", help=text("cli.help", lang))
    parser.add_argument("--lang", choices=list(LANGUAGES), help=text("cli.lang", lang))
    return parser


def build_parser(lang: str = DEFAULT_LANG) -> argparse.ArgumentParser:
    t = lambda key: text(f"cli.{key}", lang)  # noqa: E731
    parser = _parser("gzlint", "cli.description", lang, t("epilog"))
    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH", help=t("paths"))
    parser.add_argument("--stdin-filename", metavar="NAME", help=t("stdin-filename"))
    out = parser.add_argument_group(t("group.output"))
    out.add_argument("--output-format", "--format", dest="format", choices=list(REPORTERS), help=t("format"))
    out.add_argument("--output-file", "-o", metavar="FILE", help=t("output-file"))
    out.add_argument("--statistics", action="store_true", help=t("statistics"))
    out.add_argument("--show-files", action="store_true", help=t("show-files"))
    out.add_argument("--quiet", "-q", action="store_true", help=t("quiet"))
    sel = parser.add_argument_group(t("group.selection"))
    sel.add_argument("--select", help=t("select"))
    sel.add_argument("--ignore", help=t("ignore"))
    sel.add_argument("--extend-select", help=t("extend-select"))
    sel.add_argument("--fail-level", metavar="LEVEL", help=t("fail-level"))
    sel.add_argument("--exit-zero", action="store_true", help=t("exit-zero"))
    cfg = parser.add_argument_group(t("group.configuration"))
    cfg.add_argument("--config", metavar="FILE", help=t("config"))
    cfg.add_argument("--show-settings", action="store_true", help=t("show-settings"))
    cfg.add_argument("--exclude", metavar="GLOBS", help=t("exclude"))
    cfg.add_argument("--extend-exclude", metavar="GLOBS", help=t("extend-exclude"))
    cfg.add_argument("--force-exclude", action="store_true", help=t("force-exclude"))
    speed = parser.add_argument_group(t("group.speed"))
    speed.add_argument("--jobs", "-j", type=int, metavar="N", help=t("jobs"))
    speed.add_argument("--no-cache", action="store_true", help=t("no-cache"))
    speed.add_argument("--cache-dir", metavar="DIR", help=t("cache-dir"))
    base = parser.add_argument_group(t("group.baseline"))
    base.add_argument("--baseline", metavar="FILE", help=t("baseline"))
    base.add_argument("--write-baseline", metavar="FILE", help=t("write-baseline"))
    base.add_argument("--baseline-values", action="store_true", help=t("baseline-values"))
    base.add_argument("--baseline-prune", action="store_true", help=t("baseline-prune"))
    parser.add_argument("--version", action="version", version=f"gzlint {__version__}", help=t("version"))
    return parser


def chosen_lang(argv: Sequence[str], config: str | None = None) -> str:
    """The language before the options are parsed (--help is printed while
    parsing): --lang, else ``lang`` in the configuration, else Chinese."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    paths = [a for a in argv if not a.startswith("-") and a not in SUBCOMMANDS and Path(a).exists()]
    try:
        return load_settings(paths[:1] or ["."], config).lang
    except ConfigError:
        return DEFAULT_LANG


def main(argv: Sequence[str] | None = None) -> int:
    argv = _lang_after_command(list(sys.argv[1:] if argv is None else argv))
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
    except (ConfigError, PluginError, PackError, ReporterError) as exc:
        return _error(str(exc))
    except BrokenPipeError:  # gzlint … | head
        sys.stderr.close()
        return 1
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else 2


def _lang_after_command(argv: list[str]) -> list[str]:
    """``gzlint --lang en explain GZ301`` as ``gzlint explain --lang en GZ301``."""
    lead: list[str] = []
    while argv and argv[0].startswith("--lang"):
        n = 1 if "=" in argv[0] else 2
        lead, argv = lead + argv[:n], argv[n:]
    return argv[:1] + lead + argv[1:] if argv and argv[0] in SUBCOMMANDS else lead + argv


def _error(message: str) -> int:
    print(f"gzlint: error: {message}", file=sys.stderr)
    return 2


def resolve_settings(paths: Sequence[str], config: str | None, options: dict[str, str]) -> Settings:
    """Settings from the configuration file, overridden by command-line options."""
    codes = rule_codes()
    settings = load_settings(paths, config, codes)
    apply(settings, {k: v for k, v in options.items() if v is not None}, "command line", codes)
    return settings


def _main_check(argv: list[str]) -> int:
    args = build_parser(chosen_lang(argv)).parse_args(argv)
    settings = resolve_settings(args.paths, args.config, {
        "select": args.select, "ignore": args.ignore, "extend-select": args.extend_select,
        "fail-level": args.fail_level, "lang": args.lang, "exclude": args.exclude, "extend-exclude": args.extend_exclude,
    })
    if args.show_settings:
        runs = [c for c, cls in all_rules().items() if cls.default_enabled or settings.names(c)]
        sys.stdout.write(show_settings(settings, runs))
        return 0
    # A report's objects are few and short-lived, and the forms and memos stay
    # for the whole run: at Python's default (a collection every 700
    # allocations) the collector took 5–10% of a run and freed next to nothing.
    # Workers are forked from here and inherit it.
    gc.set_threshold(10_000)
    return _check(args, settings)


#: formats --statistics can be written in; the others have no place for counts
_STATISTICS_FORMATS = ("full", "concise", "json", "json-legacy", "json-lines")


def _check(args, settings: Settings) -> int:
    from .engine import discover, run, run_stdin
    from .reporters.output import OutputError, refuse_inputs, write_atomic

    lang = settings.lang
    if args.statistics and args.format and args.format not in _STATISTICS_FORMATS:
        return _error(text("cli.statistics-format", lang, format=args.format, formats=", ".join(_STATISTICS_FORMATS)))
    if args.baseline_prune and not args.baseline:
        return _error(text("cli.baseline-prune-alone", lang))
    reading_stdin = args.paths == ["-"]
    if "-" in args.paths and not reading_stdin:
        return _error(text("cli.stdin-mixed", lang))
    if reading_stdin:
        name = args.stdin_filename or "-"
        files = [] if args.force_exclude and settings.excluded(Path(name)) else [name]
    else:
        paths = args.paths  # a missing one is GZ001 (as ruff's E902) and the rest is linted
        if args.force_exclude and settings.exclude:
            paths = [p for p in paths if Path(p).is_dir() or not settings.excluded(Path(p))]
        files = discover(paths, settings) if paths else []
        if args.show_files:
            for f in files:
                print(f)
            return 0
        # only a folder run sees every file: pre-commit's staged few would warn of the rest
        if any(Path(p).is_dir() for p in paths):
            for glob in unmatched_globs(settings, files):
                print(text("cli.unmatched-glob", lang, glob=glob), file=sys.stderr)
    try:  # before anything runs: never write over a report being linted
        refuse_inputs({"-o": args.output_file, "--write-baseline": args.write_baseline,
                       "--baseline-prune": args.baseline if args.baseline_prune else None},
                      [] if reading_stdin else files)
    except OutputError as exc:
        return _error(str(exc))
    if args.jobs is not None and args.jobs < 1:
        return _error(text("cli.jobs-too-few", settings.lang))
    stream = None
    if reading_stdin:
        result = run_stdin(name, sys.stdin.buffer.read(), settings) if files else None
    else:
        try:
            cache = _cache(args, settings, files)
        except (ValueError, OutputError) as exc:
            return _error(str(exc))
        from .progress import progress_bar

        with progress_bar(args.format or "concise") as progress:
            keep = args.format in WHOLE_REPORT_FORMATS and not args.statistics
            stream = _stream(args, settings) if progress is None else None
            result = run(files, settings, jobs=args.jobs, progress=progress, cache=cache, keep_reports=keep,
                         on_file=stream.file if stream else None) if files else None
    diagnostics, files, errors = (result.diagnostics, result.files, result.errors) if result else ([], [], [])
    reports = result.reports if result else []
    if args.write_baseline:
        from .baseline import write_baseline

        try:
            n = write_baseline(args.write_baseline, diagnostics, values=args.baseline_values)
        except OutputError as exc:
            return _error(str(exc))
        print(text("cli.recorded", settings.lang, n=n, path=args.write_baseline), file=sys.stderr)
        return 2 if errors else 0
    if args.baseline:
        from .baseline import BaselineError, load_baseline, match_baseline, prune

        try:
            baseline = load_baseline(args.baseline)
        except BaselineError as exc:
            return _error(str(exc))
        matched = match_baseline(diagnostics, baseline, files)
        diagnostics = matched.new
        if args.baseline_prune and matched.stale:
            try:
                prune(baseline, matched.stale)
            except OutputError as exc:
                return _error(str(exc))
        if not args.quiet:
            _baseline_summary(args.baseline, matched, args.baseline_prune, lang)
    # rendered in the chosen language after the baseline, whose fingerprints never read the wording
    diagnostics = [d.localised(settings.lang) for d in diagnostics]
    # a report for a file is rendered whole in memory first (a text stream over
    # bytes, as a file would be: --format xlsx writes to its buffer), then written in one go
    out: TextIO = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace") \
        if args.output_file else sys.stdout
    fmt = args.format or ("full" if out.isatty() else "concise")
    if args.statistics:
        from .reporters.statistics import report as statistics

        statistics(diagnostics, out, as_json=fmt in ("json", "json-legacy", "json-lines"), lang=settings.lang)
    else:
        options = ReportOptions(quiet=args.quiet, fail_level=settings.fail_level, lang=settings.lang, reports=reports)
        if stream is not None:  # each file's lines are out already
            stream.finish(diagnostics, files, options)
        else:
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


def _stream(args, settings: Settings):
    """Concise lines written as files finish, where nothing needs the whole
    run first: not into a file (-o, written whole and atomically), not with
    --statistics or a baseline (both count over the run)."""
    if args.output_file or args.statistics or args.baseline or args.write_baseline:
        return None
    if (args.format or ("full" if sys.stdout.isatty() else "concise")) != "concise":
        return None
    from .reporters.concise import Stream

    return Stream(sys.stdout, settings.lang)


def _baseline_summary(name: str, matched, pruned: bool, lang: str) -> None:
    """On standard error, so that machine-readable output stays whole."""
    print(text("cli.baseline-hid", lang, path=name, n=matched.hidden), file=sys.stderr)
    if not matched.stale:
        return
    print(text("cli.baseline-removed" if pruned else "cli.baseline-stale", lang, n=len(matched.stale)), file=sys.stderr)
    for e in matched.stale:
        print(f"  {e.get('path')}: {e.get('code')} {e.get('message')}", file=sys.stderr)
    if not pruned:
        print(text("cli.baseline-prune-hint", lang), file=sys.stderr)


def _cache(args, settings: Settings, files: list[Path]):
    """The result cache for this run, or None (--no-cache). It writes only new
    files of its own, and never where an input is (OutputError)."""
    if args.no_cache:
        return None
    from .cache import CacheError, ResultCache, default_folder
    from .reporters.output import refuse_inputs

    folder = str(default_folder(settings, args.cache_dir))
    refuse_inputs({"--cache-dir": folder}, files)
    try:
        return ResultCache(folder, settings)
    except CacheError as exc:
        raise ValueError(str(exc)) from None


def _rules(argv: list[str]) -> int:
    lang = chosen_lang(argv)
    parser = _parser("gzlint rules", "cli.rules.description", lang)
    parser.add_argument("--format", choices=["text", "json"], default="text", help=text("cli.rules.format", lang))
    args = parser.parse_args(argv)
    from .ruledocs import all_rule_docs

    docs = all_rule_docs(lang)
    if args.format == "json":
        import json

        rows = [{"code": d.code, "name": d.name, "severity": d.severity, "summary": d.summary} for d in docs]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    width = max((len(d.name) for d in docs), default=4)
    heads = [text(k, lang) for k in ("cli.rules.header", "cli.rules.header.name", "cli.rules.header.severity",
                                     "cli.rules.header.summary")]
    print(f"{heads[0]:<7} {heads[1]:<{width}} {heads[2]:<8} {heads[3]}")
    for d in docs:
        print(f"{d.code:<7} {d.name:<{width}} {d.severity_word:<8} {d.summary}")
    return 0


def _explain(argv: list[str]) -> int:
    lang = chosen_lang(argv)
    parser = _parser("gzlint explain", "cli.explain.description", lang)
    parser.add_argument("code", metavar="CODE", help=text("cli.explain.code", lang))
    parser.add_argument("--format", choices=["text", "markdown"], default="text", help=text("cli.explain.format", lang))
    args = parser.parse_args(argv)
    from .ruledocs import rule_doc

    rules = all_rules()
    wanted = args.code.strip()
    cls = rules.get(wanted.upper()) or next((c for c in rules.values() if c.name == wanted), None)
    if cls is None:
        from .config import did_you_mean

        hint = did_you_mean(wanted.upper(), rules) or did_you_mean(wanted, [c.name for c in rules.values()])
        return _error(text("cli.explain.unknown", lang, code=args.code + hint))
    doc = rule_doc(cls, lang)
    sys.stdout.write(doc.to_markdown() if args.format == "markdown" else doc.to_text())
    return 0


def _show(argv: list[str]) -> int:
    lang = chosen_lang(argv)
    parser = _parser("gzlint show", "cli.show.description", lang)
    parser.add_argument("paths", nargs="+", metavar="FILE", help=text("cli.show.paths", lang))
    parser.add_argument("--format", choices=["text", "json"], default="text", help=text("cli.show.format", lang))
    parser.add_argument("--config", metavar="FILE", help=text("cli.config", lang))
    args = parser.parse_args(argv)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        return _error(text("cli.missing-paths", lang, paths=", ".join(missing)))
    from .show import show

    return show(args.paths, resolve_settings(args.paths, args.config, {"lang": args.lang}), args.format, sys.stdout)


def _annotate(argv: list[str]) -> int:
    lang = chosen_lang(argv)
    t = lambda key: text(f"cli.annotate.{key}", lang)  # noqa: E731
    parser = _parser("gzlint annotate", "cli.annotate.description", lang)
    parser.add_argument("paths", nargs="+", metavar="DOCX", help=t("paths"))
    parser.add_argument("--output-dir", "-o", metavar="DIR", help=t("output-dir"))
    parser.add_argument("--select", help=text("cli.select", lang))
    parser.add_argument("--ignore", help=text("cli.ignore", lang))
    parser.add_argument("--config", metavar="FILE", help=text("cli.config", lang))
    args = parser.parse_args(argv)
    sources = [Path(p) for p in args.paths]
    bad = [str(p) for p in sources if p.suffix.lower() != ".docx" or not p.is_file()]
    if bad:
        return _error(f"annotate takes .docx files: {', '.join(bad)}")
    from .annotate import AnnotateError, annotate, output_path
    from .engine import run

    settings = resolve_settings(args.paths, args.config, {"select": args.select, "ignore": args.ignore, "lang": args.lang})
    result = run(args.paths, settings)
    outdir = Path(args.output_dir) if args.output_dir else None
    status = 0
    for source in dict.fromkeys(sources):
        mine = [d.localised(settings.lang) for d in result.diagnostics if d.path == str(source)]
        target = output_path(source, outdir)
        try:
            n = annotate(source, mine, target, settings.lang)
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

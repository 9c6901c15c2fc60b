"""The command line: ``gzlint PATH...``.

Exit status: 0 when nothing at or above the fail level was found, 1 when
something was, 2 for a usage or configuration error or an internal failure.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from . import __version__
from .config import ConfigError, Settings, apply, load_settings
from .plugins import PluginError, all_rules
from .reporters import REPORTERS, get_reporter


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gzlint",
        description="检查政府信息公开工作年度报告：章节、表格、勾稽关系、单元格。",
    )
    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or folders (searched recursively)")
    parser.add_argument("--format", choices=sorted(REPORTERS), help="output format (default: full on a terminal, concise otherwise)")
    parser.add_argument("--select", help="codes or prefixes to check, comma-separated (GZ3,GZ101)")
    parser.add_argument("--ignore", help="codes or prefixes to skip, comma-separated")
    parser.add_argument("--extend-select", help="codes to check in addition to the selected ones")
    parser.add_argument("--fail-level", choices=["error", "warning", "info"], help="lowest severity that makes the exit status 1 (default: error)")
    parser.add_argument("--config", metavar="FILE", help="a gzlint.toml or pyproject.toml to use instead of searching")
    parser.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    parser.add_argument("--version", action="version", version=f"gzlint {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        codes = list(all_rules())
        settings = load_settings(args.paths, args.config, codes)
        overrides = {
            key: value
            for key, value in (
                ("select", args.select), ("ignore", args.ignore), ("extend-select", args.extend_select),
                ("fail-level", args.fail_level),
            )
            if value is not None
        }
        apply(settings, overrides, "command line", codes)
    except (ConfigError, PluginError) as exc:
        print(f"gzlint: error: {exc}", file=sys.stderr)
        return 2
    return _check(args, settings)


def _check(args, settings: Settings) -> int:
    from pathlib import Path

    from .engine import run

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"gzlint: error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    result = run(args.paths, settings)
    out = open(args.output_file, "w", encoding="utf-8") if args.output_file else sys.stdout
    try:
        fmt = args.format or ("full" if out.isatty() else "concise")
        get_reporter(fmt)(result.diagnostics, result.files, out)
    finally:
        if out is not sys.stdout:
            out.close()
    for error in result.errors:
        print(f"gzlint: {error}", file=sys.stderr)
    if result.errors:
        return 2
    return 1 if any(d.severity >= settings.fail_level for d in result.diagnostics) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

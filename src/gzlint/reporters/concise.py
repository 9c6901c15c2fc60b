"""One line per diagnostic: ``path:line: CODE message`` (the pre-commit and
editor format; ``path: CODE message`` when there is no line)."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from ..diagnostics import Diagnostic, fold_groups


def location(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}" if d.line is not None else d.path


def line(d: Diagnostic) -> str:
    return f"{location(d)}: {d.code} {d.message}"


def report(diagnostics: list[Diagnostic], files: list[str], out: TextIO, options=None) -> None:
    diagnostics = fold_groups(diagnostics)  # a wholly blank row or column is one line
    for d in diagnostics:
        out.write(line(d) + "\n")
    if diagnostics and not (options and options.quiet):
        out.write(f"{summary_line(diagnostics, files)}\n")


def summary_line(diagnostics: list[Diagnostic], files: list[str]) -> str:
    counts = Counter(d.severity.label for d in diagnostics)
    parts = [f"{counts[k]} {k}{'s' if counts[k] != 1 else ''}" for k in ("error", "warning", "info") if counts[k]]
    affected = len({d.path for d in diagnostics})
    return f"Found {len(diagnostics)} diagnostics ({', '.join(parts)}) in {affected} of {len(files)} files."

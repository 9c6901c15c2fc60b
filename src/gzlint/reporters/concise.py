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


def plural(n: int, word: str) -> str:
    """``1 file``, ``2 files``, ``2 entries`` (info has no plural)."""
    if n == 1 or word == "info":
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


def summary_line(diagnostics: list[Diagnostic], files: list[str]) -> str:
    counts = Counter(d.severity.label for d in diagnostics)
    parts = [plural(counts[k], k) for k in ("error", "warning", "info") if counts[k]]
    affected = len({d.path for d in diagnostics})
    return f"Found {plural(len(diagnostics), 'diagnostic')} ({', '.join(parts)}) in {affected} of {plural(len(files), 'file')}."

"""One line per diagnostic: ``path:line: CODE [severity] message``."""

from __future__ import annotations

from typing import TextIO

from ..diagnostics import Diagnostic


def location(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}" if d.line is not None else d.path


def report(diagnostics: list[Diagnostic], files: list[str], out: TextIO) -> None:
    for d in diagnostics:
        out.write(f"{location(d)}: {d.code} [{d.severity.label}] {d.message}\n")
    if diagnostics:
        out.write(f"{summary_line(diagnostics, files)}\n")


def summary_line(diagnostics: list[Diagnostic], files: list[str]) -> str:
    from collections import Counter

    counts = Counter(d.severity.label for d in diagnostics)
    parts = [f"{counts[k]} {k}{'s' if counts[k] != 1 else ''}" for k in ("error", "warning", "info") if counts[k]]
    affected = len({d.path for d in diagnostics})
    return f"Found {len(diagnostics)} diagnostics ({', '.join(parts)}) in {affected} of {len(files)} files."

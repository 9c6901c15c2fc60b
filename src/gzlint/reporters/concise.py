"""One line per diagnostic: ``path:line: CODE message`` (the pre-commit and
editor format; ``path: CODE message`` when there is no line)."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from ..diagnostics import Diagnostic, fold_groups
from ..messages import DEFAULT_LANG, text


def location(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}" if d.line is not None else d.path


def line(d: Diagnostic, lang: str = DEFAULT_LANG) -> str:
    """``path:line: CODE message [第2个表格第7行第6列]``: the place in the
    source's terms ends the line, so ``path:line:`` stays what editors parse."""
    where = d.where_text(lang)
    return f"{location(d)}: {d.code} {d.message}" + (f" [{where}]" if where else "")


def report(diagnostics: list[Diagnostic], files: list[str], out: TextIO, options=None) -> None:
    diagnostics = fold_groups(diagnostics)  # a wholly blank row or column is one line
    for d in diagnostics:
        out.write(line(d, options.lang if options else DEFAULT_LANG) + "\n")
    if diagnostics and not (options and options.quiet):
        out.write(f"{summary_line(diagnostics, files, options.lang if options else DEFAULT_LANG)}\n")


def summary_line(diagnostics: list[Diagnostic], files: list[str], lang: str = DEFAULT_LANG) -> str:
    counts = Counter(d.severity.label for d in diagnostics)
    parts = [text(f"summary.{k}" + (".one" if counts[k] == 1 else ""), lang, n=counts[k])
             for k in ("error", "warning", "info") if counts[k]]
    affected = len({d.path for d in diagnostics})
    return text("summary.found", lang, n=len(diagnostics), counts=text("list.sep", lang).join(parts),
                affected=affected, files=len(files))

"""Rich terminal output: grouped by file, with the cell's row and column and
the numbers that disagree."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from ..diagnostics import Diagnostic, Severity, fold_groups
from ..messages import DEFAULT_LANG, text
from .concise import summary_line

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def report(diagnostics: list[Diagnostic], files: list[str], out: TextIO, options=None) -> None:
    diagnostics = fold_groups(diagnostics)  # a wholly blank row or column is one line
    from rich.console import Console
    from rich.markup import escape

    lang = options.lang if options else DEFAULT_LANG
    console = Console(file=out, highlight=False, soft_wrap=True)
    for path, group in groupby(diagnostics, key=lambda d: d.path):
        items = list(group)
        console.print(f"[bold underline]{escape(path)}[/]  [dim]({len(items)})[/]")
        for d in items:
            where = f"{d.line}" if d.line is not None else "-"
            console.print(
                f"  [dim]{where:>5}[/]  [{_STYLE[d.severity]}]{d.code} {d.severity.word(lang)}[/] {escape(d.message)}"
            )
            cell = " · ".join(x for x in (d.table, d.row and text("full.row", lang, row=d.row),
                                          d.column and text("full.column", lang, column=d.column),
                                          d.where_text(lang)) if x)
            if cell:
                console.print(f"         [dim]{escape(cell)}[/]")
        console.print()
    if options and options.quiet:
        return
    if diagnostics:
        console.print(summary_line(diagnostics, files, lang))
    else:
        console.print(f"[green]{text('full.clear', lang)}[/]{text('full.clear.files', lang, files=len(files))}")

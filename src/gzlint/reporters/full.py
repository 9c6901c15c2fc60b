"""Rich terminal output: grouped by file, with the cell's row and column and
the numbers that disagree."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from ..diagnostics import Diagnostic, Severity, fold_groups
from ..messages import DEFAULT_LANG, text
from .concise import summary_line
from .wrap import cell_width, wrap

#: where a diagnostic's continuation lines start
_INDENT = 9

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
            head = f"{d.code} {d.severity.word(lang)}"
            lead = 2 + 5 + 2 + cell_width(head) + 1
            room = max(console.width - _INDENT, 8)
            first = console.width - lead
            body = wrap(d.message, room, first=first) if first >= 12 else ["", *wrap(d.message, room)]
            console.print(f"  [dim]{where:>5}[/]  [{_STYLE[d.severity]}]{head}[/] {escape(body[0])}".rstrip())
            for more in body[1:]:
                console.print(" " * _INDENT + escape(more))
            cell = _place(d, lang)
            if cell:
                for part in wrap(cell, room):
                    console.print(" " * _INDENT + f"[dim]{escape(part)}[/]")
        console.print()
    if options and options.quiet:
        return
    if diagnostics:
        console.print(summary_line(diagnostics, files, lang))
    else:
        console.print(f"[green]{text('full.clear', lang)}[/]{text('full.clear.files', lang, files=len(files))}")


def _place(d: Diagnostic, lang: str = DEFAULT_LANG) -> str:
    """The table, row and column, less what the message already names
    (「（七）总计」行, 「总计」列 in a Chinese message; the label in an English one)."""
    parts = [(d.table, d.table, (d.table,)),
             (d.row, d.row and text("full.row", lang, row=d.row), (f"「{d.row}」行", f"“{d.row}” row")),
             (d.column, d.column and text("full.column", lang, column=d.column),
              (f"「{d.column}」列", f"“{d.column}” column"))]
    shown = [shown for name, shown, quoted in parts if name and not any(q in d.message for q in quoted)]
    return " · ".join(shown + [w for w in (d.where_text(lang),) if w])

"""GitHub Actions workflow commands: ``::error file=…,line=…,title=…::msg``.

Each diagnostic becomes an annotation on the pull request's file view;
error → ``error``, warning → ``warning``, info → ``notice``.
"""

from __future__ import annotations

from typing import TextIO

from ..diagnostics import Diagnostic, Severity, fold_groups
from ..messages import DEFAULT_LANG

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic, lang: str = DEFAULT_LANG) -> str:
    props = [f"file={_prop(d.path)}"]
    if d.line is not None:
        props.append(f"line={d.line}")
    props.append(f"title={_prop(f'gzlint {d.code}')}")
    where = " · ".join(x for x in (d.table, d.row, d.column, d.where_text(lang)) if x)
    message = f"{d.code} {d.message}" + (f" ({where})" if where else "")
    return f"::{_COMMAND[d.severity]} {','.join(props)}::{_data(message)}"


def report(diagnostics: list[Diagnostic], files: list[str], out: TextIO, options=None) -> None:
    diagnostics = fold_groups(diagnostics)  # a wholly blank row or column is one line
    for d in diagnostics:
        out.write(annotation(d, options.lang if options else DEFAULT_LANG) + "\n")

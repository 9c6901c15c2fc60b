"""Reporters: write diagnostics in one output format.

A reporter is a function ``(diagnostics, files, out) -> None`` writing to the
text stream ``out``. ``full`` draws with rich, imported only then.
"""

from __future__ import annotations

import importlib
from typing import Callable, TextIO

from ..diagnostics import Diagnostic

ReporterFn = Callable[[list[Diagnostic], list[str], TextIO], None]

REPORTERS: dict[str, str] = {
    "full": "gzlint.reporters.full:report",
    "concise": "gzlint.reporters.concise:report",
    "json": "gzlint.reporters.json:report",
}


def get_reporter(name: str) -> ReporterFn:
    module, _, func = REPORTERS[name].partition(":")
    return getattr(importlib.import_module(module), func)

"""Reporters: write diagnostics in one output format.

A reporter is a function ``report(diagnostics, files, out, options=None)``
writing to the text stream ``out``; ``files`` are every file checked (the
JUnit and SARIF formats list clean files too) and ``options`` is a
:class:`ReportOptions` (quiet, the fail level). One module per format,
registered in :data:`REPORTERS` and imported only when chosen, so that rich
is loaded only for ``full``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, TextIO

from ..diagnostics import Diagnostic, Severity


@dataclass
class ReportOptions:
    #: print the diagnostics and nothing else (no summary, no "All clear")
    quiet: bool = False
    #: diagnostics at or above it make a file fail (JUnit) and the run exit 1
    fail_level: Severity = Severity.ERROR
    #: the language of the summary line and the severities (zh, en)
    lang: str = "zh"
    #: the matched reports (gzlint.matcher.model.Report), for the formats that
    #: say what was read (json, html, csv, xlsx); empty when not at hand
    reports: list[Any] = field(default_factory=list)


class ReporterError(RuntimeError):
    """A format that cannot be written here (a missing extra, a binary format
    to a terminal): a usage error, exit status 2."""


ReporterFn = Callable[[list[Diagnostic], list[str], TextIO, Optional[ReportOptions]], None]

REPORTERS: dict[str, str] = {
    "full": "gzlint.reporters.full:report",
    "concise": "gzlint.reporters.concise:report",
    "json": "gzlint.reporters.json:report",
    "json-legacy": "gzlint.reporters.json:report_legacy",
    "json-lines": "gzlint.reporters.jsonlines:report",
    "sarif": "gzlint.reporters.sarif:report",
    "github": "gzlint.reporters.github:report",
    "junit": "gzlint.reporters.junit:report",
    "html": "gzlint.reporters.html:report",
    "csv": "gzlint.reporters.csv:report",
    "xlsx": "gzlint.reporters.xlsx:report",
}


def get_reporter(name: str) -> ReporterFn:
    module, _, func = REPORTERS[name].partition(":")
    return getattr(importlib.import_module(module), func)

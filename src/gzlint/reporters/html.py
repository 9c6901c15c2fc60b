"""``--format html``: the findings page, one self-contained file (inline CSS,
script and SVG; nothing fetched), see gzlint/findings/."""

from __future__ import annotations

from typing import TextIO

from ..diagnostics import Diagnostic, Severity
from ..findings.model import build_page
from ..findings.render import render_page


def report(diagnostics: list[Diagnostic], files: list[str], out: TextIO, options=None) -> None:
    reports = options.reports if options else []
    fail_level = options.fail_level if options else Severity.ERROR
    out.write(render_page(build_page(diagnostics, files, reports, fail_level)))

"""One JSON array, the contract of ../shared/rules.md: every element has path,
code, severity, message, line, and for a cell section/table/row/column."""

from __future__ import annotations

import json
from typing import TextIO

from ..diagnostics import Diagnostic


def report(diagnostics: list[Diagnostic], files: list[str], out: TextIO, options=None) -> None:
    json.dump([d.to_dict() for d in diagnostics], out, ensure_ascii=False, indent=2)
    out.write("\n")

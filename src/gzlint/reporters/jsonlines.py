"""JSON Lines: one JSON object per diagnostic per line, the same fields as
``--format json`` (streams well into jq, log shippers and databases)."""

from __future__ import annotations

import json
from typing import TextIO

from ..diagnostics import Diagnostic


def report(diagnostics: list[Diagnostic], files: list[str], out: TextIO, options=None) -> None:
    for d in diagnostics:
        out.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")

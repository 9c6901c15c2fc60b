"""JSON Lines: one JSON object per diagnostic per line, the same fields as
``--format json`` (streams well into jq, log shippers and databases)."""

from __future__ import annotations

import json
from typing import TextIO

from ..diagnostics import Diagnostic
from ..messages import DEFAULT_LANG


def report(diagnostics: list[Diagnostic], files: list[str], out: TextIO, options=None) -> None:
    for d in diagnostics:
        out.write(json.dumps(d.to_dict(options.lang if options else DEFAULT_LANG), ensure_ascii=False) + "\n")

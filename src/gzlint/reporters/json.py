"""``--format json``: one JSON object, the run summary with the diagnostics.

``diagnostics`` comes first and is the object's first list: each element has
path, code, severity, message, line, and for a cell section/table/row/column
(the contract of ../shared/rules.md). Then ``schema``, ``files`` (every file
checked, clean ones too: kind, form version, body, year, counts) and
``totals``; see README.md "JSON output". ``--format json-legacy`` prints the
bare array of earlier releases (kept for one release).
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..diagnostics import Diagnostic
from ..messages import DEFAULT_LANG
from ..summary import run_summary

#: the version of the object's layout; raised only when a key changes meaning
SCHEMA = 1


def document(diagnostics: list[Diagnostic], files: list[str], options=None) -> dict[str, Any]:
    from .. import __version__

    reports = options.reports if options else ()
    kwargs = {"fail_level": options.fail_level} if options else {}
    summary = run_summary(diagnostics, files, reports, **kwargs)
    lang = options.lang if options else DEFAULT_LANG
    return {"diagnostics": [d.to_dict(lang) for d in diagnostics], "schema": SCHEMA, "gzlint": __version__, **summary}


def report(diagnostics: list[Diagnostic], files: list[str], out: TextIO, options=None) -> None:
    # one string written once: dump() would write each of its many pieces
    out.write(json.dumps(document(diagnostics, files, options), ensure_ascii=False, indent=2) + "\n")


def report_legacy(diagnostics: list[Diagnostic], files: list[str], out: TextIO, options=None) -> None:
    """The bare array of diagnostics (the format before the run summary)."""
    json.dump([d.to_dict(options.lang if options else DEFAULT_LANG) for d in diagnostics], out, ensure_ascii=False, indent=2)
    out.write("\n")

"""``--format csv``: one row per file checked (clean ones too) — path, body,
year, form version, source kind, counts by severity, the codes, clean or not.
Empty fields where gzlint read nothing; clean is ``true``/``false``."""

from __future__ import annotations

import csv
from typing import TextIO

from ..diagnostics import Diagnostic, Severity
from ..summary import TABLE_COLUMNS, run_summary, table_rows


def report(diagnostics: list[Diagnostic], files: list[str], out: TextIO, options=None) -> None:
    summary = run_summary(diagnostics, files, options.reports if options else (),
                          options.fail_level if options else Severity.ERROR)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TABLE_COLUMNS)
    for row in table_rows(summary):
        writer.writerow(["" if v is None else str(v).lower() if isinstance(v, bool) else v for v in row])

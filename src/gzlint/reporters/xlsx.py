"""``--format xlsx -o FILE``: the per-file summary of ``--format csv`` as a
workbook (openpyxl, the ``xlsx-report`` extra), with the header row frozen
and filterable, and the files with an error shaded."""

from __future__ import annotations

from typing import TextIO

from ..diagnostics import Diagnostic, Severity
from ..summary import TABLE_COLUMNS, run_summary, table_rows
from . import ReporterError


def report(diagnostics: list[Diagnostic], files: list[str], out: TextIO, options=None) -> None:
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font, PatternFill
    except ImportError:
        raise ReporterError("--format xlsx needs openpyxl: pip install 'gzlint[xlsx-report]'") from None
    buffer = getattr(out, "buffer", None)
    if buffer is None or out.isatty():
        raise ReporterError("--format xlsx writes a binary file: give -o FILE.xlsx")
    summary = run_summary(diagnostics, files, options.reports if options else (),
                          options.fail_level if options else Severity.ERROR)
    book = Workbook()
    sheet = book.active
    sheet.title = "gzlint"
    sheet.append(list(TABLE_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    shade = PatternFill("solid", fgColor="FDE4E4")
    error_col = TABLE_COLUMNS.index("error")
    for row in table_rows(summary):
        sheet.append(row)
        if row[error_col]:
            for cell in sheet[sheet.max_row]:
                cell.fill = shade
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for letter, width in zip("ABCDEFGHIJ", (48, 28, 8, 12, 8, 8, 8, 8, 30, 8)):
        sheet.column_dimensions[letter].width = width
    out.flush()
    book.save(buffer)
    buffer.flush()

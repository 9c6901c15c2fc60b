"""GZ0xx: files that cannot be read, are not annual reports, or hold tables that cannot be read."""

from __future__ import annotations

from ..diagnostics import Severity
from ..form.labels import key
from ..hookspec import hookimpl
from ..messages import msg
from ..rule import Rule


class _ReadFailureRule(Rule):
    needs_form = False

    def applies_to(self, report) -> bool:
        return report.failure is not None and report.failure.code == self.code

    def check(self, report):
        yield self.diag(report, report.failure.msg or report.failure.message, line=report.failure.line)


class UnreadableFile(_ReadFailureRule):
    """The file cannot be read: unknown or unsupported format, a corrupt or
    encrypted archive, an empty file. Nothing else is checked.

    Why:
        A report that cannot be opened cannot be checked, and often cannot be
        opened by the public either (条例 art. 49 requires publication).

    Bad:
        报告.docx  (a zero-byte file, or a .docx truncated by a failed upload)

    Good:
        报告.docx  (a complete Word file that opens)

    Fix:
        Save the report again from Word or WPS as .docx, or export it as PDF
        with a text layer. For .doc/.wps install LibreOffice.
    """

    code = "GZ001"
    name = "unreadable-file"
    severity = Severity.ERROR
    summary = "文件无法读取（格式不支持、损坏、加密或为空）"


class UndecodableText(_ReadFailureRule):
    """The text cannot be decoded, or decodes to mojibake.

    Why:
        A page or text file in an unknown encoding shows readers garbage.

    Bad:
        a .txt saved in an encoding that is neither UTF-8 nor GB18030

    Good:
        the same text saved as UTF-8

    Fix:
        Save the file as UTF-8 (or declare <meta charset> in HTML).
    """

    code = "GZ002"
    name = "undecodable-text"
    severity = Severity.ERROR
    summary = "文本无法解码或解码后为乱码"


class NeedsOcr(_ReadFailureRule):
    """A PDF without a text layer (a scan): nothing in it can be checked.

    Why:
        Scanned reports cannot be searched, read aloud or checked; the tables
        exist only as pictures.

    Bad:
        报告.pdf  (pages printed and scanned)

    Good:
        报告.pdf  (exported from Word, text selectable)

    Fix:
        Export the PDF from the Word file instead of scanning a printout.
    """

    code = "GZ003"
    name = "needs-ocr"
    severity = Severity.ERROR
    summary = "PDF 没有文字层（扫描件），需要 OCR，未做其他检查"


class NotAReport(Rule):
    """The file does not look like an annual report: no report title, no
    section heading and no form table were found. Other rules are skipped.

    Why:
        A folder of reports often holds other files (notices, attachments); a
        report whose structure is unrecognisable needs a person to look at it.

    Bad:
        关于开展政务公开培训的通知 …  (a notice, not a report)

    Good:
        青山县交通运输局2021年政府信息公开工作年度报告
        一、总体情况 …

    Fix:
        Exclude the file in configuration, or restore the report's title,
        section headings and tables.

    A Markdown file that is not a report (a README beside the reports) is
    skipped without this warning.
    """

    code = "GZ004"
    name = "not-a-report"
    severity = Severity.WARNING
    summary = "无法识别为政府信息公开工作年度报告（没有标题、章节或表格），已跳过其他检查"
    needs_form = False

    def applies_to(self, report) -> bool:
        # Markdown beside the reports is mostly documentation (README.md): a
        # Markdown file that is not a report is not worth a warning
        return report.readable and not report.recognised and report.document.source_format != "md"

    def check(self, report):
        yield self.diag(report, msg("GZ004.not-a-report"))


def run_together_sections(report) -> set[str]:
    """Sections whose form tables are there only as run-together text: the
    table checks skip them (no "missing table" for a table that is there)."""
    doc = report.document
    return {region.section for region in doc.run_together} if doc is not None else set()


def run_together_tables(report):
    """(form table, region) for each form table whose cells ran together. A
    section with several small tables (二's 第二十条 items) names the items its
    text holds; where none is named, the section's first table stands for it."""
    if report.document is None:
        return
    for region in report.document.run_together:
        specs = [t for t in report.expected_tables if t.section == region.section]
        if not specs:
            continue
        text = key(region.text)
        named = [t for t in specs if t.caption and key(t.caption) in text]
        for spec in named or specs[:1]:
            yield spec, region


class RunTogetherTable(Rule):
    """A form table is in the file, but its cells ran together and cannot be
    told apart: a web archiver's text dump writes "…申请数量230 000023" for
    23, 0, 0, 0, 0, 0, 23. The table checks are skipped for it; the title,
    sections, period and prose are still checked.

    Why:
        Nobody can read the numbers back reliably, neither a reader nor a
        checker: "230 000023" could be 23, 0, 0, 0, 0, 0, 23 or 230, 0, 0, 0, 23.

    Bad:
        一、本年新收政府信息公开申请数量230 000023二、上年结转…

    Good:
        the report as published (HTML, .docx, PDF), where each cell is a cell

    Fix:
        Lint the published page or document instead of the archived text, or
        save the report with its tables (tab-separated rows at least).
    """

    code = "GZ005"
    name = "run-together-table"
    severity = Severity.WARNING
    summary = "表格的单元格连在一起无法区分（网页存档的纯文本），已跳过该表的检查"

    def check(self, report):
        for spec, region in run_together_tables(report):
            yield self.table_diag(
                report, spec,
                msg("GZ005.run-together", table=spec.title, excerpt=_excerpt(region.text, spec.caption)),
                line=region.line,
            )


def _excerpt(text: str, caption: str | None, size: int = 24) -> str:
    """The start of the table's text (of its item, for 二's tables)."""
    at = text.find(caption) if caption else -1
    text = text[max(at, 0):]
    return text[:size] + ("…" if len(text) > size else "")


@hookimpl
def gzlint_rules():
    return [UnreadableFile, UndecodableText, NeedsOcr, NotAReport, RunTogetherTable]

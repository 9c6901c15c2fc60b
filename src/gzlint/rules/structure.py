"""GZ1xx: sections, tables, rows and labels against the official form."""

from __future__ import annotations

from collections import OrderedDict

from ..diagnostics import Severity
from ..form.labels import key
from ..form.spec import form_for_year
from ..metadata.body import title_body
from ..hookspec import hookimpl
from ..metadata.period import title_year
from ..messages import msg
from ..rule import Rule
from .reading import run_together_sections



class MissingSection(Rule):
    """One of the six sections the form requires is missing.

    Why:
        条例 art. 50 lists what a report must contain; the national format
        gives each its section, 一、总体情况 to 六、其他需要报告的事项.

    Bad:
        五、存在的主要问题及改进情况
        ……
        青山县交通运输局          (the report ends; 六 is absent)

    Good:
        五、存在的主要问题及改进情况
        ……
        六、其他需要报告的事项
        本年度无其他需要报告的事项。

    Fix:
        Add the section with its official heading; write 无 under it if
        there is nothing to report.
    """

    code = "GZ101"
    name = "missing-section"
    severity = Severity.ERROR
    summary = "缺少规定的六个部分之一"

    def check(self, report):
        present = {s.spec.number for s in report.sections}
        for spec in report.form.sections:
            if spec.number not in present:
                yield self.diag(report, msg("GZ101.missing", number=spec.number, official=spec.official), section=spec.official)


class SectionTitleWording(Rule):
    """A section heading is worded differently from the form.

    Why:
        Reviewers and readers navigate reports by the official headings, and
        evaluations check them; 一、概述 hides 一、总体情况.

    Bad:
        一、概述
        六、其他应报告的事项

    Good:
        一、总体情况
        六、其他需要报告的事项

    Fix:
        Use the heading exactly as the form prints it.
    """

    code = "GZ102"
    name = "section-title-wording"
    severity = Severity.WARNING
    summary = "章节标题与规定格式的表述不一致"

    def check(self, report):
        for sec in report.sections:
            if key(sec.title) != key(sec.spec.title):
                yield self.diag(
                    report,
                    msg("GZ102.wording", found=sec.token.text.strip(), official=sec.spec.official),
                    line=sec.line, section=sec.spec.official,
                )


class SectionNumbering(Rule):
    """Section numbering is wrong: 3、 for 三、, or sections out of order.

    Why:
        The six sections are numbered 一、 to 六、 in the form; mixed numbering
        usually means a section was pasted in from another document.

    Bad:
        二、主动公开政府信息情况
        3、收到和处理政府信息公开申请情况

    Good:
        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况

    Fix:
        Number the sections 一、 二、 三、 四、 五、 六、 in the form's order.
    """

    code = "GZ103"
    name = "section-numbering"
    severity = Severity.WARNING
    summary = "章节序号错误（如用「3、」代替「三、」，或顺序颠倒）"

    def check(self, report):
        last = -1
        for sec in report.sections:
            if sec.number != sec.spec.number:
                yield self.diag(
                    report,
                    msg("GZ103.number", found=sec.number, expected=sec.spec.number, heading=sec.token.text.strip()),
                    line=sec.line, section=sec.spec.official,
                )
            if sec.token.index < last:
                yield self.diag(report, msg("GZ103.order", heading=sec.token.text.strip()),
                                line=sec.line, section=sec.spec.official)
            last = max(last, sec.token.index)


class ReportTitle(Rule):
    """The report has no title, or its title lacks the year or the issuing body.

    Why:
        The title tells the reader whose report it is and for which year; a
        report without one cannot be told apart from last year's.

    Bad:
        一、总体情况          (the report starts without a title)

    Good:
        青山县交通运输局2021年政府信息公开工作年度报告

    Fix:
        Begin with 「<机关名称><年份>年政府信息公开工作年度报告」.
    """

    code = "GZ104"
    name = "report-title"
    severity = Severity.WARNING
    summary = "缺少报告标题，或标题中没有年份或发布机关"

    def check(self, report):
        if _page_title_complete(report):
            return
        if not report.title:
            yield self.diag(report, msg("GZ104.missing"), line=1)
            return
        if title_year(report.title) is None:
            yield self.diag(report, msg("GZ104.no-year", title=report.title), line=report.title_line)
        elif not title_body(report.title):
            yield self.diag(report, msg("GZ104.no-body", title=report.title), line=report.title_line)




def _page_title_complete(report) -> bool:
    """A web page shows its title (``<title>``, a title block) outside the
    article the reader keeps: a complete one there is the report's title."""
    doc = report.document
    title = (doc.metadata.get("title") or "") if doc is not None and doc.source_format == "html" else ""
    return "政府信息公开" in title and title_year(title) is not None and title_body(title) is not None


class MissingTable(Rule):
    """A table of the form is missing: 二 主动公开, 三 申请, 四 复议诉讼.

    Why:
        The statistical tables are the part of the report the national format
        fixes exactly; evaluations count a missing table as a missing item.

    Bad:
        四、政府信息公开行政复议、行政诉讼情况
        本年度未发生行政复议、行政诉讼。      (no table)

    Good:
        the sentence, followed by the table of 15 cells, zeros included

    Fix:
        Insert the table from the official format and fill in every cell.
    """

    code = "GZ110"
    name = "missing-table"
    severity = Severity.ERROR
    summary = "缺少规定的统计表格（二、三、四）"

    def check(self, report):
        seen_sections: set[str] = set(run_together_sections(report))  # there, but unreadable: GZ005
        for spec in report.expected_tables:
            if spec.section in seen_sections:
                continue
            same = [t for t in report.expected_tables if t.section == spec.section]
            if not any(t.id in report.tables for t in same):
                seen_sections.add(spec.section)
                section = report.section_name(spec, report.form)
                sec = next((s for s in report.sections if s.spec.number == spec.section), None)
                yield self.diag(report, msg("GZ110.missing", section=spec.section, name=spec.name),
                                line=sec.line if sec else None, section=section, table=f"表{spec.section}")


class MissingRow(Rule):
    """A row of the form is missing from a table (or a whole 第二十条 item from 二).

    Why:
        Every row of the form must be reported, zeros included; a dropped row
        breaks the sums and hides what was left out.

    Bad:
        （五）不予处理 1.信访举报投诉类申请 …
        （五）不予处理 3.要求提供公开出版物 …     (2.重复申请 dropped)

    Good:
        every row of the official table, in order

    Fix:
        Restore the row from the official format and fill it in (0 if none).
    """

    code = "GZ111"
    name = "missing-row"
    severity = Severity.ERROR
    summary = "表格缺少规定的行"

    def check(self, report):
        found_sections = {t.spec.section for t in report.tables.values()}
        for spec in report.expected_tables:
            table = report.tables.get(spec.id)
            if table is None:
                if spec.caption and spec.section in found_sections:
                    yield self.table_diag(report, spec, msg("GZ111.missing-item", section=spec.section, caption=spec.caption))
                continue
            for row in table.missing_rows():
                yield self.table_diag(report, spec, msg("GZ111.missing-row", table=spec.title, row=row.label.text), line=table.line, row=row)


class ExtraRow(Rule):
    """A row that the form does not have.

    Why:
        Extra rows (其他主动公开文件 …) make the table differ from every other
        body's, and their numbers fit none of the form's sums.

    Bad:
        第二十条第（一）项: 规章 / 行政规范性文件 / 其他文件 3 0 5

    Good:
        only the rows the form prints; other figures go in the prose

    Fix:
        Remove the row, or move what it says into the text of the section.
    """

    code = "GZ112"
    name = "extra-row"
    severity = Severity.WARNING
    summary = "表格中有规定格式没有的行"

    def check(self, report):
        for table in report.tables.values():
            for label, _values in table.extra_rows:
                yield self.table_diag(report, table.spec, msg("GZ112.extra", table=table.spec.title, row=label.text.strip()),
                                      line=label.line)


class LabelWording(Rule):
    """A fixed row or column label differs from the form.

    Why:
        The form's labels are fixed text; a changed label (结果维护 for
        结果维持, 合计 for 总计) shows the table was retyped, and often hides
        other changes.

    Bad:
        结果维护 | 结果纠正 | 其他结果 | 尚未审结 | 总计

    Good:
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计

    Fix:
        Copy the labels from the official format.
    """

    code = "GZ113"
    name = "label-wording"
    severity = Severity.WARNING
    summary = "表格的行或列标签与规定格式不一致"

    def check(self, report):
        for table in report.tables.values():
            seen: "OrderedDict[tuple[str, str], list]" = OrderedDict()
            for lab in table.labels:
                if lab.how in ("variant", "fuzzy"):
                    seen.setdefault((lab.official, lab.found.strip()), []).append(lab)
            for (official, found), labs in seen.items():
                kind = "column" if labs[0].kind == "column" else "row"
                message = msg(f"GZ113.{kind}" + (".times" if len(labs) > 1 else ""), table=table.spec.title,
                              found=found.replace("\n", ""), official=official, times=len(labs))
                yield self.diag(
                    report, message,
                    line=labs[0].line, section=report.section_name(table.spec, report.form), table=table.spec.title,
                    row=official if kind == "row" else None, column=official if kind == "column" else None,
                )


class WrongFormatVersion(Rule):
    """The tables are of the wrong format for the report year.

    Why:
        Reports for 2021 onward must use the format of 国办公开办函〔2021〕30号;
        reports for 2019 and 2020 the 2019 trial format. Reviewers mark a 2021
        report with the old tables as 未按新格式.

    Bad:
        2021年 … 第二十条第（九）项 | 采购项目数量 | 采购总金额

    Good:
        2021年 … 第二十条第（一）项 | 本年制发件数 | 本年废止件数 | 现行有效件数

    Fix:
        Rebuild the tables from the format the report year requires.
    """

    code = "GZ114"
    name = "wrong-format-version"
    severity = Severity.ERROR
    summary = "统计表格的格式与报告年度不符（新旧格式混用）"

    def check(self, report):
        year = report.year
        if year is None:
            return
        if not report.form.covers(year):
            from ..plugins import all_forms

            # every loaded form counts, plugin ones too: a local form that
            # covers the year is never "the wrong format"
            expected = form_for_year(all_forms(), year)
            if expected is None:
                return
            evidence = report.format_evidence.get(report.form.format, [])
            shown = "、".join(dict.fromkeys(e.replace("\n", "") for e in evidence[:4]))
            yield self.diag(
                report,
                msg("GZ114.wrong", year=year, expected=_form_title(expected), found=_form_title(report.form), evidence=shown),
                line=report.tables[next(iter(report.tables))].line if report.tables else None,
            )
        elif report.foreign_captions:
            cap = report.foreign_captions[0]
            first = report.form.tables[0] if report.form.tables else None
            yield self.diag(
                report, msg("GZ114.old-caption", year=year, form=_form_title(report.form), caption=cap.text.strip()),
                line=cap.line, section=report.section_name(first, report.form) if first else None,
            )


def _form_title(form):
    """How messages name a form version: by the document that issued it."""
    return msg("form.issued", issued_by=form.issued_by) if form.issued_by else msg("form.named", format=form.format)


class RowValueCount(Rule):
    """A row has fewer or more values than the form has columns.

    Why:
        A short row (5 values under 7 columns) means cells were left empty or
        lost when the table was edited; which column is missing cannot be
        known, so the row cannot be checked.

    Bad:
        （一）予以公开 | 0 | 0 | 0 | 0 | 0          (7 columns, 5 values)

    Good:
        （一）予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0

    Fix:
        Fill every cell of the row, writing 0 where there is nothing.
    """

    code = "GZ115"
    name = "row-value-count"
    severity = Severity.ERROR
    summary = "某行数值个数与表格列数不符"

    def check(self, report):
        for table in report.tables.values():
            spec = table.spec
            if table.flat is not None:
                found, expected = table.flat
                extra = sum(len(r.extra) for r in table.rows.values())
                if found < expected or extra:
                    message = (msg("GZ115.flat-short", table=spec.title, expected=expected, found=found) if found < expected
                               else msg("GZ115.flat-extra", table=spec.title, expected=expected, extra=extra))
                    yield self.table_diag(report, spec, message, line=table.line)
                continue
            ncols = len(spec.columns)
            for row in table.rows.values():
                if row.found < ncols:
                    yield self.table_diag(
                        report, spec,
                        msg("GZ115.short", table=spec.title, row=row.spec.label.text, found=row.found, columns=ncols,
                            missing=_missing_columns(spec, row)),
                        line=row.label.line, row=row.spec, found=row.found, expected=ncols,
                    )
                elif row.extra:
                    yield self.table_diag(
                        report, spec,
                        msg("GZ115.long", table=spec.title, row=row.spec.label.text, found=row.found + len(row.extra), columns=ncols),
                        line=row.label.line, row=row.spec, found=row.found + len(row.extra), expected=ncols,
                    )


def _missing_columns(spec, row):
    """Which values a short row lacks: named where each value was read under its
    column's header, else unknown (reading by order cannot tell)."""
    names = [col.label.text for col, cell in zip(spec.columns, row.cells) if cell.status == "missing"] if row.by_column else []
    return msg("GZ115.missing-columns", columns=names) if names else msg("GZ115.unknown-column")


@hookimpl
def gzlint_rules():
    return [MissingSection, SectionTitleWording, SectionNumbering, ReportTitle, MissingTable, MissingRow,
            ExtraRow, LabelWording, WrongFormatVersion, RowValueCount]

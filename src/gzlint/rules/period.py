"""GZ401–GZ406: the report year, the statistical period and the dates.

The report year is ``report.year``, set once by the matcher (title, else
统计期限, else the year the prose names most); these rules compare it with
each place that states a year."""

from __future__ import annotations

from .. import packs
from ..diagnostics import Severity
from ..hookspec import hookimpl
from ..metadata import body_kind, report_meta
from ..metadata.body import KIND_IDS, canonical_kind
from ..metadata.datayear import data_year_claims
from ..metadata.deadlines import deadline
from ..messages import Msg, msg
from ..rule import Rule



def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width] + "…"


def _cn(d) -> Msg:
    return msg("date", year=d.year, month=d.month, day=d.day)


class YearMismatch(Rule):
    """The report year disagrees between the title, the 统计期限, the prose
    and the file's own metadata.

    Why:
        A report whose title says one year and whose period or prose says
        another was usually made from last year's file by changing the title
        only; its numbers may be last year's. In 二 and 三 a plain statement of
        counts for an earlier year ("2024年制作、获取政府信息总数467条" in a 2025
        report) is reported too; comparisons (较2024年), carry-overs (上年结转)
        and running totals (以来, 累计) are not.

    Bad:
        青山县交通运输局2021年政府信息公开工作年度报告
        本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。

    Good:
        青山县交通运输局2021年政府信息公开工作年度报告
        本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。

    Fix:
        Make the title, the period and the prose name the same year; check
        that the numbers are this year's.
    """

    code = "GZ401"
    name = "year-mismatch"
    severity = Severity.ERROR
    summary = "标题、统计期限、正文与文件属性中的报告年度不一致"

    def check(self, report):
        meta = report_meta(report)
        year = report.year
        if year is None:
            return
        where = msg("GZ401.title" if meta.title_year else "GZ401.period")
        if meta.title_year and meta.period and meta.period.year and meta.period.year != meta.title_year:
            yield self.diag(report, msg("GZ401.period-title", period=meta.period.text, year=meta.period.year, title_year=meta.title_year),
                            line=meta.period.line, section=self._section(report, meta.period.line))
        if meta.metadata_year and meta.metadata_year != year:
            yield self.diag(report, msg("GZ401.metadata", metadata_year=meta.metadata_year, where=where, year=year), line=None)
        if meta.prose_years:
            other, times = meta.prose_years.most_common(1)[0]
            own = meta.prose_years.get(year, 0)
            # rules/national/thresholds.toml: year-mismatch.prose-min
            if other != year and times >= packs.value("thresholds", "year-mismatch", "prose-min") and own * 3 < times:
                line = self._first_line(report, f"{other}年")
                yield self.diag(report, msg("GZ401.prose", times=times, other=other, own=own, where=where,
                                                year=year), line=line)
        for claim in data_year_claims(report, year):
            yield self.diag(report, msg("GZ401.data-year", where=where, year=year, claimed=claim.year,
                                        sentence=_clip(claim.sentence)),
                            line=claim.line, section=claim.section)

    @staticmethod
    def _first_line(report, text: str) -> int | None:
        return next((t.line for t in report.prose() if text in t.text and t.line != report.title_line), None)

    @staticmethod
    def _section(report, line):
        tok = next((t for t in report.tokens if t.line == line), None)
        sec = report.section_of(tok.index) if tok else None
        return sec.spec.official if sec else None


class PeriodNotCalendarYear(Rule):
    """The stated statistical period is not the calendar year.

    Why:
        The report covers Y年1月1日 to Y年12月31日 (条例 art. 49-50); a
        period that stops early or spans two years makes the numbers
        incomparable with other bodies' and with last year's.

    Bad:
        统计期限自2021年1月1日起至2021年11月30日止。

    Good:
        统计期限自2021年1月1日起至2021年12月31日止。

    Fix:
        State the calendar year and count everything within it.
    """

    code = "GZ402"
    name = "period-not-calendar-year"
    severity = Severity.ERROR
    summary = "统计期限不是完整的自然年度（1月1日至12月31日）"

    def check(self, report):
        period = report_meta(report).period
        if period is None or period.calendar_year:
            return
        year = report.year or period.year
        yield self.diag(report, msg("GZ402.period", period=period.text, start=_cn(period.start.date),
                                    end=_cn(period.end.date), year=year), line=period.line)


class PeriodMissing(Rule):
    """No statistical period is stated anywhere in the report.

    Why:
        The national format asks every report to say which period its data
        cover; reviewers look for the sentence.

    Bad:
        (the report never states the period its numbers cover)

    Good:
        本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。

    Fix:
        Add the sentence to the introduction or to 六、其他需要报告的事项.
    """

    code = "GZ403"
    name = "period-missing"
    severity = Severity.WARNING
    summary = "报告中没有写明统计期限"

    def check(self, report):
        if report_meta(report).period is None:
            year = report.year
            yield self.diag(report, msg("GZ403.missing", year=year or "Y"))


class MalformedDate(Rule):
    """A date is malformed: digits run together, a month or a day that does not exist.

    Why:
        A broken date cannot be checked against the period or the deadline,
        and tells the reader the text was not proofread.

    Bad:
        截止20201231日，我街道主动公开各类信息……
        2021年2月30日

    Good:
        截至2020年12月31日，我街道主动公开各类信息……

    Fix:
        Write dates as Y年M月D日 with a real month and day.
    """

    code = "GZ404"
    name = "malformed-date"
    severity = Severity.ERROR
    summary = "日期格式错误（如「20201231日」「13月」「2月30日」）"

    def check(self, report):
        for d in report_meta(report).dates:
            if d.malformed:
                message = (msg("GZ404.suggest", text=d.text, problem=d.problem, suggestion=d.suggestion)
                           if d.suggestion else msg("GZ404.malformed", text=d.text, problem=d.problem))
                yield self.diag(report, message, line=d.line)


class LateSignature(Rule):
    """The signing or publication date is later than the deadline for the body's kind.

    Why:
        条例 art. 49: a 人民政府部门 publishes its report by 1月31日 and a
        县级以上人民政府 by 3月31日 of the next year; 乡镇/街道 deadlines are
        set locally (configure ``deadlines``).

    Bad:
        青山县交通运输局
        2022年2月15日          (a 部门's 2021 report)

    Good:
        青山县交通运输局
        2022年1月20日

    Fix:
        Publish on time; if the kind guessed from the name is wrong, set it
        with ``body-kind`` in the configuration.
    """

    code = "GZ405"
    name = "late-signature"
    severity = Severity.WARNING
    summary = "落款或发布日期晚于该类机关的公开期限"

    def check(self, report):
        meta = report_meta(report)
        year = report.year
        if meta.signed is None or meta.signed.date is None or year is None or meta.signed.date.year != year + 1:
            return
        kind, source = body_kind(report, self.settings)
        last = deadline(kind, year, self.settings.deadlines)
        if last is None or meta.signed.date <= last:
            return
        configured = any(canonical_kind(k) == kind for k in self.settings.deadlines)
        message = msg("GZ405.late-configured" if configured else "GZ405.late", what=msg(f"GZ405.{meta.signed_source}"),
                      date=_cn(meta.signed.date), kind=msg(KIND_IDS[kind]), deadline=_cn(last))
        yield self.diag(report, message,
                        line=meta.signed.line, kind=kind, deadline=last.isoformat())


class SignatureOutOfRange(Rule):
    """The signing date is before the end of the reported year, or years after it.

    Why:
        A report for year Y can only be finished after Y年12月31日; a date in
        Y or earlier, or two years on, is a typo or a date left from another
        report.

    Bad:
        青山县交通运输局2021年政府信息公开工作年度报告 … 2021年1月20日

    Good:
        青山县交通运输局2021年政府信息公开工作年度报告 … 2022年1月20日

    Fix:
        Correct the date under the signature.
    """

    code = "GZ406"
    name = "signature-out-of-range"
    severity = Severity.ERROR
    summary = "落款日期早于报告年度结束，或晚于其后多年"

    def check(self, report):
        meta = report_meta(report)
        year = report.year
        if meta.signed is None or meta.signed.date is None or year is None:
            return
        signed = meta.signed.date
        if signed.year <= year:
            yield self.diag(report, msg("GZ406.early", date=_cn(signed), year=year, expected=year + 1),
                            line=meta.signed.line)
        elif signed.year >= year + 2:
            yield self.diag(report, msg("GZ406.late", date=_cn(signed), year=year, expected=year + 1),
                            line=meta.signed.line)


@hookimpl
def gzlint_rules():
    return [YearMismatch, PeriodNotCalendarYear, PeriodMissing, MalformedDate, LateSignature, SignatureOutOfRange]

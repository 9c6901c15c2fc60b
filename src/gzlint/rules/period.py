"""GZ401–GZ406: the report year, the statistical period and the dates.

The report year is ``report.year``, set once by the matcher (title, else
统计期限, else the year the prose names most); these rules compare it with
each place that states a year."""

from __future__ import annotations

from ..diagnostics import Severity
from ..hookspec import hookimpl
from ..metadata import body_kind, report_meta
from ..metadata.body import canonical_kind
from ..metadata.datayear import data_year_claims
from ..metadata.deadlines import deadline
from ..rule import Rule

#: the prose must name another year this many times, and the report year under
#: a third as often, before the prose is said to report another year
_PROSE_MIN = 3


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width] + "…"


def _cn(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


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
        where = "标题" if meta.title_year else "统计期限"
        if meta.title_year and meta.period and meta.period.year and meta.period.year != meta.title_year:
            yield self.diag(report, f"统计期限「{meta.period.text}」为{meta.period.year}年，与标题中的{meta.title_year}年不一致",
                            line=meta.period.line, section=self._section(report, meta.period.line))
        if meta.metadata_year and meta.metadata_year != year:
            yield self.diag(report, f"文件属性中的标题为{meta.metadata_year}年，与{where}中的{year}年不一致", line=None)
        if meta.prose_years:
            other, times = meta.prose_years.most_common(1)[0]
            own = meta.prose_years.get(year, 0)
            if other != year and times >= _PROSE_MIN and own * 3 < times:
                line = self._first_line(report, f"{other}年")
                yield self.diag(report, f"正文{times}次写到「{other}年」，只有{own}次写到{where}中的{year}年，"
                                        f"正文所述似为{other}年的情况", line=line)
        for claim in data_year_claims(report, year):
            yield self.diag(report, f"{where}中的报告年度为{year}年，正文却报告{claim.year}年的数据：「{_clip(claim.sentence)}」",
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
        yield self.diag(report, f"统计期限「{period.text}」为{_cn(period.start.date)}至{_cn(period.end.date)}，"
                                f"应为{year}年1月1日至{year}年12月31日", line=period.line)


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
            example = f"自{year}年1月1日起至{year}年12月31日止" if year else "自Y年1月1日起至Y年12月31日止"
            yield self.diag(report, f"报告中没有写明统计期限（如「本报告所列数据的统计期限{example}」）")


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
                hint = f"，应写作「{d.suggestion}」" if d.suggestion else ""
                yield self.diag(report, f"日期「{d.text}」格式错误：{d.problem}{hint}", line=d.line)


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
        why = "（按配置）" if configured else "（条例第四十九条）"
        what = {"signature": "落款日期", "published": "发布日期", "metadata": "文件属性中的发布日期"}[meta.signed_source]
        yield self.diag(report, f"{what}{_cn(meta.signed.date)}晚于{kind}的公开期限{_cn(last)}{why}",
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
            yield self.diag(report, f"落款日期{_cn(signed)}早于报告年度（{year}年）结束，应在{year + 1}年",
                            line=meta.signed.line)
        elif signed.year >= year + 2:
            yield self.diag(report, f"落款日期{_cn(signed)}在报告年度（{year}年）两年以后，应在{year + 1}年",
                            line=meta.signed.line)


@hookimpl
def gzlint_rules():
    return [YearMismatch, PeriodNotCalendarYear, PeriodMissing, MalformedDate, LateSignature, SignatureOutOfRange]

"""Facts about a report found in its text: the issuing body and its kind, the
report year as each place states it, the statistical period, the dates and
the signing date. Computed once per report and cached in ``report.cache``,
like the identity results, so the period, content, prose and cross-report
rules share one reading.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..text import CJK_IDEOGRAPHS, YEAR_DIGITS, LazyPattern
from .body import BODY_TAIL, configured_kind, guess_kind, title_body
from .dates import DateMention, find_dates, standalone_date
from .period import Period, first_period, title_year, year_mentions

if TYPE_CHECKING:  # pragma: no cover
    from ..config import Settings
    from ..matcher.model import Report
    from ..matcher.stream import Token

__all__ = ["ReportMeta", "report_meta", "body_kind", "section_tokens", "Period", "DateMention"]

#: how far from the end a signature (body name, date) may stand, in non-blank paragraphs
_TAIL = 8
_SIGN_LABEL = re.compile(r"(?:发布日期|发布时间|成文日期|印发日期|落款日期)\s*[:：]?\s*")
_FIRST_SENTENCE_BODY = LazyPattern(
    r"(?:^|[，。,])\s*(?:" + YEAR_DIGITS + r"\s*年度?\s*[，,]?\s*)?(?P<body>[" + CJK_IDEOGRAPHS + "]{2,30}?" + BODY_TAIL + r")"
    r"(?:认真|坚持|深入|严格|始终|全面|积极|按照|根据|紧紧|高度|以)")


@dataclass
class ReportMeta:
    body: str | None = None
    #: title | signature | first-sentence
    body_source: str | None = None
    body_line: int | None = None
    title_year: int | None = None
    #: the year the file's own metadata (docx core title, HTML <title>) names
    metadata_year: int | None = None
    period: Period | None = None
    #: 「Y年」 mentions in the prose, by year
    prose_years: Counter = field(default_factory=Counter)
    #: every date in the prose and title, with its line
    dates: list[DateMention] = field(default_factory=list)
    signed: DateMention | None = None
    #: signature | published | metadata
    signed_source: str | None = None

    @property
    def year(self) -> int | None:
        """The report year: the title's, else the period's."""
        return self.title_year or (self.period.year if self.period else None)


def report_meta(report: "Report") -> ReportMeta:
    if "metadata" not in report.cache:
        report.cache["metadata"] = _extract(report)
    return report.cache["metadata"]


def body_kind(report: "Report", settings: "Settings") -> tuple[str | None, str | None]:
    """(kind, source): configuration by path glob or body name first, then the
    kind the body's name shows; source is config | name."""
    meta = report_meta(report)
    if settings.body_kind:
        from ..config import _glob_match, _relative

        rel = _relative(report.path, settings.path.parent if settings.path else None)
        kind = configured_kind(settings.body_kind, rel, meta.body, _glob_match)
        if kind:
            return kind, "config"
    kind = guess_kind(meta.body)
    return (kind, "name") if kind else (None, None)


def section_tokens(report: "Report", number: str) -> list["Token"]:
    """The prose paragraphs of section ``number`` (heading excluded); [] when absent."""
    sections = report.sections
    for i, sec in enumerate(sections):
        if sec.spec.number != number:
            continue
        start = sec.token.index
        end = sections[i + 1].token.index if i + 1 < len(sections) else len(report.tokens)
        if i + 1 == len(sections):
            end = _signature_start(report, start)
        return [t for t in report.prose() if start < t.index < end and not t.blank]
    return []


def _signature_start(report: "Report", after: int) -> int:
    """Where the closing signature begins (the end of the last section)."""
    meta = report_meta(report)
    tail = [t for t in report.prose() if t.index > after and not t.blank]
    for t in reversed(tail[-3:]):
        if (meta.signed and t.line == meta.signed.line) or (meta.body_source == "signature" and t.line == meta.body_line):
            return t.index
    return len(report.tokens)


def _extract(report: "Report") -> ReportMeta:
    meta = ReportMeta()
    prose = [t for t in report.prose() if not t.blank]
    meta.title_year = title_year(report.title)
    doc_meta = report.document.metadata if report.document else {}
    meta.metadata_year = title_year(doc_meta.get("title"))
    # the period is read from the same paragraphs' dates (find_dates gives equal mentions for equal (text, line))
    found = {}
    for t in prose:
        found[t.text, t.line] = mentions = find_dates(t.text, t.line)
        meta.dates += mentions
    meta.period = first_period(((t.text, t.line) for t in prose if t.kind == "para"),
                               lambda text, line: found[text, line])
    _find_signature(report, prose, meta)
    _find_body(report, prose, meta)
    skip = {meta.signed.line} if meta.signed else set()
    meta.prose_years = year_mentions([t.text for t in prose if t.line not in skip and t.line != report.title_line])
    return meta


def _find_signature(report: "Report", prose: list["Token"], meta: ReportMeta) -> None:
    tail = prose[-_TAIL:]
    for t in reversed(tail):
        date = standalone_date(t.text)
        if date is not None:
            date.line = t.line
            meta.signed, meta.signed_source = date, "signature"
            # the body's name stands on the line above the date
            k = prose.index(t)
            if k > 0:
                name = prose[k - 1].text.strip()
                if len(name) <= 40 and guess_kind(name) and not name.endswith("。"):
                    meta.body, meta.body_source, meta.body_line = name, "signature", prose[k - 1].line
            return
    for t in prose:
        m = _SIGN_LABEL.search(t.text)
        if m:
            dates = [d for d in find_dates(t.text[m.end():], t.line) if d.start == 0 and d.date]
            if dates:
                meta.signed, meta.signed_source = dates[0], "published"
                return
    published = (report.document.metadata if report.document else {}).get("published")
    if published:
        dates = [d for d in find_dates(published) if d.date]
        if dates:
            meta.signed, meta.signed_source = dates[0], "metadata"
    # a signature without a date: the last short paragraph naming a body
    if meta.body is None:
        for t in reversed(tail[-2:]):
            name = t.text.strip()
            if len(name) <= 40 and not name.endswith("。") and guess_kind(name):
                meta.body, meta.body_source, meta.body_line = name, "signature", t.line
                return


def _find_body(report: "Report", prose: list["Token"], meta: ReportMeta) -> None:
    if report.title:
        body = title_body(report.title)
        if body:
            # the title names the body most reliably; it wins over the signature
            meta.body, meta.body_source, meta.body_line = body, "title", report.title_line
            return
    if meta.body:
        return
    for t in prose[:4]:
        m = _FIRST_SENTENCE_BODY.search(t.text)
        if m:
            meta.body, meta.body_source, meta.body_line = m.group("body"), "first-sentence", t.line
            return

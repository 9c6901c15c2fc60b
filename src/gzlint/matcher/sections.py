"""Find the report title, the six section headings and the report year.

Headings are looked for outside the form tables only: the row labels of table
三 (一、本年新收… 四、结转下年度…) look exactly like section headings.
"""

from __future__ import annotations

import re

from ..form.labels import key as label_key
from ..metadata.dates import find_dates
from ..metadata.period import find_period, title_year, year_mentions
from ..form.spec import FormSpec
from .model import Report, SectionMatch
from .stream import Token

_HEADING = re.compile(r"^\s*(?P<num>[一二三四五六七八九十]|[1-9])\s*(?P<sep>[、.．:：]|\s)\s*(?P<title>.+)$", re.S)
_ARABIC = {str(i): n for i, n in enumerate("一二三四五六七八九", start=1)}
_TITLE_WORDS = ("年度报告", "年报", "工作报告", "年度工作报告")
MAX_HEADING = 40


def find_sections(report: Report, form: FormSpec) -> None:
    prose = [t for t in report.tokens if not report.in_table(t.index) and t.kind == "para"]
    found: dict[str, SectionMatch] = {}
    for t in prose:
        text = t.text.strip()
        m = _HEADING.match(text)
        if not m or len(text) > MAX_HEADING or text.endswith("。"):
            continue
        title = m.group("title").strip()
        number = m.group("num")
        written = _ARABIC.get(number, number)
        tkey = label_key(title)
        candidates = [s for s in form.sections if any(k in tkey for k in s.keywords)]
        if not candidates:
            continue
        # prefer the section the number names, if its key words match too
        spec = next((s for s in candidates if s.number == written), candidates[0])
        earlier = found.get(spec.number)
        # a heading numbered as the form numbers it (三、) beats an earlier list
        # item that only shares its key words (4.认真办理依申请公开)
        if earlier is not None and not (number == spec.number and earlier.number != spec.number):
            continue
        found[spec.number] = SectionMatch(spec, t, number, title)
    order = [s.number for s in form.sections]
    report.sections = sorted(found.values(), key=lambda s: order.index(s.spec.number))


def find_title(report: Report) -> None:
    """The title is a short paragraph near the top naming the report; Word
    exports often break it into the body's name and the year line."""
    head: list[Token] = []
    first_section = report.sections[0].token.index if report.sections else None
    for t in report.tokens:
        if first_section is not None and t.index >= first_section:
            break
        if t.kind != "para" or t.blank:
            continue
        head.append(t)
        if len(head) >= 4:
            break
    for n, t in enumerate(head):
        text = t.text.strip()
        if len(text) > 80 or text.endswith("。") or "政府信息公开" not in text or not any(w in text for w in _TITLE_WORDS):
            continue
        title = text
        # "XX街道办事处" on the line above "2020年政府信息公开工作年报"
        if n > 0 and title[:4].isdigit():
            prev = head[n - 1].text.strip()
            if len(prev) <= 40 and not prev.endswith("。"):
                report.title = prev + title
                report.title_line = head[n - 1].line
                return
        report.title = title
        report.title_line = t.line
        return


def find_year(report: Report) -> None:
    """The year the report is for: the title's, else the stated period's, else
    the year the prose names most. Uses the same readings as the metadata
    package, so the format check (GZ114) and the period rules agree."""
    year = title_year(report.title)
    if year:
        report.year, report.year_source = year, "title"
        return
    prose = [t for t in report.prose() if not t.blank]
    for t in prose:
        period = find_period(t.text, t.line, find_dates(t.text, t.line)) if t.kind == "para" else None
        if period and period.year:
            report.year, report.year_source = period.year, "period"
            return
    counts = year_mentions([t.text for t in prose])
    if counts:
        report.year, report.year_source = counts.most_common(1)[0][0], "prose"

"""The statistical period (统计期限) and the years a report names."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from .dates import DateMention, find_dates
from .numerals import CN_NUMERAL, cn_to_int
from ..text import YEAR_DIGITS

#: between the two dates of a range: 至, 到, a dash; 「自…起，至…止」 with a comma
_RANGE_JOIN = re.compile(r"^\s*(?:起)?\s*[，,]?\s*(?:至|到|—|－|-|~|～|——)\s*$")
_SENTENCE_END = ("。", "；", ";", "！", "？")
_PERIOD_WORDS = ("统计", "期限", "时限", "期间", "所列数据", "数据")
#: "统计期限为2020年度", "所列数据统计时间为2020年全年"
_YEAR_PERIOD = re.compile(r"(?:统计期限|统计时限|统计期间|统计时间|统计区间|数据统计)[^。；\d]{0,12}?(?P<y>" + YEAR_DIGITS + r")\s*年(?:度|全年|1-12月|1至12月)")
_YEAR = re.compile(f"(?<!\\d)({YEAR_DIGITS})\\s*年")
_CN_YEAR = re.compile(f"({CN_NUMERAL}{{4}})\\s*年")


@dataclass
class Period:
    """A stated statistical period; ``start``/``end`` are None for 「2020年度」."""

    text: str
    line: int | None
    year: int | None
    start: DateMention | None = None
    end: DateMention | None = None

    @property
    def calendar_year(self) -> bool:
        """Y年1月1日 to Y年12月31日 (or stated as a whole year)."""
        if self.start is None or self.end is None:
            return True
        s, e = self.start.date, self.end.date
        return bool(s and e and s.year == e.year and (s.month, s.day) == (1, 1) and (e.month, e.day) == (12, 31))


def find_period(text: str, line: int | None, dates: list[DateMention]) -> Period | None:
    """A period stated in one paragraph: two dates joined by 至/到/—, in a
    sentence about statistics or running from 1月1日 to 12月31日."""
    for a, b in zip(dates, dates[1:]):
        if a.date is None or b.date is None or not _RANGE_JOIN.match(text[a.end:b.start]):
            continue
        sentence = sentence_around(text, a.start, b.end)
        whole_year = (a.date.month, a.date.day, b.date.month, b.date.day) == (1, 1, 12, 31)
        if whole_year or any(w in sentence for w in _PERIOD_WORDS):
            return Period(sentence.strip(), line, a.date.year, a, b)
    m = _YEAR_PERIOD.search(text)
    if m:
        return Period(sentence_around(text, m.start(), m.end()).strip(), line, int(m.group("y")))
    return None


def first_period(paragraphs: Iterable[tuple[str, int | None]],
                 dates: Callable[[str, int | None], list[DateMention]] = find_dates) -> Period | None:
    """The first period stated in a run of (text, line) paragraphs. A sentence
    wrapped over two paragraphs (a PDF or text export breaks lines inside it:
    「统计期限为 2025」 / 「年 1 月 1 日至 12 月 31 日。」) is read joined, with
    the first paragraph's line. ``dates``: find_dates, or what it gave for a
    paragraph already read."""
    paras = list(paragraphs)
    for i, (text, line) in enumerate(paras):
        period = find_period(text, line, dates(text, line))
        if period or i + 1 == len(paras) or text.rstrip().endswith(_SENTENCE_END):
            if period:
                return period
            continue
        head, tail = text.rstrip(), paras[i + 1][0].lstrip()
        joined = head + tail
        period = find_period(joined, line, find_dates(joined, line))
        # only a period cut by the break: one the next paragraph states whole is read there
        if period and (period.start is None or period.start.start < len(head)) \
                and find_period(tail, None, find_dates(tail)) is None:
            return period
    return None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding ``text[start:end]``."""
    left = max(text.rfind(p, 0, start) for p in "。；;\n") + 1
    ends = [i for i in (text.find(p, end) for p in "。；;\n") if i >= 0]
    return text[left:(min(ends) + 1 if ends else len(text))]


def title_year(title: str | None) -> int | None:
    """The year a title names: 2021年 or 二〇二一年."""
    if not title:
        return None
    m = _YEAR.search(title)
    if m:
        return int(m.group(1))
    m = _CN_YEAR.search(title)
    value = cn_to_int(m.group(1)) if m else None
    return value if value and 1900 <= value <= 2099 else None


def year_mentions(texts: list[str]) -> Counter:
    """How often each year is named as 「Y年」 in running text."""
    counts: Counter = Counter()
    for text in texts:
        if "年" in text:  # the scan is slow; most paragraphs name no year
            counts.update(int(y) for y in _YEAR.findall(text))
    return counts

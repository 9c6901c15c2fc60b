"""Dates as reports write them, found in running text.

Shapes (deps.md §3.6): ``2021年1月12日``, Chinese numerals ``二〇二一年一月十二日``
(○ or 零 for 〇), ``2021-01-12``, ``2021.1.12``, ``2021/1/12``, and a month
and day after a year already named (``自2020年1月1日至12月31日``). Broken shapes
are kept as malformed mentions (GZ404): ``截止20201231日``, ``2020年13月``,
``2月30日``, ``2020年12月31`` with no 日.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..messages import Msg, msg
from .numerals import CN_NUMERAL, cn_to_int
from ..text import YEAR_DIGITS, nfkc


@dataclass
class DateMention:
    """One date in the text; ``date`` is None when it is malformed."""

    text: str
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    date: dt.date | None
    #: why it is malformed, a catalogue message (None when well-formed)
    problem: "Msg | None" = None
    #: what it should probably read, for the message
    suggestion: str | None = None
    line: int | None = None

    @property
    def malformed(self) -> bool:
        return self.problem is not None


_CN = f"{CN_NUMERAL}"
_Y = f"(?P<y>{YEAR_DIGITS})"
#: (kind, what the text must hold for the pattern to match ("" for nothing), pattern)
_PATTERNS = [
    # 2021年1月12日 / 2021年1月12号 ; 2021年1月12 with 日 missing
    ("ymd", "月", re.compile(_Y + r"\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*(?P<ri>[日号])?(?![\d日号])")),
    # 2021年13月 (year and month only)
    ("ym", "月", re.compile(_Y + r"\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d)")),
    # 二〇二一年一月十二日
    ("cn", "月", re.compile(f"(?P<y>{_CN}{{4}})\\s*年\\s*(?P<m>{_CN}{{1,3}})\\s*月\\s*(?P<d>{_CN}{{1,3}})\\s*日")),
    # 2021-01-12, 2021.1.12, 2021/1/12
    ("iso", "", re.compile(_Y + r"(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d.])")),
    # 截止20201231日: eight digits run together before 日
    ("run", "", re.compile(r"(?<!\d)" + _Y + r"(?P<m>\d{2})(?P<d>\d{2})\s*[日号]")),
    # 12月31日 after a year named earlier in the sentence (ranges)
    ("md", "月", re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")),
]


#: every shape needs a digit or 年 (in the text the patterns scan)
_DATE_CHAR = re.compile(r"[\d年]")


def find_dates(text: str, line: int | None = None) -> list[DateMention]:
    """Every date mention in ``text``, in order; overlapping shapes are taken once."""
    norm = nfkc(text)
    if len(norm) != len(text):  # NFKC changed lengths (rare ligatures): positions would drift
        norm = text
    if not _DATE_CHAR.search(norm):  # most paragraphs: no pattern can match
        return []
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    last_year: int | None = None
    for kind, needs, pattern in _PATTERNS:
        if needs not in norm:
            continue  # most paragraphs hold no date: skip the scans that cannot match
        for m in pattern.finditer(norm):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            mention = _mention(kind, m, text, line)
            if mention is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(mention)
    found.sort(key=lambda d: d.start)
    # a bare 12月31日 takes the year of the date before it in the same text
    for d in found:
        if d.year is None and last_year is not None and d.month and d.day and d.problem is None:
            d.year = last_year
            d.date = _valid(last_year, d.month, d.day)
        if d.year is not None:
            last_year = d.year
    return found


def _mention(kind: str, m: re.Match, text: str, line: int | None) -> DateMention | None:
    raw = text[m.start():m.end()]
    if kind == "cn":
        y, mo, d = cn_to_int(m.group("y")), cn_to_int(m.group("m")), cn_to_int(m.group("d"))
        if y is None or mo is None or d is None or not 1900 <= y <= 2099:
            return None
    else:
        y = int(m.group("y")) if "y" in m.groupdict() and m.group("y") else None
        mo = int(m.group("m"))
        d = int(m.group("d")) if "d" in m.groupdict() and m.group("d") else None
    mention = DateMention(raw, m.start(), m.end(), y, mo, d, None, line=line)
    if kind == "run":
        mention.problem = msg("date.run-together")
        if _valid(y, mo, d):
            mention.suggestion = f"{y}年{mo}月{d}日"
        return mention
    if not 1 <= mo <= 12:
        mention.problem = msg("date.no-month", month=mo)
        return mention
    if kind == "ym":
        mention.date = None
        return mention
    if kind == "md" and d is not None and not 1 <= d <= 31:
        mention.problem = msg("date.no-day", month=mo, day=d)
        return mention
    check_year = y if y is not None else 2000  # a leap year: 2月29日 without a year is possible
    if d is not None and _valid(check_year, mo, d) is None:
        mention.problem = msg("date.no-day", month=mo, day=d)
        return mention
    if kind == "ymd" and not m.group("ri"):
        # a trailing 日 missing only counts where the date clearly ends (not 2021年1月1-5日)
        after = text[m.end():m.end() + 1]
        if after and after in "-－—~～至到、":
            return None
        mention.problem = msg("date.no-ri")
        mention.suggestion = f"{y}年{mo}月{d}日"
        return mention
    mention.date = _valid(y, mo, d) if y is not None else None
    return mention


def _valid(y: int | None, m: int | None, d: int | None) -> dt.date | None:
    if y is None or m is None or d is None:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def standalone_date(text: str) -> DateMention | None:
    """The date when ``text`` is nothing but a date (a signature line)."""
    stripped = text.strip().strip("\u200b\ufeff").strip()
    dates = find_dates(stripped)
    if len(dates) == 1 and dates[0].start == 0 and dates[0].end >= len(stripped.rstrip("。 ")):
        return dates[0]
    return None

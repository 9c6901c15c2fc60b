"""Web-archive dumps: the whole report on one line.

An archiver that keeps a page's text but not its structure writes the title,
the headings, the prose and the tables in one run, the table cells with no
separators ("…申请数量230 000023" is 23, 0, 0, 0, 0, 0, 23). The line is cut
back into pseudo-paragraphs so the title, sections, period and prose can be
checked: after a title run on into the first sentence, before each section
heading and sub-heading （一）, after the heading, after each sentence (。；)
and at runs of spaces. The text of a form table
cannot be cut into cells reliably; it is kept aside as ``RunTogether`` for
GZ005 and is not offered to the matcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Paragraph, RunTogether
from ..text import CN_NUMERALS

#: a dump is a line this long holding at least this many section headings
MIN_LENGTH = 1000
MIN_HEADINGS = 3

#: the numbers of the six sections
_NUMERALS = CN_NUMERALS[:6]
#: a section heading inside running text: 二、主动公开政府信息情况 (the title ends
#: in 情况 or 事项; table rows such as 一、本年新收…数量801000081 do not)
_HEADING = re.compile(f"([{_NUMERALS}])、([^\\d\\s。；，（(]{{2,28}}?(?:情况|事项))")
#: where each table's text starts after its section heading
_TABLE_START = {
    "二": re.compile(r"第二十条第"),
    "三": re.compile(r"[（(]本列数据|申请人情况"),
    "四": re.compile(r"行政复议\s*行政诉讼"),  # the header row, not the prose before it
}
#: the site's breadcrumb in front of the report: 当前位置： 首页政务公开…年报
_BREADCRUMB = re.compile(r"^\s*(?:当前位置|您的位置|您现在的位置)[:：]?\s*\S*")
#: a title run on into the first sentence: …政府信息公开工作年度报告本报告根据《…
_TITLE = re.compile(r"^\s*[^。，；、《〈\s]{6,60}?(?:年度报告|年报)")
_SPLIT = re.compile(f"(?<=[。；;])|\\s+|(?=[（(][{CN_NUMERALS}]{{1,2}}[）)])")


@dataclass
class _Heading:
    number: str
    start: int
    end: int


def is_flattened(text: str) -> bool:
    """A line long enough to be a whole report, with section headings inline."""
    return len(text) >= MIN_LENGTH and len(_headings(text)) >= MIN_HEADINGS


def split_flattened(text: str, line: int | None) -> tuple[list[Paragraph], list[RunTogether]]:
    """Pseudo-paragraphs of the prose, and the run-together table texts."""
    text = _BREADCRUMB.sub("", text, count=1)
    headings = _headings(text)
    paragraphs: list[Paragraph] = []
    tables: list[RunTogether] = []
    pos = 0
    title = _TITLE.match(text)
    if title and (not headings or title.end() <= headings[0].start):
        paragraphs.append(Paragraph(text=title.group().strip(), line=line))
        pos = title.end()
    for k, h in enumerate(headings):
        paragraphs += _pieces(text[pos : h.start], line)
        paragraphs.append(Paragraph(text=text[h.start : h.end], line=line))
        section_end = headings[k + 1].start if k + 1 < len(headings) else len(text)
        pos = h.end
        start_at = _TABLE_START.get(h.number)
        found = start_at.search(text, h.end, section_end) if start_at else None
        if found:
            paragraphs += _pieces(text[pos : found.start()], line)
            tables.append(RunTogether(section=h.number, text=text[found.start() : section_end].strip(), line=line))
            pos = section_end
    paragraphs += _pieces(text[pos:], line)
    return paragraphs, tables


def _headings(text: str) -> list[_Heading]:
    """The first heading of each section, in order: 一 before 二 before 三 …"""
    found: list[_Heading] = []
    pos = 0
    for number in _NUMERALS:
        for m in _HEADING.finditer(text, pos):
            if m.group(1) == number:
                found.append(_Heading(number, m.start(), m.end()))
                pos = m.end()
                break
    return found


def _pieces(text: str, line: int | None) -> list[Paragraph]:
    return [Paragraph(text=part, line=line) for part in (p.strip() for p in _SPLIT.split(text)) if part]

"""Find the report title, the six section headings and the report year.

Headings are looked for outside the form tables only: the row labels of table
三 (一、本年新收… 四、结转下年度…) look exactly like section headings.
"""

from __future__ import annotations

import re

from ..form.labels import key as label_key
from ..metadata.body import BODY_TAIL
from ..metadata.period import first_period, title_year, year_mentions
from ..form.spec import FormSpec
from ..text import CN_NUMERALS, MARK_SEPARATORS, YEAR_WRITTEN
from .model import Report, SectionMatch
from .stream import Token

_HEADING = re.compile(f"^\\s*(?P<num>[{CN_NUMERALS}]|[1-9])\\s*(?P<sep>[{MARK_SEPARATORS}:：]|\\s)\\s*(?P<title>.+)$", re.S)
_ARABIC = {str(i): n for i, n in enumerate("一二三四五六七八九", start=1)}
_TITLE_WORDS = ("年度报告", "年报", "工作报告", "年度工作报告")
_MAX_TITLE = 80
#: words of a sentence about the report, never of its title
_PROSE = re.compile(r"根据|依据|按照|.《")
#: a line ending inside a sentence is not a whole title
_CLAUSE_END = re.compile(r"[。，,；;：:、（(]$")
#: how a body's (or a place's) name ends
_BODY_END = re.compile(f"(?:{BODY_TAIL}|[省市县区州旗盟村])$")
_YEAR_END = re.compile(YEAR_WRITTEN + r"\s*年度?$")
_YEAR_START = re.compile(r"^\s*" + YEAR_WRITTEN + r"\s*年")
MAX_HEADING = 40
#: formats whose metadata title is the page's <title>
_WEB_PAGES = ("html", "mht")


def find_sections(report: Report, form: FormSpec) -> None:
    """Each section's heading: of the lines that could be it, the one numbered
    as the form numbers it (三、 before 3、 before a sub-item such as
    「4.认真办理依申请公开」 inside 一, whose key words name 三)."""
    prose = [t for t in report.prose() if t.kind == "para"]
    candidates: dict[str, list[SectionMatch]] = {}
    for t in prose:
        text = t.text.strip()
        m = _HEADING.match(text)
        if not m or len(text) > MAX_HEADING or text.endswith("。"):
            continue
        title = m.group("title").strip()
        number = m.group("num")
        written = _ARABIC.get(number, number)
        tkey = label_key(title)
        matching = [s for s in form.sections if any(k in tkey for k in s.keywords)]
        if not matching:
            continue
        # prefer the section the number names, if its key words match too
        spec = next((s for s in matching if s.number == written), matching[0])
        candidates.setdefault(spec.number, []).append(SectionMatch(spec, t, number, title))
    order = [s.number for s in form.sections]
    report.sections = sorted(_choose(candidates, order), key=lambda s: order.index(s.spec.number))


def _choose(candidates: dict[str, list[SectionMatch]], order: list[str]) -> list[SectionMatch]:
    """One heading per section. A line numbered as the form numbers it (三、)
    is the heading, the first one if several. Otherwise a line numbered another
    way (3、) is taken only where it stands in order among those: out of order
    it is a numbered item of the prose; the official wording decides between
    several."""
    exact = [next(c for c in found if c.number == c.spec.number)
             for found in candidates.values() if any(c.number == c.spec.number for c in found)]

    def fits(sec: SectionMatch) -> bool:
        rank = order.index(sec.spec.number)
        return all((order.index(a.spec.number) < rank) == (a.token.index < sec.token.index) for a in exact)

    def wording(sec: SectionMatch) -> tuple[bool, bool]:
        return label_key(sec.title) == label_key(sec.spec.title), _ARABIC.get(sec.number) == sec.spec.number

    chosen = list(exact)
    for number, found in candidates.items():
        placed = [c for c in found if fits(c)]
        if not any(c in exact for c in found) and placed:
            chosen.append(max(placed, key=wording))  # max keeps the first of equals
    return chosen


def find_title(report: Report) -> None:
    """The title is a short paragraph near the top naming the report. Exports
    often break it over two lines (the body's name, then the year line; or
    「…政府信息公开」 then 「工作年度报告」): those are joined. A web page
    with no title in its text falls back on its <title>."""
    head: list[Token] = []
    first_section = report.sections[0].token.index if report.sections else None
    for t in report.tokens:
        if first_section is not None and t.index >= first_section:
            break
        if t.kind != "para" or t.blank:
            continue
        head.append(t)
        if len(head) >= 5:
            break
    texts = [t.text.strip() for t in head]
    for n, text in enumerate(texts):
        nxt = texts[n + 1] if n + 1 < len(texts) else ""
        if _names_report(text):
            # "XX街道办事处" on the line above "2020年政府信息公开工作年度报告"
            if n > 0 and _title_head(texts[n - 1], text):
                report.title, report.title_line = texts[n - 1] + text, head[n - 1].line
            else:
                report.title, report.title_line = text, head[n].line
            return
        if nxt and _title_piece(text) and "政府信息公开" in text and not _names_report(nxt) and _names_report(text + nxt):
            report.title, report.title_line = text + nxt, head[n].line
            return
    # a web page shows its article's title in the browser's title bar (the
    # reader takes off the site's name); a Word file's own title is often stale
    doc = report.document
    page_title = doc.metadata.get("title") if doc is not None and doc.source_format in _WEB_PAGES else None
    if page_title and _names_report(page_title):
        report.title, report.title_line = page_title, None


def _names_report(text: str) -> bool:
    """A line that is a report title: short, names the report, and is not a
    sentence about it (「本年度报告根据《条例》……」)."""
    return (_title_piece(text) and "政府信息公开" in text and any(w in text for w in _TITLE_WORDS)
            and not _PROSE.search(text))


def _title_piece(text: str) -> bool:
    return 0 < len(text) <= _MAX_TITLE and not _CLAUSE_END.search(text)


def _title_head(prev: str, title: str) -> bool:
    """Is ``prev`` the first line of a title whose second line is ``title``?
    The second line then lacks the body (starts with the year or with 政府信息公开)."""
    if not _title_piece(prev) or len(prev) > 40 or "政府信息公开" in prev or _PROSE.search(prev):
        return False
    if _YEAR_START.match(title):
        return bool(_BODY_END.search(prev))  # a body's name, not a label such as 「正文」
    return title.startswith("政府信息公开") and bool(_BODY_END.search(prev) or _YEAR_END.search(prev))


def find_year(report: Report) -> None:
    """The year the report is for: the title's, else the stated period's, else
    the year the prose names most. Uses the same readings as the metadata
    package, so the format check (GZ114) and the period rules agree."""
    year = title_year(report.title)
    if year:
        report.year, report.year_source = year, "title"
        return
    prose = [t for t in report.prose() if not t.blank]
    period = first_period((t.text, t.line) for t in prose if t.kind == "para")
    if period and period.year:
        report.year, report.year_source = period.year, "period"
        return
    counts = year_mentions([t.text for t in prose])
    if counts:
        report.year, report.year_source = counts.most_common(1)[0][0], "prose"

"""GZ508–GZ512: what human reviewers flag in the wording — the legal basis
misquoted, enumerations that skip or repeat, the prose contradicting the
tables in words, section 五 with problems but no measures (or the reverse),
and (off by default) typing slips.

Word lists are data (rules/national/wording.toml, read through ``wording_data``); the
form roles used are the named constants below."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..diagnostics import Severity
from ..form.spec import FormSpec
from ..form.wording import wording_data
from ..hookspec import hookimpl
from ..matcher.roles import role_place, role_section, role_section_spec, role_value
from ..metadata import counts as q
from ..metadata import report_meta, section_tokens
from ..metadata.numerals import cn_to_int
from ..metadata.period import sentence_around
from ..messages import msg
from ..rule import Rule
from ..text import LazyPattern
from .statements import LITIGATION_SECTION, prose_counts

# -- the form roles GZ509–GZ511 read (docs/forms.md) ------------------------
CARRY_OVER = "applications.carry_over"          # 表三 四、结转下年度继续办理
APPLICATIONS_TOTAL = "applications.total"       # 表三 总计 column
REVIEW_ROLE = "litigation.review"               # 表四 行政复议
SUITS_DIRECT_ROLE = "litigation.direct"         # 表四 行政诉讼 未经复议直接起诉
SUITS_AFTER_ROLE = "litigation.after_review"    # 表四 行政诉讼 复议后起诉
LITIGATION_ROWS = (REVIEW_ROLE, SUITS_DIRECT_ROLE, SUITS_AFTER_ROLE)
#: 表四 columns: the outcomes other than 结果维持, and 总计
NOT_UPHELD = ("corrected", "other", "pending")
TOTAL = "total"
LITIGATION_COLUMNS = tuple(f"litigation.{c}" for c in (*NOT_UPHELD, TOTAL))
PROBLEMS_SECTION = "section.problems"           # 五


def _number(cell) -> Decimal | None:
    return cell.number if cell is not None and cell.is_number else None


def _excerpt(text: str, start: int, end: int, width: int = 16) -> str:
    left = "…" if start > width else ""
    right = "…" if end + width < len(text) else ""
    return f"{left}{text[max(0, start - width):end + width].strip()}{right}"


# -- GZ508 --------------------------------------------------------------------

#: a name in 《》, or in 〈〉 / <> inside another title
_BOOK = re.compile(r"[《〈<](?P<name>[^《》〈〉<>\n]{2,60})[》〉>]")
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
_OPEN = re.escape("〔[［(（【")
_CLOSE = re.escape("〕]］)）】")
#: a 文号 written whole: 〔2021〕30号 (spaces tolerated, 第 allowed)
_WENHAO_OK = re.compile(r"〔(?:19|20)\d\d〕第?\d{1,4}号")
#: from a 〔 to the 号 that closes its 文号, when one follows closely
_WENHAO_ANY = re.compile(r"〔[^〔。；;，,、\n]{0,12}?号")


@dataclass(frozen=True)
class _Notice:
    series: str
    year: int
    number: int
    text: str


def _notice(issued_by: str) -> _Notice | None:
    m = re.fullmatch(r"(?P<s>\D+?)〔(?P<y>\d{4})〕(?P<n>\d+)号", issued_by.strip())
    return _Notice(m["s"], int(m["y"]), int(m["n"]), issued_by.strip()) if m else None


@lru_cache(maxsize=16)  # asked for each paragraph and notice
def _series_pattern(series: str) -> re.Pattern:
    """The notice series followed by a 文号 in any brackets; groups y, n or None."""
    return re.compile(re.escape(series) + rf"\s*[{_OPEN}]?\s*(?P<y>\d+)?\s*[{_CLOSE}]?\s*(?P<n>\d+)?\s*(?P<hao>号)?")


def _misnamed(name: str) -> str | None:
    """The kind of name (条例, 年度报告格式) when ``name`` misquotes one."""
    name = _TRAILING_NOTE.sub("", re.sub(r"\s+", "", name))
    for entry in wording_data()["names"]:
        if not name.endswith(tuple(entry["ends_with"])) or \
                not any(all(w in name for w in group) for group in entry["looks_like"]):
            continue
        if name in entry["correct"]:
            return None
        before = name.split("政府信息")[0] if "政府信息" in name else ""
        if before and not before.startswith("中华人民共和国") and before.endswith(tuple(entry["local_places"])):
            return None  # a local 条例, another law
        return entry["what"]
    return None


class MisquotedLegalBasis(Rule):
    """The legal basis is misquoted: the 条例's or the format's name written
    wrong, a garbled 文号, or the form notice of another period.

    Why:
        The report is issued under 《中华人民共和国政府信息公开条例》 (国务院令第711号,
        art. 50) in the format of the notice that issued its tables:
        国办公开办函〔2019〕60号 for the 2019 form, 国办公开办函〔2021〕30号 for the
        2021 form. A wrong name or number in the first sentence is the first
        thing a reviewer sees.

    Bad:
        本报告根据《中华人民共和国信息公开条例》和国办公开办函〔202130号要求编制。
        本报告根据国办公开办函〔2019〕60号编制。      (and it prints the 2021 tables)

    Good:
        本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于
        印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。

    Fix:
        Copy the names and the 文号 from the official texts; cite the notice of
        the form the report uses.
    """

    code = "GZ508"
    name = "misquoted-legal-basis"
    severity = Severity.WARNING
    summary = "法规名称、文号引用有误（条例名称错误、文号残缺或引用了其他年度格式的通知）"

    def check(self, report):
        yield from self._names(report)
        yield from self._garbled(report)
        yield from self._other_period(report)

    def _names(self, report):
        for t in report.prose():
            for m in _BOOK.finditer(t.text):
                what = _misnamed(m["name"])
                if what:
                    yield self.prose_diag(report, t, msg("GZ508.name", name=m.group(0), correct=_correct_names(what)))

    def _garbled(self, report):
        series = [_series_pattern(s) for s in wording_data()["notice_series"]]
        for t in report.prose():
            seen: set[int] = set()
            for m in _WENHAO_ANY.finditer(t.text):
                written = unicodedata.normalize("NFKC", re.sub(r"\s+", "", m.group(0)))
                if not _WENHAO_OK.fullmatch(written):
                    seen.add(m.start())
                    yield self._garbled_diag(report, t, m.start(), m.end())
            for pattern in series:
                for m in pattern.finditer(t.text):
                    if not m["hao"] or any(m.start() <= s < m.end() for s in seen):
                        continue  # no 号 close by: cut by a line break, cannot decide
                    year = int(m["y"]) if m["y"] else None
                    if year is None or m["n"] is None or not 2000 <= year <= 2099:
                        yield self._garbled_diag(report, t, m.start(), m.end())

    def _garbled_diag(self, report, t, start: int, end: int):
        return self.prose_diag(report, t, msg("GZ508.garbled", number=t.text[start:end],
                                              excerpt=_excerpt(t.text, start, end)))

    def _other_period(self, report):
        if report.form is None:
            return
        forms, notices = _pack_notices()
        own = notices.get(report.form.format)
        if own is None:
            return
        year = report_meta(report).year
        cited: list[tuple[str, object, re.Match]] = []
        for t in report.prose():
            for fmt, notice in notices.items():
                for m in _series_pattern(notice.series).finditer(t.text):
                    if m["y"] and m["n"] and (int(m["y"]), int(m["n"])) == (notice.year, notice.number):
                        cited.append((fmt, t, m))
        if any(fmt == report.form.format for fmt, _, _ in cited):
            return
        for fmt, t, m in cited:
            if year is not None and forms[fmt].covers(year):
                continue  # the right notice for the year over the wrong tables: GZ114's
            notice = notices[fmt]
            yield self.prose_diag(report, t, msg("GZ508.other-period", format=report.form.format, own=own.text,
                                                 notice=notice.text,
                                                 sentence=sentence_around(t.text, m.start(), m.end()).strip()))


#: (the run's forms, (the rule packs' forms by format, their notices by format))
_notices: tuple[tuple[FormSpec, ...], tuple[dict[str, FormSpec], dict[str, _Notice]]] | None = None


def _pack_notices() -> tuple[dict[str, FormSpec], dict[str, _Notice]]:
    """The rule packs' forms (not those plugins add) and the notice that issued
    each, by format: taken from the run's forms, once while they stay."""
    from ..plugins import all_forms, extra_form_files

    global _notices
    run_forms = all_forms()
    if _notices is None or _notices[0] is not run_forms:
        extra = {str(Path(p)) for p in extra_form_files()}
        forms = {f.format: f for f in run_forms if f.source not in extra}
        _notices = (run_forms, (forms, {fmt: n for fmt, f in forms.items() if (n := _notice(f.issued_by))}))
    return _notices[1]


def _correct_names(what: str) -> str:
    entry = next(e for e in wording_data()["names"] if e["what"] == what)
    return "》《".join(entry["correct"][:2])


# -- GZ509 --------------------------------------------------------------------

_CN = "一二三四五六七八九十"
#: what may stand before a list marker: the paragraph's start or punctuation
_BOUNDARY = r"(?:^|(?<=[：:；;。，,、！？!?\s）)】」”]))"
#: 一是 … 二是 …
_SHI = re.compile(_BOUNDARY + rf"(?P<n>[{_CN}]{{1,2}})是")
#: （一）… （二）…, not 第（一）项
_PAREN = re.compile(_BOUNDARY + rf"[（(](?P<n>[{_CN}]{{1,3}})[）)](?![项款目条])")
#: a sub-heading whose marker lost its opening bracket (三）) or its number (（）)
_PAREN_SLIP = re.compile(rf"^\s*(?:(?P<n>[{_CN}]{{1,3}})|[（(]\s*)[）)](?![项款目条])")
#: what a paragraph must hold for each marker pattern to match: most hold none, and the scans are slow
_MARK_NEEDS = {_SHI: ("是",), _PAREN: ("（", "("), _PAREN_SLIP: ("）", ")")}
_QUOTES = {"《": "》", "“": "”", "「": "」", "‘": "’", "〈": "〉"}
_QUOTE_MARK = re.compile("[" + re.escape("".join(_QUOTES) + "".join(_QUOTES.values())) + "]")
#: a paragraph that opens with a heading of its own level resets the 一是 lists
_HEADING = re.compile(rf"^\s*(?:[（(][{_CN}\d]+[）)]|[{_CN}]+、|\d+[、.．])")
#: a line a reader cut inside a marker (…一 / 是…): what came before cannot be told
_CUT_MARKER = re.compile(rf"[{_CN}]\s*[（(]?$|[（(]$")
SKIP, REPEAT, START, EMPTY = "跳号", "重复", "缺少开头", "缺少序号"


@dataclass
class _Marker:
    n: int
    text: str
    start: int
    end: int
    token: object
    para: int       # position of the paragraph in the section (-1: the heading)
    leading: bool   # the marker opens its paragraph


@dataclass
class _Run:
    last: _Marker
    items: int = 1


def _quoted(text: str, pos: int) -> bool:
    """``pos`` lies inside a quotation (《》, “”, 「」 …)."""
    depth = 0
    for m in _QUOTE_MARK.finditer(text, 0, pos):  # only the marks change the depth
        if m.group() in _QUOTES:
            depth += 1
        elif depth:
            depth -= 1
    return depth > 0


def _markers(patterns: tuple[re.Pattern, ...], tokens, skip=lambda text, pos: False) -> Iterator[_Marker]:
    """The list markers of the paragraphs, in order; n = 0 for a marker with no number."""
    for para, t in tokens:
        if t.text.lstrip().startswith("|"):
            continue  # a table row read as text (Markdown)
        scans = [pattern.finditer(t.text) for pattern in patterns if any(c in t.text for c in _MARK_NEEDS[pattern])]
        found = sorted((m for scan in scans for m in scan), key=lambda m: m.start())
        for m in found:
            n = cn_to_int(m["n"]) if m["n"] else 0
            if n is None or _quoted(t.text, m.start()) or skip(t.text, m.start()):
                continue
            yield _Marker(n, m.group(0).strip(), m.start(), m.end(), t, para, not t.text[:m.start()].strip())


def _breaks(markers: list[_Marker], resets: set[int], opens_list) -> list[tuple[_Marker | None, _Marker, str]]:
    """Where the count skips, repeats or starts past 一: (previous, marker, kind).

    A list restarts at 一, and after a paragraph in ``resets``; a list may
    nest in another and the outer one go on after it (（一）（一）（二）（二）).
    A break is only certain within one paragraph or where the next paragraph
    opens with the marker (one item per paragraph); ``opens_list(marker)``
    says where a first marker past 一 certainly opens its list."""
    found: list[tuple[_Marker | None, _Marker, str]] = []
    stack: list[_Run] = []
    for m in markers:
        if stack and any(stack[-1].last.para < r <= m.para for r in resets):
            stack.clear()
        if m.n == 0:  # （）: say so, and count it as the item it stands for
            found.append((None, m, EMPTY))
            m.n = stack[-1].last.n + 1 if stack else 1
        if not stack:
            if m.n > 1 and opens_list(m):
                found.append((None, m, START))
            stack.append(_Run(m))
            continue
        top = stack[-1]
        if m.n == 1:
            stack.append(_Run(m))
            continue
        if m.n != top.last.n + 1:
            outer = next((i for i in range(len(stack) - 2, -1, -1) if m.n == stack[i].last.n + 1), None)
            if outer is not None:
                del stack[outer + 1:]
                top = stack[-1]
            # after a slip the count may go on from the item's place (一二二四)
            elif m.n == top.last.n or m.n != top.items + 1:
                prev = top.last
                if prev.token is m.token or (m.leading and m.para == prev.para + 1 and not _CUT_MARKER.search(prev.token.text)):
                    found.append((prev, m, REPEAT if m.n == prev.n else SKIP))
        top.last, top.items = m, top.items + 1
    return found


class EnumerationOutOfOrder(Rule):
    """An enumeration in the prose skips or repeats a number (一是…；三是…；三是…,
    （一）…（三） within one paragraph), or starts past 一 (…；二是… with no 一是).

    Lists restart in each section and under each sub-heading, may nest, and
    a quotation (“一是…三是”), a reference (第（一）项) or a form label quoted
    from the tables is no list.

    Why:
        条例 art. 50 asks for a report the public can read; a list that jumps
        from 一是 to 三是 has lost an item or was edited carelessly, and
        reviewers mark it as a drafting error.

    Bad:
        存在的问题主要有：一是信息发布不够精确；三是开拓创新不够有力；三是政策解读质量有待提高。

    Good:
        存在的问题主要有：一是信息发布不够精确；二是开拓创新不够有力；三是政策解读质量有待提高。

    Fix:
        Renumber the items (or restore the missing one).
    """

    code = "GZ509"
    name = "enumeration-out-of-order"
    severity = Severity.WARNING
    summary = "正文列举序号跳号、重复或缺少开头（如「一是…三是…三是」）"

    def check(self, report):
        labels = _form_labels(report)
        for sec in report.sections:
            body = list(enumerate(section_tokens(report, sec.spec.number)))
            # a heading may carry the first sub-heading on its line (一、总体情况（一）主动公开)
            tokens = [(-1, sec.token)] + body
            cut = {i for i, t in body if _CUT_MARKER.search(t.text)}
            headings = {i for i, t in body if _HEADING.match(t.text)}
            shi = list(_markers((_SHI,), tokens))
            paren = list(_markers((_PAREN, _PAREN_SLIP), tokens, skip=lambda text, pos: text.startswith(labels, pos)))

            def opens_list(m: _Marker, leading: bool) -> bool:
                return m.leading == leading and m.para >= 0 and not any(i < m.para for i in cut)

            yield from self._report(report, sec, _breaks(shi, headings, lambda m: opens_list(m, False)))
            yield from self._report(report, sec, _breaks(paren, set(), lambda m: opens_list(m, True)))

    def _report(self, report, sec, breaks):
        for prev, m, kind in breaks:
            t = m.token
            if kind == EMPTY:
                message = msg("GZ509.empty", section=sec.spec.official, excerpt=_excerpt(t.text, m.start, m.end))
            elif prev is None:
                first = m.text.replace(m.text.strip("（()）是"), "一")
                message = msg("GZ509.start", section=sec.spec.official, marker=m.text, first=first,
                              excerpt=_excerpt(t.text, m.start, m.end))
            else:
                where = t.text[prev.start:m.end]
                if prev.token is not t or len(where) > 40:
                    where = f"{prev.token.text[prev.start:prev.end + 12]}…{m.text}"
                message = msg("GZ509.skip" if kind == SKIP else "GZ509.repeat", section=sec.spec.official,
                              previous=prev.text, marker=m.text, where=where)
            yield self.diag(report, message, line=t.line, section=sec.spec.official)


def _form_labels(report) -> tuple[str, ...]:
    """The form's row labels cut after their marker's first word ((三)不 …):
    prose quoting a table row, even cut by a line break, is no list."""
    if report.form is None:
        return ()
    found = set()
    for spec in report.form.tables:
        for r in spec.rows:
            m = _PAREN.match(r.label.text)
            if m and len(r.label.text) > m.end():
                found.add(r.label.text[:m.end() + 1])
    return tuple(found)


# -- GZ510 --------------------------------------------------------------------

#: 所有申请均已办结, 已全部按期办结
_ALL_CONCLUDED = re.compile(r"(?<![未没不])(?:均|全部|都|皆|一律)(?:已经?)?(?:按期|按时|如期|依法|及时|"
                            r"在法定期限内|在法定时限内|在规定期限内|在规定时限内)?(?:予以|完成)?办结")
#: it speaks of something else than this year's applications
_NOT_THIS_YEAR = ("上年", "上一年", "结转", "往年", "以前年度")
_NOT_APPLICATIONS = ("热线", "工单", "留言", "来信", "信访", "诉求", "提案", "建议", "咨询", "投诉")
#: 行政复议…诉讼…，均获维持
_ALL_UPHELD = re.compile(r"(?<![未没不])(?:均|全部|都|皆)(?:已经?)?(?:获|被|予以|得到|获得|结果为)?(?:复议机关|法院)?维持")
#: which rows of table 四 a sentence speaks of
_SPEAKS_OF = ((re.compile(r"复议"), (REVIEW_ROLE,)), (re.compile(r"诉讼|起诉"), (SUITS_DIRECT_ROLE, SUITS_AFTER_ROLE)))


class WordsContradictTables(Rule):
    """The prose contradicts the tables in words, not numbers: every
    application concluded while some carry over, every case upheld while
    table 四 shows others, no 行政复议 while table 四 has one.

    Why:
        条例 art. 50 asks the report to state how applications were handled
        and the 行政复议/行政诉讼 they led to; a sentence that contradicts the
        statistics (表三 四、结转下年度继续办理, 表四) tells the reader the opposite.

    Bad:
        本年度收到的政府信息公开申请均已按期办结。      (表三 四、结转下年度继续办理 总计 = 2)
        本年度未发生政府信息公开行政复议案件。           (表四 行政复议 总计 = 1)
        信息公开类行政复议2件，均获维持。                (表四 行政复议 尚未审结 = 1)

    Good:
        本年度收到的政府信息公开申请除2件结转下年度办理外，均已按期办结。
        本年度发生政府信息公开行政复议1件。

    Fix:
        Make the sentence say what the tables say (or correct the table).
    """

    code = "GZ510"
    name = "words-contradict-tables"
    severity = Severity.WARNING
    summary = "正文文字表述与统计表格矛盾（如称申请均已办结，但有结转下年度办理的申请）"
    # each part reads what the form has and does without the rest
    optional_roles = (CARRY_OVER, APPLICATIONS_TOTAL, *LITIGATION_ROWS, *LITIGATION_COLUMNS, LITIGATION_SECTION)

    def check(self, report):
        yield from self._concluded(report)
        yield from self._no_cases(report)
        yield from self._upheld(report)

    def _concluded(self, report):
        carried = _number(role_value(report, CARRY_OVER, TOTAL))
        if not carried:
            return
        where = role_place(report, f"{CARRY_OVER}.{TOTAL}")
        for t in report.prose():
            for m in _ALL_CONCLUDED.finditer(t.text):
                sentence = sentence_around(t.text, m.start(), m.end())
                head = sentence[:sentence.find(m.group(0))]
                if "申请" not in head or any(w in sentence for w in _NOT_APPLICATIONS + _NOT_THIS_YEAR):
                    continue
                yield self.table_diag(report, where.table, msg("GZ510.concluded", sentence=sentence.strip(),
                                                               table=where.table.title, row=where.row.label.text,
                                                               value=str(carried)),
                                      line=t.line, row=where.row, column=where.column)

    def _no_cases(self, report):
        """未发生行政复议: read by metadata.counts, as GZ307 reads the counts."""
        totals = {row: _number(role_value(report, row, TOTAL)) for row in LITIGATION_ROWS}
        if totals[SUITS_DIRECT_ROLE] is not None and totals[SUITS_AFTER_ROLE] is not None:
            suits = totals[SUITS_DIRECT_ROLE] + totals[SUITS_AFTER_ROLE]
        else:
            suits = None
        expected = {q.REVIEW: (totals[REVIEW_ROLE], REVIEW_ROLE, "「行政复议」总计"),
                    q.SUITS: (suits, SUITS_DIRECT_ROLE, "「行政诉讼」两项总计之和")}
        for t, statements in prose_counts(report):
            for s in statements:
                if not s.negated or s.quantity not in expected:
                    continue
                value, row, name = expected[s.quantity]
                if value:
                    where = role_place(report, f"{row}.{TOTAL}")
                    yield self.table_diag(report, where.table, msg("GZ510.no-cases",
                                                                   sentence=sentence_around(t.text, s.start, s.end).strip(),
                                                                   table=where.table.title, name=name, value=str(value)),
                                          line=t.line, row=where.row, column=where.column)

    def _upheld(self, report):
        four = role_section_spec(report, LITIGATION_SECTION)
        for t in report.prose():
            sec = report.section_of(t.index)
            in_four = sec is not None and four is not None and sec.spec.number == four.number
            for m in _ALL_UPHELD.finditer(t.text):
                sentence = sentence_around(t.text, m.start(), m.end())
                if not in_four and "公开" not in sentence:
                    continue  # a 司法局's own 行政复议 cases
                rows = [r for pattern, rs in _SPEAKS_OF if pattern.search(sentence) for r in rs]
                others = []
                for row in rows:
                    for column in NOT_UPHELD:
                        value = _number(role_value(report, row, column))
                        if value:
                            where = role_place(report, f"{row}.{column}")
                            others.append((where, value))
                if others:
                    where = others[0][0]
                    listed = [msg("GZ510.cell", row=w.row.label.text, column=w.column.label.text, value=str(v))
                              for w, v in others]
                    yield self.table_diag(report, where.table, msg("GZ510.upheld", sentence=sentence.strip(),
                                                                   table=where.table.title, cells=listed),
                                          line=t.line, row=where.row, column=where.column)


# -- GZ511 --------------------------------------------------------------------

_NOTHING_FOUND = re.compile(r"(?:未发现|没有发现|无|不存在|未出现)[^。；;，,]{0,8}?(?:问题|不足)")


class ProblemsWithoutMeasures(Rule):
    """Section 五 names problems but no improvement measures, or measures
    without saying what problem they answer.

    Why:
        条例 art. 50 (四) asks the report for 存在的主要问题及改进情况: both the
        problems and how they are being improved. Half of it is a common
        reviewer remark.

    Bad:
        五、存在的主要问题及改进情况
        政策解读形式较为单一，公开内容的及时性有待提高。

    Good:
        五、存在的主要问题及改进情况
        政策解读形式较为单一。下一步将丰富图表、视频等解读形式，建立信息发布台账。

    Fix:
        Add the measures taken or planned for each problem (or the problems
        the measures answer).
    """

    code = "GZ511"
    name = "problems-without-measures"
    severity = Severity.INFO
    summary = "第五部分只写了存在的问题而没有改进措施（或只有措施没有问题）"
    roles = (PROBLEMS_SECTION,)

    def check(self, report):
        sec = role_section(report, PROBLEMS_SECTION)
        if sec is None:
            return
        text = "".join(t.text for t in section_tokens(report, sec.spec.number))
        if len(re.sub(r"[\s。，、；：,.;:无暂没有]", "", text)) < 6:
            return  # empty or 无: GZ504's
        words = wording_data()["problems_and_measures"]
        problems_said = _NOTHING_FOUND.sub("", text)
        problems = [w for w in words["problem_words"] if w in problems_said]
        said_of_problems = _said_of_problems(tuple(words["needs_words"]), tuple(words["problem_words"]))
        measures_said = said_of_problems.sub("", text)
        measures = [w for w in words["measure_words"] if w in measures_said]
        if problems and not measures:
            yield self.diag(report, msg("GZ511.no-measures", section=sec.spec.official, problems=problems[:3]), line=sec.line, section=sec.spec.official)
        elif measures and not problems:
            yield self.diag(report, msg("GZ511.no-problems", section=sec.spec.official),
                            line=sec.line, section=sec.spec.official)


@lru_cache(maxsize=8)
def _said_of_problems(needs_words: tuple[str, ...], problem_words: tuple[str, ...]) -> re.Pattern[str]:
    """有待加强, 不规范: words of a problem, though 加强 and 规范 are words of a measure."""
    needs = "|".join(map(re.escape, needs_words))
    return re.compile(rf"(?:{needs})(?:进一步)?[\u4e00-\u9fff]{{0,2}}|" + "|".join(map(re.escape, problem_words)))


# -- GZ512 --------------------------------------------------------------------

#: an ASCII comma or semicolon between two Chinese characters
_ASCII_PUNCT = LazyPattern(r"(?<=[\u4e00-\u9fff])[,;](?=[\u4e00-\u9fff])")


class TypingSlips(Rule):
    """Slips of typing in the prose: a word typed twice (的的, 和和), or ASCII
    commas and semicolons between Chinese characters. Off by default: select
    it by its code (``--extend-select GZ512``).

    Why:
        A published government document follows GB/T 15834 (标点符号用法):
        Chinese text takes full-width punctuation (，；), and a doubled 的 is a
        slip reviewers mark. Cosmetic, hence off unless asked for.

    Bad:
        进一步加强政府信息公开的的规范化建设,提升公开质量。

    Good:
        进一步加强政府信息公开的规范化建设，提升公开质量。

    Fix:
        Delete the doubled word; replace the ASCII punctuation with ，or ；.
    """

    code = "GZ512"
    name = "typing-slips"
    severity = Severity.INFO
    summary = "正文中的录入错误：重复字词（的的）或中文之间使用半角逗号、分号（默认关闭）"
    default_enabled = False

    def check(self, report):
        slips = wording_data()["typing_slips"]
        doubled = re.compile("|".join(re.escape(w) for w in slips["doubled"]))
        commas: list[tuple[object, re.Match]] = []
        for t in report.prose():
            for m in doubled.finditer(t.text):
                if any(t.text.find(e, max(0, m.start() - len(e)), m.end() + len(e)) >= 0 for e in slips["exceptions"]):
                    continue
                yield self.prose_diag(report, t, msg("GZ512.doubled", text=m.group(0),
                                                     excerpt=_excerpt(t.text, m.start(), m.end(), width=10)))
            commas += [(t, m) for m in _ASCII_PUNCT.finditer(t.text)]
        if commas:
            t, m = commas[0]
            yield self.prose_diag(report, t, msg("GZ512.ascii-punctuation", count=len(commas),
                                                 excerpt=_excerpt(t.text, m.start(), m.end(), width=10)), count=len(commas))


@hookimpl
def gzlint_rules():
    return [MisquotedLegalBasis, EnumerationOutOfOrder, WordsContradictTables, ProblemsWithoutMeasures, TypingSlips]

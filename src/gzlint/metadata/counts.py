"""Counts the prose states, and which quantity of the tables each one is:
applications received, handled (办结), disclosed (予以公开) or carried over,
行政复议 and 行政诉讼 cases, documents in force or issued this year.

Reports state counts loosely, so the patterns are tolerant in wording but
strict about subject: a number is read only when the words between the verb
and the number name nothing else (行政复议申请, 自然人申请, 较去年增加, 累计,
另一年份), and slogans and ordinals ("三个一", 第一时间, 三项制度) are not
counts. A sentence that may count a part or a set other than the table's
(清理并集中发布现行有效文件, 通过网络提交的申请) is marked ``hedged``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..readers.limits import MAX_DIGITS
from ..text import CN_COUNT_NUMERALS, YEAR_DIGITS
from .numerals import parse_count

#: the quantities a statement may count (rules.prose knows where the tables
#: give each; this module knows only the wording)
RECEIVED, HANDLED, CARRIED_OUT = "received", "handled", "carried_out"
#: outcomes: 予以公开, and 予以公开及部分公开 together
DISCLOSED, DISCLOSED_OR_PARTIAL = "disclosed", "disclosed_or_partial"
REVIEW, SUITS = "review", "suits"
IN_FORCE, ISSUED = "in_force", "issued"
#: the document kinds of table 二 第（一）项 a statement names: 行政规范性文件, 规章
NORMATIVE, RULES = "normative", "rules"

#: a count, in digits or in Chinese numerals, read whole and at most MAX_DIGITS
#: long: the look-behind and the bound keep a 100,000-digit run from being
#: retried at every position (quadratic)
_NUM = rf"(?P<n>(?<!\d)\d{{1,{MAX_DIGITS}}}|(?<![{CN_COUNT_NUMERALS}])[{CN_COUNT_NUMERALS}]{{1,{MAX_DIGITS}}})"
_UNIT = r"\s*(?P<u>[件条项次个份起宗])"
#: a stretch of one clause without digits
_GAP = r"[^。；;，,\d]"
_SUM = r"(?:共计|合计|总计|总数为|数量为|共|计|为|达)?"

_RECEIVED = [
    # 本年共收到政府信息公开申请16件, 共受理公开申请34件, 接收…申请共计81件
    re.compile(rf"(?P<verb>收到|接到|受理|接收|新收|办理)(?P<gap>{_GAP}{{0,25}}?)申请{_SUM}\s*{_NUM}{_UNIT}"),
    # 共收到70件申请
    re.compile(rf"(?P<verb>收到|接到|受理|接收|新收)(?P<gap>{_GAP}{{0,6}}?){_NUM}{_UNIT}(?P<gap2>{_GAP}{{0,14}}?)申请"),
]
#: 共办结148件, 办结依申请公开81件, 答复政府信息公开申请805件
_HANDLED = re.compile(rf"(?P<verb>办结|答复)(?P<gap>{_GAP}{{0,20}}?){_SUM}\s*{_NUM}{_UNIT}")
_NEXT_YEAR = r"(?:至|到)?(?:下一?年度?|次年|(?P<y>\d{4})\s*年度?)"
#: the words of carrying over, one of which each _CARRIED pattern needs
_CARRY_WORDS = ("结转", "顺延", "转入")
_CARRIED = [
    # 结转下年度继续办理1件, 结转至2026年6件
    re.compile(rf"结转{_NEXT_YEAR}(?:继续办理|办理)?(?P<gap>{_GAP}{{0,6}}?){_NUM}{_UNIT}"),
    # 1件结转下年度继续办理, 72件申请…顺延到下年度答复
    re.compile(rf"{_NUM}{_UNIT}(?P<gap>{_GAP}{{0,10}}?)(?:{'|'.join(_CARRY_WORDS)}){_NEXT_YEAR}"),
]
#: 予以公开22件, 予以公开及部分公开42件
_DISCLOSED = re.compile(rf"(?<!主动)予以公开(?P<both>(?:及|和|、|与)部分公开)?(?:的)?(?:申请)?{_SUM}\s*{_NUM}\s*(?P<u>件)")
#: 行政复议36起, 行政复议案件2件, …行政复议7件，诉讼9件
_LITIGATION = re.compile(rf"(?P<what>行政复议|行政诉讼|(?<=[，,、])诉讼)(?:案件|案|申请)?{_SUM}\s*{_NUM}{_UNIT}")
_DOCUMENT = r"(?:行政)?(?P<what>规范性文件|规章)"
_IN_FORCE = [
    re.compile(rf"现行有效的?{_DOCUMENT}{_SUM}\s*{_NUM}{_UNIT}"),
    re.compile(rf"{_DOCUMENT}(?:现行有效|有效)的?{_SUM}\s*{_NUM}{_UNIT}"),
]
#: 本年度制发的规范性文件88件
_ISSUED = re.compile(rf"(?:本年度?|全年|今年|(?P<y>\d{{4}})\s*年度?)(?:共|新)?(?:制发|印发|出台|制定)(?:的|了)?"
                     rf"{_DOCUMENT}{_SUM}\s*{_NUM}{_UNIT}")
#: 本年度未收到政府信息公开申请
_NO_APPLICATIONS = re.compile(r"(?:未|没有|无)(?:收到|接到|受理|接收)(?:到|过)?(?:任何)?"
                              r"(?:政府信息公开|信息公开|依申请公开|公开)?申请")
#: 未发生政府信息公开行政复议、行政诉讼案件
_NO_LITIGATION = re.compile(r"(?:未|没有|无)(?:发生|出现|收到|接到|涉及|有)[^。；;，,\d]{0,20}?"
                            r"(?P<what>行政复议(?:[和、及与或]行政诉讼)?|行政诉讼)")

#: words that give the number another subject: another kind of case, of
#: applicant or of handling, a part (其中) or a change (较去年增加)
_OTHER_SUBJECT = (r"复议|诉讼|投诉|举报|信访|咨询|建议|提案|留言|来电|来信|热线|工单|诉求|议案|增加|减少|增长|下降|回落|较|"
                  r"同比|环比|其中|自然人|法人|企业|组织|机构|个人|公民|律师|超期|逾期|按期|按时|当场|当日|延期|延长|提前|电话|口头|"
                  r"正在|尚在|仍在|不予|未予")
#: words that give the number another period
_OTHER_PERIOD = r"以来|累计|历年|截至|截止|季度|上半年|下半年|月份|去年|上一年"
_ELSEWHERE = re.compile(f"{_OTHER_SUBJECT}|{_OTHER_PERIOD}")
_ELSEWHEN = re.compile(_OTHER_PERIOD)
#: ways of filing: a count of those may be a part of all applications
_CHANNEL = re.compile(r"当面|现场|信函|邮寄|网络|网上|在线|传真|邮件")
#: a count of several bodies (全区各级行政机关): the table may be the body's own
_AGGREGATE = re.compile(r"各级|各部门|各单位|各地|各乡镇|各街道|各县|各区|所属|下属|系统内")
#: 行政复议、行政诉讼案件共3件: one count of both
_JOINED = re.compile(r"(?:复议|诉讼)(?:案件)?[、和及与或]$")
#: acts on a set of documents that need not be all those in force
_SET_ACT = re.compile(r"清理|集中|发布|公布|公开|梳理|汇编|编制|目录|更新|审查|录入|公示")
#: after 未…行政复议: a kind of outcome, not the cases themselves
_OUTCOME_AFTER = re.compile(r"[^。；;，,]{0,6}?(?:败诉|被纠正|纠错|被撤销|撤销|确认违法|被确认)")
#: what may follow a count written in Chinese numerals
_CN_END = re.compile(r"$|[，,。；;、）)\s]|申请|政府信息")
_YEAR = re.compile(f"({YEAR_DIGITS})\\s*年")


@dataclass(frozen=True)
class CountStatement:
    quantity: str
    number: int
    start: int
    end: int
    #: the verb that states it (收到, 受理, 办理, 办结 …), where one does
    verb: str = ""
    #: for documents: 行政规范性文件 or 规章
    subject: str = ""
    #: the sentence may count a part, or a set other than the table's
    hedged: bool = False
    #: stated as "none": 未收到…申请 (number 0)
    negated: bool = False


def _clause_start(text: str, index: int) -> int:
    return max(text.rfind(p, 0, index) for p in "。；;，,\n") + 1


def _sentence(text: str, index: int) -> str:
    left = max(text.rfind(p, 0, index) for p in "。；;\n") + 1
    ends = [i for i in (text.find(p, index) for p in "。；;\n") if i >= 0]
    return text[left:min(ends) if ends else len(text)]


def _count(text: str, m: re.Match) -> int | None:
    """The count a match states; None when approximate (约30件, 406余条), an
    ordinal or a slogan (第一, “三个一”), or a part of another number."""
    n, u = m.start("n"), m.end("u")
    before = text[max(0, n - 2):n]
    if before[-1:] in ("第", "“", '"', "「", "‘", ".", "．") or before.endswith(("约", "近", "逾", "超过", "达到")):
        return None
    if text[u:u + 1] in ("余", "多", "次", "%") or text[m.end("n"):m.end("n") + 1] in ("余", "多"):
        return None
    digits = m.group("n")
    if not digits.isdigit() and not _CN_END.match(text, u):
        return None
    return parse_count(digits)


def _prefix(text: str, index: int) -> str:
    """The clause before ``index``: where the subject and the period are said."""
    return text[_clause_start(text, index):index]


def _elsewhen(prefix: str, year: int | None) -> bool:
    """The clause speaks of another period: 以来, 上半年, another year."""
    return bool(_ELSEWHEN.search(prefix)) or (year is not None and any(int(y) != year for y in _YEAR.findall(prefix)))


def find_counts(text: str, year: int | None = None, litigation_section: bool = False) -> list[CountStatement]:
    """The counts one paragraph states, each with the quantity it counts.

    ``year`` is the report year (a count said of another year is skipped);
    行政复议/行政诉讼 counts are read only in section 四 or in a sentence that
    speaks of 公开, since a 司法局 also decides 行政复议 cases of its own."""
    found: list[CountStatement] = []
    taken: set[int] = set()

    def add(quantity: str, m: re.Match, **kw) -> None:
        if m.start("n") in taken:
            return
        number = _count(text, m)
        if number is not None:
            taken.add(m.start("n"))
            found.append(CountStatement(quantity, number, m.start(), m.end(), **kw))

    def elsewhere(m: re.Match, *groups: str) -> bool:
        """The clause before the number, or the words between verb and number,
        give it another subject or period."""
        inner = "".join(m.group(g) or "" for g in groups)
        return bool(_ELSEWHERE.search(_prefix(text, m.start()) + inner)) or _elsewhen(_prefix(text, m.start()), year)

    # a pattern runs only where the text holds a word it cannot match without:
    # most paragraphs speak of neither applications nor cases
    about_applications = "申请" in text
    about_cases = "复议" in text or "诉讼" in text
    about_documents = "规范性文件" in text or "规章" in text
    if about_applications and any(w in text for w in _CARRY_WORDS):
        for pattern in _CARRIED:
            for m in pattern.finditer(text):
                next_year = int(m.group("y")) if m.group("y") else None
                if not elsewhere(m, "gap") and (next_year is None or year is None or next_year == year + 1):
                    add(CARRIED_OUT, m)
    if about_cases:
        for m in _LITIGATION.finditer(text):
            if (litigation_section or "公开" in _sentence(text, m.start())) and not _elsewhen(_prefix(text, m.start()), year) \
                    and not _JOINED.search(text, max(0, m.start() - 6), m.start()):
                add(REVIEW if m.group("what") == "行政复议" else SUITS, m)
    if about_documents:
        for pattern in _IN_FORCE:
            for m in pattern.finditer(text):
                if not elsewhere(m):
                    add(IN_FORCE, m, subject=_subject(m), hedged=bool(_SET_ACT.search(_prefix(text, m.start()))))
        for m in _ISSUED.finditer(text):
            if not elsewhere(m) and not (m.group("y") and year and int(m.group("y")) != year):
                add(ISSUED, m, subject=_subject(m), hedged=bool(_SET_ACT.search(_prefix(text, m.start()))))
    if about_applications:
        for m in _DISCLOSED.finditer(text):
            if not _elsewhen(_prefix(text, m.start()), year):
                add(DISCLOSED_OR_PARTIAL if m.group("both") else DISCLOSED, m)
        for m in _HANDLED.finditer(text):
            if "申请" in _sentence(text, m.start()) and not elsewhere(m, "gap"):
                add(HANDLED, m, verb=m.group("verb"), hedged=bool(_AGGREGATE.search(_prefix(text, m.start()))))
        for pattern in _RECEIVED:
            groups = ("gap", "gap2") if "gap2" in pattern.groupindex else ("gap",)
            for m in pattern.finditer(text):
                if not elsewhere(m, *groups):
                    inner = "".join(m.group(g) or "" for g in groups)
                    hedged = bool(_CHANNEL.search(inner) or _AGGREGATE.search(_prefix(text, m.start())))
                    add(RECEIVED, m, verb=m.group("verb"), hedged=hedged)
        for m in _NO_APPLICATIONS.finditer(text):
            rest = text[m.end():m.end() + 12]
            if not re.match(r"[^。；;，,]*?(?:复议|诉讼|投诉|举报)", rest) and not rest.startswith(("人", "公开", "引", "后")):
                found.append(CountStatement(RECEIVED, 0, m.start(), m.end(), negated=True))
    if about_cases:
        for m in _NO_LITIGATION.finditer(text):
            if (litigation_section or "公开" in _sentence(text, m.start())) and not _OUTCOME_AFTER.match(text, m.end()):
                for what, quantity in (("行政复议", REVIEW), ("行政诉讼", SUITS)):
                    if what in m.group("what"):
                        found.append(CountStatement(quantity, 0, m.start(), m.end(), negated=True))
    return sorted(found, key=lambda s: s.start)


def _subject(m: re.Match) -> str:
    return RULES if m.group("what") == "规章" else NORMATIVE

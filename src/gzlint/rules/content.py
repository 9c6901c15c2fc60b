"""GZ501–GZ505, GZ507: what the prose says (template leftovers, who is
speaking, the parts it announces, and what sections 一, 五 and 六 cover)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..diagnostics import Severity
from ..hookspec import hookimpl
from ..metadata import body_kind, report_meta, section_tokens
from .. import packs
from ..metadata.body import DEPARTMENT, GOVERNMENT, KIND_IDS, canonical_kind
from ..matcher.roles import role_section
from ..metadata.numerals import cn_to_int
from ..messages import msg
from ..rule import Rule
from ..text import CN_NUMERALS



def _template() -> "re.Pattern[str]":
    """Template leftovers, from the rule packs' words.toml (template-leftovers)."""
    return _alternatives(tuple(packs.value("words", "template-leftovers", "phrases")),
                         tuple(packs.value("words", "template-leftovers", "patterns")))


@lru_cache(maxsize=None)
def _alternatives(phrases: tuple[str, ...], patterns: tuple[str, ...]) -> "re.Pattern[str]":
    try:
        return re.compile("|".join([*map(re.escape, phrases), *patterns]))
    except re.error as exc:
        raise packs.PackError(f"words.toml: template-leftovers.patterns: {exc}") from None


def _self_words() -> tuple["re.Pattern[str]", dict[str, str], tuple[str, ...]]:
    """Self-references (我局, 本镇 …), the kind of body each belongs to, and
    the words after which they are none (本中心城区), from words.toml."""
    kinds = {word: canonical_kind(kind) for word, kind in packs.value("words", "self-reference", "words").items()}
    unknown = [word for word, kind in kinds.items() if kind is None]
    if unknown:
        raise packs.PackError(f"words.toml: self-reference.words: unknown body kind for {'、'.join(unknown)}")
    # the longest word first: 我街道办事处 is not 我街道
    words = tuple(sorted(kinds, key=len, reverse=True))
    return _self_pattern(words), kinds, tuple(packs.value("words", "self-reference", "not-after"))


@lru_cache(maxsize=None)
def _self_pattern(words: tuple[str, ...]) -> "re.Pattern[str]":
    return re.compile(f"[我本]({'|'.join(map(re.escape, words))})")
_PARTS = re.compile(f"(?:共|分为|包括|包含|由)[^。]{{0,120}}?(?P<n>[{CN_NUMERALS}\\d]{{1,2}})\\s*(?:个)?\\s*(?:部分|方面)")
_EMPTY_FIVE = re.compile(r"^[无暂没有。.．、：:，,\s]*$")
#: what says whether a fee was charged: 信息处理费, 收费, 无向申请人收取政府信息公开费用
_FEE = re.compile(r"处理费|收费|收取[^。；;]{0,20}费")


class TemplateLeftover(Rule):
    """Leftover template text: 编写说明, （文字描述）, XX, ××, 某某, 此处填写.

    Why:
        A report published with the template's instructions or placeholders
        in it was not finished; reviewers treat it as a serious defect.

    Bad:
        一、总体情况
        （文字描述）XX局坚持……

    Good:
        一、总体情况
        2021年，青山县交通运输局坚持……

    Fix:
        Replace every placeholder with the real text and delete the
        template's instructions.
    """

    code = "GZ501"
    name = "template-leftover"
    severity = Severity.ERROR
    summary = "残留模板文字（编写说明、（文字描述）、XX、××、某某、此处填写）"

    def check(self, report):
        template = _template()  # once per report: the packs do not change while it is checked
        for t in report.prose():
            for m in template.finditer(t.text):
                sec = report.section_of(t.index)
                yield self.diag(report, msg("GZ501.leftover", text=m.group(0), excerpt=_excerpt(t.text, m.start(), m.end())),
                                line=t.line, section=sec.spec.official if sec else None)


class ForeignSelfReference(Rule):
    """The report speaks of itself as another kind of body.

    Why:
        A 局's report that says 我镇 (or a 街道's that says 我局) was copied
        from another unit's report and not fully adapted.

    Bad:
        西工区文化旅游局2020年政府信息公开工作年度报告
        …… 我镇充分利用政务宣传栏，主动公开相关事项……

    Good:
        …… 我局充分利用政务宣传栏，主动公开相关事项……

    Fix:
        Rewrite the passage for your own body; check the rest of it was not
        copied too. If the kind guessed from the name is wrong, set it with
        ``body-kind`` in the configuration.
    """

    code = "GZ502"
    name = "foreign-self-reference"
    severity = Severity.WARNING
    summary = "报告以其他类型机关的口吻自称（如局的报告中出现「我镇」）"

    def check(self, report):
        kind, _source = body_kind(report, self.settings)
        if kind is None:
            return
        body = report_meta(report).body or kind
        self_ref, self_kind, not_after = _self_words()
        for t in report.prose():
            for m in self_ref.finditer(t.text):
                if t.text.startswith(not_after, m.end()):
                    continue
                said = self_kind[m.group(1)]
                # a 人民政府 may say 我局 of none of its own; a 部门 never says 我镇
                if said == kind or (kind == GOVERNMENT and said == DEPARTMENT):
                    continue
                sec = report.section_of(t.index)
                yield self.diag(report, msg("GZ502.foreign", body=body, kind=msg(KIND_IDS[kind]), said=m.group(0),
                                                excerpt=_excerpt(t.text, m.start(), m.end())),
                                line=t.line, section=sec.spec.official if sec else None)


class PartCount(Rule):
    """The introduction counts its parts, and the count disagrees with the sections present.

    Why:
        "全文共六个部分" promises six sections; if one is missing or merged,
        the count shows the text was not updated.

    Bad:
        本报告共五个部分……          (and six sections follow)

    Good:
        本报告由总体情况、主动公开政府信息情况……等六个部分组成。

    Fix:
        Make the count match the sections (the form has six).
    """

    code = "GZ503"
    name = "part-count"
    severity = Severity.WARNING
    summary = "引言所述报告部分数与实际章节数不符"

    def check(self, report):
        if not report.sections:
            return
        end = report.sections[1].token.index if len(report.sections) > 1 else len(report.tokens)
        for t in report.prose():
            if t.index >= end:
                break
            for m in _PARTS.finditer(t.text):
                sentence = t.text[max(t.text.rfind("。", 0, m.start()) + 1, 0):m.end()]
                if not any(w in sentence for w in ("报告", "内容", "全文", "主要")):
                    continue
                n = cn_to_int(m.group("n"))
                if n and n != len(report.sections):
                    yield self.diag(report, msg("GZ503.parts", said=m.group(0)[-8:], sections=len(report.sections)), line=t.line)
                return


class EmptyProblems(Rule):
    """Section 五 (存在的主要问题及改进情况) is empty or only says 无.

    Why:
        Reviewers expect every body to name its problems and what it will do;
        "无" is marked down.

    Bad:
        五、存在的主要问题及改进情况
        无。

    Good:
        五、存在的主要问题及改进情况
        政策解读形式较为单一。下一步将丰富图表、视频等解读形式。

    Fix:
        State at least one real problem and the measure taken for it.
    """

    code = "GZ504"
    name = "empty-problems"
    severity = Severity.WARNING
    summary = "第五部分（存在的主要问题及改进情况）为空或只写「无」"
    roles = ("section.problems",)

    def check(self, report):
        sec = role_section(report, "section.problems")
        if sec is None:
            return
        text = "".join(t.text for t in section_tokens(report, sec.spec.number))
        if _EMPTY_FIVE.match(text):
            message = (msg("GZ504.only", section=sec.spec.official, text=text.strip()) if text.strip()
                       else msg("GZ504.empty", section=sec.spec.official))
            yield self.diag(report, message,
                            line=sec.line, section=sec.spec.official)


class NoProcessingFee(Rule):
    """A 2021-format report whose section 六 says nothing about 信息处理费.

    Why:
        The 2021 format (国办公开办函〔2021〕30号) asks section 六 to report
        the 信息处理费 charged under 《政府信息公开信息处理费管理办法》,
        including that none was charged.

    Bad:
        六、其他需要报告的事项
        无。

    Good:
        六、其他需要报告的事项
        本年度未收取信息处理费。

    Fix:
        Say whether, how often and how much 信息处理费 was charged.
    """

    code = "GZ505"
    name = "no-processing-fee"
    severity = Severity.INFO
    summary = "2021年新格式报告的第六部分未说明信息处理费收取情况"
    roles = ("section.other",)
    form_check = "processing-fee"

    def check(self, report):
        sec = role_section(report, "section.other")
        if sec is None:
            return
        text = "".join(t.text for t in section_tokens(report, sec.spec.number))
        if not _FEE.search(text):
            yield self.diag(report, msg("GZ505.no-fee", section=sec.spec.official),
                            line=sec.line, section=sec.spec.official)


class OverviewTopics(Rule):
    """一、总体情况 does not cover 主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障.

    Why:
        The national format's notes ask 一 to summarise these five areas;
        evaluations check each.

    Bad:
        一、总体情况
        （一）主动公开 …  （二）依申请公开 …      (nothing on 平台建设, 监督保障)

    Good:
        （一）主动公开 （二）依申请公开 （三）政府信息管理 （四）平台建设 （五）监督保障

    Fix:
        Add a paragraph on each area missing.
    """

    code = "GZ507"
    name = "overview-topics"
    severity = Severity.INFO
    summary = "第一部分（总体情况）未涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障"
    roles = ("section.overview",)

    def check(self, report):
        sec = role_section(report, "section.overview")
        if sec is None:
            return
        # the introduction before 一 often lists the areas too
        intro = [t for t in report.prose() if t.index < sec.token.index and t.line != report.title_line]
        text = _without_topic_lists(
            "".join(t.text for t in intro + section_tokens(report, sec.spec.number)), sec.spec.topics)
        missing = [topic for topic in sec.spec.topics if not any(w in text for w in sec.spec.words(topic))]
        if missing:
            yield self.diag(report, msg("GZ507.missing", section=sec.spec.official, topics=missing), line=sec.line,
                            section=sec.spec.official, missing=missing)


def _without_topic_lists(text: str, topics: tuple[str, ...]) -> str:
    """``text`` without the form's own list of the topics ("推进主动公开、依申请公开、政府信息管理、
    平台建设、监督保障"): naming four or more of them in one run, as the form's instructions do,
    describes none of them."""
    if not topics:
        return text
    names = "|".join(re.escape(t) for t in sorted(topics, key=len, reverse=True))
    return re.sub(f"(?:{names})(?:[、和及与]+(?:{names})){{3,}}", "", text)


def _excerpt(text: str, start: int, end: int, width: int = 12) -> str:
    """The words around a match, for the message."""
    left = "…" if start > width else ""
    right = "…" if end + width < len(text) else ""
    return f"{left}{text[max(0, start - width):end + width].strip()}{right}"


@hookimpl
def gzlint_rules():
    return [TemplateLeftover, ForeignSelfReference, PartCount, EmptyProblems, NoProcessingFee, OverviewTopics]

"""GZ307, GZ308: numbers stated in the prose, against the tables and against
themselves. Prose states counts loosely — 件/条/项/次/个, 共/合计/累计,
Chinese numerals — so the patterns are tolerant and a statement is only
contradicted where no reasonable reading of the table agrees with it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..diagnostics import Severity
from ..hookspec import hookimpl
from ..matcher.identities import identity_results
from ..metadata.numerals import parse_count
from ..metadata.period import sentence_around as _sentence
from ..rule import Rule

_NUM = r"(?P<n>\d+|[零〇一二两三四五六七八九十百千]+)"
_UNIT = r"[件条项次个份起宗]"
#: a number written approximately: 406余条, 近百条, 约30件
_APPROX_AFTER = ("余", "多")
_APPROX_BEFORE = ("约", "近", "逾", "超过", "达")

#: "本年共收到政府信息公开申请16件", "收到申请5件", "共办理依申请公开0件"
_APPLICATIONS = [
    re.compile(r"(?P<verb>收到|接到|受理|接收|新收|办理)[^。；;，,\d]{0,25}?申请[^。；;，,\d]{0,8}?" + _NUM + r"\s*" + _UNIT),
    re.compile(r"(?P<verb>收到|接到|受理|接收|新收)[^。；;，,\d]{0,6}?" + _NUM + r"\s*" + _UNIT + r"[^。；;，,]{0,14}?申请"),
]
_NO_APPLICATIONS = re.compile(r"(?:未|没有|无)(?:收到|接到|受理|接收|发生)[^。；;，,]{0,20}?申请")
#: "行政复议2件", "行政诉讼1起" ("未发生行政复议", without a number, is GZ510's)
_LITIGATION = re.compile(r"(?P<what>行政复议|行政诉讼)(?:案件)?[^。；;，,\d]{0,4}?" + _NUM + r"\s*" + _UNIT)
#: "共公开229条，其中工作动态228条，计划总结类1条，其他3条"
_TOTAL = re.compile(r"(?:共|合计|累计|总计)[^。；;，,\d]{0,12}?" + _NUM + r"\s*(?P<u>[件条项次个份])")
_AMONG = re.compile(r"\s*[。，,；;]?\s*其中\s*[，,：:]?")
_PART = re.compile(r"(?P<label>[^，,、。；;：:\d]{1,20}?)\s*" + _NUM + r"\s*[件条项次个份]")


@dataclass
class Statement:
    number: int
    text: str
    line: int | None
    index: int


def _value(match: re.Match, text: str) -> int | None:
    """The count a match states, or None when it is approximate."""
    after = text[match.end("n"):match.end("n") + 2]
    before = text[max(0, match.start("n") - 2):match.start("n")]
    if after.lstrip().startswith(_APPROX_AFTER) or before.endswith(_APPROX_BEFORE):
        return None
    return parse_count(match.group("n"))


def _number(cell) -> Decimal | None:
    return cell.number if cell is not None and cell.is_number else None


def _in_broken_identity(report) -> set[tuple[str, str, str]]:
    """(table, row, column) of cells in an identity that does not hold: the
    table is already reported (GZ301–GZ304), and the prose may be the right one."""
    cells = set()
    for result in identity_results(report):
        if not result.holds:
            cells |= {(result.table.id, t.row.id, t.column.id) for t in result.terms()}
    return cells


class ProseDisagreesWithTables(Rule):
    """A number stated in the prose disagrees with the tables.

    Why:
        Readers quote the prose; a count there that differs from the table
        ("共收到申请5件" while 一 总计 is 3) means one of them is wrong.

    Bad:
        本年共收到政府信息公开申请5件。      (表三 一、本年新收 总计 = 3)
        本年度未收到政府信息公开申请。       (一、本年新收 总计 = 2)
        本年度发生行政复议2件。             (表四 行政复议 总计 = 1)

    Good:
        本年共收到政府信息公开申请3件。

    Fix:
        Correct whichever is wrong, the sentence or the table.
    """

    code = "GZ307"
    name = "prose-disagrees-with-tables"
    severity = Severity.ERROR
    summary = "正文所述数字与统计表格不一致"

    def check(self, report):
        yield from self._applications(report)
        yield from self._litigation(report)

    def _applications(self, report):
        table = report.tables.get("applications")
        if table is None:
            return
        new = _number(table.cell("new", "total"))
        if new is None or ("applications", "new", "total") in _in_broken_identity(report):
            return
        carried = _number(table.cell("carried_in", "total")) or Decimal(0)
        handled = _number(table.cell("total", "total"))
        spec = table.spec
        for t in report.prose():
            seen: set[int] = set()
            for pattern in _APPLICATIONS:
                for m in pattern.finditer(t.text):
                    n = _value(m, t.text)
                    if n is None or m.start() in seen:
                        continue
                    seen.add(m.start())
                    # 办理/受理 may count carried-over applications, or all handled
                    accepted = {new}
                    if m.group("verb") in ("办理", "受理"):
                        accepted |= {new + carried} | ({handled} if handled is not None else set())
                    if Decimal(n) not in accepted:
                        yield self.table_diag(report, spec, f"正文「{_sentence(t.text, m.start(), m.end())}」为{n}件，"
                                                            f"表三「一、本年新收政府信息公开申请数量」总计为{new}",
                                              line=t.line, row=spec.row("new"), column=spec.column("total"))
            m = _NO_APPLICATIONS.search(t.text)
            if m and new != 0:
                yield self.table_diag(report, spec, f"正文「{_sentence(t.text, m.start(), m.end())}」，"
                                                    f"但表三「一、本年新收政府信息公开申请数量」总计为{new}",
                                      line=t.line, row=spec.row("new"), column=spec.column("total"))

    def _litigation(self, report):
        table = report.tables.get("litigation")
        if table is None:
            return
        broken = _in_broken_identity(report)

        def total(row: str) -> Decimal | None:
            return None if ("litigation", row, "total") in broken else _number(table.cell(row, "total"))

        review, direct, after = total("review"), total("direct"), total("after_review")
        suits = direct + after if direct is not None and after is not None else None
        expected = {"行政复议": (review, "review", "「行政复议」总计"),
                    "行政诉讼": (suits, "direct", "「行政诉讼」两项总计之和")}
        spec = table.spec
        for t in report.prose():
            for m in _LITIGATION.finditer(t.text):
                n = _value(m, t.text)
                value, row, name = expected[m.group("what")]
                if n is not None and value is not None and Decimal(n) != value:
                    yield self.table_diag(report, spec, f"正文「{_sentence(t.text, m.start(), m.end())}」为{n}件，"
                                                        f"表四{name}为{value}",
                                          line=t.line, row=spec.row(row), column=spec.column("total"))


class ProseCountDoesNotAddUp(Rule):
    """A count in the prose does not add up: the parts listed after 其中 sum
    to more than the total, or a list closed by 其他 does not reach it.

    Why:
        "共公开229条，其中工作动态228条，计划总结类1条，其他3条" cannot all be
        true; one of the numbers was not updated.

    Bad:
        共公开信息229条，其中工作动态228条，计划总结类1条，其他3条。

    Good:
        共公开信息232条，其中工作动态228条，计划总结类1条，其他3条。

    Fix:
        Recount and correct the total or the parts.
    """

    code = "GZ308"
    name = "prose-count-does-not-add-up"
    severity = Severity.WARNING
    summary = "正文中的分项数字之和与所述总数不符"

    def check(self, report):
        for t in report.prose():
            for m in _TOTAL.finditer(t.text):
                total = _value(m, t.text)
                among = _AMONG.match(t.text, m.end())
                if total is None or among is None:
                    continue
                end = min([i for i in (t.text.find(p, among.end()) for p in "。；;") if i >= 0] or [len(t.text)])
                parts = []
                for p in _PART.finditer(t.text, among.end(), end):
                    value = _value(p, t.text)
                    if value is None:
                        break
                    parts.append((p.group("label").strip(), value))
                if len(parts) < 2:
                    continue
                added = sum(v for _, v in parts)
                closed = any(label.startswith(("其他", "其余", "另")) for label, _ in parts)
                if added > total or (closed and added != total):
                    listed = "+".join(str(v) for _, v in parts)
                    yield self.diag(report, f"「{t.text[m.start():end].strip()}」：分项之和{listed}={added}，"
                                            f"与总数{total}不符", line=t.line)


@hookimpl
def gzlint_rules():
    return [ProseDisagreesWithTables, ProseCountDoesNotAddUp]

"""GZ307, GZ308: numbers stated in the prose, against the tables and against
themselves. metadata.counts reads which quantity a sentence counts; a
statement is only contradicted where no reasonable reading of the table
agrees with it, and one that may count something else is at most an info."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..diagnostics import Severity
from ..form.spec import Place
from ..form.values import format_number
from ..hookspec import hookimpl
from ..matcher.identities import identity_results
from ..matcher.roles import role_place, role_table, role_value
from ..metadata import counts as q
from ..metadata.numerals import parse_count
from ..metadata.period import sentence_around as _sentence
from ..messages import msg
from ..rule import Rule
from ..text import CN_COUNT_NUMERALS, strip_note
from .numbers import role_number
from .statements import LITIGATION_SECTION, prose_counts

#: the form roles (docs/forms.md) the prose is compared with: a row's 总计 in
#: table 三 and table 四, and the documents of table 二 第（一）项
TOTAL = "total"
NEW, CARRIED_IN, HANDLED, CARRY_OVER = ("applications.new", "applications.carried_in", "applications.handled",
                                        "applications.carry_over")
DISCLOSED, PARTIAL = "applications.disclosed", "applications.partial"
REVIEW, DIRECT, AFTER_REVIEW = "litigation.review", "litigation.direct", "litigation.after_review"
#: the row of each document kind and the column of each quantity a statement names
DOCUMENT_ROWS = {q.NORMATIVE: "active.normative", q.RULES: "active.rules"}
DOCUMENT_COLUMNS = {q.IN_FORCE: "in_force", q.ISSUED: "issued"}
#: said of a 总计 the report left blank and that was read as its row's sum
_ROW_SUM = "（总计为空，按本行各列之和）"

#: verbs that may count all applications handled (（七）总计)
_LOOSE_VERBS = ("办理", "受理")
#: the verb that may count the applications carried in as well (一 + 二)
_HANDLING_VERB = "办理"
#: "共公开229条，其中工作动态228条，计划总结类1条，其他3条"
_NUM = rf"(?P<n>\d+|[{CN_COUNT_NUMERALS}]+)"
_TOTAL = re.compile(r"(?:共|合计|累计|总计)[^。；;，,\d]{0,12}?" + _NUM + r"\s*(?P<u>[件条项次个份])")
#: 其中 right after the total, or opening a bracket: "共公布2599条，(其中…856条)"
_AMONG = re.compile(r"\s*[。，,；;]?\s*(?P<open>[（(])?\s*其中\s*[，,：:]?")
_PART = re.compile(r"(?P<label>[^，,、。；;：:\d]{1,20}?)\s*" + _NUM + r"\s*(?P<u>[件条项次个份])")
_NESTED = re.compile(r"其中|[（(]")
#: where an item was published: one item may be counted on several
_CHANNEL = re.compile(r"网站|网页|门户|微信|微博|公众号|客户端|新媒体|平台|公报|报刊|报纸|电视|广播|APP|抖音|头条|视频号|公开栏|显示屏")
#: a number written approximately: 406余条, 近百条, 约30件
_APPROX_AFTER = ("余", "多")
_APPROX_BEFORE = ("约", "近", "逾", "超过", "达")


def _value(match: re.Match, text: str) -> int | None:
    """The count a match states, or None when it is approximate."""
    after = text[match.end("n"):match.end("n") + 2]
    before = text[max(0, match.start("n") - 2):match.start("n")]
    if after.lstrip().startswith(_APPROX_AFTER) or before.endswith(_APPROX_BEFORE):
        return None
    return parse_count(match.group("n"))


def _in_broken_identity(report) -> set[tuple[str, str, str]]:
    """(table, row, column) of cells in an identity that does not hold: the
    table is already reported (GZ301–GZ304), and the prose may be the right one."""
    cells = set()
    for result in identity_results(report):
        if not result.holds:
            cells |= {(result.table.id, t.row.id, t.column.id) for t in result.terms()}
    return cells


def _blank(report, row: str, column: str) -> bool:
    cell = role_value(report, row, column)
    return cell is not None and cell.status == "blank"


def _row_total(report, row: str) -> tuple[Decimal, bool] | None:
    """A row role's 总计, and whether it was summed: as written, or, where the
    report left it blank, the sum of the row's other cells (blanks read as 0)."""
    total = role_number(report, row, TOTAL)
    if total is not None:
        return total, False
    where, table, cell = role_place(report, f"{row}.{TOTAL}"), role_table(report, row), role_value(report, row, TOTAL)
    if where is None or table is None or cell is None or cell.status != "blank":
        return None
    values = [table.cell(where.row.id, c.id) for c in where.table.columns if c is not where.column]
    if any(v is None or v.status not in ("number", "blank") for v in values):
        return None
    if not any(v.status == "number" for v in values):
        return None
    return sum((v.as_number() for v in values), Decimal(0)), True


@dataclass
class Expected:
    """What the tables say of one quantity, where, and how a message names it."""

    value: Decimal
    name: str
    place: Place


def _expected(report) -> dict[tuple[str, str], Expected]:
    """(quantity, subject) → the table's figure, for every figure that is
    readable and not part of an identity already broken (GZ301–GZ304)."""
    broken = _in_broken_identity(report)
    out: dict[tuple[str, str], Expected] = {}

    def put(key, row, name, column=TOTAL, value=None, also=()):
        """The figure of row role ``row`` in ``column``, or ``value`` made of it
        and of the rows ``also``."""
        place = role_place(report, f"{row}.{column}")
        for r in (row, *also):
            where = role_place(report, f"{r}.{column}")
            # a blank 总计 breaks its identity by being blank: its row sum still reads
            if where is None or (where.ids in broken and not _blank(report, r, column)):
                return
        value = role_number(report, row, column) if value is None else value
        if value is not None:
            out[key] = Expected(value, name, place)

    def label(row):
        where = role_place(report, row)
        return f"{where.table.title}「{where.row.label.text}」" if where else ""

    for quantity, row in ((q.RECEIVED, NEW), (q.HANDLED, HANDLED), (q.CARRIED_OUT, CARRY_OVER)):
        put((quantity, ""), row, f"{label(row)}总计")
    disclosed, partial = _row_total(report, DISCLOSED), _row_total(report, PARTIAL)
    if disclosed is not None:
        put((q.DISCLOSED, ""), DISCLOSED, f"{label(DISCLOSED)}总计{_ROW_SUM * disclosed[1]}", value=disclosed[0])
    if disclosed is not None and partial is not None:
        partial_label = strip_note(role_place(report, PARTIAL).row.label.text)
        put((q.DISCLOSED_OR_PARTIAL, ""), DISCLOSED,
            f"{label(DISCLOSED)}总计{format_number(disclosed[0])} + 「{partial_label}」总计"
            f"{format_number(partial[0])}{_ROW_SUM * (disclosed[1] or partial[1])}", value=disclosed[0] + partial[0],
            also=(PARTIAL,))
    put((q.REVIEW, ""), REVIEW, f"{label(REVIEW)}总计")
    direct, after = role_number(report, DIRECT, TOTAL), role_number(report, AFTER_REVIEW, TOTAL)
    if direct is not None and after is not None:
        lit = role_place(report, DIRECT)
        put((q.SUITS, ""), DIRECT,
            f"{lit.table.title}「行政诉讼」（{lit.row.label.text}总计{format_number(direct)} + "
            f"{role_place(report, AFTER_REVIEW).row.label.text}总计{format_number(after)}）",
            value=direct + after, also=(AFTER_REVIEW,))
    for subject, row in DOCUMENT_ROWS.items():
        for quantity, column in DOCUMENT_COLUMNS.items():
            where = role_place(report, f"{row}.{column}")  # the 2019 form counts no documents in force
            if where is not None:
                put((quantity, subject), row, f"{label(row)}{where.column.label.text}", column=column)
    return out


class ProseDisagreesWithTables(Rule):
    """A number stated in the prose disagrees with the tables.

    Each count is compared with the figure it states: applications received
    (一、本年新收), handled (（七）总计) or carried over (四) with table 三;
    行政复议 and 行政诉讼 cases with table 四; documents in force or issued
    this year with table 二 第（一）项. Slogans and ordinals ("三个一",
    第一时间), counts of another subject in the same sentence and negations
    of another thing (未发生…行政复议) are not read as counts. A count equal
    to 一 + 二 (received plus carried in), or one the sentence may state of a
    part (清理并集中发布现行有效文件393件), is an info.

    Why:
        Readers quote the prose; a count there that differs from the table
        ("共收到申请5件" while 一 总计 is 3) means one of them is wrong.

    Bad:
        本年共收到政府信息公开申请5件。      (表三 一、本年新收 总计 = 3)
        本年度未收到政府信息公开申请。       (一、本年新收 总计 = 2)
        本年度发生行政复议2件。             (表四 行政复议 总计 = 1)

    Good:
        本年共收到政府信息公开申请3件。
        行政复议2起，行政诉讼3起。          (表四 复议 2; 直接起诉 1 + 复议后起诉 2)

    Fix:
        Correct whichever is wrong, the sentence or the table.
    """

    code = "GZ307"
    name = "prose-disagrees-with-tables"
    severity = Severity.ERROR
    summary = "正文所述数字与统计表格不一致"

    roles = (NEW, CARRIED_IN, HANDLED, CARRY_OVER, DISCLOSED, PARTIAL, "applications.total")
    optional_roles = (REVIEW, DIRECT, AFTER_REVIEW, "litigation.total", LITIGATION_SECTION, *DOCUMENT_ROWS.values(),
                      *(f"active.{c}" for c in DOCUMENT_COLUMNS.values()))

    def check(self, report):
        expected = _expected(report)
        if not expected:
            return
        for t, statements in prose_counts(report):
            for statement in statements:
                if statement.negated and statement.quantity in (q.REVIEW, q.SUITS):
                    continue  # "未发生行政复议" says it in words, not a number: GZ510
                exp = expected.get((statement.quantity, statement.subject))
                if exp is not None:
                    yield from self._compare(report, t, statement, exp, expected)

    def _compare(self, report, t, s: q.CountStatement, exp: Expected, expected):
        n = Decimal(s.number)
        if n == exp.value:
            return
        said = _sentence(t.text, s.start, s.end)
        args = dict(said=said, name=exp.name, value=format_number(exp.value))
        table, where = exp.place.table, dict(line=t.line, row=exp.place.row, column=exp.place.column)
        if s.negated:
            yield self.table_diag(report, table, msg("GZ307.negated", **args), **where)
            return
        info = None
        if s.quantity == q.RECEIVED:
            handled = expected.get((q.HANDLED, ""))
            if s.verb in _LOOSE_VERBS and handled is not None and n == handled.value:
                return
            carried = role_number(report, CARRIED_IN, TOTAL)
            if carried and n == exp.value + carried and s.verb == _HANDLING_VERB:
                return  # 办理 naturally counts the applications carried in
            if carried and n == exp.value + carried:
                info = msg("GZ307.with-carried", **args, number=format_number(n),
                           carried_row=role_place(report, CARRIED_IN).row.label.text, carried=format_number(carried))
        if info is None and s.hedged:
            info = msg("GZ307.hedged", **args, number=format_number(n))
        if info is not None:
            diag = self.table_diag(report, table, info, **where)
            diag.severity = Severity.INFO
            yield diag
            return
        yield self.table_diag(report, table, msg("GZ307.differs", **args, number=format_number(n)), **where)


class ProseCountDoesNotAddUp(Rule):
    """A count in the prose does not add up: the parts listed after 其中 sum
    to more than the total, or a list closed by 其他 does not reach it.

    Only plain lists are read: parts in the total's unit, no list within the
    list, and no channels (网站, 微信 …), whose counts overlap.

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
                stops = "）)" if among.group("open") else "。；;"  # a bracketed list ends at its bracket
                end = min([i for i in (t.text.find(p, among.end()) for p in stops) if i >= 0] or [len(t.text)])
                if _NESTED.search(t.text, among.end(), end):
                    continue  # a list within the list: which parts add up to what is not clear
                parts = []
                for p in _PART.finditer(t.text, among.end(), end):
                    value = _value(p, t.text)
                    if value is None or p.group("u") != m.group("u"):
                        break
                    parts.append((p.group("label").strip(), value))
                # channels overlap (one item on the website and on WeChat): their counts need not add up
                if len(parts) < 2 or any(_CHANNEL.search(label) for label, _ in parts):
                    continue
                added = sum(v for _, v in parts)
                closed = any(label.startswith(("其他", "其余", "另")) for label, _ in parts)
                if added > total or (closed and added != total):
                    listed = "+".join(str(v) for _, v in parts)
                    yield self.prose_diag(report, t, msg("GZ308.sum", text=t.text[m.start():end].strip(), listed=listed,
                                                         added=str(added), total=str(total)))


@hookimpl
def gzlint_rules():
    return [ProseDisagreesWithTables, ProseCountDoesNotAddUp]

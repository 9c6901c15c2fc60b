"""GZ301–GZ304: the identities (勾稽关系) between cells, as the form data
declares them (H1–H4 in the format TOML files); GZ309: the bound one
report's table 二 第（一）项 sets on its own 现行有效件数."""

from __future__ import annotations

from typing import ClassVar

from ..diagnostics import Severity
from ..form.values import format_number
from ..hookspec import hookimpl
from ..matcher.identities import IdentityResult, Term, identity_results
from ..matcher.roles import role_place, role_value
from ..messages import msg
from ..rule import Rule, cell_name
from ..text import SECTION_MARK, strip_note
from .numbers import role_number

#: a sum with more terms than this is named by its description, not term by term
_MAX_TERMS = 6


def short_label(term: Term, along_column: bool) -> str:
    """一 for 一、本年新收…, （二）部分公开 for the long （二） label, 总计 for a column."""
    if not along_column:
        return term.column.label.text
    text = term.row.label.text
    m = SECTION_MARK.match(text)
    if m:
        return m.group(1)
    return strip_note(text) if text.startswith("（") else text


def describe_side(terms: list[Term], along_column: bool, description: str) -> str:
    total = format_number(sum((t.cell.as_number() for t in terms), 0))
    if len(terms) > _MAX_TERMS:
        return f"{description}({total})" if description else total
    parts = " + ".join(f"{short_label(t, along_column)}({format_number(t.cell.as_number())})" for t in terms)
    return parts if len(terms) == 1 else f"{parts} = {total}"


class _IdentityRule(Rule):
    """Reports the broken instances, on readable cells, of the form's
    identities of one ``identity_kind`` in the table its one role names.

    Instances with a non-number or a missing cell are left to GZ202/GZ115, and
    those with a blank are folded into GZ201."""

    severity = Severity.ERROR
    #: balance, column-sum or row-sum (the identity's kind in the form file)
    identity_kind: ClassVar[str] = ""

    def check(self, report):
        (table_role,) = self.roles
        table = role_place(report, table_role).table
        for result in identity_results(report):
            if result.spec.kind != self.identity_kind or result.table.id != table.id:
                continue
            if not (result.holds or result.unreadable or result.blanks):
                yield self._report(report, result)

    def _report(self, report, result: IdentityResult):
        along_column = result.spec.along == "column"
        left = describe_side(result.left, along_column, "")
        right = describe_side(result.right, along_column, result.spec.description)
        anchor = result.left[0]
        # where one side is a single cell (the （七）总计 of a column sum, the 总计
        # of a row sum) the finding is that cell's; a balance of sums has none
        single = next((side[0] for side in (result.left, result.right) if len(side) == 1), None)
        return self.table_diag(
            report, result.table,
            msg("identity.column" if along_column else "identity.row", table=result.table.title,
                label=result.along.label.text, left=left, right=right),
            line=anchor.cell.line,
            row=result.along if not along_column else (single.row if single else None),
            column=result.along if along_column else (single.column if single else None),
            cell=(single or anchor).cell,
            identity=result.spec.id, left=float(result.left_sum), right=float(result.right_sum),
        )


class ApplicationsBalance(_IdentityRule):
    """Table 三, per column: 一 + 二 must equal 三（七）总计 + 四 — the
    勾稽关系 the form prints in its top-left cell.

    Why:
        Applications received this year plus those carried in are either
        handled this year or carried to next year; a broken balance means a
        figure is wrong.

    Bad:
        一、本年新收 3 | 二、上年结转 1 | （七）总计 2 | 四、结转下年度 1
        (3 + 1 = 4 ≠ 2 + 1 = 3)

    Good:
        一、本年新收 3 | 二、上年结转 1 | （七）总计 3 | 四、结转下年度 1

    Fix:
        Recount the applications handled and carried over in that column.
    """

    code = "GZ301"
    name = "applications-balance"
    identity_kind, roles = "balance", ("applications",)
    summary = "表三各列：一 + 二 ≠ 三（七）总计 + 四（表中印明的勾稽关系）"


class OutcomesTotal(_IdentityRule):
    """Table 三, per column: （七）总计 must equal the sum of （一）…（六）
    and their sub-rows.

    Why:
        （七）总计 is the number of applications handled; every handled
        application has exactly one outcome row.

    Bad:
        （一）予以公开 6 | （二）部分公开 2 | …其余为0 | （七）总计 9

    Good:
        （一）予以公开 6 | （二）部分公开 2 | …其余为0 | （七）总计 8

    Fix:
        Correct the outcome rows or the total so that they agree.
    """

    code = "GZ302"
    name = "outcomes-total"
    identity_kind, roles = "column-sum", ("applications",)
    summary = "表三各列：（七）总计 ≠ （一）至（六）各项之和"


class ApplicantsTotal(_IdentityRule):
    """Table 三, per row: 总计 must equal 自然人 plus the five 法人或其他组织
    columns.

    Why:
        总计 counts every applicant once; a row whose columns do not add up
        has a typing error in one of its cells.

    Bad:
        一、本年新收 | 12 | 3 | 0 | 0 | 0 | 1 | 15

    Good:
        一、本年新收 | 12 | 3 | 0 | 0 | 0 | 1 | 16

    Fix:
        Correct the cell that is wrong, or the total.
    """

    code = "GZ303"
    name = "applicants-total"
    identity_kind, roles = "row-sum", ("applications",)
    summary = "表三各行：总计 ≠ 自然人 + 法人或其他组织各列之和"


class LitigationTotal(_IdentityRule):
    """Table 四, per group (行政复议, 未经复议直接起诉, 复议后起诉): 总计 must
    equal 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

    Why:
        Every case ends in exactly one result or is still pending.

    Bad:
        行政复议: 结果维持 1 | 结果纠正 0 | 其他结果 0 | 尚未审结 1 | 总计 3

    Good:
        行政复议: 结果维持 1 | 结果纠正 0 | 其他结果 0 | 尚未审结 1 | 总计 2

    Fix:
        Correct the results or the total of that group.
    """

    code = "GZ304"
    name = "litigation-total"
    identity_kind, roles = "row-sum", ("litigation",)
    summary = "表四各组：总计 ≠ 结果维持 + 结果纠正 + 其他结果 + 尚未审结"


class InForceBelowIssued(Rule):
    """Table 二 第（一）项 (2021 form): 现行有效件数 is below 本年制发件数 −
    本年废止件数. Needs no other report (GZ305 checks the exact balance
    against last year's report).

    Why:
        What was issued this year and not repealed is still in force at the
        end of the year, so the documents in force can never be fewer than
        issued minus repealed; "issued 7, repealed 0, in force 0" means a
        column was left at 0 or filled in the wrong row.

    Bad:
        行政规范性文件 | 本年制发 7 | 本年废止 0 | 现行有效 0

    Good:
        行政规范性文件 | 本年制发 7 | 本年废止 0 | 现行有效 52

    Fix:
        Count the documents in force at the end of the year, those issued
        this year included.
    """

    code = "GZ309"
    name = "in-force-below-issued"
    severity = Severity.ERROR
    summary = "现行有效件数少于本年制发件数减本年废止件数（表二第（一）项）"

    roles = ("active.issued", "active.repealed", "active.in_force")
    form_check = "in-force-arithmetic"

    def check(self, report):
        for row_role in report.form.row_roles("active"):
            role = f"active.{row_role}"
            issued, repealed, in_force = (role_number(report, role, c) for c in ("issued", "repealed", "in_force"))
            if None in (issued, repealed, in_force) or in_force >= issued - repealed:
                continue
            where = role_place(report, f"{role}.in_force")
            yield self.cell_diag(
                report, where.table, where.row, where.column, role_value(report, role, "in_force"),
                msg("GZ309.below", cell=cell_name(where.table, where.row, where.column),
                    in_force=format_number(in_force), issued=format_number(issued),
                    repealed=format_number(repealed), bound=format_number(issued - repealed)))


@hookimpl
def gzlint_rules():
    return [ApplicationsBalance, OutcomesTotal, ApplicantsTotal, LitigationTotal, InForceBelowIssued]

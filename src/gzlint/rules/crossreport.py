"""GZ305, GZ306, GZ506: rules over every report of one run.

They read per-report facts (gzlint.reportfacts.ReportFacts: path, year, body,
the cells of the tables their roles name, a prose signature), not whole
reports, so a run keeps only those in memory while files stream through
worker processes.

Reports are paired across years by the issuing body (metadata.body.body_key
tolerates 人民政府/办事处 written or not, and a place prefix dropped). Near
copies are found through bottom-k sketches of the text left once stock
phrasing is dropped (gzlint.nearcopy), so a run of 10,000 reports stays far
below quadratic; small runs are compared exactly, pair by pair.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from math import ceil
from typing import Iterable

from .. import packs
from ..diagnostics import Severity
from ..hookspec import hookimpl
from ..matcher.roles import role_place, role_value
from ..metadata.body import body_key, same_body
from ..messages import msg
from ..rule import Rule, cell_name
from .numbers import role_number


@dataclass
class Entry:
    report: object
    year: int
    key: str


def entries(reports: Iterable) -> list[Entry]:
    """Recognised reports whose body and year are known."""
    out = []
    for r in reports:
        if not (r.recognised and r.form):
            continue
        body, year = r.body, r.year
        if body and year:
            out.append(Entry(r, year, body_key(body)))
    return out


def previous_years(reports: Iterable) -> list[tuple[Entry, Entry]]:
    """(last year's report, this year's report) of the same body, in O(n).

    Exact keys first; otherwise a unique report of year−1 whose key ends like
    this one's (县机关事务局 / 上高县机关事务局)."""
    items = entries(reports)
    by_key: dict[tuple[str, int], list[Entry]] = {}
    by_tail: dict[tuple[str, int], list[Entry]] = {}
    for e in items:
        by_key.setdefault((e.key, e.year), []).append(e)
        by_tail.setdefault((e.key[-5:], e.year), []).append(e)
    pairs = []
    for cur in items:
        prev = by_key.get((cur.key, cur.year - 1))
        if not prev:
            prev = [e for e in by_tail.get((cur.key[-5:], cur.year - 1), []) if same_body(e.key, cur.key)]
        if len(prev) == 1:
            pairs.append((prev[0], cur))
    return pairs


class InForceAcrossYears(Rule):
    """2021 table 二 第（一）项: 现行有效件数 ≠ last year's 现行有效件数 +
    本年制发件数 − 本年废止件数 (needs last year's report of the same body in the run).

    Why:
        The documents in force at the end of the year are those in force a
        year before, plus those issued, minus those repealed; a gap means a
        count is wrong in one of the two reports.

    Bad:
        2021: 行政规范性文件 现行有效件数 12
        2022: 本年制发件数 3, 本年废止件数 1, 现行有效件数 20     (12 + 3 − 1 = 14)

    Good:
        2022: 本年制发件数 3, 本年废止件数 1, 现行有效件数 14

    Fix:
        Recount the documents in force; correct this year's or last year's figure.
    """

    code = "GZ305"
    name = "in-force-across-years"
    severity = Severity.WARNING
    summary = "现行有效件数与上年现行有效件数加本年制发、减本年废止不符（跨年度）"
    scope = "run"

    roles = ("active.issued", "active.repealed", "active.in_force")
    form_check = "in-force-arithmetic"

    def check_run(self, reports):
        for prev, cur in previous_years(reports):
            # last year's form needs the in-force column too (the 2019 form has none)
            if not (self.form_fits(cur.report) and self.form_fits(prev.report)):
                continue
            for row_role in cur.report.form.row_roles("active"):
                role = f"active.{row_role}"
                last = role_number(prev.report, role, "in_force")
                issued, repealed, in_force = (role_number(cur.report, role, c) for c in ("issued", "repealed", "in_force"))
                if None in (last, issued, repealed, in_force) or last + issued - repealed == in_force:
                    continue
                where = role_place(cur.report, f"{role}.in_force")
                yield self.cell_diag(
                    cur.report, where.table, where.row, where.column, role_value(cur.report, role, "in_force"),
                    msg("GZ305.in-force", cell=cell_name(where.table, where.row, where.column), in_force=str(in_force),
                        other=prev.report.path, last=str(last), issued=str(issued), repealed=str(repealed),
                        expected=str(last + issued - repealed)),
                    other=prev.report.path)


class CarryOverAcrossYears(Rule):
    """二、上年结转 (year Y) ≠ 四、结转下年度继续办理 (year Y−1) of the same
    body, per column (needs both reports in the run).

    Why:
        Applications carried into this year are exactly those last year's
        report carried out; a difference means one of the two tables is wrong.

    Bad:
        2021: 四、结转下年度继续办理 总计 2
        2022: 二、上年结转政府信息公开申请数量 总计 0

    Good:
        2022: 二、上年结转政府信息公开申请数量 总计 2

    Fix:
        Correct 二 of this year's table (or 四 of last year's, if that was wrong).
    """

    code = "GZ306"
    name = "carry-over-across-years"
    severity = Severity.WARNING
    summary = "上年结转与上一年度报告的结转下年度不一致（跨年度、分列）"
    scope = "run"

    roles = ("applications.carried_in", "applications.carry_over")

    def check_run(self, reports):
        for prev, cur in previous_years(reports):
            if not (self.form_fits(cur.report) and self.form_fits(prev.report)):
                continue
            out_label = role_place(prev.report, "applications.carry_over").row.label.text
            for col in cur.report.form.column_roles("applications"):
                carried_in = role_number(cur.report, "applications.carried_in", col)
                carried_out = role_number(prev.report, "applications.carry_over", col)
                if carried_in is None or carried_out is None or carried_in == carried_out:
                    continue
                where = role_place(cur.report, f"applications.carried_in.{col}")
                yield self.cell_diag(
                    cur.report, where.table, where.row, where.column, role_value(cur.report, "applications.carried_in", col),
                    msg("GZ306.carried", cell=cell_name(where.table, where.row, where.column), carried_in=str(carried_in),
                        year=prev.year, other=prev.report.path, out_label=out_label, carried_out=str(carried_out)),
                    other=prev.report.path)


# -- near copies -----------------------------------------------------------------

#: the shares of a report's shingles found in last year's report of the same
#: body, or in another body's, that make it a near copy; and the stock phrasing
#: shared by several bodies: rules/national/thresholds.toml [near-copy]
def _near_copy(key: str):
    return packs.value("thresholds", "near-copy", key)


#: runs up to this size are compared exactly, pair by pair
EXACT_MAX = 50


def shingles(facts) -> array:
    """The hashed 5-grams of the prose (gzlint.reportfacts.text_signature)."""
    return facts.signature


def stock_limit(keys: list[str]) -> int:
    """How many bodies must share a shingle for it to be stock phrasing."""
    return max(_near_copy("stock-bodies"), ceil(_near_copy("stock-share") * len(set(keys))))


def overlap(a: set[int], b: set[int], stock: frozenset[int] = frozenset()) -> float:
    """The share of ``a`` also found in ``b``, stock phrasing left out of the
    shared part (but not of ``a``: a report made of stock text is not a copy)."""
    return len((a & b) - stock) / len(a) if a else 0.0


class NearCopy(Rule):
    """The report is a near copy of another report in the run: of the same
    body's report for last year, or of another body's report.

    Why:
        Reviewers have found reports repeating 90% of last year's text, or
        another unit's, with the year or the name changed; they mark down a
        report that repeats 50% or more of last year's.

    Bad:
        青山县交通运输局2022年…年度报告 = the 2021 report with 2021 replaced by 2022

    Good:
        a report whose prose describes this year's work

    Fix:
        Rewrite the prose for this year's work and this body; keep only the
        standard sentences.

    The share is measured on 5-character shingles of the prose (tables left
    out, digits and the body's name neutralised): 50% against last year's
    report of the same body, 70% against another body's. Text that three or
    more bodies of the run share (2% of the bodies in large runs) is stock
    phrasing or a common template and does not count as copied. Large runs use
    a sketch index instead of comparing every pair (numpy, ``pip install
    'gzlint[nearcopy]'``, makes finding the stock text faster).
    """

    code = "GZ506"
    name = "near-copy"
    severity = Severity.WARNING
    summary = "报告与本次检查中的另一份报告高度雷同（同一机关上年报告或其他机关报告）"
    scope = "run"

    def check_run(self, reports):
        items = entries(reports)
        if len(items) < 2:
            return
        sets = [shingles(e.report) for e in items]
        index = {id(e.report): k for k, e in enumerate(items)}
        last_year = {(index[id(p.report)], index[id(c.report)]) for p, c in previous_years(reports)}
        found = near_copies(sets, [e.key for e in items], last_year)
        for ci, (share, oi, how) in sorted(found.items()):
            cur, other = items[ci], items[oi]
            body = other.report.body
            yield self.diag(cur.report, msg("GZ506.copy", share=share, how=msg(f"GZ506.{how}"), other=other.report.path,
                                            body=body or "", year=other.year), other=other.report.path,
                            share=round(share, 3))


def near_copies(signatures: list, keys: list[str], last_year: set[tuple[int, int]],
                force_search: bool = False) -> dict[int, tuple[float, int, str]]:
    """For each report that is a near copy: (share, the other report, how).

    ``signatures`` are sorted hash arrays (or sets of hashes), ``keys`` body
    keys; ``last_year`` holds (last year's, this year's) index pairs of the
    same body. ``force_search`` uses the sketch index even for a small run."""
    from ..nearcopy import as_signature, candidates, stock

    signatures = [as_signature(s) for s in signatures]
    common = stock(signatures, keys, stock_limit(keys))
    n = len(signatures)
    if n <= EXACT_MAX and not force_search:
        pairs: Iterable[tuple[int, int]] = ((i, j) for i in range(n) for j in range(i + 1, n))
    else:
        pairs = candidates(signatures, common)
    sets: dict[int, set[int]] = {}  # built only for reports in a candidate pair

    def shingle_set(i: int) -> set[int]:
        if i not in sets:
            sets[i] = set(signatures[i])
        return sets[i]

    best: dict[int, tuple[float, int, str]] = {}
    for i, j in pairs:
        for ci, oi in ((i, j), (j, i)):
            if (oi, ci) in last_year:
                limit, how = _near_copy("same-body"), "same-body"
            elif not same_body(keys[ci], keys[oi]):
                limit, how = _near_copy("other-body"), "other-body"
            else:
                continue  # the same body in another year: only last year's counts
            share = overlap(shingle_set(ci), shingle_set(oi), common)
            if share >= limit and share > best.get(ci, (0.0,))[0]:
                best[ci] = (share, oi, how)
    return best


@hookimpl
def gzlint_rules():
    return [InForceAcrossYears, CarryOverAcrossYears, NearCopy]

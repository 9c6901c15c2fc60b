"""GZ305, GZ306, GZ506: rules over every report of one run.

They read per-report facts (gzlint.reportfacts.ReportFacts: path, year, body,
the cells of the tables their roles name, a prose signature), not whole
reports, so a run keeps only those in memory while files stream through
worker processes.

Reports are paired across years by the issuing body (metadata.body.body_key
tolerates 人民政府/办事处 written or not, and a place prefix dropped). Near
copies are found with MinHash LSH (datasketch, an optional dependency) so a
run of 10,000 reports stays far below quadratic; small runs, and runs without
datasketch up to a few hundred reports, are compared exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..diagnostics import Diagnostic, Severity
from ..hookspec import hookimpl
from ..matcher.roles import role_place, role_value
from ..metadata.body import body_key, same_body
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
                    f"{cell_name(where.table, where.row, where.column)}为{in_force}，按上一年度报告 {prev.report.path} 的"
                    f"现行有效件数{last} + 本年制发{issued} − 本年废止{repealed}，应为{last + issued - repealed}",
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
                    f"{cell_name(where.table, where.row, where.column)}为{carried_in}，与上一年度（{prev.year}年）报告 "
                    f"{prev.report.path} 的「{out_label}」{carried_out}不一致",
                    other=prev.report.path)


# -- near copies -----------------------------------------------------------------

#: share of a report's shingles found in last year's report of the same body:
#: reviewers mark down reports repeating 50% or more of last year's
SAME_BODY_OVERLAP = 0.5
#: another body's report: higher, since bodies of one place share stock phrases
OTHER_BODY_OVERLAP = 0.7
#: MinHash LSH candidate threshold (Jaccard). Two texts of similar length where
#: one repeats half of the other have Jaccard ≈ 1/3, so 0.3 lets every pair that
#: may reach SAME_BODY_OVERLAP through; candidates are then checked exactly
LSH_THRESHOLD = 0.3
NUM_PERM = 128
#: text shared by this many bodies (or 2% of the bodies in the run, if more) is
#: stock phrasing or a common template, not one unit copying another
STOCK_BODIES = 3
STOCK_SHARE = 0.02
#: runs up to this size are compared exactly, pair by pair
EXACT_MAX = 50
#: without datasketch, exact comparison is still bearable up to this size
EXACT_MAX_WITHOUT_LSH = 300
def shingles(summary) -> set[int]:
    """The hashed 5-grams of the prose (gzlint.reportfacts.text_signature)."""
    return set(summary.signature)


def candidate_pairs(sets: list[set[int]], force_lsh: bool = False) -> Iterable[tuple[int, int]] | None:
    """Index pairs that may be near copies; None when there are too many
    reports to compare exactly and datasketch is not installed."""
    n = len(sets)
    if n <= EXACT_MAX and not force_lsh:
        return ((i, j) for i in range(n) for j in range(i + 1, n))
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        if n <= EXACT_MAX_WITHOUT_LSH:
            return ((i, j) for i in range(n) for j in range(i + 1, n))
        return None
    # Python's str hash is stable within one process, which is all MinHash needs here
    hashes = MinHash.bulk([[s for s in shingle_set] for shingle_set in sets], num_perm=NUM_PERM,
                          hashfunc=lambda s: s)  # already 32-bit hashes
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for i, mh in enumerate(hashes):
        if sets[i]:
            lsh.insert(i, mh)
    pairs = set()
    for i, mh in enumerate(hashes):
        if sets[i]:
            pairs.update((min(i, j), max(i, j)) for j in lsh.query(mh) if j != i)
    return sorted(pairs)


def stock_shingles(sets: list[set[int]], keys: list[str]) -> set[int]:
    """The shingles at least STOCK_BODIES distinct bodies use (2% of the bodies
    in large runs): the form's own wording, stock phrases, a common template."""
    from collections import Counter
    from math import ceil

    per_body: dict[str, set[int]] = {}
    for s, k in zip(sets, keys):
        per_body.setdefault(k, set()).update(s)
    limit = max(STOCK_BODIES, ceil(STOCK_SHARE * len(per_body)))
    if len(per_body) < limit:
        return set()
    counts: Counter = Counter()
    for s in per_body.values():
        counts.update(s)
    return {sh for sh, n in counts.items() if n >= limit}


def overlap(a: set[int], b: set[int], stock: set[int] = frozenset()) -> float:
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
    MinHash LSH from ``datasketch`` (``pip install 'gzlint[nearcopy]'``); without it,
    runs of more than 300 reports are not checked, and GZ506 says so.
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
        if found is None:
            yield Diagnostic(items[0].report.path, self.code, Severity.INFO,
                             f"未安装 datasketch，本次{len(items)}份报告未做雷同检查（pip install 'gzlint[nearcopy]'）")
            return
        for ci, (share, oi, how) in sorted(found.items()):
            cur, other = items[ci], items[oi]
            body = other.report.body
            yield self.diag(cur.report, f"正文有{share:.0%}与{how}的报告 {other.report.path}"
                                        f"（{body}，{other.year}年）相同，疑似照抄", other=other.report.path,
                            share=round(share, 3))


def near_copies(sets: list[set[int]], keys: list[str], last_year: set[tuple[int, int]],
                force_lsh: bool = False) -> dict[int, tuple[float, int, str]] | None:
    """For each report that is a near copy: (share, the other report, how).

    ``keys`` are body keys; ``last_year`` holds (last year's, this year's)
    index pairs of the same body. None when the run is too large to compare
    without datasketch."""
    # stock text first: reports from a common template would otherwise all be
    # candidates of each other, and the search quadratic
    stock = stock_shingles(sets, keys)
    pairs = candidate_pairs([s - stock for s in sets] if stock else sets, force_lsh)
    if pairs is None:
        return None
    best: dict[int, tuple[float, int, str]] = {}
    for i, j in pairs:
        for ci, oi in ((i, j), (j, i)):
            if (oi, ci) in last_year:
                limit, how = SAME_BODY_OVERLAP, "同一机关上一年度"
            elif not same_body(keys[ci], keys[oi]):
                limit, how = OTHER_BODY_OVERLAP, "其他机关"
            else:
                continue  # the same body in another year: only last year's counts
            share = overlap(sets[ci], sets[oi], stock)
            if share >= limit and share > best.get(ci, (0.0,))[0]:
                best[ci] = (share, oi, how)
    return best


@hookimpl
def gzlint_rules():
    return [InForceAcrossYears, CarryOverAcrossYears, NearCopy]

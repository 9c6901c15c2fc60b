"""Where broken identities meet: one wrong cell breaks every identity
(勾稽关系) it takes part in, so GZ301, GZ302 and GZ303 can all come from the
one （七）总计 cell. For each broken identity, the cell it shares with the most
other broken ones — when that cell is unique and shared — is the likely
faulty cell; the diagnostics of those identities form one group."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from .identities import IdentityResult, Term, identity_results
from .model import Report

CellKey = tuple[str, str, str]  # table id, row id, column id


@dataclass(frozen=True)
class Meeting:
    key: CellKey
    term: Term
    #: how many broken identities pass through the cell
    count: int
    #: the value every one of them needs there, when they agree
    needed: Decimal | None


def broken(result: IdentityResult) -> bool:
    """Checkable and not holding (blank or unreadable cells are other rules')."""
    return not (result.holds or result.unreadable or result.blanks)


def _key(result: IdentityResult, term: Term) -> CellKey:
    return (result.table.id, term.row.id, term.column.id)


def meeting_of(report: Report, result: IdentityResult) -> Meeting | None:
    """The likely faulty cell ``result`` shares with other broken identities, or None."""
    if "meetings" not in report.cache:
        report.cache["meetings"] = _meetings(report)
    return report.cache["meetings"].get(id(result))


def _meetings(report: Report) -> dict[int, Meeting]:
    failing = [r for r in identity_results(report) if broken(r)]
    counts = Counter(key for r in failing for key in {_key(r, t) for t in r.terms()})
    best: dict[int, tuple[CellKey, Term]] = {}
    for r in failing:
        ranked = sorted({_key(r, t): t for t in r.terms()}.items(), key=lambda kv: -counts[kv[0]])
        top = counts[ranked[0][0]]
        if top >= 2 and (len(ranked) == 1 or counts[ranked[1][0]] < top):
            best[id(r)] = ranked[0]
    members: dict[CellKey, list[IdentityResult]] = {}
    for r in failing:
        if id(r) in best:
            members.setdefault(best[id(r)][0], []).append(r)
    out: dict[int, Meeting] = {}
    for key, group in members.items():
        if len(group) < 2:
            continue
        needs = {r.solve_for(next(t for t in r.terms() if _key(r, t) == key)) for r in group}
        term = best[id(group[0])][1]
        meeting = Meeting(key, term, len(group), needs.pop() if len(needs) == 1 else None)
        out.update({id(r): meeting for r in group})
    return out

"""The year a sentence of the data sections reports counts for (spec S4).

A 2025 report whose 二 says "2024年制作、获取政府信息总数467条，其中主动公开政府信息53条"
reports another year's data as its own. Only a plain statement is taken: the
year opens the sentence or clause, a counting verb and a count follow, and the
sentence neither compares (较2024年, 同比, 与上年相比), nor carries over
(上年结转), nor names the report year too. Sections 二 and 三 only: 一 and 五
legitimately speak of earlier years (2024年以来, 2024年工作中存在问题的改进情况).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..matcher.roles import role_section_spec
from . import section_tokens
from ..text import YEAR_DIGITS, LazyPattern

if TYPE_CHECKING:  # pragma: no cover
    from ..matcher.model import Report

#: the sections whose prose reports the tables' counts
DATA_SECTION_ROLES = ("section.active", "section.applications")

_SENTENCE = re.compile(r"[^。；;！!？?]+")
#: 「2024年[度][，]（subject）制作/公开/收到 … 467条」 at the start of a sentence or clause
_CLAIM = LazyPattern(
    r"(?:^|[，,：:])\s*(?P<year>" + YEAR_DIGITS + r")\s*年度?\s*[，,]?"
    r"[^，,。；;\d]{0,12}?(?:制作|获取|主动公开|公开|发布|收到|受理|新收|办结|答复|处理)"
    r"[^。；;]{0,40}?\d+\s*(?:条|件|个|次)")
#: words that make an earlier year a comparison or a carry-over, not a claim
_NOT_A_CLAIM = re.compile(r"较|相比|同比|比上年|上年|去年|前年|增长|下降|增加|减少|持平|结转|以来|累计")


@dataclass(frozen=True)
class DataYearClaim:
    year: int
    sentence: str
    line: int
    section: str


def data_year_claims(report: "Report", year: int) -> list[DataYearClaim]:
    """Sentences of 二 and 三 that state counts for an earlier year than ``year``."""
    claims: list[DataYearClaim] = []
    for role in DATA_SECTION_ROLES:
        spec = role_section_spec(report, role)
        if spec is None:
            continue
        for tok in section_tokens(report, spec.number):
            for m in _SENTENCE.finditer(tok.text):
                sentence = m.group(0).strip()
                claim = _CLAIM.search(sentence)
                if claim is None or _NOT_A_CLAIM.search(sentence) or f"{year}年" in sentence:
                    continue
                said = int(claim.group("year"))
                if said < year:
                    claims.append(DataYearClaim(said, sentence, tok.line, spec.official))
    return claims

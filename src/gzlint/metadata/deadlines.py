"""Publication deadlines per body kind (条例 art. 49): rules/national/deadlines.toml,
overridden by local rule packs, then by the configuration."""

from __future__ import annotations

import datetime as dt
import re

from .. import packs
from .body import canonical_kind

_MMDD = re.compile(r"^(\d{1,2})-(\d{1,2})$")


def parse_mmdd(text: str) -> tuple[int, int] | None:
    """(month, day) of a valid "MM-DD" (02-29 allowed), else None."""
    m = _MMDD.match(text.strip())
    if not m:
        return None
    month, day = int(m.group(1)), int(m.group(2))
    try:
        dt.date(2000, month, day)  # a leap year, so 02-29 is accepted
    except ValueError:
        return None
    return month, day


def deadline(kind: str | None, year: int, configured: dict[str, str]) -> dt.date | None:
    """The last day a ``kind`` body may publish its report for ``year``."""
    if kind is None:
        return None
    table = {canonical_kind(k) or k: v for k, v in {**packs.merged("deadlines"), **configured}.items()}
    text = table.get(kind)
    parsed = parse_mmdd(text) if text else None
    if parsed is None:
        return None
    month, day = parsed
    try:
        return dt.date(year + 1, month, day)
    except ValueError:  # 02-29 in a common year: the last day of February
        return dt.date(year + 1, 3, 1) - dt.timedelta(days=1)

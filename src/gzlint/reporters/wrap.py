"""Wrapping for the terminal: lines break between words, between CJK
characters and at spaces, never inside a number, a code or a path, and never
before closing punctuation (，。）」) or after opening punctuation (（「)."""

from __future__ import annotations

import re
import unicodedata

#: an unbreakable run: latin letters, digits and the marks numbers and paths are made of
_TOKEN = re.compile(r"\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+|.", re.S)
_NO_BREAK_BEFORE = set("，。、；：？！）」』】》〉,.;:?!)]}%")
_NO_BREAK_AFTER = set("（「『【《〈([{")


def cell_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _units(text: str) -> list[str]:
    """Pieces between which a line may break."""
    units: list[str] = []
    for tok in _TOKEN.findall(text):
        glue = units and not units[-1].isspace() and not tok.isspace() and (
            tok[0] in _NO_BREAK_BEFORE or units[-1][-1] in _NO_BREAK_AFTER)
        if glue:
            units[-1] += tok
        else:
            units.append(tok)
    return units


def wrap(text: str, width: int, first: int | None = None) -> list[str]:
    """``text`` in lines of at most ``width`` cells (``first`` for the first
    line); a unit longer than a line is cut only as a last resort."""
    lines, line, room = [], "", first if first is not None else width
    for unit in _units(text):
        if unit.isspace():
            if line:
                line += " "
            continue
        w = cell_width(unit)
        if line and cell_width(line) + w > room:
            lines.append(line.rstrip())
            line, room = "", width
        while cell_width(unit) > room > 0 and not line:  # longer than a whole line
            cut = _fit(unit, room)
            lines.append(unit[:cut])
            unit, room = unit[cut:], width
        line += unit
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _fit(unit: str, room: int) -> int:
    used = 0
    for i, ch in enumerate(unit):
        used += cell_width(ch)
        if used > room:
            return max(i, 1)
    return len(unit)

"""Render Word's automatic numbering (numbering.xml) as text.

Reports number their section headings with Word lists whose ``w:numFmt`` is
``chineseCounting`` and ``w:lvlText`` ``%1、`` or ``（%1）``; the number is not
in the document text, so the reader must put it back (deps.md §3.1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"

_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
#: every Chinese counting format: LibreOffice writes taiwaneseCountingThousand for 一、二、
_COUNTING = {"chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
             "taiwaneseCountingThousand", "koreanCounting"}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_number(n: int, digits: str = _DIGITS, units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (numbers up to 9999)."""
    if n <= 0 or n >= 10000:
        return str(n)
    parts, zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append(digits[0])
            zero = False
        parts.append(("" if (d == 1 and power == 10 and not parts) else digits[d]) + unit)
    return "".join(parts)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a ``w:numFmt``."""
    if fmt in _COUNTING:
        return chinese_number(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese_number(n, _LEGAL, "拾佰仟")
    if fmt in ("ideographTraditional",) and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) - ord("0") + ord("０")) for d in str(n))
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """Levels of every list, and the running counters of a document walk."""

    #: abstractNumId → ilvl → level
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    #: numId → (abstractNumId, ilvl → start override)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def parse(cls, xml: bytes | None) -> "Numbering":
        numbering = cls()
        if not xml:
            return numbering
        root = etree.fromstring(xml, xml_parser())
        for ab in root.iter(f"{_W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in ab.iter(f"{_W}lvl"):
                levels[_int(lvl.get(f"{_W}ilvl"), 0)] = _Level(
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") if lvl.find(f"{_W}lvlText") is not None else "",
                    start=_int(_val(lvl, "start"), 1),
                )
            numbering.abstract[ab.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iter(f"{_W}num"):
            overrides = {}
            for ov in num.iter(f"{_W}lvlOverride"):
                start = _val(ov, "startOverride")
                if start is not None:
                    overrides[_int(ov.get(f"{_W}ilvl"), 0)] = _int(start, 1)
            numbering.nums[num.get(f"{_W}numId", "")] = (_val(num, "abstractNumId") or "", overrides)
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        """The number text of the next paragraph of list ``num_id`` at ``ilvl``."""
        if num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels or levels[ilvl].fmt == "bullet":
            return ""
        # lists restarted with startOverride count on their own; others share the abstract list
        key = f"num:{num_id}" if overrides else f"abs:{abstract_id}"
        counters = self.counters.setdefault(key, {})
        start = overrides.get(ilvl, levels[ilvl].start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = levels[ilvl].text
        for k, level in levels.items():
            if f"%{k + 1}" in text:
                value = counters.get(k, overrides.get(k, level.start))
                text = text.replace(f"%{k + 1}", format_number(value, level.fmt))
        return text


def xml_parser() -> etree.XMLParser:
    # no network, no entity expansion: the file is untrusted input
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def _val(el, name: str) -> str | None:
    child = el.find(f"{_W}{name}")
    return None if child is None else child.get(f"{_W}val")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default

"""Reading the value of one cell: a number, a blank, or something else.

Real cells hold "00", " 0 " with no-break or ideographic spaces either side,
full-width digits, "10268898元", "75.77万元", "+1036", "—", "无", "若干".
Parsing never fails: what is not a number is ``invalid`` and GZ202 says so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..readers.limits import MAX_DIGITS

#: units a count or amount may carry after the number
_UNITS = ("万元", "亿元", "元", "件", "条", "项", "个", "次", "人")
_NUMBER = re.compile(r"^([+\-−－]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")


@dataclass
class CellValue:
    """One cell of the form as the report filled it in."""

    #: the text as written (None when a short row left no cell at all)
    text: str | None
    line: int | None = None
    #: number | blank | missing | invalid
    status: str = "missing"
    number: Decimal | None = None
    unit: str | None = None
    #: odd ways of writing the number (GZ203): leading-zero, full-width, separator, unit
    oddities: list[str] = field(default_factory=list)
    #: where the value was read: (table ordinal in the document, grid row, grid column); None off a grid
    source: tuple[int, int, int] | None = None

    @property
    def is_number(self) -> bool:
        return self.status == "number"

    def as_number(self) -> Decimal:
        """The value for arithmetic: blanks and missing cells count as 0."""
        return self.number if self.number is not None else Decimal(0)


def parse_cell(text: str | None, line: int | None = None) -> CellValue:
    if text is None:
        return CellValue(None, line, "missing")
    # every call gets its own CellValue: rules tell cells apart by identity
    status, number, unit, oddities = _reading(text)
    return CellValue(text, line, status, number, unit, list(oddities))


def cell_status(text: str) -> str:
    """``parse_cell(text).status`` (number | blank | invalid), without building the cell."""
    return _reading(text)[0]


def is_number(text: str) -> bool:
    """``parse_cell(text).is_number``, without building the cell."""
    return _reading(text)[0] == "number"


def _read(text: str) -> tuple[str, Decimal | None, str | None, tuple[str, ...]]:
    """What a cell's text says: (status, number, unit, oddities); a pure function of the text."""
    stripped = _strip(text)
    if not stripped:
        return "blank", None, None, ()
    oddities: list[str] = []
    norm = unicodedata.normalize("NFKC", stripped)
    if norm != stripped and any("\uff10" <= ch <= "\uff19" for ch in stripped):
        oddities.append("full-width")
    norm = norm.replace(" ", "")
    unit = None
    for u in _UNITS:
        if norm.endswith(u) and len(norm) > len(u):
            unit, norm = u, norm[: -len(u)]
            break
    m = _NUMBER.match(norm)
    if not m:
        return "invalid", None, unit, ()
    sign, whole, frac = m.groups()
    if "," in whole:
        oddities.append("separator")
    digits = whole.replace(",", "")
    if len(digits) > MAX_DIGITS:  # no count or amount is that long: not a number anyone wrote
        return "invalid", None, unit, ()
    if len(digits) > 1 and digits.startswith("0"):
        oddities.append("leading-zero")
    try:
        number = Decimal(digits + ("." + frac if frac else ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return "invalid", None, None, ()
    if sign in ("-", "−", "－"):
        number = -number
    return "number", number, unit, tuple(oddities)


#: cells are short and their texts repeat (0, 1, 无, blank) within and across
#: reports; longer texts are sentences, read once, not worth remembering
_MEMO_LENGTH = 40
_read_remembered = lru_cache(maxsize=16_384)(_read)


def _reading(text: str) -> tuple[str, Decimal | None, str | None, tuple[str, ...]]:
    return _read_remembered(text) if len(text) <= _MEMO_LENGTH else _read(text)


def _strip(text: str) -> str:
    # str.strip() already removes \xa0, \u3000 and \u2002; zero-width marks too
    return text.strip().strip("\u200b\ufeff").strip()


def format_number(value: Decimal) -> str:
    """12 rather than 12.0 or 1.2E+1."""
    if value == value.to_integral_value():
        # format, not int(): int() refuses numbers of more than 4300 digits
        return format(value.to_integral_value(), "f") if value else "0"
    return format(value.normalize(), "f")

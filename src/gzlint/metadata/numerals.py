"""A small converter for the Chinese numerals reports use.

Two shapes occur: digit by digit in years (二〇二一, with ○ U+25CB, 零 or
Ｏ written for 〇) and positional counts and days (十二, 二十一, 一百零五,
三千二百, 一万二千). cn2an would do it but costs 107 ms to import (deps.md
§3.6) and does not read ○, so this is our own.
"""

from __future__ import annotations

import re

from ..readers.limits import MAX_DIGITS

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
           "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
#: characters written for 〇 in real reports: ○ (white circle), Ｏ/O (letter), ０ (full-width zero)
_ZERO_LOOKALIKES = str.maketrans({"○": "〇", "Ｏ": "〇", "O": "〇", "o": "〇", "０": "〇", "◯": "〇"})
#: a run of characters that may form a Chinese numeral
CN_NUMERAL = "[〇○◯零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]"
_ONLY = re.compile(f"^{CN_NUMERAL}+$")


def normalize_zero(text: str) -> str:
    """○, Ｏ, O and ０ written for 〇 become 〇 (only call this on numeral runs)."""
    return text.translate(_ZERO_LOOKALIKES)


def cn_to_int(text: str) -> int | None:
    """The value of a Chinese numeral, or None if ``text`` is not one.

    ``二〇二一`` → 2021 (digit by digit), ``二十一`` → 21, ``十二`` → 12,
    ``一百零五`` → 105, ``一万二千`` → 12000. Arabic digits pass through.
    """
    text = text.strip()
    if not text or len(text) > MAX_DIGITS:  # not a count or year; int() refuses > 4300 digits
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    text = normalize_zero(text)
    if not _ONLY.match(text):
        return None
    if not any(ch in _UNITS or ch == "万" for ch in text):
        # digit by digit: 二〇二一, 〇五
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            # 十 alone means 10: 十二 = 12
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        elif ch == "万":
            section += digit or 0
            total += (section or 1) * 10000
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_count(text: str) -> int | None:
    """A count as prose writes it: 16, １６, 十六, 零 → int; None otherwise."""
    import unicodedata

    norm = unicodedata.normalize("NFKC", text).replace(",", "").strip()
    if len(norm) > MAX_DIGITS:  # not a count; int() would refuse > 4300 digits
        return None
    if norm.isdigit():
        return int(norm)
    return cn_to_int(norm)

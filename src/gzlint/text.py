"""Character classes and enumeration marks of Chinese report text, in one place.

Every module that asks "is this a Chinese character?" or "does this start with
一、 / （一） / 1. / 1、?" uses these, so a new mark or range is added once.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any


class LazyPattern:
    """A regular expression compiled at its first use, offering the
    ``re.Pattern`` API. Compiling is not free (a character class over the CJK
    ranges costs ``re`` over a millisecond: it fills a 64K map in Python), and
    many patterns serve only one reader or one rule: a run that needs none of
    them, or reads everything from the result cache, does not pay for them."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # called only until the first use: the compiled pattern's attributes
        # then become this object's own, found without coming here
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        vars(self).update((attr, getattr(compiled, attr)) for attr in dir(compiled) if not attr.startswith("_"))
        return getattr(compiled, name)


#: CJK unified ideographs (the characters of labels and prose)
CJK_IDEOGRAPHS = "\u4e00-\u9fff"
#: CJK punctuation: 、。〈〉「」【】〇 and the ideographic space
CJK_PUNCTUATION = "\u3000-\u303f"
#: full-width forms: （），：；０-９Ａ-Ｚ
FULL_WIDTH = "\uff00-\uffef"
#: everything typeset full-width in Chinese text: radicals, ideographs,
#: compatibility ideographs, full-width forms and CJK punctuation
CJK_WIDE = f"\u2e80-\u9fff\uf900-\ufaff{FULL_WIDTH}{CJK_PUNCTUATION}"
#: one CJK ideograph
CJK = re.compile(f"[{CJK_IDEOGRAPHS}]")
#: what ordinary Chinese text is made of besides ASCII: ideographs, CJK
#: punctuation and full-width forms (not kana, hangul or rare symbols)
CHINESE_TEXT = LazyPattern(f"[{CJK_IDEOGRAPHS}{CJK_PUNCTUATION}{FULL_WIDTH}]")

#: a year in digits, as titles, periods and prose write it: 2021
YEAR_DIGITS = r"(?:19|20)\d{2}"
#: a year in digits or digit by digit in Chinese numerals: 2021, 二〇二一
YEAR_WRITTEN = f"(?:{YEAR_DIGITS}|[〇○零一二三四五六七八九]{{4}})"

#: the Chinese numerals enumeration marks use
CN_NUMERALS = "一二三四五六七八九十"
#: the Chinese numerals prose writes counts with: 十六件, 两起, 一百零五条
CN_COUNT_NUMERALS = "零〇一二两三四五六七八九十百千"
#: what follows a number in a mark: 一、 1. 1、 1．
MARK_SEPARATORS = "、.．"

#: 一、 (a section, or a first-level row of table 三)
SECTION_MARK = re.compile(f"^([{CN_NUMERALS}]+)[{MARK_SEPARATORS}]")
#: （一） or (一) (a second-level item)
ITEM_MARK = LazyPattern(f"^[（(]([{CN_NUMERALS}]+)[)）]")
#: 1. 1、 1． (a third-level item)
NUMBER_MARK = re.compile(f"^(\\d+)[{MARK_SEPARATORS}]")
#: any of the three at the start of a text, after spaces
ANY_MARK = LazyPattern(f"^\\s*(?:[{CN_NUMERALS}]+[{MARK_SEPARATORS}]|[（(][{CN_NUMERALS}\\d]+[)）]|\\d+[{MARK_SEPARATORS}])")

#: the start of an enumerated label or heading in a table cell or a line of a
#: PDF: 一、 （一） 1. 1、 (1) ① — not 1.5 (a number)
LABEL_START = LazyPattern(
    f"^\\s*([{CN_NUMERALS}]+[{MARK_SEPARATORS}]|[（(][{CN_NUMERALS}\\d]+[)）]|\\d+[{MARK_SEPARATORS}](?!\\d)|[①-⑳])")
#: a label key's enumeration mark, as label keys write it (1. (一) 一、)
KEY_MARK = re.compile(f"^(\\d+\\.|\\([{CN_NUMERALS}]+\\)|[{CN_NUMERALS}]+、)")

#: a note in brackets closing a label: （二）部分公开（区分处理的…） → （二）部分公开
_CLOSING_NOTE = re.compile(r"(?<=.)（[^（）]*）$")


def strip_note(label: str) -> str:
    """A label without the note in brackets it ends with, if any."""
    return _CLOSING_NOTE.sub("", label)


def cjk_count(text: str) -> int:
    """How many CJK ideographs ``text`` holds."""
    return len(CJK.findall(text))


#: the full-width forms and the ideographic space as NFKC writes them: ASCII
_NARROW = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def nfkc(text: str) -> str:
    """NFKC of ``text``; quick where only full-width forms change, as in most
    Chinese text: made ASCII, a text NFKC leaves as it is is the answer (both
    have the one compatibility decomposition)."""
    narrow = text.translate(_NARROW)
    return narrow if unicodedata.is_normalized("NFKC", narrow) else unicodedata.normalize("NFKC", text)

"""Character classes and enumeration marks of Chinese report text, in one place.

Every module that asks "is this a Chinese character?" or "does this start with
一、 / （一） / 1. / 1、?" uses these, so a new mark or range is added once.
"""

from __future__ import annotations

import re

#: CJK unified ideographs (the characters of labels and prose)
CJK_IDEOGRAPHS = "\u4e00-\u9fff"
#: everything typeset full-width in Chinese text: radicals, ideographs,
#: compatibility ideographs, full-width forms and CJK punctuation
CJK_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
#: one CJK ideograph
CJK = re.compile(f"[{CJK_IDEOGRAPHS}]")

#: the Chinese numerals enumeration marks use
CN_NUMERALS = "一二三四五六七八九十"
#: what follows a number in a mark: 一、 1. 1、 1．
MARK_SEPARATORS = "、.．"

#: 一、 (a section, or a first-level row of table 三)
SECTION_MARK = re.compile(f"^([{CN_NUMERALS}]+)[{MARK_SEPARATORS}]")
#: （一） or (一) (a second-level item)
ITEM_MARK = re.compile(f"^[（(]([{CN_NUMERALS}]+)[)）]")
#: 1. 1、 1． (a third-level item)
NUMBER_MARK = re.compile(f"^(\\d+)[{MARK_SEPARATORS}]")
#: any of the three at the start of a text, after spaces
ANY_MARK = re.compile(f"^\\s*(?:[{CN_NUMERALS}]+[{MARK_SEPARATORS}]|[（(][{CN_NUMERALS}\\d]+[)）]|\\d+[{MARK_SEPARATORS}])")


def cjk_count(text: str) -> int:
    """How many CJK ideographs ``text`` holds."""
    return len(CJK.findall(text))

"""Comparison keys for labels.

Labels in real reports differ from the form in width (（一） vs (一)), inner
spaces (规    章), line breaks (本年新\\n制作数量) and trailing colons. A key
removes all of that; messages always quote the original text.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from ..text import NUMBER_MARK, SECTION_MARK

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〝": '"', "〞": '"'})
_TRAILING = ":;,.。；：，、"


@lru_cache(maxsize=65_536)  # a report's labels repeat across tables, rules and reports
def key(text: str) -> str:
    """The normalised comparison key of a label."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _SPACE.sub("", text).strip(_TRAILING)
    # enumeration marks real reports interchange: 1. 1、 1． and 一、 一.
    text = NUMBER_MARK.sub(r"\1.", text)
    text = SECTION_MARK.sub(r"\1、", text)
    return text.lower()


def similarity(a: str, b: str) -> float:
    """Similarity of two keys in [0, 1]."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def similarity_from(a: str, b: str, floor: float) -> float | None:
    """``similarity(a, b)`` where it reaches ``floor``, else None; cheap upper
    bounds rule out most pairs before the full comparison."""
    # ratio() is 2 × matched characters / (len(a) + len(b)), and no more characters
    # match than the shorter key has: sentences are ruled out before difflib indexes b
    if a and b and 2.0 * min(len(a), len(b)) / (len(a) + len(b)) < floor:
        return None
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.quick_ratio() < floor:
        return None
    score = matcher.ratio()
    return score if score >= floor else None


def strip_note(k: str) -> str:
    """Drop a trailing parenthesised note from a key: 采购总金额(单位:万元) → 采购总金额."""
    return re.sub(r"\([^()]*\)$", "", k) if k.endswith(")") else k

"""The shared character classes and enumeration marks (src/gzlint/text.py)."""

from __future__ import annotations

import pytest

from gzlint.text import ANY_MARK, ITEM_MARK, NUMBER_MARK, SECTION_MARK, cjk_count


@pytest.mark.parametrize("text, section, item, number", [
    ("三、本年度办理结果", "三", None, None),
    ("十二.其他", "十二", None, None),
    ("（一）予以公开", None, "一", None),
    ("(五)不予处理", None, "五", None),
    ("1.属于国家秘密", None, None, "1"),
    ("12、重复申请", None, None, "12"),
    ("2021年，本机关", None, None, None),
    ("三安全一稳定", None, None, None),
])
def test_marks(text, section, item, number):
    for pattern, expected in ((SECTION_MARK, section), (ITEM_MARK, item), (NUMBER_MARK, number)):
        m = pattern.match(text)
        assert (m.group(1) if m else None) == expected
    assert bool(ANY_MARK.match("  " + text)) == any((section, item, number))


def test_cjk_count():
    assert cjk_count("规 章（单位：万元）abc１２") == 6

"""The shared character classes and enumeration marks (src/gzlint/text.py)."""

from __future__ import annotations

import pytest

from gzlint.text import ANY_MARK, CHINESE_TEXT, ITEM_MARK, NUMBER_MARK, SECTION_MARK, cjk_count, strip_note


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


@pytest.mark.parametrize("ch, chinese", [
    ("政", True), ("、", True), ("（", True), ("１", True), ("\u3000", True),
    ("ア", False), ("한", False), ("\u2460", False), ("a", False),
])
def test_chinese_text_is_ideographs_punctuation_and_full_width(ch, chinese):
    assert bool(CHINESE_TEXT.match(ch)) == chinese


@pytest.mark.parametrize("label, stripped", [
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"),
    ("（七）总计", "（七）总计"),
    ("本年收费金额（单位：万元）", "本年收费金额"),
    ("（一）", "（一）"),
])
def test_strip_note(label, stripped):
    assert strip_note(label) == stripped


def test_counts_in_chinese_numerals_read_as_counts():
    from gzlint.metadata.counts import RECEIVED, find_counts

    (s,) = find_counts("本年共收到政府信息公开申请十六件。")
    assert (s.quantity, s.number) == (RECEIVED, 16)
    (s,) = find_counts("本年共收到政府信息公开申请两件。")
    assert s.number == 2

"""GZ401 from the year the data sections report counts for (spec S4)."""

from __future__ import annotations

import pytest

from gzlint.engine import lint_text
from gzlint.testing.sample import render_text, sample_report


def gz401(paragraph: str, section: str = "二"):
    report = sample_report("2021")
    report.sections[section][1].insert(0, paragraph)
    return [d for d in lint_text(render_text(report)) if d.code == "GZ401"]


def test_counts_stated_for_last_year_in_section_two():
    (d,) = gz401("2020年制作、获取政府信息总数467条，其中主动公开政府信息53条。")
    assert "2020年" in d.message and "2021年" in d.message and d.section == "二、主动公开政府信息情况"


def test_clause_with_a_subject_after_the_year():
    (d,) = gz401("2020年，本局共收到政府信息公开申请12件。", section="三")
    assert d.section == "三、收到和处理政府信息公开申请情况"


@pytest.mark.parametrize("paragraph", [
    "2021年主动公开政府信息53条。",                                   # the report year
    "本年主动公开政府信息53条，较2020年增加12条。",                    # a comparison
    "2020年主动公开政府信息41条，2021年主动公开政府信息53条。",          # names the report year too
    "2020年结转至本年度的申请2件。",                                   # a carry-over
    "2020年以来累计公开政府信息300条。",                               # a running total
    "2020年12月31日前收到的申请3件已全部办结。",                         # a date, not a year's count
])
def test_other_years_that_are_not_claims(paragraph):
    assert gz401(paragraph) == []


def test_earlier_years_outside_the_data_sections():
    assert gz401("2020年工作中存在问题的改进情况：2020年共收到意见3件，均已整改。", section="五") == []

"""GZ501–GZ505, GZ507: template leftovers, self-references, part counts, sections 一/五/六."""

from __future__ import annotations

import pytest

from gzlint.config import Settings, apply
from gzlint.engine import lint_text
from gzlint.testing.sample import render_text, sample_report

from .helpers import seed_path


def lint(report, code: str, settings: Settings | None = None):
    return [d for d in lint_text(render_text(report), settings=settings) if d.code == code]


def line_of(report, text: str) -> int:
    return next(i for i, line in enumerate(render_text(report).splitlines(), 1) if text in line)


@pytest.mark.parametrize("leftover", ["（文字描述）", "XX", "××", "某某", "此处填写", "编写说明", "本行政区域（或本部门）"])
def test_gz501_template_leftovers(leftover):
    bad = sample_report("2021")
    bad.sections["五"][1][0] = f"存在的主要问题：{leftover}政策解读形式较为单一。"
    (d,) = lint(bad, "GZ501")
    assert leftover in d.message and d.line == line_of(bad, "存在的主要问题：") and d.section == "五、存在的主要问题及改进情况"


def test_gz501_clean_and_urls():
    good = sample_report("2021")
    good.sections["六"][1].append("电子版可从 http://www.xxzf.gov.cn 下载。")
    assert lint(good, "GZ501") == []


def test_gz502_department_says_wo_zhen():
    bad = sample_report("2021")
    bad.sections["一"][1][4] = "（四）平台建设。我镇充分利用政务宣传栏，主动公开相关事项。"
    (d,) = lint(bad, "GZ502")
    assert "我镇" in d.message and "青山县交通运输局" in d.message and "部门" in d.message
    assert d.line == line_of(bad, "我镇充分利用")
    good = sample_report("2021")
    good.sections["一"][1][4] = "（四）平台建设。我局充分利用政务宣传栏，主动公开相关事项。"
    assert lint(good, "GZ502") == []


def test_gz502_street_says_wo_ju_and_kind_from_config():
    bad = sample_report("2021", body="青山县桃源街道办事处")
    bad.sections["一"][1][4] = "（四）平台建设。我局充分利用政务宣传栏。"
    assert len(lint(bad, "GZ502")) == 1
    settings = Settings()
    apply(settings, {"body-kind": {"*.txt": "部门"}}, "test")
    assert lint(bad, "GZ502", settings) == []


def test_gz503_part_count():
    bad = sample_report("2021")
    bad.intro += "本报告共五个部分。"
    (d,) = lint(bad, "GZ503")
    assert "五个部分" in d.message and "实际有6个部分" in d.message
    good = sample_report("2021")
    good.intro += "全文包括总体情况、主动公开政府信息情况等六个部分。"
    assert lint(good, "GZ503") == []


@pytest.mark.parametrize("text", ["无", "无。", "暂无"])
def test_gz504_section_five_says_nothing(text):
    bad = sample_report("2021")
    bad.sections["五"] = (bad.sections["五"][0], [text])
    (d,) = lint(bad, "GZ504")
    assert d.section == "五、存在的主要问题及改进情况"
    assert lint(sample_report("2021"), "GZ504") == []


def test_gz505_processing_fee_only_in_2021_format():
    bad = sample_report("2021")
    bad.sections["六"] = (bad.sections["六"][0], ["无。"])
    (d,) = lint(bad, "GZ505")
    assert "信息处理费" in d.message
    assert lint(sample_report("2021"), "GZ505") == []
    old = sample_report("2019")
    assert lint(old, "GZ505") == []


def test_gz507_overview_topics():
    bad = sample_report("2021")
    bad.sections["一"] = (bad.sections["一"][0], bad.sections["一"][1][:3])
    (d,) = lint(bad, "GZ507")
    assert "平台建设" in d.message and "监督保障" in d.message and "政府信息管理" in d.message
    assert lint(sample_report("2021"), "GZ507") == []


def test_gz507_a_list_of_the_topics_covers_none():
    bad = sample_report("2021")
    listed = "深入推进主动公开、依申请公开、政府信息管理、平台建设、监督保障等工作。"
    bad.sections["一"] = (bad.sections["一"][0], [listed, *bad.sections["一"][1][:3]])
    (d,) = lint(bad, "GZ507")
    assert "平台建设" in d.message and "监督保障" in d.message
    # three topics named in a sentence are still words about them
    ok = sample_report("2021")
    ok.sections["一"] = (ok.sections["一"][0], [*ok.sections["一"][1][:3], "持续强化政府信息管理、平台建设和监督保障。"])
    assert lint(ok, "GZ507") == []


def test_seed_002_wo_zhen_in_a_ju():
    text = seed_path("002").read_text(encoding="utf-8")
    diags = [d for d in lint_text(text, name="002.txt") if d.code == "GZ502"]
    assert len(diags) == 1 and "我镇" in diags[0].message and "西工区文化旅游局" in diags[0].message
    assert text.splitlines()[diags[0].line - 1].find("我镇") >= 0


def test_seed_003_template_line_left_in():
    diags = lint_text(seed_path("003").read_text(encoding="utf-8"), name="003.txt")
    assert [(d.code, d.line) for d in diags if d.code == "GZ501"] == [("GZ501", 80)]


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_other_seeds_have_no_self_reference_or_template_findings(prefix):
    diags = lint_text(seed_path(prefix).read_text(encoding="utf-8"), name=f"{prefix}.txt")
    assert not {d.code for d in diags} & {"GZ501", "GZ502", "GZ503", "GZ504"}

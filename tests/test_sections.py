"""Finding the report title and the six section headings (matcher/sections.py)."""

from __future__ import annotations

import pytest

from gzlint.form.spec import load_forms
from gzlint.matcher import match
from gzlint.metadata import report_meta
from gzlint.readers import read_bytes
from gzlint.testing.sample import render_text, sample_report

from .helpers import codes, lint_sample

BODY = "青山县交通运输局"


def _report(text_of):
    """The sample report matched, after ``text_of`` edited its rendered text."""
    text = text_of(render_text(sample_report("2021")))
    return match(read_bytes("r.txt", text.encode("utf-8")), load_forms())


# -- the title -----------------------------------------------------------------

@pytest.mark.parametrize("lines", [
    [BODY, "2021年政府信息公开工作年度报告"],  # the body's name above the year line (a PDF title)
    [BODY, "2021 年政府信息公开工作年度报告"],  # with the space a PDF puts before 年
    [f"{BODY}2021年", "政府信息公开工作年度报告"],  # the year ends the first line (a CMS page)
    [f"{BODY}2021年政府信息公开", "工作年度报告"],  # wrapped by a conversion
])
def test_title_over_two_lines_is_joined(lines):
    r = sample_report("2021")
    r.title = "\n".join(lines)
    assert "GZ104" not in codes(lint_sample(r))
    report = _report(lambda t: t.replace(f"{BODY}2021年政府信息公开工作年度报告", "\n".join(lines), 1))
    assert report.title == "".join(lines) and report.title_line == 1


def test_a_sentence_about_the_report_is_never_its_title():
    r = sample_report("2021")
    r.title = None
    r.intro = "本年度报告根据《中华人民共和国政府信息公开条例》（以\n下简称《条例》）编制，统计期限自2021年1月1日至2021年12月31日。"
    diags = [d for d in lint_sample(r) if d.code == "GZ104"]
    assert [d.message for d in diags] == ["缺少报告标题（如「XX局2021年政府信息公开工作年度报告」）"]


def test_body_after_the_year_in_the_title():
    report = _report(lambda t: t.replace(f"{BODY}2021年", f"2021年{BODY}", 1))
    meta = report_meta(report)
    assert (meta.body, meta.body_source, meta.title_year) == (BODY, "title", 2021)


# -- numbered prose lines are not section headings ------------------------------

def _with_item(r, item: str, section: str = "一"):
    heading, paras = r.sections[section]
    r.sections[section] = (heading, paras[:2] + [item] + paras[2:])
    return r


@pytest.mark.parametrize("item", ["4.认真办理依申请公开", "2.主动公开", "5、存在问题整改"])
def test_numbered_item_inside_a_section_is_not_a_heading(item):
    assert codes(lint_sample(_with_item(sample_report("2021"), item))) == set()


def test_numbered_item_is_not_taken_for_a_missing_heading():
    r = _with_item(sample_report("2021"), "4.认真办理依申请公开").drop_section("三")
    found = codes(lint_sample(r))
    assert "GZ101" in found and not found & {"GZ102", "GZ103"}


def test_wrongly_numbered_heading_is_still_found_beside_items():
    r = _with_item(sample_report("2021"), "3.认真办理依申请公开")
    r.sections["三"] = ("3、收到和处理政府信息公开申请情况", r.sections["三"][1])
    diags = [d for d in lint_sample(r) if d.code.startswith("GZ10")]
    assert [(d.code, d.message) for d in diags] == [("GZ103", "章节序号「3、」应为「三、」：3、收到和处理政府信息公开申请情况")]


def test_sections_out_of_order_are_still_found():
    r = sample_report("2021")
    r.sections = {k: r.sections[k] for k in ("一", "三", "二", "四", "五", "六")}
    assert "GZ103" in codes(lint_sample(r))


def test_a_label_above_the_title_is_not_joined_to_it():
    report = _report(lambda t: t.replace(f"{BODY}2021年", "正文\n2021年", 1))
    assert report.title == "2021年政府信息公开工作年度报告"

"""GZ307, GZ308: numbers in the prose against the tables and against themselves."""

from __future__ import annotations

import pytest

from gzlint.engine import lint_text
from gzlint.testing.sample import render_text, sample_report

from .helpers import seed_path


def lint(report, code: str):
    return [d for d in lint_text(render_text(report)) if d.code == code]


def with_para(section: str, text: str, fmt: str = "2021"):
    r = sample_report(fmt)
    r.sections[section][1].append(text)
    return r


@pytest.mark.parametrize("text", [
    "本年共收到政府信息公开申请5件。", "共收到申请5件。", "收到5件政府信息公开申请。", "本年度共收到申请五件。",
])
def test_gz307_applications_count(text):
    (d,) = lint(with_para("三", text), "GZ307")
    assert "5件" in d.message and "总计为16" in d.message
    assert d.table == "表三" and d.row == "一、本年新收政府信息公开申请数量" and d.column == "总计"


@pytest.mark.parametrize("text", [
    "本年共收到政府信息公开申请16件。", "共收到申请十六件。", "本年共办理政府信息公开申请18件。",
    "本年收到各类咨询约5件。", "共收到申请16余件。",
])
def test_gz307_agreeing_or_vague_counts(text):
    assert lint(with_para("三", text), "GZ307") == []


def test_gz307_none_received_but_table_says_otherwise():
    (d,) = lint(with_para("三", "本年度未收到政府信息公开申请。"), "GZ307")
    assert "未收到" in d.message and "16" in d.message


@pytest.mark.parametrize("text, what", [("本年度发生行政复议3件。", "行政复议"), ("本年度被提起行政诉讼3起。", "行政诉讼")])
def test_gz307_litigation(text, what):
    (d,) = lint(with_para("四", text), "GZ307")
    assert what in d.message and d.table == "表四"


def test_gz307_leaves_no_litigation_in_words_to_gz510():
    report = with_para("四", "本年度未发生政府信息公开行政复议、行政诉讼案件。")
    assert lint(report, "GZ307") == []
    assert len(lint(report, "GZ510")) == 2


def test_gz307_clean_sample_sentences_agree():
    for fmt in ("2019", "2021"):
        assert lint(sample_report(fmt), "GZ307") == []


def test_gz308_parts_exceed_total():
    (d,) = lint(with_para("二", "共公开229条，其中工作动态228条，计划总结类1条，其他3条。"), "GZ308")
    assert "228+1+3=232" in d.message and "229" in d.message


@pytest.mark.parametrize("text", [
    "共公开229条。其中，工作动态228条，计划总结类信息1条。",
    "主动公开政府信息共150条，其中规范性文件1项，行政许可84项，其他对外管理服务事项64项，行政处罚1项。",
    "共发布信息120条，其中工作动态80条，通知公告20条。",  # a partial list is fine
])
def test_gz308_adds_up(text):
    assert lint(with_para("二", text), "GZ308") == []


def test_gz308_closed_list_short_of_total():
    (d,) = lint(with_para("二", "共公开120条，其中工作动态80条，其他20条。"), "GZ308")
    assert "=100" in d.message


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_seed_gets_a_false_prose_arithmetic_complaint(prefix):
    diags = lint_text(seed_path(prefix).read_text(encoding="utf-8"), name=f"{prefix}.txt")
    assert not {d.code for d in diags} & {"GZ307", "GZ308"}

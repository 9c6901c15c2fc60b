"""GZ307, GZ308: numbers in the prose against the tables and against themselves."""

from __future__ import annotations

from pathlib import Path

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


# -- what a count counts (the sample: 一 16, 二 2, （七） 16, 四 2; 复议 2; 诉讼 1 + 0;
#    行政规范性文件 制发 3, 废止 1, 现行有效 12) -------------------------------------

def _one(report, severity="error"):
    (d,) = lint(report, "GZ307")
    assert d.severity.label == severity
    return d


def test_gz307_accepted_count_differs():
    """gwbgs_2025: 共受理公开申请34件 while 一 = 一 + 二 = （七） = 32."""
    d = _one(with_para("三", "本年度共受理公开申请20件，均在法定期限内予以办理。"))
    assert "20件" in d.message and d.row == "一、本年新收政府信息公开申请数量"


def test_gz307_received_equals_new_plus_carried_is_info():
    """pingtan_2022: 收到…申请75件 = 新收 74 + 上年结转 1."""
    d = _one(with_para("三", "全区收到政府信息公开申请18件，涉及自然人14件、商业企业3件。"), "info")
    assert "总计16" in d.message and "上年结转" in d.message and "总计2" in d.message


@pytest.mark.parametrize("text", [
    "全区共收到政府信息公开申请16件，共办结16件，结转至2022年2件。",
    "本年度共收到16件申请，及时依法依规办结16件，2件结转下年度继续办理。",
    "共受理政府信息公开申请16件，答复政府信息公开申请16件（含上年度结转申请2件，另有2件申请顺延到下年度答复）。",
    "本年收到申请16件，申请数量较去年增加5件。",
    "自2008年以来累计受理申请500件。",
    "2020年共收到政府信息公开申请5件。",
    "其中，收到自然人申请5件。",
    "本年度受理行政复议申请5件。",
    "已办结16件，正在办理申请2件。",
    "结转至2023年5件。",
])
def test_gz307_counts_that_agree_or_are_not_this_years(text):
    assert lint(with_para("三", text), "GZ307") == []


@pytest.mark.parametrize("text,row", [
    ("办结依申请公开15件，其中予以公开9件。", "（七）总计"),
    ("本年度共收到申请16件，1件结转下年度继续办理。", "四、结转下年度继续办理"),
])
def test_gz307_handled_and_carried_over(text, row):
    assert _one(with_para("三", text)).row == row


@pytest.mark.parametrize("text", [
    "坚持第一时间登记受理、第一时间转送承办单位和第一时间回复申请的“三个一”工作机制。",
    "深化“三项制度”改革，一是规范受理申请，二是及时答复。",
])
def test_gz307_slogans_and_ordinals_are_not_counts(text):
    assert lint(with_para("一", text), "GZ307") == []


@pytest.mark.parametrize("text", [
    "全年办理因政府信息公开申请引发的行政复议2起，行政诉讼1起。",  # pingtan_2025's shape
    "信息公开类行政复议2件，诉讼1件，均获维持。",
    "因政府信息公开引起的行政复议案件2件、行政诉讼案件1件。",
])
def test_gz307_litigation_matches_table_four_not_table_three(text):
    assert lint(with_para("四", text), "GZ307") == []


def test_gz307_one_count_of_both_kinds_is_not_either():
    assert lint(with_para("四", "本年度发生政府信息公开行政复议、行政诉讼案件共5件。"), "GZ307") == []


def test_gz307_count_of_all_bodies_is_info():
    """全区各级行政机关共受理…: the table may be the body's own."""
    _one(with_para("三", "全县各级行政机关共受理政府信息公开申请300件。"), "info")


def test_gz307_suits_are_both_groups():
    r = sample_report()
    r.sections["四"] = (r.sections["四"][0], ["全年办理因政府信息公开申请引发的行政复议2起，行政诉讼3起。"])
    r.set_cell("litigation", "after_review", "upheld", "2").set_cell("litigation", "after_review", "total", "2")
    assert lint(r, "GZ307") == []
    d = _one(with_para("四", "信息公开类行政复议2件，诉讼3件。"))
    assert "（未经复议直接起诉总计1 + 复议后起诉总计0）为1" in d.message


def test_gz307_review_cases_decided_by_the_body_are_another_subject():
    """A 司法局 decides 行政复议 cases itself: outside section 四 and without 公开, not table 四."""
    assert lint(with_para("一", "全年依法办理行政复议案件120件。"), "GZ307") == []


def test_gz307_no_litigation_is_not_no_applications():
    r = with_para("四", "本年度未发生因依申请公开引发的行政复议和行政诉讼。")
    for row, cells in r.cells["litigation"].items():
        r.cells["litigation"][row] = ["0"] * len(cells)
    r.sections["四"] = (r.sections["四"][0], r.sections["四"][1][1:])
    assert lint(r, "GZ307") == []


def test_gz307_no_lost_suits_is_not_no_suits():
    assert lint(with_para("四", "未发生因政府信息公开引发的行政诉讼败诉案件。"), "GZ307") == []


@pytest.mark.parametrize("text,severity", [
    ("截至年底，现行有效行政规范性文件10件。", "error"),
    ("清理并集中发布现行有效行政规范性文件10件。", "info"),  # pingtan_2023: a published set
    ("本年度制发行政规范性文件5件。", "error"),
])
def test_gz307_documents_against_table_two(text, severity):
    d = _one(with_para("二", text), severity)
    assert d.row == "行政规范性文件"


@pytest.mark.parametrize("text", ["现行有效行政规范性文件12件。", "集中公开现行有效行政规范性文件12件，动态更新本年度制发的规范性文件3件。"])
def test_gz307_documents_that_agree(text):
    assert lint(with_para("二", text), "GZ307") == []


def test_gz307_documents_not_compared_in_the_2019_form():
    assert lint(with_para("二", "现行有效规范性文件10件。", fmt="2019"), "GZ307") == []


@pytest.mark.parametrize("text", ["办结申请16件，其中予以公开及部分公开11件。", "办结申请16件，其中予以公开9件。"])
def test_gz307_outcomes_that_agree(text):
    assert lint(with_para("三", text), "GZ307") == []


def test_gz307_outcomes_differ():
    d = _one(with_para("三", "办结申请16件，其中予以公开及部分公开12件。"))
    assert "「（一）予以公开」总计9 + 「（二）部分公开」总计2" in d.message


def test_gz307_silent_where_the_table_is_already_broken():
    """（七） ≠ Σ outcomes is GZ302's; the prose may be the right one."""
    r = with_para("三", "办结申请16件，其中予以公开及部分公开12件。").set_cell("applications", "disclosed", "total", "10")
    assert lint(r, "GZ307") == []


def test_gz307_outcomes_against_a_blank_total_read_as_its_row():
    """shanghai_office_2019: 总计 blank in the outcome rows; 予以公开及部分公开258件 against 272 + 3."""
    r = with_para("三", "答复申请16件。予以公开及部分公开10件，占62.5%。")
    r.blank_cell("applications", "disclosed", "total").blank_cell("applications", "partial", "total")
    d = _one(r)
    assert "总计为空，按本行各列之和" in d.message and "为11" in d.message


def test_gz308_parts_exceed_total():
    (d,) = lint(with_para("二", "共公开229条，其中工作动态228条，计划总结类1条，其他3条。"), "GZ308")
    assert "228+1+3=232" in d.message and "229" in d.message


@pytest.mark.parametrize("text", [
    "共公开229条。其中，工作动态228条，计划总结类信息1条。",
    "主动公开政府信息共150条，其中规范性文件1项，行政许可84项，其他对外管理服务事项64项，行政处罚1项。",
    "共发布信息120条，其中工作动态80条，通知公告20条。",  # a partial list is fine
    "共发布信息120条，其中门户网站发布100条，政务微信发布80条。",  # channels overlap
    "共办理申请20件，其中自然人15件（其中线上10件），法人5件。",  # a list within the list
    "共公开信息20条，其中规范性文件3件，其他17件，涉及人员30人次。",
])
def test_gz308_adds_up(text):
    assert lint(with_para("二", text), "GZ308") == []


def test_gz308_closed_list_short_of_total():
    (d,) = lint(with_para("二", "共公开120条，其中工作动态80条，其他20条。"), "GZ308")
    assert "=100" in d.message


def test_gz308_bracketed_list_is_read_to_its_bracket():
    text = "共公布信息100条，(其中工作动态50条，政策、文件类信息20条，其他信息20条)对于主动公开的信息，通过网站发布5条。"
    (d,) = lint(with_para("二", text), "GZ308")
    assert "50+20+20=90" in d.message and "100" in d.message and d.section == "二、主动公开政府信息情况"


def test_gz308_bracketed_list_that_adds_up():
    text = "共公布信息90条，（其中工作动态50条，其他信息40条）对于主动公开的信息，通过网站发布5条。"
    assert lint(with_para("二", text), "GZ308") == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_seed_gets_a_false_prose_arithmetic_complaint(prefix):
    diags = lint_text(seed_path(prefix).read_text(encoding="utf-8"), name=f"{prefix}.txt")
    assert not {d.code for d in diags} & {"GZ307", "GZ308"}


REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real"


@pytest.mark.parametrize("name,expected", [
    ("html/gwbgs_2025.html", [("GZ307", "error")]),
    ("html/pingtan_2021.html", []),
    ("html/pingtan_2022.html", [("GZ307", "info")]),
    ("html/pingtan_2023.html", [("GZ307", "info")]),
    ("html/pingtan_2025.html", []),
    ("html/shsyj_2025.html", [("GZ309", "error")]),
    ("text/shanghai_office_2019.txt", [("GZ307", "error")]),  # 予以公开及部分公开258件 vs 272 + 3
    ("text/shanghai_office_2025_converted.md", []),
])
def test_real_reports_prose_and_in_force(name, expected):
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"real report {path} not found (../shared/real is not beside the checkout)")
    from gzlint.engine import lint_paths

    found = [(d.code, d.severity.label) for d in lint_paths([path]) if d.code in ("GZ307", "GZ308", "GZ309")]
    assert found == expected


@pytest.mark.parametrize("text,expected", [
    ("本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。",
     [("received", 70), ("handled", 69), ("carried_out", 1)]),
    ("全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。",
     [("received", 154), ("handled", 148), ("carried_out", 6)]),
    ("全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起。", [("review", 36), ("suits", 9)]),
    ("坚持第一时间登记受理、第一时间回复申请的“三个一”工作机制。", []),
    ("本年度未发生因依申请公开引发的行政复议和行政诉讼。", [("review", 0), ("suits", 0)]),
    ("本年度未收到政府信息公开申请。", [("received", 0)]),
    ("清理并集中发布现行有效行政规范性文件393件。", [("in_force", 393)]),
    ("收到申请约30件，较去年增加5件。", []),
])
def test_find_counts_reads_the_quantity(text, expected):
    from gzlint.metadata.counts import find_counts

    assert [(s.quantity, s.number) for s in find_counts(text, 2025)] == expected

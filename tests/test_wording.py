"""GZ508–GZ511: the legal basis misquoted, enumerations out of order, words
that contradict the tables, and section 五 with only half of its content."""

from __future__ import annotations

import pytest

from gzlint.cli import main
from gzlint.engine import lint_text
from gzlint.form.wording import wording_data
from gzlint.testing.sample import render_text, sample_report


def lint(report, code: str):
    return [d for d in lint_text(render_text(report)) if d.code == code]


def with_para(section: str, text: str, fmt: str = "2021", year: int | None = None):
    r = sample_report(fmt, year)
    r.sections[section][1].append(text)
    return r


def with_intro(text: str, fmt: str = "2021", year: int | None = None):
    r = sample_report(fmt, year)
    r.intro = text + r.intro
    return r


@pytest.mark.parametrize("code", ["GZ508", "GZ509", "GZ510", "GZ511"])
@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_clean_samples_are_silent(code, fmt):
    assert lint(sample_report(fmt), code) == []


@pytest.mark.parametrize("code", ["GZ508", "GZ509", "GZ510", "GZ511"])
def test_explain(code, capsys):
    assert main(["explain", code]) == 0
    assert capsys.readouterr().out.startswith(code)


def test_word_lists_are_data():
    data = wording_data()
    assert "中华人民共和国政府信息公开条例" in next(e["correct"] for e in data["names"] if e["what"] == "条例")
    assert data["problems_and_measures"]["problem_words"] and data["notice_series"]


# -- GZ508 --------------------------------------------------------------------

@pytest.mark.parametrize("name, kind", [
    ("《中华人民共和国信息公开条例》", "条例"),
    ("《中华人民共和国政府信息条例》", "条例"),
    ("《政府信息公开条列》", "条例"),
    ("《中华人民共和国政府信息年度报告格式》", "年度报告格式"),
    ("《政府信息公开年度报告格式》", "年度报告格式"),
])
def test_gz508_misquoted_names(name, kind):
    (d,) = lint(with_intro(f"本报告根据{name}编制。"), "GZ508")
    assert name in d.message and "应为" in d.message


@pytest.mark.parametrize("text", [
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）编制。",
    "根据《政府信息公开条例》和《福建省政府信息公开办法》要求编制。",
    "根据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
    "（国办公开办函〔2021〕30 号）编制。",
    "根据《国务院办公厅政府信息与政务公开办公室关于印发<政府信息公开工作年度报告格式>的通知》编制。",
    "根据《XX省政府信息公开条例》编制。",
    "遵守《中华人民共和国计算机信息系统安全保护条例》。",
    "根据国办发〔2020〕17号文件要求。",
    "根据闽政办〔2021〕30、31号文件要求。",
    "根据国办公开办函〔２０２１〕３０号要求编制。",
    "参照《关于做好政府信息公开工作年度报告格式调整的通知》和《中华人民共和国政府信息公开条例释义》。",
])
def test_gz508_correct_names_and_numbers(text):
    assert lint(with_intro(text), "GZ508") == []


@pytest.mark.parametrize("text, shown", [
    ("根据国办公开办函〔202130号要求编制。", "〔202130号"),
    ("根据国办公开办函〔2021〕号要求编制。", "〔2021〕号"),
    ("根据国办公开办函〔21〕30号要求编制。", "〔21〕30号"),
])
def test_gz508_garbled_wenhao(text, shown):
    found = lint(with_intro(text), "GZ508")
    assert found and all("文号" in d.message for d in found)
    assert shown in found[0].message


def test_gz508_wenhao_cut_by_a_line_break_is_left_alone():
    assert lint(with_intro("根据国办公开办函〔2021"), "GZ508") == []


def test_gz508_notice_of_the_other_period():
    (d,) = lint(with_intro("本报告根据国办公开办函〔2019〕60号要求编制。", year=2023), "GZ508")
    assert "国办公开办函〔2019〕60号" in d.message and "国办公开办函〔2021〕30号" in d.message


def test_gz508_the_other_notice_beside_the_right_one_is_fine():
    text = "本报告根据国办公开办函〔2021〕30号和国办公开办函〔2019〕60号要求编制。"
    assert lint(with_intro(text, year=2023), "GZ508") == []
    assert lint(with_intro("本报告根据国办公开办函〔2019〕60号要求编制。", fmt="2019"), "GZ508") == []


def test_gz508_the_right_notice_over_the_wrong_tables_is_gz114s():
    report = with_intro("本报告根据国办公开办函〔2021〕30号要求编制。", fmt="2019", year=2021)
    assert lint(report, "GZ508") == []


def test_gz508_new_notice_in_an_old_form_report():
    (d,) = lint(with_intro("本报告根据国办公开办函〔2021〕30号要求编制。", fmt="2019"), "GZ508")
    assert "2019年版" in d.message


# -- GZ509 --------------------------------------------------------------------

PINGTAN_LIKE = ("存在的问题主要有以下几个方面：一是部分单位信息发布属性界定还不够精确；三是开拓创新不够有力；"
                "三是政策解读的质量有待提高。")


def test_gz509_skip_and_repeat_in_one_paragraph():
    r = sample_report()
    r.sections["五"] = ("五、存在的主要问题及改进情况", [PINGTAN_LIKE, "下一步：一是加大检查力度。二是提升内容质量。三是拓宽互动渠道。"])
    found = lint(r, "GZ509")
    assert [("跳号" in d.message, "重复" in d.message) for d in found] == [(True, False), (False, True)]
    assert all(d.section == "五、存在的主要问题及改进情况" for d in found)
    assert "「一是」之后是「三是」" in found[0].message


def test_gz509_items_one_per_paragraph():
    r = sample_report()
    r.sections["五"] = ("五、存在的主要问题及改进情况", ["存在问题如下：", "一是解读形式单一。", "三是更新不及时。",
                                          "下一步将加强培训。"])
    (d,) = lint(r, "GZ509")
    assert "跳号" in d.message


def test_gz509_list_going_on_in_the_next_paragraph():
    r = sample_report()
    r.sections["五"] = ("五、存在的主要问题及改进情况", ["存在问题如下：一是解读形式单一；", "三是更新不及时。", "下一步将加强培训。"])
    (d,) = lint(r, "GZ509")
    assert "「一是」之后是「三是」" in d.message and "一是解读形式单一" in d.message


def test_gz509_paren_numbers_in_one_paragraph():
    (d,) = lint(with_para("一", "主要做法：（一）完善制度；（三）强化培训。"), "GZ509")
    assert "（一）" in d.message and "（三）" in d.message


def test_gz509_subheadings_repeat():
    r = sample_report()
    paras = r.sections["一"][1]
    paras[3] = paras[3].replace("（三）", "（二）")
    (d,) = lint(r, "GZ509")
    assert "重复" in d.message


@pytest.mark.parametrize("paras", [
    # lists restart in each paragraph and after a sub-heading
    ["一是加强领导；二是完善制度。", "下一步，一是丰富形式；二是加强培训；三是强化考核。"],
    ["（一）主动公开。一是公开政策文件；二是公开执法信息。", "（二）依申请公开。一是规范答复；二是加强审查。"],
    # continued over paragraphs
    ["一是加强领导。", "二是完善制度。", "三是强化考核。"],
    ["一是加强领导；二是完善制度。", "三是强化考核。"],
    # quoted numbering, references to the 条例, table labels
    ["按照“一是…三是…”的要求推进。", "依据《条例》第二十条第（一）项、第（三）项公开。"],
    ["表三中（一）予以公开9件，（三）不予公开1件。"],
    # words that end in 一 but are no marker
    ["一是加强领导；二是统一是前提，唯一是目标；三是完善制度。"],
    # the items of one list are not certain across an unrelated paragraph
    ["一是加强领导。", "本年度共开展培训2次。", "三是强化考核。"],
])
def test_gz509_not_an_error(paras):
    r = sample_report()
    r.sections["五"] = ("五、存在的主要问题及改进情况", paras)
    assert lint(r, "GZ509") == []


def test_gz509_list_starting_past_one_within_a_paragraph():
    (d,) = lint(with_para("五", "主要问题如：公开意识有待提升；二是依申请公开工作不够规范。"), "GZ509")
    assert "「二是」开始" in d.message and "「一是」" in d.message


def test_gz509_subheadings_starting_past_one():
    r = sample_report()
    r.sections["一"] = ("一、总体情况", ["2021年工作概述。", "（1）主动公开。公开文件。", "（二）依申请公开。答复申请。",
                                  "（三）政府信息管理。审查文件。"])
    (d,) = lint(r, "GZ509")
    assert "「（二）」开始" in d.message and "「（一）」" in d.message


@pytest.mark.parametrize("paras", [
    ["二是完善制度。"],                               # a paragraph of its own: the 一是 may be elsewhere
    ["公开工作一", "是加强领导；二是完善制度。"],      # a marker cut by a line break
])
def test_gz509_start_past_one_not_certain(paras):
    r = sample_report()
    r.sections["一"] = ("一、总体情况", paras)
    assert lint(r, "GZ509") == []


def test_gz509_nested_lists_of_one_style():
    r = sample_report()
    r.sections["五"] = ("五、存在的主要问题及改进情况", ["（一）存在的问题", "（一）解读形式单一。", "（二）更新不及时。",
                                          "（二）改进措施", "下一步将加强培训。"])
    assert lint(r, "GZ509") == []


def test_gz509_table_rows_read_as_text_are_no_list():
    r = sample_report()
    r.sections["三"] = ("三、收到和处理政府信息公开申请情况", ["（二）部分公开（区分处理的，只计这一情", "形）",
                                              "| （四）无法提供 | 3 |", "（六）其"])
    assert lint(r, "GZ509") == []


def test_gz509_subheading_marker_without_its_number():
    r = sample_report()
    r.sections["一"] = ("一、总体情况", ["(一)加强平台建设。", "()加强监督检查。", "三)主动公开情况。"])
    (d,) = lint(r, "GZ509")
    assert "缺少数字" in d.message and "()加强监督检查" in d.message


def test_gz509_subheading_marker_without_its_bracket_counts():
    r = sample_report()
    r.sections["一"] = ("一、总体情况", ["(一)加强平台建设。", "三)主动公开情况。"])
    (d,) = lint(r, "GZ509")
    assert "跳号" in d.message and "「三)」" in d.message


def test_gz509_sections_restart_their_subheadings():
    r = sample_report()
    r.sections["五"] = ("五、存在的主要问题及改进情况", ["（一）存在的问题。解读形式单一。", "（二）改进措施。加强培训。"])
    assert lint(r, "GZ509") == []


# -- GZ510 --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "本年度收到的政府信息公开申请均已按期办结。",
    "所有申请均已办结。",
    "本年共收到政府信息公开申请16件，已全部办结。",
    "对收到的申请均在法定期限内办结。",
])
def test_gz510_all_concluded_but_some_carried_over(text):
    (d,) = lint(with_para("三", text), "GZ510")
    assert "结转下年度继续办理" in d.message and "2" in d.message
    assert d.table == "表三" and d.row == "四、结转下年度继续办理" and d.column == "总计"


def test_gz510_all_concluded_and_nothing_carried_over():
    r = with_para("三", "所有申请均已办结。")
    r.cells["applications"]["carried_out"] = ["0"] * 7
    r.cells["applications"]["disclosed"] = ["8", "2", "0", "0", "0", "1", "11"]
    assert lint(r, "GZ510") == []


@pytest.mark.parametrize("text", [
    "上年结转的申请均已办结。",
    "本年度12345热线转办的诉求申请均已办结。",
    "本年度收到的申请未全部办结，2件结转下年度办理。",
    "政务服务事项均可在30分钟内办结。",
    "本年共收到申请16件，均在法定期限内答复。",
])
def test_gz510_not_a_contradiction(text):
    assert lint(with_para("三", text), "GZ510") == []


@pytest.mark.parametrize("text, count", [
    ("本年度未发生政府信息公开行政复议、行政诉讼案件。", 2),
    ("本年度未发生行政复议。", 1),
    ("没有发生针对我局政府信息公开事务的行政诉讼。", 1),
])
def test_gz510_no_litigation_claimed(text, count):
    found = lint(with_para("四", text), "GZ510")
    assert len(found) == count and all(d.table == "表四" for d in found)


@pytest.mark.parametrize("text", [
    "未发生因依申请公开被行政复议纠错的情况。",
    "未发生行政诉讼败诉。",
    "本年度发生行政复议2件。",
])
def test_gz510_litigation_not_a_contradiction(text):
    assert lint(with_para("四", text), "GZ510") == []


@pytest.mark.parametrize("text, rows", [
    ("信息公开类行政复议2件，诉讼1件，均获维持。", {"行政复议", "未经复议直接起诉"}),
    ("本年度政府信息公开行政复议案件均被维持。", {"行政复议"}),
])
def test_gz510_all_upheld_but_table_shows_other_outcomes(text, rows):
    r = with_para("四", text)
    r.set_cell("litigation", "review", "upheld", "1").set_cell("litigation", "review", "pending", "1")
    r.set_cell("litigation", "direct", "upheld", "0").set_cell("litigation", "direct", "pending", "1")
    (d,) = lint(r, "GZ510")
    assert d.table == "表四" and all(row in d.message for row in rows) and "尚未审结为1" in d.message


def test_gz510_all_upheld_and_so_they_were():
    r = with_para("四", "信息公开类行政复议2件，诉讼1件，均获维持。")
    for row in ("review", "direct"):
        total = r.cells["litigation"][row][-1]
        r.cells["litigation"][row] = [total, "0", "0", "0", total]
    assert lint(r, "GZ510") == []


def test_gz510_upheld_cases_of_a_review_body_are_another_subject():
    r = with_para("一", "全年办理行政复议案件120件，均予以维持。")
    r.set_cell("litigation", "review", "pending", "1")
    assert lint(r, "GZ510") == []


def test_gz510_no_litigation_true():
    r = with_para("四", "本年度未发生政府信息公开行政复议、行政诉讼案件。")
    r.sections["四"][1].pop(0)
    r.cells["litigation"] = {rid: ["0"] * len(v) for rid, v in r.cells["litigation"].items()}
    assert lint(r, "GZ510") == []


# -- GZ511 --------------------------------------------------------------------

def five(*paras):
    r = sample_report()
    r.sections["五"] = ("五、存在的主要问题及改进情况", list(paras))
    return r


def test_gz511_problems_only():
    (d,) = lint(five("政策解读形式较为单一，公开内容的及时性有待提高。"), "GZ511")
    assert "没有写改进措施" in d.message and d.section == "五、存在的主要问题及改进情况"


@pytest.mark.parametrize("text", ["政务公开制度不规范、不完善，解读质量有待加强，更新仍需进一步提升。"])
def test_gz511_needs_said_of_problems_are_no_measures(text):
    (d,) = lint(five(text), "GZ511")
    assert "没有写改进措施" in d.message


def test_gz511_measures_only():
    (d,) = lint(five("下一步，我局将进一步加强政府信息公开工作，丰富政策解读形式。"), "GZ511")
    assert "没有写存在的问题" in d.message


@pytest.mark.parametrize("paras", [
    ["政策解读形式较为单一。下一步将丰富图表、视频等解读形式。"],
    ["存在的问题：一是解读形式单一；二是更新不及时。", "改进措施：一是加强培训；二是建立台账。"],
    ["无。"],
    [],
])
def test_gz511_both_or_empty(paras):
    assert lint(five(*paras), "GZ511") == []


# -- GZ512 (off by default) -----------------------------------------------------

def lint_selected(report, code: str, **options):
    from gzlint.config import Settings

    return [d for d in lint_text(render_text(report), settings=Settings(**options)) if d.code == code]


SLIPS = "进一步加强政府信息公开的的规范化建设,提升公开质量;做好解读。"


def test_gz512_is_off_by_default_and_not_turned_on_by_a_prefix():
    report = with_para("一", SLIPS)
    assert lint(report, "GZ512") == []
    assert lint_selected(report, "GZ512", select=["GZ5"]) == []


def test_gz512_doubled_word_and_ascii_punctuation():
    found = lint_selected(with_para("一", SLIPS), "GZ512", extend_select=["GZ512"])
    assert sorted(d.message.split("：")[0] for d in found) == ["中文之间使用了半角标点2处（应为全角「，」「；」），首处", "重复字词「的的」"]


@pytest.mark.parametrize("text", ["他的的确确做到了。", "问题不了了之。", "等等，人人有责。", "共3,500条，1,2项。"])
def test_gz512_not_a_slip(text):
    assert lint_selected(with_para("一", text), "GZ512", select=["GZ512"]) == []


def test_gz512_ignored_stays_off():
    assert lint_selected(with_para("一", SLIPS), "GZ512", extend_select=["GZ512"], ignore=["GZ512"]) == []

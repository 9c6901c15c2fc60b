"""Every core rule (GZ0xx–GZ3xx) with a bad and a good example.

The good example of every rule is the clean sample report of each format,
which must produce no diagnostic at all (test_clean_reports)."""

from __future__ import annotations

import pytest

from gzlint.engine import lint_text
from gzlint.testing.sample import render_text, sample_report

from .helpers import codes, lint_sample


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_clean_reports(fmt):
    assert lint_sample(sample_report(fmt)) == []


def _bad(fmt="2021"):
    return sample_report(fmt)


# -- GZ0xx ---------------------------------------------------------------------

def test_gz001_empty_and_corrupt(tmp_path):
    from gzlint.engine import lint_paths

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    good = tmp_path / "good.txt"
    good.write_text(render_text(sample_report()), encoding="utf-8")
    diags = lint_paths([empty, broken, good])
    assert {d.path for d in diags if d.code == "GZ001"} == {str(empty), str(broken)}
    assert not [d for d in diags if d.path == str(good)]


def test_gz002_undecodable(tmp_path):
    from gzlint.engine import lint_paths

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x80\xff" * 200)
    assert codes(lint_paths([bad])) == {"GZ002"}


def test_gz004_not_a_report():
    diags = lint_text("关于开展政务公开培训的通知\n各单位：\n定于下周举行培训，请准时参加。\n")
    assert codes(diags) == {"GZ004"}


# -- GZ1xx ---------------------------------------------------------------------

def test_gz101_missing_section():
    diags = lint_sample(_bad().drop_section("五"))
    assert [(d.code, d.section) for d in diags] == [("GZ101", "五、存在的主要问题及改进情况")]


def test_gz102_section_wording():
    r = _bad()
    r.sections["六"] = ("六、其他应报告的事项", r.sections["六"][1])
    diags = lint_sample(r)
    assert codes(diags) == {"GZ102"} and "六、其他应报告的事项" in diags[0].message


def test_gz103_section_numbering():
    r = _bad()
    r.sections["三"] = ("3、收到和处理政府信息公开申请情况", r.sections["三"][1])
    assert codes(lint_sample(r)) == {"GZ103"}


def test_gz104_title():
    r = _bad()
    r.title = None
    assert codes(lint_sample(r)) == {"GZ104"}
    r.title = "青山县交通运输局政府信息公开工作年度报告"
    diags = lint_sample(r)
    assert "GZ104" in codes(diags) and "年份" in diags[0].message


@pytest.mark.parametrize("title", ["2021年政府信息公开工作年度报告", "2021年度政府信息公开工作年报"])
def test_gz104_title_without_body(title):
    r = _bad()
    r.title = title
    diags = [d for d in lint_sample(r) if d.code == "GZ104"]
    assert len(diags) == 1 and "没有写明发布机关" in diags[0].message


@pytest.mark.parametrize("title,body", [
    ("2021年青山县交通运输局政府信息公开工作年度报告", "青山县交通运输局"),
    ("青山县交通运输局2021年政府信息公开工作年度报告", "青山县交通运输局"),
    ("青山县交通运输局政府信息公开工作年度报告（2021年）", "青山县交通运输局"),
])
def test_gz104_body_before_or_after_the_year(title, body):
    from gzlint.engine import build_report
    from gzlint.metadata import report_meta

    r = _bad()
    r.title = title
    assert not [d for d in lint_sample(r) if d.code == "GZ104" and "发布机关" in d.message]
    assert report_meta(build_report("report.txt", render_text(r).encode("utf-8"))).body == body


def test_gz110_missing_table():
    r = _bad()
    r.dropped_tables.add("litigation")
    diags = lint_sample(r)
    assert [(d.code, d.table) for d in diags] == [("GZ110", "表四")]


def test_gz111_missing_row():
    diags = lint_sample(_bad().drop_row("applications", "declined.2"))
    assert [(d.code, d.row) for d in diags if d.code == "GZ111"] == [("GZ111", "2.重复申请")]


def test_gz112_extra_row():
    text = render_text(_bad())
    text = text.replace("\t行政强制\n\t3\n\n", "\t行政强制\n\t3\n\n\t其他执法事项\n\t5\n\n")
    diags = lint_text(text)
    assert codes(diags) == {"GZ112"} and "其他执法事项" in diags[0].message


def test_gz113_label_wording():
    r = _bad()
    r.column_labels[("litigation", "upheld")] = "结果维护"
    r.column_labels[("applications", "public_interest")] = "社会组织"
    diags = lint_sample(r)
    assert codes(diags) == {"GZ113"}
    assert {d.column for d in diags} == {"结果维持", "社会公益组织"}


def test_gz114_old_tables_in_new_year():
    assert codes(lint_sample(sample_report("2019", year=2021))) == {"GZ114"}
    assert codes(lint_sample(sample_report("2021", year=2020))) == {"GZ114"}


def test_gz115_short_row():
    r = _bad()
    r.cells["applications"]["new"].pop()
    diags = lint_sample(r)
    assert [(d.code, d.row) for d in diags] == [("GZ115", "一、本年新收政府信息公开申请数量")]


# -- GZ2xx ---------------------------------------------------------------------

def test_gz201_blank_reported_once_with_the_value_it_needs():
    r = _bad().blank_cell("applications", "disclosed", "total")
    diags = lint_sample(r)
    assert codes(diags) == {"GZ201"}, "a blank is not reported again as arithmetic"
    (d,) = diags
    assert (d.row, d.column) == ("（一）予以公开", "总计") and "应为9" in d.message


def test_gz201_blank_zero_cell_no_hint():
    diags = lint_sample(_bad().blank_cell("applications", "withheld.1", "research"))
    assert [d.code for d in diags] == ["GZ201"] and "应填写数字" in diags[0].message


def test_gz202_not_a_number():
    diags = lint_sample(_bad().set_cell("litigation", "after_review", "total", "—"))
    assert [(d.code, d.row, d.column) for d in diags] == [("GZ202", "复议后起诉", "总计")]


@pytest.mark.parametrize("text", ["00", "０", "1,200", "5件"])
def test_gz203_odd_number(text):
    r = _bad().set_cell("active.6", "penalty", "decisions", text)
    assert "GZ203" in codes(lint_sample(r))


@pytest.mark.parametrize("text", ["-2", "3.5"])
def test_gz204_bad_count(text):
    r = _bad().set_cell("active.6", "penalty", "decisions", text)
    assert codes(lint_sample(r)) == {"GZ204"}


def test_gz204_signed_change_may_be_negative():
    r = sample_report("2019")
    assert r.cells["active.6"]["penalty"][1] == "-3"
    assert lint_sample(r) == []


@pytest.mark.parametrize(
    "fmt,table,row,col,text",
    [
        ("2019", "active.9", "procurement", "amount", "15.5"),
        ("2021", "active.8", "fees", "fees_amount", "12500元"),
    ],
)
def test_gz205_money_unit(fmt, table, row, col, text):
    diags = lint_sample(sample_report(fmt).set_cell(table, row, col, text))
    assert codes(diags) == {"GZ205"}


@pytest.mark.parametrize("text", ["75394432.52元", "251000元", "1026.8898万元", "0"])
def test_gz205_unit_stated_where_the_form_prints_none(text):
    """The 2019 form prints no unit for 采购总金额: an explicit unit is acceptable."""
    diags = lint_sample(sample_report("2019").set_cell("active.9", "procurement", "amount", text))
    assert "GZ205" not in codes(diags)


# -- GZ3xx ---------------------------------------------------------------------

def _say(report, old: str, new: str):
    """Keep the prose in step with a changed table, so only the table rule fires."""
    for number, (heading, paras) in report.sections.items():
        report.sections[number] = (heading, [p.replace(old, new) for p in paras])
    return report


def test_gz301_balance():
    r = _bad().set_cell("applications", "new", "natural", "13").set_cell("applications", "new", "total", "17")
    _say(r, "申请16件", "申请17件")
    diags = lint_sample(r)
    assert codes(diags) == {"GZ301"}
    natural = next(d for d in diags if d.column == "自然人")
    assert "一(13) + 二(2) = 15 ≠ （七）总计(12) + 四(2) = 14" in natural.message


def test_gz302_outcomes_total():
    r = _bad().set_cell("applications", "disclosed", "natural", "7").set_cell("applications", "disclosed", "total", "10")
    diags = lint_sample(r)
    assert codes(diags) == {"GZ302"} and {d.column for d in diags} == {"自然人", "总计"}


def test_gz303_applicants_total():
    r = _bad().set_cell("applications", "carried_out", "total", "3")
    diags = lint_sample(r)
    assert "GZ303" in codes(diags)
    row = next(d for d in diags if d.code == "GZ303")
    assert row.row == "四、结转下年度继续办理"


def test_gz304_litigation_total():
    r = _say(_bad().set_cell("litigation", "review", "total", "3"), "行政复议2件", "行政复议3件")
    diags = lint_sample(r)
    assert [(d.code, d.row) for d in diags] == [("GZ304", "行政复议")]
    assert "总计(3) ≠ 结果维持(1) + 结果纠正(0) + 其他结果(0) + 尚未审结(1) = 2" in diags[0].message


@pytest.mark.parametrize("issued,repealed,in_force", [("7", "0", "0"), ("3", "1", "1")])
def test_gz309_in_force_below_issued(issued, repealed, in_force):
    r = _bad().set_cell("active.1", "normative", "issued", issued).set_cell("active.1", "normative", "repealed", repealed)
    r.set_cell("active.1", "normative", "in_force", in_force)
    diags = lint_sample(r)
    assert [(d.code, d.row, d.column) for d in diags] == [("GZ309", "行政规范性文件", "现行有效件数")]
    assert f"少于本年制发{issued} − 本年废止{repealed}" in diags[0].message


@pytest.mark.parametrize("issued,repealed,in_force", [("7", "0", "7"), ("3", "5", "0"), ("0", "0", "0")])
def test_gz309_in_force_at_least_issued_minus_repealed(issued, repealed, in_force):
    r = _bad().set_cell("active.1", "normative", "issued", issued).set_cell("active.1", "normative", "repealed", repealed)
    r.set_cell("active.1", "normative", "in_force", in_force)
    assert "GZ309" not in codes(lint_sample(r))


def test_gz309_not_for_the_2019_columns():
    """The 2019 form's columns are 新制作/新公开/对外公开总数量: no such bound."""
    r = sample_report("2019").set_cell("active.1", "normative", "in_force", "0")
    assert "GZ309" not in codes(lint_sample(r))


# -- GZ201: blank lines fold into one finding in human-readable output ---------

def _report_lines(diags, fmt: str) -> list[str]:
    import io

    from gzlint.reporters import ReportOptions, get_reporter

    out = io.StringIO()
    get_reporter(fmt)(diags, ["report.txt"], out, ReportOptions(quiet=True))
    return [line for line in out.getvalue().splitlines() if "GZ201" in line]


def _blank_column(report, table: str, column: str):
    for row in report.cells[table]:
        report.blank_cell(table, row, column)
    return report


def test_gz201_blank_column_is_one_line_but_every_cell_in_json():
    import io
    import json

    from gzlint.reporters import get_reporter

    diags = lint_sample(_blank_column(_bad(), "applications", "research"))
    assert codes(diags) == {"GZ201"} and len(diags) == 25
    (line,) = _report_lines(diags, "concise")
    assert "表三「科研机构」列全部为空（25个单元格）" in line
    assert len(_report_lines(diags, "github")) == 1 and len(_report_lines(diags, "full")) == 1
    out = io.StringIO()
    get_reporter("json")(diags, ["report.txt"], out, None)
    assert len(json.loads(out.getvalue())["diagnostics"]) == 25


def test_gz201_blank_row_is_one_line():
    r = _bad()
    for col in ("natural", "business", "research", "public_interest", "legal", "other_org", "total"):
        r.blank_cell("applications", "withheld.1", col)
    diags = lint_sample(r)
    assert len(diags) == 7
    (line,) = _report_lines(diags, "concise")
    assert "「1.属于国家秘密」行全部为空（7个单元格）" in line


def test_gz201_blank_total_keeps_its_value_beside_other_blanks():
    """A blank 总计 beside blanks read as 0 still says which value it needs (the catalogue's 272 case)."""
    r = _bad().blank_cell("applications", "disclosed", "total").blank_cell("applications", "disclosed", "research")
    diags = lint_sample(r)
    total = next(d for d in diags if d.column == "总计")
    assert "按本行各列之和应为9" in total.message and total.group is None
    assert len(_report_lines(diags, "concise")) == 2


def test_gz201_other_blanks_of_a_row_share_a_line():
    r = _bad().blank_cell("applications", "carried_out", "research").blank_cell("applications", "carried_out", "legal")
    diags = lint_sample(r)
    assert len(diags) == 2
    (line,) = _report_lines(diags, "concise")
    assert "「四、结转下年度继续办理」行「科研机构、法律服务机构」列为空" in line

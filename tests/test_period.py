"""GZ401–GZ406 and the numeral/date converter they rest on."""

from __future__ import annotations

import datetime as dt

import pytest

from gzlint.config import ConfigError, Settings, apply
from gzlint.engine import lint_text
from gzlint.metadata.dates import find_dates, standalone_date
from gzlint.metadata.numerals import cn_to_int, parse_count
from gzlint.metadata.period import first_period
from gzlint.testing.sample import render_text, sample_report

from .helpers import codes, seed_path

FAMILY = ("GZ30", "GZ4", "GZ5")


def lint(report, settings: Settings | None = None, code: str | None = None):
    diags = lint_text(render_text(report), settings=settings)
    return [d for d in diags if d.code == code] if code else diags


# -- the converter -------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("二〇二一", 2021), ("二○二一", 2021), ("二零二一", 2021), ("十", 10), ("十二", 12), ("二十一", 21),
    ("三十一", 31), ("一百零五", 105), ("三千二百", 3200), ("一万二千", 12000), ("两", 2), ("16", 16),
])
def test_cn_to_int(text, value):
    assert cn_to_int(text) == value


def test_cn_to_int_rejects_text():
    assert cn_to_int("若干") is None and cn_to_int("") is None
    assert parse_count("１６") == 16 and parse_count("十六") == 16


@pytest.mark.parametrize("text, date", [
    ("2021年1月12日", dt.date(2021, 1, 12)),
    ("二〇二一年一月十二日", dt.date(2021, 1, 12)),
    ("二○二一年一月十二日", dt.date(2021, 1, 12)),
    ("二零二一年十二月三十一日", dt.date(2021, 12, 31)),
    ("2021-01-12", dt.date(2021, 1, 12)),
    ("2021.1.12", dt.date(2021, 1, 12)),
    ("２０２１年１月１２日", dt.date(2021, 1, 12)),
])
def test_dates_in_every_shape(text, date):
    found = find_dates(f"发布于{text}。")
    assert [d.date for d in found] == [date]
    assert standalone_date(text).date == date


@pytest.mark.parametrize("text, problem", [
    ("截止20201231日", "连写"), ("2020年13月", "月份"), ("2021年2月30日", "不存在"), ("2020年12月31止", "缺少「日」"),
])
def test_malformed_dates(text, problem):
    (d,) = find_dates(text)
    assert d.malformed and problem in str(d.problem)


def test_bare_month_day_takes_the_year_before_it():
    start, end = find_dates("自2020年1月1日起至12月31日止")
    assert end.date == dt.date(2020, 12, 31)


def test_ranges_and_versions_are_not_dates():
    assert find_dates("2021年1月1-5日") == [] and find_dates("版本1.2.3") == []


# -- clean samples --------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_clean_samples_have_no_period_content_or_prose_findings(fmt):
    diags = lint(sample_report(fmt))
    assert [d for d in diags if d.code.startswith(FAMILY)] == []


# -- GZ401 ----------------------------------------------------------------------

def test_gz401_period_year_disagrees_with_title():
    bad = sample_report("2021")
    bad.intro = bad.intro.replace("2021年1月1日起至2021年12月31日", "2020年1月1日起至2020年12月31日")
    (d,) = lint(bad, code="GZ401")
    assert "2020年" in d.message and "标题中的2021年" in d.message and d.line == 2
    assert lint(sample_report("2021"), code="GZ401") == []


def test_gz401_prose_reports_another_year():
    bad = sample_report("2021")
    bad.sections["一"][1][0] = "2020年，青山县交通运输局认真贯彻落实条例。2020年共发布信息。2020年完成考核。2020年开展培训。"
    bad.intro = bad.intro.replace("统计期限自2021年1月1日起至2021年12月31日止", "统计期限为一个自然年度")
    found = lint(bad, code="GZ401")
    assert found and "「2020年」" in found[0].message


# -- GZ402, GZ403 ----------------------------------------------------------------

def test_gz402_period_stops_early():
    bad = sample_report("2021")
    bad.intro = bad.intro.replace("至2021年12月31日", "至2021年11月30日")
    (d,) = lint(bad, code="GZ402")
    assert "2021年11月30日" in d.message and "应为2021年1月1日至2021年12月31日" in d.message


def test_gz403_no_period():
    bad = sample_report("2021")
    bad.intro = "本报告根据《中华人民共和国政府信息公开条例》要求编制。"
    assert codes(lint(bad)) & {"GZ403"} == {"GZ403"}
    assert lint(sample_report("2021"), code="GZ403") == []


@pytest.mark.parametrize("sentence", [
    "本报告所列数据统计时限为2021年1月1日至2021年12月31日。",  # 统计时限
    "本报告所列数据统计期限为2021年1月1日至12月31日。",  # no 止, the end date without its year
    "报告所列统计期限自 2021 年 1 月 1 日至 2021 年 12 月 31 日。",  # spaces a PDF puts round the numbers
    "数据统计时间自2021年1月1日起，至2021年12月31日止。",  # 起，至
    "统计期限为2021年1月1日到2021年12月31日",  # no 的, no 数据, no full stop
    "本报告中所列数据统计期限为 2021\n年 1 月 1 日至 12 月 31 日。本报告电子版可在门户网站下载。",  # wrapped
])
def test_period_phrasings(sentence):
    r = sample_report("2021")
    r.intro = "本报告根据《中华人民共和国政府信息公开条例》要求编制。\n" + sentence
    assert [d for d in lint(r) if d.code.startswith("GZ40")] == []
    lines = [(text, n) for n, text in enumerate(r.intro.split("\n"), start=2)]
    period = first_period(lines)
    assert (period.year, period.calendar_year, period.line) == (2021, True, 3)


def test_wrapped_period_is_read_from_the_paragraph_it_starts_in():
    lines = [("统计期限为2021年", 1), ("1月1日至12月31日。", 2)]
    assert first_period(lines).line == 1
    # a paragraph that ends its sentence is not joined to the next
    assert first_period([("统计期限如下。", 1), ("2021年1月1日至2021年6月30日", 2)]) is None
    assert first_period([("本年度。", 1), ("统计期限为2021年1月1日至2021年12月31日。", 2)]).line == 2


# -- GZ404 ------------------------------------------------------------------------

def test_gz404_malformed_date_with_line():
    bad = sample_report("2021")
    bad.sections["二"] = (bad.sections["二"][0], ["截止20211231日，本局主动公开政府信息120条。"])
    (d,) = lint(bad, code="GZ404")
    assert "20211231日" in d.message and "2021年12月31日" in d.message
    assert render_text(bad).splitlines()[d.line - 1].startswith("截止20211231日")


# -- GZ405, GZ406 -------------------------------------------------------------------

def test_gz405_department_signs_after_january():
    bad = sample_report("2021")
    bad.signed = "二〇二二年二月十五日"
    (d,) = lint(bad, code="GZ405")
    assert "2022年2月15日" in d.message and "部门" in d.message and "2022年1月31日" in d.message
    assert lint(sample_report("2021"), code="GZ405") == []


def test_gz405_government_has_until_march():
    ok = sample_report("2021", body="青山县人民政府")
    ok.signed = "2022年3月20日"
    assert lint(ok, code="GZ405") == []
    ok.signed = "2022年4月2日"
    assert len(lint(ok, code="GZ405")) == 1


def test_gz405_township_only_when_configured_and_kind_override():
    town = sample_report("2021", body="青山县桃源镇人民政府")
    town.signed = "2022年5月1日"
    assert lint(town, code="GZ405") == []
    settings = Settings()
    apply(settings, {"deadlines": {"乡镇/街道": "02-28"}}, "test")
    (d,) = lint(town, settings, code="GZ405")
    assert "按配置" in d.message
    # body-kind by body name turns a 部门-looking name into a 人民政府
    dept = sample_report("2021", body="青山县开发区管委会")
    dept.signed = "2022年3月1日"
    assert len(lint(dept, code="GZ405")) == 1
    settings = Settings()
    apply(settings, {"body-kind": {"青山县开发区管委会": "人民政府"}}, "test")
    assert lint(dept, settings, code="GZ405") == []


def test_config_rejects_unknown_kind_and_bad_deadline():
    with pytest.raises(ConfigError):
        apply(Settings(), {"body-kind": {"*": "公司"}}, "test")
    with pytest.raises(ConfigError):
        apply(Settings(), {"deadlines": {"部门": "02-30"}}, "test")


def test_gz406_signed_within_the_report_year():
    bad = sample_report("2021")
    bad.signed = "2021年12月20日"
    (d,) = lint(bad, code="GZ406")
    assert "早于" in d.message
    bad.signed = "2024年1月20日"
    assert "两年以后" in lint(bad, code="GZ406")[0].message


# -- seeds ----------------------------------------------------------------------------

def test_seed_001_malformed_date():
    diags = [d for d in lint_text(seed_path("001").read_text(encoding="utf-8"), name="001.txt") if d.code == "GZ404"]
    assert [d.line for d in diags] == [10] and "20201231日" in diags[0].message


def test_seed_003_no_period():
    diags = lint_text(seed_path("003").read_text(encoding="utf-8"), name="003.txt")
    assert "GZ403" in codes(diags)


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_seeds_with_a_period_get_no_period_findings(prefix):
    diags = lint_text(seed_path(prefix).read_text(encoding="utf-8"), name=f"{prefix}.txt")
    assert not codes(diags) & {"GZ401", "GZ402", "GZ403", "GZ404", "GZ405", "GZ406"}

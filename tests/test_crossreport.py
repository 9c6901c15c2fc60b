"""GZ305, GZ306, GZ506: rules over all reports of one run."""

from __future__ import annotations

import sys

import pytest

from gzlint.engine import lint_paths
from gzlint.metadata.body import body_key, same_body
from gzlint.rules import crossreport
from gzlint.testing.sample import render_text, sample_report


def write(folder, name, report):
    path = folder / name
    path.write_text(render_text(report), encoding="utf-8")
    return path


def lint(folder, code):
    return [d for d in lint_paths([folder]) if d.code == code]


def two_years(body_then="青山县人民政府桃源街道办事处", body_now="青山县桃源街道办事处"):
    then = sample_report("2021", year=2021, body=body_then)
    now = sample_report("2021", year=2022, body=body_now)
    now.set_cell("active.1", "normative", "in_force", "14")  # 12 + 3 − 1
    return then, now


def rewrite_prose(report, words: str):
    """Prose of a different report: every paragraph says something else."""
    for number, (heading, paras) in report.sections.items():
        report.sections[number] = (heading, [f"{words}{number}{i}{p[::-1]}" for i, p in enumerate(paras)])
    report.intro = report.intro + words * 3
    return report


def test_body_identity_tolerates_how_the_name_is_written():
    assert body_key("广元市利州区人民政府上西街道办事处") == body_key("广元市利州区上西街道")
    assert same_body(body_key("县机关事务局"), body_key("上高县机关事务局"))
    assert not same_body(body_key("青山县水利局"), body_key("青山县交通运输局"))


def test_gz306_carry_over_disagrees_names_both_files(tmp_path):
    then, now = two_years()
    then_path = write(tmp_path, "2021.txt", then)
    now.set_cell("applications", "carried_in", "natural", "1").set_cell("applications", "carried_in", "total", "1")
    now_path = write(tmp_path, "2022.txt", now)
    found = lint(tmp_path, "GZ306")
    assert {d.column for d in found} == {"自然人", "总计"}
    for d in found:
        assert d.path == str(now_path) and str(then_path) in d.message and d.row == "二、上年结转政府信息公开申请数量"
        assert "四、结转下年度继续办理" in d.message and d.line is not None


def test_gz306_agreeing_carry_over_and_unrelated_bodies(tmp_path):
    then, now = two_years()
    write(tmp_path, "2021.txt", then)
    write(tmp_path, "2022.txt", now)
    assert lint(tmp_path, "GZ306") == [] and lint(tmp_path, "GZ305") == []
    other = sample_report("2021", year=2022, body="青山县水利局")
    other.set_cell("applications", "carried_in", "natural", "0")
    write(tmp_path, "other.txt", other)
    assert lint(tmp_path, "GZ306") == []


def test_gz305_in_force_across_years(tmp_path):
    then, now = two_years()
    write(tmp_path, "2021.txt", then)
    now.set_cell("active.1", "normative", "in_force", "20")
    write(tmp_path, "2022.txt", now)
    (d,) = lint(tmp_path, "GZ305")
    assert "12 + 本年制发3 − 本年废止1" in d.message.replace("现行有效件数", "") and "应为14" in d.message
    assert d.row == "行政规范性文件" and d.column == "现行有效件数" and "2021.txt" in d.message


def test_gz305_needs_the_2021_format_both_years(tmp_path):
    then = sample_report("2019", year=2020)
    now = sample_report("2021", year=2021)
    write(tmp_path, "2020.txt", then)
    write(tmp_path, "2021.txt", now)
    assert lint(tmp_path, "GZ305") == []


def test_gz506_last_years_report_with_only_the_year_changed(tmp_path):
    then, now = two_years()
    write(tmp_path, "2021.txt", then)
    write(tmp_path, "2022.txt", now)  # the same text, year and name spelling changed
    (d,) = lint(tmp_path, "GZ506")
    assert d.path.endswith("2022.txt") and "2021.txt" in d.message and "同一机关上一年度" in d.message


def test_gz506_rewritten_report_is_not_a_copy(tmp_path):
    then, now = two_years()
    write(tmp_path, "2021.txt", then)
    write(tmp_path, "2022.txt", rewrite_prose(now, "本年度围绕营商环境优化开展了专项公开"))
    assert lint(tmp_path, "GZ506") == []


def test_gz506_another_body_and_shared_templates(tmp_path):
    write(tmp_path, "a.txt", sample_report("2021", body="青山县水利局"))
    write(tmp_path, "b.txt", sample_report("2021", body="青山县林业局"))
    found = lint(tmp_path, "GZ506")
    assert {d.path.split("/")[-1] for d in found} == {"a.txt", "b.txt"} and "其他机关" in found[0].message
    # three or more bodies sharing text: a common template, not a copy
    write(tmp_path, "c.txt", sample_report("2021", body="青山县农业农村局"))
    assert lint(tmp_path, "GZ506") == []


@pytest.mark.parametrize("numpy", [True, False], ids=["numpy", "pure-python"])
def test_gz506_through_the_sketch_index(tmp_path, monkeypatch, numpy):
    monkeypatch.setattr(crossreport, "EXACT_MAX", 0)
    if not numpy:
        monkeypatch.setitem(sys.modules, "numpy", None)
    then, now = two_years()
    write(tmp_path, "2021.txt", then)
    write(tmp_path, "2022.txt", now)
    write(tmp_path, "x.txt", rewrite_prose(sample_report("2021", body="青山县水利局"), "水资源调度与河湖长制信息"))
    (d,) = lint(tmp_path, "GZ506")
    assert d.path.endswith("2022.txt")


def test_gz506_template_reports_only_planted_copies():
    """200 reports from one template, each with its own text; 10 copy another
    body's text: the stock text is dropped, the copies are found, nothing else."""
    import random

    from gzlint.reportfacts import text_signature

    rng = random.Random(5)
    template = "".join(p for _, paras in sample_report("2021").sections.values() for p in paras)
    own = ["".join(chr(0x4E00 + rng.randrange(5000)) for _ in range(900)) for _ in range(200)]
    texts = [template + t for t in own]
    planted = {199 - k: k for k in range(10)}
    for c, o in planted.items():
        texts[c] = texts[o]
    keys = [body_key(f"青山县第{i}号局") for i in range(200)]
    found = crossreport.near_copies([text_signature(t) for t in texts], keys, set())
    pairs = {frozenset((c, o)) for c, (_share, o, _how) in found.items()}
    assert pairs == {frozenset(p) for p in planted.items()}


def test_examples_folder_has_no_cross_report_findings():
    from .helpers import REPO

    if not (REPO / "examples").is_dir():
        pytest.skip("examples/ not generated")
    diags = lint_paths([REPO / "examples"])
    assert not {d.code for d in diags} & {"GZ305", "GZ306", "GZ506"}

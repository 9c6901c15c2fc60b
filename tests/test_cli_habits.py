"""The command line behaves as ruff users expect (issue 14): missing paths,
codes in any case, one set of severity names, --output-format, stdin,
--show-files, command-line excludes, --statistics formats, "did you mean"."""

from __future__ import annotations

import io
import json
import sys

import pytest

from gzlint.cli import main


def test_missing_path_is_a_diagnostic_and_the_rest_is_linted(sample_files, capsys):
    good, bad = sample_files
    assert main([str(good), "no/such/file.txt", "--format", "concise"]) == 1
    out = capsys.readouterr().out
    assert "no/such/file.txt: GZ001 文件或文件夹不存在" in out
    assert "涉及 2 个文件中的 1 个" in out
    assert main([str(good), "--format", "concise"]) == 0


def test_codes_are_case_insensitive(sample_files, capsys):
    _, bad = sample_files
    assert main([str(bad), "--select", "gz3", "--format", "concise"]) == 1
    assert "GZ301" in capsys.readouterr().out
    assert main([str(bad), "--ignore", "gz3"]) == 0


@pytest.mark.parametrize("level", ["warn", "WARNING", "w"])
def test_fail_level_takes_the_configuration_names(tmp_path, level):
    from gzlint.testing.sample import render_text, sample_report

    warn = tmp_path / "warn.txt"
    warn.write_text(render_text(sample_report("2021").blank_cell("applications", "total", "total")), encoding="utf-8")
    assert main([str(warn), "--select", "GZ201"]) == 0
    assert main([str(warn), "--select", "GZ201", "--fail-level", level]) == 1


def test_fail_level_unknown_name(sample_files, capsys):
    assert main([str(sample_files[0]), "--fail-level", "loud"]) == 2
    assert "unknown severity 'loud'" in capsys.readouterr().err


def test_output_format_and_format_are_one_option(sample_files, capsys):
    _, bad = sample_files
    assert main([str(bad), "--output-format", "json"]) == 1
    first = json.loads(capsys.readouterr().out)
    assert main([str(bad), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == first and first


def test_stdin_with_a_filename(sample_files, monkeypatch, capsys, tmp_path):
    _, bad = sample_files
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(bad.read_bytes())))
    assert main(["-", "--stdin-filename", "units/bad.txt", "--format", "concise"]) == 1
    out = capsys.readouterr().out
    assert "units/bad.txt:" in out and "GZ301" in out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert main(["-", "--format", "concise"]) == 1
    assert "-: GZ001" in capsys.readouterr().out


def test_show_files_and_command_line_excludes(sample_files, capsys):
    good, bad = sample_files
    folder = str(good.parent)
    assert main([folder, "--show-files"]) == 0
    assert sorted(capsys.readouterr().out.split()) == sorted([str(good), str(bad)])
    assert main([folder, "--show-files", "--exclude", "bad*"]) == 0
    assert capsys.readouterr().out.split() == [str(good)]
    assert main([folder, "--extend-exclude", "bad.txt"]) == 0


def test_statistics_refused_where_the_format_has_no_place(sample_files, capsys):
    _, bad = sample_files
    for fmt in ("sarif", "github", "junit"):
        assert main([str(bad), "--statistics", "--format", fmt]) == 2
        assert "--statistics 不能以" in capsys.readouterr().err
    assert main([str(bad), "--statistics", "--format", "concise"]) == 1


@pytest.mark.parametrize("toml, wanted", [
    ('selct = ["GZ3"]\n', "未知的配置项 selct（是否想写 select？）"),
    ('select = ["GZ31"]\n', "未知的规则代码 GZ31"),
    ('select = ["GZ3011"]\n', "是否想写 GZ301"),
    ('[severity]\nGZ301 = "info"\nfail-level = "warning"\n', "fail-level 写在了 severity 表中"),
])
def test_configuration_did_you_mean(sample_files, capsys, toml, wanted):
    good, _ = sample_files
    (good.parent / "gzlint.toml").write_text(toml, encoding="utf-8")
    assert main([str(good)]) == 2
    assert wanted in capsys.readouterr().err


def test_per_file_ignores_glob_matching_nothing_warns(sample_files, capsys):
    good, bad = sample_files
    (good.parent / "gzlint.toml").write_text('[per-file-ignores]\n"bad.txt" = ["gz3"]\n"bda.txt" = ["GZ3"]\n',
                                             encoding="utf-8")
    assert main([str(good.parent)]) == 0
    err = capsys.readouterr().err
    assert "「bda.txt」没有匹配" in err and "「bad.txt」" not in err


def test_truncated_docx_says_what_happened(tmp_path, capsys):
    from gzlint.testing.sample import sample_report
    from tests.writers import write_docx

    whole = tmp_path / "whole.docx"
    write_docx(sample_report("2021"), whole)
    cut = tmp_path / "年报.docx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert main([str(cut), "--format", "concise"]) == 1
    out = capsys.readouterr().out
    assert "GZ001 文件已损坏或不完整" in out and "Word/WPS 中打开后重新保存" in out and "（zip）" not in out


def test_identities_meeting_at_one_cell_are_one_finding(sample_files, capsys):
    _, bad = sample_files
    assert main([str(bad), "--format", "concise"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[-1].startswith("共发现 1 条问题")
    assert "表三「（七）总计」行「总计」列（填报 99）：3 个勾稽关系在此交汇且都不成立" in lines[0]
    assert "改为 16 则都成立（GZ301、GZ302、GZ303）" in lines[0]
    assert main([str(bad), "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)["diagnostics"]
    assert sorted(d["code"] for d in found) == ["GZ301", "GZ302", "GZ303"]
    assert len({d["group"] for d in found}) == 1


def test_two_unrelated_wrong_cells_are_not_grouped(tmp_path, capsys):
    from gzlint.testing.sample import render_text, sample_report

    report = tmp_path / "r.txt"
    report.write_text(render_text(sample_report("2021").set_cell("litigation", "review", "total", "7")), encoding="utf-8")
    assert main([str(report), "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)["diagnostics"]
    assert found and all("group" not in d for d in found)


@pytest.mark.parametrize("width", range(24, 121, 7))
def test_terminal_output_wraps_between_tokens(sample_files, width):
    import re

    from gzlint.engine import run
    from gzlint.reporters import ReportOptions, get_reporter
    from gzlint.reporters.wrap import cell_width

    _, bad = sample_files
    (bad.parent / "more.txt").write_text(bad.read_text(encoding="utf-8").replace("（二）法人或其他组织", "", 1),
                                         encoding="utf-8")
    result = run([str(bad.parent)])
    out = io.StringIO()
    import os
    os.environ["COLUMNS"] = str(width)  # rich reads the width from here when not on a terminal
    try:
        get_reporter("full")(result.diagnostics, result.files, out, ReportOptions())
    finally:
        del os.environ["COLUMNS"]
    lines = out.getvalue().splitlines()
    body = [x for x in lines if x.startswith(" " * 9) or re.match(r"\s+\d+\s+GZ", x)]
    assert body
    for x in body:
        assert cell_width(x) <= width or not re.search(r"[\u4e00-\u9fff]", x.strip()), x
    text = out.getvalue()
    for d in result.diagnostics:  # every number of every message stays whole on one line
        for number in re.findall(r"\d+(?:\.\d+)?", d.group_message or d.message):
            assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", text), number


def test_second_line_does_not_repeat_the_message():
    from gzlint.diagnostics import Diagnostic, Severity
    from gzlint.reporters.full import _place

    named = Diagnostic("a", "GZ303", Severity.ERROR, "表三「（七）总计」行：总计(99) ≠ 16", table="表三", row="（七）总计", column="总计")
    assert _place(named) == "列 总计"
    bare = Diagnostic("a", "GZ201", Severity.WARNING, "单元格为空", table="表三", row="（一）", column="总计")
    assert _place(bare) == "表三 · 行 （一） · 列 总计"


def test_explain_did_you_mean(capsys):
    assert main(["explain", "gz3011"]) == 2
    assert "是否想写 GZ301" in capsys.readouterr().err
    assert main(["explain", "gz301"]) == 0


def test_per_file_ignores_no_warning_when_files_are_named(sample_files, capsys):
    good, _ = sample_files
    (good.parent / "gzlint.toml").write_text('[per-file-ignores]\n"bda.txt" = ["GZ3"]\n', encoding="utf-8")
    assert main([str(good)]) == 0  # pre-commit names the staged files only
    assert "没有匹配" not in capsys.readouterr().err

"""Configuration ([tool.gzlint] / gzlint.toml / --config), --show-settings and baselines."""

from __future__ import annotations

import json
import shutil

import pytest

from gzlint.cli import main
from gzlint.config import ConfigError, Settings, apply, load_settings


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def codes_of(capsys):
    return {line.split(": ")[1].split()[0] for line in capsys.readouterr().out.splitlines() if ": GZ" in line}


def test_pyproject_select_ignore_and_cli_override(sample_files, capsys):
    good, bad = sample_files
    write(bad.parent / "pyproject.toml", '[tool.gzlint]\nignore = ["GZ302", "GZ303"]\n')
    assert main([str(bad), "--format", "concise"]) == 1
    assert codes_of(capsys) == {"GZ301"}
    assert main([str(bad), "--format", "concise", "--ignore", "GZ301"]) == 1  # the command line replaces the file's list
    assert codes_of(capsys) == {"GZ302", "GZ303"}


def test_per_file_ignores_and_severity(sample_files, capsys):
    good, bad = sample_files
    write(bad.parent / "gzlint.toml", """
[per-file-ignores]
"bad*.txt" = ["GZ301"]
[severity]
GZ302 = "warning"
GZ303 = "info"
""")
    other = bad.parent / "sub" / "other.txt"
    other.parent.mkdir()
    shutil.copy(bad, other)
    assert main([str(bad), str(other), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)["diagnostics"]
    by_file = {(d["path"].split("/")[-1], d["code"]): d["severity"] for d in data}
    assert by_file == {
        ("bad.txt", "GZ302"): "warning", ("bad.txt", "GZ303"): "info",
        ("other.txt", "GZ301"): "error", ("other.txt", "GZ302"): "warning", ("other.txt", "GZ303"): "info",
    }
    assert main([str(bad), "--format", "json"]) == 0  # nothing at the error level is left
    capsys.readouterr()


def test_fail_level_from_config(sample_files, capsys):
    good, bad = sample_files
    write(bad.parent / "gzlint.toml", 'fail-level = "warning"\n[severity]\nGZ3 = "warning"\n')
    assert main([str(bad)]) == 1
    write(bad.parent / "gzlint.toml", '[severity]\nGZ301 = "warning"\nGZ302 = "warning"\nGZ303 = "warning"\n')
    assert main([str(bad)]) == 0
    capsys.readouterr()


def test_include_exclude(sample_files, capsys):
    good, bad = sample_files
    folder = bad.parent
    shutil.copy(bad, folder / "report.md")
    write(folder / "gzlint.toml", 'include = ["*.md"]\nexclude = ["bad.txt"]\n')
    assert main([str(folder), "--format", "concise"]) == 1
    out = capsys.readouterr().out
    assert "report.md:" in out and "bad.txt:" not in out
    # a file named explicitly is linted unless --force-exclude (what pre-commit passes)
    assert main([str(bad)]) == 1
    assert main([str(bad), "--force-exclude"]) == 0
    capsys.readouterr()


def test_config_option_names_the_file(sample_files, tmp_path, capsys):
    good, bad = sample_files
    cfg = write(tmp_path / "elsewhere.toml", 'select = ["GZ1"]\n')
    assert main([str(bad), "--config", str(cfg)]) == 0
    assert main([str(bad), "--config", str(tmp_path / "missing.toml")]) == 2
    assert "配置文件不存在" in capsys.readouterr().err


@pytest.mark.parametrize("text, message", [
    ('selec = ["GZ1"]\n', "未知的配置项 selec"),
    ('select = ["GZ999"]\n', "未知的规则代码 GZ999"),
    ('[per-file-ignores]\n"*.txt" = ["XYZ1"]\n', "未知的规则代码 XYZ1"),
    ('[severity]\nGZ301 = "fatal"\n', "unknown severity"),
    ('fail-level = "loud"\n', "unknown severity"),
    ('select = 3\n', "select 应为字符串列表"),
    ('select = [\n', "gzlint.toml"),
])
def test_bad_configuration_is_exit_2(sample_files, capsys, text, message):
    good, bad = sample_files
    write(bad.parent / "gzlint.toml", text)
    assert main([str(good)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gzlint: error:") and message in err


def test_body_kind_and_deadlines_are_kept():
    s = Settings()
    apply(s, {"body-kind": {"*街道*": "乡镇街道"}, "deadlines": {"乡镇街道": "02-28"}}, "test")
    assert s.body_kind == {"*街道*": "乡镇街道"} and s.deadlines == {"乡镇街道": "02-28"}
    with pytest.raises(ConfigError):
        apply(s, {"deadlines": {"乡镇街道": 3}}, "test")


def test_show_settings_says_where_each_value_came_from(sample_files, capsys):
    good, bad = sample_files
    cfg = write(bad.parent / "pyproject.toml", '[tool.gzlint]\nignore = ["GZ2"]\n[tool.gzlint.deadlines]\n"乡镇街道" = "02-28"\n')
    assert main(["--show-settings", str(good), "--select", "GZ1,GZ2"]) == 0
    out = capsys.readouterr().out
    lines = {line.split(" = ")[0]: line for line in out.splitlines() if " = " in line}
    assert str(cfg) in out.splitlines()[0]
    assert lines["ignore"] == f'ignore = ["GZ2"]  # {cfg}'
    assert lines["select"] == 'select = ["GZ1", "GZ2"]  # command line'
    assert lines["fail-level"] == 'fail-level = "error"  # default'
    assert "乡镇街道" in lines["deadlines"]
    assert "GZ101" in out and "GZ201" not in out.splitlines()[-1]
    import tomllib

    body = "\n".join(line.split("  #")[0] for line in out.splitlines() if not line.startswith("#"))
    assert tomllib.loads(body)["tool"]["gzlint"]["ignore"] == ["GZ2"]


def test_nearest_config_wins(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.gzlint]\nignore = ["GZ1"]\n')
    sub = tmp_path / "a"
    sub.mkdir()
    write(sub / "gzlint.toml", 'ignore = ["GZ2"]\n')
    assert load_settings([str(sub)]).ignore == ["GZ2"]
    assert load_settings([str(tmp_path)]).ignore == ["GZ1"]


# -- baseline -------------------------------------------------------------

def test_baseline_reports_only_new_diagnostics(sample_files, tmp_path, capsys):
    from gzlint.testing.sample import render_text, sample_report

    good, bad = sample_files
    base = tmp_path / "baseline.json"
    assert main([str(bad), "--write-baseline", str(base)]) == 0
    data = json.loads(base.read_text(encoding="utf-8"))
    assert len(data["diagnostics"]) == 3 and all("line" not in e for e in data["diagnostics"])
    assert main([str(bad), "--baseline", str(base)]) == 0

    # reformatted: paragraphs added to the prose move every line; the same problems stay known
    text = bad.read_text(encoding="utf-8")
    extra = "（六）其他。本年度加强了政府信息公开工作的培训。\n" * 5
    moved = text.replace("二、主动公开政府信息情况\n", extra + "二、主动公开政府信息情况\n", 1)
    assert moved != text
    bad.write_text(moved, encoding="utf-8")
    assert main([str(bad), "--format", "concise", "--quiet"]) == 1
    assert ":84: GZ301" not in capsys.readouterr().out
    assert main([str(bad), "--baseline", str(base)]) == 0

    # a new problem is reported, the old ones are not
    bad.write_text(render_text(sample_report("2021").set_cell("applications", "total", "total", "99")
                               .set_cell("litigation", "review", "total", "7")), encoding="utf-8")
    assert main([str(bad), "--baseline", str(base), "--format", "concise", "--quiet"]) == 1
    new = codes_of(capsys)
    assert "GZ304" in new and not new & {"GZ301", "GZ302", "GZ303"}


def test_bad_baseline_file_is_exit_2(sample_files, tmp_path, capsys):
    good, _ = sample_files
    assert main([str(good), "--baseline", str(tmp_path / "none.json")]) == 2
    write(tmp_path / "x.json", '{"a": 1}')
    assert main([str(good), "--baseline", str(tmp_path / "x.json")]) == 2
    assert "不是 gzlint 基线文件" in capsys.readouterr().err


def test_fingerprint_ignores_line_numbers_but_not_place():
    from gzlint.baseline import fingerprint
    from gzlint.diagnostics import Diagnostic, Severity

    a = Diagnostic("r.txt", "GZ201", Severity.WARNING, "表三「总计」为空（第12行）", line=12, table="表三", row="总计")
    b = Diagnostic("r.txt", "GZ201", Severity.WARNING, "表三「总计」为空（第40行）", line=40, table="表三", row="总计")
    c = Diagnostic("r.txt", "GZ201", Severity.WARNING, "表三「总计」为空（第12行）", line=12, table="表三", row="（一）")
    assert fingerprint(a) == fingerprint(b) != fingerprint(c)

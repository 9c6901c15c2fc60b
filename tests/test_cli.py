"""The command line: subcommands, options, exit codes 0/1/2 (rules.md)."""

from __future__ import annotations

import json
import subprocess
import sys

from gzlint.cli import main


def test_exit_codes(sample_files, capsys):
    good, bad = sample_files
    assert main([str(good)]) == 0
    assert main([str(bad)]) == 1
    assert main(["check", str(bad)]) == 1
    assert main([str(bad), "--exit-zero"]) == 0
    assert main([str(bad), "--ignore", "GZ3"]) == 0
    assert main([str(bad), "--select", "GZ1,GZ2"]) == 0
    assert main([str(bad), "--select", "GZ1", "--extend-select", "GZ302"]) == 1
    assert main(["no/such/file.txt"]) == 2
    assert main([str(bad), "--format", "nope"]) == 2
    assert main([str(bad), "--select", "GZ999"]) == 2
    err = capsys.readouterr().err
    assert "未知的规则代码 GZ999" in err and "文件或文件夹不存在" in err


def test_fail_level_warning(tmp_path):
    from gzlint.testing.sample import render_text, sample_report

    warn = tmp_path / "warn.txt"
    warn.write_text(render_text(sample_report("2021").blank_cell("applications", "total", "total")), encoding="utf-8")
    assert main([str(warn), "--select", "GZ201"]) == 0
    assert main([str(warn), "--select", "GZ201", "--fail-level", "warning"]) == 1


def test_output_file_statistics_quiet(sample_files, tmp_path, capsys):
    good, bad = sample_files
    out = tmp_path / "out.json"
    assert main([str(good), str(bad), "--format", "json", "-o", str(out)]) == 1
    assert capsys.readouterr().out == ""
    data = json.loads(out.read_text(encoding="utf-8"))["diagnostics"]
    assert {d["code"] for d in data} == {"GZ301", "GZ302", "GZ303"}

    assert main([str(bad), "--statistics"]) == 1
    stats = capsys.readouterr().out.splitlines()
    assert len(stats) == 3 and all(line.split()[0] == "1" for line in stats)
    assert main([str(bad), "--statistics", "--format", "json"]) == 1
    assert {r["code"]: r["count"] for r in json.loads(capsys.readouterr().out)} == {"GZ301": 1, "GZ302": 1, "GZ303": 1}

    assert main([str(bad), "--format", "concise", "--quiet"]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 3


def test_folder_and_python_dash_m(sample_files):
    folder = sample_files[0].parent
    proc = subprocess.run([sys.executable, "-m", "gzlint", "--format", "concise", str(folder)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1, proc.stderr
    assert "bad.txt:" in proc.stdout and "good.txt:" not in proc.stdout
    assert "涉及 2 个文件中的 1 个" in proc.stdout


def test_help_mentions_subcommands(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "gzlint rules" in out and "gzlint explain" in out

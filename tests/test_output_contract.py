"""The output contract of ../shared/rules.md: JSON fields and exit status."""

from __future__ import annotations

import json
import subprocess
import sys

from gzlint.testing.sample import render_text, sample_report

from .helpers import REPO


def _gzlint(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "gzlint", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_json_fields_and_exit_status(tmp_path):
    bad = sample_report().set_cell("applications", "total", "natural", "13")
    (tmp_path / "bad.txt").write_text(render_text(bad), encoding="utf-8")
    proc = _gzlint("--format", "json", tmp_path)
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)["diagnostics"]
    assert data and all({"path", "code", "severity", "message", "line"} <= set(d) for d in data)
    cell = next(d for d in data if d["code"] == "GZ301")
    assert cell["severity"] == "error" and isinstance(cell["line"], int)
    assert (cell["section"], cell["table"], cell["column"]) == ("三、收到和处理政府信息公开申请情况", "表三", "自然人")


def test_clean_exit_zero_and_warnings_below_fail_level(tmp_path):
    (tmp_path / "ok.txt").write_text(render_text(sample_report()), encoding="utf-8")
    assert _gzlint("--format", "json", tmp_path).returncode == 0
    warn = sample_report().blank_cell("applications", "withheld.1", "research")
    (tmp_path / "warn.txt").write_text(render_text(warn), encoding="utf-8")
    assert _gzlint(tmp_path).returncode == 0
    assert _gzlint("--fail-level", "warning", tmp_path).returncode == 1


def test_usage_errors_exit_two(tmp_path):
    assert _gzlint(tmp_path / "missing").returncode == 2
    assert _gzlint("--select", "GZ999", REPO / "examples").returncode == 2
    (tmp_path / "gzlint.toml").write_text('selekt = ["GZ1"]\n', encoding="utf-8")
    proc = _gzlint(tmp_path)
    assert proc.returncode == 2 and "selekt" in proc.stderr


def test_select_ignore_by_prefix_and_config(tmp_path):
    bad = sample_report().set_cell("applications", "total", "natural", "13").blank_cell("litigation", "direct", "other")
    (tmp_path / "r.txt").write_text(render_text(bad), encoding="utf-8")
    codes = lambda *a: {d["code"] for d in json.loads(_gzlint("--format", "json", *a, tmp_path).stdout)["diagnostics"]}  # noqa: E731
    assert codes() == {"GZ201", "GZ301", "GZ302", "GZ303"}
    assert codes("--select", "GZ3") == {"GZ301", "GZ302", "GZ303"}
    assert codes("--ignore", "GZ30", "--extend-select", "GZ302") == {"GZ201", "GZ302"}
    (tmp_path / "pyproject.toml").write_text('[tool.gzlint]\nignore = ["GZ2", "GZ301"]\n', encoding="utf-8")
    assert codes() == {"GZ302", "GZ303"}


def test_unreadable_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"PK\x03\x04broken")
    bad = sample_report().set_cell("litigation", "review", "total", "3")
    bad.sections["四"] = (bad.sections["四"][0], [p.replace("2件", "3件") for p in bad.sections["四"][1]])
    (tmp_path / "b.txt").write_text(render_text(bad), encoding="utf-8")
    data = json.loads(_gzlint("--format", "json", tmp_path).stdout)["diagnostics"]
    assert {(d["code"], d["path"].split("/")[-1]) for d in data} == {("GZ001", "a.docx"), ("GZ304", "b.txt")}


def test_examples_match_their_generator(tmp_path):
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import make_examples
    finally:
        sys.path.pop(0)
    for path in make_examples.write_examples(tmp_path):
        shipped = REPO / "examples" / path.name
        assert shipped.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), f"regenerate {shipped}"
        data = json.loads(_gzlint("--format", "json", shipped).stdout)["diagnostics"]
        assert sorted({d["code"] for d in data}) == make_examples.EXAMPLES[path.name][1]

"""The pre-commit hook, run by the real ``pre-commit try-repo`` against this
working tree (pre-commit builds the hook's environment with pip, so this needs
the package index and takes a few seconds to a minute)."""

from __future__ import annotations

import subprocess
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]


def run_pre_commit(command: list[str], repo: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([*command, *args], cwd=repo, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=900)
    print(proc.stdout, proc.stderr, sep="\n")
    return proc


def test_hook_definition_matches_the_readers():
    import yaml  # pre-commit depends on PyYAML

    from gzlint.readers import REPORT_SUFFIXES

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "gzlint" and hook["language"] == "python"
    assert "--format concise" in hook["entry"]
    import re

    pattern = re.compile(hook["files"])
    for suffix in REPORT_SUFFIXES:
        assert pattern.search(f"报告/2021年年报{suffix}") and pattern.search(f"R{suffix.upper()}"), suffix
    assert not pattern.search("setup.py") and not pattern.search("report.txt.bak")


def test_try_repo_fails_the_bad_report_and_passes_the_good(tmp_path, pre_commit, make_repo, git_env):
    from gzlint.testing.sample import render_text, sample_report

    repo = make_repo(tmp_path / "reports", {
        "2021/good.txt": render_text(sample_report("2021")),
        "2021/bad.txt": render_text(sample_report("2021").set_cell("applications", "total", "total", "99")),
        "notes.py": "print('not a report')\n",
    })
    proc = run_pre_commit(pre_commit, repo, git_env, "try-repo", str(ROOT), "gzlint", "--all-files", "--color", "never")
    assert proc.returncode == 1
    assert "gzlint" in proc.stdout and "Failed" in proc.stdout
    assert "2021/bad.txt:332: GZ302 表三「（七）总计」行「总计」列（填报 99）" in proc.stdout  # GZ301–303 meet there
    assert "（GZ301、GZ302、GZ303）" in proc.stdout
    assert "good.txt:" not in proc.stdout and "notes.py" not in proc.stdout

    proc = run_pre_commit(pre_commit, repo, git_env, "try-repo", str(ROOT), "gzlint", "--files", "2021/good.txt", "--color", "never")
    assert proc.returncode == 0
    assert "Passed" in proc.stdout

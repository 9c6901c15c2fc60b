"""Shared test setup: pytest's own ``pytester`` (for the pytest plugin's
tests) and sample report files rendered from the form data."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path_factory, monkeypatch):
    """Each test its own result cache (the CLI's and subprocesses'), so no test
    sees another's results and none writes into the source tree."""
    monkeypatch.setenv("GZLINT_CACHE_DIR", str(tmp_path_factory.mktemp("gzlint_cache")))


@pytest.fixture
def sample_files(tmp_path):
    """A clean 2021 report and one whose 表三 总计 is wrong (GZ301–GZ303)."""
    from gzlint.testing.sample import render_text, sample_report

    good = tmp_path / "good.txt"
    bad = tmp_path / "bad.txt"
    good.write_text(render_text(sample_report("2021")), encoding="utf-8")
    bad.write_text(render_text(sample_report("2021").set_cell("applications", "total", "total", "99")), encoding="utf-8")
    return good, bad


# -- pre-commit and git, for tests/test_precommit.py and tests/test_plugin_api.py

def _git_env() -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="gzlint tests", GIT_AUTHOR_EMAIL="tests@example.invalid",
               GIT_COMMITTER_NAME="gzlint tests", GIT_COMMITTER_EMAIL="tests@example.invalid")
    return env


@pytest.fixture
def git_env() -> dict[str, str]:
    """The environment for git and pre-commit: no inherited GIT_*, a committer identity."""
    return _git_env()


@pytest.fixture
def pre_commit() -> list[str]:
    """The command that runs the real pre-commit; skips the test if it is not installed."""
    import importlib.util
    import shutil
    import sys

    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    exe = shutil.which("pre-commit")
    if exe:
        return [exe]
    print("pre-commit is not installed (pip install pre-commit, or the [test] extra)")
    pytest.skip("pre-commit is not installed (pip install pre-commit, or the [test] extra)")


@pytest.fixture
def make_repo():
    """make_repo(path, {name: text}) writes the files and commits everything in a new git repository."""
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")

    def make(path, files):
        path.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (path / name).parent.mkdir(parents=True, exist_ok=True)
            (path / name).write_text(text, encoding="utf-8")
        for cmd in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-q", "-m", "reports"]):
            subprocess.run(cmd, cwd=path, check=True, env=_git_env())
        return path

    return make

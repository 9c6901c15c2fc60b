"""The plugin API end to end: the worked example of docs/plugins.md, installed
with pip into a fresh virtual environment, shows up in ``gzlint rules``, is
selectable, and runs in the CLI, ``pytest --gzlint`` and pre-commit alike."""

from __future__ import annotations

import os
import re
import site
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "plugins.md"


def doc_files() -> dict[str, str]:
    """The files of the worked example: fenced blocks with a title="…"."""
    text = DOC.read_text(encoding="utf-8")
    return {m.group(2): m.group(3) for m in re.finditer(r'```(\w+) title="([^"]+)"\n(.*?)```', text, re.S)}


def doc_rule_test() -> str:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"### Testing a rule.*?```python\n(.*?)```", text, re.S)
    return block.group(1)


def run(cmd, cwd, **kw):
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=900, **kw)
    print("$", " ".join(map(str, cmd)), proc.returncode, proc.stdout, proc.stderr, sep="\n")
    return proc


@pytest.fixture(scope="module")
def plugin_env(tmp_path_factory):
    """A virtual environment that sees this interpreter's packages (gzlint,
    pytest) and has the example plugin pip-installed into it."""
    base = tmp_path_factory.mktemp("plugin")
    pkg = base / "gzlint-example"
    pkg.mkdir()
    files = doc_files()
    assert set(files) == {"pyproject.toml", "gzlint_example.py"}
    for name, text in files.items():
        (pkg / name).write_text(text, encoding="utf-8")
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], base).stdout.strip()
    # see the packages of the interpreter running the tests, editable installs included
    parents = [p for p in [*site.getsitepackages(), site.getusersitepackages()] if Path(p).is_dir()]
    (Path(purelib) / "_gzlint_test_parent.pth").write_text(
        "".join(f"import site; site.addsitedir({p!r})\n" for p in parents), encoding="utf-8")
    proc = run([python, "-m", "pip", "install", "-q", "--no-deps", str(pkg)], base)
    assert proc.returncode == 0, proc.stderr
    return python, pkg


@pytest.fixture
def reports(tmp_path):
    from gzlint.testing.sample import render_text, sample_report

    folder = tmp_path / "reports"
    folder.mkdir()
    text = render_text(sample_report("2021"))
    (folder / "no_phone.txt").write_text(text, encoding="utf-8")
    (folder / "phone.txt").write_text(text.replace("办公室联系。", "办公室联系，电话：0571-87000000。"), encoding="utf-8")
    return folder


def test_plugin_rule_everywhere(plugin_env, reports):
    python, pkg = plugin_env
    gz = [python, "-m", "gzlint"]

    # not in this interpreter, only in the plugin's environment
    from gzlint.plugins import all_rules

    assert "XMP001" not in all_rules()

    # gzlint rules / explain
    proc = run([*gz, "rules"], reports)
    assert proc.returncode == 0
    assert re.search(r"^XMP001\s+contact-phone\s+warning\s+报告未提供咨询电话$", proc.stdout, re.M)
    assert "GZ301" in proc.stdout
    proc = run([*gz, "explain", "contact-phone"], reports)
    assert proc.returncode == 0 and "Bad:" in proc.stdout and "电话：0571-87000000" in proc.stdout

    # the CLI: selectable, ignorable, severity and fail level apply
    proc = run([*gz, "--format", "concise", "--select", "XMP", "."], reports)
    assert proc.returncode == 0  # a warning, below the default fail level
    assert proc.stdout.splitlines()[0] == "no_phone.txt:1: XMP001 报告未提供咨询电话（如「电话：0571-87000000」）"
    assert "phone.txt:" not in proc.stdout.replace("no_phone.txt:", "")
    assert run([*gz, "--select", "XMP001", "--fail-level", "warning", "."], reports).returncode == 1
    assert run([*gz, "--ignore", "XMP", "--fail-level", "warning", "."], reports).returncode == 0
    (reports / "gzlint.toml").write_text('[severity]\nXMP001 = "error"\n', encoding="utf-8")
    assert run([*gz, "--select", "XMP", "."], reports).returncode == 1
    (reports / "gzlint.toml").unlink()
    # and a plugin code is a known code, a misspelt one is not
    assert run([*gz, "--select", "XMP9", "."], reports).returncode == 2

    # the pytest plugin, and the documented rule-author test with gzlint_lint
    proc = run([python, "-m", "pytest", "--gzlint", "--gzlint-select", "XMP", "--gzlint-fail-level", "warning",
                "-p", "no:cacheprovider", "-v", "."], reports)
    assert proc.returncode == 1
    assert re.search(r"no_phone\.txt::gzlint FAILED", proc.stdout)
    assert re.search(r"(?<!no_)phone\.txt::gzlint PASSED", proc.stdout)
    assert "no_phone.txt:1: XMP001" in proc.stdout
    rule_tests = reports.parent / "rule_tests"
    rule_tests.mkdir()
    (rule_tests / "test_contact_phone.py").write_text(doc_rule_test(), encoding="utf-8")
    proc = run([python, "-m", "pytest", "-p", "no:cacheprovider", "-q", "."], rule_tests)
    assert proc.returncode == 0 and "1 passed" in proc.stdout


def test_plugin_rule_in_pre_commit(reports, pre_commit, make_repo, git_env):
    """pre-commit builds its own environment: gzlint from this tree plus the
    plugin package, both pip-installed as additional_dependencies."""
    pkg = reports.parent / "gzlint-example"
    pkg.mkdir()
    for name, text in doc_files().items():
        (pkg / name).write_text(text, encoding="utf-8")
    config = f"""\
repos:
  - repo: local
    hooks:
      - id: gzlint
        name: gzlint
        entry: gzlint --format concise --force-exclude --select XMP --fail-level warning
        language: python
        additional_dependencies: [{str(ROOT)!r}, {str(pkg)!r}]
        files: (?i)\\.(txt|docx|html?|pdf|xlsx)$
        require_serial: true
"""
    (reports / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    make_repo(reports, {})
    proc = run([*pre_commit, "run", "--all-files", "--color", "never"], reports, env=git_env)
    assert proc.returncode == 1
    assert "no_phone.txt:1: XMP001 报告未提供咨询电话" in proc.stdout
    assert "\nphone.txt:" not in proc.stdout

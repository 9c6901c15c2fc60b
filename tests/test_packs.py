"""Rule packs: rules/national holds the forms, word lists, deadlines and
thresholds; a local pack (examples/rule-packs/qingshan-city) adds to them; a
built wheel carries them and lints from outside the checkout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from gzlint import packs
from gzlint.cli import main
from gzlint.config import Settings
from gzlint.engine import lint_text
from gzlint.testing.sample import render_text, sample_report

from .helpers import REPO

CITY = REPO / "examples" / "rule-packs" / "qingshan-city"


@pytest.fixture(autouse=True)
def _no_local_packs():
    yield
    packs.use_local_packs([])


def _settings(tmp_path: Path, *folders: Path) -> Settings:
    settings = Settings(rule_packs=[str(f) for f in folders])
    settings.path = tmp_path / "gzlint.toml"
    return settings


def test_the_national_pack_holds_forms_words_deadlines_and_thresholds():
    (national,) = [p for p in packs.packs() if p.name == "national"]
    assert [f.name for f in national.form_files()] == ["2019.toml", "2021.toml"]
    assert "编写说明" in packs.value("words", "template-leftovers", "phrases")
    assert packs.merged("deadlines") == {"部门": "01-31", "人民政府": "03-31"}
    assert packs.value("thresholds", "near-copy", "same-body") == 0.5


def test_the_city_pack_adds_its_requirements(tmp_path):
    text = render_text(sample_report("2021"))
    assert not [d for d in lint_text(text) if d.code == "GZ520"]  # no local pack, no requirement
    found = [d for d in lint_text(text, settings=_settings(tmp_path, CITY)) if d.code == "GZ520"]
    # the sample states its applications (16件) but no count of items published
    assert [d.message for d in found] == ["「一、总体情况」没有写明本年主动公开信息条数（青山市政务公开办通知要求）"]
    long = text.replace("一、总体情况\n", "一、总体情况\n" + "本局持续深化政务公开，主动公开信息368条。" * 60 + "\n", 1)
    found = [d for d in lint_text(long, settings=_settings(tmp_path, CITY)) if d.code == "GZ520"]
    assert len(found) == 1 and "超过青山市政务公开办通知规定的1000字" in found[0].message


def test_the_city_pack_extends_the_word_lists_and_sets_deadlines(tmp_path):
    settings = _settings(tmp_path, CITY)
    text = render_text(sample_report("2021")).replace("（三）政府信息管理。", "（三）政府信息管理。（此处插入图表）", 1)
    assert any("（此处插入图表）" in d.message for d in lint_text(text, settings=settings) if d.code == "GZ501")
    assert packs.merged("deadlines")["乡镇街道"] == "02-28"
    assert "编写说明" in packs.value("words", "template-leftovers", "phrases")  # added to, not replaced
    packs.use_local_packs([])
    assert "乡镇街道" not in packs.merged("deadlines")


def test_rule_packs_in_the_configuration(tmp_path, capsys):
    (tmp_path / "r.txt").write_text(render_text(sample_report("2021")), encoding="utf-8")
    rel = os.path.relpath(CITY, tmp_path)
    (tmp_path / "gzlint.toml").write_text(f'rule-packs = ["{Path(rel).as_posix()}"]\n', encoding="utf-8")
    main([str(tmp_path / "r.txt"), "--format", "json", "--select", "GZ520"])
    assert [d["code"] for d in json.loads(capsys.readouterr().out)["diagnostics"]] == ["GZ520"]
    (tmp_path / "gzlint.toml").write_text('rule-packs = ["no-such-pack"]\n', encoding="utf-8")
    assert main([str(tmp_path / "r.txt")]) == 2
    assert "规则包不存在" in capsys.readouterr().err


def test_a_malformed_requirement_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "pack"
    bad.mkdir()
    (bad / "requirements.toml").write_text('[[section]]\nrole = "section.overview"\nmax-chars = 10\nmaxchars = 5\n',
                                           encoding="utf-8")
    (tmp_path / "r.txt").write_text(render_text(sample_report("2021")), encoding="utf-8")
    (tmp_path / "gzlint.toml").write_text('rule-packs = ["pack"]\n', encoding="utf-8")
    assert main([str(tmp_path / "r.txt")]) == 2
    assert "requirements.toml: section[0]" in capsys.readouterr().err


def test_the_wheel_ships_the_packs_and_the_catalogues(tmp_path):
    """Build a wheel, install it in a fresh venv, lint examples/ from outside the checkout."""
    wheels = tmp_path / "wheels"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO)],
                           capture_output=True, text=True)
    if build.returncode != 0 and "Could not find a version that satisfies" in build.stderr:
        pytest.skip(f"the build requirements cannot be installed here: {build.stderr.strip().splitlines()[-1]}")
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("gzlint-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    target = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, str(wheel)], check=True)
    # the dependencies come from this interpreter's site-packages, which hold no gzlint package itself
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copytree(REPO / "examples", outside / "examples")
    where = subprocess.run([str(python), "-c", "import gzlint, gzlint.packs as p; print(gzlint.__file__, p.builtin_root())"],
                           capture_output=True, text=True, cwd=outside, env=env)
    assert str(REPO) not in where.stdout and "rulepacks" in where.stdout, where.stdout + where.stderr
    proc = subprocess.run([str(python), "-m", "gzlint", "--format", "concise", "examples"], capture_output=True,
                          text=True, cwd=outside, env=env)
    assert proc.returncode == 1, proc.stderr
    assert "GZ301 表三「自然人」列" in proc.stdout and proc.stdout.splitlines()[-1].startswith("共发现")
    english = subprocess.run([str(python), "-m", "gzlint", "--lang", "en", "--format", "concise", "examples"],
                             capture_output=True, text=True, cwd=outside, env=env)
    assert english.stdout.splitlines()[-1].startswith("Found") and "column" in english.stdout
    assert list(Path(target, "gzlint", "locale").glob("*/LC_MESSAGES/gzlint.mo"))
    explain = subprocess.run([str(python), "-m", "gzlint", "explain", "GZ301"], capture_output=True, text=True,
                             cwd=outside, env=env)
    assert explain.returncode == 0 and "错误示例：" in explain.stdout, explain.stderr


def test_a_local_pack_adds_forms(tmp_path):
    from gzlint.plugins import all_forms

    forms = tmp_path / "pack" / "forms"
    forms.mkdir(parents=True)
    national = (packs.builtin_root() / "national" / "forms" / "2021.toml").read_text(encoding="utf-8")
    local = national.replace('format = "2021"', 'format = "2021-qingshan"', 1).replace("first_year = 2021", "first_year = 2099", 1)
    (forms / "qingshan.toml").write_text(local, encoding="utf-8")
    packs.use_local_packs([tmp_path / "pack"])
    assert "2021-qingshan" in {f.format for f in all_forms()}
    packs.use_local_packs([])
    assert "2021-qingshan" not in {f.format for f in all_forms()}

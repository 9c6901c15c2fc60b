"""Start-up (issue 11): what gzlint imports before it knows a file must be
linted. ``--version`` and resolving the settings (codes checked and all)
import no rule, matcher or format reader, and not pluggy; the table of rule
codes they check against is kept beside the rule families and rebuilt when
one of them changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

#: modules a run that lints nothing must not import
HEAVY = ("gzlint.rules.", "gzlint.matcher", "gzlint.metadata", "gzlint.form", "gzlint.readers.text",
         "gzlint.readers.html", "gzlint.readers.docx", "gzlint.engine", "pluggy")


def _imported_by(code: str, cwd, writes_bytecode: bool = False, env: dict | None = None) -> tuple[list[str], str]:
    """The gzlint and pluggy modules a fresh interpreter has imported after
    ``code``, and what ``code`` printed."""
    env = {k: v for k, v in {**os.environ, **(env or {})}.items()
           if not (writes_bytecode and k == "PYTHONDONTWRITEBYTECODE")}
    script = (f"import sys, json\n{code}\n"
              "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('gzlint', 'pluggy')))))")
    proc = subprocess.run([sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    *said, modules = proc.stdout.strip().splitlines()
    return json.loads(modules), "\n".join(said)


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if m.startswith(HEAVY)]


def test_version_imports_no_rule_nor_pluggy(tmp_path):
    code = ("from gzlint.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass")
    modules, said = _imported_by(code, tmp_path)
    assert said.startswith("gzlint ")
    assert "gzlint.cli" in modules and not _heavy(modules)


def test_settings_are_checked_against_every_code_without_importing_a_rule(tmp_path):
    (tmp_path / "gzlint.toml").write_text('select = ["GZ3", "GZ101"]\nignore = ["GZ30"]\n'
                                          '[per-file-ignores]\n"old/*" = ["GZ114"]\n', encoding="utf-8")
    code = ("from gzlint.cli import resolve_settings\n"
            "from gzlint.config import ConfigError\n"
            "s = resolve_settings(['.'], None, {'extend-select': 'GZ2'})\n"
            "print(s.select, s.ignore, s.extend_select)\n"
            "try:\n    resolve_settings(['.'], None, {'select': 'GZ999'})\n"
            "except ConfigError as exc:\n    print(exc)")
    _imported_by(code, tmp_path, writes_bytecode=True)  # the table of codes is kept, as bytecode is
    modules, said = _imported_by(code, tmp_path, writes_bytecode=True)
    first, refused = said.splitlines()
    assert first == "['GZ3', 'GZ101'] ['GZ30'] ['GZ2']"
    assert "未知的规则代码 GZ999" in refused
    assert not _heavy(modules), "resolving the settings imported what only linting needs"


def test_the_kept_table_of_codes_is_every_rule(tmp_path):
    """Where no plugin is about, the codes come from the kept table; they are
    the codes of the rules the plugin manager finds."""
    code = ("from gzlint.plugins import all_rules, rule_codes\n"
            "table = rule_codes()\n"
            "print(table == list(all_rules()), len(table))")
    _, said = _imported_by(code, tmp_path, writes_bytecode=True)
    same, count = said.split()
    assert same == "True" and int(count) > 40


def test_a_kept_value_is_made_again_when_a_source_changes(tmp_path, monkeypatch):
    from gzlint.kept import file_facts, kept

    monkeypatch.setattr("sys.dont_write_bytecode", False)
    source = tmp_path / "family.py"
    source.write_text("CODE = 'X1'\n", encoding="utf-8")
    made = []

    def make():
        made.append(source.read_text(encoding="utf-8"))
        return len(made)

    assert kept(tmp_path, "codes", file_facts([source]), make) == 1
    assert kept(tmp_path, "codes", file_facts([source]), make) == 1 and len(made) == 1  # the kept copy
    source.write_text("CODE = 'X12'\n", encoding="utf-8")
    assert kept(tmp_path, "codes", file_facts([source]), make) == 2
    assert len(list((tmp_path / "__pycache__").glob("codes.*.pickle"))) == 1  # the stale copy is gone


def test_nothing_is_kept_where_bytecode_is_not_written(tmp_path, monkeypatch):
    from gzlint.kept import kept

    monkeypatch.setattr("sys.dont_write_bytecode", True)
    assert kept(tmp_path, "codes", ["facts"], lambda: 7) == 7
    assert not (tmp_path / "__pycache__").exists()


@pytest.mark.parametrize("name", ["hookimpl", "lint_bytes", "FileResult", "cross_report"])
def test_the_package_still_offers_what_it_imports_lazily(name):
    import gzlint

    assert getattr(gzlint, name) is not None
    with pytest.raises(AttributeError):
        gzlint.no_such_name  # noqa: B018


def test_a_lazy_pattern_is_compiled_at_first_use_and_behaves_as_re_compile():
    import re

    from gzlint.text import LazyPattern

    source, flags = r"(?P<n>[\u4e00-\u9fff]+)(\d*)", re.IGNORECASE
    lazy, eager = LazyPattern(source, flags), re.compile(source, flags)
    assert "match" not in vars(lazy)  # nothing compiled yet
    text = "共收到申请17件，办结16件"
    assert lazy.findall(text) == eager.findall(text)
    assert "match" in vars(lazy)  # the compiled pattern's own methods from now on
    assert lazy.search(text).group("n") == eager.search(text).group("n")
    assert lazy.sub("#", text) == eager.sub("#", text) and lazy.split(text) == eager.split(text)
    assert (lazy.pattern, lazy.flags, lazy.groups, lazy.groupindex) == (eager.pattern, eager.flags, eager.groups,
                                                                        eager.groupindex)
    with pytest.raises(AttributeError):
        lazy.no_such_method  # noqa: B018


def test_the_kept_entry_points_follow_what_is_installed(tmp_path):
    """A plugin installed, upgraded in place or removed is seen by the next
    run, though the entry points are not read again while nothing changed."""
    from tests.test_plugin_host import install_fake_dist

    site = tmp_path / "site"
    install_fake_dist(site, "gzlint_extra", "extra", "gzlint_extra", "")
    code = ("from gzlint.plugins import plugin_versions\n"
            "print(plugin_versions(), 'importlib.metadata' in sys.modules)")
    env = {"PYTHONPATH": str(site)}

    def run() -> str:
        return _imported_by(code, tmp_path, writes_bytecode=True, env=env)[1]

    assert run() == "(('gzlint', '0.1.0'), ('gzlint_extra', '1.0')) True"  # read
    assert run() == "(('gzlint', '0.1.0'), ('gzlint_extra', '1.0')) False"  # kept
    metadata = site / "gzlint_extra-1.0.dist-info" / "METADATA"
    metadata.write_text(metadata.read_text(encoding="utf-8").replace("1.0", "1.1"), encoding="utf-8")
    assert run() == "(('gzlint', '0.1.0'), ('gzlint_extra', '1.1')) True"
    for f in metadata.parent.iterdir():
        f.unlink()
    metadata.parent.rmdir()
    assert run() == "(('gzlint', '0.1.0'),) True"


def test_kept_forms_are_the_forms_read_and_an_edited_form_is_read_again(tmp_path, monkeypatch):
    from gzlint.form import spec
    from gzlint.packs import builtin_root

    monkeypatch.setattr("sys.dont_write_bytecode", False)
    form = tmp_path / "2021.toml"
    form.write_bytes((builtin_root() / "national" / "forms" / "2021.toml").read_bytes())
    read = spec.load_forms((str(form),))
    spec.load_forms.cache_clear()
    with monkeypatch.context() as m:
        m.setattr(spec, "load_form", lambda path: pytest.fail("parsed again"))
        kept = spec.load_forms((str(form),))  # the kept copy
    assert kept == read and kept[0].signals == read[0].signals
    form.write_text(form.read_text(encoding="utf-8").replace('name = "政府信息公开工作年度报告格式"', 'name = "改过的格式"'),
                    encoding="utf-8")
    spec.load_forms.cache_clear()
    assert spec.load_forms((str(form),))[0].name == "改过的格式"
    spec.load_forms.cache_clear()


def test_a_copy_of_the_sources_with_their_times_finds_what_they_made(tmp_path, monkeypatch):
    """As pip copies gzlint (a .po's parse, kept in a checkout, serves the copy)."""
    import shutil

    from gzlint.kept import file_facts, kept

    monkeypatch.setattr("sys.dont_write_bytecode", False)
    here = tmp_path / "here"
    here.mkdir()
    (here / "gzlint.po").write_text("msgid \"a\"\n", encoding="utf-8")
    assert kept(here, "gzlint", file_facts([here / "gzlint.po"], here), lambda: "made") == "made"
    there = tmp_path / "there"
    shutil.copytree(here, there)  # times kept
    assert kept(there, "gzlint", file_facts([there / "gzlint.po"], there), lambda: "again") == "made"

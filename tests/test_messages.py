"""The message catalogue: every id in both languages with the same arguments,
every id the code names in the catalogue, --lang, and baselines that survive
rewording."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from gzlint import messages
from gzlint.baseline import filter_new, fingerprint, write_baseline
from gzlint.cli import main
from gzlint.diagnostics import Diagnostic, Severity
from gzlint.engine import run
from gzlint.messages import LANGUAGES, Msg, catalogue, msg, placeholders

from .helpers import REPO


class _Any:
    """An argument that fits any format spec ({share:.0%}, {month:02d})."""

    def __format__(self, spec: str) -> str:
        return "x"


def test_every_id_in_every_language_with_the_same_arguments():
    ids = {lang: set(catalogue(lang)) for lang in LANGUAGES}
    zh = ids["zh"]
    for lang, have in ids.items():
        assert have == zh, f"{lang}: missing {sorted(zh - have)}, extra {sorted(have - zh)}"
    for message_id in sorted(zh):
        names = {lang: placeholders(catalogue(lang)[message_id]) for lang in LANGUAGES}
        assert len(set(map(frozenset, names.values()))) == 1, f"{message_id}: arguments differ {names}"
        for lang in LANGUAGES:  # every template renders with its arguments
            catalogue(lang)[message_id].format(**{n: _Any() for n in names[lang]})


def test_every_id_the_code_names_is_in_the_catalogue():
    named = set()
    for path in (REPO / "src" / "gzlint").rglob("*.py"):
        named |= set(re.findall(r"""\bmsg\(\s*"([^"{}]+)\"""", path.read_text(encoding="utf-8")))
        named |= set(re.findall(r"""\btext\(\s*"([^"{}]+)\"""", path.read_text(encoding="utf-8")))
    assert len(named) > 80
    assert named - set(catalogue("zh")) == set()


def test_a_missing_translation_is_an_error():
    with pytest.raises(messages.CatalogueError):
        msg("GZ999.nothing").render("en")


def test_nested_messages_and_lists_render_in_one_language():
    m = msg("GZ203.odd", cell=msg("cell", table="表三", row="（一）予以公开", column="自然人"), text="０３",
            problems=[msg("GZ203.full-width"), msg("GZ203.leading-zero")], number="3")
    assert m.render("zh") == "表三「（一）予以公开」行「自然人」列写作「０３」，使用了全角数字、有多余的前导零，应写作「3」"
    assert m.render("en") == ("表三, row 「（一）予以公开」, column 「自然人」 is written 「０３」: uses full-width digits, "
                              "has superfluous leading zeros; write 「3」")


def test_lang_renders_messages_and_the_summary_in_english(sample_files, capsys, tmp_path):
    _, bad = sample_files
    assert main([str(bad), "--format", "json"]) == 1
    zh = json.loads(capsys.readouterr().out)["diagnostics"]
    assert main([str(bad), "--format", "json", "--lang", "en"]) == 1
    en = json.loads(capsys.readouterr().out)["diagnostics"]
    assert [d["message_id"] for d in zh] == [d["message_id"] for d in en]
    assert "≠" in en[0]["message"] and "column" in en[0]["message"] and "列：" in zh[0]["message"]
    (tmp_path / "gzlint.toml").write_text('lang = "en"\n', encoding="utf-8")
    target = tmp_path / "bad.txt"
    target.write_text(bad.read_text(encoding="utf-8"), encoding="utf-8")
    assert main([str(target), "--format", "concise"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "Found 1 diagnostic (1 error) in 1 of 1 file."  # GZ301–303 meet at one cell


def test_an_unknown_language_is_a_configuration_error(tmp_path, capsys):
    (tmp_path / "gzlint.toml").write_text('lang = "fr"\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text("x", encoding="utf-8")
    assert main([str(tmp_path / "r.txt")]) == 2
    assert "lang" in capsys.readouterr().err
    assert main([str(tmp_path / "r.txt"), "--lang", "fr"]) == 2


def test_help_in_chinese_by_default_and_in_english():
    zh = subprocess.run([sys.executable, "-m", "gzlint", "--help"], capture_output=True, text=True, cwd=REPO)
    en = subprocess.run([sys.executable, "-m", "gzlint", "--help", "--lang", "en"], capture_output=True, text=True, cwd=REPO)
    assert zh.returncode == en.returncode == 0
    assert zh.stdout.startswith("用法：") and "规则选择" in zh.stdout and "退出状态" in zh.stdout
    assert en.stdout.startswith("usage: ") and "rule selection" in en.stdout


def test_rewording_a_message_keeps_the_baseline(sample_files, tmp_path, monkeypatch):
    _, bad = sample_files
    diagnostics = run([str(bad)]).diagnostics
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, diagnostics)
    assert filter_new(diagnostics, baseline) == []
    # a reviewer rewords the identity message in the catalogue
    reworded = {**catalogue("zh"), "identity.column": "{table}的「{label}」列不平衡：{left} 与 {right} 不等"}
    monkeypatch.setattr(messages, "catalogue", lambda lang: reworded if lang == "zh" else catalogue(lang))
    again = run([str(bad)]).diagnostics
    assert {d.message for d in again} != {d.message for d in diagnostics}
    assert filter_new(again, baseline) == []
    # a new problem is still new
    extra = Diagnostic(path=str(bad), code="GZ301", severity=Severity.ERROR, message="x", table="表三",
                       msg=msg("identity.column", table="表三", label="商业企业", left="1", right="2"))
    assert filter_new([*again, extra], baseline) == [extra]


def test_fingerprints_drop_numbers_and_keep_quoted_text():
    def diag(**args):
        m = msg("GZ104.no-year", **args)
        return Diagnostic(path="a.txt", code="GZ104", severity=Severity.WARNING, message=str(m), msg=m)

    assert fingerprint(diag(title="甲局报告")) != fingerprint(diag(title="乙局报告"))
    cell = msg("cell", table="表三", row="一", column="总计")
    first = Msg("GZ201.needed", (("cell", cell), ("identity", "本行各列之和"), ("value", "9")))
    second = Msg("GZ201.needed", (("cell", cell), ("identity", "本行各列之和"), ("value", "12")))
    d1, d2 = (Diagnostic(path="a.txt", code="GZ201", severity=Severity.WARNING, message="", msg=m) for m in (first, second))
    assert fingerprint(d1) == fingerprint(d2)


def test_a_version_1_baseline_still_absorbs(sample_files, tmp_path, capsys):
    _, bad = sample_files
    diagnostics = run([str(bad)]).diagnostics
    old = tmp_path / "old.json"
    entries = [{"fingerprint": fingerprint(d, tmp_path, version=1), "code": d.code} for d in diagnostics]
    old.write_text(json.dumps({"tool": "gzlint", "version": 1, "diagnostics": entries}), encoding="utf-8")
    assert filter_new(diagnostics, old) == []
    assert "--write-baseline" in capsys.readouterr().err


def test_lang_before_the_command(capsys):
    assert main(["--lang", "en", "explain", "GZ101"]) == 0
    assert "Why it matters:" in capsys.readouterr().out
    assert main(["--lang=en", "rules"]) == 0
    assert capsys.readouterr().out.startswith("code ")


def test_show_in_english(sample_files, capsys):
    good, _ = sample_files
    assert main(["show", str(good)]) == 0
    assert "统计期限" in capsys.readouterr().out
    assert main(["show", "--lang", "en", str(good)]) == 0
    out = capsys.readouterr().out
    assert "period" in out and "sections" in out and "统计期限  " not in out

"""Rule documentation: English from the rules' docstrings, Chinese from
locale/zh/rules.toml, and every rule has it all in both."""

from __future__ import annotations

import pytest

from gzlint.cli import main
from gzlint.plugins import all_rules
from gzlint.ruledocs import SECTIONS, chinese_docs, parse_docstring, rule_doc


def test_parse_docstring_sections():
    description, sections = parse_docstring('''Checks a thing.

        More about it.

        Why:
            Because.

        Bad:
            a | b
              indented

        Good:
            c

        Fix:
            Do it.
        ''')
    assert description == "Checks a thing.\n\nMore about it."
    assert sections == {"Why": "Because.", "Bad": "a | b\n  indented", "Good": "c", "Fix": "Do it."}


@pytest.mark.parametrize("code", list(all_rules()))
def test_every_registered_rule_is_fully_documented(code):
    """New rules cannot skip their docs: what, why, a bad and a good example, the fix."""
    cls = all_rules()[code]
    doc = rule_doc(cls)
    assert doc.name and doc.summary, f"{code} needs a name and a summary"
    assert doc.description, f"{code}'s docstring needs a first paragraph saying what it checks"
    assert not doc.missing, f"{code}'s docstring lacks the sections {doc.missing} (needs {', '.join(SECTIONS)})"
    assert doc.sections["Bad"] != doc.sections["Good"]
    zh = rule_doc(cls, "zh")
    assert zh.lang == "zh" and zh.description and not zh.missing, f"{code} lacks its Chinese page in rules.toml"
    assert zh.summary == cls.summary and zh.sections["Bad"] != zh.sections["Good"]


def test_chinese_pages_name_only_real_rules():
    assert set(chinese_docs()) <= set(all_rules()), "a Chinese page for a rule that does not exist"
    assert all(set(page) <= {"description", "why", "bad", "good", "fix"} for page in chinese_docs().values())


@pytest.mark.parametrize("code", list(all_rules()))
def test_explain_page_for_every_code(code, capsys):
    assert main(["explain", code]) == 0
    page = capsys.readouterr().out
    assert page.startswith(code)
    for heading in ("为什么：", "错误示例：", "正确示例：", "如何修改："):
        assert heading in page
    assert main(["explain", code, "--lang", "en"]) == 0
    page = capsys.readouterr().out
    for heading in ("Why it matters:", "Bad:", "Good:", "How to fix:"):
        assert heading in page


@pytest.mark.parametrize("lang, head", [("zh", ["代码", "名称", "级别", "简介"]), ("en", ["code", "name", "severity", "summary"])])
def test_rules_table_lists_every_rule(capsys, lang, head):
    assert main(["rules", "--lang", lang]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == head
    for code, cls in all_rules().items():
        row = next(line for line in lines if line.startswith(code + " "))
        doc = rule_doc(cls, lang)
        assert cls.name in row and doc.severity_word in row and doc.summary in row


def test_rules_json(capsys):
    import json

    assert main(["rules", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in rows] == list(all_rules())


def test_explain_by_name_markdown_and_unknown(capsys):
    assert main(["explain", "applications-balance", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("**GZ301") and "```text" in out
    assert main(["explain", "GZ999"]) == 2
    assert "GZ999" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_docs_rules_pages_are_current(lang):
    from gzlint.ruledocs import DOCS_PAGES, rules_page

    from .helpers import REPO

    page = REPO / DOCS_PAGES[lang]
    assert page.read_text(encoding="utf-8") == rules_page(lang), \
        f"{DOCS_PAGES[lang]} is out of date: run python -m gzlint.ruledocs"

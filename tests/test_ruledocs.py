"""Rule documentation comes from the rules' docstrings, and every rule has it all."""

from __future__ import annotations

import pytest

from gzlint.cli import main
from gzlint.plugins import all_rules
from gzlint.ruledocs import SECTIONS, parse_docstring, rule_doc


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


@pytest.mark.parametrize("code", list(all_rules()))
def test_explain_page_for_every_code(code, capsys):
    assert main(["explain", code]) == 0
    page = capsys.readouterr().out
    assert page.startswith(code)
    for heading in ("Why it matters:", "Bad:", "Good:", "How to fix:"):
        assert heading in page


def test_rules_table_lists_every_rule(capsys):
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "summary"]
    for code, cls in all_rules().items():
        row = next(line for line in lines if line.startswith(code + " "))
        assert cls.name in row and cls.severity.label in row and cls.summary in row


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

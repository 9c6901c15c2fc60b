"""Rule documentation — the one source for ``gzlint rules``, ``gzlint
explain``, ``docs/rules.md`` and the SARIF rule metadata — one source per
language: English is each rule's docstring, Chinese (the default) the rule's
``summary`` and its page in ``locale/zh/rules.toml`` (description, why, bad,
good, fix), which a test keeps complete for every built-in rule.

A rule's docstring is a summary paragraph (what it checks), optionally more
paragraphs, then the sections ``Why:``, ``Bad:``, ``Good:`` and ``Fix:``,
each a heading alone on its line followed by an indented block::

    class MissingSection(Rule):
        \"\"\"One of the six sections the form requires is missing.

        Why:
            条例 art. 50 lists what a report must contain …

        Bad:
            五、存在的主要问题及改进情况   (六 is absent)

        Good:
            六、其他需要报告的事项

        Fix:
            Add the section with its official heading.
        \"\"\"
"""

from __future__ import annotations

import inspect
import re
import sys
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .packs import toml_reader

#: the sections every rule's docstring must have, in this order
SECTIONS = ("Why", "Bad", "Good", "Fix")
_HEADING = re.compile(r"^(%s):\s*$" % "|".join(SECTIONS))


#: the page's headings per language, by section
_TITLES = {
    "en": {"Why": "Why it matters", "Bad": "Bad", "Good": "Good", "Fix": "How to fix"},
    "zh": {"Why": "为什么", "Bad": "错误示例", "Good": "正确示例", "Fix": "如何修改"},
}


@dataclass
class RuleDoc:
    code: str
    name: str
    severity: str
    summary: str
    #: what the rule checks: the docstring before the first section
    description: str
    sections: dict[str, str] = field(default_factory=dict)
    lang: str = "en"

    @property
    def missing(self) -> list[str]:
        """Required sections that are absent or empty."""
        return [s for s in SECTIONS if not self.sections.get(s, "").strip()]

    @property
    def severity_word(self) -> str:
        """错误 / error, as the page's language says it."""
        from .diagnostics import Severity

        return Severity.parse(self.severity).word(self.lang)

    def to_text(self) -> str:
        """The ``gzlint explain`` page."""
        parts = [f"{self.code} {self.name} [{self.severity_word}]", f"{self.summary}", "", self.description]
        titles = _TITLES[self.lang]
        for key in SECTIONS:
            if self.sections.get(key):
                parts += ["", titles[key] + ("：" if self.lang == "zh" else ":"), textwrap.indent(self.sections[key], "    ")]
        return "\n".join(parts).rstrip() + "\n"

    def to_markdown(self, heading: str = "###") -> str:
        """The same page as Markdown (SARIF ``help.markdown``, docs)."""
        parts = [f"**{self.code} {self.name}** ({self.severity_word}): {self.summary}", "", self.description]
        for key in SECTIONS:
            body = self.sections.get(key)
            if not body:
                continue
            title = _TITLES[self.lang][key]
            if key in ("Bad", "Good"):
                parts += ["", f"{heading} {title}", "", "```text", body, "```"]
            else:
                parts += ["", f"{heading} {title}", "", body]
        return "\n".join(parts).rstrip() + "\n"


def parse_docstring(doc: str | None) -> tuple[str, dict[str, str]]:
    """Split a docstring into its description and its named sections."""
    text = inspect.cleandoc(doc or "")
    description: list[str] = []
    sections: dict[str, list[str]] = {}
    current: list[str] = description
    for line in text.splitlines():
        m = _HEADING.match(line)
        if m:
            current = sections.setdefault(m.group(1), [])
            continue
        current.append(line)
    return (
        "\n".join(description).strip(),
        {k: textwrap.dedent("\n".join(v)).strip("\n").rstrip() for k, v in sections.items()},
    )


def rule_doc(cls, lang: str = "en") -> RuleDoc:
    """The documentation of one rule class in ``lang``: English from its
    docstring, Chinese from the Chinese rule docs (``locale/zh/rules.toml``),
    where a plugin's rule without a Chinese page falls back to English."""
    # the class's own docstring, not an inherited one: a rule must document itself
    description, sections = parse_docstring(cls.__dict__.get("__doc__"))
    doc = RuleDoc(code=cls.code, name=cls.name, severity=cls.severity.label, summary=english_summary(description),
                  description=description, sections=sections)
    if lang == "en":
        return doc
    page = chinese_docs().get(cls.code)
    if page is None:
        return RuleDoc(**{**doc.__dict__, "summary": cls.summary or doc.summary})
    return RuleDoc(code=cls.code, name=cls.name, severity=cls.severity.label, summary=cls.summary,
                   description=page.get("description", "").strip(),
                   sections={k: page[k.lower()].strip("\n").rstrip() for k in SECTIONS if page.get(k.lower())},
                   lang="zh")


def english_summary(description: str) -> str:
    """The first sentence of a docstring: the rule's summary in English."""
    first = " ".join(description.split("\n\n")[0].split())
    end = first.find(". ")
    return first if end < 0 else first[:end + 1]


@lru_cache(maxsize=1)
def chinese_docs() -> dict[str, dict[str, str]]:
    """code → {description, why, bad, good, fix}: the Chinese rule pages."""
    path = Path(__file__).parent / "locale" / "zh" / "rules.toml"
    with path.open("rb") as fh:
        return toml_reader().load(fh)


def all_rule_docs(lang: str = "en") -> list[RuleDoc]:
    from .plugins import all_rules

    return [rule_doc(cls, lang) for cls in all_rules().values()]


#: the generated rule reference, per language (a test keeps them current)
DOCS_PAGES = {"zh": "docs/rules.md", "en": "docs/rules.en.md"}
_PAGE_HEAD = {
    "zh": ("# 规则说明\n\n本文件由 `python -m gzlint.ruledocs` 根据规则说明生成（中文说明在 "
           "`src/gzlint/locale/zh/rules.toml`，英文说明是各规则的文档字符串），请勿手工修改。"
           "English: [rules.en.md](rules.en.md)。\n"),
    "en": ("# Rules\n\nGenerated by `python -m gzlint.ruledocs` from the rule docs (English: each rule's "
           "docstring; Chinese: `src/gzlint/locale/zh/rules.toml`); do not edit by hand. "
           "中文：[rules.md](rules.md).\n"),
}


def rules_page(lang: str) -> str:
    """docs/rules.md (zh) or docs/rules.en.md (en): every built-in rule's page."""
    from .plugins import all_rules

    docs = [rule_doc(cls, lang) for cls in all_rules().values() if cls.__module__.startswith("gzlint.")]
    head = ("代码", "名称", "级别", "简介") if lang == "zh" else ("Code", "Name", "Severity", "Summary")
    parts = [_PAGE_HEAD[lang], f"| {' | '.join(head)} |", "|---|---|---|---|"]
    parts += [f"| [{d.code}](#{d.code.lower()}) | {d.name} | {d.severity_word} | {_cell(d.summary)} |" for d in docs]
    for d in docs:
        parts += ["", f"## {d.code}", "", d.to_markdown(heading="####").rstrip()]
    return "\n".join(parts) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


if __name__ == "__main__":  # python -m gzlint.ruledocs [ROOT]: write docs/rules*.md
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2]
    for page_lang, page in DOCS_PAGES.items():
        (root / page).write_text(rules_page(page_lang), encoding="utf-8")

"""Rule documentation, parsed from each rule's docstring — the one source of
truth for ``gzlint rules``, ``gzlint explain`` and the SARIF rule metadata.

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
import textwrap
from dataclasses import dataclass, field

#: the sections every rule's docstring must have, in this order
SECTIONS = ("Why", "Bad", "Good", "Fix")
_HEADING = re.compile(r"^(%s):\s*$" % "|".join(SECTIONS))


@dataclass
class RuleDoc:
    code: str
    name: str
    severity: str
    summary: str
    #: what the rule checks: the docstring before the first section
    description: str
    sections: dict[str, str] = field(default_factory=dict)

    @property
    def missing(self) -> list[str]:
        """Required sections that are absent or empty."""
        return [s for s in SECTIONS if not self.sections.get(s, "").strip()]

    def to_text(self) -> str:
        """The ``gzlint explain`` page."""
        parts = [f"{self.code} {self.name} [{self.severity}]", f"{self.summary}", "", self.description]
        titles = {"Why": "Why it matters", "Bad": "Bad", "Good": "Good", "Fix": "How to fix"}
        for key in SECTIONS:
            if self.sections.get(key):
                parts += ["", f"{titles[key]}:", textwrap.indent(self.sections[key], "    ")]
        return "\n".join(parts).rstrip() + "\n"

    def to_markdown(self) -> str:
        """The same page as Markdown (SARIF ``help.markdown``, docs)."""
        parts = [f"**{self.code} {self.name}** ({self.severity}): {self.summary}", "", self.description]
        for key, title in (("Why", "Why it matters"), ("Bad", "Bad"), ("Good", "Good"), ("Fix", "How to fix")):
            body = self.sections.get(key)
            if not body:
                continue
            if key in ("Bad", "Good"):
                parts += ["", f"### {title}", "", "```text", body, "```"]
            else:
                parts += ["", f"### {title}", "", body]
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


def rule_doc(cls) -> RuleDoc:
    """The documentation of one rule class."""
    # the class's own docstring, not an inherited one: a rule must document itself
    description, sections = parse_docstring(cls.__dict__.get("__doc__"))
    return RuleDoc(
        code=cls.code, name=cls.name, severity=cls.severity.label, summary=cls.summary,
        description=description, sections=sections,
    )


def all_rule_docs() -> list[RuleDoc]:
    from .plugins import all_rules

    return [rule_doc(cls) for cls in all_rules().values()]

"""GZ520: the requirements local rule packs add to a section (a municipal
notice capping 一、总体情况 at 1,000 characters, or listing what it must state).

A pack's ``requirements.toml`` holds one ``[[section]]`` table per
requirement (examples/rule-packs/README.md); the national pack has none, so
without a local pack the rule says nothing."""

from __future__ import annotations

import re

from .. import packs
from ..diagnostics import Severity
from ..hookspec import hookimpl
from ..matcher.roles import role_section
from ..messages import msg
from ..metadata import section_tokens
from ..rule import Rule

_KEYS = {"role", "max-chars", "must-state", "source"}


#: (the packs' merged requirements, every pack's requirements) for the packs in use
_loaded: tuple[dict, list[dict]] | None = None


def section_requirements() -> list[dict]:
    """Every pack's ``[[section]]`` requirements, checked for their keys; read
    once while the packs stay (``packs.merged`` is built anew when they change)."""
    global _loaded
    merged = packs.merged("requirements")
    if _loaded is None or _loaded[0] is not merged:
        _loaded = (merged, _pack_requirements())
    return _loaded[1]


def _pack_requirements() -> list[dict]:
    found = []
    for pack in packs.packs():
        for i, req in enumerate(pack.data("requirements").get("section", [])):
            where = f"{pack.path / 'requirements.toml'}: section[{i}]"
            if not isinstance(req, dict) or not str(req.get("role", "")).startswith("section.") or set(req) - _KEYS:
                raise packs.PackError(f"{where}: 需要 role = \"section.…\"，可用的键：{'、'.join(sorted(_KEYS))}")
            for item in req.get("must-state", []):
                if not isinstance(item, dict) or set(item) != {"name", "pattern"}:
                    raise packs.PackError(f"{where}: must-state 的每一项应为 {{ name = …, pattern = … }}")
                try:
                    re.compile(item["pattern"])
                except re.error as exc:
                    raise packs.PackError(f"{where}: must-state「{item['name']}」: {exc}") from None
            found.append({**req, "source": req.get("source") or pack.name})
    return found


class PackRequirement(Rule):
    """A section breaks a requirement a local rule pack adds: it is longer
    than the pack allows, or does not state what the pack says it must.

    Why:
        Provinces and cities add their own requirements to the national
        format by notice (a cap on the length of 一、总体情况, figures it
        must state); reviewers there check them like the national ones.

    Bad:
        一、总体情况            (1,350 characters, where the city's notice allows 1,000)

    Good:
        一、总体情况            (960 characters, stating 本年主动公开信息条数)

    Fix:
        Shorten the section or add what is missing, as the notice the
        pack cites requires.
    """

    code = "GZ520"
    name = "pack-requirement"
    severity = Severity.WARNING
    summary = "章节不符合本地规则包的要求（字数上限、应写明的内容）"

    def check(self, report):
        for req in section_requirements():
            sec = role_section(report, req["role"])
            if sec is None:
                continue  # a missing section is GZ101's
            text = "".join(t.text for t in section_tokens(report, sec.spec.number))
            chars = len(re.sub(r"\s", "", text))
            limit = req.get("max-chars")
            where = dict(line=sec.line, section=sec.spec.official)
            if limit is not None and chars > limit:
                yield self.diag(report, msg("GZ520.too-long", section=sec.spec.official, chars=chars, limit=limit,
                                            source=req["source"]), **where)
            missing = [item["name"] for item in req.get("must-state", []) if not re.search(item["pattern"], text)]
            if missing:
                yield self.diag(report, msg("GZ520.must-state", section=sec.spec.official, missing=missing,
                                            source=req["source"]), **where)


@hookimpl
def gzlint_rules():
    return [PackRequirement]

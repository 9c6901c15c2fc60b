"""The word lists of the wording rules (GZ508, GZ511, GZ512), kept as data in
the rule packs' ``wording.toml`` (rules/national/wording.toml; a local pack's
lists extend it). Read them only through :func:`wording_data`, so the file can
move without touching the rules."""

from __future__ import annotations

from typing import Any

from .. import packs


def wording_data() -> dict[str, Any]:
    """The parsed word lists, merged over the rule packs (see
    rules/national/wording.toml for what each one is)."""
    return packs.merged("wording")

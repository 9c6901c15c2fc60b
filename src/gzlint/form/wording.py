"""The word lists of the wording rules (GZ508, GZ511), kept as data in
``wording.toml`` beside the form files. Read them only through
:func:`wording_data`, so the file can move without touching the rules."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

WORDING_FILE = Path(__file__).with_name("wording.toml")


@lru_cache(maxsize=1)
def wording_data() -> dict[str, Any]:
    """The parsed word lists (see wording.toml for what each one is)."""
    with WORDING_FILE.open("rb") as f:
        return tomllib.load(f)

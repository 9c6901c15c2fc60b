"""Diagnostics: what a rule reports, and their severities."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """Ordered so that ``sev >= fail_level`` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        """Accept ``error``/``warning``/``info`` and the catalogue's E/W/I."""
        key = text.strip().lower()
        aliases = {"e": "error", "w": "warning", "i": "info", "warn": "warning"}
        key = aliases.get(key, key)
        try:
            return cls[key.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (error, warning, info)") from None


@dataclass
class Diagnostic:
    """One finding, located as exactly as the input allows."""

    path: str
    code: str
    severity: Severity
    message: str
    line: int | None = None
    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    #: extra structured facts (numbers that disagree, the fix …) for reporters
    extra: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple:
        return (self.path, self.line if self.line is not None else 10**9, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.label
        if not data["extra"]:
            del data["extra"]
        return data

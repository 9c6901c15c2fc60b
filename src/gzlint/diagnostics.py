"""Diagnostics: what a rule reports, and their severities."""

from __future__ import annotations

import enum
from copy import deepcopy
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from typing import Any

from .locations import Where, common_place
from .messages import DEFAULT_LANG, Msg


#: the severity names configuration and command line accept alike
_ALIASES = {"e": "error", "w": "warning", "warn": "warning", "i": "info"}


class Severity(enum.IntEnum):
    """Ordered so that ``sev >= fail_level`` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    def word(self, lang: str = DEFAULT_LANG) -> str:
        """The severity as a reader of ``lang`` says it: 错误 / error."""
        from .messages import text

        return text(f"severity.{self.label}", lang)

    @classmethod
    def parse(cls, text: str) -> "Severity":
        """Accept ``error``/``warning``/``info``, ``warn`` and the catalogue's E/W/I."""
        key = text.strip().lower()
        key = _ALIASES.get(key, key)
        try:
            return cls[key.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} ({SEVERITY_NAMES})") from None


SEVERITY_NAMES = "error, warning (warn), info"


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
    #: findings that human-readable output shows as one (every cell of a wholly
    #: blank column): the key they share within the file, and the message that
    #: stands for all of them; machine-readable output keeps each one
    group: str | None = None
    group_message: str | None = None
    #: the catalogue message ``message`` was rendered from (None for a
    #: plugin's plain-text message): ``--lang`` renders it anew, and the
    #: baseline fingerprint is made of its id and arguments, not its wording
    msg: Msg | None = field(default=None, compare=False, repr=False)
    group_msg: Msg | None = field(default=None, compare=False, repr=False)
    #: the place in the source's own terms (第2个表格第7行第6列, 第3页), where the reader knows it
    where: "Where | None" = None

    def set_group(self, key: str, message: "Msg | str") -> None:
        """Join the group ``key``, which human-readable output shows as one
        diagnostic saying ``message``."""
        self.group = key
        self.group_msg = message if isinstance(message, Msg) else None
        self.group_message = str(message)

    def localised(self, lang: str) -> "Diagnostic":
        """The diagnostic with its messages rendered in ``lang``."""
        if lang == DEFAULT_LANG or (self.msg is None and self.group_msg is None):
            return self
        return replace(
            self, message=self.msg.render(lang) if self.msg else self.message,
            group_message=self.group_msg.render(lang) if self.group_msg else self.group_message)

    def where_text(self, lang: str = DEFAULT_LANG) -> str | None:
        """The place in the source's own terms, as ``lang`` words it."""
        return self.where.text(lang) if self.where is not None else None

    def sort_key(self) -> tuple:
        return (self.path, self.line if self.line is not None else 10**9, self.code, self.message)

    def to_dict(self, lang: str = DEFAULT_LANG) -> dict[str, Any]:
        # what asdict() gives, without deep-copying the catalogue messages only to drop them
        data = {f.name: _plain(getattr(self, f.name)) for f in fields(self) if f.name not in ("msg", "group_msg")}
        data["severity"] = self.severity.label
        data["where"] = self.where.to_dict(lang) if self.where is not None else None
        if self.msg is not None:
            data["message_id"] = self.msg.id
        for key in ("extra", "group", "group_message"):
            if not data[key]:
                del data[key]
        return data


def _plain(value: Any) -> Any:
    """A field's value as dataclasses.asdict copies it: dataclasses as dicts, containers copied."""
    if isinstance(value, (str, int, float, type(None))):
        return value
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, dict):
        return type(value)((k, _plain(v)) for k, v in value.items())
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*(_plain(v) for v in value))
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    return deepcopy(value)


def fold_groups(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Each group as one diagnostic, with the group's message, for the
    human-readable reporters. A group of one code (every cell of a wholly
    blank row) stands where its first member does, with the row or column its
    members share; a group of several codes (identities that meet at one
    cell) stands at its most exactly located member and names the codes."""
    members: dict[tuple[str, str], list[Diagnostic]] = {}
    for d in diagnostics:
        if d.group is not None:
            members.setdefault((d.path, d.group), []).append(d)
    out = []
    for d in diagnostics:
        if d.group is None:
            out.append(d)
            continue
        group = members.pop((d.path, d.group), None)
        if group is None:
            continue  # already stood for by its first member
        if len(group) == 1:
            out.append(d)
            continue
        codes = sorted({m.code for m in group})
        if len(codes) == 1:
            out.append(replace(
                d, message=d.group_message or d.message, group=None, group_message=None,
                row=d.row if all(m.row == d.row for m in group) else None,
                column=d.column if all(m.column == d.column for m in group) else None,
                where=common_place([m.where for m in group]),
                extra={**d.extra, "cells": len(group)}))
            continue
        stand = max(group, key=lambda m: (m.row is not None) + (m.column is not None))
        out.append(replace(
            stand, message=f"{stand.group_message or stand.message}（{'、'.join(codes)}）",
            group=None, group_message=None, extra={**stand.extra, "codes": codes}))
    return sorted(out, key=Diagnostic.sort_key)

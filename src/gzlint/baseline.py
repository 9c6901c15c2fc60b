"""Baselines: accept today's diagnostics, report only new ones.

Reports are not source code, so there is no inline ``noqa``. Instead
``gzlint --write-baseline FILE`` records every diagnostic by a fingerprint
and ``gzlint --baseline FILE`` drops the diagnostics whose fingerprint is in
it. The fingerprint survives reformatting: it is made of the code, the file
(relative to the baseline file's folder), the section/table/row/column labels
and the message with line references, digits and spacing normalised — never
the line number. A fingerprint recorded N times absorbs at most N
diagnostics, so a second identical problem in the same place is still new.

A baseline written with ``--baseline-values`` keeps the message's numbers in
the fingerprint: a cell re-submitted with a different wrong total is then new,
not absorbed. The mode is recorded in the file, so reading it needs no option.
Entries no diagnostic matched any more are *stale* (the problem was fixed);
``--baseline-prune`` rewrites the file without them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .diagnostics import Diagnostic

VERSION = 1
_LINE_REF = re.compile(r"(第\s*\d+\s*行|\bline\s+\d+\b|:\d+\b)", re.IGNORECASE)


class BaselineError(Exception):
    """The baseline file is missing or not a gzlint baseline (exit status 2)."""


def normalise_message(message: str, values: bool = False) -> str:
    """Without line references and spacing; without numbers unless ``values``."""
    text = unicodedata.normalize("NFKC", message)
    text = _LINE_REF.sub("", text)
    if not values:
        text = re.sub(r"\d+(\.\d+)?", "#", text)
    return re.sub(r"\s+", " ", text).strip()


def _rel(path: str, root: Path | None) -> str:
    if root is None:
        return Path(path).as_posix()
    try:
        return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def fingerprint(d: Diagnostic, root: Path | None = None, values: bool = False) -> str:
    """A stable hash of what and where, without line numbers (and, unless
    ``values``, without the numbers the message quotes)."""
    parts = [d.code, _rel(d.path, root), d.section or "", d.table or "", d.row or "", d.column or "",
             normalise_message(d.message, values)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _entry(d: Diagnostic, root: Path, values: bool) -> dict[str, Any]:
    return {"fingerprint": fingerprint(d, root, values), "code": d.code, "path": _rel(d.path, root),
            "message": d.message,
            **{k: v for k, v in (("table", d.table), ("row", d.row), ("column", d.column)) if v}}


def _dump(path: Path, entries: list[dict[str, Any]], values: bool) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    data: dict[str, Any] = {"tool": "gzlint", "version": VERSION}
    if values:
        data["values"] = True
    data["diagnostics"] = entries
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_baseline(path: str | Path, diagnostics: Iterable[Diagnostic], values: bool = False) -> int:
    path = Path(path)
    root = path.resolve().parent
    entries = [_entry(d, root, values) for d in diagnostics]
    _dump(path, entries, values)
    return len(entries)


@dataclass
class Baseline:
    path: Path
    #: entries as recorded, in file order
    entries: list[dict[str, Any]] = field(default_factory=list)
    #: whether the fingerprints keep the message's numbers
    values: bool = False

    @property
    def root(self) -> Path:
        return self.path.resolve().parent


@dataclass
class BaselineMatch:
    #: diagnostics not in the baseline: the ones to report
    new: list[Diagnostic]
    #: how many diagnostics the baseline hid
    hidden: int
    #: entries that matched no diagnostic (fixed since)
    stale: list[dict[str, Any]]


def load_baseline(path: str | Path) -> Baseline:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"无法读取基线文件 {path}：{exc.strerror or exc}") from None
    except ValueError as exc:
        raise BaselineError(f"基线文件 {path} 不是 JSON：{exc}") from None
    if not isinstance(data, dict) or data.get("tool") != "gzlint" or not isinstance(data.get("diagnostics"), list):
        raise BaselineError(f"{path} 不是 gzlint 基线文件（用 --write-baseline 生成）")
    if data.get("version") != VERSION:
        raise BaselineError(f"{path}: 不支持的基线版本 {data.get('version')!r}（应为 {VERSION}）")
    entries = [e for e in data["diagnostics"] if isinstance(e, dict)]
    return Baseline(path, entries, bool(data.get("values")))


def match_baseline(diagnostics: list[Diagnostic], baseline: Baseline, files: Iterable[str]) -> BaselineMatch:
    """Split ``diagnostics`` into new and hidden; the entries left over are stale.
    Only entries for ``files`` (those linted) can be stale: a partial run is not a fix."""
    root = baseline.root
    unused: dict[str, list[int]] = {}
    for i, e in enumerate(baseline.entries):
        unused.setdefault(e.get("fingerprint"), []).append(i)
    new, hidden = [], 0
    for d in diagnostics:
        slots = unused.get(fingerprint(d, root, baseline.values))
        if slots:
            slots.pop(0)
            hidden += 1
        else:
            new.append(d)
    linted = {_rel(f, root) for f in files}
    left = sorted(i for slots in unused.values() for i in slots)
    return BaselineMatch(new, hidden, [baseline.entries[i] for i in left if baseline.entries[i].get("path") in linted])


def prune(baseline: Baseline, stale: list[dict[str, Any]]) -> int:
    """Rewrite the baseline without ``stale`` entries; how many were removed."""
    drop = {id(e) for e in stale}
    kept = [e for e in baseline.entries if id(e) not in drop]
    _dump(baseline.path, kept, baseline.values)
    return len(baseline.entries) - len(kept)


def filter_new(diagnostics: list[Diagnostic], baseline: str | Path) -> list[Diagnostic]:
    """The diagnostics not recorded in ``baseline``."""
    return match_baseline(diagnostics, load_baseline(baseline), {d.path for d in diagnostics}).new

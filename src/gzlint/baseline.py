"""Baselines: accept today's diagnostics, report only new ones.

Reports are not source code, so there is no inline ``noqa``. Instead
``gzlint --write-baseline FILE`` records every diagnostic by a fingerprint
and ``gzlint --baseline FILE`` drops the diagnostics whose fingerprint is in
it. The fingerprint survives reformatting and rewording: it is made of the
code, the file (relative to the baseline file's folder), the
section/table/row/column labels, the message's catalogue id and its
arguments that are not numbers (quoted text with its digits normalised) —
never the rendered wording, never the line number. A plugin's plain-text
message, which has no id, stands in with its text normalised. A fingerprint
recorded N times absorbs at most N diagnostics, so a second identical problem
in the same place is still new.

Baselines of version 1 fingerprinted the Chinese wording; they are still read
(by that fingerprint, so they keep absorbing until a message is reworded), and
gzlint says once how to rewrite them as version 2.

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
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .diagnostics import Diagnostic
from .document import ReadFailure
from .readers.limits import read_input
from .reporters.output import write_atomic

VERSION = 2
#: versions read: 1 fingerprinted the rendered Chinese message
READABLE = (1, 2)
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


def fingerprint(d: Diagnostic, root: Path | None = None, version: int = VERSION, values: bool = False) -> str:
    """A stable hash of what and where, without line numbers or wording (and,
    unless ``values``, without the numbers the message quotes)."""
    if version == 1 or d.msg is None:
        what = [normalise_message(d.message, values)]
    else:
        what = [normalise_message(part, values) for part in d.msg.stable_parts()]
        if values:
            what += [f"{k}={v}" for k, v in d.msg.args if isinstance(v, (int, float))]
    parts = [d.code, _rel(d.path, root), d.section or "", d.table or "", d.row or "", d.column or "", *what]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _entry(d: Diagnostic, root: Path, values: bool) -> dict[str, Any]:
    return {"fingerprint": fingerprint(d, root, values=values), "code": d.code, "path": _rel(d.path, root),
            "message": d.message, **({"message_id": d.msg.id} if d.msg else {}),
            **{k: v for k, v in (("table", d.table), ("row", d.row), ("column", d.column)) if v}}


def _dump(path: Path, entries: list[dict[str, Any]], values: bool, version: int = VERSION) -> None:
    data: dict[str, Any] = {"tool": "gzlint", "version": version}
    if values:
        data["values"] = True
    data["diagnostics"] = entries
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_baseline(path: str | Path, diagnostics: Iterable[Diagnostic], values: bool = False) -> int:
    path = Path(path)
    entries = [_entry(d, path.resolve().parent, values) for d in diagnostics]
    _dump(path, entries, values)
    return len(entries)


@dataclass
class Baseline:
    path: Path
    #: entries as recorded, in file order
    entries: list[dict[str, Any]] = field(default_factory=list)
    version: int = VERSION
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
    #: entries of the files linted that matched no diagnostic (fixed since)
    stale: list[dict[str, Any]]


def load_baseline(path: str | Path) -> Baseline:
    path = Path(path)
    try:
        data = json.loads(read_input(str(path)).decode("utf-8"))  # a regular file only, of bounded size
    except ReadFailure as failure:
        raise BaselineError(f"无法读取基线文件 {path}：{failure.message}") from None
    except UnicodeDecodeError:
        raise BaselineError(f"基线文件 {path} 不是 UTF-8 编码的 JSON") from None
    except ValueError as exc:
        raise BaselineError(f"基线文件 {path} 不是 JSON：{exc}") from None
    except RecursionError:
        raise BaselineError(f"基线文件 {path} 嵌套过深，不是 gzlint 基线文件") from None
    if not isinstance(data, dict) or data.get("tool") != "gzlint" or not isinstance(data.get("diagnostics"), list):
        raise BaselineError(f"{path} 不是 gzlint 基线文件（用 --write-baseline 生成）")
    if data.get("version") not in READABLE:
        raise BaselineError(f"{path}: 不支持的基线版本 {str(data.get('version'))[:40]!r}（应为 {VERSION}）")
    entries = data["diagnostics"]
    for n, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise BaselineError(f"{path}: 第 {n} 条记录不是 gzlint 基线记录（缺少字符串 fingerprint），请重新生成基线")
    return Baseline(path, entries, data["version"], bool(data.get("values")))


def match_baseline(diagnostics: list[Diagnostic], baseline: Baseline, files: Iterable[str]) -> BaselineMatch:
    """Split ``diagnostics`` (rendered in Chinese, as the rules make them: a
    version 1 baseline fingerprinted that wording) into new and hidden; the
    entries left over are stale. Only entries for ``files`` (those linted)
    can be stale: a partial run is not a fix."""
    if baseline.version < VERSION:
        print(f"gzlint: 基线文件 {baseline.path} 为旧版本 {baseline.version}，改写消息后会失效；"
              f"用 --write-baseline 重新生成为版本 {VERSION}", file=sys.stderr)
    root = baseline.root
    unused: dict[str, list[int]] = {}
    for i, e in enumerate(baseline.entries):
        unused.setdefault(e["fingerprint"], []).append(i)
    new, hidden = [], 0
    for d in diagnostics:
        slots = unused.get(fingerprint(d, root, baseline.version, baseline.values))
        if slots:
            slots.pop(0)
            hidden += 1
        else:
            new.append(d)
    linted = {_rel(f, root) for f in files}
    left = sorted(i for slots in unused.values() for i in slots)
    return BaselineMatch(new, hidden, [baseline.entries[i] for i in left if baseline.entries[i].get("path") in linted])


def prune(baseline: Baseline, stale: list[dict[str, Any]]) -> int:
    """Rewrite the baseline (atomically, in its own version) without the
    ``stale`` entries; how many were removed."""
    drop = {id(e) for e in stale}
    kept = [e for e in baseline.entries if id(e) not in drop]
    _dump(baseline.path, kept, baseline.values, baseline.version)
    return len(baseline.entries) - len(kept)


def filter_new(diagnostics: list[Diagnostic], baseline: str | Path) -> list[Diagnostic]:
    """The diagnostics not recorded in ``baseline``."""
    return match_baseline(diagnostics, load_baseline(baseline), {d.path for d in diagnostics}).new

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
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Iterable

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


def normalise_message(message: str) -> str:
    text = unicodedata.normalize("NFKC", message)
    text = _LINE_REF.sub("", text)
    text = re.sub(r"\d+(\.\d+)?", "#", text)
    return re.sub(r"\s+", " ", text).strip()


def _rel(path: str, root: Path | None) -> str:
    if root is None:
        return Path(path).as_posix()
    try:
        return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def fingerprint(d: Diagnostic, root: Path | None = None, version: int = VERSION) -> str:
    """A stable hash of what and where, without line numbers or wording."""
    if version == 1 or d.msg is None:
        what = [normalise_message(d.message)]
    else:
        what = [normalise_message(part) for part in d.msg.stable_parts()]
    parts = [d.code, _rel(d.path, root), d.section or "", d.table or "", d.row or "", d.column or "", *what]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def write_baseline(path: str | Path, diagnostics: Iterable[Diagnostic]) -> int:
    path = Path(path)
    root = path.resolve().parent
    entries = [
        {"fingerprint": fingerprint(d, root), "code": d.code, "path": _rel(d.path, root), "message": d.message,
         **({"message_id": d.msg.id} if d.msg else {}),
         **{k: v for k, v in (("table", d.table), ("row", d.row), ("column", d.column)) if v}}
        for d in diagnostics
    ]
    data = {"tool": "gzlint", "version": VERSION, "diagnostics": entries}
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return len(entries)


def load_baseline(path: str | Path) -> tuple[Path, Counter, int]:
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
    return path.resolve().parent, Counter(e["fingerprint"] for e in entries), data["version"]


def filter_new(diagnostics: list[Diagnostic], baseline: str | Path) -> list[Diagnostic]:
    """The diagnostics not recorded in ``baseline`` (rendered in Chinese, as
    the rules make them: a version 1 baseline fingerprinted that wording)."""
    root, known, version = load_baseline(baseline)
    if version < VERSION:
        print(f"gzlint: 基线文件 {baseline} 为旧版本 {version}，改写消息后会失效；"
              f"用 --write-baseline 重新生成为版本 {VERSION}", file=sys.stderr)
    new = []
    for d in diagnostics:
        fp = fingerprint(d, root, version)
        if known[fp] > 0:
            known[fp] -= 1
        else:
            new.append(d)
    return new

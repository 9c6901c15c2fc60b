"""``--statistics``: how many diagnostics of each code, instead of the list."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from ..diagnostics import Diagnostic, Severity


def statistics(diagnostics: list[Diagnostic]) -> list[dict]:
    from ..plugins import all_rules

    rules = all_rules()
    counts = Counter(d.code for d in diagnostics)
    severity = {d.code: d.severity.label for d in diagnostics}
    return [
        {"code": code, "name": rules[code].name if code in rules else "", "severity": severity[code], "count": n}
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def report(diagnostics: list[Diagnostic], out: TextIO, as_json: bool = False, lang: str = "zh") -> None:
    rows = statistics(diagnostics)
    if as_json:
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for row in rows:
        word = Severity.parse(row["severity"]).word(lang)
        out.write(f"{row['count']:>6}  {row['code']}  {row['name']:<24} [{word}]\n")

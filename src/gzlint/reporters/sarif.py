"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

The run's ``tool.driver.rules`` lists every registered rule (built-in and
plugin) with its summary, its description and its full ``gzlint explain``
page as ``help`` (text and Markdown), so code scanning shows why a finding
matters and how to fix it. Each result carries the baseline fingerprint as
``partialFingerprints`` so that alerts survive reformatting, and the form
location (section, table, row, column) as logical locations.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from .. import __version__
from ..diagnostics import Diagnostic, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/")


def rule_descriptors(lang: str = "zh") -> list[dict]:
    from ..plugins import all_rules
    from ..ruledocs import rule_doc

    descriptors = []
    for cls in all_rules().values():
        doc = rule_doc(cls, lang)
        descriptors.append({
            "id": doc.code,
            "name": doc.name,
            "shortDescription": {"text": doc.summary or doc.name},
            "fullDescription": {"text": doc.description or doc.summary or doc.name},
            "help": {"text": doc.to_text(), "markdown": doc.to_markdown()},
            "defaultConfiguration": {"level": _LEVEL[cls.severity]},
            "properties": {"tags": ["gzlint", doc.code[:3]]},
        })
    return descriptors


def result(d: Diagnostic, index: dict[str, int], lang: str = "zh") -> dict:
    from ..baseline import fingerprint

    location: dict = {"physicalLocation": {"artifactLocation": {"uri": _uri(d.path)}}}
    if d.line is not None and d.line >= 1:
        location["physicalLocation"]["region"] = {"startLine": d.line}
    logical = [
        {"name": value, "kind": kind}
        for kind, value in (("section", d.section), ("table", d.table), ("row", d.row), ("column", d.column))
        if value
    ]
    if logical:
        location["logicalLocations"] = logical
    res: dict = {
        "ruleId": d.code,
        "level": _LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [location],
        "partialFingerprints": {"gzlint/v1": fingerprint(d)},
    }
    if d.code in index:
        res["ruleIndex"] = index[d.code]
    if d.where is not None:  # the place in the source's own terms (第2个表格第7行第6列)
        res["properties"] = {"where": d.where.to_dict(lang)}
    return res


def sarif_log(diagnostics: list[Diagnostic], files: list[str], lang: str = "zh") -> dict:
    rules = rule_descriptors(lang)
    index = {r["id"]: i for i, r in enumerate(rules)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "gzlint",
                "version": __version__,
                "informationUri": "https://pypi.org/project/gzlint/",
                "rules": rules,
            }},
            "artifacts": [{"location": {"uri": _uri(f)}} for f in files],
            "results": [result(d, index, lang) for d in diagnostics],
            "columnKind": "unicodeCodePoints",
        }],
    }


def report(diagnostics: list[Diagnostic], files: list[str], out: TextIO, options=None) -> None:
    json.dump(sarif_log(diagnostics, files, options.lang if options else "zh"), out, ensure_ascii=False, indent=2)
    out.write("\n")

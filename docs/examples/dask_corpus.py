"""Lint a corpus of reports with Dask (``pip install 'gzlint[dask]'``).

Each file is linted where Dask runs the task (``gzlint.lint_bytes``: the
per-report rules, and a small picklable set of facts); the rules over the
whole corpus (GZ305, GZ306, GZ506) then run once over those facts
(``gzlint.cross_report``). Run it as ``python dask_corpus.py FOLDER``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import dask.bag as db

import gzlint
from gzlint.config import Settings
from gzlint.diagnostics import Diagnostic

SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf", ".xlsx"}


def lint_one(path: str, settings: Settings) -> gzlint.FileResult:
    return gzlint.lint_bytes(Path(path).read_bytes(), path, settings)


def lint_corpus(folder: str | Path, settings: Settings | None = None, scheduler: str = "processes") -> list[Diagnostic]:
    """Every diagnostic of the reports under ``folder``, sorted."""
    settings = settings or Settings()
    files = sorted(str(p) for p in Path(folder).rglob("*") if p.suffix.lower() in SUFFIXES)
    bag = db.from_sequence(files, partition_size=50)
    results = bag.map(lint_one, settings).compute(scheduler=scheduler)
    diagnostics = [d for r in results for d in r.diagnostics]
    diagnostics += gzlint.cross_report([r.facts for r in results], settings)
    return sorted(diagnostics, key=Diagnostic.sort_key)


if __name__ == "__main__":
    for d in lint_corpus(sys.argv[1]):
        print(f"{d.path}:{d.line or ''}: {d.code} {d.message}")

"""The hostile corpus (gzlint.testing.hostile) linted in one run, in a
subprocess with a memory cap: every file gets a diagnostic, nothing crashes,
nothing hangs, no input is changed.

The cap is the point: without it a regression here would take the shared
machine's memory with it. The timeout only guards against a hang.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gzlint.testing.hostile import CASES, write_corpus

resource = pytest.importorskip("resource", reason="RLIMIT_AS needs a POSIX system")

CAP = 2 * 1024 ** 3
#: seconds before the run counts as hung (it takes a fraction of this)
HANG = 600


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


def _lint_capped(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gzlint", *args], capture_output=True, text=True, timeout=HANG,
                          preexec_fn=_cap, stdin=subprocess.DEVNULL, cwd=cwd)


def _diagnostics(stdout: str) -> list[dict]:
    data = json.loads(stdout)
    return data["diagnostics"] if isinstance(data, dict) else data


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    write_corpus(folder)
    return folder


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_the_whole_corpus_in_one_capped_run(corpus, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    extra = [str(fifo)] + (["/dev/zero"] if Path("/dev/zero").exists() else [])
    before = {p: _digest(p) for p in corpus.iterdir()}

    proc = _lint_capped("--format", "json", str(corpus), *extra)

    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == 1, proc.stderr[-3000:]
    diagnostics = _diagnostics(proc.stdout)
    seen = {d["path"] for d in diagnostics}
    assert {str(corpus / name) for name in CASES} <= seen
    for path in extra:
        assert [d["message"] for d in diagnostics if d["path"] == path and d["code"] == "GZ001"], path
    assert {p: _digest(p) for p in corpus.iterdir()} == before


@pytest.mark.parametrize("name, words", [
    ("docx_big_part.docx", "member-mb"),
    ("pdf_bomb.pdf", "pdf-stream-mb"),
    ("html_huge_spans.html", "table-cells"),
    ("html_20000_rows.html", "table-rows"),
    ("xlsx_far_cells.xlsx", "table-rows"),
    ("ods_far_cells.ods", "table-rows"),
    ("docx_deep.docx", "嵌套"),
    ("html_21mb.html", "markup-mb"),
    ("text_1200000_chars.txt", "text-chars"),
])
def test_each_limit_names_the_key_that_raises_it(corpus, name, words):
    pytest.importorskip("pdfplumber") if name.endswith(".pdf") else None
    pytest.importorskip("python_calamine") if name.endswith((".xlsx", ".ods")) else None
    proc = _lint_capped("--format", "json", str(corpus / name))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    [diag] = _diagnostics(proc.stdout)
    assert diag["code"] == "GZ001" and words in diag["message"]


def test_a_report_that_is_read_still_gets_its_findings(corpus):
    # the cases that are readable reports carry one deliberate error
    proc = _lint_capped("--format", "json", str(corpus / "text_utf16_no_bom.txt"))
    assert {d["code"] for d in _diagnostics(proc.stdout)} == {"GZ304"}

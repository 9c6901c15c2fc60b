"""``gzlint annotate``: a copy of a .docx report with one Word comment per
finding on the faulty cell or paragraph; the input is left unchanged."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from gzlint.cli import main
from gzlint.engine import run
from gzlint.testing.sample import sample_report

from . import writers

docx = pytest.importorskip("docx", reason="python-docx is a test extra")


def _defective(tmp_path: Path) -> Path:
    report = sample_report("2021").set_cell("applications", "total", "natural", "13").drop_section("六")
    heading, paras = report.sections["五"]
    report.sections["五"] = (heading, paras + ["下一步将于XX月前完善工作制度。"])
    return writers.write(report, "docx", tmp_path / "in", name="报告")


def _comments(path: Path) -> list[tuple[str, str]]:
    """(comment text, the text it is anchored on) for each comment."""
    document = docx.Document(str(path))
    anchored = _anchors(document)
    return [(c.text, anchored.get(c.comment_id, "")) for c in document.comments]


def _anchors(document) -> dict[int, str]:
    from docx.oxml.ns import qn

    out: dict[int, str] = {}
    for p in document.element.body.iter(qn("w:p")):
        for start in p.iter(qn("w:commentRangeStart")):
            out[int(start.get(qn("w:id")))] = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
    return out


def test_one_comment_per_finding_on_its_cell_or_paragraph(tmp_path):
    source = _defective(tmp_path)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    diagnostics = run([str(source)]).diagnostics
    assert {"GZ101", "GZ301", "GZ501"} <= {d.code for d in diagnostics}
    assert main(["annotate", str(source), "-o", str(tmp_path / "out")]) == 0
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    target = tmp_path / "out" / "报告.gzlint.docx"
    comments = _comments(target)
    assert len(comments) == len(diagnostics)
    by_code = {text.split("（")[0]: anchor for text, anchor in comments}
    # each identity on the cell its finding names first: 一 of 自然人 (H1), （七）总计 of 自然人 (H2), its 总计 (H3)
    assert (by_code["GZ301"], by_code["GZ302"], by_code["GZ303"]) == ("12", "13", "16")
    assert "XX" in by_code["GZ501"]
    assert all(d.message in text for d, (text, _) in zip(diagnostics, comments))
    # the annotated copy still reads as the same report
    assert sorted(d.code for d in run([str(target)]).diagnostics) == sorted(d.code for d in diagnostics)


def test_comments_survive_a_libreoffice_round_trip(tmp_path):
    binary = writers.soffice()
    if binary is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot check the round trip")
    source = _defective(tmp_path)
    assert main(["annotate", str(source)]) == 0
    annotated = source.with_name("报告.gzlint.docx")
    n = len(_comments(annotated))
    out = tmp_path / "lo"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([binary, "--headless", "--norestore", f"-env:UserInstallation={profile}",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(annotated)],
                   check=True, capture_output=True, timeout=240, env=dict(os.environ, HOME=str(tmp_path)))
    texts = [text for text, _ in _comments(out / annotated.name)]
    assert len(texts) == n and any(t.startswith("GZ301") for t in texts)


def test_refuses_what_it_cannot_annotate(tmp_path, capsys):
    text = tmp_path / "r.txt"
    text.write_text("x", encoding="utf-8")
    assert main(["annotate", str(text)]) == 2
    assert ".docx" in capsys.readouterr().err


def test_paragraphs_are_numbered_as_the_docx_reader_numbers_lines(tmp_path):
    from docx.oxml.ns import qn

    from gzlint.annotate import paragraph_elements
    from gzlint.document import Paragraph
    from gzlint.readers import read_file

    source = _defective(tmp_path)
    elements = list(paragraph_elements(docx.Document(str(source)).element.body))
    text = lambda p: "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()  # noqa: E731
    checked = 0
    for block in read_file(str(source)).blocks:
        items = [(block.line, block.text)] if isinstance(block, Paragraph) else [(c.line, c.text) for c in block.cells()]
        for line, read in items:
            if line is not None and text(elements[line - 1]):
                assert text(elements[line - 1]) in read, (line, read)
                checked += 1
    assert checked > 250  # every paragraph and cell of the sample

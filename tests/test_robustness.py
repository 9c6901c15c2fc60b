"""No input crashes gzlint: truncated, shuffled and garbled reports give
diagnostics, never an exception or an internal error."""

from __future__ import annotations

import random

import pytest

from gzlint.config import Settings
from gzlint.engine import build_report, lint_reports
from gzlint.testing.sample import render_text, sample_report

from .helpers import SEEDS


def _corpus() -> list[str]:
    texts = [render_text(sample_report("2019")), render_text(sample_report("2021"))]
    if SEEDS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return texts


def _mutations(text: str, rng: random.Random):
    lines = text.split("\n")
    yield text[: rng.randrange(len(text))]
    shuffled = lines[:]
    rng.shuffle(shuffled)
    yield "\n".join(shuffled)
    yield "\n".join(line for line in lines if rng.random() > 0.2)
    yield "\n".join(line.replace("\t", "") for line in lines)
    yield "\n".join("\t".join(lines[i : i + 3]) for i in range(0, len(lines), 3))
    yield "".join(ch if rng.random() > 0.05 else rng.choice("0\t\n—（）、一二三") for ch in text)


@pytest.mark.parametrize("seed", range(6))
def test_mutated_reports_never_crash(seed):
    rng = random.Random(seed)
    texts = _corpus()
    reports = []
    for text in texts:
        for i, mutated in enumerate(_mutations(text, rng)):
            reports.append(build_report(f"m{seed}-{i}.txt", mutated.encode("utf-8")))
    result = lint_reports(reports, Settings())
    assert result.errors == []


def test_random_bytes_never_crash():
    rng = random.Random(1)
    heads = [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF-1.4\n", b"<html>", b"{\\rtf1"]
    reports = [
        build_report(f"r{i}.bin", head + bytes(rng.randrange(256) for _ in range(rng.randrange(2000))))
        for i, head in enumerate(heads * 3)
    ]
    result = lint_reports(reports, Settings())
    assert result.errors == []
    assert all(d.code.startswith("GZ0") for d in result.diagnostics if d.path.startswith("r"))


def test_matcher_failure_is_an_internal_error_and_the_other_files_go_on(tmp_path, monkeypatch):
    import gzlint.engine as engine
    from gzlint.engine import run

    real_match = engine.match

    def flaky(doc, forms):
        if doc.path.endswith("boom.txt"):
            raise RuntimeError("matcher bug")
        return real_match(doc, forms)

    monkeypatch.setattr(engine, "match", flaky)
    bad = sample_report().set_cell("litigation", "review", "total", "3")
    bad.sections["四"] = (bad.sections["四"][0], [p.replace("2件", "3件") for p in bad.sections["四"][1]])
    (tmp_path / "boom.txt").write_text(render_text(sample_report()), encoding="utf-8")
    (tmp_path / "other.txt").write_text(render_text(bad), encoding="utf-8")
    result = run([tmp_path])
    assert len(result.errors) == 1 and "boom.txt" in result.errors[0] and "matcher bug" in result.errors[0]
    assert {(d.code, d.path.split("/")[-1]) for d in result.diagnostics} == {("GZ304", "other.txt")}

"""docs/examples/dask_corpus.py: the corpus linted with dask.bag finds what
``gzlint`` itself finds, cross-report rules included."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from gzlint.engine import run
from gzlint.testing.sample import render_text, sample_report

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "dask_corpus.py"


def test_dask_example_finds_what_gzlint_finds(tmp_path):
    pytest.importorskip("dask.bag", reason="dask is an optional extra (gzlint[dask])")
    spec = importlib.util.spec_from_file_location("dask_corpus", EXAMPLE)
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)

    then = sample_report("2021", year=2021, body="青山县桃源街道办事处")
    now = sample_report("2021", year=2022, body="青山县桃源街道办事处").set_cell("applications", "carried_in", "total", "7")
    other = sample_report("2021", body="青山县水利局").set_cell("applications", "total", "total", "99")
    for name, r in (("2021.txt", then), ("2022.txt", now), ("other.txt", other)):
        (tmp_path / name).write_text(render_text(r), encoding="utf-8")

    found = example.lint_corpus(tmp_path, scheduler="synchronous")
    expected = run([tmp_path], jobs=1).diagnostics
    assert [(d.path, d.line, d.code, d.message) for d in found] == [(d.path, d.line, d.code, d.message) for d in expected]
    assert {"GZ306", "GZ301"} <= {d.code for d in found}

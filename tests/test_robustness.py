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
    import gzlint.matcher as matcher
    from gzlint.engine import run

    real_match = matcher.match  # the engine imports it when it matches a file

    def flaky(doc, forms):
        if doc.path.endswith("boom.txt"):
            raise RuntimeError("matcher bug")
        return real_match(doc, forms)

    monkeypatch.setattr(matcher, "match", flaky)
    bad = sample_report().set_cell("litigation", "review", "total", "3")
    bad.sections["四"] = (bad.sections["四"][0], [p.replace("2件", "3件") for p in bad.sections["四"][1]])
    (tmp_path / "boom.txt").write_text(render_text(sample_report()), encoding="utf-8")
    (tmp_path / "other.txt").write_text(render_text(bad), encoding="utf-8")
    result = run([tmp_path])
    assert len(result.errors) == 1 and "boom.txt" in result.errors[0] and "matcher bug" in result.errors[0]
    assert {(d.code, d.path.split("/")[-1]) for d in result.diagnostics} == {("GZ304", "other.txt")}


# -- limits (gzlint.readers.limits) ------------------------------------------

import os
import re
import sys
import zlib
from decimal import Decimal

from gzlint.cli import main
from gzlint.document import ReadFailure
from gzlint.readers import limits
from gzlint.readers.grid import RawCell, make_table, place_rows
from gzlint.readers.limits import Limits
from gzlint.testing import hostile


def _read(name: str, data: bytes, **lowered):
    with limits.using(Limits(**lowered)):
        return build_report(name, data)


def test_spans_past_the_table_are_cut_before_they_are_expanded():
    rows = [[RawCell("甲", 0, 0, 100_000, 100_000), RawCell("乙", 0, 0)], [RawCell("丙", 0, 0)]]
    table = make_table(place_rows(rows))
    assert [[(c.text, c.rowspan, c.colspan) for c in row] for row in table.rows] == [[("甲", 2, 1), ("乙", 1, 1)], [("丙", 1, 1)]]


def test_a_table_beyond_the_limits_is_refused_with_the_key():
    cells = [RawCell(str(r), r, 0) for r in range(30)]
    with limits.using(Limits(table_rows=20)):
        with pytest.raises(ReadFailure, match="table-rows"):
            make_table(cells)
    with limits.using(Limits(table_cells=10)):
        with pytest.raises(ReadFailure, match="table-cells"):
            place_rows([[RawCell("x", 0, 0, 1, 50)]])
    assert len(make_table(cells).rows) == 30


def test_span_counting_is_linear():
    # 3000 rows each spanned by the cell before: the old _span counted every kept row per cell
    cells = [RawCell(str(r), r, 0, 2, 1) for r in range(0, 6000, 2)] + [RawCell("x", r, 1) for r in range(6000)]
    with limits.using(Limits(table_rows=10_000)):
        table = make_table(cells)
    assert len(table.rows) == 6000 and table.rows[0][0].rowspan == 2


def test_zip_members_are_counted_while_they_inflate_not_by_their_header():
    xml = hostile.body(hostile.para("年度报告") * 40_000)
    lying = hostile._lie_about_size(hostile.docx(xml), "word/document.xml", 100)
    report = _read("lie.docx", lying, member_mb=1)
    assert report.failure is not None and report.failure.code == "GZ001"
    report = _read("big.docx", hostile.docx(xml), member_mb=1)
    assert "member-mb" in report.failure.message
    report = _read("big.docx", hostile.docx(xml), archive_mb=1)
    assert "archive-mb" in report.failure.message
    assert _read("ok.docx", hostile.docx(xml)).failure is None


def test_pdf_streams_inflate_within_the_limit():
    pytest.importorskip("pdfplumber")
    bomb = hostile.pdf(hostile._deflate_zeros(3 * 1024 * 1024))
    report = _read("bomb.pdf", bomb, pdf_stream_mb=1)
    assert report.failure is not None and "pdf-stream-mb" in report.failure.message
    small = hostile.pdf(zlib.compress(b"BT /F1 12 Tf 72 720 Td (2021) Tj ET"))
    assert _read("one.pdf", small, pdf_pages=1, pdf_stream_mb=1).failure is None
    with limits.using(Limits(pdf_pages=1)):
        with pytest.raises(ReadFailure, match="pdf-pages"):
            limits.check_pages(2)


def test_spreadsheet_extent_is_checked_before_calamine():
    pytest.importorskip("python_calamine")
    report = build_report("far.xlsx", hostile._xlsx_far_cells())
    assert report.failure is not None and "table-rows" in report.failure.message
    # a merged range over the whole sheet is cut to the cells, not expanded
    report = build_report("merged.xlsx", hostile._xlsx_merged_everything())
    assert report.failure is None


def test_markup_nested_past_the_depth_limit():
    html = b"<html><body>" + b"<div>" * 400 + "深".encode() + b"</div>" * 400 + b"</body></html>"
    doc = hostile.docx(hostile.body("<w:sdt><w:sdtContent>" * 400 + hostile.para("深") + "</w:sdtContent></w:sdt>" * 400))
    assert "depth" in _read("deep.docx", doc).failure.message
    assert _read("deep.html", html).error is None


def test_only_regular_files_are_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        assert "FIFO" in build_report(str(fifo)).failure.message  # and did not wait for a writer
    if os.path.exists("/dev/zero"):
        assert "字符设备" in build_report("/dev/zero").failure.message
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (2 * 1024 * 1024))
    with limits.using(Limits(file_mb=1)):
        assert "file-mb" in build_report(str(big)).failure.message


def test_absurd_numbers_are_not_numbers_and_never_crash():
    from gzlint.form.values import format_number, parse_cell
    from gzlint.metadata.numerals import cn_to_int, parse_count

    digits = "9" * 100_000
    assert parse_cell(digits).status == "invalid"
    assert parse_count(digits) is None and cn_to_int("二" * 10_000) is None
    assert format_number(Decimal("1E+5000")) == "1" + "0" * 5000
    assert format_number(Decimal("12.0")) == "12" and format_number(Decimal("-0")) == "0"
    report = build_report("n.txt", hostile._huge_number_text())
    result = lint_reports([report], Settings())
    assert result.errors == [] and result.diagnostics


# -- configuration, baseline and output faults: one line, exit 2 ------------


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.startswith("gzlint: error:") and err.count("\n") == 1, err
    return err


@pytest.mark.parametrize("name, content", [
    ("gzlint.toml", b"tool = 5\n"),
    ("pyproject.toml", b"[tool]\ngzlint = 5\n"),
    ("gzlint.toml", "select = [\"GZ1\"]  # 注释\n".encode("gb18030")),
    ("gzlint.toml", b"[limits]\ntable-rows = -1\n"),
    ("gzlint.toml", b"[limits]\nrows = 10\n"),
    ("gzlint.toml", b"limits = 3\n"),
    ("gzlint.toml", b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
])
def test_configuration_faults(tmp_path, capsys, name, content):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "r.txt").write_text(render_text(sample_report()), encoding="utf-8")
    assert main([str(tmp_path / "r.txt")]) == 2
    _one_line_error(capsys)


def test_limits_from_the_configuration(tmp_path, capsys):
    (tmp_path / "gzlint.toml").write_text("[limits]\ntable-rows = 3\n", encoding="utf-8")
    (tmp_path / "r.html").write_bytes(hostile._html_rows(5))
    assert main([str(tmp_path / "r.html"), "--format", "concise"]) == 1
    assert "table-rows" in capsys.readouterr().out
    assert main([str(tmp_path / "r.html"), "--show-settings"]) == 0
    assert "table-rows = 3" in capsys.readouterr().out


@pytest.mark.parametrize("content", [
    b'{"tool": "gzlint", "version": 1, "diagnostics": [5, "x", null]}',
    b'{"tool": "gzlint", "version": 1, "diagnostics": [{"fingerprint": 7}]}',
    b"[" * 100_000 + b"]" * 100_000,
    b"\xff\xfe garbage",
])
def test_baseline_faults(tmp_path, capsys, content):
    (tmp_path / "r.txt").write_text(render_text(sample_report()), encoding="utf-8")
    (tmp_path / "base.json").write_bytes(content)
    assert main([str(tmp_path / "r.txt"), "--baseline", str(tmp_path / "base.json")]) == 2
    _one_line_error(capsys)


def test_never_write_over_an_input(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text(render_text(sample_report()), encoding="utf-8")
    before = report.read_bytes()
    os.symlink(report, tmp_path / "link.txt")
    for option in ("-o", "--write-baseline"):
        for target in (report, tmp_path / "link.txt"):
            assert main([str(tmp_path), option, str(target)]) == 2
            assert "不会覆盖" in _one_line_error(capsys)
    assert report.read_bytes() == before


def test_output_faults_leave_the_old_file_whole(tmp_path, capsys, monkeypatch):
    report = tmp_path / "r.txt"
    report.write_text(render_text(sample_report()), encoding="utf-8")
    assert main([str(report), "-o", str(tmp_path / "missing" / "out.txt")]) == 2
    _one_line_error(capsys)
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    assert main([str(report), "-o", str(out), "--format", "json"]) == 2
    assert "No space left" in _one_line_error(capsys)
    assert out.read_text(encoding="utf-8") == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "r.txt"]
    monkeypatch.undo()
    assert main([str(report), "-o", str(out), "--format", "json"]) == 0
    import json

    assert json.loads(out.read_text(encoding="utf-8"))  # the new report replaced the old one


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the file system must accept non-UTF-8 names")
@pytest.mark.parametrize("fmt", ["concise", "full", "json", "json-legacy", "json-lines", "sarif", "github", "junit",
                                 "html", "csv", "baseline"])
def test_file_names_that_are_not_utf8_survive_every_output(tmp_path, fmt):
    import subprocess

    name = os.fsdecode(b"bad\xff\xfename.txt")
    (tmp_path / name).write_text(render_text(sample_report().set_cell("litigation", "review", "total", "3")), encoding="utf-8")
    args = ["--write-baseline", str(tmp_path / "b.json")] if fmt == "baseline" else ["--format", fmt, "-o", str(tmp_path / "out")]
    proc = subprocess.run([sys.executable, "-m", "gzlint", str(tmp_path), *args], capture_output=True, text=True,
                          env=dict(os.environ, LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8"))
    assert "Traceback" not in proc.stderr and proc.returncode == (0 if fmt == "baseline" else 1), proc.stderr
    written = (tmp_path / ("b.json" if fmt == "baseline" else "out")).read_text(encoding="utf-8")
    assert re.search(r"bad(\\|%5C)+xff(\\|%5C)+xfename", written), written[:500]


def test_a_span_over_a_row_that_was_dropped_is_cut():
    # found by tests/test_properties.py: the second row's only cell lies under the first's span
    table = make_table([RawCell("甲", 0, 0, 2, 1), RawCell("乙", 1, 0)])
    assert [[(c.text, c.rowspan) for c in row] for row in table.rows] == [[("甲", 1)]]


def test_pdf_streams_count_towards_one_total():
    pytest.importorskip("pdfplumber")
    # two pages' worth of content in one 3 MB stream: under pdf-stream-mb, over archive-mb
    bomb = hostile.pdf(hostile._deflate_zeros(3 * 1024 * 1024))
    report = _read("total.pdf", bomb, pdf_stream_mb=8, archive_mb=2)
    assert report.failure is not None and "archive-mb" in report.failure.message


def test_the_readme_lists_the_limits_as_they_are():
    from dataclasses import asdict

    from gzlint.packs import toml_reader

    from .helpers import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("[tool.gzlint.limits]\n", 1)[1].split("```", 1)[0]
    documented = toml_reader().loads(block)
    assert documented == {k.replace("_", "-"): v for k, v in asdict(Limits()).items()}

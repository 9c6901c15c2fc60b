"""The harness's own logic (matching, counts, pending, the diff), on generated
reports, so that tests/test_real_reports.py can be trusted when it passes."""

from __future__ import annotations

import re

import pytest

from gzlint.diagnostics import Diagnostic, Severity
from gzlint.engine import lint_text
from gzlint.testing.sample import render_text, sample_report

from . import harness
from .harness import (
    Entry, ExpectationError, Expectations, compare, format_comparison, normalise, parse_expectations,
)


def _broken_total():
    """Diagnostics of a generated 2021 report whose 表三 （七）总计 总计 is wrong."""
    found = lint_text(render_text(sample_report("2021").set_cell("applications", "total", "total", "99")))
    assert found, "the generated report must give findings for the harness to match"
    return found


def _entry_for(d: Diagnostic, **overrides) -> Entry:
    where = {k: getattr(d, k) for k in harness.LOCATION_FIELDS if getattr(d, k)}
    where.update(overrides)
    return Entry(code=d.code, reason="generated", where=where)


def _diag(code: str, row: str | None = None, column: str | None = None, message: str = "m") -> Diagnostic:
    return Diagnostic(path="x.txt", code=code, severity=Severity.WARNING, message=message, table="表三", row=row, column=column)


def test_normalise_brackets_digits_and_spaces():
    assert normalise("（七）总计") == normalise("(七) 总计") == normalise("（七）\u3000总 计")
    assert normalise("第二十条第（一）项") == normalise("第二十条第(一)项")
    assert normalise("１.属于国家秘密") == normalise("1.属于国家秘密")
    assert normalise("（七）总计") != normalise("（六）其他处理")
    assert normalise(None) is None


def test_exact_expectations_of_a_generated_report_pass():
    found = _broken_total()
    result = compare(Expectations("gen/bad.txt", expect=[_entry_for(d) for d in found]), found)
    assert result.ok, format_comparison(result)
    assert len(result.matched) == len(found)


def test_a_finding_nobody_expects_fails_with_its_message_and_line():
    found = _broken_total()
    left_out = found[0]
    result = compare(Expectations("gen/bad.txt", expect=[_entry_for(d) for d in found[1:]]), found)
    assert not result.ok and result.unexpected == [left_out]
    text = format_comparison(result)
    assert "UNEXPECTED (1)" in text and left_out.message in text and f"line {left_out.line}" in text


def test_an_expected_finding_gzlint_misses_fails_with_its_reason():
    found = _broken_total()
    ghost = Entry(code="GZ304", reason="复议 总计 3 but 1+1 = 2", where={"table": "表四"})
    result = compare(Expectations("gen/bad.txt", expect=[_entry_for(d) for d in found] + [ghost]), found)
    assert not result.ok and result.missing == [(ghost, 1)]
    assert "MISSING (1)" in format_comparison(result) and "复议 总计 3 but 1+1 = 2" in format_comparison(result)


def test_location_fields_must_agree_but_brackets_and_spaces_do_not_matter():
    found = _broken_total()
    target = next(d for d in found if d.row)
    loose = re.sub("）", ")", re.sub("（", "(", target.row)) + " "
    assert compare(Expectations("r", expect=[_entry_for(target, row=loose)]), [target]).ok
    wrong = compare(Expectations("r", expect=[_entry_for(target, row="一、本年新收政府信息公开申请数量")]), [target])
    assert wrong.unexpected == [target] and wrong.missing


def test_count_is_exact():
    two = [_diag("GZ201", row="（六）其他处理", column=c) for c in ("自然人", "其他")]
    assert compare(Expectations("r", expect=[Entry("GZ201", "blank", count=2, where={"row": "(六)其他处理"})]), two).ok
    more = compare(Expectations("r", expect=[Entry("GZ201", "blank", count=3, where={"row": "(六)其他处理"})]), two)
    assert more.missing[0][1] == 1 and "missing 1 of 3" in format_comparison(more)
    fewer = compare(Expectations("r", expect=[Entry("GZ201", "blank", count=1, where={"row": "(六)其他处理"})]), two)
    assert len(fewer.unexpected) == 1


def test_precise_entries_choose_before_broad_ones():
    a, b = _diag("GZ201", row="（六）其他处理"), _diag("GZ201", row="（七）总计")
    entries = [Entry("GZ201", "any row"), Entry("GZ201", "this row", where={"row": "（六）其他处理"})]
    for found in ([a, b], [b, a]):
        assert compare(Expectations("r", expect=entries), found).ok


def test_pending_false_finding_holds_then_must_be_removed_once_fixed():
    found = _broken_total()
    pending = [Entry(found[0].code, "known false", kind="false", where={"table": found[0].table})]
    rest = [_entry_for(d) for d in found[1:]]
    holding = compare(Expectations("r", expect=rest, pending=pending), found)
    assert holding.ok and holding.pending_holding
    assert "pending (known deviations" in format_comparison(holding)
    fixed = compare(Expectations("r", expect=rest, pending=pending), found[1:])
    assert not fixed.ok and "PENDING NO LONGER HOLDS" in format_comparison(fixed)


def test_pending_miss_holds_then_must_become_an_expectation_once_found():
    found = _broken_total()
    miss = [Entry(found[0].code, "not implemented yet", kind="missed")]
    rest = [_entry_for(d) for d in found[1:]]
    assert compare(Expectations("r", expect=rest, pending=miss), found[1:]).ok
    now_found = compare(Expectations("r", expect=rest, pending=miss), found)
    assert not now_found.ok and now_found.pending_fixed and found[0].message in format_comparison(now_found)


def test_expectation_files_are_checked_for_their_format():
    ok = parse_expectations('report = "html/a.html"\n[[expect]]\ncode = "GZ302"\nrow = "（七）总计"\nreason = "r"\ncount = 2\n')
    assert ok.expect[0].where == {"row": "（七）总计"} and ok.expect[0].count == 2
    for bad in (
        '[[expect]]\ncode = "GZ302"\nreason = "r"\n',  # no report
        'report = "a"\n[[expect]]\ncode = "GZ302"\n',  # no reason
        'report = "a"\n[[expect]]\ncode = "GZ302"\nreason = "r"\nrows = "x"\n',  # unknown key
        'report = "a"\n[[expect]]\ncode = "GZ302"\nreason = "r"\ncount = 0\n',
        'report = "a"\n[[pending]]\ncode = "GZ509"\nreason = "r"\n',  # pending without kind
        'report = "a"\n[[expect]]\ncode = "GZ509"\nreason = "r"\nkind = "missed"\n',
    ):
        with pytest.raises(ExpectationError):
            parse_expectations(bad)


def test_one_run_per_folder_and_findings_by_file(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(render_text(sample_report("2021")), encoding="utf-8")
    (tmp_path / "bad.txt").write_text(
        render_text(sample_report("2021").set_cell("applications", "total", "total", "99")), encoding="utf-8")
    monkeypatch.setattr(harness, "FOLDERS", {"gen": tmp_path})
    harness.lint_folder.cache_clear()
    try:
        assert harness.findings_for("gen/good.txt") == ()
        assert {d.code for d in harness.findings_for("gen/bad.txt")} == {d.code for d in _broken_total()}
    finally:
        harness.lint_folder.cache_clear()


def test_committed_expectation_files_name_their_own_report():
    files = sorted(harness.EXPECTED.glob("*/*.toml"))
    assert files, "tests/real/expected holds the reviewed expectations"
    for path in files:
        exp = harness.load_expectations(path)
        folder, name = exp.report.split("/", 1)
        assert folder == path.parent.name and name.rsplit(".", 1)[0] == path.stem, path
        assert folder in harness.FOLDERS, path
        for entry in exp.expect + exp.pending:
            assert re.fullmatch(r"GZ\d{3}", entry.code), (path, entry)


def test_internal_errors_fail_the_file_they_name_or_every_file(monkeypatch):
    run = harness.FolderRun(
        {"a.txt": (), "b.txt": ()},
        ("internal error in rule GZ301 on /x/gen/a.txt:\nTraceback", "internal error in rule GZ306:\nTraceback"),
    )
    monkeypatch.setattr(harness, "lint_folder", lambda folder: run)
    assert len(harness.errors_for("gen/a.txt")) == 2
    assert harness.errors_for("gen/b.txt") == ["internal error in rule GZ306:\nTraceback"]

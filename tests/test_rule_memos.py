"""Issue 11, the rules' per-report cost: what the rules now compute once per
report (or per form) gives exactly what computing it where it is used gives."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from gzlint import packs
from gzlint.engine import build_report
from gzlint.matcher import roles
from gzlint.matcher.identities import identity_results, results_with
from gzlint.matcher.roles import role_place
from gzlint.metadata import counts as q
from gzlint.metadata import report_meta
from gzlint.metadata.dates import find_dates
from gzlint.text import nfkc
from gzlint.rules.cells import _cells
from gzlint.rules.requirements import section_requirements
from gzlint.rules.statements import LITIGATION_SECTION, prose_counts
from gzlint.testing.sample import render_text, sample_report


def matched(tmp_path, fmt: str = "2021", change=None):
    report = sample_report(fmt)
    if change:
        change(report)
    path = tmp_path / f"report{fmt}.txt"
    path.write_text(render_text(report), encoding="utf-8")
    return build_report(str(path))


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_roles_memo_gives_what_the_form_says(tmp_path, fmt):
    report = matched(tmp_path, fmt)
    names = [name for name, _ in report.form.table_roles]
    names += [f"{t}.{r}" for t, tr in report.form.table_roles for r, _ in (*tr.rows, *tr.columns)]
    names += ["applications.new.total", "no.such.role", "applications.no_such_row"]
    for name in names * 2:  # the second time from the memo
        assert role_place(report, name) == report.form.role(name)


def test_roles_memo_keeps_forms_apart(tmp_path):
    a, b = matched(tmp_path, "2019"), matched(tmp_path, "2021")
    for report in (a, b, a):
        assert role_place(report, "active.in_force") == report.form.role("active.in_force")
    assert role_place(a, "active.in_force") is None and role_place(b, "active.in_force") is not None
    roles._places.clear()  # a memo that starts afresh still answers
    assert role_place(b, "applications.new") == b.form.role("applications.new")


def test_cells_are_read_by_column_id(tmp_path):
    report = matched(tmp_path)
    for table in report.tables.values():
        ids = [c.id for c in table.spec.columns]
        for row in table.rows.values():
            for col in table.spec.columns:
                assert table.cell(row.spec.id, col.id) is row.cells[ids.index(col.id)]


def test_identity_sums_and_index_agree_with_the_terms(tmp_path):
    def change(r):
        r.set_cell("applications", "new", "total", "17")
        r.blank_cell("applications", "disclosed", "natural")

    report = matched(tmp_path, change=change)
    results = identity_results(report)
    assert not all(r.holds for r in results)
    for r in results:
        assert r.left_sum == sum((t.cell.as_number() for t in r.left), 0)
        assert r.right_sum == sum((t.cell.as_number() for t in r.right), 0)
    cells = [v for table in report.tables.values() for _, _, v in table.cells()]
    for cell in cells:
        scanned = [(r, next(t for t in r.terms() if t.cell is cell)) for r in results
                   if any(t.cell is cell for t in r.terms())]
        assert results_with(report, cell) == scanned


def test_cells_by_status_keep_the_table_order(tmp_path):
    report = matched(tmp_path, change=lambda r: r.blank_cell("applications", "disclosed", "natural"))
    by_status = _cells(report)
    every = [(table, row, col, v) for table in report.tables.values() for row, col, v in table.cells()]
    for status, listed in by_status.items():
        assert listed == [c for c in every if c[3].status == status]
    assert [c[3] for c in by_status["blank"]] == [report.tables["applications"].cell("disclosed", "natural")]


def test_prose_counts_are_those_of_each_paragraph(tmp_path):
    def change(r):
        r.sections["一"][1].append("本年度共收到政府信息公开申请16件，办结14件，结转下年度继续办理2件。")
        r.sections["四"][1].append("本年度发生行政复议2件，未发生行政诉讼。")

    report = matched(tmp_path, change=change)
    year = report_meta(report).year
    four = report.form.section_role(LITIGATION_SECTION.removeprefix("section."))
    direct = []
    for t in report.prose():
        sec = report.section_of(t.index)
        found = q.find_counts(t.text, year, litigation_section=sec is not None and sec.spec.number == four.number)
        if found:
            direct.append((t, found))
    assert prose_counts(report) == direct
    said = {(s.quantity, s.number, s.negated) for _, found in direct for s in found}
    assert {(q.RECEIVED, 16, False), (q.REVIEW, 2, False), (q.SUITS, 0, True)} <= said


@pytest.mark.parametrize("text, date", [
    ("二〇二一\uf98e一月一日", dt.date(2021, 1, 1)),   # a compatibility ideograph NFKC makes 年
    ("２０２１年１月１日", dt.date(2021, 1, 1)),         # full-width digits
    ("自２０２１．１．５起", dt.date(2021, 1, 5)),       # full-width digits and separators, no 年
])
def test_dates_written_in_compatibility_characters_are_read(text, date):
    assert [d.date for d in find_dates(text)] == [date]


@pytest.mark.parametrize("text", ["（一）主动公开：通过门户网站公开信息。", "Ｗｅｂ　ｓｉｔｅ，ｎｏ　ｄａｔｅ", ""])
def test_paragraphs_without_a_date(text):
    assert find_dates(text) == []



def test_pack_requirements_follow_the_packs(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "requirements.toml").write_text('[[section]]\nrole = "section.overview"\nmax-chars = 10\n', encoding="utf-8")
    before = section_requirements()
    packs.use_local_packs([pack])
    try:
        assert section_requirements()[len(before):] == [{"role": "section.overview", "max-chars": 10, "source": "pack"}]
    finally:
        packs.use_local_packs([])
    assert section_requirements() == before


@pytest.mark.parametrize("text", [
    "（二）依申请公开：本年共收到申请１６件，ＡＢＣ　ｄｅｆ。", "Ａ\u0301２０２１年", "①㋀\uf98e", "ｶﾞ２０２１．１．５", "plain ascii 2021-1-5", "",
])
def test_quick_nfkc_is_nfkc(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_rules_kept_per_form_still_ask_the_rules_that_decide_for_themselves(tmp_path):
    """The engine keeps which report rules apply per (form, recognised); the
    rules that override applies_to (GZ001, GZ004) are still asked per report:
    a notice in .txt is GZ004, the same notice in Markdown is not."""
    import pickle

    from gzlint.config import Settings
    from gzlint.engine import Linter

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    notice = "关于开展政务公开培训的通知\n各单位：\n定于下周举行培训，请准时参加。\n"
    (tmp_path / "notice.txt").write_text(notice, encoding="utf-8")
    (tmp_path / "notice.md").write_text(notice, encoding="utf-8")
    linter = Linter(Settings())
    reports = [build_report(str(tmp_path / name)) for name in ("empty.txt", "notice.txt", "notice.md")]
    reports.append(matched(tmp_path))
    assert reports[1].form is reports[2].form and not reports[1].recognised and not reports[2].recognised
    for report in reports * 2:  # the second time from the memo
        expected = [type(rule).__name__ for rule in linter.report_rules if rule.applies_to(report)]
        assert [type(rule).__name__ for rule in linter._rules_for(report)] == expected
    found = [{d.code for d in linter.lint_report(r).diagnostics} for r in reports]
    assert found == [{"GZ001"}, {"GZ004"}, set(), set()]
    # a copy for a spawned worker keeps no ids of this process's objects
    assert pickle.loads(pickle.dumps(linter))._by_form == {}


@pytest.mark.parametrize("text", ["", "一二三", "本年共收到申请１６件，ＡＢＣ　ｄｅｆ。２０２１年℃⑴", "Ａ\u0301 plain ascii 2021 text"])
def test_signature_is_the_crc_of_each_normalised_gram(text):
    """text_signature's quick NFKC and map() give the plain reading's hashes."""
    import re
    import zlib

    from gzlint.reportfacts import SHINGLE, text_signature

    plain = re.sub(r"\d", "0", re.sub(r"[\s\W_]+", "", unicodedata.normalize("NFKC", text)))
    grams = {plain[i:i + SHINGLE] for i in range(len(plain) - SHINGLE + 1)}
    assert list(text_signature(text)) == sorted({zlib.crc32(g.encode("utf-8")) for g in grams})


def test_period_read_from_the_dates_already_found(tmp_path):
    """report_meta reads the period from the paragraphs' dates it already found:
    the period first_period finds afresh, wrapped over two lines or not."""
    from gzlint.metadata.period import first_period

    for change in (None, lambda r: setattr(r, "title", r.title.replace("2021年", ""))):
        report = matched(tmp_path, change=change)
        prose = [t for t in report.prose() if not t.blank]
        fresh = first_period((t.text, t.line) for t in prose if t.kind == "para")
        assert fresh is not None and report_meta(report).period == fresh
    wrapped = [("本年度统计期限为 2025", 3), ("年 1 月 1 日至 12 月 31 日。", 4)]
    seen = {p: find_dates(*p) for p in wrapped}
    assert first_period(wrapped, lambda text, line: seen[text, line]) == first_period(wrapped)
    assert first_period(wrapped).year == 2025


@pytest.mark.parametrize("parts", [
    [("carried_in", None), ("carried_out", None)], [(None, "total")], [("new", "total"), ("carried_in", None)],
    [(None, "total"), ("new", "natural")], [(None, None)], [("no_such_row", None)],
])
def test_summary_keeps_the_cells_the_roles_name(tmp_path, parts):
    """The run facts keep a table's cells by reading only the rows the roles name
    where no column is named: the cells, in order, a filter of every cell keeps."""
    from gzlint.reportfacts import _named_cells

    table = matched(tmp_path).tables["applications"]
    every = {(r.id, c.id): v for r, c, v in table.cells()
             if any((row is None or row == r.id) and (col is None or col == c.id) for row, col in parts)}
    kept = _named_cells(table, parts)
    assert list(kept.items()) == list(every.items())
    assert kept or parts == [("no_such_row", None)]


def test_prose_is_every_token_outside_the_table_spans():
    """Report.prose() slices the runs between the spans: the tokens a lookup of
    each token's index keeps, with spans that nest, overlap, touch or are empty."""
    import random

    from gzlint.matcher.model import Report
    from gzlint.matcher.stream import Token

    rng = random.Random(11)
    for _ in range(300):
        n = rng.randrange(0, 30)
        report = Report(path="x.txt", tokens=[Token(i, "", "", i + 1, "para") for i in range(n)])
        report.table_spans = sorted((s, s + rng.randrange(0, 8)) for s in (rng.randrange(0, n + 3) for _ in range(rng.randrange(0, 5))))
        expected = [t for t in report.tokens if not any(s <= t.index < e for s, e in report.table_spans)]
        assert report.prose() == expected

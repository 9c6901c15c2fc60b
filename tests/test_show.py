"""``gzlint show``: the facts it prints are the ones gzlint read.

Generated reports (rendered by tests/writers.py from the sample data) check
that every cell and label of the form comes through; the real reports in
../shared/real check facts read by hand (../shared/real/README.md) that
gzlint reads right today. Those skip with the reason where the folder is absent.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gzlint.cli import main
from gzlint.form.values import format_number, parse_cell
from gzlint.testing.sample import SampleReport, render_text, sample_report

from . import writers

REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "real"


def show_json(capsys, *paths, expect: int = 0) -> list[dict]:
    assert main(["show", "--format", "json", *map(str, paths)]) == expect
    out = json.loads(capsys.readouterr().out)
    assert out["schema"] == 1
    return out["files"]


def show_text(capsys, *paths, expect: int = 0) -> str:
    assert main(["show", *map(str, paths)]) == expect
    return capsys.readouterr().out


# -- generated reports -------------------------------------------------------------

def _edited() -> SampleReport:
    """A sample with a blank cell, a text cell and a row the form does not have."""
    report = sample_report("2021")
    report.blank_cell("applications", "disclosed", "business")
    report.set_cell("active.6", "penalty", "decisions", "无")
    # 行政强制 written as an unknown label: an extra row, and 行政强制 not found
    report.row_labels[("active.6", "enforcement")] = "其他执法事项"
    return report


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("show")
    files = {fmt: writers.write(_edited(), fmt, folder / fmt) for fmt in ("txt", "html", "docx")}
    if writers.soffice() is not None:
        files["pdf"] = writers.write_converted({"report": _edited()}, "pdf", folder / "pdf")["report"]
    return files


def _file(rendered: dict[str, Path], fmt: str) -> Path:
    if fmt not in rendered:
        pytest.skip(f"LibreOffice (soffice) is not installed: cannot render the .{fmt} fixture")
    return rendered[fmt]


def _expected_cells(report: SampleReport):
    """(table id, row id, column id, text) of every cell the sample wrote under a form label."""
    for spec in report.form.tables:
        for row in report.data_rows(spec):
            if (spec.id, row.id) in report.row_labels:
                continue
            for col, text in zip(spec.columns, report.cells[spec.id][row.id]):
                yield spec.id, row.id, col.id, text


@pytest.mark.parametrize("fmt", ["txt", "html", "docx", "pdf"])
def test_every_cell_and_label_comes_through(rendered, fmt, capsys):
    path = _file(rendered, fmt)
    report = _edited()
    [facts] = show_json(capsys, path)
    assert facts["readable"] and facts["recognised"]
    assert facts["source"]["kind"] == fmt
    assert facts["form"]["version"] == "2021" and facts["form"]["evidence"]["2021"]
    assert facts["title"]["text"] == report.title
    assert (facts["year"]["value"], facts["year"]["source"], facts["year"]["title"]) == (report.year, "title", report.year)
    assert facts["body"]["name"] == report.body and facts["body"]["kind"] == "部门"
    assert facts["period"]["start"]["date"] == f"{report.year}-01-01" and facts["period"]["end"]["date"] == f"{report.year}-12-31"
    assert facts["signed"]["date"] == f"{report.year + 1}-01-20"
    assert [(s["number"], s["found"]) for s in facts["sections"]] == [(n, True) for n in "一二三四五六"]
    assert [s["title"] for s in facts["sections"]] == [h.split("、", 1)[1] for h, _ in report.sections.values()]

    tables = {t["id"]: t for t in facts["tables"]}
    assert set(tables) == {t.id for t in report.form.tables} and all(t["found"] for t in tables.values())
    for spec in report.form.tables:
        assert [c["label"] for c in tables[spec.id]["columns"]] == [c.label.text for c in spec.columns]
    cells = {(t["id"], r["id"], c["column"]): c for t in tables.values() for r in t["rows"] for c in r["cells"]}
    for tid, rid, cid, text in _expected_cells(report):
        got, want = cells[(tid, rid, cid)], parse_cell(text)
        assert got["status"] == want.status, (fmt, tid, rid, cid)
        if want.number is not None:
            assert got["value"] == format_number(want.number), (fmt, tid, rid, cid)
        assert got["line"] is not None or got["source"] is not None or fmt in ("docx", "pdf")
    # every data row found, under its form label, as the report wrote it
    for spec in report.form.tables:
        rows = {r["id"]: r for r in tables[spec.id]["rows"]}
        for row in report.data_rows(spec):
            if (spec.id, row.id) in report.row_labels:
                continue
            assert rows[row.id]["label"] == row.label.text
            if spec.locate != "header":  # 四's rows are read from its header, not a row label
                assert "".join(rows[row.id]["written"].split()) == "".join(row.label.text.split()), (fmt, spec.id, row.id)
    # the blank and the text cell are told apart from numbers
    assert cells[("applications", "disclosed", "business")]["status"] == "blank"
    text_cell = cells[("active.6", "penalty", "decisions")]
    assert text_cell["status"] == "invalid" and text_cell["text"].strip() == "无" and text_cell["value"] is None
    # the renamed row: an extra row with its value, and the form row not found
    active6 = tables["active.6"]
    assert [(r["text"], [v["text"] for v in r["values"]]) for r in active6["extra_rows"]] == [("其他执法事项", ["3"])]
    assert active6["missing_rows"] == [{"id": "enforcement", "label": "行政强制"}]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_terminal_grid_shows_labels_values_and_markers(rendered, fmt, capsys):
    out = show_text(capsys, _file(rendered, fmt))
    report = _edited()
    for line in ("来源", "格式", "标题", "主体", "年度", "统计期限", "章节"):
        assert line in out
    assert report.title in out and "2021年版" in out
    for spec in report.form.tables:
        assert spec.title in out
        for col in spec.columns:
            assert col.label.text in out
    for row in ("规章", "行政规范性文件", "行政许可", "行政处罚", "自然人"):
        assert row in out
    assert "(空)" in out and "「无」" in out
    assert "表格没有的行" in out and "其他执法事项" in out
    assert "未找到的行 行政强制" in out
    if fmt == "txt":  # text has lines; every value shows the line it came from
        assert f"L{_line_of(rendered['txt'], '无')}" in out and f"第 {_line_of(rendered['txt'], '其他执法事项')} 行" in out


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.strip() == text)


def test_missing_cell_and_missing_section(tmp_path, capsys):
    report = sample_report("2021").drop_section("五")
    report.cells["active.1"]["normative"] = ["3", "1"]  # a short row: the third cell is not there
    path = tmp_path / "short.txt"
    path.write_text(render_text(report), encoding="utf-8")
    [facts] = show_json(capsys, path)
    row = next(r for t in facts["tables"] if t["id"] == "active.1" for r in t["rows"] if r["id"] == "normative")
    assert [c["status"] for c in row["cells"]] == ["number", "number", "missing"] and row["values_found"] == 2
    assert [s["number"] for s in facts["sections"] if not s["found"]] == ["五"]
    out = show_text(capsys, path)
    assert "(缺)" in out and "缺失" in out and "存在的主要问题及改进情况" in out


# -- files that cannot be read, exit status ------------------------------------------

def test_unreadable_file_exits_1_as_check_does(tmp_path, capsys):
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    [facts] = show_json(capsys, empty, expect=1)
    assert facts["readable"] is False and facts["failure"]["code"] == "GZ001"
    out = show_text(capsys, empty, expect=1)
    assert "无法读取" in out and "GZ001" in out
    assert main([str(empty)]) == 1  # gzlint check agrees
    capsys.readouterr()


def test_several_files_and_usage_errors(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(render_text(sample_report("2019")), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    files = show_json(capsys, good, empty, expect=1)
    assert [Path(f["path"]).name for f in files] == ["good.txt", "empty.txt"]
    assert files[0]["form"]["version"] == "2019"
    assert main(["show", str(tmp_path / "nope.txt")]) == 2
    assert "文件或文件夹不存在" in capsys.readouterr().err
    assert main(["show"]) == 2  # a file is required
    capsys.readouterr()


def test_rich_is_not_imported_unless_drawing(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(render_text(sample_report("2021")), encoding="utf-8")
    code = ("import sys, io, contextlib\nfrom gzlint.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['show', '--format', 'json', {str(good)!r}]); main(['rules'])\n"
            "print('rich' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_render_functions_take_any_stream(tmp_path):
    """The drawing and JSON functions write where they are told (an API for tools)."""
    from gzlint.engine import build_report
    from gzlint.show import collect, render_json, render_terminal

    path = tmp_path / "r.txt"
    path.write_text(render_text(sample_report("2021")), encoding="utf-8")
    facts = [collect(build_report(str(path)))]
    text, data = io.StringIO(), io.StringIO()
    render_terminal(facts, text)
    render_json(facts, data)
    assert "表三" in text.getvalue() and json.loads(data.getvalue())["files"] == facts


# -- real reports (facts from ../shared/real/README.md) ---------------------------------

def _real(name: str) -> Path:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the real reports live outside the repository (../shared/real)")
    return path


def _values(facts: dict, table: str, row: str) -> list[str | None]:
    t = next(t for t in facts["tables"] if t["id"] == table)
    assert t["found"], table
    r = next(r for r in t["rows"] if r["id"] == row)
    return [c["value"] if c["status"] == "number" else c["status"] for c in r["cells"]]


def test_real_html(capsys):
    [facts] = show_json(capsys, _real("html/pingtan_2021.html"))
    assert facts["source"]["kind"] == "html"
    assert facts["form"]["version"] == "2021" and facts["year"]["value"] == 2021
    # the title is in the page's <title>
    assert "平潭综合实验区2021年度政府信息公开工作年度报告" in facts["source"]["metadata"]["title"]
    assert facts["year"]["metadata"] == 2021
    assert all(s["found"] for s in facts["sections"])
    assert _values(facts, "applications", "new")[-1] == "70"
    assert _values(facts, "applications", "total")[-1] == "69"
    assert _values(facts, "applications", "carried_out")[-1] == "1"
    assert _values(facts, "litigation", "review") == ["1", "0", "2", "0", "3"]
    assert _values(facts, "litigation", "direct") == ["12", "0", "0", "0", "12"]


def test_real_text(capsys):
    [facts] = show_json(capsys, _real("text/shanghai_office_2019.txt"))
    assert facts["source"]["kind"] == "txt" and facts["source"]["encoding"] == "utf-8"
    assert facts["title"]["text"] == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert facts["year"]["value"] == 2019 and facts["year"]["source"] == "title"
    assert facts["form"]["version"] == "2019"
    # empty cells are blanks, not 0
    assert _values(facts, "applications", "new") == ["821", "35", "blank", "blank", "2", "1", "859"]
    assert _values(facts, "applications", "total") == ["767", "35", "blank", "blank", "2", "1", "805"]
    assert _values(facts, "applications", "disclosed")[-1] == "blank"
    procurement = next(t for t in facts["tables"] if t["id"] == "active.9")["rows"][0]["cells"][1]
    assert procurement["text"].strip() == "251000元" and procurement["unit"] == "元"


def test_real_markdown(capsys):
    [facts] = show_json(capsys, _real("text/shanghai_office_2025_converted.md"))
    assert facts["form"]["version"] == "2021" and facts["year"]["value"] == 2025
    # the conversion lost the 五 heading
    assert not next(s for s in facts["sections"] if s["number"] == "五")["found"]


def test_real_pdf(capsys):
    [facts] = show_json(capsys, _real("pdf/huaian_city_2024.pdf"))
    assert facts["source"]["kind"] == "pdf"
    title = "".join((facts["title"]["text"] or "").split())
    assert title == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert facts["year"]["value"] == 2024 and facts["form"]["version"] == "2021"
    assert _values(facts, "applications", "new") == ["3001", "53", "0", "0", "61", "4", "3119"]
    assert _values(facts, "litigation", "review") == ["72", "64", "178", "37", "351"]
    assert _values(facts, "litigation", "direct") == ["13", "4", "8", "1", "26"]
    assert _values(facts, "litigation", "after_review") == ["12", "1", "1", "6", "20"]


def test_cell_source_is_shown_where_the_reader_knows_it():
    """A cell the reader placed by (table, row, column) says so; else its line."""
    from gzlint.show import cell_facts, cell_text, where

    placed = parse_cell("03", 7)
    placed.source = (2, 5, 3)  # what the grid matcher records (CellValue.source)
    facts = cell_facts(placed)
    assert facts["source"] == [2, 5, 3] and facts["value"] == "3" and facts["oddities"] == ["leading-zero"]
    assert where(facts) == "表2 行5 列3" and cell_text(facts) == "3 「03」"
    plain = cell_facts(parse_cell("12万元", 9))
    assert where(plain) == "L9" and cell_text(plain) == "12万元" and plain["unit"] == "万元"
    assert cell_text(cell_facts(parse_cell(None))) == "(缺)" and cell_text(cell_facts(parse_cell("\u3000"))) == "(空)"


def test_body_kind_from_configuration(tmp_path, capsys):
    """show resolves settings as check does: a body-kind entry wins over the name."""
    path = tmp_path / "r.txt"
    path.write_text(render_text(sample_report("2021", body="青山县人民政府")), encoding="utf-8")
    [facts] = show_json(capsys, path)
    assert (facts["body"]["kind"], facts["body"]["kind_source"]) == ("人民政府", "name")
    (tmp_path / "gzlint.toml").write_text('[body-kind]\n"r.txt" = "部门"\n', encoding="utf-8")
    [facts] = show_json(capsys, path)
    assert (facts["body"]["kind"], facts["body"]["kind_source"]) == ("部门", "config")


def test_internal_error_exits_2(tmp_path, capsys, monkeypatch):
    import gzlint.matcher

    def broken(doc, forms):
        raise RuntimeError("matcher bug")

    monkeypatch.setattr(gzlint.matcher, "match", broken)  # the engine imports it when it matches a file
    path = tmp_path / "r.txt"
    path.write_text(render_text(sample_report("2021")), encoding="utf-8")
    [facts] = show_json(capsys, path, expect=2)
    assert "matcher bug" in facts["error"] and "tables" not in facts
    assert "内部错误" in show_text(capsys, path, expect=2)

"""The run summary: ``--format json`` (object with the diagnostics first),
``json-legacy`` (the bare array), and the per-file CSV/XLSX summaries."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from gzlint.cli import main


def _json(capsys, *argv) -> dict:
    main([*map(str, argv), "--format", "json"])
    return json.loads(capsys.readouterr().out)


def test_json_object_lists_every_file_with_what_was_read(sample_files, tmp_path, capsys):
    good, bad = sample_files
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04broken")
    notes = tmp_path / "notes.txt"
    notes.write_text("2021年，督促各片区管理局做好工作。\n会议纪要。\n", encoding="utf-8")
    data = _json(capsys, good, bad, broken, notes)
    first_list = next(k for k, v in data.items() if isinstance(v, list))
    assert first_list == "diagnostics"
    for d in data["diagnostics"]:
        assert {"path", "code", "severity", "message", "line", "section", "table", "row", "column"} <= set(d)
    files = {f["path"].rsplit("/", 1)[-1]: f for f in data["files"]}
    assert set(files) == {"good.txt", "bad.txt", "broken.docx", "notes.txt"}
    # not a report (GZ004): nothing guessed is said
    assert files["notes.txt"]["codes"] == ["GZ004"] and files["notes.txt"]["kind"] == "txt"
    assert (files["notes.txt"]["body"], files["notes.txt"]["year"], files["notes.txt"]["form_version"]) == (None, None, None)
    assert files["good.txt"]["clean"] and files["good.txt"]["counts"] == {"error": 0, "warning": 0, "info": 0}
    assert (files["bad.txt"]["kind"], files["bad.txt"]["form_version"], files["bad.txt"]["year"]) == ("txt", "2021", 2021)
    assert files["bad.txt"]["body"] and files["bad.txt"]["codes"] == ["GZ301", "GZ302", "GZ303"]
    assert files["bad.txt"]["counts"]["error"] == 3 and files["bad.txt"]["failing"]
    assert files["broken.docx"]["kind"] is None and files["broken.docx"]["codes"] == ["GZ001"]
    totals = data["totals"]
    assert (totals["files"], totals["clean"], totals["failing"]) == (4, 1, 2)
    assert totals["diagnostics"] == len(data["diagnostics"]) == sum(totals["by_code"].values())
    assert totals["error"] == 4 and data["schema"] == 1


def test_json_legacy_is_the_bare_array(sample_files, capsys):
    _, bad = sample_files
    data = _json(capsys, bad)
    assert main([str(bad), "--format", "json-legacy"]) == 1
    assert json.loads(capsys.readouterr().out) == data["diagnostics"]


def test_csv_one_row_per_file(sample_files, tmp_path):
    good, bad = sample_files
    out = tmp_path / "units.csv"
    assert main([str(good), str(bad), "--format", "csv", "-o", str(out)]) == 1
    with out.open(encoding="utf-8", newline="") as f:
        rows = {Path(r["path"]).name: r for r in csv.DictReader(f)}
    assert list(rows) == ["good.txt", "bad.txt"]
    assert rows["good.txt"]["clean"] == "true" and rows["good.txt"]["codes"] == ""
    bad_row = rows["bad.txt"]
    assert (bad_row["year"], bad_row["form_version"], bad_row["error"], bad_row["clean"]) == ("2021", "2021", "3", "false")
    assert bad_row["codes"] == "GZ301 GZ302 GZ303" and bad_row["body"]


def test_xlsx_the_same_rows_as_a_workbook(sample_files, tmp_path):
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is the xlsx-report extra")
    good, bad = sample_files
    out = tmp_path / "units.xlsx"
    assert main([str(good), str(bad), "--format", "xlsx", "-o", str(out)]) == 1
    rows = list(openpyxl.load_workbook(out).active.values)
    header = rows[0]
    assert header[:3] == ("path", "body", "year")
    by_name = {Path(r[0]).name: dict(zip(header, r)) for r in rows[1:]}
    assert by_name["good.txt"]["clean"] is True and by_name["bad.txt"]["error"] == 3
    assert by_name["bad.txt"]["year"] == 2021 and by_name["bad.txt"]["codes"] == "GZ301 GZ302 GZ303"


def test_xlsx_to_a_text_only_stream_is_a_usage_error(sample_files):
    from gzlint.reporters import ReporterError, get_reporter

    with pytest.raises(ReporterError):
        get_reporter("xlsx")([], [str(sample_files[0])], io.StringIO())

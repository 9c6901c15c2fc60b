"""The five real 2020 reports in ../shared/seeds: parsed values and defects."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gzlint.engine import lint_paths
from gzlint.form.spec import load_forms
from gzlint.matcher import match
from gzlint.readers import read_file

from .helpers import seed_path

# rows of table 三 that are short: row id → number of values the report gives
SHORT_ROWS = {
    "000": {},
    "001": {"new": 5, "carried_in": 3, "withheld.1": 6},
    "002": {"unable.1": 6},
    "003": {},
    "004": {
        r: 5
        for r in [
            "disclosed", "partial", *[f"withheld.{i}" for i in range(1, 9)], *[f"unable.{i}" for i in range(1, 4)],
            *[f"declined.{i}" for i in range(1, 6)], "other", "total", "carried_out",
        ]
    },
}

# the defects of the core families (GZ0xx–GZ3xx) each seed must show, and no others
EXPECTED_CODES = {
    "000": {"GZ102", "GZ103"},
    "001": {"GZ102", "GZ104", "GZ115", "GZ201"},
    "002": {"GZ113", "GZ115"},
    "003": {"GZ101", "GZ102", "GZ104"},  # its 采购总金额 "…元": the 2019 form prints no unit, an explicit one is fine
    "004": {"GZ113", "GZ115", "GZ203"},
}

# non-zero cells of table 二: (table, row) → texts as written
ACTIVE = {
    "001": {("active.8", "fees"): ["1", ""]},
    "002": {
        ("active.1", "normative"): ["0", "1", "1"],
        ("active.5", "licensing"): ["5", "6", "20"],
        ("active.5", "other_services"): ["54", "10", "0"],
        ("active.6", "penalty"): ["96", "0", "0"],
    },
    "003": {
        ("active.5", "licensing"): ["0", "1", "0"],
        ("active.6", "penalty"): ["0", "125", "0"],
        ("active.9", "procurement"): ["2", "10268898元"],
    },
    "004": {("active.9", "procurement"): ["1", "75.77万元"]},
}


def _report(seed: str):
    return match(read_file(seed_path(seed)), load_forms())


@pytest.mark.parametrize("seed", sorted(SHORT_ROWS))
def test_table_three_values_row_by_row(seed):
    report = _report(seed)
    table = report.tables["applications"]
    assert report.form.format == "2019"
    assert len(table.rows) == 23 and not table.missing_rows()
    for row_id, row in table.rows.items():
        n = SHORT_ROWS[seed].get(row_id, 7)
        assert row.found == n, row_id
        # every value the seeds give is a zero; the rest of a short row stays blank
        assert [c.number for c in row.cells[:n]] == [Decimal(0)] * n, row_id
        assert all(c.status == "missing" and c.text is None for c in row.cells[n:]), row_id


@pytest.mark.parametrize("seed", sorted(SHORT_ROWS))
def test_table_four_values(seed):
    table = _report(seed).tables["litigation"]
    assert table.flat == (15, 15)
    cells = [c for r in ("review", "direct", "after_review") for c in table.rows[r].cells]
    assert [c.number for c in cells] == [Decimal(0)] * 15
    expected_text = "00" if seed == "004" else "0"
    assert {c.text.strip() for c in cells} == {expected_text}


@pytest.mark.parametrize("seed", sorted(ACTIVE))
def test_table_two_values(seed):
    report = _report(seed)
    for (tid, rid), texts in ACTIVE[seed].items():
        row = report.tables[tid].rows[rid]
        assert [(c.text or "").strip() for c in row.cells] == texts


@pytest.mark.parametrize("seed", sorted(EXPECTED_CODES))
def test_seed_defects(seed):
    diags = lint_paths([seed_path(seed)])
    core = {d.code for d in diags if d.code[:3] in ("GZ0", "GZ1", "GZ2", "GZ3")}
    assert core == EXPECTED_CODES[seed]
    # their tables add up when blanks are read as 0
    assert not [d for d in diags if d.code in ("GZ301", "GZ302", "GZ303", "GZ304")]


def test_seed_short_rows_are_reported_once_each():
    diags = lint_paths([seed_path("001")])
    short = sorted(d.row for d in diags if d.code == "GZ115")
    assert short == ["1.属于国家秘密", "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"]
    assert sum(1 for d in lint_paths([seed_path("004")]) if d.code == "GZ115") == 21


def test_seed_structure_findings():
    diags = lint_paths([seed_path("000")])
    gz103 = [d for d in diags if d.code == "GZ103"]
    assert len(gz103) == 1 and gz103[0].line == 90 and "3、" in gz103[0].message
    diags = lint_paths([seed_path("003")])
    assert [d.section for d in diags if d.code == "GZ101"] == ["六、其他需要报告的事项"]
    # 采购总金额 "10268898元" (line 78): the 2019 form prints no unit, so the explicit 元 is acceptable
    assert not [d for d in diags if d.code == "GZ205"]


def test_seed_label_variants():
    diags = lint_paths([seed_path("004")])
    found = {d.message.split("「")[1].split("」")[0] for d in diags if d.code == "GZ113"}
    assert {"结果维护", "合计", "1.信访投诉举报类申请"} <= found
    # a trailing note keeps the form's label: 规范性文件（本单位制发的） is no wording fault
    assert "规范性文件（本单位制发的）" not in found
    assert any("只记" in m for m in found)

"""The text reader: encodings and the layouts real exports have."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from gzlint.document import ReadFailure, Table
from gzlint.readers import read_bytes
from gzlint.readers.encoding import decode
from gzlint.testing.sample import render_text, sample_report


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("gb18030"),
        lambda t: t.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "utf-16-bom"],
)
def test_encodings_read_the_same(encode):
    text = render_text(sample_report())
    doc = read_bytes("r.txt", encode(text))
    assert doc.text() == read_bytes("r.txt", text.encode("utf-8")).text()


def test_gbk_only_characters_decode_with_gb18030():
    # 镕 is outside GB2312: a gb2312 codec would fail on it
    text, enc = decode("朱镕基".encode("gb18030"))
    assert (text, enc) == ("朱镕基", "gb18030")


def test_undecodable_is_gz002():
    with pytest.raises(ReadFailure) as exc:
        read_bytes("r.txt", b"\x80\xff" * 100)
    assert exc.value.code == "GZ002"


def test_layouts():
    rows = "\t行政许可\n\t5\n\n\t行政处罚\n\t3\n"
    doc = read_bytes("r.txt", ("二、主动公开政府信息情况\n" + rows).encode())
    (table,) = doc.tables()
    assert table.layout == "rows" and [[c.text for c in r] for r in table.rows] == [["行政许可", "5"], ["行政处罚", "3"]]
    # Word pads rows to one length but slides the values: not grid positions
    doc = read_bytes("r.txt", "标题\n行政许可\t5\t6\t\n\t行政处罚\t3\t4\n".encode())
    (table,) = doc.tables()
    assert table.layout == "padded_rows" and table.rows[1][3].text == "4" and table.rows[1][3].line == 3
    doc = read_bytes("r.txt", "标题\n行政许可\t5\t6\n行政处罚\t3\t4\n".encode())
    (table,) = doc.tables()
    assert table.layout == "grid" and (table.rows[1][2].text, table.rows[1][2].col, table.rows[1][2].line) == ("4", 2, 3)


def test_cell_continues_on_an_untabbed_line():
    doc = read_bytes("r.txt", "\t信息内容\n\t本年新\n制作数量\n".encode())
    (table,) = doc.tables()
    assert [c.text for c in table.rows[0]] == ["信息内容", "本年新\n制作数量"]


def test_bookmark_residue_is_not_text():
    doc = read_bytes("r.txt", "[bookmark: _GoBack]一、总体情况\n正文。\n".encode())
    assert doc.blocks[0].text == "一、总体情况"


def test_bookmark_residue_only_at_a_line_start_and_within_its_line():
    text = "一、总体情况\r\n[bookmark: _GoBack]正文。\r\n见[bookmark: x]处。\r\n[bookmark: 未闭合\r\n]后文。\r\n"
    doc = read_bytes("r.txt", text.encode())
    assert [b.text for b in doc.blocks] == ["一、总体情况", "正文。", "见[bookmark: x]处。", "[bookmark: 未闭合", "]后文。"]


def test_blank_separated_paragraphs_keep_blank_cells():
    text = "一、总体情况\n\n正文。\n\n行政许可\n\n1\n\n\xa0\n\n二、主动公开政府信息情况\n\n正文。\n"
    doc = read_bytes("r.txt", text.encode())
    assert not any(isinstance(b, Table) for b in doc.blocks)
    assert [b.text for b in doc.blocks][3:5] == ["1", "\xa0"]


# -- the same report in the text layouts other tools write ------------------------

from gzlint.engine import lint_paths, lint_text  # noqa: E402
from gzlint.testing.sample import official_grid  # noqa: E402

from . import writers  # noqa: E402

DEFECTS = {
    "clean": lambda r: r,
    # 一、本年新收 自然人 off by one: the row total and the 勾稽关系 break
    "arithmetic": lambda r: r.set_cell("applications", "new", "natural", "13"),
    "blank": lambda r: r.blank_cell("applications", "disclosed", "business"),
    "blank-active": lambda r: r.blank_cell("active.5", "licensing", "decisions"),
    "dropped-row": lambda r: r.drop_row("applications", "declined.2"),
}

#: layout → (writer, file name)
LAYOUTS = {
    "tsv-repeated": (lambda r: writers.render_tsv(r, repeat=True), "report.txt"),
    "tsv-blank": (lambda r: writers.render_tsv(r, repeat=False), "report.txt"),
    "markdown": (writers.render_markdown, "report.md"),
}


def _findings_of(text: str, name: str = "report.txt") -> list[tuple]:
    return sorted((d.code, d.table, d.row, d.column) for d in lint_text(text, name))


@pytest.mark.parametrize("form", ["2021", "2019"])
@pytest.mark.parametrize("case", list(DEFECTS))
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_other_tools_text_reads_like_word_text(layout, case, form):
    report = DEFECTS[case](sample_report(form))
    expected = _findings_of(render_text(report))
    assert bool(expected) == (case != "clean")
    render, name = LAYOUTS[layout]
    assert _findings_of(render(report), name) == expected


def test_repeated_labels_rebuild_the_official_merges():
    """三 and 四 come back with the merges of the official form (二's items
    run on without a gap, so its tables of equal width share one grid)."""
    report = sample_report("2021")
    doc = read_bytes("r.txt", writers.render_tsv(report, repeat=True).encode())
    for tid, table in zip(("applications", "litigation"), doc.tables()[-2:]):
        want = [(g.text.replace("\n", ""), g.row, g.col, g.rowspan, g.colspan) for row in official_grid(report, tid) for g in row]
        assert table.layout == "grid"
        assert [(c.text, c.row, c.col, c.rowspan, c.colspan) for row in table.rows for c in row] == want, tid


def test_blank_labels_keep_value_positions():
    doc = read_bytes("r.txt", writers.render_tsv(sample_report("2021"), repeat=False).encode())
    applications = next(t for t in doc.tables() if any(c.text.startswith("三、本年度办理结果") for c in t.cells()))
    row = next(r for r in applications.rows if any(c.text == "2.重复申请" for c in r))
    assert [(c.text, c.col) for c in row] == [("2.重复申请", 2)] + [(v, 3 + i) for i, v in enumerate("1000001")]


def test_equal_values_side_by_side_stay_apart():
    doc = read_bytes("r.txt", "标题\n信息内容\t甲\t乙\n行政许可\t无\t无\n行政处罚\t1\t2\n".encode())
    (table,) = doc.tables()
    assert [(c.text, c.col, c.colspan) for c in table.rows[1]] == [("行政许可", 0, 1), ("无", 1, 1), ("无", 2, 1)]


# -- web-archive dumps: the whole report on one line ---------------------------

def _non_table(findings: list[tuple]) -> list[tuple]:
    """Findings about the title, sections, period and prose (not table cells)."""
    return [f for f in findings if f[2] is None and f[3] is None and f[0] != "GZ005"]


@pytest.mark.parametrize("form", ["2021", "2019"])
def test_flattened_dump_reports_each_table_once_and_checks_the_rest(form):
    report = sample_report(form)
    diags = lint_text(writers.render_flattened(report), "dump.txt")
    tables = {d.table for d in diags if d.code == "GZ005"}
    assert tables == {spec.title for spec in report.form.tables}
    assert len([d for d in diags if d.code == "GZ005"]) == len(tables)
    assert {d.code for d in diags} == {"GZ005"}  # no GZ004, no GZ110, nothing false


FLAT_DEFECTS = {
    "no-title": lambda r: setattr(r, "title", None),
    "title-without-year": lambda r: setattr(r, "title", "青山县交通运输局政府信息公开工作年度报告"),
    "no-section-five": lambda r: r.drop_section("五"),
    "no-period": lambda r: setattr(r, "intro", "本报告根据《中华人民共和国政府信息公开条例》要求编制。"),
}


@pytest.mark.parametrize("case", list(FLAT_DEFECTS))
def test_flattened_dump_finds_what_the_text_finds_outside_tables(case):
    report = sample_report("2021")
    FLAT_DEFECTS[case](report)
    expected = _non_table(_findings_of(render_text(report)))
    assert expected, f"{case} should be reported in .txt"
    assert _non_table(_findings_of(writers.render_flattened(report), "dump.txt")) == expected


def test_flattened_dump_splits_title_headings_and_sentences():
    doc = read_bytes("dump.txt", writers.render_flattened(sample_report("2021")).encode())
    texts = [p.text for p in doc.paragraphs()]
    assert texts[0] == "青山县交通运输局2021年政府信息公开工作年度报告"
    assert [t for t in texts if t[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert any(t.endswith("所列数据的统计期限自2021年1月1日起至2021年12月31日止。") for t in texts)
    assert [r.section for r in doc.run_together] == ["二", "三", "四"]
    assert doc.tables() == []


def test_a_table_row_label_is_not_a_section_heading():
    line = ("甲局2021年政府信息公开工作年度报告" + "一、总体情况" + "正文。" * 300 + "二、主动公开政府信息情况第二十条第（一）项规章000"
            "三、收到和处理政府信息公开申请情况申请人情况一、本年新收政府信息公开申请数量1000001三、本年度办理结果（一）予以公开1000001"
            "四、结转下年度继续办理0000000四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼000000000000000五、存在的主要问题及改进情况无。")
    doc = read_bytes("dump.txt", line.encode())
    assert [(r.section, r.text[:6], r.text[-7:]) for r in doc.run_together] == [
        ("二", "第二十条第（", "（一）项规章000"[-7:]), ("三", "申请人情况一", "续办理0000000"[-7:]), ("四", "行政复议行政", "0000000")]


# -- Markdown conversions --------------------------------------------------------

def test_markdown_tables_are_grids_and_page_footers_are_gone():
    report = sample_report("2021")
    doc = read_bytes("r.md", writers.render_markdown(report, page_lines=5).encode())
    assert doc.source_format == "md"
    assert all(t.layout == "grid" for t in doc.tables())
    assert not [t for t in doc.text().split("\n") if t.strip().startswith("—")]
    paragraphs = [p.text for p in doc.paragraphs()]
    assert paragraphs[0] == report.title
    assert report.intro in paragraphs  # rejoined across its wrapped lines and a page footer


def test_markdown_rejoins_a_label_left_above_its_row():
    md = ("| （一）予以公开 | 1 | 2 |\n|---|---|---|\n\n"
          "（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）\n| 3 | 4 |\n|---|---|\n")
    (first, second) = read_bytes("r.md", md.encode()).tables()
    assert [c.text for c in second.rows[0]] == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "3", "4"]


def test_markdown_text_row_is_a_label_and_value():
    md = "第二十条第（五）项\n信息内容\n行政许可 0\n行政处罚 12\n"
    (table,) = read_bytes("r.md", md.encode()).tables()
    assert [[c.text for c in row] for row in table.rows] == [["行政许可", "0"], ["行政处罚", "12"]]


def test_markdown_files_are_linted_in_a_folder(tmp_path):
    (tmp_path / "report.md").write_text(writers.render_markdown(sample_report("2021")), encoding="utf-8")
    planted = DEFECTS["arithmetic"](sample_report("2021"))
    (tmp_path / "planted.markdown").write_text(writers.render_markdown(planted), encoding="utf-8")
    found = {Path(d.path).name for d in lint_paths([tmp_path])}
    assert found == {"planted.markdown"}


def test_a_long_paragraph_listing_the_sections_is_not_a_dump():
    report = sample_report("2021")
    listing = "本报告包括" + "".join(h + "；" for h, _ in report.sections.values()) + "等部分。" + "详见正文。" * 200
    report.intro = listing
    doc = read_bytes("r.txt", render_text(report).encode())
    assert doc.run_together == [] and len(doc.tables()) == 6


def test_a_markdown_readme_beside_the_reports_is_not_a_finding(tmp_path):
    (tmp_path / "README.md").write_text("# 年报目录\n\n本目录存放各单位的年度报告。\n", encoding="utf-8")
    (tmp_path / "notice.txt").write_text("关于开展政务公开培训的通知\n各单位：请按时参加。\n", encoding="utf-8")
    assert [(Path(d.path).name, d.code) for d in lint_paths([tmp_path])] == [("notice.txt", "GZ004")]


def test_a_caption_with_blank_fields_is_one_cell():
    text = "标题\n第二十条第（六）项\t\n信息内容\t本年处理决定数量\n行政处罚\t120\n行政强制\t\n"
    (table,) = read_bytes("r.txt", text.encode()).tables()
    assert [[(c.text, c.col) for c in row] for row in table.rows] == [
        [("第二十条第（六）项", 0)], [("信息内容", 0), ("本年处理决定数量", 1)],
        [("行政处罚", 0), ("120", 1)], [("行政强制", 0), ("", 1)]]


# -- the real text files in ../shared/real/text (skipped where absent) -----------

REAL_TEXT = Path(__file__).resolve().parents[1].parent / "shared" / "real" / "text"


def _real(name: str) -> Path:
    path = REAL_TEXT / name
    if not path.is_file():
        pytest.skip(f"real report {name} not found in {REAL_TEXT} (../shared/real is not beside the checkout)")
    return path


@pytest.mark.parametrize("year", range(2019, 2026))
def test_real_flattened_dumps_are_reports_with_unreadable_tables(year):
    diags = lint_paths([_real(f"pingtan_{year}_flattened.txt")])
    codes = {d.code for d in diags}
    assert "GZ004" not in codes and "GZ110" not in codes and "GZ101" not in codes
    assert {d.table for d in diags if d.code == "GZ005"} >= {"表三", "表四"}
    # no table check runs on the unreadable tables; the prose's own sums (GZ308) still are checked
    prose_checks = ("GZ307", "GZ308")
    assert not [d for d in diags if d.code.startswith(("GZ2", "GZ3", "GZ11")) and d.code not in prose_checks]
    # the 2019–2021 dumps start with the title, the later ones have none
    assert ("GZ104" in codes) == (year >= 2022)


def test_real_markdown_conversion_reads_title_period_and_table_three():
    diags = lint_paths([_real("shanghai_office_2025_converted.md")])
    codes = {d.code for d in diags}
    assert not codes & {"GZ104", "GZ202", "GZ403", "GZ004"}
    assert not codes & {"GZ301", "GZ302", "GZ303", "GZ304"}  # every identity of 三 and 四 holds
    assert not [d for d in diags if d.code == "GZ110" and d.table == "表三"]
    assert [d.message for d in diags if d.code == "GZ101"] == ["缺少第五部分「五、存在的主要问题及改进情况」"]


def test_markdown_markup_is_not_text():
    md = "## **一、总体情况**\n\n正文。\n\n| 信息内容 | 本年新<br>制作数量 |\n|---|---|\n| **规章** | 0 |\n"
    doc = read_bytes("r.md", md.encode())
    assert [p.text for p in doc.paragraphs()] == ["一、总体情况", "正文。"]
    (table,) = doc.tables()
    assert [[c.text for c in row] for row in table.rows] == [["信息内容", "本年新制作数量"], ["规章", "0"]]

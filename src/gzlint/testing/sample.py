"""Build complete annual reports from the form data, for examples and tests.

A :class:`SampleReport` holds the content of one report — title, prose of the
six sections, every cell of the form tables, the signature — with numbers that
satisfy every identity. Tests change what they need (``set_cell``,
``blank_cell``, ``drop_section`` …) and render it: :func:`render_text` writes
the layout Word's "save as text" produces; tests/writers.py renders the same
content as .docx, .html, .xlsx and .pdf. :func:`official_grid` gives each table
with the merged cells of the official form, which every renderer shares.

Everything here is written by the project; nothing is taken from a real report.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ..form.layout import GridCell, official_grid as layout_grid
from ..form.spec import FormSpec, TableSpec, load_forms

# Clean numbers per table, row and column id (see the form TOML files).
_APPLICATIONS = {
    # natural, business, research, public_interest, legal, other_org, total
    "new": [12, 3, 0, 0, 0, 1, 16],
    "carried_in": [2, 0, 0, 0, 0, 0, 2],
    "disclosed": [6, 2, 0, 0, 0, 1, 9],
    "partial": [2, 0, 0, 0, 0, 0, 2],
    "withheld.4": [1, 0, 0, 0, 0, 0, 1],
    "unable.1": [2, 1, 0, 0, 0, 0, 3],
    "declined.2": [1, 0, 0, 0, 0, 0, 1],
    "carried_out": [2, 0, 0, 0, 0, 0, 2],
    "total": [12, 3, 0, 0, 0, 1, 16],
}
_LITIGATION = {"review": [1, 0, 0, 1, 2], "direct": [1, 0, 0, 0, 1], "after_review": [0, 0, 0, 0, 0]}
_ACTIVE = {
    "2021": {
        "active.1": {"rules": ["0", "0", "0"], "normative": ["3", "1", "12"]},
        "active.5": {"licensing": ["45"]},
        "active.6": {"penalty": ["120"], "enforcement": ["3"]},
        "active.8": {"fees": ["1.25"]},
    },
    "2019": {
        "active.1": {"rules": ["0", "0", "0"], "normative": ["3", "3", "12"]},
        "active.5": {"licensing": ["40", "+5", "45"], "other_services": ["10", "0", "8"]},
        "active.6": {"penalty": ["30", "-3", "120"], "enforcement": ["2", "0", "3"]},
        "active.8": {"fees": ["1", "0"]},
        "active.9": {"procurement": ["2", "15.5万元"]},
    },
}



@dataclass
class SampleReport:
    form: FormSpec
    year: int
    body: str = "青山县交通运输局"
    signed: str = ""
    title: str | None = ""
    intro: str = ""
    #: section number → (heading as written, paragraphs); order is kept
    sections: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    #: table id → row id → cell texts (one per column)
    cells: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: (table id, row id) → label text to print instead of the official one
    row_labels: dict[tuple[str, str], str] = field(default_factory=dict)
    #: (table id, column id) → header text to print instead of the official one
    column_labels: dict[tuple[str, str], str] = field(default_factory=dict)
    dropped_tables: set[str] = field(default_factory=set)
    #: (table id, row id) of data rows left out of the rendered table
    dropped_rows: set[tuple[str, str]] = field(default_factory=set)

    # -- edits tests make -------------------------------------------------
    def copy(self) -> "SampleReport":
        return copy.deepcopy(self)

    def set_cell(self, table: str, row: str, column: str, text: str) -> "SampleReport":
        spec = self.table(table)
        index = [c.id for c in spec.columns].index(column)
        self.cells[table][row][index] = text
        return self

    def blank_cell(self, table: str, row: str, column: str) -> "SampleReport":
        return self.set_cell(table, row, column, "")

    def drop_section(self, number: str) -> "SampleReport":
        self.sections.pop(number, None)
        return self

    def drop_row(self, table: str, row: str) -> "SampleReport":
        self.dropped_rows.add((table, row))
        return self

    def data_rows(self, spec: TableSpec):
        return [r for r in spec.data_rows if (spec.id, r.id) not in self.dropped_rows]

    def table(self, tid: str) -> TableSpec:
        spec = self.form.table(tid)
        if spec is None:
            raise KeyError(tid)
        return spec

    def tables_of_section(self, number: str) -> list[TableSpec]:
        return [t for t in self.form.tables if t.section == number and t.id not in self.dropped_tables]


def sample_report(format: str = "2021", year: int | None = None, body: str = "青山县交通运输局") -> SampleReport:
    """A clean report of the given format, for ``year`` (default: the format's first year)."""
    form = next(f for f in load_forms() if f.format == format)
    year = year or form.first_year
    report = SampleReport(form=form, year=year, body=body)
    report.title = f"{body}{year}年政府信息公开工作年度报告"
    report.signed = f"{year + 1}年1月20日"
    report.intro = (
        f"本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        f"如对本报告有疑问，请与{body}办公室联系。"
    )
    new_total = _APPLICATIONS["new"][-1]
    review_total, direct_total = _LITIGATION["review"][-1], _LITIGATION["direct"][-1]
    six = ["本年度无其他需要报告的事项。"]
    if format != "2019":
        six = ["本年度未收取信息处理费。"]
    report.sections = {
        "一": ("一、总体情况", [
            f"{year}年，{body}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。",
            "（一）主动公开。通过门户网站及时公开机构职能、政策文件、行政执法等信息。",
            f"（二）依申请公开。本年共收到政府信息公开申请{new_total}件，均在法定期限内答复。",
            "（三）政府信息管理。严格落实公开前保密审查，及时清理失效文件。",
            "（四）平台建设。持续优化门户网站政府信息公开专栏，提升检索便利性。",
            "（五）监督保障。将政府信息公开工作纳入年度考核，组织业务培训2次。",
        ]),
        "二": ("二、主动公开政府信息情况", []),
        "三": ("三、收到和处理政府信息公开申请情况", []),
        "四": ("四、政府信息公开行政复议、行政诉讼情况", [
            f"本年度发生政府信息公开行政复议{review_total}件、行政诉讼{direct_total}件。",
        ]),
        "五": ("五、存在的主要问题及改进情况", [
            "存在的主要问题：政策解读形式较为单一，公开内容的及时性有待提高。",
            "改进措施：丰富图表、视频等解读形式，建立信息发布台账，按时更新公开内容。",
        ]),
        "六": ("六、其他需要报告的事项", six),
    }
    for spec in form.tables:
        ncols = len(spec.columns)
        if spec.id == "applications":
            rows = {r.id: [str(v) for v in _APPLICATIONS.get(r.id, [0] * ncols)] for r in spec.data_rows}
        elif spec.id == "litigation":
            rows = {r.id: [str(v) for v in _LITIGATION[r.id]] for r in spec.data_rows}
        else:
            rows = {r.id: list(v) for r, v in ((r, _ACTIVE[format][spec.id][r.id]) for r in spec.data_rows)}
        report.cells[spec.id] = rows
    return report


# -- the official layout of each table, with its merged cells ----------------

def official_grid(report: SampleReport, tid: str) -> list[list[GridCell]]:
    """Rows of origin cells (a merged cell appears once, with its spans)."""
    spec = report.table(tid)
    return layout_grid(
        spec, report.data_rows(spec),
        label=lambda r: report.row_labels.get((spec.id, r.id), r.label.text),
        column=lambda c: report.column_labels.get((spec.id, c.id), c.label.text),
        values=lambda r: report.cells[spec.id][r.id],
    )


# -- rendering as text ---------------------------------------------------------

def paragraphs(report: SampleReport) -> list[tuple[str, object]]:
    """The report in reading order: ("p", text) and ("table", table id)."""
    out: list[tuple[str, object]] = []
    if report.title:
        out.append(("p", report.title))
    if report.intro:
        out.append(("p", report.intro))
    for number, (heading, paras) in report.sections.items():
        out.append(("p", heading))
        out += [("p", p) for p in paras]
        out += [("table", t.id) for t in report.tables_of_section(number)]
    if report.signed:
        out.append(("p", report.body))
        out.append(("p", report.signed))
    return out


def render_text(report: SampleReport) -> str:
    """Word's "save as text" layout: one cell per tab-indented line, a blank
    line after each row, a merged cell's later rows as an empty cell."""
    lines: list[str] = []
    for kind, item in paragraphs(report):
        if kind == "p":
            lines.append(str(item))
            continue
        grid = official_grid(report, str(item))
        covered: dict[int, set[int]] = {}
        for row in grid:
            for c in row:
                for rr in range(c.row + 1, c.row + c.rowspan):
                    covered.setdefault(rr, set()).add(c.col)
        for k, row in enumerate(grid):
            cells = {c.col: c.text for c in row}
            for col in sorted(set(cells) | covered.get(k, set())):
                lines.append("\t" + cells.get(col, ""))
            lines.append("")
        lines.append("")
    return "\n".join(lines) + "\n"

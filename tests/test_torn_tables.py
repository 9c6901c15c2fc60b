"""Tables a PDF→Markdown conversion tore apart (matcher/gaps.py, the header
fallbacks of matcher/tables.py): what is certain is read, nothing is guessed."""

from __future__ import annotations

from gzlint.engine import build_report, lint_text
from gzlint.testing.sample import sample_report

from . import writers

_TEAR_PIECE = "行政机关不再处理其政府信息公"


def _converted(tear_declined_5: bool = True, other_1: str = _TEAR_PIECE) -> str:
    """The sample report as Markdown with table 三 written one label column wide, as a
    converter writes it, and rows torn: 5.要求… above a row of values with no label,
    1.申请人… reduced to a piece of its label (``other_1``) and given 5 requests (一 and
    （七）总计 grow with them, so every identity holds)."""
    md = writers.render_markdown(sample_report("2021"), page_lines=1000)
    out: list[str] = []
    for line in md.split("\n"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) != 10 or not any(c[:1].isdigit() for c in cells[3:]):
            out.append(line)
            continue
        label, values = [c for c in cells[:3] if c][-1], cells[3:]
        if label.startswith("5.要求") and tear_declined_5:
            out += ["", "5.要求行政机关确认或重新出具", "已获取信息", "| " + " | ".join(values) + " |", "|---|"]
        elif label.startswith("1.申请人"):
            values = ["5", *values[1:6], "5"]
            out += [f"| {other_1} | " + " | ".join(values) + " |", "|---|"]
        elif label in ("（七）总计", "一、本年新收政府信息公开申请数量"):
            out.append(f"| {label} | " + " | ".join(str(int(v) + 5) if k in (0, 6) else v for k, v in enumerate(values)) + " |")
        else:
            out.append(f"| {label} | " + " | ".join(values) + " |")
    return "\n".join(out)


def _row(text: str, row_id: str):
    report = build_report("r.md", text.encode())
    return report.tables["applications"].rows.get(row_id)


def test_torn_rows_are_placed_by_form_order():
    text = _converted()
    assert [d.code for d in lint_text(text, name="r.md") if d.code.startswith(("GZ11", "GZ30"))] == ["GZ307"]  # the prose still says 16 received
    other_1 = _row(text, "other.1")
    assert [c.number for c in other_1.cells] == [5, 0, 0, 0, 0, 0, 5]
    assert _row(text, "declined.5").found == 7


def test_a_label_piece_of_another_row_is_not_placed():
    text = _converted(other_1="重复申请")  # the piece belongs to 2.重复申请, not to 1.申请人…
    codes = [d.code for d in lint_text(text, name="r.md")]
    assert "GZ111" in codes and _row(text, "other.1") is None


def test_header_glued_to_a_column_label_is_the_official_wording():
    md = writers.render_markdown(sample_report("2021"), page_lines=1000)
    glued = md.replace("| 信息内容 | 本年处理决定数量 |", "| 信息内容本年处理决定数量 |  |")
    assert glued != md
    assert not [d for d in lint_text(glued, name="r.md") if d.code == "GZ113"]


def test_litigation_values_in_one_row_under_a_run_together_header():
    md = writers.render_markdown(sample_report("2021"), page_lines=1000)
    start = md.index("| 行政复议 |")
    end = md.index("\n\n", start)
    values = [c.strip() for c in md[start:end].split("\n")[-1].strip().strip("|").split("|")]
    assert len(values) == 15
    torn = md[:start] + "行政复议行政诉讼\n未经复议直接起诉复议后起诉\n\n| 维持 | 纠正 |\n|---|---|\n| " + " | ".join(values) + " |\n" + md[end:]
    report = build_report("r.md", torn.encode())
    table = report.tables["litigation"]
    assert [c.text for r in table.rows.values() for c in r.cells] == values
    assert not [d for d in lint_text(torn, name="r.md") if d.code in ("GZ110", "GZ115")]

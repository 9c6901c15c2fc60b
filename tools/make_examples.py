"""Write the example reports in examples/ (all written by the project).

    python tools/make_examples.py [OUTDIR]

Each example is a SampleReport (src/gzlint/testing/sample.py) rendered in the
text layout of Word's "save as text"; the defective ones change one thing and
say which codes they should produce, in EXPECTED below (the tests check it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from gzlint.testing.sample import SampleReport, render_text, sample_report


def _arithmetic() -> SampleReport:
    r = sample_report("2021", body="青山县自然资源局")
    return r.set_cell("applications", "total", "natural", "13")  # breaks H1, H2 and H3


def _blank_and_text() -> SampleReport:
    r = sample_report("2021", body="青山县市场监督管理局")
    r.blank_cell("applications", "disclosed", "total")
    return r.set_cell("active.6", "enforcement", "decisions", "若干")


def _old_format() -> SampleReport:
    r = sample_report("2019", year=2021, body="青山县水利局")
    r.title = "青山县水利局2021年政府信息公开工作年度报告"
    return r


def _structure() -> SampleReport:
    r = sample_report("2021", body="青山县文化广电旅游局")
    r.drop_section("六")
    r.sections["一"] = ("一、概述", r.sections["一"][1])
    r.column_labels[("litigation", "upheld")] = "结果维护"
    return r


def _prose_and_documents() -> SampleReport:
    r = sample_report("2021", body="青山县卫生健康委员会")
    r.set_cell("active.1", "normative", "in_force", "1")  # issued 3 − repealed 1 = 2 still in force
    heading, paras = r.sections["二"]
    r.sections["二"] = (heading, [*paras, "本年度制发规范性文件5件。"])  # the table says 3
    for number in ("一", "四"):  # received and 行政复议 one more than the tables say
        heading, paras = r.sections[number]
        r.sections[number] = (heading, [_one_more(p) for p in paras])
    return r


def _one_more(text: str) -> str:
    """「申请N件」 and 「行政复议N件」 become N + 1."""
    import re

    return re.sub(r"(申请|行政复议)(\d+)件", lambda m: f"{m.group(1)}{int(m.group(2)) + 1}件", text)


EXAMPLES = {
    "clean-2019.txt": (lambda: sample_report("2019", body="青山县交通运输局"), []),
    "clean-2021.txt": (lambda: sample_report("2021", body="青山县交通运输局"), []),
    "arithmetic-error-2021.txt": (_arithmetic, ["GZ301", "GZ302", "GZ303"]),
    "blank-and-text-cells-2021.txt": (_blank_and_text, ["GZ201", "GZ202"]),
    "old-format-2021.txt": (_old_format, ["GZ114"]),
    "structure-2021.txt": (_structure, ["GZ101", "GZ102", "GZ113"]),
    "prose-and-documents-2021.txt": (_prose_and_documents, ["GZ307", "GZ309"]),
}


def write_examples(outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (build, _codes) in EXAMPLES.items():
        path = outdir / name
        path.write_text(render_text(build()), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "examples"
    for p in write_examples(target):
        print(p)

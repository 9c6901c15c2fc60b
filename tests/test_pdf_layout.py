"""PDF page layout: prose drawn inside a frame, paragraphs over a page break.

The rendered fixture needs LibreOffice and skips with the reason when it is absent.
"""

from __future__ import annotations

import pytest

from gzlint.engine import lint_paths
from gzlint.testing.sample import sample_report

from . import writers

pytest.importorskip("pdfplumber", reason="the pdf extra (pdfplumber) is not installed")

from gzlint.readers.pdf import _Line, _is_frame, _starts_paragraph  # noqa: E402

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_BORDER = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="1" w:color="000000"/>'
                  for side in ("top", "left", "bottom", "right"))


def _chars(lines: list[tuple[float, str]], x0: float = 80.0, size: float = 16.0) -> list[dict]:
    return [dict(text=ch, x0=x0 + i * size, x1=x0 + (i + 1) * size, top=top, bottom=top + size, size=size)
            for top, text in lines for i, ch in enumerate(text)]


def test_one_column_box_round_several_lines_is_a_frame():
    # WPS: one box per text line, stacked into a one-column "table"
    rows = [(74.0, 238.0 + 28 * k, 519.0, 266.0 + 28 * k) for k in range(4)]
    bbox = (74.0, 238.0, 519.0, 350.0)
    assert _is_frame(bbox, rows, _chars([(270.0, "本报告由某某办公室编制。"), (298.0, "统计期限自2024年1月1日至")]))
    # a single box round one line may be a table's caption row cut at the page foot
    assert not _is_frame(bbox, [bbox], _chars([(270.0, "第二十条第（一）项")]))
    # two columns: a table
    cells = [(74.0, 238.0, 244.0, 266.0), (244.0, 238.0, 519.0, 266.0), (74.0, 266.0, 519.0, 294.0)]
    assert not _is_frame(bbox, cells, _chars([(242.0, "信息内容"), (270.0, "规章")]))


def test_full_line_at_the_foot_of_a_page_runs_on():
    foot = _Line("将栏目不", 74.0, 518.5, 752.0, 768.0, 16.0, page=2)
    top = _Line("新、政策解读不通俗易懂。", 74.0, 400.0, 90.0, 106.0, 16.0, page=3)
    assert not _starts_paragraph(foot, top, 74.0, 520.0, 12.0)
    short = _Line("完成了各项任务。", 74.0, 202.0, 752.0, 768.0, 16.0, page=2)
    assert _starts_paragraph(short, top, 74.0, 520.0, 12.0)
    indented = _Line("（五）监督保障情况。", 106.0, 518.5, 90.0, 106.0, 16.0, page=3)
    assert _starts_paragraph(foot, indented, 74.0, 520.0, 12.0)


def test_framed_title_intro_and_section_are_prose(tmp_path, monkeypatch):
    """Word borders round the title and introduction, and round section 五 with
    its paragraphs: LibreOffice draws one box round each group of lines."""
    if writers.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot render the framed PDF fixture")
    report = sample_report("2021")
    heading, paras = report.sections["五"]
    framed = {report.title, report.intro, heading, heading.split("、", 1)[1], *paras}
    plain_docx = writers.write_docx

    def framed_docx(rep, path, **options):
        import docx
        from docx.oxml import parse_xml

        plain_docx(rep, path, **options)
        document = docx.Document(str(path))
        for para in document.paragraphs:
            if para.text in framed:
                para._p.get_or_add_pPr().append(parse_xml(f"<w:pBdr {_W}>{_BORDER}</w:pBdr>"))
        document.save(str(path))

    monkeypatch.setattr(writers, "write_docx", framed_docx)
    pdf = writers.write_converted({"framed": report}, "pdf", tmp_path)["framed"]
    import pdfplumber

    with pdfplumber.open(pdf) as doc:  # the fixture really has its frames
        assert any(page.debug_tablefinder().cells and page.lines for page in doc.pages)
    assert [d.code for d in lint_paths([pdf])] == []

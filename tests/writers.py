"""Render one SampleReport in every format reports are published in.

Everything is generated here from the project's own sample data: .txt
(render_text), .docx (python-docx with real ``cell.merge()``, so ``gridSpan``
and ``vMerge`` exist, and section headings numbered by numbering.xml), .html
(UTF-8 or GB18030 behind ``<meta charset=gb2312>``, wrapped in fake site
navigation, scripts and a footer), .xlsx (openpyxl with merged ranges) and,
where LibreOffice is installed, .pdf and .doc converted from the .docx.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from gzlint.testing.sample import GridCell, SampleReport, official_grid, paragraphs, render_text

#: every format, in the order tests list them; those needing LibreOffice last
FORMATS = ("txt", "docx", "html", "html-gb18030", "xlsx", "pdf", "doc")
NEEDS_SOFFICE = {"pdf", "doc"}
_SUFFIX = {"html-gb18030": ".html"}
_HEADING = re.compile(r"^([一二三四五六七八九十]+)、(.*)$")
_NUMERALS = "一二三四五六七八九十"


#: how a table is printed: the official grid as one or more tables ("pieces")
Layout = Callable[[SampleReport, str], list[list[list[GridCell]]]]


def official_layout(report: SampleReport, tid: str) -> list[list[list[GridCell]]]:
    return [official_grid(report, tid)]


def _on_table(tid: str, transform: Callable[[SampleReport, list[list[GridCell]]], list[list[list[GridCell]]]]) -> Layout:
    """A layout that prints table ``tid`` as ``transform`` makes it, the others as the form does."""

    def layout(report: SampleReport, table: str) -> list[list[list[GridCell]]]:
        grid = official_grid(report, table)
        return transform(report, grid) if table == tid else [grid]

    return layout


def _grid_row(report: SampleReport, tid: str, row: str, grid: list[list[GridCell]]) -> int:
    """The grid row holding the label of data row ``row``."""
    label = report.table(tid).row(row).label.text
    return next(g.row for cells in grid for g in cells if g.text == label)


def _permuted(grid: list[list[GridCell]], order: list[int]) -> list[list[GridCell]]:
    where = {old: new for new, old in enumerate(order)}
    moved = []
    for row in grid:
        cells = []
        for g in row:
            span = sorted(where[c] for c in range(g.col, g.col + g.colspan))
            assert span == list(range(span[0], span[0] + g.colspan)), "a merged cell would be torn apart"
            cells.append(GridCell(g.text, g.row, span[0], g.rowspan, g.colspan))
        moved.append(sorted(cells, key=lambda g: g.col))
    return moved


def permute_columns(tid: str, order: list[int]) -> Layout:
    """Table ``tid`` with its grid columns printed in ``order`` (old column
    numbers, left to right); a merged cell keeps its columns together."""
    return _on_table(tid, lambda report, grid: [_permuted(grid, order)])


def swap_columns(tid: str, *pairs: tuple[str, str]) -> Layout:
    """Table ``tid`` with the columns of each pair of column ids exchanged,
    headers and values together (each column one grid column wide)."""

    def transform(report: SampleReport, grid: list[list[GridCell]]) -> list[list[list[GridCell]]]:
        spec = report.table(tid)
        where = {g.text: g.col for row in grid for g in row if g.colspan == 1}
        order = list(range(max(g.col + g.colspan for row in grid for g in row)))
        for a, b in pairs:
            ca, cb = where[spec.column(a).label.text], where[spec.column(b).label.text]
            order[ca], order[cb] = order[cb], order[ca]
        return [_permuted(grid, order)]

    return _on_table(tid, transform)


def shift_row(tid: str, row: str, *, overlap: bool = False) -> Layout:
    """Table ``tid`` with the values of data row ``row`` one column to the left,
    into its label's last column, as a PDF reader can misplace a row;
    ``overlap`` keeps the label's span, so the first value lies on top of it."""

    def transform(report: SampleReport, grid: list[list[GridCell]]) -> list[list[list[GridCell]]]:
        k = _grid_row(report, tid, row, grid)
        label = report.table(tid).row(row).label.text
        shifted = []
        for g in grid[k]:
            if g.text == label:
                shifted.append(GridCell(g.text, k, g.col, g.rowspan, g.colspan - (0 if overlap else 1)))
            elif g.col >= 3:
                shifted.append(GridCell(g.text, k, g.col - 1, g.rowspan, g.colspan))
            else:
                shifted.append(g)
        return [grid[:k] + [shifted] + grid[k + 1:]]

    return _on_table(tid, transform)


def cut_table(tid: str, before: str, *, pieces: bool = True, repeat: bool = False, header: bool = False) -> Layout:
    """Table ``tid`` cut before the grid row of data row ``before``, as a page
    break does: labels spanning the cut go on below it, empty or (``repeat``)
    written again. ``pieces`` makes two tables of it (else one table with the
    labels restarted mid-table); ``header`` repeats the three header rows of 三
    after the cut."""

    def transform(report: SampleReport, grid: list[list[GridCell]]) -> list[list[list[GridCell]]]:
        k = _grid_row(report, tid, before, grid)
        top = [[GridCell(g.text, g.row, g.col, min(g.rowspan, k - g.row), g.colspan) for g in row] for row in grid[:k]]
        carried = [GridCell(g.text if repeat else "", k, g.col, g.row + g.rowspan - k, g.colspan)
                   for row in grid[:k] for g in row if g.row + g.rowspan > k]
        bottom = [sorted(carried + grid[k], key=lambda g: g.col)] + grid[k + 1:]
        head = grid[:3] if header else []
        at = 0 if pieces else k  # where the second part starts
        second = [[GridCell(g.text, g.row + at, g.col, g.rowspan, g.colspan) for g in row] for row in head]
        second += [[GridCell(g.text, g.row + at + len(head) - k, g.col, g.rowspan, g.colspan) for g in row] for row in bottom]
        return [top, second] if pieces else [top + second]

    return _on_table(tid, transform)


def soffice() -> str | None:
    """The LibreOffice binary, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def write(report: SampleReport, fmt: str, folder: Path, name: str = "report", layout: Layout = official_layout) -> Path:
    """Write ``report`` as ``fmt`` into ``folder``; return the file. ``layout``
    (not for .txt) prints tables otherwise than the official grid."""
    folder.mkdir(parents=True, exist_ok=True)
    if fmt in NEEDS_SOFFICE:
        return write_converted({name: report}, fmt, folder, layout=layout)[name]
    path = folder / f"{name}{_SUFFIX.get(fmt, '.' + fmt)}"
    if fmt == "txt":
        if layout is not official_layout:
            raise ValueError("render_text prints the official layout only")
        path.write_text(render_text(report), encoding="utf-8")
    elif fmt == "docx":
        write_docx(report, path, layout=layout)
    elif fmt == "html":
        path.write_bytes(render_html(report, layout=layout).encode("utf-8"))
    elif fmt == "html-gb18030":
        path.write_bytes(render_html(report, charset="gb2312", layout=layout).encode("gb18030"))
    elif fmt == "xlsx":
        write_xlsx(report, path, layout=layout)
    else:
        raise ValueError(fmt)
    return path


def write_converted(reports: dict[str, SampleReport], fmt: str, folder: Path, **docx_options) -> dict[str, Path]:
    """Write several reports as .pdf or .doc in one LibreOffice run (a run
    costs about a second, whatever the number of files)."""
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gzlint-fixture-") as tmp:
        sources = []
        for name, report in reports.items():
            src = Path(tmp) / f"{name}.docx"
            write_docx(report, src, **docx_options)
            sources.append(src)
        target = {"pdf": "pdf", "doc": "doc:MS Word 97"}[fmt]
        env = dict(os.environ, HOME=tmp)
        profile = Path(tmp, "profile").as_uri()
        subprocess.run(
            [binary, "--headless", "--norestore", f"-env:UserInstallation={profile}",
             "--convert-to", target, "--outdir", str(folder), *map(str, sources)],
            check=True, capture_output=True, timeout=240, env=env,
        )
    out = {name: folder / f"{name}.{fmt}" for name in reports}
    missing = [str(p) for p in out.values() if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing}")
    return out


# -- a tab-separated text, as a grid ------------------------------------------

def grid_document(report: SampleReport, layout: Layout = official_layout, *, spans: bool = True):
    """The report as a grid reader gives it, without a file in between: every
    table a ``grid`` of the layout's cells. ``spans=False`` gives it as a reader
    of tab-separated text would: no spans, a merged cell written once and the
    positions it covers left as empty cells."""
    from gzlint.document import Cell, Document, Paragraph, Table

    doc = Document(path="report.txt", source_format="txt")
    line = 1
    for kind, item in paragraphs(report):
        if kind == "p":
            doc.blocks.append(Paragraph(str(item), line))
            line += 1
            continue
        for grid in layout(report, str(item)):
            if spans:
                rows = [[Cell(g.text, line + g.row, g.row, g.col, g.rowspan, g.colspan) for g in row] for row in grid]
            else:
                texts: dict[tuple[int, int], str] = {}
                for row in grid:
                    for g in row:
                        for r in range(g.row, g.row + g.rowspan):
                            for c in range(g.col, g.col + g.colspan):
                                texts[(r, c)] = g.text if (r, c) == (g.row, g.col) else ""
                height, width = max(r for r, _ in texts) + 1, max(c for _, c in texts) + 1
                rows = [[Cell(texts.get((r, c), ""), line + r, r, c) for c in range(width)] for r in range(height)]
            doc.blocks.append(Table(rows, "grid", line))
            line += len(rows) + 1
    return doc


# -- .docx ---------------------------------------------------------------------

def write_docx(report: SampleReport, path: Path, *, row_height_cm: float | None = None, font_pt: float | None = None,
               layout: Layout = official_layout, page_break: bool = False) -> None:
    """``row_height_cm`` makes table rows tall (a table over several PDF pages);
    ``page_break`` puts a page break between the pieces of a table cut by ``layout``."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm, Pt

    document = docx.Document()
    if font_pt:
        document.styles["Normal"].font.size = Pt(font_pt)
    num_id = _heading_numbering(document) if _headings_consecutive(report) else None
    for kind, item in paragraphs(report):
        if kind == "p":
            text = str(item)
            heading = _HEADING.match(text)
            if num_id is not None and heading and text in {h for h, _ in report.sections.values()}:
                para = document.add_paragraph(heading.group(2))
                _number(para, num_id)
            else:
                document.add_paragraph(text)
            continue
        grids = layout(report, str(item))
        for n, grid in enumerate(grids):
            if n and page_break:
                document.add_paragraph("").add_run().add_break(WD_BREAK.PAGE)
            nrows = len(grid)
            ncols = max(c.col + c.colspan for row in grid for c in row)
            table = document.add_table(rows=nrows, cols=ncols)
            table.style = "Table Grid"
            cells = [list(row.cells) for row in table.rows]
            for row in grid:
                for g in row:
                    cell = cells[g.row][g.col]
                    if g.rowspan > 1 or g.colspan > 1:
                        cell = cell.merge(cells[g.row + g.rowspan - 1][g.col + g.colspan - 1])
                    cell.text = g.text
            for tr in table.rows:
                _cant_split(tr)
                if row_height_cm:
                    tr.height = Cm(row_height_cm)
            document.add_paragraph("")
    document.save(str(path))


def _headings_consecutive(report: SampleReport) -> bool:
    numbers = list(report.sections)
    return numbers == list(_NUMERALS[: len(numbers)])


def _heading_numbering(document) -> int:
    """Add a list numbered 一、二、三、 (chineseCounting) to numbering.xml."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    abstract = parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:suff w:val="nothing"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>'
        "</w:abstractNum>"
    )
    num = parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    # abstractNum elements must come before every num
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return 90


def _number(para, num_id: int, level: int = 0) -> None:
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ppr = para._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _cant_split(tr) -> None:
    # a row split over two pages would cut value cells in the PDF; real
    # reports mostly set this, and the vertically merged labels still split
    from docx.oxml import parse_xml

    trpr = tr._tr.get_or_add_trPr()
    trpr.append(parse_xml('<w:cantSplit xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))


# -- HTML ----------------------------------------------------------------------

def render_html(report: SampleReport, charset: str = "utf-8", layout: Layout = official_layout) -> str:
    """A government-site page: navigation, scripts and footer around the report."""
    esc = html.escape
    nav = "".join(f'<li><a href="/col/col{i}/index.html">栏目{i}</a></li>' for i in range(60))
    body: list[str] = []
    items = paragraphs(report)
    for kind, item in items:
        if kind == "p":
            text = str(item)
            if text == report.title:
                body.append(f"<h1 class=\"title\">{esc(text)}</h1>")
                body.append('<div class="info">发布时间：2022-01-20 来源：本站 <a href="javascript:print()">打印</a></div>')
            else:
                body.append(f"<p style=\"text-indent:2em\">&nbsp;&nbsp;{esc(text)}</p>")
            continue
        for grid in layout(report, str(item)):
            rows = []
            for row in grid:
                tds = []
                for g in row:
                    span = (f' rowspan="{g.rowspan}"' if g.rowspan > 1 else "") + (f' colspan="{g.colspan}"' if g.colspan > 1 else "")
                    inner = "&nbsp;" if not g.text else "<br>\n\t\t".join(esc(part) for part in g.text.split("\n"))
                    tds.append(f'<td{span} valign="middle">\n\t\t<p class="MsoNormal">{inner}</p>\n\t</td>')
                rows.append("<tr>" + "".join(tds) + "</tr>")
            body.append('<table border="1" cellspacing="0" width="100%">\n' + "\n".join(rows) + "\n</table>")
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{esc(report.title or '')}_青山县人民政府</title>
<style>body {{ font: 14px SimSun; }} .nav li {{ float: left; }}</style>
<script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; document.write("<div>统计代码 加载中……</div>");</script>
</head><body>
<div class="top"><div class="logo">青山县人民政府门户网站</div>
<form action="/search"><input name="q" value="请输入关键字"><button>搜索</button></form></div>
<ul class="nav">{nav}</ul>
<div class="main"><div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; 年度报告</div>
<div class="article" id="zoom">
{chr(10).join(body)}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</div>
<div class="footer"><p>主办单位：青山县人民政府办公室　承办单位：青山县大数据中心</p>
<p>网站标识码：0000000000　备案号：示例ICP备00000000号</p></div>
<script>window.onload = function () {{ console.log("统计"); }};</script>
</body></html>
"""


# -- .xlsx ---------------------------------------------------------------------

def write_xlsx(report: SampleReport, path: Path, layout: Layout = official_layout) -> None:
    """Paragraphs in column A, each table as a merged grid, blank rows between."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "年度报告"
    r = 1
    for kind, item in paragraphs(report):
        if kind == "p":
            ws.cell(row=r, column=1, value=str(item))
            r += 2
            continue
        for grid in layout(report, str(item)):
            for row in grid:
                for g in row:
                    ws.cell(row=r + g.row, column=1 + g.col, value=_xlsx_value(g.text))
                    if g.rowspan > 1 or g.colspan > 1:
                        ws.merge_cells(start_row=r + g.row, start_column=1 + g.col,
                                       end_row=r + g.row + g.rowspan - 1, end_column=g.col + g.colspan)
            r += len(grid) + 1
    wb.save(str(path))


def _xlsx_value(text: str):
    """Numbers as numbers, as reviewers type them."""
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.\d+", text):
        return float(text)
    return text or None


# -- text layouts other tools write (tab matrices, Markdown, web-archive dumps) --

def full_matrix(report: SampleReport, tid: str, *, repeat: bool, grid: list[list[GridCell]] | None = None) -> list[list[str]]:
    """The table (or ``grid``, one piece of it) with every position filled: a
    merged cell's text repeated on each position it covers (``repeat``), or only
    at its origin."""
    grid = grid if grid is not None else official_grid(report, tid)
    nrows = max(c.row + c.rowspan for row in grid for c in row)
    ncols = max(c.col + c.colspan for row in grid for c in row)
    matrix = [[""] * ncols for _ in range(nrows)]
    for row in grid:
        for c in row:
            for rr in range(c.row, c.row + c.rowspan):
                for cc in range(c.col, c.col + c.colspan):
                    if repeat or (rr, cc) == (c.row, c.col):
                        matrix[rr][cc] = c.text.replace("\n", "")
    return matrix


def render_tsv(report: SampleReport, *, repeat: bool = True, layout: Layout = official_layout) -> str:
    """Spreadsheet "copy as text": one row per line, fields separated by tabs,
    merged labels repeated on every row (``repeat``) or left blank; each piece
    of a ``layout`` after the last."""
    lines: list[str] = []
    for kind, item in paragraphs(report):
        if kind == "p":
            lines.append(str(item))
        else:
            for grid in layout(report, str(item)):
                lines += ["\t".join(row) for row in full_matrix(report, str(item), repeat=repeat, grid=grid)]
    return "\n".join(lines) + "\n"


def render_markdown(report: SampleReport, *, wrap: int = 30, page_lines: int = 18) -> str:
    """A PDF→Markdown conversion: prose hard-wrapped at ``wrap`` characters
    with blank lines between paragraphs, tables as pipe tables (merged labels
    at their origin only), and the page footer "— N —" on a line of its own
    every ``page_lines`` lines, wherever the page broke (inside a paragraph too)."""
    out: list[str] = []
    page = 1
    since = 0

    def emit(line: str) -> None:
        nonlocal page, since
        out.append(line)
        since += 1
        if since >= page_lines:
            out.append(f"— {page} —")
            page += 1
            since = 0

    for kind, item in paragraphs(report):
        if kind == "p":
            text = str(item)
            for start in range(0, len(text), wrap):
                emit(text[start : start + wrap])
            out.append("")
            continue
        matrix = full_matrix(report, str(item), repeat=False)
        for k, row in enumerate(matrix):
            emit("| " + " | ".join(row) + " |")
            if k == 0:
                out.append("|" + "---|" * len(row))
        out.append("")
    out.append(f"— {page} —")
    return "\n".join(out) + "\n"


def render_flattened(report: SampleReport) -> str:
    """A web archiver's text dump: the whole page on one line, paragraphs run
    together, table cells run together with no separators."""
    parts: list[str] = []
    for kind, item in paragraphs(report):
        if kind == "p":
            parts.append(str(item))
        else:
            parts += ["".join(c.text.replace("\n", "") for c in row) for row in official_grid(report, str(item))]
    return "".join(parts) + "\n"

"""A hostile corpus: files built to exhaust memory or time, or to crash a reader.

Every file is generated here, byte by byte (no binary is committed): zip and
PDF bombs, absurd spans and merged ranges, sheets reaching XFD1048576, huge
tables, deep nesting, numbers of 100,000 digits, entity tricks, damaged
archives and mislabelled encodings. ``write_corpus(folder)`` writes it all;
tests/test_hostile.py lints it in a memory-capped subprocess and
tools/fuzz.py measures each case.

Never open these files without a memory cap (``resource.setrlimit``): that
is what they are for.
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from pathlib import Path
from typing import Callable

from .sample import render_text, sample_report

_MB = 1024 * 1024
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# -- containers ------------------------------------------------------------


def _zip(parts: dict[str, bytes], level: int = 9) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def docx(document_xml: bytes, level: int = 9) -> bytes:
    """A minimal .docx around a ``word/document.xml``."""
    types = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             b'<Default Extension="xml" ContentType="application/xml"/></Types>')
    return _zip({"[Content_Types].xml": types, "word/document.xml": document_xml}, level)


def body(inner: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>{inner}</w:body></w:document>'.encode()


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def xlsx(sheet_data: str, merges: str = "", level: int = 9) -> bytes:
    """A minimal .xlsx with one sheet: ``<sheetData>`` content and ``<mergeCells>``."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>"
        ).encode(),
        "_rels/.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{pkg}"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0"?><workbook xmlns="{_S}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{pkg}"><Relationship Id="rId1" '
            f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ).encode(),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0"?><worksheet xmlns="{_S}"><sheetData>{sheet_data}</sheetData>{merges}</worksheet>'
        ).encode(),
    }
    return _zip(parts, level)


def ods(rows: str) -> bytes:
    """A minimal .ods with one sheet of ``<table:table-row>`` markup."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="S">{rows}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                "</manifest:manifest>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", manifest)
    return buf.getvalue()


def inline_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def pdf(content: bytes, filter_deflate: bool = True, break_xref: bool = False) -> bytes:
    """A one-page PDF whose page content is ``content`` (already deflated when
    ``filter_deflate``); ``break_xref`` points every xref entry at nothing."""
    stream_dict = f"<< /Length {len(content)}{' /Filter /FlateDecode' if filter_deflate else ''} >>".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream_dict + b"\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{(off + 7919 if break_xref else off):010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref + (13 if break_xref else 0)}\n%%EOF\n".encode())
    return out.getvalue()


def _deflate_zeros(size: int) -> bytes:
    """A zlib stream of ``size`` blanks, built without compressing them all:
    once the window is full of blanks every further megabyte deflates to the
    same bytes, so that piece is repeated and the checksum chained."""
    chunk = b" " * _MB
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(chunk) + comp.flush(zlib.Z_SYNC_FLUSH)
    steady = comp.compress(chunk) + comp.flush(zlib.Z_SYNC_FLUSH)
    assert comp.compress(chunk) + comp.flush(zlib.Z_SYNC_FLUSH) == steady
    adler = 1
    for _ in range(size // _MB):
        adler = zlib.adler32(chunk, adler)
    body = first + steady * (size // _MB - 1) + comp.flush()
    return b"\x78\xda" + body + adler.to_bytes(4, "big")


def _lie_about_size(data: bytes, member: str, claimed: int) -> bytes:
    """Rewrite the local and central headers of ``member`` to claim ``claimed`` bytes."""
    buf = bytearray(data)
    name = member.encode()
    pos = 0
    while True:
        pos = buf.find(name, pos + 1)
        if pos < 0:
            return bytes(buf)
        if buf[pos - 30:pos - 26] == b"PK\x03\x04":  # local header: uncompressed size at +22
            buf[pos - 30 + 22:pos - 30 + 26] = claimed.to_bytes(4, "little")
        elif buf[pos - 46:pos - 42] == b"PK\x01\x02":  # central header: uncompressed size at +24
            buf[pos - 46 + 24:pos - 46 + 28] = claimed.to_bytes(4, "little")


# -- the cases -------------------------------------------------------------


def _report_text() -> str:
    """A report with one known error (a total that does not add up), so that
    a case which is read correctly still gets a diagnostic."""
    return render_text(sample_report().set_cell("litigation", "review", "total", "3"))


def _huge_number_text() -> bytes:
    digits = "9" * 100_000
    text = render_text(sample_report().set_cell("litigation", "review", "total", digits))
    return text.replace("申请16件", f"申请{digits}件").encode("utf-8")


def _huge_numeral_text() -> bytes:
    text = render_text(sample_report().set_cell("litigation", "review", "total", "3"))
    return text.replace("申请16件", f"申请{'二' * 100_000}").encode("utf-8")


def _docx_lying_header() -> bytes:
    xml = body(para("年度报告") * 10 + "<w:p>" + "<w:r><w:t>数据</w:t></w:r>" * (40 * _MB // 30) + "</w:p>")
    return _lie_about_size(docx(xml, level=1), "word/document.xml", 1000)


def _docx_big_part() -> bytes:
    # 150 MB of well-formed paragraphs: under the old 200 MB part limit, 4.3 GB in lxml
    return docx(body(para("二〇二一年度政府信息公开工作年度报告") * (150 * _MB // 90)), level=1)


def _docx_billion_laughs() -> bytes:
    ents = '<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    xml = f'<?xml version="1.0"?><!DOCTYPE w:document [{ents}]><w:document xmlns:w="{_W}"><w:body>' \
          f'{para("&a9;")}</w:body></w:document>'
    return docx(xml.encode())


def _docx_xxe() -> bytes:
    xml = f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>' \
          f'<w:document xmlns:w="{_W}"><w:body>{para("&x;")}</w:body></w:document>'
    return docx(xml.encode())


def _docx_deep() -> bytes:
    depth = 1000  # under libxml2's own 2048, so gzlint's depth limit is what stops it
    inner = "<w:sdt><w:sdtContent>" * depth + para("深") + "</w:sdtContent></w:sdt>" * depth
    return docx(body(inner))


def _docx_huge_span() -> bytes:
    row = '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2000000000"/><w:vMerge w:val="restart"/></w:tcPr>' \
          + para("甲") + "</w:tc></w:tr>"
    cont = '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2000000000"/><w:vMerge/></w:tcPr>' + para("") + "</w:tc></w:tr>"
    return docx(body("<w:tbl>" + row + cont * 3000 + "</w:tbl>"))


def _docx_truncated() -> bytes:
    data = docx(body(para("二〇二一年度政府信息公开工作年度报告") * 200))
    return data[: len(data) // 2]


def _html_huge_spans() -> bytes:
    rows = "".join(f'<tr><td rowspan="100000" colspan="100000">{i}</td><td>x</td></tr>' for i in range(200))
    return f"<html><body><table>{rows}</table></body></html>".encode()


def _html_rows(n: int) -> bytes:
    rows = "".join(f"<tr><td>第{i}行</td><td>{i}</td><td>{i}</td></tr>" for i in range(n))
    return f"<html><body><p>二〇二一年度政府信息公开工作年度报告</p><table>{rows}</table></body></html>".encode()


def _html_deep() -> bytes:
    return b"<html><body>" + b"<div>" * 100_000 + "深".encode() + b"</div>" * 100_000 + b"</body></html>"


def _html_mislabelled() -> bytes:
    page = '<html><head><meta charset="utf-8"></head><body><p>二〇二一年度政府信息公开工作年度报告</p></body></html>'
    return page.encode("gb18030")


def _xlsx_far_cells() -> bytes:
    return xlsx(f'<row r="1">{inline_cell("A1", "标题")}</row>'
                f'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')


def _xlsx_merged_everything() -> bytes:
    return xlsx(f'<row r="1">{inline_cell("A1", "标题")}</row><row r="2"><c r="B2"><v>5</v></c></row>',
                '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')


def _ods_far_cells() -> bytes:
    value = '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
    return ods('<table:table-row><table:table-cell office:value-type="string"><text:p>标题</text:p></table:table-cell>'
               '</table:table-row><table:table-row table:number-rows-repeated="1048570">'
               '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
               f'<table:table-row><table:table-cell table:number-columns-repeated="16383"/>{value}</table:table-row>')


def _xlsx_million_rows() -> bytes:
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 1_000_001))
    return xlsx(rows, level=1)


def _pdf_bomb() -> bytes:
    return pdf(_deflate_zeros(1024 * _MB))


def _pdf_broken_xref() -> bytes:
    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td (2021 report) Tj ET")
    return pdf(content, break_xref=True)


def _random(seed: int, head: bytes = b"", size: int = 4000) -> bytes:
    rng = random.Random(seed)
    return head + bytes(rng.randrange(256) for _ in range(size))


#: file name → builder; every case gets its own diagnostic
CASES: dict[str, Callable[[], bytes]] = {
    "huge_number.txt": _huge_number_text,
    "huge_numeral.txt": _huge_numeral_text,
    "docx_lying_header.docx": _docx_lying_header,
    "docx_big_part.docx": _docx_big_part,
    "docx_billion_laughs.docx": _docx_billion_laughs,
    "docx_xxe.docx": _docx_xxe,
    "docx_deep.docx": _docx_deep,
    "docx_huge_span.docx": _docx_huge_span,
    "docx_truncated.docx": _docx_truncated,
    "html_huge_spans.html": _html_huge_spans,
    "html_20000_rows.html": lambda: _html_rows(20_000),
    "html_deep.html": _html_deep,
    "html_21mb.html": lambda: b"<html><body>" + "<p>年度报告</p>".encode() * (21 * _MB // 19) + b"</body></html>",
    "text_1200000_chars.txt": lambda: ("二〇二一年度政府信息公开工作年度报告\n" * 60_000).encode("utf-8"),
    "html_mislabelled.html": _html_mislabelled,
    "xlsx_far_cells.xlsx": _xlsx_far_cells,
    "xlsx_merged_everything.xlsx": _xlsx_merged_everything,
    "xlsx_million_rows.xlsx": _xlsx_million_rows,
    "ods_far_cells.ods": _ods_far_cells,
    "pdf_bomb.pdf": _pdf_bomb,
    "pdf_broken_xref.pdf": _pdf_broken_xref,
    "text_utf16_no_bom.txt": lambda: _report_text().encode("utf-16-le"),
    "text_latin1_labelled.txt": lambda: "Résumé du rapport annuel ÀÉÎ".encode("latin-1") * 50,
}
for _n, _ext in enumerate((".txt", ".docx", ".html", ".pdf", ".xlsx", ".doc", ".mht", ".xls", ".ods")):
    CASES[f"empty{_ext}"] = lambda: b""
    CASES[f"random{_ext}"] = lambda _n=_n: _random(_n)
for _n, (_name, _head) in enumerate({"zip": b"PK\x03\x04", "pdf": b"%PDF-1.7\n", "ole": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                                     "html": b"<html><table><tr><td rowspan=", "mht": b"MIME-Version: 1.0\n"}.items()):
    CASES[f"garbage_{_name}.{ {'zip': 'docx', 'ole': 'doc'}.get(_name, _name)}"] = lambda _n=_n, _head=_head: _random(100 + _n, _head)


def write_corpus(folder: str | Path, names: list[str] | None = None) -> list[Path]:
    """Write the cases (all, or ``names``) into ``folder``; their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names or list(CASES):
        path = folder / name
        path.write_bytes(CASES[name]())
        paths.append(path)
    return paths

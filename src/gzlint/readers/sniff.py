"""Decide what kind of file a byte string is, by content rather than extension.

Reports arrive with misleading names: a CMS export saved as .doc is often HTML
or MHT, and WPS Office writes .docx under other names.
"""

from __future__ import annotations

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MARKDOWN_SUFFIXES = (".md", ".markdown")


def sniff(data: bytes, suffix: str = "") -> str:
    """Return one of: docx, xlsx, ods, zip, ole, pdf, rtf, html, mht, markdown, text, empty."""
    if not data.strip():
        return "empty"
    head = data[:4096]
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.lstrip().startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    probe = _ascii_probe(head)
    if probe.startswith("mime-version:") or "\ncontent-type: multipart/related" in probe[:2048]:
        return "mht"
    if any(tag in probe for tag in ("<html", "<!doctype html", "<body", "<table", "<meta ")):
        return "html"
    if suffix in MARKDOWN_SUFFIXES:  # plain text either way; the name says how to read it
        return "markdown"
    return "text"


def _ascii_probe(head: bytes) -> str:
    # UTF-16 HTML would hide its tags behind NUL bytes; drop them for the probe only.
    return head.replace(b"\x00", b"").decode("latin-1").lower().lstrip("\ufeff\xef\xbb\xbf \r\n\t")


def _zip_kind(data: bytes) -> str:
    # imported here: zipfile is not for the runs that read no zip file
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):  # damaged central directory
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names and "mimetype" in names:
        return "ods"
    return "zip"

"""Readers: turn any input file into the document model.

The kind of a file is decided by its content (``sniff``), not its extension.
Each kind maps to a reader function ``(path, data) -> Document`` that raises
``ReadFailure`` for input it cannot read; heavy readers are imported only
when a file of their kind turns up. Plugins can read other kinds through the
``gzlint_read_document`` hook, which is asked first.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

from ..messages import msg
from ..document import Document, ReadFailure
from .sniff import sniff

Reader = Callable[[str, bytes], Document]

#: kind → "module:function", imported lazily
READERS: dict[str, str] = {
    "text": "gzlint.readers.text:read_text",
    "markdown": "gzlint.readers.markdown:read_markdown",
    "docx": "gzlint.readers.docx:read_docx",
    "html": "gzlint.readers.html:read_html",
    "mht": "gzlint.readers.html:read_mht",
    "pdf": "gzlint.readers.pdf:read_pdf",
    "xlsx": "gzlint.readers.xlsx:read_spreadsheet",
    "ods": "gzlint.readers.xlsx:read_spreadsheet",
    "ole": "gzlint.readers.ole:read_ole",
}

#: extensions that folders are searched for (explicit file arguments are always read)
REPORT_SUFFIXES = (
    ".txt", ".text", ".docx", ".doc", ".wps", ".docm", ".html", ".htm", ".shtml", ".xhtml",
    ".mht", ".mhtml", ".pdf", ".xlsx", ".xls", ".xlsm", ".ods", ".et", ".rtf", ".md", ".markdown",
)


#: formats that are zip archives inside: a damaged one sniffs as plain "zip"
_OFFICE_ZIP_SUFFIXES = (".docx", ".docm", ".xlsx", ".xlsm", ".ods")


def _reader_for(kind: str) -> Reader | None:
    target = READERS.get(kind)
    if target is None:
        return None
    module, _, func = target.partition(":")
    return getattr(importlib.import_module(module), func)


def read_bytes(path: str, data: bytes, hook=None) -> Document:
    """Read ``data`` (the content of ``path``) into a document."""
    kind = sniff(data, Path(path).suffix.lower())
    if kind == "empty":
        raise ReadFailure("GZ001", msg("GZ001.empty"))
    if hook is not None:
        doc = hook.gzlint_read_document(path=path, data=data, kind=kind)
        if doc is not None:
            return doc
    reader = _reader_for(kind)
    if kind == "zip" and Path(path).suffix.lower() in _OFFICE_ZIP_SUFFIXES:
        raise ReadFailure("GZ001", msg("GZ001.damaged-zip"))
    if reader is None:
        raise ReadFailure("GZ001", msg("GZ001.unsupported", kind=kind))
    return reader(path, data)


def read_file(path: str | Path, hook=None) -> Document:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ReadFailure("GZ001", msg("GZ001.missing")) from None
    except OSError as exc:
        raise ReadFailure("GZ001", msg("GZ001.os-error", error=str(exc.strerror or exc))) from None
    return read_bytes(str(path), data, hook)

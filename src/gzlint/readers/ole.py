"""Legacy binary files in an OLE container: Word .doc, WPS .wps, Excel .xls/.et.

Spreadsheets go to the spreadsheet reader (calamine reads .xls). Word and WPS
documents are converted to .docx by LibreOffice headless and read as .docx:
it is the only converter that keeps merged cells (deps.md §3.2). It is an
external program, not a pip dependency; without it the file is GZ001 with the
command that installs it. Each conversion runs with its own LibreOffice
profile and ``HOME`` in a private temporary folder, because two runs sharing
a profile silently produce nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..messages import msg
from ..document import Document, ReadFailure

#: seconds one conversion may take before it counts as failed
TIMEOUT = 120


def read_ole(path: str, data: bytes) -> Document:
    # LibreOffice imports a file it cannot parse as plain text, so a damaged
    # container must be refused here: byte order mark and sector size of CFB
    if len(data) < 512 or data[28:30] != b"\xfe\xff" or data[30:32] not in (b"\x09\x00", b"\x0c\x00"):
        raise ReadFailure("GZ001", msg("GZ001.ole-corrupt"))
    if _is_spreadsheet(data):
        from .xlsx import read_spreadsheet

        return read_spreadsheet(path, data)
    from .docx import read_docx

    doc = read_docx(path, convert_to_docx(data, Path(path).suffix.lower() or ".doc"))
    doc.source_format = "doc"
    return doc


def _is_spreadsheet(data: bytes) -> bool:
    # the OLE directory stores stream names in UTF-16LE; Excel's is Workbook (or Book)
    head = data[:1 << 20]
    word = "WordDocument".encode("utf-16-le")
    return word not in head and ("Workbook".encode("utf-16-le") in head or "Book".encode("utf-16-le") in head)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, suffix: str = ".doc") -> bytes:
    """The .docx LibreOffice makes of a .doc/.wps; ReadFailure when it cannot."""
    binary = soffice()
    if binary is None:
        raise ReadFailure("GZ001", msg("GZ001.needs-libreoffice"))
    with tempfile.TemporaryDirectory(prefix="gzlint-soffice-") as tmp:
        source = Path(tmp, "input" + (suffix if suffix in (".doc", ".wps", ".dot", ".wpt") else ".doc"))
        source.write_bytes(data)
        out = Path(tmp, "out")
        profile = Path(tmp, "profile").as_uri()
        cmd = [binary, "--headless", "--norestore", "--nologo", f"-env:UserInstallation={profile}",
               "--convert-to", "docx", "--outdir", str(out), str(source)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False, stdin=subprocess.DEVNULL,
                           env=dict(os.environ, HOME=tmp))
        except subprocess.TimeoutExpired:
            raise ReadFailure("GZ001", msg("GZ001.soffice-timeout", seconds=TIMEOUT)) from None
        except OSError as exc:
            raise ReadFailure("GZ001", msg("GZ001.soffice-failed", error=str(exc))) from None
        result = out / (source.stem + ".docx")
        if not result.exists():
            raise ReadFailure("GZ001", msg("GZ001.soffice-no-output"))
        return result.read_bytes()

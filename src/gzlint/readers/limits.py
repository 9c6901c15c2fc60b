"""Resource limits on reading untrusted files: the one place for every bound.

A report is a few hundred kilobytes of text and a handful of tables of tens of
rows. A file far beyond that is hostile or broken (a zip bomb, a PDF stream
inflating to gigabytes, ``rowspan=100000``, a merged range ``A1:XFD1048576``),
and reading it whole would exhaust memory or time. Every reader asks this
module instead of trusting what the file says about itself: archive members
are counted while they inflate, tables are measured before they are expanded.

Passing a limit is a GZ001 diagnostic naming the limit and the configuration
key (``[tool.gzlint.limits]``) that raises it. The limits of the run are set
by the engine with :func:`using`; readers read them with :func:`current`.
"""

from __future__ import annotations

import os
import stat
import zlib
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any, Iterator

from ..messages import msg
from ..document import ReadFailure

_MB = 1024 * 1024
#: digits in one number: a count or an amount in a report has at most ~15; a
#: longer run is not a number anyone wrote, and int() refuses > 4300 digits
MAX_DIGITS = 30


@dataclass(frozen=True)
class Limits:
    """Each field is a configuration key (``file_mb`` ↔ ``file-mb``)."""

    #: size of an input file on disk
    file_mb: int = 100
    #: size of a text, HTML or MHT file (markup grows ~15-fold in memory once parsed)
    markup_mb: int = 20
    #: characters of text (paragraphs and cells) one document may hold; a
    #: report has some tens of thousands, and the checks' time grows with it
    text_chars: int = 1_000_000
    #: bytes one archive member (a .docx/.xlsx part) inflates to
    member_mb: int = 32
    #: bytes all parts of one file inflate to together (zip members, PDF streams)
    archive_mb: int = 128
    #: pages of a PDF
    pdf_pages: int = 200
    #: bytes one PDF stream inflates to
    pdf_stream_mb: int = 32
    #: rows of one table (or spreadsheet sheet)
    table_rows: int = 5000
    #: columns of one table (or spreadsheet sheet)
    table_columns: int = 500
    #: cells of one table once merged cells are expanded over their spans
    table_cells: int = 200_000
    #: element nesting of a markup document
    depth: int = 256
    #: address space of one worker process (-j); a file that needs more is
    #: given up as GZ001 and the worker replaced, never the machine exhausted
    worker_memory_mb: int = 4096

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name.replace("_", "-") for f in fields(cls)]

    def updated(self, table: dict[str, Any], source: str) -> "Limits":
        """These limits with the values of a ``[limits]`` table; ValueError names a bad one."""
        known = self.keys()
        changes: dict[str, int] = {}
        for key, value in table.items():
            if key not in known:
                raise ValueError(f"{source}: 未知的限制 limits.{key}（可用：{', '.join(known)}）")
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(f"{source}: limits.{key} 应为正整数，而不是 {value!r}")
            changes[key.replace("-", "_")] = value
        return replace(self, **changes)


_current: ContextVar[Limits] = ContextVar("gzlint_limits", default=Limits())


def current() -> Limits:
    return _current.get()


@contextmanager
def using(limits: Limits) -> Iterator[None]:
    token = _current.set(limits)
    try:
        yield
    finally:
        _current.reset(token)


def exceeded(what: str, key: str, limit: int, unit: str = "") -> ReadFailure:
    """The GZ001 for a passed limit: which limit, and the key that raises it."""
    return ReadFailure("GZ001", msg("GZ001.limit", what=what, limit=limit, unit=unit, key=key))


# -- input files -----------------------------------------------------------


def read_input(path: str) -> bytes:
    """The bytes of a regular file, at most ``file-mb`` of them.

    A FIFO, device or socket is refused before it is read: reading /dev/zero
    never ends and opening a FIFO waits for a writer (hence O_NONBLOCK)."""
    limit = current().file_mb * _MB
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:  # a mistyped path on the command line: say so, and what to do
        raise ReadFailure("GZ001", msg("GZ001.missing")) from None
    except OSError as exc:
        raise ReadFailure("GZ001", msg("GZ001.os-error", error=str(exc.strerror or exc))) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadFailure("GZ001", msg("GZ001.not-regular", kind=_kind(info.st_mode)))
        if info.st_size > limit:
            raise exceeded(f"文件大小 {info.st_size // _MB} MB ", "file-mb", current().file_mb, " MB")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise ReadFailure("GZ001", msg("GZ001.os-error", error=str(exc.strerror or exc))) from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while we read it
        raise exceeded("文件大小", "file-mb", current().file_mb, " MB")
    return data


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "命名管道 FIFO"), (stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"),
                       (stat.S_ISSOCK, "套接字"), (stat.S_ISDIR, "文件夹")):
        if test(mode):
            return name
    return "特殊文件"


def check_markup(data: bytes, suffix: str) -> None:
    """Refuse a text, HTML or MHT file too large to be a report before it is parsed."""
    limit = current().markup_mb
    if len(data) <= limit * _MB:
        return
    from .sniff import sniff  # only for a large file: sniffing a zip opens it

    if sniff(data, suffix) in ("text", "html", "mht"):
        raise exceeded(f"文本或网页文件大小 {len(data) // _MB} MB ", "markup-mb", limit, " MB")


def check_text(doc) -> None:
    """Refuse a document holding far more text than a report (checked before matching)."""
    from ..document import Paragraph

    limit = current().text_chars
    total = 0
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            total += len(block.text)
        else:
            total += sum(len(cell.text) for row in block.rows for cell in row)
        if total > limit:
            raise exceeded("文档的文字量", "text-chars", limit, " 字")


# -- archives --------------------------------------------------------------


class ZipBudget:
    """Inflates members of one archive, counting the bytes actually produced:
    a member's header may claim any size, so it is never trusted."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.total = 0

    def read(self, zf, name: str) -> bytes:
        limits = current()
        member, total = limits.member_mb * _MB, limits.archive_mb * _MB
        chunks: list[bytes] = []
        size = 0
        with zf.open(name) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                size += len(chunk)
                self.total += len(chunk)
                if size > member:
                    raise exceeded(f"{self.what}中的 {name} 解压后", "member-mb", limits.member_mb, " MB")
                if self.total > total:
                    raise exceeded(f"{self.what}解压后的总大小", "archive-mb", limits.archive_mb, " MB")
                chunks.append(chunk)
        return b"".join(chunks)


# -- tables ----------------------------------------------------------------


def check_table(rows: int, columns: int, what: str = "表格") -> None:
    """Refuse a table (or sheet) with more rows or columns than a report has."""
    limits = current()
    if rows > limits.table_rows:
        raise exceeded(f"{what}的行数 {rows} ", "table-rows", limits.table_rows, " 行")
    if columns > limits.table_columns:
        raise exceeded(f"{what}的列数 {columns} ", "table-columns", limits.table_columns, " 列")


def check_cells(cells: int, what: str = "表格") -> None:
    """Refuse a table whose merged cells expand to more cells than the limit."""
    limit = current().table_cells
    if cells > limit:
        raise exceeded(f"{what}展开合并单元格后的单元格数 {cells} ", "table-cells", limit, " 个")


def clip_span(span: int) -> int:
    """A rowspan/colspan no larger than a table may be: the table is measured
    (and refused if too large) after placing, so clipping loses nothing real."""
    limits = current()
    return max(1, min(span, max(limits.table_rows, limits.table_columns)))


# -- markup ----------------------------------------------------------------


def check_depth(root, what: str = "文档") -> None:
    """Refuse an lxml tree nested deeper than ``depth`` (readers walk it recursively).

    A node nests one level below its parent element; comments and processing
    instructions do not count, entity references (left unexpanded) do, as in
    ``etree.iterwalk``. The elements at the limit's level are found by XPath,
    in C: a Python walk over every element costs more than parsing the page."""
    from lxml import etree

    limit = current().depth
    for el in _elements_at(root, limit):
        if any(isinstance(child.tag, str) or child.tag is etree.Entity for child in el):
            raise exceeded(f"{what}的元素嵌套层数", "depth", limit, " 层")


#: XPath steps evaluated at once (libxml2 refuses a path thousands of steps long)
_XPATH_STEPS = 256


def _elements_at(root, level: int) -> list:
    """The elements ``level`` deep, counting ``root`` as 1."""
    nodes = [root]
    while level > 1 and nodes:
        steps = min(level - 1, _XPATH_STEPS)
        path = _child_steps(steps)
        nodes = [found for el in nodes for found in path(el)]
        level -= steps
    return nodes


@lru_cache(maxsize=8)
def _child_steps(steps: int):
    from lxml import etree

    return etree.XPath("/".join(["*"] * steps))


# -- PDF -------------------------------------------------------------------


def check_pages(pages: int) -> None:
    limit = current().pdf_pages
    if pages > limit:
        raise exceeded(f"PDF 的页数 {pages} ", "pdf-pages", limit, " 页")


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside pdfminer: inflation stops at
    ``pdf-stream-mb`` instead of filling memory with a 1 GiB stream."""

    error = zlib.error

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, *args) -> bytes:
        d = zlib.decompressobj(*args[:1])  # (wbits, bufsize): bufsize is only a hint
        out = _bounded(d, data)
        if not d.eof:  # what zlib.decompress says of a cut stream (pdfminer then salvages)
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    @staticmethod
    def decompressobj(*args, **kwargs):
        return _BoundedInflater(zlib.decompressobj(*args, **kwargs))


class _BoundedInflater:
    def __init__(self, inner) -> None:
        self.inner = inner
        self.size = 0

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = _bounded(self.inner, data, self.size)
        self.size += len(out)
        return out


#: bytes the PDF being read has inflated so far (pdfminer keeps decoded streams)
_pdf_inflated: ContextVar[list[int] | None] = ContextVar("gzlint_pdf_inflated", default=None)


def _bounded(inflater, data: bytes, already: int = 0) -> bytes:
    limits = current()
    limit, total = limits.pdf_stream_mb * _MB, _pdf_inflated.get()
    out = inflater.decompress(data, max(1, limit - already + 1))
    if already + len(out) > limit:
        raise exceeded("PDF 数据流解压后", "pdf-stream-mb", limits.pdf_stream_mb, " MB")
    if total is None:  # pdfminer used outside read_pdf: only the per-stream bound
        return out
    total[0] += len(out)
    if total[0] > limits.archive_mb * _MB:
        raise exceeded("PDF 全部数据流解压后", "archive-mb", limits.archive_mb, " MB")
    return out


def bound_pdf_streams() -> None:
    """Make pdfminer inflate streams within ``pdf-stream-mb`` each and
    ``archive-mb`` together, counting from zero for the file about to be read."""
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _BoundedZlib):
        pdftypes.zlib = _BoundedZlib()
    _pdf_inflated.set([0])

"""Turn the bytes of a text-like file into str.

Order (see ../shared/deps.md §3.5): BOM, strict UTF-8, strict GB18030 — never
the narrower gb2312/gbk codecs, which fail on characters such as 镕 — and
charset-normalizer only as a last resort for Big5 or BOM-less UTF-16.
"""

from __future__ import annotations

import codecs
import re

from ..messages import msg
from ..document import ReadFailure
from ..text import CHINESE_TEXT

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: labels that name a subset of GB18030; decoding with them loses characters
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "hz-gb-2312", "936"}


def normalise_label(label: str) -> str:
    """Map an encoding label from a document (meta charset …) to a codec name."""
    key = label.strip().strip("\"'").lower()
    if key in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(key).name
    except LookupError:
        return ""


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ReadFailure(GZ002) when nothing fits."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    candidates = ["utf-8"]
    if declared:
        codec = normalise_label(declared)
        if codec and codec not in candidates:
            candidates.insert(0, codec)
    if "gb18030" not in candidates:
        candidates.append("gb18030")
    for name in candidates:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if name == "gb18030" and not looks_like_chinese(text):
            continue
        return text, name
    return _detect(data)


def looks_like_chinese(text: str) -> bool:
    """GB18030 decodes almost any byte string; accept it only when the result is
    mostly common CJK and ASCII rather than rare ideographs and symbols."""
    sample = text[:4000]
    letters = [ch for ch in sample if not ch.isspace()]
    if not letters:
        return True
    common = sum(1 for ch in letters if ch < "\u0080" or CHINESE_TEXT.match(ch))
    return common / len(letters) >= 0.85


def _detect(data: bytes) -> tuple[str, str]:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a core dependency
        raise ReadFailure("GZ002", msg("GZ002.not-gb18030")) from None
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadFailure("GZ002", msg("GZ002.unknown"))
    text = str(best)
    if not looks_like_chinese(text):
        raise ReadFailure(
            "GZ002",
            msg("GZ002.garbled", encoding=best.encoding),
        )
    return text, best.encoding


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a markup file declares in its first 4 KB (``<meta charset>``,
    ``http-equiv`` Content-Type or an XML declaration), or None."""
    head = data[:4096]
    found = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


def is_utf8(data: bytes) -> bool:
    """True when the bytes are valid UTF-8 with some non-ASCII text: GB18030
    bytes almost never are, so a page labelled gb2312 that passes is mislabelled."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True

"""Web pages (.html, and .mht/.mhtml archives) with lxml's HTML parser.

Reports are published inside a CMS page: navigation, scripts, search boxes,
share buttons and a footer surround the report. The reader drops script-like
and boilerplate elements, then picks the content: it descends from ``<body>``
while one child holds nearly all the text that is not link text, and every
data table. Tables that hold other tables (or a single cell) are page layout
and are read as flowing text; the others become ``grid`` tables with their
``rowspan``/``colspan`` placed on the grid.

The bytes are decoded here, not by lxml (which falls back to Latin-1 without a
``<meta>``): BOM, the declared charset, UTF-8, GB18030 (see ``encoding``).

The report's title often stands outside the picked content, in the CMS's own
title block above the article (and in ``<title>`` followed by the column and
site names). The block is found by its text (the ``<title>`` less those
suffixes, or the ``ArticleTitle`` meta) or its class, and is read as the first
paragraph; ``metadata["title"]`` is the page title less the suffixes.

``line`` is the source line of the element that starts a paragraph or cell.

The tree is plain ``lxml.etree`` (no ``lxml.html`` element classes, whose
Python-level class lookup for every element touched cost more than parsing),
and questions about the whole tree are asked of libxml2 (XPath, ``iter`` with
a tag) rather than by walking every element in Python.
"""

from __future__ import annotations

import email
import email.policy
import re
from functools import lru_cache

from lxml import etree

from ..messages import msg
from ..document import Block, Document, Paragraph, ReadFailure
from ..metadata.period import title_year
from .encoding import decode, declared_charset, is_utf8, normalise_label
from .grid import RawCell, clean_text, make_table, place_rows, unwrap_source
from . import limits
from .guard import guarded

_DROP = ("script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside",
         "iframe", "select", "button", "input", "textarea", "object", "embed", "svg", "canvas", "map")
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
          "pre", "section", "article", "center", "address", "form", "fieldset", "hr", "br", "main", "figure",
          "caption", "tr", "td", "th", "tbody", "thead", "tfoot"}
#: elements the content may be picked from (never a single paragraph)
_CONTAINERS = {"div", "section", "article", "main", "center", "form", "table", "tbody", "tr", "td", "font", "span"}
#: class/id words of site furniture around the content
_FURNITURE = re.compile(r"(^|[\s_-])(nav|navbar|menu|footer|foot|breadcrumb|crumb|share|copyright|sidebar|topbar|toolbar)([\s_-]|\d|$)", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
#: what separates the article title from the column and site names in <title>
_TITLE_SEP = re.compile(r"\s*(?:_|\||｜|\s[-－—–]+\s)\s*")
#: class/id words of a CMS's article-title block
_TITLE_BLOCK = re.compile(r"title|biaoti", re.I)
#: a title block is one line, not a paragraph of prose
_MAX_TITLE = 80
#: a child holding this share of its parent's text is where the content is
_CONTENT_SHARE = 0.9
_MAX_SPAN = 1000
_CELL_TAGS = ("td", "th")
#: libxml2's HTML parser with lxml's defaults (what lxml.html uses, less its element classes)
_PARSER = etree.HTMLParser()
_WITH_ATTRIBUTES = etree.XPath("descendant-or-self::*[@*]")
_ROWS = etree.XPath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
_FRAME_CELLS = etree.XPath("./tr/td|./*/tr/td|./tr/th|./*/tr/th")


def read_html(path: str, data: bytes) -> Document:
    declared = declared_charset(data)
    if declared and normalise_label(declared) == "gb18030" and is_utf8(data):
        declared = None  # a CMS template says gb2312 but the page was saved as UTF-8
    text, encoding = decode(data, declared)
    with guarded("HTML "):
        return parse_html(path, text, encoding, "html")


def read_mht(path: str, data: bytes) -> Document:
    """A MIME web archive (.mht, also Word's "single file web page" .doc)."""
    with guarded("MHT "):
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
        if part is None:
            raise ReadFailure("GZ001", msg("GZ001.mht-no-html"))
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset() or declared_charset(payload)
    text, encoding = decode(payload, charset)
    with guarded("MHT "):
        return parse_html(path, text, encoding, "mht")


def parse_html(path: str, text: str, encoding: str | None, source_format: str) -> Document:
    text = _XML_DECL.sub("", text, count=1)  # lxml refuses str input with an encoding declaration
    if not text.strip():
        raise ReadFailure("GZ001", msg("GZ001.html-empty"))
    root = etree.fromstring(text, _PARSER)
    if root is None:
        raise etree.ParserError("Document is empty")
    limits.check_depth(root, "HTML ")
    metadata = _metadata(root)
    _strip(root)
    body = root.find("body")
    top = body if body is not None else root
    own_text = _OwnText()
    content = _content(top, own_text)
    blocks: list[Block] = []
    _Flow(blocks, own_text).walk(content)
    title = _title_block(top, content, _title_texts(root, metadata), own_text)
    if title is not None and not _starts_with(blocks, title.text):
        blocks.insert(0, title)
    return Document(path=path, blocks=blocks, source_format=source_format, encoding=encoding, metadata=metadata)


def _metadata(root) -> dict[str, str]:
    out: dict[str, str] = {}
    title = root.findtext(".//title")
    if title and title.strip():
        out["title"] = _article_title(clean_text(title))
    for meta in root.iter("meta"):
        name = (meta.get("name") or "").lower()
        if name == "articletitle" and (meta.get("content") or "").strip():
            out["article_title"] = clean_text(meta.get("content"))
        if name in ("pubdate", "publishdate", "articlepublishtime", "firstpublishedtime") and meta.get("content"):
            out.setdefault("published", meta.get("content").strip())
    return out


def _article_title(page_title: str) -> str:
    """「…年度报告_政府信息公开年报_<site>」 → 「…年度报告」: the longest part, as
    sites put the article title before or after the column and site names."""
    parts = [p for p in _TITLE_SEP.split(page_title) if p.strip()]
    return max(parts, key=len) if parts else page_title


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _title_texts(root, metadata: dict[str, str]) -> set[str]:
    return {_squeeze(metadata[k]) for k in ("title", "article_title") if metadata.get(k)}


def _title_block(top, content, titles: set[str], own_text: _OwnText) -> Paragraph | None:
    """The article-title block above the content: the element nearest the
    content whose text is the page's title, else one whose class or id names
    a title and whose text names 政府信息公开; either names a year."""
    if content is top:
        return None
    ancestors = set(content.iterancestors())
    by_text = by_class = None
    for el in top.iter():
        if el is content:
            break
        if not isinstance(el.tag, str) or el in ancestors:
            continue
        text = _squeezed_upto(el, _MAX_TITLE)
        # a column name (政府信息公开年报) or a link to another report is not this report's title
        if not text or len(text) > _MAX_TITLE or title_year(text) is None or own_text(el) == 0:
            continue
        if text in titles:
            by_text = el
        elif _TITLE_BLOCK.search(f"{el.get('class') or ''} {el.get('id') or ''}") and "政府信息公开" in text:
            by_class = el
    el = by_text if by_text is not None else by_class
    if el is None:
        return None
    # one line: a <br> or source break inside the block is not a paragraph break
    return Paragraph(text=clean_text(unwrap_source("".join(el.itertext()))).replace("\n", ""), line=el.sourceline)


def _squeezed_upto(el, limit: int) -> str:
    """The text under ``el`` without whitespace, or "" once it is longer than
    ``limit``: a wrapper high in the page is not read whole for every element."""
    parts: list[str] = []
    size = 0
    for piece in el.itertext():
        piece = _squeeze(piece)
        size += len(piece)
        if size > limit:
            return ""
        parts.append(piece)
    return "".join(parts)


def _starts_with(blocks: list[Block], text: str) -> bool:
    """Does the content already open with this title (one of its first paragraphs)?"""
    head = [b for b in blocks[:3] if isinstance(b, Paragraph)]
    return any(_squeeze(b.text) == _squeeze(text) for b in head)


def _strip(root) -> None:
    """Drop what is never report text: scripts, forms, hidden and furniture elements."""
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop_tree(el) if el.getparent() is not None else None
    # an element with no attribute is doomed by its tag alone; libxml2 finds both kinds
    doomed = [el for el in _WITH_ATTRIBUTES(root) if _doomed(el)]
    doomed += [el for el in root.iter(*_DROP) if not len(el.attrib)]
    # the order of drops does not matter: a dropped element's tail joins that of the
    # sibling before it, dropped or not, and a subtree already dropped is out of the page
    for el in doomed:
        if el.getparent() is not None:
            _drop_tree(el)


def _doomed(el) -> bool:
    style = el.get("style")
    if el.tag in _DROP or (style and _hidden(style)):
        return True
    kind, name = el.get("class"), el.get("id")
    if not (kind or name):
        return False
    # furniture that wraps a table is more likely a badly named content box
    return _furniture(f"{kind or ''} {name or ''}") and not _has(el, "table")


# a page repeats a few styles and class names on hundreds of elements
@lru_cache(maxsize=1024)
def _hidden(style: str) -> bool:
    return _HIDDEN.search(style) is not None


@lru_cache(maxsize=1024)
def _furniture(names: str) -> bool:
    return _FURNITURE.search(names) is not None


def _drop_tree(el) -> None:
    """Remove ``el`` and its subtree, keeping its tail (lxml.html's ``drop_tree``)."""
    parent = el.getparent()
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)


def _has(el, tag: str) -> bool:
    """Does ``el`` hold a ``tag`` element (``el.find(".//tag")``, without the path parser)?"""
    return next(el.iterdescendants(tag), None) is not None


class _OwnText:
    """Length of the text under an element that is not link text, asked of
    few elements (the content's ancestors and siblings, blocks holding links).

    A length counts non-whitespace characters as ``itertext`` yields them: an
    element's text, its children's text and their tails, no comment's text.
    Link text is that of every ``<a>`` within (itself included), once per
    ``<a>`` it stands in."""

    def __init__(self) -> None:
        # element → length; the tree no longer changes once the content is sought
        self._own: dict = {}
        self._links: dict = {}

    def __call__(self, el) -> int:
        own = self._own.get(el)
        if own is None:
            own = self._own[el] = _bare_len(el) - sum(self._link(a) for a in el.iter("a"))
        return own

    def _link(self, a) -> int:
        size = self._links.get(a)
        if size is None:
            size = self._links[a] = _bare_len(a)
        return size


def _bare_len(el) -> int:
    """Non-whitespace characters of the text under ``el`` (its ``itertext``,
    serialised by libxml2 in one piece)."""
    return len(_squeeze(etree.tostring(el, method="text", encoding=str, with_tail=False)))


def _data_tables(el) -> set:
    return {t for t in el.iter("table") if not _has(t, "table")}


def _content(el, own_text: _OwnText):
    """Descend while one child holds nearly all the text and every data table."""
    while True:
        total = own_text(el)
        tables = _data_tables(el)
        best = None
        for child in el:
            if child.tag not in _CONTAINERS:
                continue
            if total and own_text(child) >= _CONTENT_SHARE * total and _data_tables(child) >= tables:
                best = child
                break
        # descend through layout tables, but keep a data table whole
        if best is None or (best.tag == "table" and not _is_layout(best)):
            return el
        el = best


class _Flow:
    """Turns flowing markup into paragraphs and tables."""

    def __init__(self, blocks: list[Block], own_text: _OwnText) -> None:
        self.blocks = blocks
        self.own_text = own_text
        self.buffer: list[str] = []
        self.line: int | None = None

    def walk(self, el) -> None:
        self.visit(el)
        self.flush()

    def flush(self) -> None:
        text = clean_text("".join(self.buffer))
        for part in text.split("\n"):  # a <br> inside a paragraph starts a new line
            if part:
                self.blocks.append(Paragraph(text=part, line=self.line))
        self.buffer, self.line = [], None

    def add(self, text: str | None, line: int | None) -> None:
        if text:
            if self.line is None and text.strip():
                self.line = line
            self.buffer.append(unwrap_source(text))

    def visit(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table" and not _is_layout(el):
            self.flush()
            table = _table(el)
            if table.rows:
                self.blocks.append(table)
            return
        block = tag in _BLOCK or tag == "table"
        if block and _has(el, "a") and self.own_text(el) == 0:
            return  # a menu or a list of links, not report text
        if block:
            self.flush()
        self.add(el.text, el.sourceline)
        for child in el:
            self.visit(child)
            self.add(child.tail, child.sourceline)
        if block:
            self.flush()


def _is_layout(table) -> bool:
    """A table used for page layout: it nests tables, or is a single frame cell."""
    return _has(table, "table") or len(_FRAME_CELLS(table)) <= 1


def _table(table):
    rows: list[list[RawCell]] = []
    trs = _ROWS(table)
    limits.check_table(len(trs), 0)  # before reading 20,000 rows of cells
    for tr in trs:
        row = []
        for td in tr:
            if td.tag not in _CELL_TAGS:
                continue
            row.append(RawCell(_cell_text(td), 0, 0, _span(td, "rowspan"), _span(td, "colspan"), td.sourceline))
        rows.append(row)
    cells = place_rows(rows)
    return make_table(cells, line=table.sourceline)


def _span(td, name: str) -> int:
    given = td.get(name)
    if not given:
        return 1
    try:
        value = int(float(given.strip() or 1))
    except ValueError:
        return 1
    # rowspan=0 means "to the end of the table"; make_table clips the excess
    return _MAX_SPAN if value == 0 and name == "rowspan" else max(1, min(value, _MAX_SPAN))


def _cell_text(td) -> str:
    if not len(td):  # text alone: the lines around the cell's block add nothing
        return _clean_cell(unwrap_source(td.text or ""))
    parts: list[str] = []
    _cell_parts(td, parts)
    return _clean_cell("".join(parts))


#: a table repeats its cells' markup ("0" between the same line breaks) over and over
_clean_cell = lru_cache(maxsize=4096)(clean_text)


def _cell_parts(el, parts: list[str]) -> None:
    """The text under ``el``, each block on lines of its own."""
    block = el.tag in _BLOCK
    if block:
        parts.append("\n")
    if el.text:
        parts.append(unwrap_source(el.text))
    for child in el:
        _cell_parts(child, parts)
        if child.tail:
            parts.append(unwrap_source(child.tail))
    if block:
        parts.append("\n")

"""Word .docx read straight from its XML (zipfile + lxml, deps.md §3.1).

python-docx would lose what this reader keeps: vertical merges (``w:vMerge``),
text in tracked insertions (``w:ins``) and content controls (``w:sdt``), and
automatic numbering (一、 （一）), which lives in numbering.xml, not in the text.
Deleted text (``w:del``, ``w:moveFrom``) is dropped.

``line`` is the paragraph's running number: the 1-based position of the
``w:p`` among all paragraphs of the body in reading order, those inside table
cells included (a cell's line is that of its first paragraph).
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from ..messages import msg
from ..document import Block, Document, Paragraph, ReadFailure
from .grid import RawCell, clean_text, make_table
from . import limits
from .guard import guarded
from .numbering import W, Numbering, xml_parser

_W = f"{{{W}}}"
_P, _TBL, _PPR, _PSTYLE, _NUMPR, _VAL = (f"{_W}{n}" for n in ("p", "tbl", "pPr", "pStyle", "numPr", "val"))
_T, _TAB, _NO_BREAK_HYPHEN = f"{_W}t", f"{_W}tab", f"{_W}noBreakHyphen"
_BREAKS = {f"{_W}br", f"{_W}cr"}
_TR, _TC, _TRPR, _TCPR, _GRID_BEFORE, _GRID_SPAN, _VMERGE, _HMERGE = (
    f"{_W}{n}" for n in ("tr", "tc", "trPr", "tcPr", "gridBefore", "gridSpan", "vMerge", "hMerge"))
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: subtrees whose text is not part of the document as it reads now
_SKIP = {f"{_W}del", f"{_W}moveFrom", f"{_W}pPr", f"{_W}rPr", f"{_W}instrText", f"{_W}delText", _MC_FALLBACK}
#: elements that only wrap content (content controls, custom XML, smart tags)
_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag", f"{_W}ins", f"{_W}moveTo"}
#: what a cell's paragraphs may stand in: wrappers and nested tables
_CELL_WRAPPERS = _WRAPPERS | {f"{_W}tbl", f"{_W}tr", f"{_W}tc"}
#: grid columns narrower than this (twips, 1/1440 inch) are a rounding artefact
_SLIVER = 30


def read_docx(path: str, data: bytes) -> Document:
    with guarded(".docx "):
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise ReadFailure("GZ001", msg("GZ001.docx-zip")) from None
        budget = limits.ZipBudget(".docx 文件")
        with zf:
            body_xml = _part(zf, "word/document.xml", budget)
            if body_xml is None:
                raise ReadFailure("GZ001", msg("GZ001.docx-no-body"))
            numbering = Numbering.parse(_part(zf, "word/numbering.xml", budget))
            root = etree.fromstring(body_xml, xml_parser())
            # styles.xml (350 KB in Word's own template, the costliest part to parse)
            # matters only to paragraphs that name a style
            named = next(root.iter(_PSTYLE), None) is not None
            styles = _style_numbering(_part(zf, "word/styles.xml", budget)) if named else {}
            metadata = _core_properties(_part(zf, "docProps/core.xml", budget))
        limits.check_depth(root, ".docx 正文")
        body = root.find(f"{_W}body")
        if body is None:
            raise ReadFailure("GZ001", msg("GZ001.docx-empty"))
        walker = _Walker(numbering, styles, body)
        blocks = list(walker.blocks(body))
        return Document(path=path, blocks=blocks, source_format="docx", encoding="utf-8", metadata=metadata)


def _part(zf: zipfile.ZipFile, name: str, budget: limits.ZipBudget) -> bytes | None:
    try:
        zf.getinfo(name)
    except KeyError:
        return None
    return budget.read(zf, name)


class _Walker:
    """Walks the body in reading order, keeping the paragraph counter and the
    numbering counters, which run through table cells too."""

    def __init__(self, numbering: Numbering, styles: dict[str, tuple[str, int]], body) -> None:
        self.numbering = numbering
        self.styles = styles
        self.line = 0
        # libxml2 finds the few elements that carry numbering or merges once,
        # instead of a lookup under every paragraph and cell
        self.numbered = {node.getparent().getparent() for node in body.iter(_NUMPR, _PSTYLE)
                         if node.getparent().tag == _PPR}
        self.props = _property_index(body)

    def blocks(self, parent) -> list[Block]:
        out: list[Block] = []
        for el in parent:
            tag = el.tag
            if tag == _P:
                line = self.line + 1
                text = clean_text(self.paragraph(el))
                if text:
                    out.append(Paragraph(text=text, line=line))
            elif tag == _TBL:
                table = self.table(el)
                if table.rows:
                    out.append(table)
            elif tag in _WRAPPERS:
                out.extend(self.blocks(el))
        return out

    def paragraph(self, p) -> str:
        self.line += 1
        parts: list[str] = [self.number(p)]
        _collect(p, parts)
        return "".join(parts)

    def number(self, p) -> str:
        if p not in self.numbered:
            return ""
        num_id, ilvl = None, 0
        ppr = _first(p, _PPR)
        if ppr is not None:
            style = _first(ppr, _PSTYLE)
            if style is not None and style.get(_VAL) in self.styles:
                num_id, ilvl = self.styles[style.get(_VAL)]
            numpr = _first(ppr, _NUMPR)
            if numpr is not None:
                num_el, lvl_el = _first(numpr, f"{_W}numId"), _first(numpr, f"{_W}ilvl")
                if num_el is not None:
                    num_id = num_el.get(_VAL)
                if lvl_el is not None:
                    ilvl = _int(lvl_el.get(_VAL))
        if not num_id or num_id == "0":
            return ""
        label = self.numbering.label(num_id, ilvl)
        # Chinese labels (一、 （一）) run into the text; a Latin one (1.) takes a space
        return label + " " if label and label[-1].isascii() else label

    def cell_text(self, tc) -> tuple[str, int]:
        """The text of a cell (nested tables flattened) and its first line."""
        first = self.line + 1
        parts: list[str] = []
        for p in _paragraphs(tc):
            parts.append(self.paragraph(p))
        return clean_text("\n".join(parts)), first

    def table(self, tbl):
        cells: list[RawCell] = []
        #: column → the cell a vMerge continuation there extends
        open_at: dict[int, RawCell] = {}
        for r, tr in enumerate(_children(tbl, _TR)):
            col = _int(self.props.get((tr, _TRPR), _NONE).get(_GRID_BEFORE))
            last: RawCell | None = None
            for tc in _children(tr, _TC):
                props = self.props.get((tc, _TCPR), _NONE)
                span = limits.clip_span(_int(props[_GRID_SPAN], 1)) if _GRID_SPAN in props else 1
                text, line = self.cell_text(tc)
                vmerge = _merge(props, _VMERGE)
                if _merge(props, _HMERGE) == "continue" and last is not None:
                    last.colspan += span  # legacy horizontal merge
                elif vmerge == "continue" and col in open_at:
                    origin = open_at[col]
                    origin.rowspan = r - origin.row + 1
                else:
                    last = RawCell(text, r, col, 1, span, line)
                    cells.append(last)
                    for k in range(col, col + span):
                        open_at.pop(k, None)
                    open_at[col] = last
                col += span
        _snap_to_edges(cells, tbl)
        first_line = cells[0].line if cells else None
        return make_table(cells, line=first_line)


def _snap_to_edges(cells: list[RawCell], tbl) -> None:
    """Put cells on the table's real column boundaries.

    LibreOffice writes a sliver column (``w:gridCol w:w="1"``) where two rows'
    boundaries differ by a twip, so one cell starts on each side of it; grid
    boundaries closer than ``_SLIVER`` twips are one boundary."""
    widths = [_int(col.get(f"{_W}w"), -1) for col in tbl.findall(f"{_W}tblGrid/{_W}gridCol")]
    if not cells or any(w < 0 for w in widths) or len(widths) < max(c.col + c.colspan for c in cells):
        return  # no usable grid widths: keep the grid indices
    edges, x = [0], 0
    for w in widths:
        x += w
        edges.append(x)
    index, last = [0], 0
    for prev, cur in zip(edges, edges[1:]):
        index.append(index[-1] + (cur - last > _SLIVER))
        last = cur if cur - last > _SLIVER else last
    for c in cells:
        start, end = index[c.col], index[c.col + c.colspan]
        c.col, c.colspan = start, max(1, end - start)


def _collect(el, parts: list[str]) -> None:
    """Append the visible text under ``el``, skipping deleted and fallback content."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        else:
            _collect(child, parts)


def _paragraphs(el):
    """Paragraphs under a cell, in order, through content controls and nested tables."""
    for child in el:
        tag = child.tag  # lxml builds a namespaced tag anew on every access
        if tag == _P:
            yield child
        elif tag in _CELL_WRAPPERS:
            yield from _paragraphs(child)


def _children(el, tag: str):
    """Direct ``tag`` children, looking through wrapper elements."""
    for child in el:
        found = child.tag
        if found == tag:
            yield child
        elif found in _WRAPPERS:
            yield from _children(child, tag)


def _first(el, tag: str):
    """The first ``tag`` child of ``el``, or None (``find`` without its path parser)."""
    return next(el.iterchildren(tag), None)


_NONE: dict[str, str | None] = {}


def _property_index(body) -> dict[tuple, dict[str, str | None]]:
    """(row or cell, ``w:trPr`` or ``w:tcPr``) → {property: its ``w:val``} for the
    table properties the reader uses, the first of each name as
    ``find("w:tcPr/w:vMerge")`` would return it (libxml2 walks the body once)."""
    index: dict[tuple, dict[str, str | None]] = {}
    for prop in body.iter(_GRID_BEFORE, _GRID_SPAN, _VMERGE, _HMERGE):
        holder = prop.getparent()
        index.setdefault((holder.getparent(), holder.tag), {}).setdefault(prop.tag, prop.get(_VAL))
    return index


def _merge(props: dict[str, str | None], name: str) -> str | None:
    if name not in props:
        return None
    return props[name] or "continue"


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _style_numbering(xml: bytes | None) -> dict[str, tuple[str, int]]:
    """Paragraph styles that carry list numbering (Heading 1 → list 3 level 0 …)."""
    if not xml:
        return {}
    root = etree.fromstring(xml, xml_parser())
    own: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for style in root.iter(f"{_W}style"):
        sid = style.get(f"{_W}styleId", "")
        base = style.find(f"{_W}basedOn")
        if base is not None:
            based[sid] = base.get(f"{_W}val", "")
        numpr = style.find(f"{_W}pPr/{_W}numPr")
        if numpr is not None:
            num_el, lvl_el = numpr.find(f"{_W}numId"), numpr.find(f"{_W}ilvl")
            own[sid] = (
                None if num_el is None else num_el.get(f"{_W}val"),
                None if lvl_el is None else _int(lvl_el.get(f"{_W}val")),
            )
    result: dict[str, tuple[str, int]] = {}
    for sid in set(own) | set(based):
        num_id, ilvl, seen, cur = None, None, set(), sid
        while cur and cur not in seen:  # inherit along basedOn, nearest first
            seen.add(cur)
            n, lv = own.get(cur, (None, None))
            num_id = num_id if num_id is not None else n
            ilvl = ilvl if ilvl is not None else lv
            cur = based.get(cur)
        if num_id and num_id != "0":
            result[sid] = (num_id, ilvl or 0)
    return result


def _core_properties(xml: bytes | None) -> dict[str, str]:
    if not xml:
        return {}
    try:
        root = etree.fromstring(xml, xml_parser())
    except etree.XMLSyntaxError:
        return {}
    names = {"title": "title", "creator": "author", "created": "created", "modified": "modified"}
    out: dict[str, str] = {}
    for el in root:
        if isinstance(el.tag, str):
            local = etree.QName(el).localname
            if local in names and (el.text or "").strip():
                out[names[local]] = el.text.strip()
    return out

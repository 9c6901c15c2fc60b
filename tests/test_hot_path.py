"""Issue 11, per-report speed: the memoised label lookups, cell readings and the
memoised HTML text sizes (serialised by libxml2) give exactly what the direct
computations give."""

from __future__ import annotations

import lxml.html
import pytest

from gzlint.form.labels import similarity, similarity_from, strip_note
from gzlint.form import values
from gzlint.form.spec import load_forms
from gzlint.form.values import cell_status, is_number, parse_cell
from gzlint.matcher.labels import FUZZY_THRESHOLD
from gzlint.matcher.tables import label_set
from gzlint.readers.html import _PARSER, _OwnText, _drop_tree
from gzlint.text import KEY_MARK, cjk_count


def fuzzy_oracle(labels, key, kinds, exclude):
    """The fuzzy search as it was before memoising: every entry, every time."""
    best = None
    prefix = KEY_MARK.match(key)
    for entry in labels._entries:
        item, label, kind = entry
        if (kinds is not None and kind not in kinds) or (exclude and id(item) in exclude):
            continue
        other = KEY_MARK.match(label.key)
        if (prefix.group(0) if prefix else None) != (other.group(0) if other else None):
            continue
        score = similarity(key, label.key)
        if score >= FUZZY_THRESHOLD and (best is None or score > best[0]):
            best = (score, entry)
    return best[1] if best else None


def near_misses(tables):
    """Keys one character off an official label: fuzzy hits, never exact."""
    for table in tables:
        for row in table.rows:
            k = row.label.key
            if len(k) >= 6:
                yield table, k[:3] + k[4:]
                yield table, k[:-1] + "况"


@pytest.mark.parametrize("form", load_forms(), ids=lambda f: f.format)
def test_memoised_fuzzy_match_is_the_direct_search(form):
    checked = 0
    for table, k in near_misses(form.tables):
        labels = label_set(table)
        for kinds in (None, ("row",), ("column", "header")):
            direct = fuzzy_oracle(labels, k, kinds, None)
            for _ in range(2):  # the second lookup is served from the memo
                hit = labels.match(k, kinds)
                if hit is not None and hit.how == "fuzzy":
                    assert direct is not None and hit.item is direct[0]
                    checked += 1
            if direct is not None:
                # taking the best leaves the next best, as the direct search finds it
                taken = {id(direct[0])}
                again = labels.match(k, kinds, taken)
                if again is not None and again.how == "fuzzy":
                    nxt = fuzzy_oracle(labels, k, kinds, taken)
                    assert nxt is not None and again.item is nxt[0]
    assert checked > 0


def named_oracle(labels, key, kinds, exclude):
    """Exact, variant and note lookups and a header run into a label, as they
    were before the per-key plans: every table, every time (None: fuzzy's turn)."""
    def ok(entry):
        return (kinds is None or entry[2] in kinds) and not (exclude and id(entry[0]) in exclude)

    if cjk_count(key) < 2:
        return None
    bare = strip_note(key)
    lookups = [(key, labels._exact, "exact"), (key, labels._variant, "variant")]
    if bare != key:
        lookups += [(bare, labels._exact, "note"), (bare, labels._variant, "note")]
    for k, table, how in lookups:
        for entry in table.get(k, ()):
            if ok(entry):
                return entry[0], how
    for item, label, kind in labels._entries:
        if kind == "header" and key.startswith(label.key) and len(key) > len(label.key):
            hit = named_oracle(labels, key[len(label.key):], kinds, exclude)
            if hit is not None and hit[1] in ("exact", "note"):
                return hit
    return None


@pytest.mark.parametrize("form", load_forms(), ids=lambda f: f.format)
def test_planned_lookup_is_the_direct_lookup(form):
    checked = 0
    for table in form.tables:
        labels = label_set(table)
        official = [label.key for _, label, _ in labels._entries]
        variants = [k for _, label, _ in labels._entries for k in label.variant_keys]
        headers = [label.key for _, label, kind in labels._entries if kind == "header"]
        keys = official + variants + [k + "(单位:万元)" for k in official] + [h + k for h in headers for k in official]
        items = [id(item) for item, _, _ in labels._entries]
        for key in keys:
            for kinds in (None, ("row",), ("column", "header"), ("header",)):
                for exclude in (None, set(items[:3]), set(items[::2])):
                    direct = named_oracle(labels, key, kinds, exclude)
                    hit = labels.match(key, kinds, exclude)
                    if direct is not None:
                        assert hit is not None and (hit.item, hit.how) == direct, key
                        checked += 1
                    else:
                        assert hit is None or hit.how == "fuzzy", key
    assert checked > 100


@pytest.mark.parametrize("a,b", [("本年新制作数量", "本年新制作数"), ("行政复议", "行政诉讼"), ("维持", "其他"),
                                 ("属于国家秘密", "属于国家秘"), ("", "a"), ("abc", "abc"), ("", ""),
                                 ("本年新制作数量", "本年新制作数量，其中主动公开的文件数量另行统计"), ("ab", "abcde"), ("abcd", "abcde")])
def test_similarity_from_is_similarity_above_the_floor(a, b):
    for floor in (0.0, 0.5, FUZZY_THRESHOLD, 1.0):
        score = similarity(a, b)
        assert similarity_from(a, b, floor) == (score if score >= floor else None)


CELL_TEXTS = ["0", "00", " 12 ", "\u3000１２\xa0", "1,234", "+1036", "−5", "75.77万元", "10268898元", "元", "—", "无",
              "", "\u200b", "1" * 31, "1" * 50, "这是一句长于记忆界限的句子，" * 4, "3件" + " " * 40]


@pytest.mark.parametrize("text", CELL_TEXTS)
def test_cell_reading_is_remembered_but_each_cell_is_its_own(text):
    first, second = parse_cell(text, 3), parse_cell(text, 4)
    status, number, unit, oddities = values._read(text)  # the direct reading, never remembered
    for cell, line in ((first, 3), (second, 4)):
        assert (cell.text, cell.line, cell.status, cell.number, cell.unit, cell.oddities) == (text, line, status, number, unit, list(oddities))
    # rules tell cells apart by identity and may extend a cell's own oddities
    assert first is not second and first.oddities is not second.oddities
    assert cell_status(text) == status
    assert is_number(text) == first.is_number


PAGE = """<html><body><div id="wrap">
  <div class="nav"><a href="/">首 页</a> | <a href="/x">信息<b>公开</b></a>尾巴</div>
  <!-- 注释 不算 -->后面的字
  <div class="main"><p>正文 第一段<a href="#">链接</a>。</p><?pi x?>
    <table><tr><td>单元 格</td><td><a><a>套</a>链</a></td></tr></table>
  </div></div></body></html>"""


@pytest.mark.parametrize("plain", [True, False])
@pytest.mark.parametrize("strip", [True, False])
def test_own_text_is_the_text_minus_the_links(strip, plain):
    # the reader's plain lxml.etree tree, and lxml.html's with its element classes
    root = lxml.etree.fromstring(PAGE, _PARSER) if plain else lxml.html.document_fromstring(PAGE)
    if strip:  # as the reader does; a comment's tail is text either way
        for el in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
            _drop_tree(el)
    body = root.find("body")
    own_text = _OwnText()

    def size(node) -> int:
        return len("".join("".join(node.itertext()).split()))

    elements = [el for el in body.iter() if isinstance(el.tag, str)]
    assert len(elements) > 10
    for el in elements:
        assert own_text(el) == size(el) - sum(size(a) for a in el.iter("a")), el.tag


def test_po_catalogue_is_kept_parsed_and_reread_when_edited(tmp_path, monkeypatch):
    from gzlint import messages

    monkeypatch.setattr("sys.dont_write_bytecode", False)
    po = tmp_path / "gzlint.po"
    po.write_bytes((messages.LOCALE_DIR / "zh" / "LC_MESSAGES" / "gzlint.po").read_bytes())
    first = messages.read_po(po)
    assert first == messages._parse_po(po) and "GZ101.missing" in first
    kept = list((tmp_path / "__pycache__").glob("gzlint.*.pickle"))
    assert len(kept) == 1
    assert messages.read_po(po) == first  # served from the kept copy
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "x.new"\nmsgstr "新的"\n', encoding="utf-8")
    again = messages.read_po(po)
    assert again["x.new"] == "新的" and again == messages._parse_po(po)
    assert len(list((tmp_path / "__pycache__").glob("gzlint.*.pickle"))) == 1  # the stale copy is gone


def test_po_catalogue_is_not_written_where_bytecode_is_not(tmp_path, monkeypatch):
    from gzlint import messages

    monkeypatch.setattr("sys.dont_write_bytecode", True)
    po = tmp_path / "gzlint.po"
    po.write_bytes((messages.LOCALE_DIR / "en" / "LC_MESSAGES" / "gzlint.po").read_bytes())
    assert messages.read_po(po) == messages._parse_po(po)
    assert not (tmp_path / "__pycache__").exists()


@pytest.mark.parametrize("form", load_forms(), ids=lambda f: f.format)
def test_indexed_rows_and_columns_are_the_ones_a_scan_finds(form):
    for table in form.tables:
        for row in table.rows:
            assert table.row(row.id) is next(r for r in table.rows if r.id == row.id)
        for col in table.columns:
            assert table.column(col.id) is next(c for c in table.columns if c.id == col.id)
        with pytest.raises(KeyError):
            table.row("no-such-row")


def _depth_oracle(root, limit: int) -> bool:
    """Does an iterwalk (the check as it was) pass the limit?"""
    level = 0
    for event, _el in lxml.etree.iterwalk(root, events=("start", "end")):
        level += 1 if event == "start" else -1
        if level > limit:
            return True
    return False


#: the deepest node an entity reference (counted), a comment and a PI (not counted)
DEEP = ['<!DOCTYPE r [<!ENTITY e "x">]><r><a><b><c><d>&e;</d></c></b></a><a><!--c--></a></r>',
        '<r><a><b><c><!--c--><?pi x?></c></b></a><a/></r>']


@pytest.mark.parametrize("xml", DEEP)
@pytest.mark.parametrize("steps", [256, 2])  # 2: the XPath run in several pieces
def test_depth_check_by_xpath_refuses_what_a_walk_refuses(xml, steps, monkeypatch):
    from gzlint.document import ReadFailure
    from gzlint.readers import limits

    monkeypatch.setattr(limits, "_XPATH_STEPS", steps)
    root = lxml.etree.fromstring(xml, lxml.etree.XMLParser(resolve_entities=False))
    outcomes = set()
    for limit in range(1, 8):
        with limits.using(limits.Limits(depth=limit)):
            try:
                limits.check_depth(root)
                refused = False
            except ReadFailure:
                refused = True
        assert refused == _depth_oracle(root, limit), limit
        outcomes.add(refused)
    assert outcomes == {True, False}


def _garbled_headers(report):
    """Most of 三's column headers unknown: its grid is not trusted, reading by order decides."""
    for col in report.table("applications").columns[:5]:
        report.column_labels[("applications", col.id)] = f"备注{col.id}"
    return report


_GRID_CASES = {
    "official": (lambda r: r, "official_layout"),
    "swapped": (lambda r: r, "swap"),
    "cut": (lambda r: r, "cut"),
    "garbled": (_garbled_headers, "official_layout"),
}


@pytest.mark.parametrize("spans", [True, False], ids=["spans", "tsv"])
@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("case", list(_GRID_CASES))
def test_grid_kept_without_walking_is_the_table_walking_would_keep(monkeypatch, case, fmt, spans):
    """A grid that read every data row is kept without reading by order: that
    reading gives only data rows, one per id, so it could never win."""
    from gzlint.matcher import match, tables
    from gzlint.testing.sample import sample_report
    from tests import writers

    edit, layout_name = _GRID_CASES[case]
    layout = {"official_layout": writers.official_layout,
              "swap": writers.swap_columns("applications", ("natural", "total")),
              "cut": writers.cut_table("applications", "unable.2")}[layout_name]
    doc = writers.grid_document(edit(sample_report(fmt)), layout, spans=spans)
    forms = load_forms()
    fast = match(doc, forms)
    walked: list[tuple[object, int]] = []
    walk = tables._Walker.walk

    def every_walk(self, *args):
        table = walk(self, *args)
        walked.append((table.spec, len(table.rows)))
        return table

    monkeypatch.setattr(tables, "_data_row_count", lambda spec: float("inf"))  # always walk, as before
    monkeypatch.setattr(tables._Walker, "walk", every_walk)
    slow = match(doc, forms)
    assert walked
    assert all(n <= len({r.id for r in spec.data_rows}) for spec, n in walked)
    assert fast.tables == slow.tables
    assert fast.tables


def test_equal_tables_of_two_formats_each_get_labels_of_their_own_rows():
    """The label set of a table holds that table's own row objects, even after an
    equal table (another format's, or a copy) was looked up: orphans are placed
    by the identity of the rows a lookup gives (matcher/gaps.py)."""
    import copy

    spec = load_forms()[0].tables[0]
    twin = copy.deepcopy(spec)
    assert twin == spec and twin.rows[0] is not spec.rows[0]
    for table in (spec, twin, spec):
        rows = label_set(table).items("row")
        assert len(rows) == len(table.rows) and all(a is b for a, b in zip(rows, table.rows))

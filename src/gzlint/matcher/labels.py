"""Find which form label a token stands for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..form.labels import similarity_from, strip_note
from ..form.spec import Label
from ..text import KEY_MARK, cjk_count

_UNIT_NOTE = re.compile(r"单位[:：]?\s*(万元|亿元|元)")

#: words reports write in a cell instead of a number (GZ202), never row labels
_NOT_LABELS = {"无", "若干", "不详", "暂无", "没有", "未统计", "不适用"}

#: below this similarity a label is not taken for a form label
FUZZY_THRESHOLD = 0.8

#: distinct keys a label set remembers its fuzzy neighbours for
_NEAR_LIMIT = 20_000

#: the lookup plan of a key that names no form label (LabelSet._plan)
_NOTHING_NAMED: tuple[tuple, tuple[str, ...]] = ((), ())

#: a key ``LabelSet._plans`` holds no plan for yet
_UNPLANNED = object()


def _mark(key: str) -> str | None:
    """The enumeration mark a key starts with (1. （三） 一、), if any."""
    prefix = KEY_MARK.match(key)
    return prefix.group(0) if prefix else None


def looks_like_row_label(text: str) -> bool:
    """Could this text label a row the form does not have (其他执法事项), rather
    than be a non-numeric cell (若干) or a sentence?"""
    text = text.strip()
    return not (cjk_count(text) < 3 or len(text) > 30 or text in _NOT_LABELS or text.endswith(("。", "：", ":")))


def without_enumeration(key: str) -> str:
    """A label key without its enumeration mark: 1.属于国家秘密 → 属于国家秘密."""
    return KEY_MARK.sub("", key, count=1)


def unit_note(text: str) -> str | None:
    """The unit a header declares: 采购总金额(单位:万元) → 万元."""
    m = _UNIT_NOTE.search(text)
    return m.group(1) if m else None


@dataclass(frozen=True)  # memoised hits are handed out again: no caller may change one
class Hit:
    item: Any
    label: Label
    kind: str
    how: str  # exact | variant | note | fuzzy


class LabelSet:
    """The labels one table can contain, with their variants."""

    def __init__(self) -> None:
        self._entries: list[tuple[Any, Label, str]] = []
        # a key can stand for several items: 行政复议 is a header and a row of 四
        self._exact: dict[str, list[tuple[Any, Label, str]]] = {}
        self._variant: dict[str, list[tuple[Any, Label, str]]] = {}
        # enumerated labels (1. （三） 一、) only match labels with the same mark:
        # the entries by the mark their key starts with (None: no mark), in form order
        self._by_mark: dict[str | None, list[tuple[Any, Label, str]]] = {}
        # the keys of the header labels, in form order (see _plan's glued rests)
        self._header_keys: list[str] = []
        # key → fuzzy hits on the entries it is close to, in form order with their
        # scores: difflib runs once per distinct key, whatever kinds or
        # exclusions a later lookup asks for
        self._near: dict[str, list[tuple[float, Hit]]] = {}
        # key → what a lookup tries for it (see _plan)
        self._plans: dict[str, tuple[tuple[Hit, ...], tuple[str, ...]] | None] = {}

    def add(self, item: Any, label: Label, kind: str) -> None:
        entry = (item, label, kind)
        self._entries.append(entry)
        self._near.clear()
        self._plans.clear()
        self._exact.setdefault(label.key, []).append(entry)
        self._by_mark.setdefault(_mark(label.key), []).append(entry)
        if kind == "header":
            self._header_keys.append(label.key)
        for vk in label.variant_keys:
            self._variant.setdefault(vk, []).append(entry)

    def items(self, kind: str) -> list[Any]:
        """The items of one kind (row, column, header), in form order."""
        return [item for item, _, k in self._entries if k == kind]

    def match(self, key: str, kinds: tuple[str, ...] | None = None, exclude: set[int] | None = None) -> Hit | None:
        """Best hit for ``key``; ``exclude`` holds ids of items already taken."""
        # the walkers ask for every token, numbers and blanks most of all: an
        # all-ASCII key has no CJK character, so no plan (see _plan) and no hit
        if key.isascii():
            return None
        plan = self._plans.get(key, _UNPLANNED)
        if plan is _UNPLANNED:
            plan = self._plan(key)
        if plan is None:
            return None
        named, glued = plan
        for hit in named:
            if _wanted(hit, kinds, exclude):
                return hit
        # a header cell and a label run together by a conversion (信息内容本年处理决定数量):
        # the official header followed by an official label is the form's own wording
        for rest in glued:
            hit = self.match(rest, kinds, exclude)
            if hit is not None and hit.how in ("exact", "note"):
                return hit
        best: tuple[float, Hit] | None = None
        for score, hit in self._fuzzy(key):
            if _wanted(hit, kinds, exclude) and (best is None or score > best[0]):
                best = (score, hit)
        return best[1] if best else None

    def _plan(self, key: str) -> tuple[tuple[Hit, ...], tuple[str, ...]] | None:
        """What ``match`` tries for ``key``, whatever kinds or exclusions it is
        asked with, memoised in ``_plans``: the hits on the entries the key (or the
        key without its note) names exactly or as a variant, in the order they win;
        the rests of the key after an official header it starts with. None for a
        key too short to be a label."""
        plan = None
        if cjk_count(key) >= 2:
            bare = strip_note(key)
            lookups = [(key, self._exact, "exact"), (key, self._variant, "variant")]
            if bare != key:
                lookups += [(bare, self._exact, "note"), (bare, self._variant, "note")]
            named = tuple(Hit(*entry, how) for k, table, how in lookups for entry in table.get(k, ()))
            glued = tuple(key[len(h):] for h in self._header_keys if key.startswith(h) and len(key) > len(h))
            # most keys (sentences) name nothing: they share one plan
            plan = (named, glued) if named or glued else _NOTHING_NAMED
        if len(self._plans) >= _NEAR_LIMIT:  # a long run's distinct keys do not grow without end
            self._plans.clear()
        self._plans[key] = plan
        return plan

    def _fuzzy(self, key: str) -> list[tuple[float, Hit]]:
        """Fuzzy hits on the entries within the threshold of ``key``, with their scores, memoised."""
        near = self._near.get(key)
        if near is None:
            near = []
            for entry in self._by_mark.get(_mark(key), ()):
                score = similarity_from(key, entry[1].key, FUZZY_THRESHOLD)
                if score is not None:
                    near.append((score, Hit(*entry, "fuzzy")))
            if len(self._near) >= _NEAR_LIMIT:  # a long run's distinct keys do not grow without end
                self._near.clear()
            self._near[key] = near
        return near


def _wanted(hit: Hit, kinds: tuple[str, ...] | None, exclude: set[int] | None) -> bool:
    """Is ``hit`` of a kind asked for, on an item not yet taken?"""
    return (kinds is None or hit.kind in kinds) and not (exclude and id(hit.item) in exclude)

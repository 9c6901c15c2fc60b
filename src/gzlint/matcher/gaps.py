"""Give rows whose labels a conversion tore apart back to the form rows they stand for.

A PDF→Markdown conversion can leave a row of values with no label ("| 0 | 0 | … |",
its label written above the table) or with a piece of its label only ("行政机关不再处理其
政府信息公", the end of two form labels). Such a row is placed only where its place is
certain: between two rows that were read, in form order, exactly as many form rows are
missing as there are such rows, and every piece of label a row carries is part of the
form label it is given. Otherwise nothing is placed, and the rows stay missing (GZ111)
or extra (GZ112)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from ..form.spec import RowSpec
from .labels import without_enumeration
from .stream import Token


@dataclass
class Orphan:
    """A row of values the form rows did not claim: its label piece (None when it has
    none) and its value tokens."""

    label: Token | None
    values: list[Token]


#: the rows of one table in document order: a form row read, or an orphan
Entry = Union[RowSpec, Orphan]


def place_orphans(sequence: list[Entry], data_rows: tuple[RowSpec, ...]) -> list[tuple[Orphan, RowSpec]]:
    """The orphans whose form row is certain, each with that row."""
    position = {id(r): k for k, r in enumerate(data_rows)}
    read = {id(e) for e in sequence if not isinstance(e, Orphan)}
    placed: list[tuple[Orphan, RowSpec]] = []
    before: RowSpec | None = None
    run: list[Orphan] = []
    for entry in sequence:
        if isinstance(entry, Orphan):
            run.append(entry)
            continue
        if run and before is not None and id(before) in position and id(entry) in position:
            between = data_rows[position[id(before)] + 1 : position[id(entry)]]
            if len(between) == len(run) and not any(id(r) in read for r in between) \
                    and all(_fits(o, r) for o, r in zip(run, between)):
                placed.extend(zip(run, between))
        run = []
        before = entry
    return placed


def _fits(orphan: Orphan, row: RowSpec) -> bool:
    """Is the orphan's label piece, if any, part of the row's label?"""
    if orphan.label is None:
        return True
    piece = without_enumeration(orphan.label.key)
    return any(piece in k for k in (row.label.key, *row.label.variant_keys))

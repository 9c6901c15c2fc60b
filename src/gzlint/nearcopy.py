"""Finding near copies among many texts, below quadratic time (GZ506).

Each text is a sorted array of distinct 32-bit shingle hashes
(gzlint.reportfacts.text_signature). The search:

1. stock shingles — those at least ``limit`` distinct bodies use (the form's
   own wording, stock phrases, a common template) — are found by frequency
   over the run and left out; without that, reports from one template would
   all be candidates of each other;
2. each text keeps a sketch: its SKETCH smallest hashes that are not stock
   (a bottom-k sketch: two texts sharing a share s of the larger one's
   shingles share about s·SKETCH sketch hashes);
3. texts sharing at least MIN_SHARED sketch hashes are candidate pairs, found
   through an index from hash to texts; every posting list is shorter than
   ``limit`` (longer ones are stock), which bounds the pairs;
4. the caller checks each candidate exactly.
"""

from __future__ import annotations

from array import array
from collections import Counter
from itertools import combinations
from typing import Iterable, Sequence

#: hashes per text in the sketch
SKETCH = 64
#: sketch hashes two texts must share to be compared exactly: a text repeating
#: half of another of the same length shares about 32, unrelated texts none
MIN_SHARED = 4


def as_signature(shingles: Iterable[int]) -> array:
    """A sorted array of distinct hashes (what text_signature returns)."""
    if isinstance(shingles, array):
        return shingles
    return array("I", sorted(set(shingles)))


def stock(signatures: Sequence[array], keys: Sequence[str], limit: int) -> frozenset[int]:
    """The hashes at least ``limit`` distinct bodies (``keys``) use."""
    by_body: dict[str, list[array]] = {}
    for sig, key in zip(signatures, keys):
        by_body.setdefault(key, []).append(sig)
    if len(by_body) < limit:
        return frozenset()
    try:
        import numpy as np
    except ImportError:  # pure Python: the same counts, slower
        counts: Counter = Counter()
        for sigs in by_body.values():
            counts.update(set().union(*sigs) if len(sigs) > 1 else sigs[0])
        return frozenset(h for h, n in counts.items() if n >= limit)
    parts = []
    for sigs in by_body.values():
        arrays = [np.frombuffer(s, dtype=f"u{s.itemsize}") for s in sigs if len(s)]
        if arrays:
            parts.append(arrays[0] if len(arrays) == 1 else np.unique(np.concatenate(arrays)))
    if not parts:
        return frozenset()
    values, counts = np.unique(np.concatenate(parts), return_counts=True)
    return frozenset(values[counts >= limit].tolist())


def sketch(signature: array, common: frozenset[int]) -> list[int]:
    """The SKETCH smallest hashes of the signature that are not stock."""
    out = []
    for h in signature:  # ascending
        if h not in common:
            out.append(h)
            if len(out) == SKETCH:
                break
    return out


def candidates(signatures: Sequence[array], common: frozenset[int]) -> list[tuple[int, int]]:
    """Index pairs (i < j) sharing at least MIN_SHARED sketch hashes."""
    index: dict[int, list[int]] = {}
    for i, sig in enumerate(signatures):
        for h in sketch(sig, common):
            index.setdefault(h, []).append(i)
    shared: Counter = Counter()
    for ids in index.values():
        if len(ids) > 1:
            shared.update(combinations(ids, 2))
    return sorted(pair for pair, n in shared.items() if n >= MIN_SHARED)

"""What gzlint derives from its own files, kept beside them in ``__pycache__``.

As Python keeps bytecode: a derived value (a parsed catalogue, the table of
rule codes, the installed plugins) is pickled into the ``__pycache__`` folder
next to its sources, under a name that holds a digest of what it was made
from (the sources' sizes and modification times), so an edited source is a
miss and never a stale answer. Nothing is written where Python may not write
bytecode (``PYTHONDONTWRITEBYTECODE``), and a folder that cannot be written
only costs the speed-up.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

T = TypeVar("T")


def file_facts(sources: Iterable[Path], root: Path | None = None) -> list[tuple[str, int, int]]:
    """Each source's path (relative to ``root`` where given, so that a copy
    of gzlint elsewhere finds what its sources made), size and modification
    time: what a value made from them is kept under."""
    facts = []
    for path in sorted(sources):
        st = path.stat()
        facts.append((str(path.relative_to(root) if root else path), st.st_size, st.st_mtime_ns))
    return facts


def kept(folder: Path, name: str, facts: Any, make: Callable[[], T]) -> T:
    """``make()``, or the copy of it kept in ``folder/__pycache__`` under the
    same ``facts`` (anything with a stable ``repr``: ``file_facts`` of the
    sources). ``name`` tells the kept values in a folder apart."""
    digest = hashlib.blake2b(repr(facts).encode("utf-8"), digest_size=12).hexdigest()
    path = folder / "__pycache__" / f"{name}.{digest}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # absent, half-written or of another shape: made anew
        pass
    value = make()
    if not sys.dont_write_bytecode:
        _keep(path, name, value)
    return value


def _keep(path: Path, name: str, value: Any) -> None:
    """Write atomically; the copies of older sources go."""
    try:
        path.parent.mkdir(exist_ok=True)
        for old in path.parent.glob(f"{name}.*.pickle"):
            old.unlink(missing_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass

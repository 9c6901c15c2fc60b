"""What gzlint derives from its own files, kept beside them in ``__pycache__``.

As Python keeps bytecode: a derived value (a parsed catalogue, the table of
rule codes) is pickled into the ``__pycache__`` folder next to its sources,
under a name that holds the sources' sizes and modification times, so an
edited source is a miss and never a stale answer. Nothing is written where
Python may not write bytecode (``PYTHONDONTWRITEBYTECODE``), and a folder
that cannot be written only costs the speed-up.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

T = TypeVar("T")


def stamp(sources: Iterable[Path]) -> str:
    """A short digest of the sources' names, sizes and modification times."""
    facts = []
    for path in sorted(sources):
        st = path.stat()
        facts.append((path.name, st.st_size, st.st_mtime_ns))
    return hashlib.blake2b(repr(facts).encode("utf-8"), digest_size=8).hexdigest()


def kept(folder: Path, name: str, sources: Iterable[Path], make: Callable[[], T]) -> T:
    """``make()``, or the copy of it kept in ``folder/__pycache__`` while
    ``sources`` are unchanged. ``name`` tells the kept values in a folder apart."""
    try:
        path = folder / "__pycache__" / f"{name}.{stamp(sources)}.pickle"
    except OSError:  # a source cannot be read: nothing to key a copy on
        return make()
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError):
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

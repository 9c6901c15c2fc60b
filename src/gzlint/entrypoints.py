"""The ``gzlint`` entry points of the installed distributions.

Read with importlib.metadata, whose import alone costs a run more than
finding its results in the cache: so what it found is kept (gzlint.kept)
under the facts it reads them from: the distributions on ``sys.path`` and
the size and time of their metadata files.
"""

from __future__ import annotations

import os
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

GROUP = "gzlint"
#: what marks a distribution's metadata on sys.path (importlib.metadata's own test)
_INFO = (".dist-info", ".egg-info")
_READ = ("entry_points.txt", "METADATA", "PKG-INFO")


class Announced(NamedTuple):
    """One entry point: ``name = value`` of the distribution ``dist`` (None
    where the entry point has no distribution)."""

    name: str
    value: str
    dist: str | None = None
    version: str | None = None

    def load(self):
        """The object the entry point names (importing its module)."""
        from importlib.metadata import EntryPoint

        return EntryPoint(self.name, self.value, GROUP).load()


@lru_cache(maxsize=1)
def announced() -> tuple[Announced, ...]:
    """Every ``gzlint`` entry point, read once per process."""
    from .kept import file_facts, kept

    here = Path(__file__)
    # this module's file too: it defines the shape of what is kept
    facts = [file_facts([here], here.parent), installation_facts()]
    return kept(here.parent, "entry-points", facts, read)


def read() -> tuple[Announced, ...]:
    """The entry points as importlib.metadata finds them now."""
    from importlib.metadata import entry_points

    versions: dict[int, tuple[str, str]] = {}
    found = []
    for ep in entry_points(group=GROUP):
        dist = ep.dist
        if dist is not None and id(dist) not in versions:  # the metadata parsed once per distribution
            meta = dist.metadata
            versions[id(dist)] = (meta["Name"], meta["Version"])
        found.append(Announced(ep.name, ep.value, *versions.get(id(dist), (None, None))))
    return tuple(found)


def installation_facts() -> list[tuple]:
    """What :func:`read` depends on, in ``sys.path`` order: each distribution's
    metadata (a ``*.dist-info``/``*.egg-info`` folder or file, an egg's
    EGG-INFO) by path, size and time, with the files importlib.metadata reads
    there; and each zip archive on the path. A distribution installed or
    removed changes the list, one edited in place a size or a time; a folder
    without distributions (the current one, say) adds nothing."""
    facts: list[tuple] = []
    for entry in sys.path:
        try:
            st = os.stat(entry or ".")
        except OSError:
            continue
        if not stat.S_ISDIR(st.st_mode):  # a zip archive
            facts.append((entry, st.st_size, st.st_mtime_ns))
            continue
        infos = [os.path.join(entry, "EGG-INFO")] if entry.lower().endswith(".egg") else []
        try:
            infos += [os.path.join(entry, n) for n in sorted(os.listdir(entry or ".")) if n.lower().endswith(_INFO)]
        except OSError:
            continue
        for info in infos:
            for path in (info, *(os.path.join(info, leaf) for leaf in _READ)):
                try:
                    f = os.stat(path)
                except OSError:
                    continue
                facts.append((path, f.st_size, f.st_mtime_ns))
    return facts

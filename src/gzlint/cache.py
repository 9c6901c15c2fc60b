"""The result cache: one file's outcome kept under the hash of what made it.

An entry is keyed by the file's path and content, the resolved settings,
gzlint's version and the installed plugins' versions, so any change to one of
them is a miss. Entries are pickled ``FileResult``s (diagnostics before the
per-file filters, and the summary the cross-report rules rerun from), written
atomically (a temporary file renamed into place); the folder is safe to delete.
Like ruff's, it holds a ``CACHEDIR.TAG`` and a ``.gitignore`` of ``*``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .config import Settings
    from .engine import FileResult

DEFAULT_DIR = ".gzlint_cache"
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by gzlint.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")


class CacheError(Exception):
    """The cache folder cannot be used (it names a file)."""


def run_key(settings: "Settings") -> str:
    """What every entry of a run shares: settings, gzlint's and the plugins' versions."""
    from . import __version__
    from .plugins import plugin_versions

    facts = {k: v for k, v in asdict(settings).items() if k != "sources"}
    key = (__version__, _source_stamp(), plugin_versions(), sorted(facts.items(), key=str))
    return hashlib.blake2b(repr(key).encode("utf-8"), digest_size=16).hexdigest()


def _source_stamp() -> tuple:
    """gzlint's own files and the rule packs in use, by size and time: an
    edited checkout or pack is a new version."""
    from .packs import packs

    roots = [Path(__file__).parent, *(p.path for p in packs())]
    return tuple(sorted((str(p), st.st_size, st.st_mtime_ns) for root in roots for p in root.rglob("*")
                        if p.suffix in (".py", ".toml", ".po") for st in [p.stat()]))


#: the cache folder's name where no --cache-dir or GZLINT_CACHE_DIR names one
CACHE_DIR = ".gzlint_cache"


def default_folder(settings: "Settings", cache_dir: str | None = None) -> Path:
    """Where a run keeps its cache: ``--cache-dir``, else ``GZLINT_CACHE_DIR``,
    else ``.gzlint_cache`` beside the configuration file (or in the current
    folder). The CLI and the pytest plugin ask the same question here."""
    folder = cache_dir or os.environ.get("GZLINT_CACHE_DIR")
    if folder:
        return Path(folder)
    return (settings.path.parent if settings.path else Path.cwd()) / CACHE_DIR


class ResultCache:
    def __init__(self, folder: str | Path, settings: "Settings") -> None:
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise CacheError(f"缓存目录 {self.folder} 是一个文件，不能用作缓存")
        self.settings = settings
        self._key: str | None = None
        self.ready = False

    @property
    def key(self) -> str:
        # computed at first use: by then the run has loaded its local rule packs
        if self._key is None:
            self._key = run_key(self.settings)
        return self._key

    def _entry(self, path: str) -> tuple[Path, str] | None:
        from .document import ReadFailure
        from .readers import limits

        try:  # as the readers read it: never a FIFO, never past the size limit
            data = limits.read_input(path)
        except ReadFailure:
            return None  # the reader reports it
        digest = hashlib.blake2b(data, digest_size=20, key=self.key.encode()[:64])
        digest.update(b"\0" + os.fsencode(path))
        name = digest.hexdigest()
        return self.folder / name[:2] / f"{name}.pickle", name

    def get(self, path: str) -> "FileResult | None":
        entry = self._entry(path)
        if entry is None:
            return None
        try:
            with open(entry[0], "rb") as f:
                return pickle.load(f)
        except Exception:  # absent, or left half-written by an older gzlint: a miss
            return None

    def put(self, path: str, result: "FileResult") -> None:
        if result.errors:
            return  # an internal error is not the file's lasting outcome
        entry = self._entry(path)
        if entry is None:
            return
        target = entry[0]
        try:
            self._prepare()
            target.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except OSError:
            pass  # a read-only or full disk only costs the speed-up

    def _prepare(self) -> None:
        if self.ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# Automatically created by gzlint.\n*\n")):
            if not (self.folder / name).exists():
                (self.folder / name).write_text(text, encoding="utf-8")
        self.ready = True

"""The result cache: each file's outcome kept under the digest of what made it.

Everything a run shares (settings, gzlint's version and source, the rule
packs, the installed plugins' versions) makes the run key; each run key has a
folder of three files, each read in one go and replaced whole:

- ``index.pickle``: by path, the file's content digest (keyed by the run key
  and the path) and what a run reports of it: its diagnostics before the
  per-file filters, and what was read (gzlint.summary.read_facts);
- ``facts.pickle``: (content digest, pickled facts) pairs, one pickle after
  another, written and read as a stream: the facts the cross-report rules
  compare (gzlint.reportfacts), read only when some file must be linted again;
- ``run.pickle``: the cross-report rules' findings, under a fingerprint of
  every file's path and digest in run order (any file changed, added or
  removed is a miss), for the last RUNS sets of files (a folder's run and
  pre-commit's runs over a few files do not push each other out).

A file is looked up by its ``stat`` first (size, mtime, ctime, inode, device,
as git, ruff and mypy do): where they are what was recorded the digest is
taken as known; otherwise the file is read and its digest decides. ctime moves
with every write and no program can set it back, so an edit that keeps the
size and restores the mtime is still seen; a stat taken less than
``RACY_NS`` after the file last changed is not kept (the file could change
again within the same clock tick), so such a file is always read.

Files are written atomically (a temporary file renamed into place): a run
that reads while another writes sees the old file or the new, never half of
one; two runs writing at once may lose one's new entries, which costs only
speed. The folder is safe to delete. Like ruff's, it holds a ``CACHEDIR.TAG``
and a ``.gitignore`` of ``*``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat as stat_mode
import tempfile
import time
from collections import abc
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from .config import Settings
    from .diagnostics import Diagnostic
    from .engine import FileResult
    from .reportfacts import ReportFacts

_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by gzlint.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")
#: the layout of a run key's folder; a new layout is a new folder name
LAYOUT = "v2"
#: sets of files whose cross-report findings are kept
RUNS = 8
#: a stat this soon after the file's last change is not trusted (coarse clocks, racy writes)
RACY_NS = 2_000_000_000


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


def content_digest(key: str, path: str, data: bytes) -> str:
    """The digest an entry is kept under: the file's bytes and path, keyed by the run key."""
    digest = hashlib.blake2b(data, digest_size=20, key=key.encode()[:64])
    digest.update(b"\0" + _name(path))
    return digest.hexdigest()


def file_stamp(info: os.stat_result, now_ns: int) -> tuple | None:
    """What identifies one version of a file without reading it; None when
    it changed too recently for its times to tell the next change apart."""
    if now_ns - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_NS:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev


class Record(NamedTuple):
    """One file as the index keeps it."""

    stamp: tuple | None
    digest: str
    diagnostics: "list[Diagnostic]"
    read: dict[str, Any]


@dataclass
class Lookup:
    """A file looked up: its record where the cache has its outcome (a hit);
    else the stamp and digest of what was found, for recording it once linted."""

    record: Record | None
    stamp: tuple | None = None
    digest: str | None = None


class ResultCache:
    def __init__(self, folder: str | Path, settings: "Settings") -> None:
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise CacheError(f"缓存目录 {self.folder} 是一个文件，不能用作缓存")
        self.settings = settings
        self._key: str | None = None
        self._index: dict[str, Record] | None = None
        self._loaded_as: tuple | None = None  # the index file's stamp when read
        self._changed: dict[str, Record] = {}
        self._new_facts: dict[str, "ReportFacts"] = {}

    @property
    def key(self) -> str:
        # computed at first use: by then the run has loaded its local rule packs
        if self._key is None:
            self._key = run_key(self.settings)
        return self._key

    @property
    def home(self) -> Path:
        """This run key's folder."""
        return self.folder / f"{LAYOUT}-{self.key}"

    # -- looking up ------------------------------------------------------------

    def lookup(self, paths: Iterable[str]) -> list[Lookup]:
        """Each path looked up, in order: the stamp where it is the one
        recorded, else the digest of the file's bytes, decides a hit."""
        from .document import ReadFailure
        from .readers import limits

        index = self._read_index()
        found = []
        for path in paths:
            try:
                info = os.stat(path)
            except (OSError, ValueError):  # absent, or a name no file can have: the reader reports it
                found.append(Lookup(None))
                continue
            if not stat_mode.S_ISREG(info.st_mode):
                found.append(Lookup(None))
                continue
            stamp = file_stamp(info, time.time_ns())
            record = index.get(path)
            if record is not None and stamp is not None and record.stamp == stamp:
                found.append(Lookup(record, stamp, record.digest))
                continue
            try:  # as the readers read it: never past the size limit
                digest = content_digest(self.key, path, limits.read_input(path))
            except ReadFailure:
                found.append(Lookup(None))
                continue
            if record is not None and record.digest == digest:
                if record.stamp != stamp:  # touched, not changed: remember the new stamp
                    record = self._changed[path] = record._replace(stamp=stamp)
                found.append(Lookup(record, stamp, digest))
            else:
                found.append(Lookup(None, stamp, digest))
        return found

    def facts(self, digests: Iterable[str]) -> "dict[str, ReportFacts]":
        """The cross-report facts kept for these digests, those found."""
        wanted = set(digests)
        found = {d: self._new_facts[d] for d in wanted if d in self._new_facts}
        for digest, data in _pairs(self.home / "facts.pickle"):
            if digest in wanted and digest not in found:
                try:
                    found[digest] = pickle.loads(data)
                except Exception:
                    continue  # written by another gzlint: lint the file again
        return found

    def run_findings(self, fingerprint: str) -> "list[Diagnostic] | None":
        """The cross-report rules' findings for this set of files, if kept."""
        kept = _load(self.home / "run.pickle", {})
        return kept.get(fingerprint) if isinstance(kept, dict) else None

    # -- recording -------------------------------------------------------------

    def record(self, path: str, found: Lookup, result: "FileResult") -> None:
        """Keep a freshly linted file's outcome: under the digest of the bytes
        the linter read, with the stamp taken before they were read."""
        if result.errors or not result.final or result.digest is None:
            return  # an internal error or a file given up on is not the file's lasting outcome
        stamp = found.stamp if found.digest == result.digest else None  # changed while we looked
        self._changed[path] = Record(stamp, result.digest, list(result.diagnostics), result.facts.read)
        self._new_facts[result.digest] = result.facts

    def save(self, fingerprint: str | None = None, run_findings: "list[Diagnostic] | None" = None) -> None:
        """Write what this run added (call before the diagnostics are filtered:
        the filters change them in place)."""
        try:
            index = self._read_index()
            if self._changed:
                index = dict(index)
                if _stamp_of(self.home / "index.pickle") != self._loaded_as:  # another run wrote it meanwhile
                    index.update(_load(self.home / "index.pickle", {}))
                index.update(self._changed)
                # files of other runs that are gone (deleted, renamed) are forgotten
                index = {path: r for path, r in index.items() if path in self._changed or os.path.exists(path)}
                self._write("index.pickle", index)
                self._index, self._loaded_as = index, _stamp_of(self.home / "index.pickle")
            if self._new_facts:
                self._write("facts.pickle", self._facts_pairs({r.digest for r in index.values()}))
            if fingerprint is not None and run_findings is not None:
                kept = _load(self.home / "run.pickle", {})
                kept = kept if isinstance(kept, dict) else {}
                kept.pop(fingerprint, None)
                kept[fingerprint] = run_findings  # the newest last
                self._write("run.pickle", dict(list(kept.items())[-RUNS:]))
        except OSError:
            pass  # a read-only or full disk only costs the speed-up
        self._changed, self._new_facts = {}, {}

    # -- files -----------------------------------------------------------------

    def _read_index(self) -> dict[str, Record]:
        if self._index is None:
            target = self.home / "index.pickle"
            self._loaded_as = _stamp_of(target)
            index = _load(target, {})
            self._index = index if isinstance(index, dict) else {}
        return self._index

    def _facts_pairs(self, live: set[str]) -> Iterator[tuple[str, bytes]]:
        """The facts file's pairs anew: the kept ones still indexed, then this run's."""
        for digest, data in _pairs(self.home / "facts.pickle"):
            if digest in live and digest not in self._new_facts:
                yield digest, data
        for digest, facts in self._new_facts.items():
            yield digest, pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)

    def _write(self, name: str, value: object) -> None:
        """One file replaced whole; a generator's items are pickled one after another."""
        self._prepare()
        fd, tmp = tempfile.mkstemp(dir=self.home, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                if isinstance(value, abc.Iterator):
                    pickler = pickle.Pickler(f, protocol=pickle.HIGHEST_PROTOCOL)
                    for item in value:
                        pickler.dump(item)
                        pickler.clear_memo()
                else:
                    pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.home / name)
        except BaseException:
            os.unlink(tmp)
            raise

    def _prepare(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# Automatically created by gzlint.\n*\n")):
            if not (self.folder / name).exists():
                (self.folder / name).write_text(text, encoding="utf-8")


def fingerprint(key: str, entries: Iterable[tuple[str, str]]) -> str:
    """Of the run key and every file's (path, digest), in run order."""
    digest = hashlib.blake2b(key.encode(), digest_size=20)
    for path, content in entries:
        digest.update(_name(path) + b"\0" + content.encode() + b"\n")
    return digest.hexdigest()


def _name(path: str) -> bytes:
    # any str a path can be, lone surrogates too
    return path.encode("utf-8", "surrogatepass")


def _stamp_of(path: Path) -> tuple | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


def _pairs(path: Path) -> Iterator[tuple[str, bytes]]:
    """The (digest, pickled facts) pairs of a facts file, as far as it is whole."""
    try:
        with open(path, "rb") as f:
            unpickler = pickle.Unpickler(f)
            while True:
                pair = unpickler.load()
                if not (isinstance(pair, tuple) and len(pair) == 2):
                    return
                yield pair
    except Exception:  # the end, or absent, or from another gzlint
        return


def _load(path: Path, default: Any) -> Any:
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:  # absent, unreadable, or from another gzlint: nothing kept
        return default

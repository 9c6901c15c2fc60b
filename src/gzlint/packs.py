"""Rule packs: the folders of TOML files that hold what a reviewer may want
to read or change without touching code — the form versions, the word lists
the prose rules read, the deadlines by body kind, the thresholds.

The built-in pack is ``rules/national`` at the top of the repository; a wheel
carries it as ``gzlint/rulepacks`` (setup.py copies it in). ``rule-packs = [...]``
in the configuration adds local packs after it, in order: their forms join
the national ones, their word lists extend the lists before them, their
deadlines and thresholds override. ``rules/national/pack.toml`` documents the
layout; ``examples/rule-packs/`` holds a tested local pack.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable


def toml_reader():
    """The TOML reader: tomllib, or tomli before Python 3.11. Imported when
    a file is first read: a run without a configuration file whose results
    all come from the cache reads none."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


class PackError(Exception):
    """A rule pack that is missing or malformed (exit status 2)."""


def builtin_root() -> Path:
    """``gzlint/rulepacks`` in a wheel, ``rules/`` at the top of a checkout."""
    here = Path(__file__).resolve().parent
    shipped = here / "rulepacks"
    return shipped if shipped.is_dir() else here.parent.parent / "rules"


@dataclass(frozen=True)
class Pack:
    path: Path

    @property
    def name(self) -> str:
        return str(self.data("pack").get("name", self.path.name))

    def form_files(self) -> list[Path]:
        return sorted((self.path / "forms").glob("*.toml"))

    def data(self, name: str) -> dict[str, Any]:
        """The table of ``<name>.toml``, empty when the pack has no such file."""
        return _read(self.path / f"{name}.toml")


@lru_cache(maxsize=None)
def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    tomllib = toml_reader()
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PackError(f"{path}: {exc}") from None


_local: tuple[Path, ...] = ()


def use_local_packs(folders: Iterable[Path]) -> None:
    """Make ``folders`` the local packs of this run (the configuration's
    ``rule-packs``); the forms are loaded anew when they change."""
    global _local
    folders = tuple(Path(f).resolve() for f in folders)
    for folder in folders:
        if not folder.is_dir():
            raise PackError(f"规则包不存在：{folder}")
    if folders != _local:
        _local = folders
        from .plugins import all_forms

        all_forms.cache_clear()
        merged.cache_clear()


def packs() -> list[Pack]:
    """The built-in packs, then the local ones."""
    root = builtin_root()
    builtin = [Pack(p) for p in sorted(root.iterdir()) if p.is_dir()] if root.is_dir() else []
    return builtin + [Pack(p) for p in _local]


def form_files() -> list[Path]:
    return [f for pack in packs() for f in pack.form_files()]


@lru_cache(maxsize=None)
def merged(name: str) -> dict[str, Any]:
    """``<name>.toml`` of every pack merged in order: lists extend, tables
    merge key by key, other values override."""
    out: dict[str, Any] = {}
    for pack in packs():
        _merge(out, pack.data(name))
    return out


def _merge(into: dict[str, Any], data: dict[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        elif isinstance(value, list) and isinstance(into.get(key), list):
            into[key] = into[key] + [v for v in value if v not in into[key]]
        else:
            into[key] = value


def value(name: str, *keys: str) -> Any:
    """One value of the merged ``<name>.toml``: ``value("thresholds", "near-copy", "same-body")``."""
    data: Any = merged(name)
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            raise PackError(f"rules/*/{name}.toml: {'.'.join(keys)} is missing")
        data = data[key]
    return data

"""Settings: ``[tool.gzlint]`` in pyproject.toml or a ``gzlint.toml``.

The file is found by walking up from the first linted path (the nearest one
wins, gzlint.toml before pyproject.toml in the same folder); ``--config``
names one explicitly. Command-line options override the file. Unknown keys,
unknown codes and bad values are errors, never silently ignored.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterable

from .diagnostics import Severity
from .readers.limits import Limits


class ConfigError(Exception):
    """A configuration problem the user must fix (exit status 2)."""


@dataclass
class Settings:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_level: Severity = Severity.ERROR
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    extend_exclude: list[str] = field(default_factory=list)
    #: body kind per path glob or body name: {"*街道*": "乡镇街道"}
    body_kind: dict[str, str] = field(default_factory=dict)
    #: deadline per body kind, as MM-DD of the year after the report year
    deadlines: dict[str, str] = field(default_factory=dict)
    #: the language of messages, rule docs and the summary line (zh, en)
    lang: str = "zh"
    #: folders of local rule packs (forms, word lists, thresholds), relative
    #: to the configuration file; they add to the packs in rules/
    rule_packs: list[str] = field(default_factory=list)
    #: bounds on reading a file (``[tool.gzlint.limits]``), see readers/limits.py
    limits: Limits = field(default_factory=Limits)
    #: the file the settings came from, if any
    path: Path | None = None
    #: key → where its value came from (default, the file, the command line)
    sources: dict[str, str] = field(default_factory=dict)

    # -- code selection ----------------------------------------------------
    def enabled(self, code: str, path: str | None = None) -> bool:
        """Longest matching prefix decides; an ignore wins a tie."""
        best_len, enabled = -1, False
        for prefixes, value in ((self.select + self.extend_select, True), (self.ignore + self._file_ignores(path), False)):
            for p in prefixes:
                plen = 0 if p == "ALL" else len(p)
                if (p == "ALL" or code.startswith(p)) and (plen > best_len or (plen == best_len and not value)):
                    best_len, enabled = plen, value
        return enabled

    def names(self, code: str) -> bool:
        """Whether ``code`` itself is selected (not through ALL or a prefix):
        what turns on a rule that is off by default."""
        return code in self.select + self.extend_select and self.enabled(code)

    def _file_ignores(self, path: str | None) -> list[str]:
        if not path or not self.per_file_ignores:
            return []
        rel = _relative(path, self.path.parent if self.path else None)
        codes: list[str] = []
        for pattern, ignored in self.per_file_ignores.items():
            if _glob_match(rel, pattern):
                codes += ignored
        return codes

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code, default)

    def excluded(self, path: Path) -> bool:
        rel = _relative(str(path), self.path.parent if self.path else None)
        return any(_glob_match(rel, p) for p in self.exclude + self.extend_exclude)

    def pack_folders(self) -> list[Path]:
        """The local rule packs, relative to the configuration file."""
        root = self.path.parent if self.path else Path.cwd()
        return [(root / p).resolve() for p in self.rule_packs]

    def included(self, path: Path) -> bool:
        rel = _relative(str(path), self.path.parent if self.path else None)
        return any(_glob_match(rel, p) for p in self.include)


def _relative(path: str, root: Path | None) -> str:
    p = Path(path)
    if root is not None:
        try:
            return p.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return p.as_posix()


def _glob_match(rel: str, pattern: str) -> bool:
    """Globs match the relative path, or any trailing part of it (like .gitignore)."""
    rel_parts = PurePosixPath(rel).parts
    if fnmatch.fnmatch(rel, pattern):
        return True
    return any(fnmatch.fnmatch("/".join(rel_parts[i:]), pattern) for i in range(len(rel_parts)))


_KEYS = {
    "select", "ignore", "extend-select", "per-file-ignores", "severity", "fail-level",
    "include", "exclude", "extend-exclude", "body-kind", "deadlines", "limits", "lang", "rule-packs",
}


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest gzlint.toml, or pyproject.toml with a [tool.gzlint] table."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for d in (folder, *folder.parents):
        own = d / "gzlint.toml"
        if own.is_file():
            return own, _load(own, pyproject=False)
        pyproject = d / "pyproject.toml"
        # a project file that never names gzlint has no [tool.gzlint]: not parsed
        # (a TOML parse is most of a cached run's settings), and not ours to judge
        if pyproject.is_file() and _names_gzlint(pyproject):
            data = _load(pyproject, pyproject=True)
            if data is not None:
                return pyproject, data
    return None


def _names_gzlint(path: Path) -> bool:
    try:
        return b"gzlint" in path.read_bytes()
    except OSError:
        return True  # let the parse say what is wrong with it


def _load(path: Path, pyproject: bool) -> dict[str, Any] | None:
    from .packs import toml_reader

    tomllib = toml_reader()
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: 不是 UTF-8 编码的 TOML 文件") from None
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as exc:
        raise ConfigError(f"{path}: 不是有效的 TOML：{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    tool = data.get("tool")
    if pyproject or tool is not None:
        if tool is None:
            return None
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: tool 应为表（[tool.gzlint]），而不是 {_type_name(tool)}")
        table = tool.get("gzlint", None if pyproject else data)
    else:
        table = data
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.gzlint] 应为表，而不是 {_type_name(table)}")
    return table


def _type_name(value: Any) -> str:
    return {int: "整数", float: "小数", str: "字符串", list: "数组", bool: "布尔值"}.get(type(value), type(value).__name__)


def load_settings(paths: Iterable[str], config: str | None = None, known_codes: Iterable[str] = ()) -> Settings:
    if config:
        cfg = Path(config)
        if not cfg.is_file():
            raise ConfigError(f"配置文件不存在：{config}")
        data = _load(cfg, pyproject=cfg.name == "pyproject.toml") or {}
        found: tuple[Path, dict] | None = (cfg, data)
    else:
        first = next(iter(paths), ".")
        found = find_config(Path(first))
    settings = Settings()
    if found:
        settings.path = found[0]
        apply(settings, found[1], str(found[0]), known_codes)
    return settings


def apply(settings: Settings, data: dict[str, Any], source: str, known_codes: Iterable[str] = ()) -> None:
    """Merge ``data`` (a config table or the CLI's options) into ``settings``."""
    known = list(known_codes)
    for k in sorted(set(data) - _KEYS):
        raise ConfigError(f"{source}: 未知的配置项 {k}{did_you_mean(k, _KEYS)}（可用：{', '.join(sorted(_KEYS))}）")
    for k, v in data.items():
        attr = k.replace("-", "_")
        if k in ("select", "ignore", "extend-select", "include", "exclude", "extend-exclude"):
            value = _string_list(v, k, source)
            if k in ("select", "ignore", "extend-select"):
                value = _codes(value, known, source)
            setattr(settings, attr, value)
        elif k == "per-file-ignores":
            if not isinstance(v, dict):
                raise ConfigError(f"{source}: per-file-ignores 应为「glob = [代码…]」的表")
            table = {}
            for glob, codes in v.items():
                table[glob] = _codes(_string_list(codes, f"per-file-ignores.{glob}", source), known, source)
            settings.per_file_ignores = table
        elif k == "severity":
            if not isinstance(v, dict):
                raise ConfigError(f"{source}: severity 应为「代码 = \"error\"|\"warning\"|\"info\"」的表")
            sev = {}
            for code, level in v.items():
                if code in _KEYS:  # e.g. fail-level written after a [tool.gzlint.severity] header
                    raise ConfigError(f"{source}: {code} 写在了 severity 表中，应写在 [tool.gzlint] 下（severity 表之前）")
                sev[_codes([code], known, source)[0]] = _severity(level, source)
            settings.severity = sev
        elif k == "fail-level":
            settings.fail_level = _severity(v, source)
        elif k == "lang":
            from .messages import LANGUAGES

            if v not in LANGUAGES:
                raise ConfigError(f"{source}: lang 应为 {' 或 '.join(LANGUAGES)}，而不是「{v}」")
            settings.lang = v
        elif k == "rule-packs":
            settings.rule_packs = _string_list(v, k, source)
        elif k == "limits":
            if not isinstance(v, dict):
                raise ConfigError(f"{source}: limits 应为「名称 = 正整数」的表（可用：{', '.join(Limits.keys())}）")
            try:
                settings.limits = settings.limits.updated(v, source)
            except ValueError as exc:
                raise ConfigError(str(exc)) from None
        elif k in ("body-kind", "deadlines"):
            if not isinstance(v, dict) or not all(isinstance(x, str) for x in v.values()):
                raise ConfigError(f"{source}: {k} 应为字符串表")
            _check_kinds(k, v, source)
            setattr(settings, attr, dict(v))
        settings.sources[k] = source


def _check_kinds(name: str, table: dict[str, str], source: str) -> None:
    """body-kind values and deadlines keys are body kinds; deadlines are MM-DD."""
    from .metadata.body import KINDS, canonical_kind
    from .metadata.deadlines import parse_mmdd

    kinds = table.values() if name == "body-kind" else table.keys()
    for kind in kinds:
        if canonical_kind(kind) is None:
            raise ConfigError(f"{source}: {name} 中的机关类型「{kind}」无法识别（可用：{'、'.join(KINDS)}）")
    if name == "deadlines":
        for kind, value in table.items():
            if parse_mmdd(value) is None:
                raise ConfigError(f"{source}: deadlines.{kind} 应为次年的「MM-DD」日期，如 \"01-31\"，而不是「{value}」")


def _string_list(value: Any, name: str, source: str) -> list[str]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ConfigError(f"{source}: {name} 应为字符串列表")
    return value


def _codes(codes: list[str], known: list[str], source: str) -> list[str]:
    """Codes and prefixes, upper-cased (gz3 is GZ3, as in ``gzlint explain``); unknown ones are errors."""
    codes = [c.strip().upper() for c in codes]
    for code in codes:
        if known and code != "ALL" and not any(k.startswith(code) for k in known):
            raise ConfigError(f"{source}: 未知的规则代码 {code}{did_you_mean(code, known)}（用 gzlint rules 查看全部代码）")
    return codes


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """「（是否想写 X？）」 for the closest of ``choices``, or nothing."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"（是否想写 {close[0]}？）" if close else ""


def unmatched_globs(settings: Settings, files: Iterable[Path]) -> list[str]:
    """per-file-ignores globs that match none of ``files`` (a typo, or a file since renamed)."""
    root = settings.path.parent if settings.path else None
    rels = [_relative(str(f), root) for f in files]
    return [g for g in settings.per_file_ignores if not any(_glob_match(rel, g) for rel in rels)]


def _severity(value: Any, source: str) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError as exc:
        raise ConfigError(f"{source}: {exc}") from None


def _toml_value(value: Any) -> str:
    if isinstance(value, Limits):
        return _toml_value({key: getattr(value, key.replace("-", "_")) for key in Limits.keys()})
    if isinstance(value, Severity):
        return f'"{value.label}"'
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        inner = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Path):
        return f'"{value.as_posix()}"'
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_key(key: str) -> str:
    return key if key.replace("-", "").replace("_", "").isalnum() and key.isascii() else _toml_value(key)


def show_settings(settings: Settings, known_codes: Iterable[str] = ()) -> str:
    """The resolved settings as TOML, each key commented with its source."""
    lines = [f"# configuration file: {settings.path if settings.path else '(none found; defaults)'}", "[tool.gzlint]"]
    for key in sorted(_KEYS, key=lambda k: list(_KEY_ORDER).index(k)):
        value = getattr(settings, key.replace("-", "_"))
        lines.append(f"{key} = {_toml_value(value)}  # {settings.sources.get(key, 'default')}")
    codes = [c for c in known_codes if settings.enabled(c)]
    if codes:
        lines.append(f"# enabled rules ({len(codes)}): {' '.join(codes)}")
    return "\n".join(lines) + "\n"


_KEY_ORDER = (
    "select", "extend-select", "ignore", "per-file-ignores", "severity", "fail-level",
    "include", "exclude", "extend-exclude", "body-kind", "deadlines", "limits", "lang", "rule-packs",
)

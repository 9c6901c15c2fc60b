"""Writing gzlint's own files (the report with ``-o``, a baseline) safely.

A report or baseline is written to a temporary file in the target's folder
and moved over the target with ``os.replace``, so a full disk or a crash
leaves the old file whole, never a half-written one. A target that is one of
the files being linted is refused before anything runs: ``-o report.docx``
would otherwise replace the report with the linter's output.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable


class OutputError(Exception):
    """An output file cannot be written (exit status 2)."""


def refuse_inputs(targets: dict[str, str | None], inputs: Iterable[str | Path]) -> None:
    """OutputError when a target (option → path) is one of the input files.

    Compared by device and inode, so a symlink or hard link to an input is
    caught too; a target that does not exist yet cannot be an input."""
    wanted = {}
    for option, target in targets.items():
        if target:
            identity = _identity(target)
            if identity is not None:
                wanted[identity] = (option, target)
    if not wanted:
        return
    for path in inputs:
        hit = wanted.get(_identity(path))
        if hit:
            option, target = hit
            raise OutputError(f"{option} {target} 是被检查的文件之一，不会覆盖它（请换一个输出文件名）")


def _identity(path: str | Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8) to ``path`` all at once, or not at all."""
    path = Path(path)
    # a stray surrogate must not lose the whole report
    data = content.encode("utf-8", "backslashreplace") if isinstance(content, str) else content
    if path.is_dir():
        raise OutputError(f"无法写入 {path}：这是一个文件夹")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"无法写入 {path}：{exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode(path))
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"无法写入 {path}：{exc.strerror or exc}") from None


def _mode(path: Path) -> int:
    """The target's permissions if it exists, else what a new file would get."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask

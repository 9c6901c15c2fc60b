"""A progress bar on the terminal for runs of more than a few files.

Shown on standard error only when it is a terminal and the output is meant
for people (full or concise); machine-readable formats and pipes get nothing.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator

#: fewer files than this finish before a bar would help
MIN_FILES = 20
HUMAN_FORMATS = ("full", "concise")


@contextmanager
def progress_bar(fmt: str, stream=None) -> Iterator[Callable[[int, int], None] | None]:
    """A ``progress(done, total)`` callback, or None where no bar is wanted."""
    stream = stream or sys.stderr
    if fmt not in HUMAN_FORMATS or not stream.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("gzlint"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(file=stream), transient=True)
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if total < MIN_FILES:
            return
        if task is None:
            bar.start()
            task = bar.add_task("check", total=total)
        bar.update(task, completed=done)

    try:
        yield update
    finally:
        if task is not None:
            bar.stop()

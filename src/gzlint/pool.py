"""Worker processes for a run: each reads, matches and checks one file at a time.

Workers are forked from the process that built the run's rules, so plugins and
forms are loaded once. A worker lints one file at a time, with the next one
waiting in its pipe (DEPTH). One that dies (a crash in a native library, the
memory killer) or takes longer than the per-file budget is killed and
replaced; its file becomes one GZ001 diagnostic, the file queued behind it
goes to the next worker, and the run goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import time

try:
    import resource
except ImportError:  # pragma: no cover - not POSIX
    resource = None
from collections import deque
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Iterator

from .messages import msg

if TYPE_CHECKING:  # pragma: no cover
    from .engine import FileResult, Linter


def may_start_workers() -> bool:
    """False inside a daemonic process (a multiprocessing or Dask worker),
    which may not start processes of its own."""
    return not multiprocessing.current_process().daemon


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _context():
    # fork shares the imported rules and loaded forms; elsewhere, spawn rebuilds them
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _cap_memory(megabytes: int) -> None:
    """Bound this worker's address space: a file that would take more raises
    MemoryError here (or kills the worker) instead of exhausting the machine."""
    if resource is None:  # pragma: no cover
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft == resource.RLIM_INFINITY or cap < soft:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _serve(conn: Connection, linter: "Linter") -> None:
    memory_mb = linter.settings.limits.worker_memory_mb
    _cap_memory(memory_mb)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        try:
            result = linter.lint_file(path)
        except MemoryError:
            result = linter.lint_failure(path, msg("GZ001.worker-memory", limit=memory_mb))
        conn.send((index, result))


#: tasks a worker holds at once: the next file waits in its pipe, so the
#: worker never idles while the parent takes a result and sends more work
DEPTH = 2


class _Worker:
    def __init__(self, ctx, linter: "Linter") -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, linter), daemon=True)
        self.process.start()
        child.close()
        #: the tasks sent and not yet answered, oldest (the one being linted) first
        self.tasks: deque[tuple[int, str]] = deque()
        #: when the oldest task began: when it was sent, or when the one before it came back
        self.started = 0.0

    def give(self, task: tuple[int, str]) -> None:
        if not self.tasks:
            self.started = time.monotonic()
        self.tasks.append(task)
        self.conn.send(task)

    def answered(self) -> None:
        self.tasks.popleft()
        self.started = time.monotonic()

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(5)
        if self.process.is_alive():  # pragma: no cover - a worker that ignores its stop
            self.process.kill()
            self.process.join()
        self.conn.close()


def lint_in_workers(linter: "Linter", tasks: list[tuple[int, str]], *, jobs: int,
                    budget: float) -> Iterator[tuple[int, "FileResult"]]:
    """(index, result) for every task, as files finish."""
    ctx = _context()
    queue = deque(tasks)
    workers = [_Worker(ctx, linter) for _ in range(min(jobs, len(tasks)))]

    def fill(w: _Worker) -> None:
        while queue and len(w.tasks) < DEPTH:
            w.give(queue.popleft())

    try:
        for w in workers:
            fill(w)
        while any(w.tasks for w in workers):
            busy = [w for w in workers if w.tasks]
            left = min(w.started + budget for w in busy) - time.monotonic()
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], max(0.0, left)))
            now = time.monotonic()
            for k, w in enumerate(workers):
                if not w.tasks:
                    continue
                failure = None
                if w.conn in ready or w.process.sentinel in ready:
                    got = []
                    try:
                        while w.tasks and w.conn.poll():
                            got.append(w.conn.recv())
                            w.answered()
                    except (EOFError, OSError):
                        pass
                    yield from got
                    if not got:
                        w.process.join(1)
                        failure = msg("GZ001.worker-died", status=w.process.exitcode)
                elif now >= w.started + budget:
                    failure = msg("GZ001.worker-timeout", seconds=f"{budget:g}")
                if failure:
                    index, path = w.tasks.popleft()
                    queue.extendleft(reversed(w.tasks))  # the files it had not begun go to the next worker
                    w.tasks.clear()
                    w.stop(kill=True)
                    yield index, linter.lint_failure(path, failure)
                    workers[k] = w = _Worker(ctx, linter)
                fill(w)
    finally:
        for w in workers:
            w.stop(kill=bool(w.tasks))

"""Issue 11: worker processes, the per-file budget, the result cache, summaries
and the library entry points (lint_bytes, cross_report)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time

import pytest

from gzlint import engine
from gzlint.cache import ResultCache
from gzlint.config import Settings
from gzlint.hookspec import hookimpl
from gzlint.plugins import plugin_manager
from gzlint.testing.sample import render_text, sample_report


def write_corpus(folder, n: int = 4):
    """n reports: every other one with a wrong 表三 总计 (GZ301)."""
    folder.mkdir(exist_ok=True)
    for i in range(n):
        r = sample_report("2021", body=f"青山县第{i}局")
        if i % 2:
            r.set_cell("applications", "total", "total", "99")
        (folder / f"r{i}.txt").write_text(render_text(r), encoding="utf-8")
    return folder


def keys(result):
    return [(d.path, d.line, d.code, d.message) for d in result.diagnostics]


class Saboteur:
    """A reader plugin that kills its worker on crash.txt and hangs on slow.txt."""

    @hookimpl
    def gzlint_read_document(self, path, data, kind):
        name = os.path.basename(path)
        if name == "crash.txt":
            os._exit(3)
        if name == "slow.txt":
            time.sleep(120)
        return None


@pytest.fixture
def saboteur():
    pm = plugin_manager()
    plugin = Saboteur()
    pm.register(plugin)
    yield
    pm.unregister(plugin)


def test_workers_find_what_one_process_finds(tmp_path):
    folder = write_corpus(tmp_path / "c", 6)
    one = engine.run([folder], jobs=1)
    two = engine.run([folder], jobs=2)
    assert keys(one) == keys(two) and one.files == two.files
    assert sum(d.code == "GZ301" for d in two.diagnostics) >= 3


def test_a_dying_worker_and_a_hung_file_are_one_gz001_each(tmp_path, saboteur):
    folder = write_corpus(tmp_path / "c", 3)
    (folder / "crash.txt").write_text(render_text(sample_report("2021")), encoding="utf-8")
    (folder / "slow.txt").write_text(render_text(sample_report("2021")), encoding="utf-8")
    result = engine.run([folder], jobs=2, budget=2.0)
    by_file = {}
    for d in result.diagnostics:
        by_file.setdefault(os.path.basename(d.path), []).append(d)
    assert [d.code for d in by_file["crash.txt"]] == ["GZ001"] and "工作进程意外退出" in by_file["crash.txt"][0].message
    assert [d.code for d in by_file["slow.txt"]] == ["GZ001"] and "超过时限" in by_file["slow.txt"][0].message
    # the other files are checked as usual, by the replacement workers too
    clean = engine.run([folder / "r0.txt", folder / "r1.txt", folder / "r2.txt"], jobs=1)
    assert [k for k in keys(result) if "r" == os.path.basename(k[0])[0]] == keys(clean)
    assert not result.errors


def test_cache_reuses_results_and_misses_on_change(tmp_path, monkeypatch):
    folder = write_corpus(tmp_path / "c", 3)
    settings = Settings()
    first = engine.run([folder], settings, jobs=1, cache=ResultCache(tmp_path / "cache", settings))
    assert (tmp_path / "cache" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (tmp_path / "cache" / ".gitignore").read_text().strip().endswith("*")

    calls = []
    real = engine.Linter.lint_file
    monkeypatch.setattr(engine.Linter, "lint_file", lambda self, path, data=None: calls.append(path) or real(self, path, data))
    again = engine.run([folder], settings, jobs=1, cache=ResultCache(tmp_path / "cache", settings))
    assert keys(again) == keys(first) and calls == []

    (folder / "r0.txt").write_text(render_text(sample_report("2021").set_cell("applications", "total", "total", "98")),
                                   encoding="utf-8")
    changed = engine.run([folder], settings, jobs=1, cache=ResultCache(tmp_path / "cache", settings))
    assert calls == [str(folder / "r0.txt")]
    assert any(d.code == "GZ301" and d.path.endswith("r0.txt") for d in changed.diagnostics)

    calls.clear()
    narrow = Settings(select=["GZ3"])
    engine.run([folder], narrow, jobs=1, cache=ResultCache(tmp_path / "cache", narrow))
    assert len(calls) == 3  # other settings, other entries


def test_cache_folder_that_is_a_file_is_refused(tmp_path):
    from gzlint.cli import main

    folder = write_corpus(tmp_path / "c", 1)
    assert main(["--cache-dir", str(folder / "r0.txt"), str(folder)]) == 2


def test_no_cache_writes_nothing(tmp_path, monkeypatch):
    from gzlint.cli import main

    folder = write_corpus(tmp_path / "c", 2)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GZLINT_CACHE_DIR")
    assert main(["--no-cache", "--format", "json", str(folder)]) == 1
    assert not (tmp_path / ".gzlint_cache").exists()
    assert main(["--format", "json", "-j", "2", str(folder)]) == 1
    assert (tmp_path / ".gzlint_cache" / "CACHEDIR.TAG").exists()


def test_lint_bytes_and_cross_report_over_pickled_summaries():
    then = sample_report("2021", year=2021, body="青山县桃源街道办事处")
    now = sample_report("2021", year=2022, body="青山县桃源街道办事处")
    now.set_cell("applications", "carried_in", "total", "7")
    results = [engine.lint_bytes(render_text(r).encode("utf-8"), f"{r.year}.txt") for r in (then, now)]
    results = pickle.loads(pickle.dumps(results))
    assert all(not r.errors for r in results)
    found = engine.cross_report([r.facts for r in results])
    assert any(d.code == "GZ306" and d.path == "2022.txt" and d.column == "总计" for d in found)
    # a near copy of last year's text with the year changed
    assert any(d.code == "GZ506" and d.path == "2022.txt" for d in found)


def _run_in_daemon(folder, queue):
    queue.put(keys(engine.run([folder], jobs=2)))


def test_a_daemonic_process_lints_in_itself(tmp_path):
    """Inside a pool worker (multiprocessing, Dask) gzlint may not start
    processes: it lints in the worker itself."""
    import multiprocessing

    folder = write_corpus(tmp_path / "c", 3)
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_run_in_daemon, args=(folder, queue), daemon=True)
    proc.start()
    found = queue.get(timeout=120)
    proc.join(30)
    assert found == keys(engine.run([folder], jobs=1))


class Hog:
    """A reader plugin that asks for far more memory than a worker may have on hog.txt."""

    @hookimpl
    def gzlint_read_document(self, path, data, kind):
        if os.path.basename(path) == "hog.txt":
            bytearray(3 * 1024 ** 3)
        return None


def test_a_file_past_the_worker_memory_cap_is_one_gz001(tmp_path):
    from dataclasses import replace

    from gzlint.config import Settings

    folder = write_corpus(tmp_path / "c", 2)
    (folder / "hog.txt").write_text(render_text(sample_report("2021")), encoding="utf-8")
    settings = Settings()
    settings = replace(settings, limits=replace(settings.limits, worker_memory_mb=1024))
    pm = plugin_manager()
    hog = Hog()
    pm.register(hog)
    try:
        result = engine.run([folder], settings, jobs=2)
    finally:
        pm.unregister(hog)
    by_file = {}
    for d in result.diagnostics:
        by_file.setdefault(os.path.basename(d.path), []).append(d)
    # the allocation fails inside the capped worker: that file is one GZ001, the others are checked
    assert [d.code for d in by_file["hog.txt"]] == ["GZ001"]
    assert "内存超出上限（1024 MB）" in by_file["hog.txt"][0].message
    assert {"r0.txt", "r1.txt"} <= set(by_file) and not result.errors


class Recorder:
    """A reader plugin that notes when each file starts being read."""

    def __init__(self, events):
        self.events = events

    @hookimpl
    def gzlint_read_document(self, path, data, kind):
        self.events.append(("read", os.path.basename(path)))
        return None


def test_each_file_is_handed_over_as_soon_as_it_is_done(tmp_path):
    folder = write_corpus(tmp_path / "c", 3)
    events = []
    pm = plugin_manager()
    recorder = Recorder(events)
    pm.register(recorder)
    try:
        result = engine.run([folder], jobs=1, on_file=lambda r: events.append(("out", os.path.basename(r.files[0]))))
    finally:
        pm.unregister(recorder)
    # one process: a file's diagnostics are out before the next file is read
    assert events == [(kind, f"r{i}.txt") for i in range(3) for kind in ("read", "out")]
    assert not result.errors


def test_streamed_concise_output_has_the_lines_of_the_whole_run(tmp_path):
    folder = write_corpus(tmp_path / "c", 4)
    streamed = subprocess.run([sys.executable, "-m", "gzlint", "--no-cache", "-j", "2", str(folder)],
                              capture_output=True, text=True)
    whole = tmp_path / "whole.txt"
    subprocess.run([sys.executable, "-m", "gzlint", "--no-cache", "-o", str(whole), str(folder)], capture_output=True)
    lines = streamed.stdout.splitlines()
    assert streamed.returncode == 1 and sorted(lines) == sorted(whole.read_text(encoding="utf-8").splitlines())
    # file by file, in the order of the run, the summary last
    paths = [line.split(":", 1)[0] for line in lines[:-1]]
    assert paths == sorted(paths) and "r1.txt" in lines[0] and "共发现" in lines[-1]

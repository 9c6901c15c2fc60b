"""The result cache (gzlint.cache): the stat fast path, the cross-report
rules' kept findings, and a fully cached run that loads no rule."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from gzlint import cache as cache_module, engine
from gzlint.cache import ResultCache
from gzlint.config import Settings
from gzlint.testing.sample import render_text, sample_report

BODY = "青山县桃源街道办事处"


def write_years(folder, carried_in: str = "7"):
    """Last year's and this year's report of one body: this year's 上年结转
    (carried_in) disagrees with last year's 结转下年度 (GZ306) unless it is 0."""
    folder.mkdir(exist_ok=True)
    then = sample_report("2021", year=2021, body=BODY)
    now = sample_report("2021", year=2022, body=BODY).set_cell("applications", "carried_in", "total", carried_in)
    (folder / "2021.txt").write_text(render_text(then), encoding="utf-8")
    (folder / "2022.txt").write_text(render_text(now), encoding="utf-8")
    return folder


def findings(result):
    return sorted((os.path.basename(d.path), d.code, d.message) for d in result.diagnostics)


@pytest.fixture
def linted(monkeypatch):
    """The paths each run lints (not served from the cache)."""
    calls: list[str] = []
    real = engine.Linter.lint_file
    monkeypatch.setattr(engine.Linter, "lint_file", lambda self, path, data=None: calls.append(path) or real(self, path, data))
    return calls


def cached_run(folder, tmp_path):
    settings = Settings()
    return engine.run([folder], settings, jobs=1, cache=ResultCache(tmp_path / "cache", settings))


def uncached(folder):
    return engine.run([folder], Settings(), jobs=1, cache=None)


def test_cross_report_findings_follow_an_edit_and_a_deletion(tmp_path, linted):
    folder = write_years(tmp_path / "c")
    first = cached_run(folder, tmp_path)
    assert ("2022.txt", "GZ306") in {f[:2] for f in findings(first)}
    assert findings(cached_run(folder, tmp_path)) == findings(first) and len(linted) == 2

    write_years(folder, carried_in="2")  # 2022 now carries in what 2021 carried out
    edited = cached_run(folder, tmp_path)
    assert linted[2:] == [str(folder / "2022.txt")]  # only the edited file is linted again
    assert findings(edited) == findings(uncached(folder)) != findings(first)
    assert "GZ306" not in {f[1] for f in findings(edited)}

    (folder / "2021.txt").unlink()
    del linted[:]
    gone = cached_run(folder, tmp_path)
    assert linted == []
    assert findings(gone) == findings(uncached(folder))
    assert not any(f[0] == "2021.txt" for f in findings(gone))


def test_a_same_size_edit_with_its_mtime_restored_is_linted_again(tmp_path, linted, monkeypatch):
    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # trust stats at once, as for files long unchanged
    folder = write_years(tmp_path / "c", carried_in="7")
    first = cached_run(folder, tmp_path)
    path = folder / "2022.txt"
    before = path.stat()

    reads: list[str] = []
    real_read = engine.limits.read_input
    monkeypatch.setattr(engine.limits, "read_input", lambda p: reads.append(p) or real_read(p))
    assert findings(cached_run(folder, tmp_path)) == findings(first)
    assert reads == [] and len(linted) == 2  # stat says unchanged: nothing read, nothing linted

    path.write_text(path.read_text(encoding="utf-8").replace("7", "8", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    again = cached_run(folder, tmp_path)
    assert linted[2:] == [str(path)]
    assert findings(again) == findings(uncached(folder))


def test_a_touched_file_is_read_but_not_linted(tmp_path, linted, monkeypatch):
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    folder = write_years(tmp_path / "c")
    first = cached_run(folder, tmp_path)
    os.utime(folder / "2021.txt", ns=(1, 10**18))
    assert findings(cached_run(folder, tmp_path)) == findings(first) and len(linted) == 2


def test_a_stat_taken_just_after_a_change_is_not_trusted(tmp_path):
    info = os.stat(write_years(tmp_path / "c") / "2021.txt")
    changed = max(info.st_mtime_ns, info.st_ctime_ns)
    assert cache_module.file_stamp(info, changed + 1) is None
    assert cache_module.file_stamp(info, changed + cache_module.RACY_NS) is not None


def test_a_fully_cached_run_loads_no_rule(tmp_path):
    """In a fresh interpreter: the second run builds no Linter and imports no rule module."""
    folder = write_years(tmp_path / "c")
    script = f"""
import sys
from gzlint import engine
from gzlint.cache import ResultCache
from gzlint.config import Settings
settings = Settings()
result = engine.run([{str(folder)!r}], settings, jobs=1, cache=ResultCache({str(tmp_path / 'cache')!r}, settings))
print(sorted((d.path, d.code) for d in result.diagnostics))
print(sorted(m for m in sys.modules if m.startswith("gzlint.rules.") or m.startswith("gzlint.matcher")))
"""
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.splitlines()
            for _ in range(2)]
    assert runs[0][0] == runs[1][0] and "GZ306" in runs[0][0]
    assert runs[0][1] != "[]" and runs[1][1] == "[]"


def test_concurrent_writers_never_leave_half_a_file(tmp_path):
    """Each cache file is replaced whole: a reader finds the old or the new one."""
    folder = write_years(tmp_path / "c")
    cached_run(folder, tmp_path)
    home = next((tmp_path / "cache").glob(f"{cache_module.LAYOUT}-*"))
    assert sorted(p.name for p in home.iterdir()) == ["facts.pickle", "index.pickle", "run.pickle"]
    (home / "index.pickle").write_bytes((home / "index.pickle").read_bytes()[:50])  # as a crash mid-write of an older gzlint
    assert findings(cached_run(folder, tmp_path)) == findings(uncached(folder))


def test_runs_over_other_files_keep_each_others_cross_report_findings(tmp_path, monkeypatch):
    """A folder's run and pre-commit's runs over a few of its files alternate:
    each set's cross-report findings stay kept."""
    folder = write_years(tmp_path / "c")
    settings = Settings()
    first = cached_run(folder, tmp_path)
    engine.run([folder / "2022.txt"], settings, jobs=1, cache=ResultCache(tmp_path / "cache", settings))

    def no_linter(*args, **kwargs):
        raise AssertionError("a fully cached run built a Linter")

    monkeypatch.setattr(engine.Linter, "__init__", no_linter)
    assert findings(cached_run(folder, tmp_path)) == findings(first)


def test_the_index_forgets_files_that_are_gone(tmp_path):
    import pickle

    folder = write_years(tmp_path / "c")
    cached_run(folder, tmp_path)
    (folder / "2021.txt").unlink()
    write_years(folder / "more")  # the index is written again when something new is linted
    (folder / "more" / "2021.txt").unlink()
    cached_run(folder, tmp_path)
    home = next((tmp_path / "cache").glob(f"{cache_module.LAYOUT}-*"))
    index = pickle.loads((home / "index.pickle").read_bytes())
    assert sorted(os.path.relpath(p, folder) for p in index) == ["2022.txt", os.path.join("more", "2022.txt")]

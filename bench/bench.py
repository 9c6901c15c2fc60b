"""Benchmark gzlint as users run it (a script, not a test).

    python bench/bench.py [--n 500] [--formats txt,html,docx] [--gz506 1000,10000]
                          [--corpus DIR] [--no-jobs-1]

Generates N reports per format with the project's own fixture writers (the
sample report of gzlint.testing.sample, written by tests/writers.py), each
with its own body and prose (kept in DIR/txt10k … with --corpus, and reused),
then prints for each format: reports/s with --jobs 1 (no cache) and with
every core (cache cold: the run that fills it), the floor (reading and
decoding the same files: .txt read+decode, .html read+lxml parse, .docx
unzip+lxml parse), a warm-cache re-run (best of 3, JSON and concise output;
wall and CPU seconds), and the peak RSS of the largest gzlint process of the
cold run; then the wall time of one file beside a bare interpreter, and GZ506
(near copies) over template reports with planted copies. gzlint is timed
without PYTHONDONTWRITEBYTECODE, from bytecode, as installed copies run.
Keep N small on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def unique_prose(rng: random.Random, n: int = 40) -> str:
    """n phrases of random CJK characters: text no other body writes."""
    return "，".join("".join(chr(0x4E00 + rng.randrange(5000)) for _ in range(6)) for _ in range(n)) + "。"


def make_report(i: int, rng: random.Random):
    from gzlint.testing.sample import sample_report

    r = sample_report("2021", body=f"青山县第{i}号局")
    first = next(iter(r.sections))
    heading, paras = r.sections[first]
    r.sections[first] = (heading, [*paras, unique_prose(rng)])
    if i % 7 == 0:
        r.set_cell("applications", "total", "total", str(90 + i % 9))
    return r


def generate(fmt: str, n: int, folder: Path) -> None:
    """N reports of the format in ``folder``; one left whole by an earlier run
    (``--corpus``) is reused. Written beside it first and renamed when
    complete, so an interrupted run leaves nothing to reuse."""
    from writers import write

    if folder.is_dir():
        return
    rng = random.Random(fmt)
    partial = folder.with_name(f".{folder.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for i in range(n):
        write(make_report(i, rng), fmt, partial, name=f"r{i:05d}")
    partial.rename(folder)


def corpus_name(fmt: str, n: int) -> str:
    """txt10k for 10,000 .txt reports, html300 for 300 .html."""
    return f"{fmt}{n // 1000}k" if n >= 1000 and n % 1000 == 0 else f"{fmt}{n}"


#: the environment of the timed runs: without PYTHONDONTWRITEBYTECODE, so that
#: gzlint runs from bytecode (as installed copies do) instead of recompiling
#: every module on every start (~80 ms)
TIMED_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of gzlint and its workers
    rss: int  # peak RSS in MB of the largest gzlint process (parent or worker)


def gzlint(args: list[str]) -> Run:
    """One gzlint run, its output thrown away."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "gzlint", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=TIMED_ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"gzlint failed: {proc.stderr.read().decode()}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024)


def best(args: list[str], times: int = 3) -> Run:
    """The fastest of a few runs (others share the machine)."""
    return min((gzlint(args) for _ in range(times)), key=lambda r: r.cpu)


def floor(fmt: str, folder: Path) -> float:
    """Files/s just to read and decode (parse) them."""
    import zipfile

    from lxml import etree, html

    start = time.perf_counter()
    files = sorted(folder.iterdir())
    for f in files:
        data = f.read_bytes()
        if fmt == "txt":
            data.decode("utf-8")
        elif fmt == "html":
            html.fromstring(data)
        elif fmt == "docx":
            with zipfile.ZipFile(f) as z:
                etree.fromstring(z.read("word/document.xml"))
    return len(files) / (time.perf_counter() - start)


def bench_format(fmt: str, folder: Path, base: Path, cores: int, one_job: bool) -> dict:
    n = len(list(folder.iterdir()))
    row: dict = {"format": fmt, "n": n, "floor": floor(fmt, folder)}
    if one_job:
        row["j1"] = n / gzlint(["--no-cache", "--format", "json", "-j", "1", str(folder)]).wall
    cache = base / f"cache-{fmt}"
    cold = gzlint(["--cache-dir", str(cache), "--format", "json", "-j", str(cores), str(folder)])
    row["cold"], row["rss"] = n / cold.wall, cold.rss
    for fmt_out in ("json", "concise"):
        row[f"warm-{fmt_out}"] = best(["--cache-dir", str(cache), "--format", fmt_out, str(folder)])
    return row


def single_file(base: Path) -> tuple[float, float, float]:
    """Median walls of: a bare interpreter, ``gzlint one.txt`` with no cache
    (the first run, or a changed file), and again with its result cached (a
    pre-commit hook's re-run over an unchanged file)."""
    from gzlint.testing.sample import render_text, sample_report

    one = base / "one.txt"
    one.write_text(render_text(sample_report("2021")), encoding="utf-8")
    cache = ["--cache-dir", str(base / "cache-one")]
    gzlint(["--no-cache", str(one)])  # bytecode written, gzlint's own kept values made
    gzlint([*cache, str(one)])
    bare, cold, warm = [], [], []
    for _ in range(7):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=TIMED_ENV)
        bare.append(time.perf_counter() - t)
        cold.append(gzlint(["--no-cache", str(one)]).wall)
        warm.append(gzlint([*cache, str(one)]).wall)
    return statistics.median(bare), statistics.median(cold), statistics.median(warm)


def gz506(n: int, planted: int = 20) -> tuple[float, int, int]:
    """Seconds for near_copies over n template reports, planted copies found, false pairs."""
    from gzlint.reportfacts import text_signature
    from gzlint.rules.crossreport import near_copies
    from gzlint.testing.sample import sample_report

    # the sample's prose is the common template; each body adds its own text
    template = "".join(p for _, paras in sample_report("2021").sections.values() for p in paras)
    rng = random.Random(506)
    texts = [template + unique_prose(rng, 150) for _ in range(n)]
    copies = {}
    for k in range(planted):  # report c copies report o's own prose, under its own body
        c, o = n - 1 - k, k
        texts[c] = texts[o]
        copies[c] = o
    sets = [set(text_signature(t)) for t in texts]
    keys = [f"青山县第{i}号局" for i in range(n)]
    start = time.perf_counter()
    found = near_copies(sets, keys, set())
    took = time.perf_counter() - start
    pairs = {frozenset((c, o)) for c, o in copies.items()}
    hits = {frozenset((c, o)) for c, (_, o, _) in found.items()}
    return took, len(pairs & hits), len(hits - pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="reports per format")
    parser.add_argument("--formats", default="txt,html,docx")
    parser.add_argument("--gz506", default="1000", help="sizes of the GZ506 runs, comma-separated ('' for none)")
    parser.add_argument("--corpus", metavar="DIR", type=Path,
                        help="keep the generated reports in DIR (txt10k, html300 …) and reuse them next time")
    parser.add_argument("--no-jobs-1", dest="one_job", action="store_false",
                        help="skip the --jobs 1 run (for large N)")
    args = parser.parse_args()
    from gzlint.pool import default_jobs

    cores = default_jobs()
    base = Path(tempfile.mkdtemp(prefix="gzlint-bench-"))
    try:
        print(f"machine: {os.uname().machine}, {cores} cores, Python {sys.version.split()[0]}; "
              "timed runs without PYTHONDONTWRITEBYTECODE (from bytecode, as installed copies run)")
        gzlint(["--version"])  # bytecode written before anything is timed
        print(f"| format | N | --jobs 1 (reports/s) | --jobs {cores}, cache cold (reports/s) | floor (files/s) "
              "| warm re-run, json (s wall / s CPU) | warm re-run, concise (s wall / s CPU) | peak RSS (MB) |")
        print("|---|---|---|---|---|---|---|---|")
        for fmt in filter(None, args.formats.split(",")):
            folder = (args.corpus or base) / corpus_name(fmt, args.n)
            generate(fmt, args.n, folder)
            r = bench_format(fmt, folder, base, cores, args.one_job)
            j1 = f"{r['j1']:.0f}" if "j1" in r else "–"
            warm = [f"{r[k].wall:.2f} / {r[k].cpu:.2f}" for k in ("warm-json", "warm-concise")]
            print(f"| .{fmt} | {r['n']} | {j1} | {r['cold']:.0f} | {r['floor']:.0f} | {warm[0]} | {warm[1]} | {r['rss']} |",
                  flush=True)
        bare, cold, warm = single_file(base)
        print(f"\none file: {cold * 1000:.0f} ms uncached ({cold / bare:.1f}×), {warm * 1000:.0f} ms cached "
              f"({warm / bare:.1f}×); bare interpreter: {bare * 1000:.0f} ms")
        for n in (int(x) for x in args.gz506.split(",") if x):
            took, found, false = gz506(n)
            print(f"GZ506 over {n} template reports: {took:.1f} s, planted copies found {found}/20, false pairs {false}")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()

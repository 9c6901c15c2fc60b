"""Fuzzing and measuring gzlint outside CI.

``python tools/fuzz.py measure [--cap-mb 2048] [CASE...]``
    Write the hostile corpus (gzlint.testing.hostile) to a temporary folder
    and lint each case alone in a memory-capped subprocess: its time, peak
    memory (max RSS), exit status and the codes it got.

``python tools/fuzz.py mutate [--seconds 600] [--seed N]``
    Lint random mutations of rendered sample reports (bytes flipped, cut,
    spliced, tags and cells duplicated, spans made huge) for a while, in one
    memory-capped subprocess per batch; every batch that gives a traceback,
    an internal error, a hang or an exit status other than 0/1 is saved to ``fuzz-found/``
    so it can become a regression test (tests/test_hostile.py). ``fuzz-found/``
    is git-ignored.

Never run the corpus without the cap: the files are built to exhaust memory.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gzlint.testing.hostile import CASES, write_corpus
from gzlint.testing.sample import render_text, sample_report

ROOT = Path(__file__).resolve().parent.parent


def _capped(cap_mb: int):
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap_mb * 1024 * 1024, cap_mb * 1024 * 1024))
    return limit


#: gzlint's command line, reporting its own peak memory (max RSS, KB) on stderr
_CHILD = ("import resource, sys; from gzlint.cli import main; rc = main(sys.argv[1:]); "
          "sys.stderr.write('\\nMAXRSS %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(rc)")


def lint_capped(paths: list[str], cap_mb: int, timeout: float) -> tuple[int, list[dict], str, float, int]:
    """(exit status, diagnostics, stderr, seconds, peak RSS in MB or -1) of one capped run."""
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", _CHILD, "--format", "json", *paths], capture_output=True,
                          text=True, timeout=timeout, preexec_fn=_capped(cap_mb), stdin=subprocess.DEVNULL)
    seconds = time.monotonic() - start
    try:
        data = json.loads(proc.stdout) if proc.stdout.strip() else []
        diagnostics = data["diagnostics"] if isinstance(data, dict) else data
    except ValueError:
        diagnostics = []
    peak = -1
    if "MAXRSS " in proc.stderr:
        peak = int(proc.stderr.rsplit("MAXRSS ", 1)[1].split()[0]) // 1024
    return proc.returncode, diagnostics, proc.stderr, seconds, peak


def measure(args) -> int:
    names = args.cases or list(CASES)
    with tempfile.TemporaryDirectory(prefix="gzlint-hostile-") as tmp:
        print(f"{'case':<32} {'exit':>4} {'sec':>6} {'peakMB':>7}  codes / message")
        for name in names:
            path = write_corpus(tmp, [name])[0]
            rc, diags, err, sec, peak = lint_capped([str(path)], args.cap_mb, args.timeout)
            codes = ",".join(sorted({d["code"] for d in diags})) or "-"
            first = next((d["message"] for d in diags if d["code"].startswith("GZ0")), "")
            bad = " TRACEBACK" if "Traceback" in err else ""
            print(f"{name:<32} {rc:>4} {sec:>6.2f} {peak if peak >= 0 else '?':>7}  {codes} {first[:60]}{bad}")
            path.unlink()
    return 0


def _mutate(data: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(6)
    if kind == 0 and data:
        cut = rng.randrange(len(data))
        return data[:cut]
    if kind == 1:
        out = bytearray(data)
        for _ in range(rng.randrange(1, 50)):
            if out:
                out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind == 2 and data:
        a, b = sorted(rng.randrange(len(data)) for _ in range(2))
        return data[:a] + data[a:b] * rng.randrange(2, 50) + data[b:]
    if kind == 3:
        return data.replace(b"\t", b"\t" + str(10 ** rng.randrange(1, 200)).encode() + b"\t", rng.randrange(1, 5))
    if kind == 4:
        return data.replace("一、".encode(), "一、".encode() * rng.randrange(1, 1000), 1)
    text = data.decode("utf-8", "replace")
    return text.encode(rng.choice(["gb18030", "utf-16", "utf-8-sig", "big5"]), "replace")


def mutate(args) -> int:
    rng = random.Random(args.seed)
    seeds = [render_text(sample_report(f)).encode("utf-8") for f in ("2019", "2021")]
    found = ROOT / "fuzz-found"
    end = time.monotonic() + args.seconds
    batches = problems = 0
    while time.monotonic() < end:
        with tempfile.TemporaryDirectory(prefix="gzlint-fuzz-") as tmp:
            paths = []
            for i in range(20):
                data = rng.choice(seeds)
                for _ in range(rng.randrange(1, 4)):
                    data = _mutate(data, rng)
                path = Path(tmp, f"case{i}.txt")
                path.write_bytes(data)
                paths.append(path)
            try:
                rc, diags, err, _sec, _peak = lint_capped([str(p) for p in paths], args.cap_mb, args.timeout)
            except subprocess.TimeoutExpired:
                rc, diags, err = -1, [], "timeout"
            # a mutation may well leave a clean report: only a crash, an internal error or a hang counts
            bad = rc not in (0, 1) or "Traceback" in err or "internal error" in err
            batches += 1
            if bad:
                problems += 1
                target = found / f"batch{batches}"
                target.mkdir(parents=True, exist_ok=True)
                for p in paths:
                    (target / p.name).write_bytes(p.read_bytes())
                (target / "stderr.txt").write_text(err, encoding="utf-8")
                print(f"batch {batches}: exit {rc}, saved to {target}")
    print(f"{batches} batches, {problems} with problems")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure")
    m.add_argument("cases", nargs="*")
    f = sub.add_parser("mutate")
    f.add_argument("--seconds", type=float, default=600)
    f.add_argument("--seed", type=int, default=0)
    for p in (m, f):
        p.add_argument("--cap-mb", type=int, default=2048)
        p.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    return measure(args) if args.command == "measure" else mutate(args)


if __name__ == "__main__":
    sys.exit(main())

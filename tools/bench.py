"""Print how fast gzlint reads, matches and checks reports (figures, not a test).

    python tools/bench.py [N]

Lints N generated reports (default 500, both formats, some with defects) in
one process and prints the median per-file time of each stage.
"""

from __future__ import annotations

import statistics
import sys
import time

from gzlint.config import Settings
from gzlint.engine import active_rules, build_report, lint_reports
from gzlint.testing.sample import render_text, sample_report


def main(n: int = 500) -> None:
    texts = []
    for i in range(n):
        r = sample_report("2021" if i % 2 else "2019", body=f"青山县第{i}局")
        if i % 5 == 0:
            r.set_cell("applications", "total", "natural", str(i))
        texts.append(render_text(r).encode("utf-8"))
    t0 = time.perf_counter()
    rules = active_rules(Settings())
    per_file = []
    reports = []
    for i, data in enumerate(texts):
        s = time.perf_counter()
        reports.append(build_report(f"r{i}.txt", data))
        per_file.append(time.perf_counter() - s)
    t1 = time.perf_counter()
    result = lint_reports(reports, Settings())
    t2 = time.perf_counter()
    print(f"reports: {n}, rules: {len(rules)}, diagnostics: {len(result.diagnostics)}")
    print(f"read + match: median {statistics.median(per_file) * 1000:.1f} ms/file, total {t1 - t0:.2f} s")
    print(f"rules: {(t2 - t1) / n * 1000:.2f} ms/file, total {t2 - t1:.2f} s")
    print(f"throughput: {n / (t2 - t0):.0f} files/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)

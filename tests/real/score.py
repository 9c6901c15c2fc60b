"""Score the current code against the reviewed expectations.

    .venv/bin/python tests/real/score.py [folder ...]

Prints, per code: findings gzlint gives, how many match an expectation (true),
how many nobody expects (false), how many expected ones it misses; then totals.
Pending deviations count as what they are (a pending false finding is false).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.real.harness import FOLDERS, compare, expectation_files, findings_for, load_expectations  # noqa: E402


def main(argv: list[str]) -> int:
    folders = argv or list(FOLDERS)
    given, true, false, missed = Counter(), Counter(), Counter(), Counter()
    per_report: list[str] = []
    for report, path in sorted(expectation_files().items()):
        if report.split("/", 1)[0] not in folders or not FOLDERS[report.split("/", 1)[0]].is_dir():
            continue
        findings = findings_for(report)
        c = compare(load_expectations(path), findings)
        given.update(f.code for f in findings)
        true.update(e.code for e, _ in c.matched)
        false.update(f.code for f in c.unexpected)
        for entry, found in c.pending_holding:
            if entry.kind == "false":
                false.update(f.code for f in found)
            else:
                missed[entry.code] += entry.count
        for entry, n in c.missing:
            missed[entry.code] += n
        status = "ok  " if c.ok else "FAIL"
        per_report.append(f"{status} {report}: {len(c.matched)} true, {len(c.unexpected)} unexpected, "
                          f"{sum(n for _, n in c.missing)} missed, {len(c.pending_fixed)} stale pending")
    codes = sorted(set(given) | set(missed))
    print("\n".join(per_report) + "\n")
    print(f"{'code':6} {'given':>6} {'true':>6} {'false':>6} {'missed':>7}")
    for code in codes:
        print(f"{code:6} {given[code]:6} {true[code]:6} {false[code]:6} {missed[code]:7}")
    print(f"{'total':6} {sum(given.values()):6} {sum(true.values()):6} {sum(false.values()):6} {sum(missed.values()):7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

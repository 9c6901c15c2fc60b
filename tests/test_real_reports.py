"""The reviewed real-report harness: gzlint's findings on ../shared/real and
../shared/seeds against the expectations in tests/real/expected (one item per
report). See tests/real/README.md."""

from __future__ import annotations

import pytest

from .real.harness import (
    FOLDERS, compare, errors_for, expectation_files, findings_for, format_comparison, load_expectations, report_files,
)


def _reports() -> list[str]:
    return sorted(set(expectation_files()) | set(report_files()))


@pytest.mark.parametrize("report", _reports())
def test_real_report(report: str) -> None:
    folder = report.split("/", 1)[0]
    if folder not in FOLDERS:
        pytest.fail(f"{report}: unknown folder {folder!r} (one of {sorted(FOLDERS)})")
    if not FOLDERS[folder].is_dir():
        print(f"skipped: {FOLDERS[folder]} is absent (../shared is not beside the checkout)")
        pytest.skip(f"{FOLDERS[folder]} is absent (../shared is not beside the checkout)")
    if report not in report_files():
        pytest.fail(f"{report}: an expectation file exists but the report is not in {FOLDERS[folder]}")
    expected = expectation_files().get(report)
    if expected is None:
        pytest.fail(f"{report}: no expectation file; review the report and write tests/real/expected/{report.rsplit('.', 1)[0]}.toml")
    errors = errors_for(report)
    assert not errors, f"gzlint raised on {report}:\n" + "\n".join(errors)
    comparison = compare(load_expectations(expected), findings_for(report))
    print(format_comparison(comparison))
    assert comparison.ok, "\n" + format_comparison(comparison)

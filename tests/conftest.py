"""Shared test setup: pytest's own ``pytester`` (for the pytest plugin's
tests) and sample report files rendered from the form data."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]


@pytest.fixture
def sample_files(tmp_path):
    """A clean 2021 report and one whose 表三 总计 is wrong (GZ301–GZ303)."""
    from gzlint.testing.sample import render_text, sample_report

    good = tmp_path / "good.txt"
    bad = tmp_path / "bad.txt"
    good.write_text(render_text(sample_report("2021")), encoding="utf-8")
    bad.write_text(render_text(sample_report("2021").set_cell("applications", "total", "total", "99")), encoding="utf-8")
    return good, bad

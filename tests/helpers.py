"""Shared test helpers: where the seeds are, linting rendered samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from gzlint.engine import lint_text
from gzlint.testing.sample import SampleReport, render_text

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


def seed_path(prefix: str) -> Path:
    """A seed report from ../shared/seeds, or skip with the reason."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed reports not found at {SEEDS} (../shared/seeds is not beside the checkout)")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return matches[0]


def lint_sample(report: SampleReport):
    return lint_text(render_text(report))


def codes(diagnostics) -> set[str]:
    return {d.code for d in diagnostics}

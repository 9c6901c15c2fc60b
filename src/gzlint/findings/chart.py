"""Horizontal bar charts as plain numbers for an inline SVG (no script, no
fetch): each bar's label, count, width and vertical position."""

from __future__ import annotations

from dataclasses import dataclass

BAR_HEIGHT = 20
GAP = 6
LABEL_WIDTH = 90
BAR_SPACE = 260


@dataclass
class Bar:
    label: str
    count: int
    width: float
    y: int
    css: str = ""


@dataclass
class Chart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int = LABEL_WIDTH


def bar_chart(items: list[tuple[str, int, str]]) -> Chart:
    """``items``: (label, count, css class); bars scaled to the largest count."""
    top = max((n for _, n, _ in items), default=0) or 1
    bars = [Bar(label, n, round(BAR_SPACE * n / top, 1), i * (BAR_HEIGHT + GAP), css)
            for i, (label, n, css) in enumerate(items)]
    height = max(len(bars) * (BAR_HEIGHT + GAP) - GAP, BAR_HEIGHT)
    return Chart(bars, LABEL_WIDTH + BAR_SPACE + 50, height)

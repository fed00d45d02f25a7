"""A bar chart drawn on the server as SVG: it needs no JavaScript to be seen."""

from dataclasses import dataclass

WIDTH, HEIGHT = 720, 240
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 44, 28, 12


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass
class Tick:
    y: float
    value: int


def bar_chart(points: list[tuple[object, int]], *, label=str) -> dict:
    """Bars for (key, value) points, y ticks at round numbers, and the first and last
    label for the x axis; the template draws them."""
    plot_width = WIDTH - MARGIN_LEFT
    plot_height = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    top = max((value for _, value in points), default=0)
    scale_top = _round_up(top)
    step = plot_width / max(1, len(points))
    bars = [
        Bar(
            x=MARGIN_LEFT + i * step + step * 0.1,
            y=MARGIN_TOP + plot_height * (1 - value / scale_top),
            width=max(step * 0.8, 0.5),
            height=plot_height * value / scale_top,
            label=label(key),
            value=value,
        )
        for i, (key, value) in enumerate(points)
    ]
    ticks = [
        Tick(y=MARGIN_TOP + plot_height * (1 - fraction), value=round(scale_top * fraction))
        for fraction in (0, 0.5, 1)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": MARGIN_LEFT,
        "baseline": HEIGHT - MARGIN_BOTTOM,
        "bars": bars,
        "ticks": ticks,
        "first": bars[0].label if bars else "",
        "last": bars[-1].label if bars else "",
    }


def _round_up(value: int) -> int:
    """The next "nice" number at or above value: 1, 2, 5, 10, 20, 50, …"""
    nice = 1
    while True:
        for factor in (1, 2, 5):
            if nice * factor >= value:
                return max(1, nice * factor)
        nice *= 10

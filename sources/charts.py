"""A stacked bar chart of signatures by day and source, drawn as SVG on the server (no
JavaScript): one bar per day, one coloured segment per source."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format

from lib.sources import source_label
from sources.selectors import days_between

# Colour-blind-safe (Okabe–Ito), then greys for the long tail.
PALETTE = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
]
OTHER_COLOUR = "#999999"
MOST_DAYS = 60  # a longer history is cut to its last 60 days (the CSV has every day)

WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 12, 36


@dataclass
class Segment:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    segments: list[Segment] = field(default_factory=list)
    gridlines: list[tuple[float, int]] = field(default_factory=list)  # (y, value)
    day_labels: list[tuple[float, str]] = field(default_factory=list)  # (x, label)
    legend: list[tuple[str, str, int]] = field(default_factory=list)  # (colour, label, total)
    baseline: float = HEIGHT - BOTTOM
    left: float = LEFT
    right: float = WIDTH - RIGHT
    first_day: date | None = None
    last_day: date | None = None

    @property
    def empty(self) -> bool:
        return not self.segments


def _nice_ceiling(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000):
        if value <= step * 4:
            return step
    return 10 ** len(str(value))


def chart_by_source_and_day(rows: list[dict]) -> Chart:
    chart = Chart()
    if not rows:
        return chart
    totals: dict[str, int] = {}
    per_day: dict[date, dict[str, int]] = {}
    for row in rows:
        totals[row["source"]] = totals.get(row["source"], 0) + row["signed"]
        per_day.setdefault(row["day"], {})[row["source"]] = row["signed"]
    days = days_between(min(per_day), max(per_day))[-MOST_DAYS:]
    chart.first_day, chart.last_day = days[0], days[-1]
    sources = sorted(totals, key=lambda source: (-totals[source], source))
    colours = {
        source: PALETTE[i] if i < len(PALETTE) else OTHER_COLOUR for i, source in enumerate(sources)
    }
    chart.legend = [(colours[s], source_label(s), totals[s]) for s in sources]

    tallest = max(sum(per_day.get(day, {}).values()) for day in days)
    step = _nice_ceiling(tallest)
    top_value = step * max(1, -(-tallest // step))
    plot_height = chart.baseline - TOP
    slot = (chart.right - chart.left) / len(days)
    bar_width = max(1.0, slot * 0.8)
    for value in range(0, top_value + 1, step):
        chart.gridlines.append((chart.baseline - plot_height * value / top_value, value))
    label_every = max(1, len(days) // 8)
    for i, day in enumerate(days):
        x = chart.left + i * slot + (slot - bar_width) / 2
        y = chart.baseline
        for source in sources:
            signed = per_day.get(day, {}).get(source, 0)
            if not signed:
                continue
            height = plot_height * signed / top_value
            y -= height
            chart.segments.append(
                Segment(
                    x=round(x, 2),
                    y=round(y, 2),
                    width=round(bar_width, 2),
                    height=round(height, 2),
                    colour=colours[source],
                    title=f"{date_format(day, 'j M')}: {source_label(source)} {signed}",
                )
            )
        if i % label_every == 0:
            chart.day_labels.append((round(x + bar_width / 2, 2), date_format(day, "j M")))
    return chart

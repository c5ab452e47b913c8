"""Server-rendered SVG line charts for the dashboard (no JavaScript, nothing from a CDN).

Flow position: store -> dashboard -> **charts**. One polyline per series (a
category or an action) over equal time buckets, with one ``<circle
class="point">`` per bucket carrying a ``<title>`` tooltip, so the page is
readable without scripts and countable by tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

__all__ = ["PALETTE", "Series", "line_chart"]

#: Colour-blind-friendly (Okabe-Ito) first, then extra distinct hues.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#F0E442",
    "#000000",
    "#8C564B",
    "#7F7F7F",
    "#BCBD22",
    "#17BECF",
)

_W, _H = 860, 180
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 12, 12, 28


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: list[int]
    color: str


def _time_label(ts: float, width: float) -> str:
    t = dt.datetime.fromtimestamp(ts, dt.UTC)
    return t.strftime("%H:%M") if width < 3600 * 2 else t.strftime("%b %d %H:00")


def _nice_max(value: int) -> int:
    if value <= 4:
        return max(value, 1)
    step = 10 ** (len(str(value)) - 1)
    for m in (1, 2, 2.5, 5, 10):
        if value <= m * step:
            return int(m * step)
    return value


def line_chart(
    chart_id: str, series: list[Series], start: float, width: float, count: int, title: str
) -> Markup:
    """An accessible SVG chart of ``series`` over ``count`` buckets from ``start``."""
    plot_w = _W - _LEFT - _RIGHT
    plot_h = _H - _TOP - _BOTTOM
    top = _nice_max(max((max(s.values) for s in series if s.values), default=0))

    def x(i: int) -> float:
        return _LEFT + (plot_w * (i + 0.5) / count)

    def y(v: int) -> float:
        return _TOP + plot_h - plot_h * v / top

    parts = [
        f'<svg id="{escape(chart_id)}" class="chart" viewBox="0 0 {_W} {_H}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in (0, top / 2, top):
        ty = _TOP + plot_h - plot_h * tick / top
        parts.append(
            f'<line class="grid" x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}"/>'
        )
        parts.append(
            f'<text class="axis" x="{_LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end">{tick:g}</text>'
        )
    label_every = max(1, count // 6)
    for i in range(0, count, label_every):
        parts.append(
            f'<text class="axis" x="{x(i):.1f}" y="{_H - 8}" text-anchor="middle">'
            f"{_time_label(start + i * width, width)}</text>"
        )
    if not series:
        parts.append(
            f'<text class="empty" x="{_W / 2}" y="{_H / 2}" text-anchor="middle">'
            "no events in this range</text>"
        )
    for s in series:
        name = escape(s.name)
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(s.values))
        parts.append(f'<g class="series" data-series="{name}">')
        parts.append(
            f'<polyline fill="none" stroke="{s.color}" stroke-width="2" points="{points}"/>'
        )
        for i, v in enumerate(s.values):
            when = _time_label(start + i * width, width)
            parts.append(
                f'<circle class="point" data-bucket="{i}" data-count="{v}" '
                f'cx="{x(i):.1f}" cy="{y(v):.1f}" r="{3 if v else 1.5}" '
                f'fill="{s.color}"><title>{name} {when}: {v}</title></circle>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))

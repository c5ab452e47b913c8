"""Inline SVG charts for the HTML report: bars, lines over time, a heatmap.

Flow position: report -> html -> **svg**. Plain strings, no scripts, no
fonts to fetch: the page must open offline from a file. Every chart is an
``<svg class="chart" data-chart=NAME>`` whose marks carry ``data-value`` so a
reader (or a test) can check what is drawn against the JSON report.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

__all__ = ["PALETTE", "bar_chart", "grouped_bars", "heatmap", "line_chart"]

PALETTE = ("#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563")
ACTION_COLORS = {"pass": "#16a34a", "flag": "#d97706", "impute": "#2563eb", "block": "#dc2626"}
LEVEL_COLORS = {"low": "#facc15", "medium": "#f97316", "high": "#dc2626"}


def _fmt(v: float) -> str:
    return f"{v:.1f}"


def _open(name: str, width: int, height: int, title: str) -> str:
    return (
        f'<svg class="chart" data-chart="{escape(name)}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    )


def bar_chart(
    name: str,
    title: str,
    items: Sequence[tuple[str, float]],
    *,
    colors: dict[str, str] | None = None,
    percent: bool = False,
    width: int = 520,
) -> str:
    """Horizontal bars, one per ``(label, value)``."""
    row = 24
    height = 16 + row * max(1, len(items))
    top = max((v for _, v in items), default=0.0) or 1.0
    left, right = 150, 80
    span = width - left - right
    parts = [_open(name, width, height, title)]
    for i, (label, value) in enumerate(items):
        y = 8 + i * row
        w = span * value / top
        color = (colors or {}).get(label, PALETTE[i % len(PALETTE)])
        text = f"{value:.1%}" if percent else f"{value:g}"
        parts.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" class="lbl">'
            f"{escape(label)}</text>"
            f'<rect class="bar" data-label="{escape(label)}" data-value="{value:.12g}" x="{left}" '
            f'y="{y + 2}" width="{_fmt(max(w, 1.0))}" height="{row - 6}" fill="{color}"/>'
            f'<text x="{_fmt(left + w + 6)}" y="{y + 15}" class="val">{text}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def grouped_bars(
    name: str,
    title: str,
    groups: Sequence[tuple[str, Sequence[float | None]]],
    series: Sequence[str],
    *,
    width: int = 640,
) -> str:
    """Vertical bars in [0, 1], one group per label and one bar per series (P/R/F1)."""
    height = 230
    left, bottom, top_pad = 40, 40, 24
    plot_h = height - bottom - top_pad
    group_w = (width - left - 10) / max(1, len(groups))
    bar_w = min(28.0, (group_w - 12) / max(1, len(series)))
    parts = [_open(name, width, height, title)]
    for k in (0.0, 0.5, 1.0):
        y = top_pad + plot_h * (1 - k)
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{_fmt(y)}" y2="{_fmt(y)}" class="grid"/>'
            f'<text x="{left - 6}" y="{_fmt(y + 4)}" text-anchor="end" class="val">{k:g}</text>'
        )
    for s, label in enumerate(series):
        parts.append(
            f'<rect x="{left + 10 + s * 90}" y="4" width="10" height="10" fill="{PALETTE[s]}"/>'
            f'<text x="{left + 24 + s * 90}" y="13" class="val">{escape(label)}</text>'
        )
    for g, (label, values) in enumerate(groups):
        x0 = left + g * group_w + (group_w - bar_w * len(series)) / 2
        for s, value in enumerate(values):
            if value is None:
                continue
            h = plot_h * value
            parts.append(
                f'<rect class="bar" data-label="{escape(label)}" data-series="{escape(series[s])}" '
                f'data-value="{value:.12g}" x="{_fmt(x0 + s * bar_w)}" '
                f'y="{_fmt(top_pad + plot_h - h)}" width="{_fmt(bar_w - 2)}" '
                f'height="{_fmt(max(h, 0.5))}" fill="{PALETTE[s]}"/>'
            )
        parts.append(
            f'<text x="{_fmt(left + g * group_w + group_w / 2)}" y="{height - bottom + 16}" '
            f'text-anchor="middle" class="lbl">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    name: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    markers: Sequence[str | None] = (),
    percent: bool = True,
    width: int = 760,
) -> str:
    """Lines over time bins; ``markers[i]`` (a drift level) rings bin ``i``."""
    height = 240
    left, bottom, top_pad, right = 50, 46, 26, 44
    plot_w, plot_h = width - left - right, height - bottom - top_pad
    values = [v for _, vs in series for v in vs if v is not None]
    top = max(values, default=0.0)
    top = 1.0 if percent and top > 0.5 else (top * 1.15 or 1.0)
    n = len(labels)

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top_pad + plot_h * (1 - v / top)

    parts = [_open(name, width, height, title)]
    for k in (0.0, 0.5, 1.0):
        tick = top * k
        text = f"{tick:.0%}" if percent else f"{tick:.3g}"
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{_fmt(y(tick))}" y2="{_fmt(y(tick))}" '
            f'class="grid"/><text x="{left - 6}" y="{_fmt(y(tick) + 4)}" text-anchor="end" '
            f'class="val">{text}</text>'
        )
    step = max(1, n // 8)
    for i in range(0, n, step):
        parts.append(
            f'<text x="{_fmt(x(i))}" y="{height - bottom + 16}" text-anchor="middle" '
            f'class="val">{escape(labels[i])}</text>'
        )
    for s, (label, vs) in enumerate(series):
        color = PALETTE[s % len(PALETTE)]
        pts = [(x(i), y(v)) for i, v in enumerate(vs) if v is not None]
        if len(pts) > 1:
            d = " ".join(f"{_fmt(px)},{_fmt(py)}" for px, py in pts)
            parts.append(f'<polyline points="{d}" fill="none" stroke="{color}" stroke-width="2"/>')
        for i, v in enumerate(vs):
            if v is not None:
                parts.append(
                    f'<circle class="point" data-series="{escape(label)}" '
                    f'data-bin="{escape(labels[i])}" '
                    f'data-value="{v:.12g}" cx="{_fmt(x(i))}" cy="{_fmt(y(v))}" r="3" '
                    f'fill="{color}"/>'
                )
        parts.append(
            f'<rect x="{left + s * 150}" y="6" width="10" height="10" fill="{color}"/>'
            f'<text x="{left + 14 + s * 150}" y="15" class="val">{escape(label)}</text>'
        )
    for i, level in enumerate(markers):
        if level and series and series[0][1][i] is not None:
            v0 = series[0][1][i]
            assert v0 is not None
            parts.append(
                f'<circle class="drift-mark" data-level="{level}" data-bin="{escape(labels[i])}" '
                f'cx="{_fmt(x(i))}" cy="{_fmt(y(v0))}" r="8" fill="none" '
                f'stroke="{LEVEL_COLORS[level]}" stroke-width="3"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def heatmap(
    name: str, title: str, rows: Sequence[str], cols: Sequence[str], counts: Sequence[Sequence[int]]
) -> str:
    """A confusion matrix: rows expected, columns predicted, shade by row share."""
    cell_w, cell_h, left, top = 84, 28, 130, 60
    width = left + cell_w * max(1, len(cols)) + 10
    height = top + cell_h * max(1, len(rows)) + 10
    parts = [_open(name, width, height, title)]
    parts.append(f'<text x="{left}" y="14" class="val">predicted →</text>')
    for j, c in enumerate(cols):
        parts.append(
            f'<text x="{left + j * cell_w + cell_w / 2}" y="{top - 10}" text-anchor="middle" '
            f'class="lbl">{escape(c)}</text>'
        )
    for i, r in enumerate(rows):
        total = sum(counts[i]) or 1
        y0 = top + i * cell_h
        parts.append(
            f'<text x="{left - 8}" y="{y0 + 18}" text-anchor="end" class="lbl">{escape(r)}</text>'
        )
        for j, _ in enumerate(cols):
            n = counts[i][j]
            share = n / total
            hue = 140 if r == cols[j] else 0  # green on the diagonal (right), red off it
            parts.append(
                f'<rect class="cell" data-row="{escape(r)}" data-col="{escape(cols[j])}" '
                f'data-value="{n}" x="{left + j * cell_w}" y="{y0}" width="{cell_w - 2}" '
                f'height="{cell_h - 2}" fill="hsl({hue},70%,{_fmt(96 - 50 * share)}%)"/>'
                f'<text x="{left + j * cell_w + cell_w / 2}" y="{y0 + 18}" text-anchor="middle" '
                f'class="val">{n}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)

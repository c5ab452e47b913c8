"""Time bins and drift: how the traffic's properties move over time and against a baseline.

Flow position: metrics -> **bins/drift** -> report. Rows with a timestamp
are counted into UTC bins (hour, day, ISO week starting Monday, month). When
no ``--bin`` is given the rows are kept per hour and rolled up at the end to
a width that suits the span (so the choice needs no second pass).

Drift: every bin's *properties* (abnormal rate, rate per action and category,
pass rate per rule, average severity, mean of each measured property) are
compared with a *reference profile* — the overall value and the per-bin
spread (robust: a median absolute deviation) of the same property in a
baseline run's JSON report (``--baseline``), or in this run itself when no
baseline is named. The deviation is measured in
standard deviations that combine the baseline's bin-to-bin spread with the
sampling noise of the bin at hand (a 5-row bin may swing a lot), and the
level is ``low`` / ``medium`` / ``high`` past the thresholds (2 / 3 / 4 σ by
default). The thresholds are reported as value intervals per property.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from firewall_proxy.batch.metrics import Stats

__all__ = [
    "BIN_WIDTHS",
    "BinWidth",
    "DriftThresholds",
    "auto_width",
    "bin_start",
    "drift_cells",
    "profile",
    "roll_up",
]

BinWidth = Literal["hour", "day", "week", "month"]
BIN_WIDTHS: tuple[BinWidth, ...] = ("hour", "day", "week", "month")
_HOUR = 3600.0
_LEVELS = ("low", "medium", "high")


def bin_start(ts: float, width: BinWidth) -> float:
    """The UTC start (epoch seconds) of the bin holding ``ts``."""
    when = dt.datetime.fromtimestamp(ts, dt.UTC)
    if width == "hour":
        start = when.replace(minute=0, second=0, microsecond=0)
    elif width == "day":
        start = when.replace(hour=0, minute=0, second=0, microsecond=0)
    elif width == "week":
        day = when.replace(hour=0, minute=0, second=0, microsecond=0)
        start = day - dt.timedelta(days=day.weekday())
    else:
        start = when.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return start.timestamp()


def bin_label(start: float, width: BinWidth) -> str:
    when = dt.datetime.fromtimestamp(start, dt.UTC)
    if width == "hour":
        return when.strftime("%Y-%m-%dT%H:00Z")
    if width == "day":
        return when.strftime("%Y-%m-%d")
    if width == "week":
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}"
    return when.strftime("%Y-%m")


def auto_width(first: float, last: float) -> BinWidth:
    """A width giving a readable number of bins for a span (at most ~60)."""
    span = last - first
    if span <= 2.5 * 86400:
        return "hour"
    if span <= 60 * 86400:
        return "day"
    if span <= 365 * 86400:
        return "week"
    return "month"


def roll_up(hourly: dict[float, Stats], width: BinWidth) -> dict[float, Stats]:
    """Merge hour bins into wider bins (exact: every figure is a count or moment)."""
    if width == "hour":
        return dict(sorted(hourly.items()))
    out: dict[float, Stats] = {}
    for start, stats in sorted(hourly.items()):
        out.setdefault(bin_start(start, width), Stats()).merge(stats)
    return out


@dataclass(frozen=True, slots=True)
class DriftThresholds:
    """Deviation (in standard deviations) at which drift is low / medium / high."""

    low: float = 2.0
    medium: float = 3.0
    high: float = 4.0

    @classmethod
    def parse(cls, text: str) -> DriftThresholds:
        parts = [float(p) for p in text.split(",")]
        if len(parts) != 3 or not 0 < parts[0] <= parts[1] <= parts[2]:
            raise ValueError(
                "drift thresholds are three increasing positive numbers: LOW,MEDIUM,HIGH"
            )
        return cls(*parts)

    def level(self, z: float) -> str | None:
        a = abs(z)
        return (
            "high"
            if a >= self.high
            else "medium"
            if a >= self.medium
            else "low"
            if a >= self.low
            else None
        )


def _is_rate(prop: str) -> bool:
    return prop.endswith("_rate") or prop.startswith(("category:", "rule_pass:"))


def profile(bins: Iterable[Stats], overall: Stats) -> dict[str, dict[str, float | int | None]]:
    """The reference profile a later run compares against: per property the
    overall value, the mean and spread of the per-bin values, and (for
    measured properties) the within-row spread."""
    series: dict[str, list[float]] = {}
    for b in bins:
        for prop, value in b.rates().items():
            if value is not None:
                series.setdefault(prop, []).append(value)
    out: dict[str, dict[str, float | int | None]] = {}
    for prop, value in overall.rates().items():
        if value is None:
            continue
        values = series.get(prop, [])
        spread = _std(values) if len(values) >= 2 else 0.0
        entry: dict[str, float | int | None] = {
            "value": value,
            "bin_mean": sum(values) / len(values) if values else value,
            "bin_std": spread,
            "bins": len(values),
            "rows": overall.rows,
        }
        if prop.startswith("mean:"):
            entry["row_std"] = overall.props[prop[5:]].std
        elif prop == "avg_severity":
            entry["row_std"] = overall.severity.std
        out[prop] = entry
    return out


def _std(values: list[float]) -> float:
    """The spread of per-bin values: 1.4826 x the median absolute deviation from
    three bins on (one bad day in the reference must not widen every threshold),
    the sample standard deviation for two."""
    if len(values) >= 3:
        med = statistics.median(values)
        return 1.4826 * statistics.median(abs(v - med) for v in values)
    m = sum(values) / len(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))


def _sigma(prop: str, ref: dict[str, Any], n: int) -> tuple[float, float]:
    """(reference value, standard deviation expected of a bin of ``n`` rows)."""
    between = float(ref.get("bin_std") or 0.0)
    base_rows = int(ref.get("rows") or 0)
    # Smoothed so a share the baseline never saw (0% or 100%) still has a finite spread.
    p = (float(ref["value"]) * base_rows + 0.5) / (base_rows + 1)
    if _is_rate(prop):
        noise = p * (1 - p) / max(n, 1)
        return float(ref["value"]), math.sqrt(between**2 + noise)
    row_std = float(ref.get("row_std") or 0.0)
    if prop == "avg_severity":
        # Severity lives in [0, 1]: a baseline with no finding at all (spread 0)
        # gets the spread of a rare event instead of an infinitely strict bound.
        row_std = max(row_std, math.sqrt(p * (1 - p)))
    floor = 1e-9 + 1e-3 * abs(float(ref["value"]))
    return float(ref["value"]), max(floor, math.sqrt(between**2 + row_std**2 / max(n, 1)))


def drift_cells(
    stats: Stats,
    reference: dict[str, dict[str, Any]],
    thresholds: DriftThresholds,
) -> list[dict[str, Any]]:
    """Properties of ``stats`` (a bin, or the whole run) that drift from ``reference``,
    strongest first. A property new in this run is compared with a reference of 0."""
    out: list[dict[str, Any]] = []
    n = stats.rows
    for prop, value in stats.rates().items():
        if value is None or prop == "error_rate":
            continue
        ref = reference.get(prop)
        if ref is None:
            if not _is_rate(prop):
                continue
            # Not in the reference: a category never seen there (0%), a rule never
            # failed there (passed 100%).
            unseen = 1.0 if prop.startswith("rule_pass:") else 0.0
            ref = {"value": unseen, "bin_std": 0.0, "rows": _rows(reference)}
        mean, sigma = _sigma(prop, ref, n)
        z = (value - mean) / sigma if sigma > 0 else 0.0
        level = thresholds.level(z)
        if level is None:
            continue
        out.append(
            {
                "property": prop,
                "value": value,
                "reference": mean,
                "sigma": sigma,
                "z": z,
                "level": level,
                "direction": "up" if z > 0 else "down",
                "thresholds": {
                    name: [mean - k * sigma, mean + k * sigma]
                    for name, k in zip(
                        _LEVELS, (thresholds.low, thresholds.medium, thresholds.high), strict=True
                    )
                },
            }
        )
    out.sort(key=lambda c: -abs(c["z"]))
    return out


def _rows(reference: dict[str, dict[str, Any]]) -> int:
    for ref in reference.values():
        return int(ref.get("rows") or 0)
    return 0

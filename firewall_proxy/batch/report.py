"""Collecting results into the report: the one dict the JSON, HTML and table render.

Flow position: runner -> metrics/bins -> **report** -> (table | JSON | HTML),
gates. :class:`Collector` takes row results one by one (streaming) and
:meth:`Collector.report` builds the report with every figure in it; the
renderers only format what is here, so the JSON file holds each number the
HTML page or the terminal shows.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from firewall_proxy.batch.bins import (
    BinWidth,
    DriftThresholds,
    auto_width,
    bin_label,
    bin_start,
    drift_cells,
    profile,
    roll_up,
)
from firewall_proxy.batch.metrics import LabelMetrics, Stats
from firewall_proxy.batch.rows import RowResult

__all__ = ["REPORT_FORMAT", "Collector", "load_baseline"]

REPORT_FORMAT = "firewall-proxy/batch-report"
_LATENCY_SAMPLE = 10_000


class Collector:
    """Streaming aggregates of one run (whole run, per time bin, labelled metrics)."""

    def __init__(
        self,
        detect: frozenset[str],
        *,
        bin_width: BinWidth | None = None,
        worst: int = 10,
        seed: int = 0,
    ) -> None:
        self.detect = detect
        self.bin_width = bin_width
        self.overall = Stats()
        self.labels = LabelMetrics(detect, worst, seed)
        # Rows are binned by hour until the span is known, unless the width is given.
        self._bins: dict[float, Stats] = {}
        self.untimed = 0
        self._latency: list[float] = []
        self._seen_latency = 0
        self._rng = random.Random(seed)

    def add(self, r: RowResult) -> None:
        self.overall.add(r, self.detect)
        self.labels.add(r)
        if r.time is None:
            self.untimed += r.error is None
        else:
            key = bin_start(r.time, self.bin_width or "hour")
            stats = self._bins.get(key)
            if stats is None:
                stats = self._bins[key] = Stats()
            stats.add(r, self.detect)
        if r.error is None and not r.recorded:
            self._sample_latency(r.latency_ms)

    def _sample_latency(self, ms: float) -> None:
        # Reservoir sampling: exact quantiles up to 10k rows, a uniform sample beyond.
        self._seen_latency += 1
        if len(self._latency) < _LATENCY_SAMPLE:
            self._latency.append(ms)
        else:
            j = self._rng.randrange(self._seen_latency)
            if j < _LATENCY_SAMPLE:
                self._latency[j] = ms

    def latency(self) -> dict[str, float | int | None]:
        lat = sorted(self._latency)
        if not lat:
            return {"rows": 0, "p50_ms": None, "p90_ms": None, "p99_ms": None, "max_ms": None}

        def q(p: float) -> float:
            return lat[min(len(lat) - 1, int(len(lat) * p))]

        return {
            "rows": self._seen_latency,
            "p50_ms": q(0.5),
            "p90_ms": q(0.9),
            "p99_ms": q(0.99),
            "max_ms": lat[-1],
        }

    def width(self) -> BinWidth | None:
        if self.bin_width is not None:
            return self.bin_width
        if not self._bins:
            return None
        return auto_width(min(self._bins), max(self._bins))

    def binned(self) -> dict[float, Stats]:
        width = self.width()
        if width is None:
            return {}
        return (
            roll_up(self._bins, width)
            if self.bin_width is None
            else dict(sorted(self._bins.items()))
        )

    def report(
        self,
        *,
        meta: dict[str, Any],
        baseline: dict[str, Any] | None = None,
        baseline_name: str | None = None,
        thresholds: DriftThresholds | None = None,
    ) -> dict[str, Any]:
        th = thresholds or DriftThresholds()
        bins = self.binned()
        own_profile = profile(bins.values(), self.overall)
        reference = (baseline or {}).get("profile") if baseline else None
        ref = reference if isinstance(reference, dict) else own_profile
        width = self.width()
        bin_docs = []
        levels = {"low": 0, "medium": 0, "high": 0}
        for start, stats in bins.items():
            cells = drift_cells(stats, ref, th)
            for c in cells:
                levels[c["level"]] += 1
            assert width is not None
            bin_docs.append(
                {
                    "start": start,
                    "label": bin_label(start, width),
                    **stats.to_dict(),
                    "drift": cells,
                }
            )
        summary = self.overall.to_dict()
        summary["latency"] = self.latency()
        labels = self.labels.to_dict() if (self.labels.rows or self.labels.action_matrix) else None
        overall_drift = drift_cells(self.overall, ref, th) if baseline is not None else []
        return {
            "format": REPORT_FORMAT,
            "version": 1,
            "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            **meta,
            "summary": summary,
            "labels": labels,
            "time": {
                "bin": width,
                "bins": bin_docs,
                "rows_with_time": self.overall.rows - self.untimed,
                "rows_without_time": self.untimed,
            }
            if bins
            else None,
            "drift": {
                "reference": baseline_name or "this run",
                "thresholds_sigma": {"low": th.low, "medium": th.medium, "high": th.high},
                "overall": overall_drift,
                "bin_cells": levels,
                "bins_drifting": sum(1 for b in bin_docs if b["drift"]),
            },
            "profile": own_profile,
        }


def load_baseline(path: str) -> dict[str, Any]:
    """A previous run's JSON report (``--json``), checked to be one."""
    import json

    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh)
    if not isinstance(doc, dict) or doc.get("format") != REPORT_FORMAT:
        raise ValueError(f"{path} is not a firewall-proxy test --json report")
    if not isinstance(doc.get("profile"), dict):
        raise ValueError(f"{path} has no 'profile' section")
    return doc

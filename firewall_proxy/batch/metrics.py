"""Streaming aggregates over row results: counts, rates, labelled metrics, worst rows.

Flow position: runner -> **metrics** -> bins/drift -> report. Everything here
is updated one :class:`RowResult` at a time and keeps O(categories + k)
state, never the rows: a 100k-row run holds counters, running moments, a
latency reservoir and two top-k heaps.

Definitions (also in ``docs/continuous-tests.md``):

- a row is *detected* when its action is in the detect set (default: flag,
  impute, block); the *truth* is positive when its label is not a benign
  value;
- overall ``precision/recall/f1/fpr`` are binary (attack vs benign);
- per category ``c``: one-vs-rest among labelled rows, where a row predicts
  ``c`` when it is detected with ``c`` among its deciding categories;
  ``detection`` per label is the share of rows with that label detected with
  any category (for ``benign`` that is the false-alarm rate);
- the multi-class confusion matrix counts (label, predicted class) with the
  predicted class the verdict's ``fail_category`` or ``benign`` when passed.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from firewall_proxy.batch.columns import NEGATIVE
from firewall_proxy.batch.rows import RowResult, tiebreak, worst_key, worst_kind

__all__ = ["LabelMetrics", "Moments", "Stats", "TopK", "ratio"]

_ACTION_ORDER = ("pass", "flag", "impute", "block")


def ratio(num: float, den: float) -> float | None:
    """``num / den``, or ``None`` (JSON ``null``) when undefined."""
    return num / den if den else None


def _prf(tp: int, fp: int, fn: int, tn: int) -> dict[str, Any]:
    precision = ratio(tp, tp + fp)
    recall = ratio(tp, tp + fn)
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall > 0
        else (0.0 if precision is not None and recall is not None else None)
    )
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "fpr": ratio(fp, fp + tn),
        "fnr": ratio(fn, fn + tp),
        "accuracy": ratio(tp + tn, tp + fp + fn + tn),
        "support": tp + fn,
    }


@dataclass(slots=True)
class Moments:
    """Running count, mean, variance (Welford), min and max of one property."""

    n: int = 0
    mean: float = 0.0
    m2: float = 0.0
    lo: float = math.inf
    hi: float = -math.inf

    def add(self, x: float) -> None:
        self.n += 1
        d = x - self.mean
        self.mean += d / self.n
        self.m2 += d * (x - self.mean)
        self.lo = min(self.lo, x)
        self.hi = max(self.hi, x)

    def merge(self, other: Moments) -> None:
        if other.n == 0:
            return
        n = self.n + other.n
        d = other.mean - self.mean
        self.m2 += other.m2 + d * d * self.n * other.n / n
        self.mean += d * other.n / n
        self.n = n
        self.lo = min(self.lo, other.lo)
        self.hi = max(self.hi, other.hi)

    @property
    def std(self) -> float:
        return math.sqrt(self.m2 / self.n) if self.n else 0.0

    def to_dict(self) -> dict[str, Any]:
        if not self.n:
            return {"n": 0}
        return {"n": self.n, "mean": self.mean, "std": self.std, "min": self.lo, "max": self.hi}


@dataclass(slots=True)
class Stats:
    """Counts over a set of rows (the whole run, or one time bin)."""

    rows: int = 0
    errors: int = 0
    recorded: int = 0
    detected: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    severity: Moments = field(default_factory=Moments)
    props: dict[str, Moments] = field(default_factory=dict)
    confusion: Counter[str] = field(default_factory=Counter)  # tp/fp/fn/tn, labelled rows

    def add(self, r: RowResult, detect: frozenset[str]) -> None:
        if r.error is not None:
            self.errors += 1
            return
        self.rows += 1
        self.recorded += r.recorded
        hit = r.action in detect
        self.detected += hit
        self.actions[r.action] += 1
        self.categories.update(r.categories)
        self.rules.update(r.rules)
        self.severity.add(r.severity)
        for name, value in r.props.items():
            self.props.setdefault(name, Moments()).add(value)
        if r.truth is not None:
            positive = r.truth != NEGATIVE
            key = ("tp" if hit else "fn") if positive else ("fp" if hit else "tn")
            self.confusion[key] += 1

    def merge(self, other: Stats) -> None:
        self.rows += other.rows
        self.errors += other.errors
        self.recorded += other.recorded
        self.detected += other.detected
        self.actions.update(other.actions)
        self.categories.update(other.categories)
        self.rules.update(other.rules)
        self.severity.merge(other.severity)
        for name, m in other.props.items():
            self.props.setdefault(name, Moments()).merge(m)
        self.confusion.update(other.confusion)

    def rates(self) -> dict[str, float | None]:
        """The per-rows properties drift is measured on (see :mod:`.bins`)."""
        out: dict[str, float | None] = {
            "abnormal_rate": ratio(self.detected, self.rows),
            "avg_severity": self.severity.mean if self.severity.n else None,
            "error_rate": ratio(self.errors, self.rows + self.errors),
        }
        for action in _ACTION_ORDER[1:]:
            out[f"{action}_rate"] = ratio(self.actions.get(action, 0), self.rows)
        for cat, n in self.categories.items():
            out[f"category:{cat}"] = ratio(n, self.rows)
        for rule, n in self.rules.items():
            out[f"rule_pass:{rule}"] = ratio(self.rows - n, self.rows)
        for name, m in self.props.items():
            out[f"mean:{name}"] = m.mean if m.n else None
        return out

    def to_dict(self) -> dict[str, Any]:
        c = self.confusion
        out: dict[str, Any] = {
            "rows": self.rows,
            "errors": self.errors,
            "recorded_events": self.recorded,
            "detected": self.detected,
            "abnormal_rate": ratio(self.detected, self.rows),
            "actions": {a: self.actions.get(a, 0) for a in _ACTION_ORDER},
            "action_rates": {a: ratio(self.actions.get(a, 0), self.rows) for a in _ACTION_ORDER},
            "categories": dict(self.categories.most_common()),
            "category_rates": {k: ratio(v, self.rows) for k, v in self.categories.most_common()},
            "rules_fired": dict(sorted(self.rules.items())),
            "rule_pass_rates": {
                k: ratio(self.rows - v, self.rows) for k, v in sorted(self.rules.items())
            },
            "severity": self.severity.to_dict(),
            "properties": {k: m.to_dict() for k, m in sorted(self.props.items())},
        }
        if c:
            out["labelled"] = _prf(c["tp"], c["fp"], c["fn"], c["tn"])
        return out


@dataclass(order=True, slots=True)
class _Ranked:
    key: tuple[float, ...]
    tiebreak: float
    entry: dict[str, Any] = field(compare=False)


class TopK:
    """The ``k`` entries with the largest keys; ties are broken by each row's
    :func:`~firewall_proxy.batch.rows.tiebreak` draw, so among equally bad rows
    the kept ones are a uniform sample, reproducible from run to run."""

    def __init__(self, k: int) -> None:
        self.k = k
        self._heap: list[_Ranked] = []

    def add(self, key: tuple[float, ...], tb: float, entry: dict[str, Any]) -> None:
        if self.k <= 0:
            return
        item = _Ranked(key, tb, entry)
        if len(self._heap) < self.k:
            heapq.heappush(self._heap, item)
        elif self._heap[0] < item:
            heapq.heapreplace(self._heap, item)

    def items(self) -> list[dict[str, Any]]:
        return [r.entry for r in sorted(self._heap, reverse=True)]


class LabelMetrics:
    """Everything that needs an expected label: confusion matrices, per-category
    precision/recall/F1/FPR, detection rate per label, the worst rows."""

    def __init__(self, detect: frozenset[str], worst: int = 10, seed: int = 0) -> None:
        self.detect = detect
        self.rows = 0
        self.binary: Counter[str] = Counter()
        self.matrix: Counter[tuple[str, str]] = Counter()
        self.support: Counter[str] = Counter()
        self.detected_by_label: Counter[str] = Counter()
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()
        self.action_matrix: Counter[tuple[str, str]] = Counter()
        self.seed = seed
        self.misses = TopK(worst)
        self.false_alarms = TopK(worst)

    def add(self, r: RowResult) -> None:
        if r.error is not None:
            return
        if r.expected_action is not None:
            self.action_matrix[(r.expected_action, r.action)] += 1
        if r.truth is None:
            return
        self.rows += 1
        hit = r.action in self.detect
        positive = r.truth != NEGATIVE
        self.binary[("tp" if hit else "fn") if positive else ("fp" if hit else "tn")] += 1
        predicted = (r.fail_category or "cannot_decide") if hit else NEGATIVE
        self.matrix[(r.truth, predicted)] += 1
        self.support[r.truth] += 1
        self.detected_by_label[r.truth] += hit
        cats = set(r.categories) if hit else set()
        if positive and r.truth != "*":
            if r.truth in cats:
                self.tp[r.truth] += 1
            else:
                self.fn[r.truth] += 1
        for c in cats - {r.truth}:
            self.fp[c] += 1
        entry = {
            "source": r.source,
            "line": r.line,
            "label": r.truth,
            "action": r.action,
            "categories": list(r.categories),
            "scores": {k: round(v, 4) for k, v in r.scores.items()},
            "excerpt": r.excerpt,
        }
        kind = worst_kind(r, self.detect)
        if kind is not None:
            heap = self.misses if kind == "miss" else self.false_alarms
            heap.add(worst_key(kind, r), tiebreak(self.seed, r.source, r.line), entry)

    def per_category(self) -> dict[str, dict[str, Any]]:
        names = {*self.tp, *self.fn, *self.fp} | {
            t for t in self.support if t not in (NEGATIVE, "*")
        }
        out = {}
        for c in sorted(names):
            tp, fp, fn = self.tp[c], self.fp[c], self.fn[c]
            out[c] = _prf(tp, fp, fn, self.rows - tp - fp - fn)
        return out

    def to_dict(self) -> dict[str, Any]:
        b = self.binary
        labels = sorted(self.support, key=lambda t: (t == NEGATIVE, t))
        predicted = sorted({p for _, p in self.matrix}, key=lambda t: (t == NEGATIVE, t))
        out: dict[str, Any] = {
            "rows": self.rows,
            "overall": _prf(b["tp"], b["fp"], b["fn"], b["tn"]),
            "per_category": self.per_category(),
            "detection": {
                t: {
                    "rows": self.support[t],
                    "detected": self.detected_by_label[t],
                    "rate": ratio(self.detected_by_label[t], self.support[t]),
                }
                for t in labels
            },
            "confusion_matrix": {
                "labels": labels,
                "predicted": predicted,
                "counts": [[self.matrix.get((t, p), 0) for p in predicted] for t in labels],
            },
            "worst_misses": self.misses.items(),
            "worst_false_alarms": self.false_alarms.items(),
        }
        if self.action_matrix:
            total = sum(self.action_matrix.values())
            right = sum(n for (e, a), n in self.action_matrix.items() if e == a)
            out["actions"] = {
                "rows": total,
                "accuracy": ratio(right, total),
                "expected": list(_ACTION_ORDER),
                "actual": list(_ACTION_ORDER),
                "counts": [
                    [self.action_matrix.get((e, a), 0) for a in _ACTION_ORDER]
                    for e in _ACTION_ORDER
                ],
            }
        return out

"""``--fail-under``: quality gates a CI checks against a batch report.

Flow position: report -> **gates** -> exit code. A gate is ``METRIC=VALUE``
(or an explicit ``METRIC>=VALUE`` / ``METRIC<=VALUE``). With ``=``, the bound
is a *minimum* for metrics where higher is better (precision, recall, f1,
accuracy, detection, pass rates) and a *maximum* for metrics where lower is
better (``fpr``, ``fnr``, error, abnormal, action and category rates, drift
counts, latency) — so ``--fail-under fpr=0.01`` fails when the false-positive
rate is above 1%. A metric the report cannot compute (no labels, an unknown
category) fails the gate: a CI gate that silently passes is worse than none.

Metric names:

- overall (labelled): ``precision recall f1 fpr fnr accuracy``;
- per category: ``precision:C recall:C f1:C fpr:C fnr:C`` and ``detection:C``
  (share of rows labelled ``C`` that were detected with any category);
- expected actions: ``action_accuracy``;
- distribution: ``abnormal_rate pass_rate flag_rate impute_rate block_rate
  error_rate rate:C`` (share of rows with category ``C``);
- drift: ``drift_high drift_medium drift_low`` (bin cells at that level or above);
- latency: ``p50_ms p90_ms p99_ms``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["Gate", "GateResult", "check_gates", "metric_value", "parse_gate"]

_GATE = re.compile(r"^\s*([A-Za-z_][\w:.\-*]*)\s*(>=|<=|=)\s*([-+0-9.eE%]+)\s*$")
_LOWER_IS_BETTER = re.compile(
    r"^(fpr|fnr|fpr:.+|fnr:.+|abnormal_rate|flag_rate|impute_rate|block_rate|error_rate|"
    r"rate:.+|drift_(low|medium|high)|p\d+_ms)$"
)


@dataclass(frozen=True, slots=True)
class Gate:
    metric: str
    op: Literal[">=", "<="]
    threshold: float

    def __str__(self) -> str:
        return f"{self.metric} {self.op} {self.threshold:g}"


@dataclass(frozen=True, slots=True)
class GateResult:
    gate: Gate
    value: float | None
    passed: bool
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.gate.metric,
            "op": self.gate.op,
            "threshold": self.gate.threshold,
            "value": self.value,
            "passed": self.passed,
            "reason": self.reason,
        }


def parse_gate(text: str) -> Gate:
    """``recall:injection=0.9`` -> ``Gate("recall:injection", ">=", 0.9)`` (raises ValueError)."""
    match = _GATE.match(text)
    if match is None:
        raise ValueError(f"{text!r}: expected METRIC=VALUE, e.g. recall:injection=0.9 or fpr=0.01")
    metric, op, raw = match.groups()
    metric = metric.lower()
    value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    if op == "=":
        op = "<=" if _LOWER_IS_BETTER.match(metric) else ">="
    return Gate(metric, ">=" if op == ">=" else "<=", value)


def metric_value(report: dict[str, Any], metric: str) -> tuple[float | None, str]:
    """The value of ``metric`` in ``report``, or ``None`` with the reason it is missing."""
    summary = report.get("summary") or {}
    labels = report.get("labels") or {}
    name, _, arg = metric.partition(":")
    if name in ("precision", "recall", "f1", "fpr", "fnr", "accuracy"):
        if not labels.get("rows"):
            return None, "no labelled rows"
        if not arg:
            return labels["overall"].get(name), "undefined"
        per = labels.get("per_category", {}).get(arg)
        if per is None:
            return None, f"no category {arg!r} among labels or predictions"
        return per.get(name), "undefined"
    if name == "detection":
        det = labels.get("detection", {}).get(arg)
        if det is None:
            return None, f"no rows labelled {arg!r}"
        return det.get("rate"), "undefined"
    if name == "action_accuracy":
        actions = labels.get("actions")
        return (actions["accuracy"], "") if actions else (None, "no expected_action column")
    if name == "rate":
        rows = summary.get("rows") or 0
        return ((summary.get("categories", {}).get(arg, 0) / rows) if rows else None), "no rows"
    if name.endswith("_rate"):
        if name == "abnormal_rate":
            return summary.get("abnormal_rate"), "no rows"
        if name == "error_rate":
            total = (summary.get("rows") or 0) + (summary.get("errors") or 0)
            return (summary.get("errors", 0) / total if total else None), "no rows"
        action = name[: -len("_rate")]
        if action in ("pass", "flag", "impute", "block"):
            return summary.get("action_rates", {}).get(action), "no rows"
    if name.startswith("drift_"):
        level = name[len("drift_") :]
        cells = (report.get("drift") or {}).get("bin_cells") or {}
        order = ("low", "medium", "high")
        if level in order:
            return float(sum(cells.get(x, 0) for x in order[order.index(level) :])), ""
    if re.fullmatch(r"p\d+_ms", name):
        value = (summary.get("latency") or {}).get(name)
        return value, "no latency measured" if value is None else ""
    return None, f"unknown metric {metric!r}"


def check_gates(report: dict[str, Any], gates: list[Gate]) -> list[GateResult]:
    out = []
    for g in gates:
        value, why = metric_value(report, g.metric)
        if value is None:
            out.append(GateResult(g, None, False, f"not available: {why}"))
            continue
        ok = value >= g.threshold if g.op == ">=" else value <= g.threshold
        out.append(GateResult(g, value, ok, "" if ok else f"{value:.4g} is not {g}"))
    return out

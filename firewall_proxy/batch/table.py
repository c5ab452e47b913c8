"""The terminal summary of a batch report (plain text, fits 100 columns).

Flow position: report -> **table** (stdout of ``firewall-proxy test``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["render_table"]

_ACTIONS = ("pass", "flag", "impute", "block")


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{v:.1%}"


def _num(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def render_table(report: dict[str, Any], *, worst: int = 5) -> str:
    s = report["summary"]
    lines = [f"rows: {s['rows']}   errors: {s['errors']}"]
    if s.get("recorded_events"):
        lines.append(f"recorded events (not re-evaluated): {s['recorded_events']}")
    lat = s.get("latency") or {}
    if lat.get("p50_ms") is not None:
        lines.append(f"evaluation latency: p50 {lat['p50_ms']:.3f} ms, p99 {lat['p99_ms']:.3f} ms")
    if report.get("rows_per_s"):
        lines.append(
            f"throughput: {report['rows_per_s']:.0f} rows/s in {report['duration_s']:.2f} s"
            " (wall clock, with start-up)"
        )
    lines += ["", f"{'action':<12}{'count':>8}{'share':>9}"]
    for a in _ACTIONS:
        lines.append(f"{a:<12}{s['actions'][a]:>8}{_pct(s['action_rates'][a]):>9}")
    if s["categories"]:
        lines += ["", f"{'category':<22}{'rows':>8}{'share':>9}"]
        for c, n in s["categories"].items():
            lines.append(f"{c:<22}{n:>8}{_pct(s['category_rates'][c]):>9}")
    labels = report.get("labels")
    if labels and labels.get("rows"):
        lines += _labels(labels, worst)
    elif labels and labels.get("actions"):
        lines += ["", f"expected action accuracy: {_pct(labels['actions']['accuracy'])}"]
    time = report.get("time")
    if time:
        lines += _bins(time)
    drift = report.get("drift") or {}
    if drift.get("overall"):
        lines += ["", f"drift against {drift['reference']}:"]
        for c in drift["overall"][:10]:
            lines.append(
                f"  {c['level']:<7}{c['property']:<34}{c['value']:>9.4g} vs {c['reference']:.4g}"
                f" ({c['z']:+.1f} σ)"
            )
    gates = report.get("gates") or []
    if gates:
        lines += ["", "gates:"]
        for g in gates:
            mark = "ok  " if g["passed"] else "FAIL"
            value = "n/a" if g["value"] is None else f"{g['value']:.4g}"
            lines.append(
                f"  {mark} {g['metric']} {g['op']} {g['threshold']:g}  (value {value})"
                + ("" if g["passed"] else f"  {g['reason']}")
            )
    return "\n".join(lines)


def _labels(labels: dict[str, Any], worst: int) -> list[str]:
    o = labels["overall"]
    lines = [
        "",
        f"labelled rows: {labels['rows']}   TP {o['tp']}  FP {o['fp']}  FN {o['fn']}  TN {o['tn']}",
        f"overall: precision {_num(o['precision'])}  recall {_num(o['recall'])}  "
        f"F1 {_num(o['f1'])}  FPR {_num(o['fpr'])}",
        "",
        f"{'category':<22}{'support':>8}{'precision':>10}{'recall':>8}{'F1':>7}{'FPR':>8}",
    ]
    for c, m in labels["per_category"].items():
        lines.append(
            f"{c:<22}{m['support']:>8}{_num(m['precision']):>10}{_num(m['recall']):>8}"
            f"{_num(m['f1']):>7}{_num(m['fpr']):>8}"
        )
    lines += ["", f"{'label':<22}{'rows':>8}{'detected':>10}"]
    for t, d in labels["detection"].items():
        lines.append(f"{t:<22}{d['rows']:>8}{_pct(d['rate']):>10}")
    for title, key in (
        ("worst misses", "worst_misses"),
        ("worst false alarms", "worst_false_alarms"),
    ):
        rows = labels.get(key) or []
        if rows:
            lines += ["", f"{title}:"]
            for r in rows[:worst]:
                excerpt = r["excerpt"].replace("\n", " ")[:70]
                lines.append(
                    f"  {r['source']}:{r['line']}  {r['label']} -> {r['action']}  {excerpt}"
                )
    return lines


def _bins(time: dict[str, Any]) -> list[str]:
    lines = [
        "",
        f"per {time['bin']}:",
        f"{'bin':<18}{'rows':>7}{'abnormal':>10}{'block':>8}{'severity':>10}  drift",
    ]
    for b in time["bins"]:
        top = b["drift"][0] if b["drift"] else None
        drift = f"{top['level']} {top['property']} ({len(b['drift'])})" if top else ""
        sev = b["severity"].get("mean")
        lines.append(
            f"{b['label']:<18}{b['rows']:>7}{_pct(b['abnormal_rate']):>10}"
            f"{_pct(b['action_rates']['block']):>8}{_num(sev):>10}  {drift}"
        )
    if time.get("rows_without_time"):
        lines.append(f"(rows without a timestamp: {time['rows_without_time']})")
    return lines

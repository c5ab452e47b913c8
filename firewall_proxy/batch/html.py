"""The HTML report: one self-contained file a team opens in any browser, offline.

Flow position: report -> **html** (``--report report.html``). No scripts,
fonts, images or style sheets are fetched: styles are inline, charts are
inline SVG (:mod:`.svg`), and a Content-Security-Policy forbids every
network load so a copied file can never call home. Excerpts are the
redacted ones from the report and are HTML-escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from firewall_proxy.batch.svg import (
    ACTION_COLORS,
    LEVEL_COLORS,
    bar_chart,
    grouped_bars,
    heatmap,
    line_chart,
)

__all__ = ["render_html"]

_ACTIONS = ("pass", "flag", "impute", "block")
_CSS = (
    'body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;'
    "max-width:1100px;color:#111827;padding:0 16px}h1{font-size:22px}"
    "h2{font-size:17px;margin-top:32px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}"
    "table{border-collapse:collapse;margin:8px 0}"
    "td,th{padding:3px 10px;border-bottom:1px solid #f3f4f6;text-align:right}"
    "td:first-child,th:first-child{text-align:left;white-space:nowrap}"
    ".excerpt{text-align:left;font-family:ui-monospace,monospace;font-size:12px;max-width:560px;"
    "white-space:pre-wrap;word-break:break-word}.chart{display:block;margin:8px 0}"
    ".chart .lbl{font-size:12px}.chart .val{font-size:11px;fill:#4b5563}"
    ".chart .grid{stroke:#e5e7eb}.ok{color:#15803d}.fail{color:#b91c1c;font-weight:600}"
    ".meta{color:#4b5563}.level{padding:0 6px;border-radius:3px}"
)


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v:.1%}"


def _num(v: float | None) -> str:
    return "–" if v is None else f"{v:.3f}"


def _table(head: list[str], rows: list[list[str]], cls: str = "") -> str:
    h = "".join(f"<th>{escape(x)}</th>" for x in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="{cls}"><thead><tr>{h}</tr></thead><tbody>{body}</tbody></table>'


def render_html(report: dict[str, Any]) -> str:
    s = report["summary"]
    policy = report.get("policy") or {}
    title = f"firewall-proxy test report — {policy.get('name') or policy.get('path', '')}"
    sources = ", ".join(escape(d["path"]) for d in report.get("data", []))
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">generated {escape(report.get("generated_at", ""))} · data: {sources} · '
        f"{s['rows']} rows, {s['errors']} errors",
    ]
    if report.get("rows_per_s"):
        parts.append(f" · {report['rows_per_s']:.0f} rows/s")
    parts.append("</p>")
    parts += _gates(report.get("gates") or [])
    parts.append('<h2 id="actions">Actions</h2>')
    parts.append(
        bar_chart(
            "actions",
            "share of rows per action",
            [(a, s["action_rates"][a] or 0.0) for a in _ACTIONS],
            colors=ACTION_COLORS,
            percent=True,
        )
    )
    if s["categories"]:
        parts.append('<h2 id="categories">Categories</h2>')
        parts.append(
            bar_chart(
                "categories",
                "rows per category",
                [(c, float(n)) for c, n in s["categories"].items()],
            )
        )
    labels = report.get("labels")
    if labels:
        parts += _labels(labels)
    if report.get("time"):
        parts += _time(report["time"])
    parts += _drift(report.get("drift") or {})
    lat = s.get("latency") or {}
    if lat.get("p50_ms") is not None:
        parts.append('<h2 id="latency">Evaluation latency</h2>')
        parts.append(
            _table(
                ["p50", "p90", "p99", "max"],
                [[f"{lat[k]:.3f} ms" for k in ("p50_ms", "p90_ms", "p99_ms", "max_ms")]],
            )
        )
    parts.append("</body></html>\n")
    return "".join(parts)


def _gates(gates: list[dict[str, Any]]) -> list[str]:
    if not gates:
        return []
    rows = []
    for g in gates:
        status = '<span class="ok">pass</span>' if g["passed"] else '<span class="fail">FAIL</span>'
        value = "n/a" if g["value"] is None else f"{g['value']:.4g}"
        rows.append(
            [
                escape(g["metric"]),
                f"{escape(g['op'])} {g['threshold']:g}",
                value,
                status,
                escape(g["reason"]),
            ]
        )
    return [
        '<h2 id="gates">Gates</h2>',
        _table(["metric", "bound", "value", "", ""], rows, "gates"),
    ]


def _labels(labels: dict[str, Any]) -> list[str]:
    out: list[str] = []
    if labels.get("rows"):
        o = labels["overall"]
        out.append('<h2 id="quality">Detection quality</h2>')
        out.append(
            _table(
                ["", "TP", "FP", "FN", "TN", "precision", "recall", "F1", "FPR"],
                [
                    [
                        "overall",
                        *(str(o[k]) for k in ("tp", "fp", "fn", "tn")),
                        *(_num(o[k]) for k in ("precision", "recall", "f1", "fpr")),
                    ]
                ]
                + [
                    [
                        escape(c),
                        *(str(m[k]) for k in ("tp", "fp", "fn", "tn")),
                        *(_num(m[k]) for k in ("precision", "recall", "f1", "fpr")),
                    ]
                    for c, m in labels["per_category"].items()
                ],
                "per-category",
            )
        )
        per = labels["per_category"]
        if per:
            out.append(
                grouped_bars(
                    "per-category",
                    "precision, recall and F1 per category",
                    [(c, [m["precision"], m["recall"], m["f1"]]) for c, m in per.items()],
                    ["precision", "recall", "F1"],
                )
            )
        det = labels["detection"]
        out.append("<h3>Detected per label</h3>")
        out.append(
            bar_chart(
                "detection",
                "share of rows detected per label",
                [(t, d["rate"] or 0.0) for t, d in det.items()],
                percent=True,
            )
        )
        cm = labels["confusion_matrix"]
        out.append("<h3>Confusion matrix (label × predicted)</h3>")
        out.append(
            heatmap("confusion", "confusion matrix", cm["labels"], cm["predicted"], cm["counts"])
        )
        out += _worst("Worst misses", "misses", labels.get("worst_misses") or [])
        out += _worst("Worst false alarms", "false-alarms", labels.get("worst_false_alarms") or [])
    if labels.get("actions"):
        a = labels["actions"]
        out.append(
            f'<h2 id="expected-actions">Expected actions (accuracy {_pct(a["accuracy"])})</h2>'
        )
        out.append(
            heatmap(
                "actions-matrix",
                "expected × actual action",
                a["expected"],
                a["actual"],
                a["counts"],
            )
        )
    return out


def _worst(title: str, cls: str, rows: list[dict[str, Any]]) -> list[str]:
    if not rows:
        return []
    body = [
        [
            f"{escape(r['source'])}:{r['line']}",
            escape(r["label"]),
            escape(r["action"]),
            escape(", ".join(f"{k} {v:.2f}" for k, v in r["scores"].items()) or "–"),
            f'<div class="excerpt">{escape(r["excerpt"])}</div>',
        ]
        for r in rows
    ]
    return [
        f"<h3>{title}</h3>",
        _table(["row", "label", "action", "scores", "excerpt (redacted)"], body, cls),
    ]


def _time(time: dict[str, Any]) -> list[str]:
    bins = time["bins"]
    labels = [b["label"] for b in bins]
    marks = [b["drift"][0]["level"] if b["drift"] else None for b in bins]
    out = [f'<h2 id="time">Over time (per {escape(time["bin"])})</h2>']
    out.append(
        line_chart(
            "abnormal-rate",
            "abnormal and block rate per bin (rings: bins where some property drifts)",
            labels,
            [
                ("abnormal rate", [b["abnormal_rate"] for b in bins]),
                ("block rate", [b["action_rates"]["block"] for b in bins]),
            ],
            markers=marks,
        )
    )
    out.append(
        line_chart(
            "severity",
            "average severity per bin",
            labels,
            [("avg severity", [b["severity"].get("mean") for b in bins])],
            percent=False,
        )
    )
    rules = sorted({r for b in bins for r in b["rule_pass_rates"]})
    if rules:
        series = [
            (r, [b["rule_pass_rates"].get(r, 1.0) if b["rows"] else None for b in bins])
            for r in rules[:8]
        ]
        out.append(line_chart("rule-pass", "pass rate per rule", labels, series))
        rows = [
            [escape(b["label"]), *(_pct(b["rule_pass_rates"].get(r, 1.0)) for r in rules)]
            for b in bins
        ]
        out.append(_table(["bin", *rules], rows, "rule-pass"))
    rows = [
        [
            escape(b["label"]),
            str(b["rows"]),
            _pct(b["abnormal_rate"]),
            *(_pct(b["action_rates"][a]) for a in _ACTIONS[1:]),
            _num(b["severity"].get("mean")),
            ", ".join(_level(c) for c in b["drift"][:3]) or "–",
        ]
        for b in bins
    ]
    out.append(
        _table(
            ["bin", "rows", "abnormal", "flag", "impute", "block", "severity", "drift"],
            rows,
            "bins",
        )
    )
    out += _drifting(bins)
    return out


def _prop_value(b: dict[str, Any], prop: str) -> float | None:
    """The value of a drift property in one bin of the JSON report."""
    kind, _, name = prop.partition(":")
    if not b["rows"]:
        return None
    if kind == "category":
        return float(b["category_rates"].get(name, 0.0))
    if kind == "rule_pass":
        return float(b["rule_pass_rates"].get(name, 1.0))
    if kind == "mean":
        mean = b["properties"].get(name, {}).get("mean")
        return None if mean is None else float(mean)
    if prop == "avg_severity":
        return b["severity"].get("mean")  # type: ignore[no-any-return]
    if prop == "abnormal_rate":
        return b["abnormal_rate"]  # type: ignore[no-any-return]
    if prop.endswith("_rate") and prop[:-5] in b["action_rates"]:
        return b["action_rates"][prop[:-5]]  # type: ignore[no-any-return]
    return None


def _drifting(bins: list[dict[str, Any]], limit: int = 4) -> list[str]:
    """One chart per property that drifts the most (largest |z| in any bin)."""
    worst: dict[str, float] = {}
    for b in bins:
        for c in b["drift"]:
            worst[c["property"]] = max(worst.get(c["property"], 0.0), abs(c["z"]))
    out = []
    for prop in sorted(worst, key=lambda p: -worst[p])[:limit]:
        cells = {b["label"]: c for b in bins for c in b["drift"] if c["property"] == prop}
        reference = next(iter(cells.values()))["reference"]
        rate = not prop.startswith("mean:") and prop != "avg_severity"
        out.append(
            line_chart(
                "drift-" + prop,
                f"{prop} per bin against the reference",
                [b["label"] for b in bins],
                [
                    (prop, [_prop_value(b, prop) for b in bins]),
                    ("reference", [reference if b["rows"] else None for b in bins]),
                ],
                markers=[cells[b["label"]]["level"] if b["label"] in cells else None for b in bins],
                percent=rate,
            )
        )
    return ["<h3>Drifting properties</h3>", *out] if out else []


def _level(cell: dict[str, Any]) -> str:
    color = LEVEL_COLORS[cell["level"]]
    return (
        f'<span class="level" style="background:{color}">{cell["level"]}</span> '
        f"{escape(cell['property'])} {cell['z']:+.1f}σ"
    )


def _drift(drift: dict[str, Any]) -> list[str]:
    cells = drift.get("overall") or []
    counts = drift.get("bin_cells") or {}
    th = drift.get("thresholds_sigma") or {}
    out = [
        '<h2 id="drift">Drift</h2>',
        f'<p class="meta">reference: {escape(str(drift.get("reference", "")))} · thresholds '
        f"low {th.get('low')}σ, medium {th.get('medium')}σ, high {th.get('high')}σ · "
        f"drifting bin cells: low {counts.get('low', 0)}, medium {counts.get('medium', 0)}, "
        f"high {counts.get('high', 0)}</p>",
    ]
    if cells:
        rows = [
            [
                escape(c["property"]),
                f"{c['value']:.4g}",
                f"{c['reference']:.4g}",
                f"{c['z']:+.1f}",
                _level(c),
                " / ".join(f"{lo:.3g}…{hi:.3g}" for lo, hi in c["thresholds"].values()),
            ]
            for c in cells
        ]
        out.append(
            _table(
                ["property", "value", "reference", "σ", "level", "low / medium / high bounds"],
                rows,
                "drift",
            )
        )
    return out

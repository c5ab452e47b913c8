"""Cost of recording and rendering metrics: our registry vs prometheus_client, same run.

What one inspected request records (a request counter, one finding, two
evaluator latencies, the decision latency) and one ``/metrics`` scrape, timed
with ``timeit`` in one process. The request path records on every request, so
the recording cost is what matters; rendering happens once per scrape.

Run:  .venv/bin/python bench/metrics.py [--number 200000]
Needs: prometheus-client (in the test extra).
"""

from __future__ import annotations

import argparse
import timeit

import prometheus_client as pc

from firewall_proxy.findings import Action, Finding, Verdict
from firewall_proxy.metrics import Metrics

VERDICT = Verdict(
    id="x",
    action=Action.FLAG,
    latency_ms=0.3,
    findings=[Finding("injection", 0.9, "seen", evaluator="banned_patterns")],
    evaluator_ms={"banned_patterns": 0.1, "limits": 0.02},
)
ROUTES = ["/v1/chat/completions", "/v1/messages", "/v1/completions"]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--number", type=int, default=200_000)
    args = parser.parse_args()
    n = args.number

    ours = Metrics()
    registry = pc.CollectorRegistry()
    requests = pc.Counter("r", "r", ["project", "route", "action"], registry=registry)
    findings = pc.Counter("f", "f", ["project", "category"], registry=registry)
    evaluators = pc.Histogram("e", "e", ["evaluator"], registry=registry)
    decision = pc.Histogram("d", "d", registry=registry)

    def record_ours() -> None:
        ours.observe_verdict("default", ROUTES[0], VERDICT)

    def record_theirs() -> None:
        v = VERDICT
        requests.labels("default", ROUTES[0], v.action.value).inc()
        for f in v.findings:
            findings.labels("default", f.category).inc()
        for name, ms in v.evaluator_ms.items():
            evaluators.labels(name).observe(ms / 1000)
        decision.observe(v.latency_ms / 1000)

    rows = []
    for label, ours_fn, theirs_fn, number in (
        ("record one request (µs)", record_ours, record_theirs, n),
        ("render /metrics (µs)", ours.render, lambda: pc.generate_latest(registry), n // 100),
    ):
        a = min(timeit.repeat(ours_fn, number=number, repeat=3)) / number * 1e6
        b = min(timeit.repeat(theirs_fn, number=number, repeat=3)) / number * 1e6
        rows.append((label, a, b))
    print(f"\nmetrics cost, best of 3 x {n} calls (render: {n // 100}), one process\n")
    print(f"{'operation':<28}{'ours':>10}{'prometheus_client':>20}{'ratio':>8}")
    for label, a, b in rows:
        print(f"{label:<28}{a:>10.2f}{b:>20.2f}{b / a:>8.1f}x")


if __name__ == "__main__":
    main()

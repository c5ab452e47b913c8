"""Event-recording overhead with every request flagged: SQLite and PostgreSQL vs no store.

Starts, one after another on 127.0.0.1 (uvicorn, one process each), a pure
ASGI app wrapped in FirewallMiddleware with a policy that flags every request
(and keeps the default redacted excerpt), in these setups:

  (a) events discarded (NullSink), no metrics      - the baseline
  (b) (a) + Prometheus metrics recording
  (c) (b) + events written to SQLite (batch writer, WAL)
  (d) (b) + events written to PostgreSQL (127.0.0.1:5432, database `test`)

It drives each with wrk (1 KB OpenAI-style chat body, POST, concurrency 32),
rounds interleaved to spread machine noise, and prints the median requests/s,
the ratio to (a) (issue target: (c)/(a) and (d)/(a) >= 0.9), and, after a
graceful shutdown, the number of events in the store against the number of
flagged requests the server counted (nothing may be lost).

Run:    .venv/bin/python bench/events.py [--duration 5] [--rounds 3] [--connections 32]
Needs:  wrk (`apt-get install -y wrk`) and PostgreSQL on 127.0.0.1:5432 (trust auth).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from harness import CLK_TCK, cpu_seconds, free_port, run_wrk, scrape_metrics, start_module

PG_DSN = os.environ.get("FIREWALL_PROXY_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")
PG_SCHEMA = "fp_bench_events"

PROMPT = (
    "Hello! I am planning a trip to Lisbon next spring with my family and would like some "
    "help. We are two adults and two children aged 7 and 11. We enjoy museums, parks, good "
    "food and short walks, but we do not like very crowded places. Could you suggest a "
    "four-day itinerary with one or two main activities per day, a few restaurants that are "
    "friendly to children, and tips on getting around with public transport? We will stay "
    "near the city centre. Please also mention which days museums are usually closed, and "
    "whether we should book anything in advance. If there are nice day trips nearby, such "
    "as Sintra or Cascais, tell us how long they take and whether they are worth it with "
    "kids. Finally, what should we pack for the weather at that time of year? Thank you!"
)
BODY = json.dumps(
    {
        "model": "demo",
        "messages": [
            {"role": "system", "content": "You are a helpful travel assistant."},
            {"role": "user", "content": PROMPT},
        ],
    }
)

POLICY = """
version: 1
name: flag-everything
routes:
  - {path: /v1/chat/completions, extractor: openai_chat}
evaluators:
  - name: banned_patterns
    options:
      patterns:
        - {name: lisbon, literal: "lisbon", category: injection, score: 0.6}
rules:
  - {category: injection, min_score: 0.5, action: flag}
"""

APP = """
    from firewall_proxy.enforce.middleware import FirewallMiddleware
    from firewall_proxy.events import NullSink, open_sink
    from firewall_proxy.metrics import Metrics, MetricsApp
    from firewall_proxy.policy.loader import load_policy_text
    from firewall_proxy.server import Dispatcher

    async def upstream(scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        more = True
        while more:
            more = (await receive()).get("more_body", False)
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": b'{"choices": []}'})

    policy = load_policy_text(POLICY, "flag-everything.yaml")
    sink = open_sink(STORE, policy.events, spill_path=SPILL) if STORE else NullSink()
    metrics = Metrics(events=sink)
    guarded = FirewallMiddleware(upstream, policy, events=sink,
                                 metrics=metrics if METRICS else None)
    app = Dispatcher(guarded, {"/metrics": MetricsApp(metrics)})
"""


@dataclass
class Setup:
    key: str
    name: str
    store: str | None
    metrics: bool
    rps: list[float] = field(default_factory=list)
    cpu_us: list[float] = field(default_factory=list)
    proc_cpu_us: list[float] = field(default_factory=list)
    flagged: int = 0
    stored: int = 0
    spilled: int = 0
    dropped: int = 0
    errors: int = 0


def start(setup: Setup, port: int, tmp: Path) -> subprocess.Popen[bytes]:
    consts = {
        "POLICY": POLICY,
        "STORE": setup.store,
        "METRICS": setup.metrics,
        "SPILL": str(tmp / f"spill-{setup.key}.jsonl"),
    }
    return start_module(APP, port, tmp, consts)


def postgres_cpu_seconds() -> float:
    """CPU of every PostgreSQL process on this machine (the store's work on the server side)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if "(postgres)" in text:
            fields = text.rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / CLK_TCK
    return total


def wrk(port: int, duration: int, connections: int, tmp: Path) -> tuple[float, int, int]:
    url = f"http://127.0.0.1:{port}/v1/chat/completions"
    run = run_wrk(
        url, BODY, {"Content-Type": "application/json"}, duration, connections, tmp, warmup=0
    )
    return run.rps, run.errors, run.requests


def count_stored(setup: Setup) -> int:
    assert setup.store is not None
    if setup.store.startswith("sqlite:///"):
        with sqlite3.connect(setup.store[len("sqlite:///") :]) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM fp_events").fetchone()[0])
    import psycopg

    with psycopg.connect(PG_DSN) as conn:
        row = conn.execute(f"SELECT COUNT(*) FROM {PG_SCHEMA}.fp_events").fetchone()
        return int(row[0]) if row else 0


def reset_postgres() -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE")
        conn.execute(f"CREATE SCHEMA {PG_SCHEMA}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per measured run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per setup")
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench/events.py needs wrk: apt-get install -y wrk")
    reset_postgres()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        setups = [
            Setup("a", "(a) no events, no metrics", None, False),
            Setup("b", "(b) no events, metrics", None, True),
            Setup("c", "(c) SQLite events, metrics", f"sqlite:///{tmp / 'events.db'}", True),
            Setup(
                "d",
                "(d) PostgreSQL events, metrics",
                f"{PG_DSN}?options=-csearch_path%3D{PG_SCHEMA}",
                True,
            ),
        ]
        for _ in range(args.rounds):
            for setup in setups:
                port = free_port()
                proc = start(setup, port, tmp)
                try:
                    wrk(port, 1, args.connections, tmp)  # warm-up (the store connects, etc.)
                    cpu0, pg0 = cpu_seconds(proc.pid), postgres_cpu_seconds()
                    rps, errors, reqs = wrk(port, args.duration, args.connections, tmp)
                    served = reqs
                    used = cpu_seconds(proc.pid) - cpu0
                    setup.proc_cpu_us.append(used / served * 1e6)
                    if setup.store and setup.store.startswith("postgresql"):
                        used += postgres_cpu_seconds() - pg0
                    setup.cpu_us.append(used / served * 1e6)
                    setup.rps.append(rps)
                    setup.errors += errors
                    seen = scrape_metrics(port)
                    setup.flagged += int(seen.get("firewall_requests_total", 0))
                    setup.spilled += int(seen.get("firewall_events_spilled_total", 0))
                    setup.dropped += int(seen.get("firewall_events_dropped_total", 0))
                finally:
                    proc.send_signal(signal.SIGINT)  # graceful: the sink flushes on shutdown
                    proc.wait(timeout=60)
        for setup in setups:
            if setup.store:
                setup.stored = count_stored(setup)

    base = statistics.median(setups[0].rps)
    best_base = max(setups[0].rps)
    base_cpu = statistics.median(setups[0].cpu_us)
    print(
        f"\nevent-recording overhead: every request flagged, {len(BODY)}-byte chat body, POST, "
        f"c={args.connections}, {args.duration}s x {args.rounds} rounds, wrk, 127.0.0.1\n"
    )
    print(
        f"{'setup':<32}{'req/s':>7}{'best':>7}  {'runs':<44}{'vs (a)':>7}{'best/(a)':>9}"
        f"{'CPU µs/req':>11}{'firewall':>9}{'(a)/CPU':>8}{'flagged':>9}{'stored':>8}{'spilled':>8}"
        f"{'dropped':>8}{'errors':>7}"
    )
    for s in setups:
        runs = "/".join(f"{r:.0f}" for r in s.rps)
        stored = str(s.stored) if s.store else "-"
        cpu = statistics.median(s.cpu_us)
        print(
            f"{s.name:<32}{statistics.median(s.rps):>7.0f}{max(s.rps):>7.0f}  {runs:<44}"
            f"{statistics.median(s.rps) / base:>7.2f}{max(s.rps) / best_base:>9.2f}"
            f"{cpu:>11.0f}{statistics.median(s.proc_cpu_us):>9.0f}{base_cpu / cpu:>8.2f}"
            f"{s.flagged:>9}{stored:>8}{s.spilled:>8}{s.dropped:>8}{s.errors:>7}"
        )
    print(
        "\nreq/s: median of the rounds; best: the least disturbed round. CPU µs/req: the server"
        " process, plus every PostgreSQL process for (d) (firewall: the server process alone;"
        " PostgreSQL also serves other users of this machine); (a)/CPU: the throughput ratio that"
        " CPU cost implies on a saturated machine. (b) differs from (a) only by ~2 µs of"
        " metrics per request: its spread shows this machine's noise.\n"
    )
    for s in setups[2:]:
        ratio = statistics.median(s.rps) / base
        best = max(s.rps) / best_base
        cpu_ratio = base_cpu / statistics.median(s.cpu_us)
        lost = s.flagged - s.stored
        verdict = "ok" if ratio >= 0.9 else "BELOW TARGET"
        print(
            f"{s.name[:3]}/(a): throughput {ratio:.2f} (best {best:.2f}), CPU-implied"
            f" {cpu_ratio:.2f}; target >= 0.9: {verdict};  events lost: {lost}"
        )


if __name__ == "__main__":
    main()

"""Verdict API throughput and latency, against a bare Starlette endpoint in the same run.

Starts, one after another on 127.0.0.1 (uvicorn, one process each):

  (a) a bare Starlette endpoint: POST, reads the body, answers a constant JSON;
  (b) the verdict API (`POST /firewall/bench`, Bearer key, policies/default.yaml);
  (c) (b) with a per-key rate limit in memory (high enough never to refuse);
  (d) (b) with a per-key rate limit in Redis at 127.0.0.1:6379 (same limit);
  (e) the verdict API with a policy without evaluators: the API layer's own cost
      (keys, body, payload, answer) without the evaluation.

It also times ``Engine.evaluate`` for the same prompt in-process (one thread),
to show how much of (b)'s cost is the policy's evaluators rather than the API.

drives each with wrk (POST of a 1 KB prompt `{"prompt": ...}`, concurrency 32)
and prints verdicts/s, p50, p99, the server's CPU per request, and the ratio
the issue sets a target for: (b)/(a) >= 0.5.

Run:  .venv/bin/python bench/verdict_api.py [--duration 10] [--connections 32] [--only abcde]
Needs: wrk (Debian package `wrk`); Redis for (d).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import ROOT, Result, free_port, measure, start_module

sys.path.insert(0, str(ROOT))

from firewall_proxy.api.keys import KeyStore

POLICY = ROOT / "policies" / "default.yaml"

PROMPT = (
    "Hello! I am planning a trip to Lisbon next spring with my family and would like some "
    "help. We are two adults and two children aged 7 and 11. We enjoy museums, parks, good "
    "food and short walks, but we do not like very crowded places. Could you suggest a "
    "four-day itinerary with one or two main activities per day, a few restaurants that are "
    "friendly to children, and tips on getting around with public transport? We will stay "
    "near the city centre. Please also mention which days museums are usually closed, and "
    "whether we should book anything in advance. If there are nice day trips nearby, such "
    "as Sintra or Cascais, tell us how long they take and whether they are worth it with "
    "kids. Finally, what should we pack for the weather at that time of year? We would also "
    "like to know about any festivals or events happening in April and early May. We are "
    "also curious about local markets, the old trams and the best viewpoints at sunset, and "
    "whether a Lisboa Card is worth buying for a family of four. Thank you very much in advance!"
)
BODY = json.dumps({"prompt": PROMPT, "agent_prompt": "How can I help you today?"})

BARE_APP = """
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    ANSWER = {"id": "x", "status": True, "action": "pass", "fail_category": None,
              "explanation": "no finding", "confidence": 1.0, "findings": [],
              "latency_ms": 0.0}

    async def verdict(request: Request) -> JSONResponse:
        await request.body()
        return JSONResponse(ANSWER)

    app = Starlette(routes=[Route("/firewall/{project_id}", verdict, methods=["POST"])])
"""
API_APP = """
    from firewall_proxy.api import KeyStore, build_api_app
    from firewall_proxy.api.ratelimit import open_rate_limiter
    app = build_api_app({"bench": PROJECT_POLICY}, KeyStore(KEYS),
                        open_rate_limiter(STORE, prefix=PREFIX))
"""


def bench(
    name: str,
    proc: subprocess.Popen[bytes],
    port: int,
    key: str,
    args: argparse.Namespace,
    tmp: Path,
) -> Result:
    # wrk counts every non-2xx/3xx answer as an error: a 401, 406 or 429 would show
    # there, so a clean run proves every request got a passing verdict.
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}
    return measure(
        name,
        proc,
        f"http://127.0.0.1:{port}/firewall/bench",
        BODY,
        headers,
        args.duration,
        args.connections,
        tmp,
    )


def engine_cost_us(n: int = 500) -> float:
    """Mean time of ``Engine.evaluate`` on the bench prompt, after a warm-up."""
    import asyncio

    from firewall_proxy.api.payloads import prompt_payload
    from firewall_proxy.engine import Engine

    engine = Engine.from_file(POLICY)
    engine.load()
    body = BODY.encode()

    async def run(count: int) -> float:
        start = time.perf_counter()
        for _ in range(count):
            await engine.evaluate(prompt_payload(body, "application/json"), record=False)
        return time.perf_counter() - start

    asyncio.run(run(50))
    return asyncio.run(run(n)) / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--only", default="abcde", help="which setups to run, e.g. 'ab'")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench/verdict_api.py needs wrk: apt-get install wrk")
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        keys_file = tmp / "keys.db"
        store = KeyStore(keys_file)
        plain = store.create("bench").secret
        limited = store.create("bench", rate_limit="10000000/s").secret
        prefix = f"bench-fp-rl:{os.getpid()}:"
        empty = tmp / "empty.yaml"
        empty.write_text("version: 1\nname: no-evaluators\n")
        consts: dict[str, str | None] = {"KEYS": str(keys_file), "PREFIX": prefix}
        redis_url = "redis://127.0.0.1:6379/0"
        plans = [
            ("(a) bare Starlette endpoint", BARE_APP, POLICY, None, plain),
            ("(b) verdict API", API_APP, POLICY, None, plain),
            ("(c) (b) + rate limit, memory", API_APP, POLICY, None, limited),
            ("(d) (b) + rate limit, Redis", API_APP, POLICY, redis_url, limited),
            ("(e) verdict API, no evaluators", API_APP, empty, None, plain),
        ]
        for name, source, policy, store_url, key in plans:
            if name[1] not in args.only:
                continue
            port = free_port()
            extra = {"STORE": store_url, "PROJECT_POLICY": str(policy)}
            proc = start_module(source, port, tmp, {**consts, **extra})
            try:
                results.append(bench(name, proc, port, key, args, tmp))
            finally:
                proc.terminate()
                proc.wait(timeout=10)

    by = {r.name[:3]: r for r in results}
    print(
        f"\nverdict API: 1 KB prompt ({len(PROMPT)} chars, body {len(BODY)} bytes), POST, "
        f"c={args.connections}, {args.duration}s per run, wrk, 127.0.0.1, policy {POLICY.name}\n"
    )
    print(
        f"{'setup':<34}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'CPU µs/req':>12}"
        f"{'errors':>8}{'vs (a)':>8}"
    )
    for r in results:
        ratio = f"{r.rps / by['(a)'].rps:>8.2f}" if "(a)" in by else f"{'-':>8}"
        print(
            f"{r.name:<34}{r.rps:>10.0f}{r.p50_ms:>10.2f}{r.p99_ms:>10.2f}"
            f"{r.cpu_us:>12.0f}{r.errors:>8}{ratio}"
        )
    print(
        f"\nEngine.evaluate in-process, same prompt, {POLICY.name}: "
        f"{engine_cost_us():.0f} µs per verdict (one thread)"
    )
    if "(a)" in by and "(b)" in by:
        value = by["(b)"].rps / by["(a)"].rps
        status = "ok" if value >= 0.5 else "BELOW TARGET"
        print(
            f"{'(b)/(a)  verdict API vs bare endpoint':<40}{value:>6.2f}   target >= 0.5  {status}"
        )
    if "(a)" in by and "(e)" in by:
        print(
            f"{'(e)/(a)  API layer alone vs bare endpoint':<40}"
            f"{by['(e)'].rps / by['(a)'].rps:>6.2f}"
        )


if __name__ == "__main__":
    main()

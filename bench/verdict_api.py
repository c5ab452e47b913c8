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
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from firewall_proxy.api.keys import KeyStore  # noqa: E402 - after the path set-up

PY = sys.executable
CLK_TCK = os.sysconf("SC_CLK_TCK")
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


@dataclass
class Result:
    name: str
    rps: float
    p50_ms: float
    p99_ms: float
    cpu_us: float
    errors: int


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"server on port {port} did not start")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def start_module(
    source: str, port: int, tmp: Path, consts: dict[str, str | None]
) -> subprocess.Popen[bytes]:
    module = tmp / f"bench_api_{port}.py"
    header = "".join(f"{k} = {v!r}\n" for k, v in consts.items())
    module.write_text(header + textwrap.dedent(source))
    cmd = [
        PY,
        "-m",
        "uvicorn",
        f"{module.stem}:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
        "--app-dir",
        str(tmp),
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT)
    wait_port(port)
    return proc


def run_wrk(
    port: int, key: str, duration: int, connections: int, tmp: Path
) -> tuple[float, float, float, int, int]:
    script = tmp / "post.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        f"wrk.body = {json.dumps(BODY)}\n"
        'wrk.headers["Content-Type"] = "application/json"\n'
        f'wrk.headers["Authorization"] = "Bearer {key}"\n'
        "done = function(summary, latency, requests)\n"
        '  io.write(string.format("JSON %d %d %d %f %f\\n", summary.requests,\n'
        "    summary.errors.status + summary.errors.connect + summary.errors.read +\n"
        "    summary.errors.write + summary.errors.timeout, summary.duration,\n"
        "    latency:percentile(50), latency:percentile(99)))\n"
        "end\n"
    )
    url = f"http://127.0.0.1:{port}/firewall/bench"
    subprocess.run(
        ["wrk", "-t1", f"-c{connections}", "-d2s", "-s", str(script), url],
        capture_output=True,
        check=True,
    )  # warm-up: caches, JIT-free paths
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "-s", str(script), url],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("JSON "))
    _, reqs, errors, dur_us, p50, p99 = line.split()
    # errors include every non-2xx/3xx answer (wrk's errors.status): a 401, 406 or 429
    # would show there, so a clean run proves every request got a passing verdict.
    return (
        int(reqs) / (int(dur_us) / 1e6),
        float(p50) / 1000,
        float(p99) / 1000,
        int(reqs),
        int(errors),
    )


def measure(
    name: str,
    proc: subprocess.Popen[bytes],
    port: int,
    key: str,
    args: argparse.Namespace,
    tmp: Path,
) -> Result:
    before = cpu_seconds(proc.pid)
    rps, p50, p99, reqs, errors = run_wrk(port, key, args.duration, args.connections, tmp)
    used = cpu_seconds(proc.pid) - before
    total = reqs + rps * 2  # CPU covers the warm-up run too
    return Result(name, rps, p50, p99, used / total * 1e6, errors)


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
                results.append(measure(name, proc, port, key, args, tmp))
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

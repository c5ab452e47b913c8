"""HTTP overhead of the firewall, against baselines measured in the same run.

Starts, one after another on 127.0.0.1, each of:

  (a) the bare demo app (uvicorn, one process);
  (b) the demo app wrapped in FirewallMiddleware with policies/default.yaml;
  (c) a plain pass-through proxy on a default httpx.AsyncClient, in front of (a);
  (d) a plain pass-through proxy on aiohttp's client, in front of (a);
  (e) `firewall-proxy serve` with policies/default.yaml, in front of (a);

drives each with wrk (a fixed 1 KB OpenAI-style chat body, POST, concurrency 32),
and prints requests/s, p50, p99, the server's CPU per request, and the ratios
the core issue sets targets for: (b)/(a) >= 0.6, (e)/(c) >= 2.5, (e)/(d) >= 0.8.

Run:  .venv/bin/python bench/overhead.py [--duration 10] [--connections 32]
Needs: wrk (Debian package `wrk`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from harness import PY, ROOT, Result, free_port, measure, start_module, wait_port

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
    "like to know about any festivals or events happening in April. Thank you!"
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

PLAIN_PROXIES = {
    "httpx": """
        import httpx
        from starlette.applications import Starlette
        from starlette.requests import Request
        from starlette.responses import Response
        from starlette.routing import Route
        import contextlib

        client: httpx.AsyncClient

        @contextlib.asynccontextmanager
        async def lifespan(app):
            global client
            client = httpx.AsyncClient(base_url=UPSTREAM)
            yield
            await client.aclose()

        async def forward(request: Request) -> Response:
            r = await client.request(request.method, request.url.path,
                                     content=await request.body(),
                                     headers={"content-type": "application/json"})
            return Response(r.content, status_code=r.status_code,
                            media_type=r.headers.get("content-type"))

        app = Starlette(routes=[Route("/v1/chat/completions", forward, methods=["POST"])],
                        lifespan=lifespan)
    """,
    "aiohttp": """
        import aiohttp
        from starlette.applications import Starlette
        from starlette.requests import Request
        from starlette.responses import Response
        from starlette.routing import Route
        import contextlib

        session: aiohttp.ClientSession

        @contextlib.asynccontextmanager
        async def lifespan(app):
            global session
            session = aiohttp.ClientSession()
            yield
            await session.close()

        async def forward(request: Request) -> Response:
            async with session.request(request.method, UPSTREAM + request.url.path,
                                       data=await request.body(),
                                       headers={"content-type": "application/json"}) as r:
                body = await r.read()
                return Response(body, status_code=r.status, media_type=r.content_type)

        app = Starlette(routes=[Route("/v1/chat/completions", forward, methods=["POST"])],
                        lifespan=lifespan)
    """,
}

MIDDLEWARE_APP = """
    from firewall_proxy import FirewallMiddleware
    from firewall_proxy.demo import create_demo_app
    app = FirewallMiddleware(create_demo_app(), policy=POLICY)
"""
BARE_APP = """
    from firewall_proxy.demo import create_demo_app
    app = create_demo_app()
"""


def start_serve(upstream: str, port: int, policy: str) -> subprocess.Popen[bytes]:
    cmd = [
        PY,
        "-m",
        "firewall_proxy",
        "serve",
        "--upstream",
        upstream,
        "--port",
        str(port),
        "--policy",
        policy,
        "--events",
        "none",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.DEVNULL)
    wait_port(port)
    return proc


def bench(
    name: str, proc: subprocess.Popen[bytes], port: int, args: argparse.Namespace, tmp: Path
) -> Result:
    url = f"http://127.0.0.1:{port}/v1/chat/completions"
    return measure(
        name,
        proc,
        url,
        BODY,
        {"Content-Type": "application/json"},
        args.duration,
        args.connections,
        tmp,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--only", default="abcde", help="which setups to run, e.g. 'ab'")
    parser.add_argument(
        "--policy",
        type=Path,
        default=ROOT / "policies" / "default.yaml",
        help="policy for (b) and (e)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench/overhead.py needs wrk: apt-get install wrk")
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        policy = str(args.policy.resolve())
        up_port = free_port()
        upstream = start_module(BARE_APP, up_port, tmp, {})
        upstream_url = f"http://127.0.0.1:{up_port}"
        try:
            results.append(bench("(a) bare demo app", upstream, up_port, args, tmp))
            plans = [
                (
                    "(b) (a) + FirewallMiddleware",
                    lambda p: start_module(MIDDLEWARE_APP, p, tmp, {"POLICY": policy}),
                ),
                (
                    "(c) plain proxy, httpx",
                    lambda p: start_module(
                        PLAIN_PROXIES["httpx"], p, tmp, {"UPSTREAM": upstream_url}
                    ),
                ),
                (
                    "(d) plain proxy, aiohttp",
                    lambda p: start_module(
                        PLAIN_PROXIES["aiohttp"], p, tmp, {"UPSTREAM": upstream_url}
                    ),
                ),
                ("(e) firewall-proxy serve", lambda p: start_serve(upstream_url, p, policy)),
            ]
            for name, start in plans:
                if name[1] not in args.only:
                    continue
                port = free_port()
                proc = start(port)
                try:
                    results.append(bench(name, proc, port, args, tmp))
                finally:
                    proc.terminate()
                    proc.wait(timeout=10)
        finally:
            upstream.terminate()
            upstream.wait(timeout=10)

    by = {r.name[:3]: r for r in results}
    print(
        f"\nfirewall-proxy overhead: 1 KB chat body ({len(BODY)} bytes), POST, "
        f"c={args.connections}, {args.duration}s per run, wrk, 127.0.0.1, "
        f"policy {args.policy.name}\n"
    )
    print(
        f"{'setup':<32}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'CPU µs/req':>12}"
        f"{'errors':>8}{'vs (a)':>8}"
    )
    for r in results:
        print(
            f"{r.name:<32}{r.rps:>10.0f}{r.p50_ms:>10.2f}{r.p99_ms:>10.2f}{r.cpu_us:>12.0f}"
            f"{r.errors:>8}{r.rps / by['(a)'].rps:>8.2f}"
        )
    ratios = [
        ("(b)/(a)  middleware vs bare app", "(b)", "(a)", 0.6),
        ("(e)/(c)  serve vs httpx proxy", "(e)", "(c)", 2.5),
        ("(e)/(d)  serve vs aiohttp proxy", "(e)", "(d)", 0.8),
    ]
    print()
    for label, num, den, target in ratios:
        if num not in by or den not in by:
            continue
        value = by[num].rps / by[den].rps
        status = "ok" if value >= target else "BELOW TARGET"
        print(f"{label:<36}{value:>6.2f}   target >= {target:<4}  {status}")


if __name__ == "__main__":
    main()

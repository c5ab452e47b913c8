"""What the HTTP benchmarks share: servers in child processes on 127.0.0.1, wrk as
the load generator, and CPU time per request read from /proc (steadier than
requests/s on a shared machine). Imported by bench/overhead.py,
bench/verdict_api.py and bench/events.py, which run as scripts from bench/.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass
class Result:
    name: str
    rps: float
    p50_ms: float
    p99_ms: float
    cpu_us: float
    errors: int


@dataclass
class WrkRun:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
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


def scrape_metrics(port: int) -> dict[str, float]:
    """Every ``firewall_*`` series of a server's /metrics, summed over its labels."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as r:
        text = r.read().decode()
    out: dict[str, float] = {}
    for line in text.splitlines():
        m = re.match(r"^(firewall_[a-z_]+)(\{[^}]*\})? (\S+)$", line)
        if m:
            out[m.group(1)] = out.get(m.group(1), 0.0) + float(m.group(3))
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def start_module(
    source: str, port: int, tmp: Path, consts: dict[str, object]
) -> subprocess.Popen[bytes]:
    """Write ``source`` (defining ``app``) as a module with ``consts`` prepended and
    serve it with uvicorn in a child process."""
    module = tmp / f"bench_app_{port}.py"
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
    url: str,
    body: str,
    headers: dict[str, str],
    duration: int,
    connections: int,
    tmp: Path,
    *,
    warmup: int = 2,
) -> WrkRun:
    """POST ``body`` to ``url`` with wrk (a warm-up run first) and parse its summary.

    wrk counts every non-2xx/3xx answer in ``errors``.
    """
    script = tmp / "post.lua"
    lines = ['wrk.method = "POST"', f"wrk.body = {json.dumps(body)}"]
    lines += [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()]
    lines += [
        "done = function(summary, latency, requests)",
        '  io.write(string.format("JSON %d %d %d %f %f\\n", summary.requests,',
        "    summary.errors.status + summary.errors.connect + summary.errors.read +",
        "    summary.errors.write + summary.errors.timeout, summary.duration,",
        "    latency:percentile(50), latency:percentile(99)))",
        "end",
    ]
    script.write_text("\n".join(lines) + "\n")
    if warmup:
        subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{warmup}s", "-s", str(script), url],
            capture_output=True,
            check=True,
        )
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "-s", str(script), url],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("JSON "))
    _, reqs, errors, dur_us, p50, p99 = line.split()
    return WrkRun(
        int(reqs) / (int(dur_us) / 1e6),
        float(p50) / 1000,
        float(p99) / 1000,
        int(reqs),
        int(errors),
    )


def measure(
    name: str,
    proc: subprocess.Popen[bytes],
    url: str,
    body: str,
    headers: dict[str, str],
    duration: int,
    connections: int,
    tmp: Path,
    *,
    warmup: int = 2,
) -> Result:
    """One wrk run against ``proc``'s server, with the server's CPU per request."""
    before = cpu_seconds(proc.pid)
    run = run_wrk(url, body, headers, duration, connections, tmp, warmup=warmup)
    used = cpu_seconds(proc.pid) - before
    # CPU covers the warm-up too: divide by the requests served in both runs.
    total = run.requests + run.rps * warmup
    return Result(name, run.rps, run.p50_ms, run.p99_ms, used / total * 1e6, run.errors)


def print_results(results: list[Result]) -> None:
    base = results[0].rps
    print(
        f"{'setup':<38}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'CPU µs/req':>12}"
        f"{'errors':>8}{'vs first':>10}"
    )
    for r in results:
        print(
            f"{r.name:<38}{r.rps:>10.0f}{r.p50_ms:>10.2f}{r.p99_ms:>10.2f}{r.cpu_us:>12.0f}"
            f"{r.errors:>8}{r.rps / base:>10.2f}"
        )

"""Load and soak: the highest sustainable rate, held for ``--duration`` seconds, with
nothing failing, leaking or lost.

Starts, on 127.0.0.1 only: the demo AI app (uvicorn; chat with SSE streaming,
Anthropic messages, an image classifier), ``firewall-proxy serve`` in front of
it with bench/policies/soak.yaml (the default prompt chain, PII imputation, the
image-classifier chain) and SQLite events in a temporary directory, and the
load generator (bench/soak_load.py, ``--workers`` processes). The traffic mix
cycles through benign chat, streamed chat, Anthropic messages, attacks (blocked
or flagged), obfuscated prompts, PII (imputed), malformed bodies (400), clean,
dark and corrupt JPEGs (generated with Pillow in-process: no data set is read)
and an uninspected route.

Phase 1 (``--ramp-seconds``, default 30): an open-loop rate search. Steps of
``--step-seconds`` at a fixed rate, doubling from ``--start-rate`` until a step
degrades, then bisecting. A step holds when no answer is a 5xx or a transport
error and the p99 latency of non-streaming requests, counted from when each
request was due, stays within ``--p99-ms``. Open loop rather than a closed-loop
concurrency sweep: a fixed arrival rate is what production traffic looks like,
and it makes queueing show up as latency instead of as a quietly lower rate.
Phase 2 then runs at ``--margin`` (0.8) times the best rate that held: at the
knee itself, ten minutes on a shared machine would measure its neighbours' noise.

Phase 2 (``--duration``, default 600 s, including a ``--warmup``): every answer's
status, action and event id is recorded; latency p50/p99/max; the server's
resident memory (VmRSS, sampled every few seconds: start after warm-up vs end,
growth <= 10%); its open file descriptors, counted idle before and after (the
upstream pool's idle keep-alive connections are listed apart: they are bounded
by ``--pool-size`` and close after 30 s); and, after a graceful shutdown (the
event writer flushes), the event ids in the SQLite store against the ids of
every non-passing answer (``X-Firewall-Event-Id``, phases 1 and 2): equal sets.
The load generator's CPU and how late it fired are printed next to the
server's, so a client that cannot keep up is seen.

Prints a table and exits 1 if any criterion fails: a 5xx, a transport error or
truncated stream, an imputed answer echoing the raw value, memory growth over
``--max-rss-growth`` %, more idle fds at the end, an event missing or extra,
a raw PII value in a stored event, an error in the server's log, or an unclean
server exit.

Run:   .venv/bin/python bench/soak.py [--duration 600] [--rate R] [--workers 1]
Short: .venv/bin/python bench/soak.py --duration 30 --ramp-seconds 15
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import selectors
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from harness import PY, ROOT, cpu_seconds, free_port, scrape_metrics, start_module, wait_port
from soak_load import PII, STREAM_KINDS, pct

BENCH = Path(__file__).resolve().parent
UPSTREAM_APP = """
    from firewall_proxy.demo import create_demo_app
    app = create_demo_app(stream_delay=STREAM_DELAY)
"""
# Server log lines that mean something went wrong (never printed unless one appears).
LOG_PROBLEM = re.compile(r"Traceback|^ERROR|Unclosed|never retrieved|write failed|Exception")


@dataclass
class Step:
    """What the load generators saw during one step, merged over the workers."""

    rate: float
    duration: float
    sent: Counter[str] = field(default_factory=Counter)
    status: dict[str, Counter[int]] = field(default_factory=dict)
    action: dict[str, Counter[str]] = field(default_factory=dict)
    errors: dict[str, Counter[str]] = field(default_factory=dict)
    latency: dict[str, list[float]] = field(default_factory=dict)
    raw_forwarded: int = 0
    wall_s: float = 0.0
    client_cpu: list[float] = field(default_factory=list)  # per worker, share of one core
    lag_p99_ms: float = 0.0
    lag_max_ms: float = 0.0

    def add(self, reply: dict[str, Any]) -> None:
        for kind, k in reply["kinds"].items():
            self.sent[kind] += k["sent"]
            self.status.setdefault(kind, Counter()).update(
                {int(s): n for s, n in k["status"].items()}
            )
            self.action.setdefault(kind, Counter()).update(k["action"])
            self.errors.setdefault(kind, Counter()).update(k["errors"])
            self.latency.setdefault(kind, []).extend(k["latency_ms"])
            self.raw_forwarded += k["raw_forwarded"]
        self.wall_s = max(self.wall_s, reply["wall_s"])
        self.client_cpu.append(reply["cpu_s"] / reply["wall_s"])
        self.lag_p99_ms = max(self.lag_p99_ms, reply["lag_p99_ms"])
        self.lag_max_ms = max(self.lag_max_ms, reply["lag_max_ms"])

    def statuses(self) -> Counter[int]:
        return sum(self.status.values(), Counter())

    def fivexx(self) -> int:
        return sum(n for s, n in self.statuses().items() if s >= 500)

    def transport_errors(self) -> int:
        return sum(sum(c.values()) for c in self.errors.values())

    def latencies(self) -> list[float]:
        """Every non-streaming latency, sorted (a stream's length is the demo app's choice)."""
        return sorted(x for k, v in self.latency.items() if k not in STREAM_KINDS for x in v)


class Load:
    """The load generator processes, driven over their stdin/stdout line protocol."""

    def __init__(self, workers: int, target: str, tmp: Path) -> None:
        self.events_files = [tmp / f"answers-{i}.txt" for i in range(workers)]
        self.procs = [
            subprocess.Popen(
                [PY, str(BENCH / "soak_load.py"), "--target", target, "--index", str(i),
                 "--workers", str(workers), "--events-file", str(self.events_files[i])],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=BENCH,
            )
            for i in range(workers)
        ]  # fmt: skip
        self._exchange(None)  # {"ready": true} from each: images generated, ready to send

    def _exchange(
        self,
        command: dict[str, Any] | None,
        on_window: Callable[[dict[str, Any]], None] | None = None,
    ) -> list[dict[str, Any]]:
        """Send ``command`` to every worker and collect their replies; window lines that
        arrive meanwhile are merged over the workers and passed to ``on_window``.

        The workers' pipes are read together (a worker blocked on a full pipe would
        stop sending load), through raw ``os.read`` so no line waits in a buffer.
        """
        for p in self.procs:
            assert p.stdin is not None
            if command is not None:
                p.stdin.write(json.dumps(command).encode() + b"\n")
                p.stdin.flush()
        replies: dict[int, dict[str, Any]] = {}
        buffers: dict[int, bytes] = {}
        windows: dict[int, list[dict[str, Any]]] = {}
        with selectors.DefaultSelector() as sel:
            for i, p in enumerate(self.procs):
                assert p.stdout is not None
                sel.register(p.stdout.fileno(), selectors.EVENT_READ, i)
                buffers[i] = b""
            while len(replies) < len(self.procs):
                for key, _ in sel.select():
                    i = key.data
                    chunk = os.read(key.fd, 1 << 20)
                    if not chunk:
                        code = self.procs[i].wait()
                        raise RuntimeError(f"load generator {i} exited (code {code})")
                    buffers[i] += chunk
                    while b"\n" in buffers[i] and i not in replies:
                        line, buffers[i] = buffers[i].split(b"\n", 1)
                        message: dict[str, Any] = json.loads(line)
                        if "window" not in message:
                            replies[i] = message
                            sel.unregister(key.fd)
                            continue
                        same = windows.setdefault(message["window"], [])
                        same.append(message)
                        if len(same) == len(self.procs) and on_window is not None:
                            on_window(merge_windows(windows.pop(message["window"])))
        return [replies[i] for i in range(len(self.procs))]

    def step(
        self,
        rate: float,
        duration: float,
        every: float = 0.0,
        on_window: Callable[[dict[str, Any]], None] | None = None,
    ) -> Step:
        step = Step(rate, duration)
        command = {"rate": rate, "duration": duration, "every": every}
        for reply in self._exchange(command, on_window):
            step.add(reply)
        return step

    def close(self) -> None:
        """Close every client connection (before counting the server's idle fds)."""
        self._exchange({"close": True})

    def quit(self) -> None:
        for p in self.procs:
            assert p.stdin is not None
            with contextlib.suppress(BrokenPipeError):  # a worker that already exited
                p.stdin.write(b'{"quit": true}\n')
                p.stdin.close()
        for p in self.procs:
            p.wait(timeout=30)


def merge_windows(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One progress window over the workers (percentiles: the worst worker's)."""
    return {
        "t": max(p["t"] for p in parts),
        "answered": sum(p["answered"] for p in parts),
        "p50": max(p["p50"] for p in parts),
        "p99": max(p["p99"] for p in parts),
        "bad": sum(p["bad"] for p in parts),
    }


# -- the server process, seen from /proc ------------------------------------------------


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (uvicorn's workers with ``--serve-workers`` > 1)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def rss_kib(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def fd_census(pids: list[int], upstream_port: int) -> tuple[int, int]:
    """(open fds, of which TCP connections to the upstream) over ``pids``."""
    to_upstream: set[int] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            parts = line.split()
            if int(parts[2].rsplit(":", 1)[1], 16) == upstream_port:
                to_upstream.add(int(parts[9]))
    total = pooled = 0
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            total += 1
            try:
                target = fd.readlink().name
            except OSError:
                continue
            if target.startswith("socket:[") and int(target[8:-1]) in to_upstream:
                pooled += 1
    return total, pooled


def idle_fds(pids: list[int], upstream_port: int) -> tuple[int, int]:
    """The fd census once the count has stopped moving (the client has just disconnected)."""
    last, same, deadline = fd_census(pids, upstream_port), 0, time.monotonic() + 5
    while same < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
        now = fd_census(pids, upstream_port)
        same = same + 1 if now == last else 0
        last = now
    return last


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [float(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


@dataclass
class Sample:
    t: float
    rss_kib: int
    fds: int


class Sampler(threading.Thread):
    """Samples the server's memory and fds every ``interval`` seconds during phase 2."""

    def __init__(self, pid: int, upstream_port: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.upstream_port, self.interval = pid, upstream_port, interval
        self.samples: list[Sample] = []
        self.stop = threading.Event()

    def run(self) -> None:
        start = time.monotonic()
        while not self.stop.is_set():
            pids = process_tree(self.pid)
            try:
                fds, _ = fd_census(pids, self.upstream_port)
                self.samples.append(Sample(time.monotonic() - start, rss_kib(pids), fds))
            except OSError:
                return  # the server is gone: run() reports it
            self.stop.wait(self.interval)


def tree_cpu(pid: int) -> float:
    """CPU seconds used by ``pid`` and its descendants."""
    total = 0.0
    for p in process_tree(pid):
        try:
            total += cpu_seconds(p)
        except OSError:
            continue  # exited meanwhile
    return total


# -- phases ---------------------------------------------------------------------------


def judge(step: Step, args: argparse.Namespace) -> tuple[str, str]:
    """'ok', 'over' (the server did not hold the rate) or 'client' (the generator is the limit)."""
    if max(step.client_cpu) > 0.85:
        return "client", f"a load generator used {max(step.client_cpu):.0%} of a core"
    if step.fivexx() or step.transport_errors():
        return "over", f"{step.fivexx()} 5xx, {step.transport_errors()} transport errors"
    p99 = pct(step.latencies(), 99)
    if p99 > args.p99_ms:
        return "over", f"p99 {p99:.0f} ms > {args.p99_ms:.0f} ms"
    return "ok", ""


def ramp(load: Load, server: int, args: argparse.Namespace) -> float:
    """Phase 1: the best rate that held (doubling, then bisecting)."""
    load.step(args.start_rate, 1.0)  # warm-up, not judged: first connections, first images
    print(
        f"phase 1: rate search, {args.step_seconds:.0f} s steps, holds while p99 <="
        f" {args.p99_ms:.0f} ms and no 5xx/transport error"
    )
    print(f"  {'req/s':>7}{'p50 ms':>9}{'p99 ms':>9}{'server CPU':>12}{'client CPU':>12}  verdict")
    good: float | None = None
    bad: float | None = None
    rate = float(args.start_rate)
    deadline = time.monotonic() + args.ramp_seconds
    while time.monotonic() + args.step_seconds <= deadline:
        cpu0 = tree_cpu(server)
        step = load.step(rate, args.step_seconds)
        server_cpu = (tree_cpu(server) - cpu0) / step.wall_s
        verdict, why = judge(step, args)
        lat = step.latencies()
        print(
            f"  {rate:>7.0f}{pct(lat, 50):>9.1f}{pct(lat, 99):>9.1f}{server_cpu:>12.0%}"
            f"{sum(step.client_cpu):>12.0%}  {verdict} {why}",
            flush=True,
        )
        if verdict == "client":
            print("  the load generator is the limit: rerun with more --workers")
            break
        if verdict == "ok":
            good = max(good or 0.0, rate)
        else:
            bad = min(bad or rate, rate)
        if bad is None:
            rate *= 2
        elif good is None:
            rate /= 2
        elif bad / good <= 1.1:
            break
        else:
            rate = (good + bad) / 2
    if good is None:
        sys.exit(f"no rate from {rate:.0f} req/s up held within the ramp: see the steps above")
    if bad is None:
        print("  (every step held: the ramp ran out of time first; raise --ramp-seconds)")
    return good


@dataclass
class Check:
    name: str
    value: str
    target: str
    ok: bool | None  # None: recorded, not a criterion


def stored_events(db: Path) -> tuple[list[str], int]:
    """The ids in the event store, and how many events hold one of the mix's raw PII values
    (the soak policy keeps redacted excerpts: there must be none)."""
    secrets = [secret for _, secret in PII]
    with contextlib.closing(sqlite3.connect(db)) as conn:
        rows = conn.execute("SELECT id, body FROM fp_events").fetchall()
    return [r[0] for r in rows], sum(1 for r in rows if any(x in r[1] for x in secrets))


def answered_ids(files: list[Path]) -> list[str]:
    return [line.split()[0] for f in files for line in f.read_text().splitlines() if line]


def start_serve(
    args: argparse.Namespace, upstream: str, port: int, tmp: Path
) -> subprocess.Popen[bytes]:
    log: IO[bytes] = (tmp / "serve.log").open("wb")
    cmd = [
        PY, "-m", "firewall_proxy", "serve", "--upstream", upstream, "--port", str(port),
        "--policy", str(args.policy), "--events", f"sqlite:///{tmp / 'events.db'}",
        "--keys-file", str(tmp / "keys.db"), "--workers", str(args.serve_workers),
        "--pool-size", str(args.pool_size),
    ]  # fmt: skip
    # cwd: the policy names its image rules file relative to the repository root.
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            wait_port(port, timeout=0.5)
            return proc
        except RuntimeError:
            continue
    stop(proc)
    sys.exit("firewall-proxy serve did not start:\n" + (tmp / "serve.log").read_text())


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End a child this bench started (if it is still running)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="fp-soak-") as tmpdir, contextlib.ExitStack() as stack:
        tmp = Path(tmpdir)
        up_port, port = free_port(), free_port()
        upstream = start_module(UPSTREAM_APP, up_port, tmp, {"STREAM_DELAY": args.stream_delay})
        stack.callback(stop, upstream)
        server = start_serve(args, f"http://127.0.0.1:{up_port}", port, tmp)
        stack.callback(stop, server)  # normally already ended by run(), gracefully
        load = Load(args.workers, f"http://127.0.0.1:{port}", tmp)
        stack.callback(load.quit)
        checks, step, note = run(args, load, server, upstream, port, up_port, tmp)
    print_table(args, checks, step, note)
    sys.exit(0 if all(c.ok is not False for c in checks) else 1)


def run(
    args: argparse.Namespace,
    load: Load,
    server: subprocess.Popen[bytes],
    upstream: subprocess.Popen[bytes],
    port: int,
    up_port: int,
    tmp: Path,
) -> tuple[list[Check], Step, str]:
    if args.rate:
        load.step(min(args.rate, 20.0), 1.0)  # warm-up
        rate = float(args.rate)
    else:
        best = ramp(load, server.pid, args)
        rate = round(best * args.margin, 1)
        print(f"phase 1: {best:.0f} req/s held; phase 2 runs at {args.margin} x = {rate:.0f}")
    pids = process_tree(server.pid)
    load.close()
    fds_start = idle_fds(pids, up_port)
    warmup = args.warmup if args.warmup is not None else min(60.0, max(1.0, args.duration / 10))
    interval = min(2.0, max(0.25, args.duration / 40))
    print(
        f"phase 2: {args.duration:.0f} s at {rate:.0f} req/s (warm-up {warmup:.0f} s)", flush=True
    )
    sampler = Sampler(server.pid, up_port, interval)
    cpu0 = [tree_cpu(server.pid), cpu_seconds(upstream.pid), *machine_busy()]
    last = [0.0, cpu0[0]]  # end of the previous window: seconds, server CPU

    def progress(window: dict[str, Any]) -> None:
        cpu, span = tree_cpu(server.pid), max(window["t"] - last[0], 1e-9)
        sample = sampler.samples[-1]
        print(
            f"  [{window['t']:5.0f} s] {window['answered'] / span:5.0f} answers/s, p50"
            f" {window['p50']:6.1f} ms, p99 {window['p99']:7.1f} ms, 5xx+errors {window['bad']},"
            f" server CPU {(cpu - last[1]) / span:4.0%}, RSS {sample.rss_kib / 1024:.1f} MiB,"
            f" fds {sample.fds}",
            flush=True,
        )
        last[:] = [window["t"], cpu]

    sampler.start()
    step = load.step(rate, args.duration, args.progress, progress)
    sampler.stop.set()
    sampler.join()
    if server.poll() is not None:
        sys.exit(f"the server exited during the soak (code {server.returncode}):\n"
                 + (tmp / "serve.log").read_text()[-4000:])  # fmt: skip
    cpu1 = [tree_cpu(server.pid), cpu_seconds(upstream.pid), *machine_busy()]
    load.close()
    fds_end = idle_fds(process_tree(server.pid), up_port)
    metrics = scrape_metrics(port)
    server.send_signal(signal.SIGINT)  # graceful: the event writer flushes into the store
    try:
        exit_code: int | None = server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        exit_code = None
    log_problems = [
        line for line in (tmp / "serve.log").read_text().splitlines() if LOG_PROBLEM.search(line)
    ]
    for line in log_problems[:5]:
        print(f"  server log: {line[:200]}")

    after = [s for s in sampler.samples if s.t >= warmup] or sampler.samples
    rss_start = statistics.median(s.rss_kib for s in after[:3]) / 1024
    rss_end = statistics.median(s.rss_kib for s in after[-3:]) / 1024
    growth = (rss_end - rss_start) / rss_start * 100
    expected = answered_ids(load.events_files)
    stored, raw_pii = stored_events(tmp / "events.db")
    missing = set(expected) - set(stored)
    extra = set(stored) - set(expected)
    statuses = step.statuses()
    lat = step.latencies()
    wall = step.wall_s
    checks = [
        Check(
            "requests answered",
            f"{sum(statuses.values())} of {sum(step.sent.values())} sent, "
            f"{sum(statuses.values()) / wall:.0f}/s over {wall:.0f} s",
            f"rate {rate:.0f}/s",
            None,
        ),
        Check("by status", " ".join(f"{s}:{n}" for s, n in sorted(statuses.items())), "", None),
        Check("5xx", str(step.fivexx()), "0", step.fivexx() == 0),
        Check(
            "transport errors, cut streams",
            str(step.transport_errors()),
            "0",
            step.transport_errors() == 0,
        ),
        Check("imputed but echoed raw", str(step.raw_forwarded), "0", step.raw_forwarded == 0),
        Check(
            "latency p50 / p99 / max",
            f"{pct(lat, 50):.1f} / {pct(lat, 99):.1f} / {max(lat, default=0):.1f} ms",
            f"(p99 budget {args.p99_ms:.0f} ms)",
            None,
        ),
        Check(
            "server RSS start / end",
            f"{rss_start:.1f} / {rss_end:.1f} MiB ({growth:+.1f}%), "
            f"max {max(s.rss_kib for s in sampler.samples) / 1024:.1f}",
            f"<= +{args.max_rss_growth:.0f}%",
            growth <= args.max_rss_growth,
        ),
        Check(
            "open fds start / end (idle)",
            f"{fds_start[0] - fds_start[1]} / {fds_end[0] - fds_end[1]} "
            f"(+{fds_start[1]} / +{fds_end[1]} pooled upstream), "
            f"max {max(s.fds for s in sampler.samples)} under load",
            "end <= start",
            fds_end[0] - fds_end[1] <= fds_start[0] - fds_start[1],
        ),
        Check(
            "events expected / stored",
            f"{len(set(expected))} / {len(stored)} (missing {len(missing)}, extra {len(extra)},"
            f" spilled {metrics.get('firewall_events_spilled_total', 0):.0f},"
            f" dropped {metrics.get('firewall_events_dropped_total', 0):.0f})",
            "equal",
            not missing and not extra and len(stored) == len(set(expected)) == len(expected),
        ),
        Check("events holding raw PII", str(raw_pii), "0", raw_pii == 0),
        Check("server log errors", str(len(log_problems)), "0", not log_problems),
        Check("server exit after SIGINT", str(exit_code), "0", exit_code == 0),
    ]
    span = max(wall, 1e-9)
    busy = (cpu1[2] - cpu0[2]) / max(cpu1[3] - cpu0[3], 1e-9) * cpu_count()
    note = (
        f"CPU in phase 2 (share of one core): server {(cpu1[0] - cpu0[0]) / span:.0%}, upstream"
        f" {(cpu1[1] - cpu0[1]) / span:.0%}, load generator {sum(step.client_cpu):.0%} (it fired"
        f" late by p99 {step.lag_p99_ms:.1f} ms, max {step.lag_max_ms:.0f} ms), whole machine"
        f" {busy:.0%} of {cpu_count() * 100}%"
    )
    return checks, step, note


def cpu_count() -> int:
    return sum(
        1 for line in Path("/proc/stat").read_text().splitlines() if re.match(r"cpu\d", line)
    )


def print_table(args: argparse.Namespace, checks: list[Check], step: Step, note: str) -> None:
    print(
        f"\nsoak: {step.duration:.0f} s at {step.rate:.0f} req/s, {args.workers} load generator(s),"
        f" {args.serve_workers} server worker(s), policy {args.policy.name}, 127.0.0.1\n"
    )
    print(f"{'criterion':<32}{'value':<76}{'target':<22}result")
    for c in checks:
        result = "-" if c.ok is None else ("ok" if c.ok else "FAIL")
        print(f"{c.name:<32}{c.value:<76}{c.target:<22}{result}")
    print(
        f"\n{'kind':<16}{'sent':>8}{'2xx':>8}{'4xx':>7}{'5xx':>5}{'err':>5}"
        f"{'pass':>8}{'flag':>7}{'impute':>7}{'block':>7}{'p50 ms':>8}{'p99 ms':>8}{'max ms':>8}"
    )
    for kind in sorted(step.sent, key=lambda k: -step.sent[k]):
        st, ac, lat = step.status[kind], step.action[kind], sorted(step.latency[kind])
        by = {c: sum(n for s, n in st.items() if s // 100 == c) for c in (2, 4, 5)}
        print(
            f"{kind:<16}{step.sent[kind]:>8}{by[2]:>8}{by[4]:>7}{by[5]:>5}"
            f"{sum(step.errors[kind].values()):>5}{ac['pass']:>8}{ac['flag']:>7}"
            f"{ac['impute']:>7}{ac['block']:>7}{pct(lat, 50):>8.1f}{pct(lat, 99):>8.1f}"
            f"{max(lat, default=0):>8.1f}"
        )
    print(f"\n{note}")
    failed = [c.name for c in checks if c.ok is False]
    print(f"\nresult: {'FAIL: ' + ', '.join(failed) if failed else 'all criteria met'}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=600.0, help="phase 2 seconds")
    parser.add_argument("--warmup", type=float, help="seconds before the memory baseline "
                        "(default: 10%% of --duration, 1 to 60)")  # fmt: skip
    parser.add_argument("--rate", type=float, help="phase 2 rate: skips phase 1")
    parser.add_argument("--ramp-seconds", type=float, default=30.0)
    parser.add_argument("--step-seconds", type=float, default=3.0)
    parser.add_argument("--start-rate", type=float, default=50.0)
    parser.add_argument("--p99-ms", type=float, default=100.0, help="a ramp step holds below")
    parser.add_argument("--margin", type=float, default=0.8, help="phase 2 rate / best rate")
    parser.add_argument("--workers", type=int, default=1, help="load generator processes")
    parser.add_argument("--serve-workers", type=int, default=1)
    parser.add_argument("--pool-size", type=int, default=100, help="upstream connections")
    parser.add_argument("--stream-delay", type=float, default=0.01,
                        help="the demo app's pause between streamed words (s)")  # fmt: skip
    parser.add_argument("--max-rss-growth", type=float, default=10.0, help="percent")
    parser.add_argument("--progress", type=float, default=60.0, help="seconds between lines")
    parser.add_argument("--policy", type=Path, default=BENCH / "policies" / "soak.yaml")
    args = parser.parse_args()
    args.policy = args.policy.resolve()
    return args


if __name__ == "__main__":
    main()

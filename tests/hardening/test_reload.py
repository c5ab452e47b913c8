"""Policy hot reload: a changed file or SIGHUP takes effect without a restart and without
dropping a request; a broken file leaves the old policy in force, logged and exported."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from firewall_proxy import MemorySink
from firewall_proxy._exceptions import PolicyError
from firewall_proxy.api import KeyStore
from firewall_proxy.enforce.middleware import FirewallMiddleware
from firewall_proxy.evaluate.base import EvalContext, Evaluator, EvaluatorOptions
from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Action, Finding
from firewall_proxy.policy.loader import load_policy_text
from firewall_proxy.reload import EngineSlot
from firewall_proxy.server import ServerConfig, build_app
from tests.hardening.recording import RecordingUpstream, chat, until
from tests.live import free_port, live_server


def policy(name: str, word: str, *, status: int = 403, evaluators: str = "") -> str:
    """A policy that blocks ``word`` with ``status`` and a message naming the policy."""
    return f"""version: 1
name: {name}
mode: enforce
routes:
  - {{path: /v1/chat/completions, extractor: openai_chat}}
evaluators:
  - name: banned_patterns
    options:
      patterns: [{{name: w, literal: "{word}", category: injection, score: 1.0}}]
{evaluators}rules:
  - {{category: injection, action: block}}
block_response: {{status: {status}, message: "blocked by {name}"}}
"""


def write_atomically(path: Path, text: str) -> None:
    """How an operator (or a config tool) should replace a policy file."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def metric(base: str, line_start: str) -> float:
    for line in httpx.get(base + "/metrics", timeout=10).text.splitlines():
        if line.startswith(line_start):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"no metric {line_start}")


RELOADS_OK = 'firewall_policy_reloads_total{scope="proxy",project="default",result="ok"}'
RELOADS_ERROR = 'firewall_policy_reloads_total{scope="proxy",project="default",result="error"}'
LAST_OK = 'firewall_policy_last_reload_success{scope="proxy",project="default"}'


@pytest.fixture
def upstream() -> Iterator[tuple[str, RecordingUpstream]]:
    app = RecordingUpstream()
    with live_server(app) as url:
        yield url, app


@contextmanager
def proxy(upstream: str, policy_file: Path, interval: float = 0.05) -> Iterator[str]:
    config = ServerConfig(
        upstream=upstream,
        policy=str(policy_file),
        keys_file=str(policy_file.with_name("keys.db")),
        policy_reload_interval=interval,
    )
    with live_server(build_app(config, events=MemorySink()), proxy_headers=False) as url:
        yield url


class CannotLoadOptions(EvaluatorOptions):
    model: str = "missing.bin"


class CannotLoad(Evaluator):
    """An evaluator whose model file is missing: fails in ``load``, as a broken deploy would."""

    name = "cannot_load"
    Options = CannotLoadOptions

    def load(self) -> None:
        assert isinstance(self.options, CannotLoadOptions)
        raise FileNotFoundError(f"model file not found: {self.options.model}")

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        return []


class Tracked(Evaluator):
    """Records whether it was loaded and closed (an LLM judge's HTTP client, say)."""

    name = "tracked"

    def __init__(self, options: EvaluatorOptions | None = None) -> None:
        super().__init__(options)
        self.loaded = False
        self.closed = False

    def load(self) -> None:
        self.loaded = True

    async def aclose(self) -> None:
        self.closed = True

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        assert self.loaded and not self.closed, "evaluated before load or after close"
        return []


TRACKED = '  - name: "tests.hardening.test_reload:Tracked"\n'


# -- through the proxy ------------------------------------------------------------------


def test_a_changed_policy_file_takes_effect_without_a_restart(
    upstream: tuple[str, RecordingUpstream], tmp_path: Path
) -> None:
    url, _ = upstream
    file = tmp_path / "p.yaml"
    file.write_text(policy("first", "alpha"))
    with proxy(url, file) as base:
        assert chat(base, "alpha").status_code == 403
        assert chat(base, "beta").status_code == 200
        before = httpx.get(base + "/firewall/health").json()["policies"][0]
        file.write_text(policy("second", "beta"))  # edited in place, as an editor does
        until(lambda: chat(base, "beta").status_code == 403)
        assert chat(base, "alpha").status_code == 200
        after = httpx.get(base + "/firewall/health").json()["policies"][0]
        assert metric(base, RELOADS_OK) == 1 and metric(base, LAST_OK) == 1
        info = httpx.get(base + "/metrics").text
    assert (before["name"], after["name"]) == ("first", "second")
    assert before["hash"] != after["hash"] and after["last_reload_error"] is None
    assert f'name="second",hash="{after["hash"]}"}} 1' in info


CANNOT_LOAD = '  - name: "tests.hardening.test_reload:CannotLoad"\n'
# kind -> (the broken file, where the error points, what it says)
BROKEN: dict[str, tuple[str, str, str]] = {
    "yaml": (policy("second", "beta") + "rules: [\n", ":14: ", "not valid YAML"),
    "field": (
        policy("second", "beta").replace("mode: enforce", "mode: enforced"),
        ":3: mode: ",
        "'enforce' or 'shadow'",
    ),
    "evaluator": (
        policy("second", "beta").replace("banned_patterns", "no_such_evaluator"),
        ":7: evaluators[0].name: ",
        "no_such_evaluator",
    ),
    "load": (
        policy("second", "beta", evaluators=CANNOT_LOAD),
        ":6: evaluators: failed to load: ",
        "FileNotFoundError: model file not found: missing.bin",
    ),
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_broken_policy_file_keeps_the_old_policy_in_force(
    upstream: tuple[str, RecordingUpstream],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    kind: str,
) -> None:
    url, recorded = upstream
    broken, where, what = BROKEN[kind]
    file = tmp_path / "p.yaml"
    file.write_text(policy("first", "alpha"))
    with proxy(url, file) as base:
        assert chat(base, "alpha SECRET-PAYLOAD-1").status_code == 403
        write_atomically(file, broken)
        until(lambda: metric(base, RELOADS_ERROR) == 1)
        # The old policy decides, unchanged.
        assert chat(base, "alpha SECRET-PAYLOAD-2").status_code == 403
        assert chat(base, "beta").status_code == 200
        assert metric(base, LAST_OK) == 0 and metric(base, RELOADS_OK) == 0
        health = httpx.get(base + "/firewall/health")
        # Fixing the file brings the new policy in and clears the error.
        write_atomically(file, policy("second", "beta"))
        until(lambda: metric(base, RELOADS_OK) == 1)
        assert chat(base, "beta").status_code == 403
        assert metric(base, LAST_OK) == 1
        healed = httpx.get(base + "/firewall/health").json()["policies"][0]
    state = health.json()["policies"][0]
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert state["name"] == "first" and state["last_reload_ok"] is False
    assert f"{file}{where}" in state["last_reload_error"] and what in state["last_reload_error"]
    assert healed["last_reload_error"] is None and healed["name"] == "second"
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and f"{file}{where}" in errors[0].getMessage()
    assert "\n" not in errors[0].getMessage()
    assert "SECRET-PAYLOAD" not in caplog.text
    assert not recorded.bodies_with(b"alpha")


def test_a_burst_during_repeated_reloads_gets_no_5xx_and_one_policy_per_request(
    upstream: tuple[str, RecordingUpstream], tmp_path: Path
) -> None:
    """Every answer comes whole from one policy version: version i blocks with status
    403 (even i) or 451 (odd i) and says "blocked by v<i>"; a mix would show."""
    url, recorded = upstream
    file = tmp_path / "p.yaml"
    file.write_text(policy("v0", "alpha", status=403))
    done = threading.Event()

    def rewrite() -> None:
        i = 0
        while not done.is_set():
            i += 1
            write_atomically(file, policy(f"v{i}", "alpha", status=451 if i % 2 else 403))
            time.sleep(0.08)

    async def burst(base: str) -> list[httpx.Response]:
        """Rounds of 100 concurrent requests until at least 4 reloads happened meanwhile."""
        out: list[httpx.Response] = []
        limits = httpx.Limits(max_connections=16)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
            gate = asyncio.Semaphore(16)

            async def one(i: int) -> httpx.Response:
                text = "alpha, please" if i % 2 else "hello there"
                async with gate:
                    return await client.post(
                        "/v1/chat/completions",
                        json={"messages": [{"role": "user", "content": text}]},
                    )

            for _ in range(50):
                out += await asyncio.gather(*(one(i) for i in range(100)))
                if metric(base, RELOADS_OK) >= 4:
                    break
        return out

    with proxy(url, file, interval=0.02) as base:
        writer = threading.Thread(target=rewrite)
        writer.start()
        try:
            responses = asyncio.run(burst(base))
        finally:
            done.set()
            writer.join()
    assert all(r.status_code < 500 for r in responses)
    passed = [r for i, r in enumerate(responses) if i % 2 == 0]
    blocked = [r for i, r in enumerate(responses) if i % 2 == 1]
    assert {r.status_code for r in passed} == {200}
    seen_versions = set()
    for r in blocked:
        message = r.json()["error"]["message"]
        version = int(message.rsplit("v", 1)[1])
        assert r.status_code == (451 if version % 2 else 403), (r.status_code, message)
        seen_versions.add(version)
    assert len(seen_versions) >= 3
    assert not recorded.bodies_with(b"alpha")


def test_projects_policies_are_reloaded_each(tmp_path: Path) -> None:
    support = tmp_path / "support.yaml"
    support.write_text(policy("support-1", "alpha"))
    projects = tmp_path / "projects.yaml"
    projects.write_text(f"projects:\n  support: {support}\n")
    proxy_policy = tmp_path / "proxy.yaml"
    proxy_policy.write_text(policy("proxy-1", "gamma"))
    key = KeyStore(tmp_path / "keys.db").create("support").secret
    config = ServerConfig(
        upstream="http://127.0.0.1:9",
        policy=str(proxy_policy),
        projects=str(projects),
        keys_file=str(tmp_path / "keys.db"),
        policy_reload_interval=0.05,
    )

    def verdict(base: str, text: str) -> int:
        r = httpx.post(
            f"{base}/firewall/support", headers={"x-api-key": key}, json={"prompt": text}
        )
        return r.status_code

    with live_server(build_app(config, events=MemorySink())) as base:
        assert (verdict(base, "alpha"), verdict(base, "beta")) == (406, 200)
        write_atomically(support, policy("support-2", "beta"))
        until(lambda: verdict(base, "beta") == 406)
        assert verdict(base, "alpha") == 200
        states = {p["scope"]: p for p in httpx.get(base + "/firewall/health").json()["policies"]}
    assert states["api"]["name"] == "support-2" and states["proxy"]["name"] == "proxy-1"


def test_the_middleware_reloads_a_policy_file_when_asked(tmp_path: Path) -> None:
    file = tmp_path / "p.yaml"
    file.write_text(policy("first", "alpha"))
    app = FirewallMiddleware(RecordingUpstream(), str(file), reload=0.05)
    with live_server(app) as base:
        assert chat(base, "beta").status_code == 200
        write_atomically(file, policy("second", "beta"))
        until(lambda: chat(base, "beta").status_code == 403)
    assert app.policy.name == "second"


def test_middleware_reload_needs_a_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="file path"):
        FirewallMiddleware(RecordingUpstream(), load_policy_text(policy("p", "alpha")), reload=1.0)


# -- the slot: leases, closing, reporting -------------------------------------------------


async def test_a_retired_engine_is_closed_only_after_its_requests_finish(tmp_path: Path) -> None:
    file = tmp_path / "p.yaml"
    file.write_text(policy("v1", "alpha", evaluators=TRACKED))
    slot = EngineSlot.from_file(file)
    slot.engine.load()
    with slot.lease() as old:
        old_tracked = old.chain.entries[1].evaluator
        write_atomically(file, policy("v2", "beta", evaluators=TRACKED))
        assert await slot.reload() is True
        new = slot.engine
        assert new is not old and new.chain.entries[1].evaluator.loaded  # type: ignore[attr-defined]
        # The request that started on v1 still runs on v1, fully working.
        assert (await old.scan_text("alpha")).action is Action.BLOCK
        assert not old_tracked.closed  # type: ignore[attr-defined]
    async with asyncio.timeout(5):
        while not old_tracked.closed:  # type: ignore[attr-defined]  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    assert (await slot.engine.scan_text("alpha")).action is Action.PASS
    await slot.aclose()


async def test_a_broken_file_is_reported_once_per_content(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    file = tmp_path / "p.yaml"
    file.write_text(policy("v1", "alpha"))
    slot = EngineSlot.from_file(file)
    write_atomically(file, "version: 1\nrules: [\n")
    assert await slot.poll() is False
    os.utime(file, ns=(time.time_ns(), time.time_ns() + 10**9))  # touched, same content
    assert await slot.poll() is None
    assert slot.status.reloads_error == 1
    assert await slot.reload() is False  # SIGHUP retries (and reports) anyway
    assert slot.status.reloads_error == 2
    assert len([r for r in caplog.records if r.levelno == logging.ERROR]) == 2
    # Undoing the bad edit clears the error without counting a reload.
    write_atomically(file, policy("v1", "alpha"))
    assert await slot.poll() is None
    assert slot.status.last_reload_ok and slot.status.reloads_ok == 0
    await slot.aclose()


def test_a_policy_missing_at_start_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read policy file"):
        EngineSlot.from_file(tmp_path / "nope.yaml")


# -- SIGHUP on a real `firewall-proxy serve` ---------------------------------------------


def _children(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(entry.name))
    return out


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="SIGHUP is POSIX")
@pytest.mark.parametrize("workers", [1, 2])
def test_sighup_reloads_every_worker_of_a_real_serve_process(
    upstream: tuple[str, RecordingUpstream], tmp_path: Path, workers: int
) -> None:
    url, _ = upstream
    file = tmp_path / "p.yaml"
    file.write_text(policy("first", "alpha"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    args = [
        *("--upstream", url, "--policy", str(file), "--port", str(port)),
        *("--workers", str(workers), "--events", "none", "--policy-reload-interval", "0"),
        *("--keys-file", str(tmp_path / "keys.db")),
    ]
    with open(log, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "firewall_proxy", "serve", *args],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:

        def healthy() -> bool:
            assert proc.poll() is None, log.read_text()[-2000:]
            try:
                return httpx.get(base + "/firewall/health", timeout=1).status_code == 200
            except httpx.TransportError:
                return False

        until(healthy, limit=60)
        # Every worker must have loaded the first policy before the file changes (a worker
        # still starting would load the second one): each logs its startup. Requests alone
        # cannot tell, they may all land on one worker.
        until(lambda: log.read_text().count("Application startup complete.") >= workers, 60)
        assert all(chat(base, "alpha").status_code == 403 for _ in range(2 * workers))
        workers_before = _children(proc.pid)
        write_atomically(file, policy("second", "beta"))
        # --policy-reload-interval 0 reached every worker: no poll picks the change up.
        time.sleep(1.5)
        assert all(chat(base, "alpha").status_code == 403 for _ in range(4 * workers))
        proc.send_signal(signal.SIGHUP)
        # Reloaded everywhere: many requests in a row, spread over the workers, all see it.
        until(lambda: all(chat(base, "beta").status_code == 403 for _ in range(8 * workers)))
        assert all(chat(base, "alpha").status_code == 200 for _ in range(4 * workers))
        assert proc.poll() is None
        assert _children(proc.pid) == workers_before  # reloaded in place, not restarted
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    text = log.read_text()
    assert text.count("policy reloaded from") == workers, text[-2000:]

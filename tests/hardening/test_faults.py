"""Faults around the firewall: an upstream that refuses, resets, stalls or drips; an LLM
judge that is slow, failing or talking nonsense; an event store that is down or locked and
a disk too full for the spill file. Requests are still answered per policy, never with an
unexplained 5xx, and no event is lost without being counted."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import logging
import os
import socket
import sqlite3
import struct
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from firewall_proxy import MemorySink
from firewall_proxy.events import writer as writer_module
from firewall_proxy.events.postgres import PostgresStore
from firewall_proxy.events.sqlite import SQLiteStore
from firewall_proxy.events.store import EventQuery, SQLStore
from firewall_proxy.events.writer import QueueSink
from firewall_proxy.server import ServerConfig, build_app
from tests.evaluate.test_llm_judge import FakeLLM
from tests.events import conftest as events_fixtures
from tests.hardening.recording import RecordingUpstream, chat, until
from tests.live import free_port, live_server, serving

pg_dsn = events_fixtures.pg_dsn  # a fresh PostgreSQL schema per test, dropped afterwards

POLICY = """version: 1
name: faults
on_undecided: {on_undecided}
routes:
  - {{path: /v1/chat/completions, extractor: openai_chat}}
evaluators:
  - name: banned_patterns
    options:
      patterns: [{{name: w, literal: "forbidden", category: injection, score: 1.0}}]
{extra}rules:
  - {{category: injection, action: block}}
  - {{category: off_topic, min_score: 0.7, action: block}}
"""


def write_policy(
    tmp_path: Path, *, on_undecided: str = "block", extra: str = "", queue_size: int = 10_000
) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY.format(on_undecided=on_undecided, extra=extra, queue_size=queue_size))
    return path


def metrics(base: str) -> dict[str, float]:
    out = {}
    for line in httpx.get(base + "/metrics", timeout=10).text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            out[name] = float(value)
    return out


@contextlib.contextmanager
def firewall(upstream: str, policy: Path, *, events: Any = None, **config: Any) -> Iterator[str]:
    app = build_app(
        ServerConfig(
            upstream=upstream,
            policy=str(policy),
            keys_file=str(policy.with_name("keys.db")),
            policy_reload_interval=0,
            **config,
        ),
        events=events if events is not None else MemorySink(),
    )
    with live_server(app, proxy_headers=False) as url:
        yield url


# -- a scripted upstream over raw sockets ------------------------------------------------


def _chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


class ScriptedUpstream:
    """An HTTP/1.1 upstream on a raw socket, so it can misbehave as real ones do: reset the
    connection mid-stream, wait before its headers, or pause between body chunks."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> ScriptedUpstream:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop = True
        self.sock.close()
        self._thread.join(5)

    def _serve(self) -> None:
        self.sock.settimeout(0.05)  # look at _stop now and then: close() wakes no accept()
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(None)
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError), conn:
            head = b""
            while b"\r\n\r\n" not in head:
                data = conn.recv(65536)
                if not data:
                    return
                head += data
            path = head.split(b" ", 2)[1].decode()
            getattr(self, "do_" + path.strip("/").replace("-", "_"))(conn)

    @staticmethod
    def _start_stream(conn: socket.socket) -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
            b"transfer-encoding: chunked\r\n\r\n"
        )

    def do_ok(self, conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok")

    def do_reset(self, conn: socket.socket) -> None:
        """Two events, then a TCP reset (SO_LINGER 0), as a crashed upstream process sends."""
        self._start_stream(conn)
        conn.sendall(_chunk(b"data: one\n\n") + _chunk(b"data: two\n\n"))
        time.sleep(0.2)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    def do_slow_headers(self, conn: socket.socket) -> None:
        time.sleep(3)
        self.do_ok(conn)

    def do_drip(self, conn: socket.socket) -> None:
        """Six events 0.2 s apart: 1.2 s in all, each gap well inside the read timeout."""
        self._start_stream(conn)
        for i in range(6):
            conn.sendall(_chunk(f"data: {i}\n\n".encode()))
            time.sleep(0.2)
        conn.sendall(b"0\r\n\r\n")

    def do_stall(self, conn: socket.socket) -> None:
        """One event, then silence longer than the read timeout."""
        self._start_stream(conn)
        conn.sendall(_chunk(b"data: first\n\n"))
        time.sleep(3)


def read_stream(base: str, path: str) -> tuple[int, bytes, str | None]:
    """Status, the body bytes received, and how the stream ended (None: cleanly)."""
    received = b""
    with httpx.stream("GET", base + path, timeout=20, trust_env=False) as r:
        try:
            for data in r.iter_raw():
                received += data
        except httpx.TransportError as exc:
            return r.status_code, received, type(exc).__name__
    return r.status_code, received, None


# -- the upstream ---------------------------------------------------------------------


@pytest.fixture
def scripted() -> Iterator[ScriptedUpstream]:
    with ScriptedUpstream() as upstream:
        yield upstream


def test_upstream_refusing_connections_is_a_502_and_the_proxy_keeps_serving(
    tmp_path: Path,
) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    with firewall(closed, write_policy(tmp_path)) as base:
        refused = [chat(base, "hello") for _ in range(3)]
        blocked = chat(base, "forbidden")  # decided without the upstream
        counted = metrics(base)
    assert {r.status_code for r in refused} == {502}
    assert refused[0].json()["error"]["code"] == "upstream_unreachable"
    assert blocked.status_code == 403
    assert counted['firewall_upstream_errors_total{code="upstream_unreachable"}'] == 3


def test_upstream_reset_mid_stream_truncates_that_response_only(
    tmp_path: Path, scripted: ScriptedUpstream
) -> None:
    with firewall(scripted.url, write_policy(tmp_path), read_timeout=5.0) as base:
        status, body, ended = read_stream(base, "/reset")
        after = [httpx.get(base + "/ok", timeout=10).status_code for _ in range(3)]
        counted = metrics(base)
    # Headers had gone out: the client gets what arrived, then a connection closed
    # without the final chunk, which every HTTP client reports as an incomplete body.
    assert status == 200 and b"data: one" in body and b"data: two" in body
    assert ended == "RemoteProtocolError"
    assert after == [200, 200, 200]
    assert counted['firewall_upstream_errors_total{code="upstream_broke_off"}'] == 1


def test_upstream_slow_to_first_byte_is_a_504_after_the_read_timeout(
    tmp_path: Path, scripted: ScriptedUpstream
) -> None:
    with firewall(scripted.url, write_policy(tmp_path), read_timeout=0.5) as base:
        slow = httpx.get(base + "/slow-headers", timeout=20)
        after = httpx.get(base + "/ok", timeout=10)
    assert slow.status_code == 504 and slow.json()["error"]["code"] == "upstream_timeout"
    assert after.status_code == 200


def test_a_slow_stream_runs_past_the_read_timeout_while_data_keeps_coming(
    tmp_path: Path, scripted: ScriptedUpstream
) -> None:
    """--read-timeout bounds each wait for data, not the whole response."""
    with firewall(scripted.url, write_policy(tmp_path), read_timeout=0.6) as base:
        status, body, ended = read_stream(base, "/drip")
    assert status == 200 and ended is None
    assert body == b"".join(f"data: {i}\n\n".encode() for i in range(6))


def test_a_stream_that_stalls_past_the_read_timeout_is_cut_off(
    tmp_path: Path, scripted: ScriptedUpstream
) -> None:
    with firewall(scripted.url, write_policy(tmp_path), read_timeout=0.5) as base:
        status, body, ended = read_stream(base, "/stall")
        after = httpx.get(base + "/ok", timeout=10)
    assert status == 200 and body == b"data: first\n\n"
    assert ended == "RemoteProtocolError"
    assert after.status_code == 200


# -- the LLM judge ---------------------------------------------------------------------

SCOPE = """scope:
  business: Customer support for an online bank.
  permitted: [check a balance, report a lost card]
"""


@pytest.fixture
def judge() -> Iterator[FakeLLM]:
    server = FakeLLM()
    with serving(server):
        yield server


def judge_policy(tmp_path: Path, judge: FakeLLM, on_undecided: str, timeout_ms: int) -> Path:
    options = {
        "base_url": judge.base_url,
        "model": "judge-1",
        "mode": "always",
        "timeout_s": 5,
        "retries": 0,
        "backoff_s": 0,
    }
    extra = (
        f"  - name: llm_judge\n    timeout_ms: {timeout_ms}\n    options: {json.dumps(options)}\n"
    )
    path = write_policy(tmp_path, on_undecided=on_undecided, extra=extra)
    path.write_text(SCOPE + path.read_text())
    return path


# FakeLLM's scripted answers: slow (1 s, past the 300 ms the policy allows), HTTP 500,
# prose instead of the JSON verdict, and a connection dropped without an answer.
JUDGE_FAULTS = ["slow", "500", "garbage", "drop"]


@pytest.mark.parametrize("fault", JUDGE_FAULTS)
def test_a_failing_judge_blocks_under_fail_closed_and_never_calls_upstream(
    tmp_path: Path, judge: FakeLLM, fault: str
) -> None:
    upstream = RecordingUpstream()
    judge.script = [fault]
    events = MemorySink()
    with (
        live_server(upstream) as url,
        firewall(url, judge_policy(tmp_path, judge, "block", 300), events=events) as base,
    ):
        r = chat(base, "what's the weather like")
    assert r.status_code == 403
    assert r.headers["x-firewall-action"] == "block"
    assert upstream.seen == []
    [event] = events.events
    assert event.action == "block" and [u["evaluator"] for u in event.undecided] == ["llm_judge"]


@pytest.mark.parametrize("on_undecided", ["pass", "flag"])
def test_a_failing_judge_under_fail_open_forwards_and_records_it(
    tmp_path: Path, judge: FakeLLM, on_undecided: str
) -> None:
    upstream = RecordingUpstream()
    judge.script = ["500"]
    events = MemorySink()
    with (
        live_server(upstream) as url,
        firewall(url, judge_policy(tmp_path, judge, on_undecided, 2000), events=events) as base,
    ):
        r = chat(base, "what's the weather like")
        counted = metrics(base)
    assert r.status_code == 200 and len(upstream.seen) == 1
    assert r.headers.get("x-firewall-action", "pass") == on_undecided
    [event] = events.events  # fail-open still leaves a trace of what was not checked
    assert event.undecided[0]["evaluator"] == "llm_judge"
    assert counted['firewall_undecided_total{evaluator="llm_judge"}'] == 1


# -- the event store ---------------------------------------------------------------------


def stored_ids(store: SQLStore) -> set[str]:
    return {e.id for e in store.query(EventQuery(), limit=100_000).events}


def event_ids(responses: list[httpx.Response]) -> set[str]:
    return {r.headers["x-firewall-event-id"] for r in responses if r.status_code == 403}


def mixed_traffic(base: str, n: int) -> list[httpx.Response]:
    """``n`` requests, every other one blocked (and so recorded)."""
    return [chat(base, "forbidden words" if i % 2 else "hello") for i in range(n)]


def store_messages(caplog: pytest.LogCaptureFixture, text: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "firewall_proxy.events" and text in r.message]


class TcpRelay:
    """127.0.0.1:port -> 127.0.0.1:target, in threads: "the database is back"."""

    def __init__(self, port: int, target: int) -> None:
        self.target = target
        self.server = socket.create_server(("127.0.0.1", port))
        self.server.settimeout(0.05)
        self.sockets: list[socket.socket] = []
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.server.accept()
            except TimeoutError:
                continue
            client.settimeout(None)
            upstream = socket.create_connection(("127.0.0.1", self.target))
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := src.recv(65536):
                dst.sendall(data)
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self._stop = True
        self._thread.join(5)
        self.server.close()
        for s in self.sockets:
            s.close()


def test_postgres_down_requests_are_served_and_events_written_once_it_is_back(
    tmp_path: Path, pg_dsn: str, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()
    down = pg_dsn.replace("127.0.0.1:5432", f"127.0.0.1:{port}")
    sink = QueueSink(
        PostgresStore(down, connect_timeout=1),
        queue_size=4,  # small, so most events go through the spill file
        batch_size=10,
        flush_interval=0.02,
        retry_max_delay=0.1,
        spill_path=tmp_path / "spill.jsonl",
    )
    with (
        live_server(RecordingUpstream()) as url,
        firewall(url, write_policy(tmp_path), events=sink) as base,
    ):
        responses = mixed_traffic(base, 30)
        until(lambda: metrics(base)["firewall_events_store_errors_total"] >= 2)
        during = metrics(base)
        relay = TcpRelay(port, 5432)
        try:
            until(lambda: metrics(base)["firewall_events_store_up"] == 1)
            until(lambda: sink.depth == 0 and not sink._spill_pending())
        finally:
            relay.close()
        after = metrics(base)
    assert [r.status_code for r in responses] == [200, 403] * 15
    assert during["firewall_events_store_up"] == 0 and during["firewall_events_spilled_total"] > 0
    check = PostgresStore(pg_dsn)
    try:
        assert stored_ids(check) == event_ids(responses)
    finally:
        check.close()
    assert after["firewall_events_dropped_total"] == 0
    assert after["firewall_events_replayed_total"] == during["firewall_events_spilled_total"]
    assert len(store_messages(caplog, "event store write failed")) == 1  # once per outage
    assert len(store_messages(caplog, "writable again")) == 1


def test_sqlite_locked_requests_are_served_and_events_written_once_released(
    tmp_path: Path,
) -> None:
    path = tmp_path / "events.db"
    store = SQLiteStore(path, busy_timeout=0.05)
    store.migrate()
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # a backup tool, or another writer, holding the file
    sink = QueueSink(
        store,
        batch_size=10,
        flush_interval=0.02,
        retry_max_delay=0.1,
        spill_path=tmp_path / "spill.jsonl",
    )
    with (
        live_server(RecordingUpstream()) as url,
        firewall(url, write_policy(tmp_path), events=sink) as base,
    ):
        responses = mixed_traffic(base, 20)
        until(lambda: metrics(base)["firewall_events_store_errors_total"] >= 2)
        assert locker.execute("SELECT COUNT(*) FROM fp_events").fetchone()[0] == 0
        locker.execute("COMMIT")
        locker.close()
        until(lambda: sink.depth == 0)
    assert [r.status_code for r in responses] == [200, 403] * 10
    assert stored_ids(SQLiteStore(path)) == event_ids(responses)
    assert sink.stats.dropped == 0


class FullDisk(io.FileIO):
    """A file on a disk with ``room`` bytes left: writes fill it, then fail with ENOSPC
    (after a short write, as the kernel does when a write only partly fits)."""

    room = 0

    def write(self, data: Any) -> int:
        used = os.fstat(self.fileno()).st_size
        fits = min(len(data), self.room - used)
        if fits <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(bytes(data)[:fits])


def full_disk_open(room: int) -> Callable[..., Any]:
    def fake_open(path: Any, mode: str = "r", buffering: int = -1, **kw: Any) -> Any:
        if mode != "ab":  # reading the spill file back is not affected
            return open(path, mode, buffering, **kw)
        raw = type("Disk", (FullDisk,), {"room": room})(path, "a")
        return raw if buffering == 0 else io.BufferedWriter(raw)

    return fake_open


def test_a_full_disk_for_the_spill_file_counts_every_event_it_cannot_keep(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "events.db"
    store = SQLiteStore(path, busy_timeout=0.05)
    store.migrate()
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    spill = tmp_path / "spill.jsonl"
    # Room for a couple of events in the spill file, then the disk is full.
    monkeypatch.setattr(writer_module, "open", full_disk_open(1500), raising=False)
    sink = QueueSink(
        store,
        queue_size=4,
        batch_size=10,
        flush_interval=0.02,
        retry_max_delay=0.1,
        spill_path=spill,
    )
    with (
        live_server(RecordingUpstream()) as url,
        firewall(url, write_policy(tmp_path), events=sink) as base,
    ):
        responses = mixed_traffic(base, 60)
        during = metrics(base)
        locker.execute("COMMIT")
        locker.close()
        until(lambda: sink.depth == 0 and not spill.exists())
        after = metrics(base)
    blocked = event_ids(responses)
    assert [r.status_code for r in responses] == [200, 403] * 30  # served per policy
    stored = stored_ids(SQLiteStore(path))
    dropped = after["firewall_events_dropped_total"]
    assert during["firewall_events_spilled_total"] > 0 and dropped > 0
    # Every event is either in the store or counted as dropped: none silently lost.
    assert stored <= blocked and len(stored) + dropped == len(blocked)
    assert after["firewall_events_replayed_total"] == during["firewall_events_spilled_total"]
    losses = store_messages(caplog, "events are being dropped")
    assert len(losses) == 1 and losses[0].levelno == logging.ERROR  # once per incident
    assert "ENOSPC" in losses[0].message and "forbidden" not in caplog.text

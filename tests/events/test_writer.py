"""The batching writer: requests never wait, a failing store loses nothing, shutdown flushes."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from firewall_proxy.events.model import Event
from firewall_proxy.events.postgres import PostgresStore
from firewall_proxy.events.sqlite import SQLiteStore
from firewall_proxy.events.store import EventQuery
from firewall_proxy.events.writer import QueueSink
from tests.events.factories import make_event


class FlakyStore(SQLiteStore):
    """A SQLite store whose writes fail while ``down`` is set (or block while ``hold`` is)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.down = False
        self.hold = threading.Event()
        self.hold.set()

    def write(self, events: Sequence[Event]) -> None:
        self.hold.wait()
        if self.down:
            raise sqlite3.OperationalError("database is down")
        super().write(events)


async def until(condition: Callable[[], bool], limit: float = 30.0) -> None:
    """Poll ``condition`` (a guard against hanging, not a timing assertion)."""
    async with asyncio.timeout(limit):
        while not condition():  # noqa: ASYNC110 - the conditions are plain counters
            await asyncio.sleep(0.01)


def stored_ids(store: SQLiteStore | PostgresStore) -> set[str]:
    return {e.id for e in store.query(EventQuery(), limit=100_000).events}


def reopened_ids(path: Path) -> set[str]:
    """The ids in the SQLite file as a fresh process would see them."""
    store = SQLiteStore(path)
    try:
        return stored_ids(store)
    finally:
        store.close()


async def test_emit_returns_while_the_store_hangs(tmp_path: Path) -> None:
    store = FlakyStore(tmp_path / "e.db")
    store.hold.clear()
    sink = QueueSink(store, batch_size=10, flush_interval=0.01, spill_path=tmp_path / "s.jsonl")
    await sink.start()
    events = [make_event(i) for i in range(100)]
    for e in events:
        sink.emit(e)  # a blocking emit would never return: the store is stuck
    assert sink.depth == 100
    store.hold.set()
    await sink.close()
    assert reopened_ids(tmp_path / "e.db") == {e.id for e in events}


async def test_store_down_for_a_while_loses_no_event(tmp_path: Path) -> None:
    store = FlakyStore(tmp_path / "e.db")
    store.down = True
    sink = QueueSink(
        store,
        batch_size=16,
        flush_interval=0.01,
        retry_max_delay=0.05,
        spill_path=tmp_path / "s.jsonl",
    )
    await sink.start()
    events = [make_event(i) for i in range(200)]
    for e in events[:100]:
        sink.emit(e)
    await until(lambda: sink.stats.store_errors >= 3)
    assert not sink.stats.store_ok
    for e in events[100:]:
        sink.emit(e)
    store.down = False
    await until(lambda: sink.depth == 0)
    assert sink.stats.store_ok
    assert stored_ids(store) == {e.id for e in events}
    await sink.close()


async def test_sqlite_locked_by_another_process_loses_no_event(tmp_path: Path) -> None:
    path = tmp_path / "e.db"
    store = SQLiteStore(path, busy_timeout=0.05)
    store.migrate()
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # what a backup tool or another writer may do
    sink = QueueSink(
        store,
        batch_size=8,
        flush_interval=0.01,
        retry_max_delay=0.05,
        spill_path=tmp_path / "s.jsonl",
    )
    await sink.start()
    events = [make_event(i) for i in range(50)]
    for e in events:
        sink.emit(e)
    await until(lambda: sink.stats.store_errors >= 2)
    assert locker.execute("SELECT COUNT(*) FROM fp_events").fetchone()[0] == 0
    locker.execute("COMMIT")
    locker.close()
    await until(lambda: sink.depth == 0)
    assert stored_ids(store) == {e.id for e in events}
    await sink.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class _Relay:
    """A TCP relay 127.0.0.1:port -> 127.0.0.1:target: 'the database is back'."""

    def __init__(self) -> None:
        self.writers: list[asyncio.StreamWriter] = []
        self.tasks: list[asyncio.Task[None]] = []
        self.server: asyncio.Server | None = None
        self.target = 0

    async def start(self, port: int, target: int) -> None:
        self.target = target
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", port)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target)
        self.writers += [writer, up_writer]
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        for w in self.writers:
            w.close()
            with contextlib.suppress(OSError):
                await w.wait_closed()
        await self.server.wait_closed()


async def test_postgres_refusing_connections_then_back_loses_no_event(
    tmp_path: Path, pg_dsn: str
) -> None:
    port = _free_port()
    down_dsn = pg_dsn.replace("127.0.0.1:5432", f"127.0.0.1:{port}")
    store = PostgresStore(down_dsn, connect_timeout=1)
    sink = QueueSink(
        store,
        batch_size=20,
        flush_interval=0.01,
        retry_max_delay=0.1,
        spill_path=tmp_path / "s.jsonl",
    )
    await sink.start()
    events = [make_event(i) for i in range(120)]
    for e in events:
        sink.emit(e)
    await until(lambda: sink.stats.store_errors >= 2)  # connection refused, retried
    assert sink.depth == 120
    relay = _Relay()
    await relay.start(port, 5432)
    try:
        await until(lambda: sink.depth == 0)
        await sink.close()
    finally:
        await relay.stop()
    check = PostgresStore(pg_dsn)
    assert stored_ids(check) == {e.id for e in events}
    check.close()


async def test_shutdown_flushes_everything_queued(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "e.db")
    # A long interval: nothing would be written before close() without the flush.
    sink = QueueSink(store, batch_size=5000, flush_interval=3600, spill_path=tmp_path / "s.jsonl")
    await sink.start()
    events = [make_event(i) for i in range(1234)]
    for e in events:
        sink.emit(e)
    await sink.close()
    assert reopened_ids(tmp_path / "e.db") == {e.id for e in events}
    assert not (tmp_path / "s.jsonl").exists()


async def test_overflow_spills_to_a_file_and_replays_it(tmp_path: Path) -> None:
    store = FlakyStore(tmp_path / "e.db")
    store.down = True
    spill = tmp_path / "spill.jsonl"
    sink = QueueSink(
        store,
        queue_size=10,
        batch_size=5,
        flush_interval=0.01,
        retry_max_delay=0.05,
        spill_path=spill,
    )
    await sink.start()
    events = [make_event(i) for i in range(50)]
    for e in events:
        sink.emit(e)
    assert sink.depth == 10
    assert sink.stats.spilled == 40
    sink._spill.flush()  # type: ignore[union-attr]
    assert len(spill.read_bytes().splitlines()) == 40
    store.down = False
    await until(lambda: sink.stats.replayed == 40 and sink.depth == 0)
    assert stored_ids(store) == {e.id for e in events}
    assert not spill.exists()
    assert sink.stats.dropped == 0
    await sink.close()


async def test_overflow_drop_counts_what_it_drops(tmp_path: Path) -> None:
    store = FlakyStore(tmp_path / "e.db")
    store.down = True
    sink = QueueSink(
        store,
        queue_size=10,
        batch_size=5,
        flush_interval=0.01,
        retry_max_delay=0.05,
        overflow="drop",
    )
    await sink.start()
    events = [make_event(i) for i in range(50)]
    for e in events:
        sink.emit(e)
    assert sink.stats.dropped == 40
    store.down = False
    await sink.close()
    assert stored_ids(store) == {e.id for e in events[:10]}


async def test_store_down_at_shutdown_spills_and_next_start_replays(tmp_path: Path) -> None:
    store = FlakyStore(tmp_path / "e.db")
    store.down = True
    spill = tmp_path / "spill.jsonl"
    sink = QueueSink(
        store, flush_interval=0.01, retry_max_delay=0.05, spill_path=spill, close_timeout=0.2
    )
    await sink.start()
    events = [make_event(i) for i in range(30)]
    for e in events:
        sink.emit(e)
    await sink.close()
    assert len(spill.read_bytes().splitlines()) == 30

    restarted = QueueSink(SQLiteStore(tmp_path / "e.db"), flush_interval=0.01, spill_path=spill)
    await restarted.start()
    await until(lambda: restarted.stats.replayed == 30)
    await restarted.close()
    assert reopened_ids(tmp_path / "e.db") == {e.id for e in events}


async def test_a_line_cut_short_in_the_spill_file_is_skipped(tmp_path: Path) -> None:
    spill = tmp_path / "spill.jsonl"
    good = [make_event(i) for i in range(3)]
    import orjson

    spill.write_bytes(b"".join(orjson.dumps(e.to_dict()) + b"\n" for e in good) + b'{"id": "x')
    store = SQLiteStore(tmp_path / "e.db")
    sink = QueueSink(store, flush_interval=0.01, spill_path=spill)
    await sink.start()
    await sink.close()
    assert stored_ids(store) == {e.id for e in good}


async def test_retention_applied_by_the_writer(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "e.db")
    store.write([make_event(i) for i in range(40)])
    sink = QueueSink(
        store,
        flush_interval=0.01,
        spill_path=tmp_path / "s.jsonl",
        retention_max_events=15,
        retention_interval=0.05,
    )
    await sink.start()
    await until(lambda: sink.stats.pruned >= 25)
    await sink.close()
    assert len(reopened_ids(tmp_path / "e.db")) == 15


def test_spill_mode_needs_a_path(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="spill_path"):
        QueueSink(SQLiteStore(tmp_path / "e.db"), overflow="spill")

"""The event writer: a bounded queue drained in batches into a store, off the request path.

Flow position: engine -> ``EventSink.emit`` -> **writer** -> store. ``emit``
only appends to a deque (the request never waits for the store). A task on the
server's event loop takes batches and writes them in a worker thread. When a
write fails (database down, locked, slow) the batch stays at the head of the
queue and is retried with backoff, so nothing is lost while the queue has room.
When the queue is full the policy's ``events.overflow`` decides: ``spill``
appends the event to a local JSONL file that is replayed into the store once
the queue has drained, ``drop`` counts and discards it. ``close`` drains the
queue (spilling what the store will not take in time) and applies retention
by age and count every ``retention_interval`` seconds.

An event that truly cannot be kept (queue full with ``drop``, or the spill
file cannot be written: disk full, read-only) is counted in ``stats.dropped``
(``firewall_events_dropped_total``) and logged once per incident — at the
first loss, then once more when events are kept again — never silently lost.
The spill file is written unbuffered, one whole line per event, so a full disk
fails exactly the events being spilled at that moment, never ones already
counted as spilled.

Not thread-safe: call ``emit`` from the event loop that ran ``start``.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import itertools
import logging
import os
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

import orjson

from firewall_proxy.events.excerpt import redact
from firewall_proxy.events.model import Event
from firewall_proxy.events.store import EventStore

__all__ = ["QueueSink", "SinkStats"]

logger = logging.getLogger("firewall_proxy.events")


@dataclass(slots=True)
class SinkStats:
    """Counters read by ``/metrics`` (plain ints: updated on the event loop only)."""

    written: int = 0
    store_errors: int = 0
    dropped: int = 0
    spilled: int = 0
    replayed: int = 0
    pruned: int = 0
    store_ok: bool = True


class QueueSink:
    """An :class:`~firewall_proxy.events.model.EventSink` that batches into a store."""

    def __init__(
        self,
        store: EventStore,
        *,
        queue_size: int = 10_000,
        batch_size: int = 500,
        flush_interval: float = 0.5,
        overflow: Literal["spill", "drop"] = "spill",
        spill_path: str | Path | None = None,
        retention_days: float | None = None,
        retention_max_events: int | None = None,
        retention_interval: float = 300.0,
        retry_max_delay: float = 5.0,
        close_timeout: float = 10.0,
    ) -> None:
        if overflow == "spill" and spill_path is None:
            raise ValueError("overflow='spill' needs a spill_path")
        self.store = store
        self.queue_size = queue_size
        self.batch_size = batch_size
        self.flush_interval = flush_interval
        self.overflow = overflow
        self.spill_path = Path(spill_path) if spill_path is not None else None
        self.retention_days = retention_days
        self.retention_max_events = retention_max_events
        self.retention_interval = retention_interval
        self.retry_max_delay = retry_max_delay
        self.close_timeout = close_timeout
        self.stats = SinkStats()
        self._queue: deque[Event] = deque()
        self._spill: IO[bytes] | None = None
        self._spill_torn = False  # a failed append may have left half a line
        self._losing = False  # inside an incident of dropped events (logged once)
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self._next_prune = 0.0
        # The writer task and flush() both drain: one batch in flight at a time.
        self._io = asyncio.Lock()

    # -- the request path ------------------------------------------------------------

    @property
    def depth(self) -> int:
        """Events waiting in memory for the store."""
        return len(self._queue)

    def emit(self, event: Event) -> None:
        if len(self._queue) < self.queue_size:
            self._queue.append(event)
            if len(self._queue) == self.batch_size and self._wake is not None:
                self._wake.set()
            if self._losing:
                self._kept()
        elif self.overflow == "spill":
            self._spill_events((event,))
        else:
            self._lose(1, "the event queue is full and events.overflow is drop")

    def _spill_events(self, events: tuple[Event, ...] | list[Event]) -> None:
        # One unbuffered append per event into the OS page cache: a few microseconds, no
        # fsync on the request path, and a failure belongs to the event being written.
        assert self.spill_path is not None
        for done, event in enumerate(events):
            try:
                self._append_line(event.to_json() + b"\n")
            except OSError as exc:
                reason = f"cannot write the spill file {self.spill_path}: {_os_error(exc)}"
                self._lose(len(events) - done, reason)
                return
            self.stats.spilled += 1
        if self._losing:
            self._kept()

    def _append_line(self, line: bytes) -> None:
        if self._spill is None:
            assert self.spill_path is not None
            self.spill_path.parent.mkdir(parents=True, exist_ok=True)
            self._spill = open(self.spill_path, "ab", buffering=0)  # noqa: SIM115 - held open
        fh = self._spill
        if self._spill_torn:  # end the half line a failed append left, so this one parses
            line = b"\n" + line
        start = fh.seek(0, os.SEEK_END)
        try:
            view = memoryview(line)
            while view:
                view = view[fh.write(view) or 0 :]
        except OSError:
            try:
                fh.truncate(start)  # take back the half line
            except OSError:
                self._spill_torn = True
            raise
        self._spill_torn = False

    def _lose(self, count: int, reason: str) -> None:
        """Count events that cannot be kept; log the first loss of an incident."""
        self.stats.dropped += count
        if not self._losing:
            self._losing = True
            logger.error(
                "events are being dropped (counted in firewall_events_dropped_total): %s", reason
            )

    def _kept(self) -> None:
        self._losing = False
        logger.warning(
            "events are kept again; %d dropped since the start of the process", self.stats.dropped
        )

    # -- lifecycle ---------------------------------------------------------------------

    async def start(self) -> None:
        if self._task is None:
            self._closing = False
            self._wake = asyncio.Event()
            self._task = asyncio.create_task(self._run(), name="firewall-proxy-events")

    async def flush(self) -> None:
        """Wait until every queued and spilled event is in the store (tests, shutdown)."""
        while True:
            if self._queue:
                ok = await self._write_batch()
            elif self._spill_pending():
                ok = await self._replay()
            else:
                return
            if not ok:
                await asyncio.sleep(0.05)

    async def close(self) -> None:
        """Flush the queue (and any spill) into the store, then close it.

        If the store takes nothing within ``close_timeout`` the rest is spilled
        (or, with ``overflow: drop`` and no spill file, counted as dropped).
        """
        self._closing = True
        task, self._task = self._task, None
        if task is not None:
            assert self._wake is not None
            self._wake.set()
            with contextlib.suppress(asyncio.CancelledError):
                task.cancel()
                await task
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.flush(), self.close_timeout)
        if self._queue:
            rest = list(self._queue)
            self._queue.clear()
            if self.spill_path is not None:
                self._spill_events(rest)
                logger.warning(
                    "event store unavailable at shutdown: %d events spilled to %s",
                    len(rest),
                    self.spill_path,
                )
            else:
                self._lose(len(rest), f"the event store is unavailable at shutdown ({len(rest)})")
        self._close_spill()
        await asyncio.to_thread(self.store.close)

    # -- the writer task -----------------------------------------------------------------

    async def _run(self) -> None:
        assert self._wake is not None
        delay = 0.0
        while not self._closing:
            if delay or len(self._queue) < self.batch_size:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), delay or self.flush_interval)
            if self._queue:
                ok = await self._write_batch()
            elif self._spill_pending():
                ok = await self._replay()
            else:
                ok = True
            delay = 0.0 if ok else min(max(delay * 2, 0.1), self.retry_max_delay)
            if ok and time.monotonic() >= self._next_prune:
                await self._prune()

    async def _write_batch(self) -> bool:
        async with self._io:
            return await self._write_batch_locked()

    async def _write_batch_locked(self) -> bool:
        batch = list(itertools.islice(self._queue, self.batch_size))
        if not batch:
            return True
        try:
            await asyncio.to_thread(self.store.write, batch)
        except Exception as exc:
            self._failed(exc)
            return False
        # emit only appends on the right and only this task pops: the head is still `batch`.
        for _ in batch:
            self._queue.popleft()
        self.stats.written += len(batch)
        self._recovered()
        return True

    def _failed(self, exc: Exception) -> None:
        self.stats.store_errors += 1
        if self.stats.store_ok:
            self.stats.store_ok = False
            # redact(): a driver's message may carry a DSN with credentials.
            logger.warning(
                "event store write failed, retrying (%d queued): %s: %s",
                len(self._queue),
                type(exc).__name__,
                redact(str(exc).splitlines()[0] if str(exc) else ""),
            )

    def _recovered(self) -> None:
        if not self.stats.store_ok:
            self.stats.store_ok = True
            logger.warning("event store writable again")

    async def _prune(self) -> None:
        self._next_prune = time.monotonic() + self.retention_interval
        if self.retention_days is None and self.retention_max_events is None:
            return
        age = self.retention_days * 86400.0 if self.retention_days is not None else None
        try:
            self.stats.pruned += await asyncio.to_thread(
                self.store.prune, max_age_s=age, max_events=self.retention_max_events
            )
        except Exception as exc:
            self._failed(exc)

    # -- spill replay ----------------------------------------------------------------------

    def _replay_path(self) -> Path | None:
        return (
            None
            if self.spill_path is None
            else self.spill_path.with_name(self.spill_path.name + ".replay")
        )

    def _spill_pending(self) -> bool:
        if self.spill_path is None:
            return False
        replay = self._replay_path()
        return (
            self._spill is not None
            or self.spill_path.exists()
            or (replay is not None and replay.exists())
        )

    def _close_spill(self) -> None:
        if self._spill is not None:
            with contextlib.suppress(OSError):
                self._spill.close()
            self._spill = None

    async def _replay(self) -> bool:
        """Move the spill file aside and write it into the store; True when done."""
        async with self._io:
            return await self._replay_locked()

    async def _replay_locked(self) -> bool:
        assert self.spill_path is not None
        replay = self._replay_path()
        assert replay is not None
        try:
            if not replay.exists():
                # New spills start a fresh file; the one being replayed is never appended to.
                self._close_spill()
                if not self.spill_path.exists():
                    return True
                os.replace(self.spill_path, replay)
            count = await asyncio.to_thread(self._replay_file, replay)
        except Exception as exc:
            self._failed(exc)
            return False
        self.stats.replayed += count
        self._recovered()
        return True

    def _replay_file(self, path: Path) -> int:
        batch: list[Event] = []
        count = bad = 0
        with open(path, "rb") as fh:
            for line in fh:
                if not line.strip():
                    continue  # the line break that ended a torn append
                try:
                    batch.append(Event.from_dict(orjson.loads(line)))
                except (ValueError, KeyError, TypeError):
                    bad += 1  # a line cut short by a crash mid-write
                    continue
                if len(batch) >= self.batch_size:
                    self.store.write(batch)
                    count += len(batch)
                    batch = []
        if batch:
            self.store.write(batch)
            count += len(batch)
        if bad:
            logger.warning("skipped %d unreadable lines in %s", bad, path)
        path.unlink()
        return count


def _os_error(exc: OSError) -> str:
    """``ENOSPC (No space left on device)``: the cause without the path (logged apart)."""
    name = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
    return f"{name} ({exc.strerror})" if exc.strerror else name

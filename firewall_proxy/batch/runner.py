"""Running the engine over records, in this process or in a pool of worker processes.

Flow position: sources -> **runner** (rows -> engine -> results) -> metrics.
Results always come back in input order, so the verdicts file lines up with
the data. With ``workers > 1`` each worker process builds and loads the
engine once, then pulls chunks of records from one shared queue (a slow chunk
never holds up idle workers); the parent keeps at most a few chunks per
worker in flight, so memory stays bounded however long the input is.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import os
import queue
import threading
from collections.abc import Coroutine, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from firewall_proxy._exceptions import BatchError, FirewallProxyError
from firewall_proxy.batch.columns import Columns
from firewall_proxy.batch.rows import (
    ExcerptGate,
    RowResult,
    evaluate_row,
    event_result,
    read_error,
)
from firewall_proxy.batch.sources import Record
from firewall_proxy.engine import Engine
from firewall_proxy.policy.models import Policy

__all__ = ["default_workers", "run_records"]

_Item = tuple[str, int, dict[str, Any] | None, str | None, bool]
_POLL_SECONDS = 1.0
_T = TypeVar("_T")


def default_workers(total_rows: int) -> int:
    """All cores for big inputs; one process when start-up would cost more than it saves."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 1 if total_rows < 2_000 else max(1, cores or 1)


async def _evaluate_chunk(
    engine: Engine, items: list[_Item], cols: Columns, gate: ExcerptGate
) -> list[RowResult]:
    out: list[RowResult] = []
    for source, line, row, error, event in items:
        if row is None:
            out.append(read_error(source, line, error or "unreadable row", cols))
        elif event:
            out.append(event_result(engine.policy, source, line, row, cols))
        else:
            out.append(await evaluate_row(engine, source, line, row, cols, gate))
    return out


def _items(records: Iterable[Record]) -> Iterator[_Item]:
    for r in records:
        yield (r.source, r.line, r.row, r.error, r.event)


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[_Item]]:
    it = _items(records)
    while chunk := list(islice(it, size)):
        yield chunk


def run_records(
    policy: Policy,
    records: Iterable[Record],
    cols: Columns,
    *,
    workers: int = 1,
    chunk_size: int = 128,
) -> Iterator[RowResult]:
    """Evaluate ``records`` with ``policy``; yield one result per record, in order."""
    if workers <= 1:
        yield from _run_serial(policy, records, cols, chunk_size)
    else:
        yield from _run_pool(policy, records, cols, workers, chunk_size)


def _load_engine(policy: Policy) -> Engine:
    """Build and load the engine; a model that fails to load stops the run cleanly."""
    engine = Engine(policy)
    try:
        engine.load()
    except FirewallProxyError:
        raise
    except Exception as exc:
        raise BatchError(f"cannot load the policy's evaluators: {exc}") from exc
    return engine


def _run_serial(
    policy: Policy, records: Iterable[Record], cols: Columns, chunk_size: int
) -> Iterator[RowResult]:
    engine = _load_engine(policy)
    gate = ExcerptGate(cols.worst)
    with _Loop() as loop:
        try:
            for chunk in _chunks(records, chunk_size):
                yield from loop.run(_evaluate_chunk(engine, chunk, cols, gate))
        finally:
            loop.run(engine.aclose())


class _Loop:
    """An event loop to drive the engine from synchronous code. When the caller
    already runs a loop in this thread (a notebook, an async test) the work goes
    to a loop in a helper thread, since a running loop cannot be re-entered."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread: threading.Thread | None = None
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="firewall-proxy-batch", daemon=True
        )
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, _T]) -> _T:
        if self._thread is None:
            return self._loop.run_until_complete(coro)
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    def __enter__(self) -> _Loop:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
        self._loop.close()


def _worker(policy: Policy, cols: Columns, tasks: Any, results: Any) -> None:
    """A worker process: load the engine once, then evaluate chunks until told to stop."""
    try:
        engine = _load_engine(policy)
    except Exception as exc:  # reported to the parent, which stops the run
        results.put((-1, None, str(exc)))
        return
    loop = asyncio.new_event_loop()
    gate = ExcerptGate(cols.worst)
    try:
        while (task := tasks.get()) is not None:
            index, chunk = task
            try:
                done = loop.run_until_complete(_evaluate_chunk(engine, chunk, cols, gate))
            except Exception as exc:
                results.put((index, None, f"{type(exc).__name__}: {exc}"))
            else:
                results.put((index, done, None))
        loop.run_until_complete(engine.aclose())
    finally:
        loop.close()


def _run_pool(
    policy: Policy, records: Iterable[Record], cols: Columns, workers: int, chunk_size: int
) -> Iterator[RowResult]:
    # spawn, not fork: fork would copy the parent's threads and event loop mid-state.
    ctx = mp.get_context("spawn")
    tasks: Any = ctx.Queue()
    results: Any = ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(policy, cols, tasks, results), daemon=True)
        for _ in range(workers)
    ]
    for p in procs:
        p.start()
    chunks = enumerate(_chunks(records, chunk_size))
    max_in_flight = workers * 4
    sent = next_out = 0
    pending: dict[int, list[RowResult]] = {}
    exhausted = False
    try:
        while True:
            while not exhausted and sent - next_out < max_in_flight:
                item = next(chunks, None)
                if item is None:
                    exhausted = True
                else:
                    tasks.put(item)
                    sent += 1
            if exhausted and next_out == sent:
                return
            index, done, error = _get(results, procs)
            if error is not None:
                where = f" (chunk {index})" if index >= 0 else ""
                raise BatchError(f"batch worker failed{where}: {error}")
            pending[index] = done
            while next_out in pending:
                yield from pending.pop(next_out)
                next_out += 1
    finally:
        for _ in procs:
            tasks.put(None)
        for p in procs:
            p.join(timeout=5)
            if p.is_alive():
                p.terminate()
                p.join()
        tasks.close()
        results.close()


def _get(results: Any, procs: list[Any]) -> tuple[int, Any, str | None]:
    while True:
        try:
            item: tuple[int, Any, str | None] = results.get(timeout=_POLL_SECONDS)
            return item
        except queue.Empty:
            dead = [p for p in procs if not p.is_alive()]
            if dead:
                codes = ", ".join(str(p.exitcode) for p in dead)
                raise BatchError(f"a batch worker process exited (exit code {codes})") from None

"""The event store: one SQL schema and its queries, shared by SQLite and PostgreSQL.

Flow position: events -> **store**. The batch writer
(:mod:`firewall_proxy.events.writer`) calls :meth:`SQLStore.write` from a worker
thread; the dashboard and ``firewall-proxy events`` read through the query
methods. Every method is synchronous and thread-safe (one connection behind a
lock), so async callers run them with ``asyncio.to_thread`` and never block
the event loop.

Schema: ``fp_events`` holds one row per event (the filterable columns plus the
whole event as JSON); ``fp_event_categories`` holds one row per (event,
category) so category filters, counts and graphs are plain indexed queries.
Writes are idempotent by event id, so a batch retried after a failure, or a
spill file replayed twice, never duplicates an event. Schema versions live in
``fp_schema_version`` and are applied in order by :meth:`SQLStore.migrate`.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import orjson

from firewall_proxy._exceptions import EventStoreError
from firewall_proxy.events.model import Event

__all__ = [
    "CATEGORY_COLUMNS",
    "EVENT_COLUMNS",
    "Buckets",
    "EventQuery",
    "EventStore",
    "Page",
    "SQLStore",
]

EVENT_COLUMNS = (
    "id, time, project, route, action, mode, explanation, request_id, excerpt, latency_ms, body"
)
CATEGORY_COLUMNS = "event_id, category, score, time, project, action"
_INSERT_EVENT = (
    "INSERT INTO fp_events (id, time, project, route, action, mode, explanation, request_id,"
    " excerpt, latency_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (id) DO NOTHING"
)
_INSERT_CATEGORY = (
    "INSERT INTO fp_event_categories (event_id, category, score, time, project, action)"
    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, category) DO NOTHING"
)


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters shared by the dashboard, the CLI and the store (all optional).

    ``since``/``until`` are Unix seconds (``since`` inclusive, ``until`` exclusive).
    """

    project: str | None = None
    action: str | None = None
    category: str | None = None
    since: float | None = None
    until: float | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """One page of events, newest first, and the number matching the query."""

    events: list[Event]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True, slots=True)
class Buckets:
    """Event counts in ``count`` equal time buckets of ``width`` seconds from ``start``.

    ``by_category[c][i]`` counts events with category ``c`` in bucket ``i``
    (an event with two categories counts once in each); ``by_action[a][i]``
    counts events (each once) by action.
    """

    start: float
    width: float
    count: int
    by_category: dict[str, list[int]] = field(default_factory=dict)
    by_action: dict[str, list[int]] = field(default_factory=dict)


class EventStore(ABC):
    """What the writer, the dashboard and the CLI need from a store."""

    @abstractmethod
    def write(self, events: Sequence[Event]) -> None:
        """Store a batch in one transaction; events already stored are skipped."""

    @abstractmethod
    def get(self, event_id: str) -> Event | None: ...

    @abstractmethod
    def query(self, q: EventQuery, *, limit: int = 50, offset: int = 0) -> Page: ...

    @abstractmethod
    def category_counts(self, q: EventQuery) -> dict[str, int]: ...

    @abstractmethod
    def buckets(self, q: EventQuery, start: float, width: float, count: int) -> Buckets: ...

    @abstractmethod
    def projects(self) -> list[str]: ...

    @abstractmethod
    def prune(self, *, max_age_s: float | None = None, max_events: int | None = None) -> int:
        """Delete events older than ``max_age_s`` and beyond the newest ``max_events``."""

    @abstractmethod
    def close(self) -> None: ...


def _where(q: EventQuery, alias: str = "e") -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (("project", q.project), ("action", q.action)):
        if value:
            clauses.append(f"{alias}.{column} = ?")
            params.append(value)
    if q.since is not None:
        clauses.append(f"{alias}.time >= ?")
        params.append(q.since)
    if q.until is not None:
        clauses.append(f"{alias}.time < ?")
        params.append(q.until)
    if q.category:
        if alias == "c":
            clauses.append("c.category = ?")
        else:
            clauses.append(
                f"EXISTS (SELECT 1 FROM fp_event_categories c WHERE c.event_id = {alias}.id"
                " AND c.category = ?)"
            )
        params.append(q.category)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class SQLStore(EventStore):
    """The queries, written once for DB-API connections with ``?`` placeholders.

    Subclasses supply the connection, the placeholder style, the migrations,
    and the SQL that differs between dialects.
    """

    #: (version, statements) applied in order; a subclass lists its dialect's DDL.
    MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = ()
    placeholder = "?"

    def __init__(self) -> None:
        self._lock = threading.Lock()

    # -- dialect hooks --------------------------------------------------------------

    @abstractmethod
    def _connection(self) -> Any:
        """An open DB-API connection (opened or re-opened on demand)."""

    @abstractmethod
    def _reset(self) -> None:
        """Drop a connection that failed, so the next call reconnects."""

    @abstractmethod
    def _bucket_expr(self) -> str:
        """SQL for the bucket index of ``time`` given parameters (start, width)."""

    @abstractmethod
    def _lock_migrations(self, cur: Any) -> None:
        """Serialise concurrent migrations (several replicas starting at once)."""

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    @contextmanager
    def _tx(self, *, write: bool = False) -> Iterator[Any]:
        """A cursor inside one transaction, committed on success, rolled back on error."""
        with self._lock:
            conn = self._connection()
            try:
                cur = conn.cursor()
                try:
                    self._begin(cur, write)
                    yield cur
                    conn.commit()
                finally:
                    cur.close()
            except BaseException:
                try:
                    conn.rollback()
                except Exception:
                    self._reset()  # the connection itself is gone: reconnect next time
                raise

    def _begin(self, cur: Any, write: bool) -> None:
        return None

    # -- schema ---------------------------------------------------------------------

    def migrate(self) -> int:
        """Open the store (applying any pending migrations); returns the schema version."""
        with self._lock:
            self._connection()
        return self.MIGRATIONS[-1][0]

    def _migrate(self, conn: Any) -> None:
        """Bring a fresh connection's database to the newest schema version.

        Called by a subclass's ``_connection`` (lock held) for each new connection.
        """
        newest = self.MIGRATIONS[-1][0]
        cur = conn.cursor()
        try:
            self._begin(cur, True)
            cur.execute("CREATE TABLE IF NOT EXISTS fp_schema_version (version INTEGER NOT NULL)")
            self._lock_migrations(cur)
            cur.execute("SELECT MAX(version) FROM fp_schema_version")
            row = cur.fetchone()
            current = int(row[0]) if row and row[0] is not None else 0
            if current > newest:
                raise EventStoreError(
                    f"the event store has schema version {current}, newer than this "
                    f"firewall-proxy understands ({newest}): upgrade firewall-proxy"
                )
            for version, statements in self.MIGRATIONS:
                if version > current:
                    for statement in statements:
                        cur.execute(statement)
                    cur.execute(
                        self._sql("INSERT INTO fp_schema_version (version) VALUES (?)"), (version,)
                    )
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            cur.close()

    def schema_version(self) -> int:
        with self._tx() as cur:
            cur.execute("SELECT MAX(version) FROM fp_schema_version")
            return int(cur.fetchone()[0])

    # -- writes -----------------------------------------------------------------------

    @staticmethod
    def _rows(events: Sequence[Event]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """Rows for ``fp_events`` and ``fp_event_categories``, in column order."""
        rows: list[tuple[Any, ...]] = []
        category_rows: list[tuple[Any, ...]] = []
        for e in events:
            rows.append(
                (
                    e.id,
                    e.time,
                    e.project,
                    e.route,
                    e.action,
                    e.mode,
                    e.explanation,
                    e.request_id,
                    e.excerpt,
                    e.latency_ms,
                    e.to_json().decode(),
                )
            )
            category_rows.extend(
                (e.id, c, s, e.time, e.project, e.action) for c, s in e.categories.items()
            )
        return rows, category_rows

    def write(self, events: Sequence[Event]) -> None:
        if not events:
            return
        rows, category_rows = self._rows(events)
        with self._tx(write=True) as cur:
            cur.executemany(self._sql(_INSERT_EVENT), rows)
            if category_rows:
                cur.executemany(self._sql(_INSERT_CATEGORY), category_rows)

    def prune(self, *, max_age_s: float | None = None, max_events: int | None = None) -> int:
        deleted = 0
        with self._tx(write=True) as cur:
            cutoff: float | None = time.time() - max_age_s if max_age_s is not None else None
            if max_events is not None:
                cur.execute(
                    self._sql("SELECT time FROM fp_events ORDER BY time DESC LIMIT 1 OFFSET ?"),
                    (max_events,),
                )
                row = cur.fetchone()
                if row is not None:
                    # Everything at or before the (max_events+1)-th newest goes.
                    keep_after = float(row[0])
                    cur.execute(
                        self._sql("DELETE FROM fp_event_categories WHERE time <= ?"), (keep_after,)
                    )
                    cur.execute(self._sql("DELETE FROM fp_events WHERE time <= ?"), (keep_after,))
                    deleted += max(cur.rowcount, 0)
            if cutoff is not None:
                cur.execute(self._sql("DELETE FROM fp_event_categories WHERE time < ?"), (cutoff,))
                cur.execute(self._sql("DELETE FROM fp_events WHERE time < ?"), (cutoff,))
                deleted += max(cur.rowcount, 0)
        return deleted

    # -- reads --------------------------------------------------------------------------

    def get(self, event_id: str) -> Event | None:
        with self._tx() as cur:
            cur.execute(self._sql("SELECT body FROM fp_events WHERE id = ?"), (event_id,))
            row = cur.fetchone()
        return Event.from_dict(orjson.loads(row[0])) if row else None

    def query(self, q: EventQuery, *, limit: int = 50, offset: int = 0) -> Page:
        where, params = _where(q)
        with self._tx() as cur:
            cur.execute(self._sql(f"SELECT COUNT(*) FROM fp_events e{where}"), params)
            total = int(cur.fetchone()[0])
            cur.execute(
                self._sql(
                    f"SELECT body FROM fp_events e{where}"
                    " ORDER BY e.time DESC, e.id DESC LIMIT ? OFFSET ?"
                ),
                [*params, limit, offset],
            )
            rows = cur.fetchall()
        return Page([Event.from_dict(orjson.loads(r[0])) for r in rows], total, offset, limit)

    def iter_events(self, q: EventQuery, *, page_size: int = 1000) -> Iterator[Event]:
        """Every matching event, newest first, read page by page (for exports).

        Pages continue from the last (time, id) seen, not by offset, so events
        written during a long export neither repeat nor push others out.
        """
        where, params = _where(q)
        last: tuple[float, str] | None = None
        while True:
            clause, extra = where, list(params)
            if last is not None:
                clause += " AND " if clause else " WHERE "
                clause += "(e.time < ? OR (e.time = ? AND e.id < ?))"
                extra += [last[0], last[0], last[1]]
            with self._tx() as cur:
                cur.execute(
                    self._sql(
                        f"SELECT body FROM fp_events e{clause}"
                        " ORDER BY e.time DESC, e.id DESC LIMIT ?"
                    ),
                    [*extra, page_size],
                )
                rows = cur.fetchall()
            for row in rows:
                event = Event.from_dict(orjson.loads(row[0]))
                last = (event.time, event.id)
                yield event
            if len(rows) < page_size:
                return

    def category_counts(self, q: EventQuery) -> dict[str, int]:
        where, params = _where(q, alias="c")
        with self._tx() as cur:
            cur.execute(
                self._sql(
                    f"SELECT c.category, COUNT(*) FROM fp_event_categories c{where}"
                    " GROUP BY c.category ORDER BY COUNT(*) DESC, c.category"
                ),
                params,
            )
            return {str(c): int(n) for c, n in cur.fetchall()}

    def buckets(self, q: EventQuery, start: float, width: float, count: int) -> Buckets:
        if width <= 0 or count <= 0:
            raise ValueError("buckets need a positive width and count")
        window = EventQuery(q.project, q.action, q.category, start, start + width * count)
        out = Buckets(start, width, count)
        expr = self._bucket_expr()
        with self._tx() as cur:
            where, params = _where(window, alias="c")
            cur.execute(
                self._sql(
                    f"SELECT {expr.replace('time', 'c.time')} AS b, c.category,"
                    f" COUNT(*) FROM fp_event_categories c{where}"
                    " GROUP BY b, c.category"
                ),
                [start, width, *params],
            )
            for b, category, n in cur.fetchall():
                series = out.by_category.setdefault(str(category), [0] * count)
                series[min(max(int(b), 0), count - 1)] += int(n)
            where, params = _where(window)
            cur.execute(
                self._sql(
                    f"SELECT {expr.replace('time', 'e.time')} AS b, e.action,"
                    f" COUNT(*) FROM fp_events e{where} GROUP BY b, e.action"
                ),
                [start, width, *params],
            )
            for b, action, n in cur.fetchall():
                series = out.by_action.setdefault(str(action), [0] * count)
                series[min(max(int(b), 0), count - 1)] += int(n)
        return out

    def projects(self) -> list[str]:
        with self._tx() as cur:
            cur.execute("SELECT DISTINCT project FROM fp_events ORDER BY project LIMIT 500")
            return [str(r[0]) for r in cur.fetchall()]

    def count(self) -> int:
        with self._tx() as cur:
            cur.execute("SELECT COUNT(*) FROM fp_events")
            return int(cur.fetchone()[0])

"""The SQLite event store: the embedded default (one file, WAL, created on first use).

Flow position: events -> writer -> **store**. WAL lets the dashboard and the
CLI read while the writer writes; ``synchronous=NORMAL`` is durable across
process crashes (an OS crash may lose the last batch, like any WAL database).
A writer blocked by another process's lock waits ``busy_timeout`` seconds and
then fails the batch, which the event writer keeps and retries.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from firewall_proxy.events.store import SQLStore

__all__ = ["SQLiteStore"]

_V1 = (
    """CREATE TABLE fp_events (
        id TEXT PRIMARY KEY,
        time REAL NOT NULL,
        project TEXT NOT NULL,
        route TEXT NOT NULL,
        action TEXT NOT NULL,
        mode TEXT NOT NULL,
        explanation TEXT NOT NULL,
        request_id TEXT NOT NULL,
        excerpt TEXT NOT NULL,
        latency_ms REAL NOT NULL,
        body TEXT NOT NULL
    )""",
    "CREATE INDEX fp_events_time ON fp_events (time)",
    "CREATE INDEX fp_events_project_time ON fp_events (project, time)",
    """CREATE TABLE fp_event_categories (
        event_id TEXT NOT NULL,
        category TEXT NOT NULL,
        score REAL NOT NULL,
        time REAL NOT NULL,
        project TEXT NOT NULL,
        action TEXT NOT NULL,
        PRIMARY KEY (event_id, category)
    )""",
    "CREATE INDEX fp_event_categories_time ON fp_event_categories (category, time)",
    "CREATE INDEX fp_event_categories_t ON fp_event_categories (time)",
)


class SQLiteStore(SQLStore):
    """Events in one SQLite file (``":memory:"`` for a private in-memory database)."""

    MIGRATIONS = ((1, _V1),)

    def __init__(self, path: str | Path, *, busy_timeout: float = 5.0) -> None:
        super().__init__()
        self.path = str(path)
        self.busy_timeout = busy_timeout
        self._conn: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: transactions are opened explicitly in _begin.
            conn = sqlite3.connect(
                self.path, timeout=self.busy_timeout, check_same_thread=False, isolation_level=None
            )
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                self._migrate(conn)
            except BaseException:
                conn.close()
                raise
            self._conn = conn
        return self._conn

    def _begin(self, cur: Any, write: bool) -> None:
        # IMMEDIATE takes the write lock up front, so a locked database fails fast
        # and cleanly instead of half-way through a batch; reads never wait (WAL).
        cur.execute("BEGIN IMMEDIATE" if write else "BEGIN")

    def _reset(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    def _bucket_expr(self) -> str:
        # time >= start within the window, so truncation toward zero is floor.
        return "CAST((time - ?) / ? AS INTEGER)"

    def _lock_migrations(self, cur: Any) -> None:
        return None  # BEGIN IMMEDIATE already serialises writers across processes

    def close(self) -> None:
        with self._lock:
            self._reset()

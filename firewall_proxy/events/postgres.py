"""The PostgreSQL event store: one database shared by several firewall replicas.

Flow position: events -> writer -> **store**. Each replica holds one
connection (psycopg 3, opened on first use, re-opened after a failure).
Migrations run under a transaction-scoped advisory lock, so replicas that
start together apply each schema version exactly once. Writes are idempotent
by event id (``ON CONFLICT DO NOTHING``), so retried batches never duplicate.

Tables go to the connection's ``search_path``; to keep them in a schema of
their own, add ``options=-csearch_path%3Dmyschema`` to the DSN.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from firewall_proxy.events.model import Event
from firewall_proxy.events.store import CATEGORY_COLUMNS, EVENT_COLUMNS, SQLStore

__all__ = ["PostgresStore"]

_V1 = (
    """CREATE TABLE IF NOT EXISTS fp_events (
        id TEXT PRIMARY KEY,
        time DOUBLE PRECISION NOT NULL,
        project TEXT NOT NULL,
        route TEXT NOT NULL,
        action TEXT NOT NULL,
        mode TEXT NOT NULL,
        explanation TEXT NOT NULL,
        request_id TEXT NOT NULL,
        excerpt TEXT NOT NULL,
        latency_ms DOUBLE PRECISION NOT NULL,
        body TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS fp_events_time ON fp_events (time)",
    "CREATE INDEX IF NOT EXISTS fp_events_project_time ON fp_events (project, time)",
    """CREATE TABLE IF NOT EXISTS fp_event_categories (
        event_id TEXT NOT NULL,
        category TEXT NOT NULL,
        score DOUBLE PRECISION NOT NULL,
        time DOUBLE PRECISION NOT NULL,
        project TEXT NOT NULL,
        action TEXT NOT NULL,
        PRIMARY KEY (event_id, category)
    )""",
    "CREATE INDEX IF NOT EXISTS fp_event_categories_time ON fp_event_categories (category, time)",
    "CREATE INDEX IF NOT EXISTS fp_event_categories_t ON fp_event_categories (time)",
)

# Any constant shared by all replicas: it names the advisory lock migrations take.
_MIGRATION_LOCK = 0x46505F4556


class PostgresStore(SQLStore):
    """Events in a PostgreSQL database named by a libpq DSN or URL."""

    MIGRATIONS = ((1, _V1),)
    placeholder = "%s"

    def __init__(
        self, dsn: str, *, connect_timeout: float = 5.0, statement_timeout_ms: int = 30_000
    ) -> None:
        super().__init__()
        self.dsn = dsn
        self.connect_timeout = connect_timeout
        self.statement_timeout_ms = statement_timeout_ms
        self._conn: Any = None

    def _connection(self) -> Any:
        if self._conn is not None and self._conn.closed:
            self._conn = None
        if self._conn is None:
            import psycopg  # imported on first use: SQLite-only setups never load it

            conn = psycopg.connect(
                self.dsn,
                connect_timeout=max(1, round(self.connect_timeout)),
                application_name="firewall-proxy",
            )
            try:
                # A hung server must fail the batch (to be retried), not stall the writer.
                conn.execute(f"SET statement_timeout = {int(self.statement_timeout_ms)}")
                conn.commit()
                self._migrate(conn)
                # Session-private staging tables: COPY into them, then one INSERT ... ON
                # CONFLICT DO NOTHING. Half the CPU of executemany on both client and server.
                for table in ("fp_events", "fp_event_categories"):
                    conn.execute(
                        f"CREATE TEMP TABLE IF NOT EXISTS {table}_in "
                        f"(LIKE {table}) ON COMMIT DELETE ROWS"
                    )
                conn.commit()
            except BaseException:
                conn.close()
                raise
            self._conn = conn
        return self._conn

    def write(self, events: Sequence[Event]) -> None:
        if not events:
            return
        rows, category_rows = self._rows(events)
        with self._tx(write=True) as cur:
            for table, columns, data in (
                ("fp_events", EVENT_COLUMNS, rows),
                ("fp_event_categories", CATEGORY_COLUMNS, category_rows),
            ):
                if not data:
                    continue
                with cur.copy(f"COPY {table}_in ({columns}) FROM STDIN") as copy:
                    for row in data:
                        copy.write_row(row)
                cur.execute(
                    f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table}_in"
                    " ON CONFLICT DO NOTHING"
                )

    def _reset(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    def _bucket_expr(self) -> str:
        return "CAST(FLOOR((time - ?) / ?) AS INTEGER)"

    def _lock_migrations(self, cur: Any) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))

    def close(self) -> None:
        with self._lock:
            self._reset()

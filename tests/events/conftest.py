"""Fixtures for the events tests: generated events and fresh stores (SQLite, PostgreSQL)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from firewall_proxy.events.postgres import PostgresStore
from firewall_proxy.events.sqlite import SQLiteStore
from firewall_proxy.events.store import SQLStore

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"


def _pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_DSN, connect_timeout=2):
            return True
    except Exception:
        return False


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SQLiteStore]:
    store = SQLiteStore(tmp_path / "events.db")
    yield store
    store.close()


@pytest.fixture
def pg_dsn() -> Iterator[str]:
    """A DSN whose search_path is a fresh schema, dropped afterwards."""
    import psycopg

    if not _pg_available():  # CI and every developer machine run PostgreSQL: fail loudly
        pytest.fail(f"PostgreSQL is not reachable at {PG_DSN}")
    schema = f"fp_events_test_{secrets.token_hex(4)}"
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{PG_DSN}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def pg_store(pg_dsn: str) -> Iterator[PostgresStore]:
    store = PostgresStore(pg_dsn)
    yield store
    store.close()


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SQLStore]:
    """Each store test runs on both backends."""
    if request.param == "sqlite":
        s: SQLStore = SQLiteStore(tmp_path / "events.db")
    else:
        s = PostgresStore(request.getfixturevalue("pg_dsn"))
    yield s
    s.close()

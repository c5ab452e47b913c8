"""Events written, read back, filtered, counted, bucketed and pruned (SQLite, PostgreSQL)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from firewall_proxy._exceptions import EventStoreError
from firewall_proxy.events.sqlite import SQLiteStore
from firewall_proxy.events.store import EventQuery, SQLStore
from tests.events.factories import make_event


def test_written_events_read_back_identically(store: SQLStore) -> None:
    events = [make_event(i) for i in range(30)]
    store.write(events)
    for e in events:
        assert store.get(e.id) == e
    assert store.get("no-such-id") is None


def test_rewriting_a_batch_does_not_duplicate(store: SQLStore) -> None:
    events = [make_event(i) for i in range(10)]
    store.write(events)
    store.write([*events[5:], make_event(99)])  # a retried batch plus one new event
    assert store.query(EventQuery()).total == 11


def test_filters_and_paging(store: SQLStore) -> None:
    now = time.time()
    events = [make_event(i, now - i) for i in range(60)]
    store.write(events)
    page = store.query(EventQuery(project="shop", action="block"), limit=5)
    expected = [e for e in events if e.project == "shop" and e.action == "block"]
    assert page.total == len(expected)
    assert [e.id for e in page.events] == [e.id for e in expected[:5]]  # newest first
    second = store.query(EventQuery(project="shop", action="block"), limit=5, offset=5)
    assert [e.id for e in second.events] == [e.id for e in expected[5:10]]

    pii = store.query(EventQuery(category="pii"), limit=100)
    assert pii.total == sum("pii" in e.categories for e in events)
    assert all("pii" in e.categories for e in pii.events)

    window = store.query(EventQuery(since=now - 20.5, until=now - 9.5), limit=100)
    assert sorted(e.id for e in window.events) == sorted(e.id for e in events[10:21])


def test_counts_per_category(store: SQLStore) -> None:
    events = [make_event(i) for i in range(40)]
    store.write(events)
    expected: dict[str, int] = {}
    for e in events:
        for c in e.categories:
            expected[c] = expected.get(c, 0) + 1
    assert store.category_counts(EventQuery()) == expected
    bank = store.category_counts(EventQuery(project="bank"))
    assert sum(bank.values()) == sum(len(e.categories) for e in events if e.project == "bank")


def test_time_buckets_by_category_and_action(store: SQLStore) -> None:
    start = 1_800_000_000.0
    events = [make_event(i, start + i * 10) for i in range(36)]  # 6 minutes of events
    events.append(make_event(99, start - 5))  # before the window: not counted
    store.write(events)
    b = store.buckets(EventQuery(), start, 60.0, 6)
    assert b.count == 6
    for category, series in b.by_category.items():
        assert len(series) == 6
        for i in range(6):
            in_bucket = events[i * 6 : i * 6 + 6]
            assert series[i] == sum(category in e.categories for e in in_bucket)
    assert sum(sum(s) for s in b.by_action.values()) == 36  # each event once
    flags = store.buckets(EventQuery(action="flag"), start, 60.0, 6)
    assert set(flags.by_action) == {"flag"}


def test_retention_by_count_keeps_the_newest(store: SQLStore) -> None:
    now = time.time()
    events = [make_event(i, now - i) for i in range(25)]
    store.write(events)
    store.prune(max_events=10)
    kept = store.query(EventQuery(), limit=100).events
    assert [e.id for e in kept] == [e.id for e in events[:10]]
    assert sum(store.category_counts(EventQuery()).values()) == sum(
        len(e.categories) for e in events[:10]
    )


def test_retention_by_age(store: SQLStore) -> None:
    now = time.time()
    old = [make_event(i, now - 10 * 86400 - i) for i in range(5)]
    new = [make_event(100 + i, now - 3600 - i) for i in range(5)]
    store.write(old + new)
    assert store.prune(max_age_s=7 * 86400) == 5
    assert sorted(e.id for e in store.query(EventQuery()).events) == sorted(e.id for e in new)


def test_projects_listed(store: SQLStore) -> None:
    store.write([make_event(i) for i in range(4)])
    assert store.projects() == ["bank", "shop"]


def test_sqlite_file_created_on_first_use_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "events.db"
    store = SQLiteStore(path)
    assert not path.exists()  # opening a store touches nothing
    store.write([make_event(1)])
    store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT MAX(version) FROM fp_schema_version").fetchone()[0] == 1


def test_reopening_keeps_events_and_applies_no_migration_twice(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    first = SQLiteStore(path)
    first.write([make_event(1)])
    first.close()
    second = SQLiteStore(path)
    assert second.query(EventQuery()).total == 1
    second.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM fp_schema_version").fetchone()[0] == 1


def test_newer_schema_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    SQLiteStore(path).migrate()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO fp_schema_version (version) VALUES (99)")
    with pytest.raises(EventStoreError, match="schema version 99"):
        SQLiteStore(path).write([make_event(1)])


def test_postgres_replicas_share_one_store(pg_dsn: str) -> None:
    from firewall_proxy.events.postgres import PostgresStore

    a, b = PostgresStore(pg_dsn), PostgresStore(pg_dsn)
    try:
        a.write([make_event(1)])
        b.write([make_event(2)])
        assert a.query(EventQuery()).total == 2 == b.query(EventQuery()).total
    finally:
        a.close()
        b.close()


def test_export_iterates_every_event_once_across_pages(store: SQLStore) -> None:
    same_time = 1_800_000_000.0
    events = [make_event(i, same_time - (i // 3)) for i in range(25)]  # ties on time
    store.write(events)
    seen = [e.id for e in store.iter_events(EventQuery(), page_size=4)]
    assert sorted(seen) == sorted(e.id for e in events)
    assert len(seen) == len(set(seen))
    pii = [e.id for e in store.iter_events(EventQuery(category="pii"), page_size=2)]
    assert sorted(pii) == sorted(e.id for e in events if "pii" in e.categories)

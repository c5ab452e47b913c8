"""Store URLs and the sink the policy's ``events`` section configures."""

from __future__ import annotations

from pathlib import Path

import pytest

from firewall_proxy._exceptions import EventStoreError
from firewall_proxy.events import NullSink, QueueSink, open_sink, open_store
from firewall_proxy.events.postgres import PostgresStore
from firewall_proxy.events.sqlite import SQLiteStore
from firewall_proxy.policy.loader import load_policy_text


@pytest.mark.parametrize(
    ("url", "path"),
    [
        (None, "firewall-events.db"),
        ("sqlite:///data/events.db", "data/events.db"),
        ("sqlite:////var/lib/fp/events.db", "/var/lib/fp/events.db"),
        ("events.db", "events.db"),
    ],
)
def test_sqlite_urls(url: str | None, path: str) -> None:
    store = open_store(url)
    assert isinstance(store, SQLiteStore) and store.path == path


def test_postgres_urls() -> None:
    for url in ("postgresql://u@h:5432/db", "postgres://u@h/db"):
        store = open_store(url)
        assert isinstance(store, PostgresStore) and store.dsn == url


@pytest.mark.parametrize("url", ["mysql://h/db", "sqlite://relative.db", "sqlite:///"])
def test_bad_urls_name_the_problem(url: str) -> None:
    with pytest.raises(EventStoreError, match="URL"):
        open_store(url)


def test_none_records_nothing() -> None:
    assert isinstance(open_sink("none"), NullSink)


def test_policy_events_section_configures_the_sink(tmp_path: Path) -> None:
    policy = load_policy_text(
        "version: 1\nevents: {overflow: drop, queue_size: 123, retention_days: 7,"
        " retention_max_events: 5000}\n",
        "p.yaml",
    )
    sink = open_sink(f"sqlite:///{tmp_path / 'e.db'}", policy.events)
    assert isinstance(sink, QueueSink)
    assert (sink.overflow, sink.queue_size) == ("drop", 123)
    assert (sink.retention_days, sink.retention_max_events) == (7, 5000)
    assert sink.spill_path == tmp_path / "e.db.spill.jsonl"
    assert not (tmp_path / "e.db").exists()  # nothing opened before the server starts


def test_policy_rejects_an_unknown_overflow_mode() -> None:
    from firewall_proxy._exceptions import PolicyError

    with pytest.raises(PolicyError, match="overflow"):
        load_policy_text("version: 1\nevents: {overflow: explode}\n", "p.yaml")

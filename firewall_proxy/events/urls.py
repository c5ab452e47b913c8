"""Store URLs: how ``serve``, the dashboard and the CLI name the same event store.

Flow position: configuration, before the flow starts. ``open_store`` parses a
URL into a store; ``open_sink`` wraps it in the batching writer configured by
the policy's ``events`` section.

=====================================  =====================================
``None`` / ``""``                      ``./firewall-events.db`` (SQLite)
``sqlite:///relative/path.db``         SQLite file relative to the working dir
``sqlite:////absolute/path.db``        SQLite file at an absolute path
``path/to/file.db``                    SQLite file (no scheme)
``postgresql://user@host:5432/db``     PostgreSQL (also ``postgres://``)
``none``                               no store: events are discarded
=====================================  =====================================
"""

from __future__ import annotations

from pathlib import Path

from firewall_proxy._exceptions import EventStoreError
from firewall_proxy.events.model import EventSink, NullSink
from firewall_proxy.events.store import SQLStore
from firewall_proxy.policy.models import EventsConfig

__all__ = ["DEFAULT_STORE", "open_sink", "open_store", "spill_path_for"]

DEFAULT_STORE = "sqlite:///firewall-events.db"


def open_store(url: str | None) -> SQLStore:
    """The store a URL names (opened lazily: nothing touches disk or network yet)."""
    url = (url or DEFAULT_STORE).strip()
    if url.startswith(("postgresql://", "postgres://")):
        from firewall_proxy.events.postgres import PostgresStore

        return PostgresStore(url)
    from firewall_proxy.events.sqlite import SQLiteStore

    if url.startswith("sqlite://"):
        path = url[len("sqlite://") :]
        if not path.startswith("/") or path == "/":
            raise EventStoreError(f"bad SQLite URL {url!r}: expected sqlite:///path.db")
        return SQLiteStore(path[1:])
    if "://" in url or url == "none":
        raise EventStoreError(
            f"unsupported event store URL {url!r}: use sqlite:///path.db or postgresql://..."
        )
    return SQLiteStore(url)


def spill_path_for(url: str | None) -> Path:
    """Where events go when the queue overflows: beside a SQLite file, else ``./``."""
    store = open_store(url)
    path = getattr(store, "path", None)
    if isinstance(path, str) and path != ":memory:":
        return Path(path + ".spill.jsonl")
    return Path("firewall-events.spill.jsonl")


def open_sink(
    url: str | None,
    config: EventsConfig | None = None,
    *,
    spill_path: str | Path | None = None,
    batch_size: int = 500,
    flush_interval: float = 0.5,
) -> EventSink:
    """The sink ``serve`` gives the engine: a batching writer into the store ``url`` names.

    ``config`` is the policy's ``events`` section (overflow, queue size, retention).
    """
    if url is not None and url.strip() == "none":
        return NullSink()
    from firewall_proxy.events.writer import QueueSink

    cfg = config or EventsConfig.model_validate({})
    return QueueSink(
        open_store(url),
        queue_size=cfg.queue_size,
        batch_size=batch_size,
        flush_interval=flush_interval,
        overflow=cfg.overflow,
        spill_path=spill_path if spill_path is not None else spill_path_for(url),
        retention_days=cfg.retention_days,
        retention_max_events=cfg.retention_max_events,
    )

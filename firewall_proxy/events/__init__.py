"""Events: what the firewall records for every non-passing decision, and where it goes.

``open_sink(url, policy.events)`` gives the engine a batching writer into the
store a URL names (SQLite by default, PostgreSQL by DSN); ``open_store(url)``
gives the dashboard and the CLI the same store to read.
"""

from firewall_proxy.events.model import Event, EventSink, MemorySink, NullSink
from firewall_proxy.events.store import Buckets, EventQuery, EventStore, Page
from firewall_proxy.events.urls import DEFAULT_STORE, open_sink, open_store
from firewall_proxy.events.writer import QueueSink, SinkStats

__all__ = [
    "DEFAULT_STORE",
    "Buckets",
    "Event",
    "EventQuery",
    "EventSink",
    "EventStore",
    "MemorySink",
    "NullSink",
    "Page",
    "QueueSink",
    "SinkStats",
    "open_sink",
    "open_store",
]

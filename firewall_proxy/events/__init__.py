"""Events: what the firewall records for every non-passing decision."""

from firewall_proxy.events.model import Event, EventSink, MemorySink, NullSink

__all__ = ["Event", "EventSink", "MemorySink", "NullSink"]

"""The event recorded for every non-passing decision, and the sink contract.

Flow position: decide -> **events**. Enforcement calls :meth:`EventSink.emit`
on the request path; a sink must return at once (queue, never write inline).
Passing requests are counted by metrics, not stored.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import orjson

from firewall_proxy.findings import Verdict

__all__ = ["Event", "EventSink", "MemorySink", "NullSink"]


@dataclass(slots=True)
class Event:
    """One non-passing decision, safe to store: ``excerpt`` is already redacted
    (or empty) as the policy's ``events.excerpt`` says; nothing else holds user text."""

    id: str
    time: float
    project: str
    route: str
    action: str
    mode: str
    categories: dict[str, float]
    explanation: str
    findings: list[dict[str, Any]]
    undecided: list[dict[str, str]]
    evaluator_ms: dict[str, float]
    latency_ms: float
    request_id: str = ""
    excerpt: str = ""
    image: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_verdict(
        cls,
        verdict: Verdict,
        *,
        project: str,
        route: str,
        excerpt: str = "",
        request_id: str = "",
        image: dict[str, Any] | None = None,
    ) -> Event:
        categories: dict[str, float] = {}
        for f in verdict.findings:
            categories[f.category] = max(categories.get(f.category, 0.0), round(f.score, 4))
        if verdict.cannot_decide:
            categories.setdefault("cannot_decide", 1.0)
        return cls(
            id=verdict.id,
            time=time.time(),
            project=project,
            route=route,
            action=verdict.action.value,
            mode=verdict.mode.value,
            categories=categories,
            explanation=verdict.explanation,
            findings=[f.to_dict() for f in verdict.findings],
            undecided=[u.to_dict() for u in verdict.undecided],
            evaluator_ms={k: round(v, 3) for k, v in verdict.evaluator_ms.items()},
            latency_ms=round(verdict.latency_ms, 3),
            request_id=request_id,
            excerpt=excerpt,
            image=image,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """The inverse of :meth:`to_dict` (events read back from a store or spill file)."""
        return cls(
            id=str(data["id"]),
            time=float(data["time"]),
            project=str(data.get("project", "")),
            route=str(data.get("route", "")),
            action=str(data.get("action", "")),
            mode=str(data.get("mode", "")),
            categories={str(k): float(v) for k, v in (data.get("categories") or {}).items()},
            explanation=str(data.get("explanation", "")),
            findings=list(data.get("findings") or []),
            undecided=list(data.get("undecided") or []),
            evaluator_ms={str(k): float(v) for k, v in (data.get("evaluator_ms") or {}).items()},
            latency_ms=float(data.get("latency_ms", 0.0)),
            request_id=str(data.get("request_id", "")),
            excerpt=str(data.get("excerpt", "")),
            image=data.get("image"),
            extra=dict(data.get("extra") or {}),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "time": self.time,
            "project": self.project,
            "route": self.route,
            "action": self.action,
            "mode": self.mode,
            "categories": self.categories,
            "explanation": self.explanation,
            "findings": self.findings,
            "undecided": self.undecided,
            "evaluator_ms": self.evaluator_ms,
            "latency_ms": self.latency_ms,
            "request_id": self.request_id,
            "excerpt": self.excerpt,
            "image": self.image,
            "extra": self.extra,
        }

    def to_json(self) -> bytes:
        """The event as JSON, as stores and the spill file keep it.

        Never raises on what an evaluator put in its findings (numpy numbers,
        non-``str`` keys, other objects): an event that cannot be encoded would
        fail its whole batch on every retry and hold back every event after it.
        """
        return orjson.dumps(
            self.to_dict(),
            option=orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY,
            default=_json_default,
        )


def _json_default(value: Any) -> Any:
    """What orjson does not encode itself: numpy-like values as lists or numbers, sets
    as lists, anything else as its text."""
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return tolist()
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    return str(value)


@runtime_checkable
class EventSink(Protocol):
    """Where events go. ``emit`` must not block; ``start``/``close`` bracket the
    server's lifetime (``close`` flushes everything still queued)."""

    def emit(self, event: Event) -> None: ...

    async def start(self) -> None: ...

    async def close(self) -> None: ...


class NullSink:
    """Drops events (for benchmarks and embedded use without a store)."""

    def emit(self, event: Event) -> None:
        return None

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        return None


class MemorySink:
    """Keeps the last ``maxlen`` events in memory (tests, ``scan``, small setups)."""

    def __init__(self, maxlen: int = 10_000) -> None:
        self.events: deque[Event] = deque(maxlen=maxlen)

    def emit(self, event: Event) -> None:
        self.events.append(event)

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        return None

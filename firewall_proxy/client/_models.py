"""The client's configuration (:class:`Integration`) and result (:class:`FirewallVerdict`).

Flow position: the application's side of the verdict API. ``FirewallVerdict``
reads both answer shapes (``default`` and ``aiandme``) into the same fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["FirewallVerdict", "Integration"]


@dataclass(frozen=True, slots=True)
class Integration:
    """Where the firewall is and how to talk to it.

    ``endpoint`` is the project's URL, e.g. ``http://127.0.0.1:8080/firewall/support``.
    Connection errors and 429/502/503/504 are retried up to ``max_retries``
    times with exponential backoff from ``backoff`` seconds (capped at
    ``max_backoff``, with jitter); a ``Retry-After`` is honoured unless it
    exceeds ``max_retry_after``, in which case the error is raised at once.
    """

    endpoint: str
    api_key: str
    timeout: float = 10.0
    connect_timeout: float = 5.0
    max_retries: int = 3
    backoff: float = 0.2
    max_backoff: float = 5.0
    max_retry_after: float = 30.0

    def __post_init__(self) -> None:
        if not self.endpoint.startswith(("http://", "https://")):
            raise ValueError(f"endpoint must be an http(s) URL, got {self.endpoint!r}")
        if not self.api_key:
            raise ValueError("api_key must not be empty")
        if self.max_retries < 0 or self.timeout <= 0 or self.backoff < 0:
            raise ValueError("max_retries and backoff must be >= 0 and timeout > 0")

    def __repr__(self) -> str:  # the key never appears in logs or tracebacks
        return f"Integration(endpoint={self.endpoint!r}, api_key='***')"


@dataclass(frozen=True, slots=True)
class FirewallVerdict:
    """The firewall's verdict on one input.

    ``status`` is True when the input may proceed; otherwise ``fail_category``
    says why (``off_topic``, ``violation``, ``restriction``, ``injection``,
    ``jailbreak``, ``harmful``, ``pii``, ...). ``explanation`` is always the
    human explanation, whichever shape the server answers in.
    """

    id: str
    status: bool
    action: str | None
    fail_category: str | None
    explanation: str
    confidence: float
    findings: list[dict[str, Any]] = field(default_factory=list)
    latency_ms: float = 0.0
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def passed(self) -> bool:
        return self.status

    @classmethod
    def from_body(cls, body: dict[str, Any]) -> FirewallVerdict:
        """Read an answer body (raises ``KeyError``/``TypeError``/``ValueError`` if malformed)."""
        aiandme = "reason" in body
        status = body["status"]
        if not isinstance(status, bool):
            raise TypeError("'status' must be a boolean")
        category = body.get("fail_category")
        if aiandme and category == "pass":
            category = None
        findings = body.get("findings") or []
        if not isinstance(findings, list):
            raise TypeError("'findings' must be a list")
        return cls(
            id=str(body["id"]),
            status=status,
            action=body.get("action"),
            fail_category=category,
            explanation=str(body["reason"] if aiandme else body["explanation"]),
            confidence=float(body.get("confidence") or 0.0),
            findings=findings,
            latency_ms=float(body.get("latency_ms") or 0.0),
            raw=body,
        )

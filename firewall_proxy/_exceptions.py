"""Every exception firewall-proxy raises, in one place.

::

    FirewallProxyError            base of everything below
    ├── PolicyError               a policy file is wrong (carries file/line/field issues)
    ├── RequestError              a client's request cannot be evaluated (status + field)
    │   ├── PayloadTooLarge       413: body over the route's limit
    │   └── MalformedPayload      400: body does not parse as the route expects
    ├── UpstreamError             the proxied application failed (502 / 504)
    ├── EventStoreError           the event store URL is wrong, or its schema is newer
    │                             than this version understands (write failures are
    │                             retried by the event writer, never raised to requests)
    └── BatchError                ``firewall-proxy test`` cannot run: an unreadable data
                                  path or baseline report, or a worker process failed

Lower-layer errors (YAML, pydantic, aiohttp) are converted at the boundary with
``raise ... from exc`` so callers only ever catch these.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BatchError",
    "EventStoreError",
    "FirewallProxyError",
    "MalformedPayload",
    "PayloadTooLarge",
    "PolicyError",
    "PolicyIssue",
    "RequestError",
    "UpstreamError",
]


class FirewallProxyError(Exception):
    """Base class of every firewall-proxy error."""


@dataclass(frozen=True, slots=True)
class PolicyIssue:
    """One problem in a policy file: where it is and what was expected."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field or '<root>'}: {self.message}"


class PolicyError(FirewallProxyError):
    """A policy file (or policy object) is invalid. ``issues`` lists every problem."""

    def __init__(self, message: str, issues: list[PolicyIssue] | None = None) -> None:
        self.issues = issues or []
        if self.issues:
            message = message + "\n" + "\n".join(f"  {i}" for i in self.issues)
        super().__init__(message)


class RequestError(FirewallProxyError):
    """A client's request cannot be evaluated; answered with ``status`` and a JSON error."""

    status: int = 400
    code: str = "bad_request"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class PayloadTooLarge(RequestError):
    status = 413
    code = "payload_too_large"


class MalformedPayload(RequestError):
    status = 400
    code = "malformed_payload"


class UpstreamError(FirewallProxyError):
    """The upstream application refused, failed or timed out."""

    def __init__(self, message: str, *, status: int = 502, code: str = "upstream_error") -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


class EventStoreError(FirewallProxyError):
    """The event store cannot be opened: a bad URL, or a schema from a newer version."""


class BatchError(FirewallProxyError):
    """A batch run (``firewall-proxy test``) cannot go on: bad input path or
    baseline report, or a worker process that failed or died."""

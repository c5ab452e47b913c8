"""Every exception the verdict API client raises, in one place.

::

    FirewallError                  base: every failure; never a silent ``None``
    ├── FirewallCannotDecide       418: the firewall could not decide (``.verdict`` has details)
    ├── FirewallNotAuthorised      401 / 403: missing, wrong, revoked or other-project key
    │   └── FirewallProjectNotFound  404: no such project at this endpoint
    ├── FirewallRequestRejected    413 / 422: the request itself is wrong (``.field``)
    ├── FirewallRateLimited        429 after the retries (``.retry_after`` seconds)
    ├── FirewallServerError        5xx (502/503/504 after the retries)
    ├── FirewallConnectionError    cannot connect / connection dropped, after the retries
    ├── FirewallTimeout            no answer within the timeout
    └── FirewallBadResponse        an answer that is not the verdict API's (status or body)

Transport errors (httpx) are converted here with ``raise ... from exc``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from firewall_proxy.client._models import FirewallVerdict

__all__ = [
    "FirewallBadResponse",
    "FirewallCannotDecide",
    "FirewallConnectionError",
    "FirewallError",
    "FirewallNotAuthorised",
    "FirewallProjectNotFound",
    "FirewallRateLimited",
    "FirewallRequestRejected",
    "FirewallServerError",
    "FirewallTimeout",
]


class FirewallError(Exception):
    """Base of every client error. ``status_code``/``body`` are set when the server answered."""

    def __init__(self, message: str, *, status_code: int | None = None, body: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.body = body


class FirewallCannotDecide(FirewallError):
    """418: an evaluator failed or timed out and nothing decisive was found."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = 418,
        body: Any = None,
        verdict: FirewallVerdict | None = None,
    ) -> None:
        super().__init__(message, status_code=status_code, body=body)
        self.verdict = verdict


class FirewallNotAuthorised(FirewallError):
    """401 (no/unknown/revoked key) or 403 (key for another project)."""


class FirewallProjectNotFound(FirewallNotAuthorised):
    """404: the endpoint names a project this server does not have."""


class FirewallRequestRejected(FirewallError):
    """413 (too large) or 422 (malformed); ``field`` names the offending field."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        body: Any = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message, status_code=status_code, body=body)
        self.field = field


class FirewallRateLimited(FirewallError):
    """429, still, after the allowed retries; ``retry_after`` is the server's hint in seconds."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = 429,
        body: Any = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status_code=status_code, body=body)
        self.retry_after = retry_after


class FirewallServerError(FirewallError):
    """The firewall answered 5xx (for 502/503/504: after the allowed retries)."""


class FirewallConnectionError(FirewallError):
    """No connection could be made, or it dropped, after the allowed retries."""


class FirewallTimeout(FirewallError):
    """The firewall did not answer within the timeout."""


class FirewallBadResponse(FirewallError):
    """An answer that is not a verdict API answer (unexpected status, not JSON, fields missing)."""

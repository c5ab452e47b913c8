"""What the sync and async clients share: request bodies, reading answers, retry timing.

Flow position: the application's side of ``POST /firewall/{project_id}``. The
two clients differ only in how they send and sleep; every decision (retry or
not, how long to wait, which exception) is made here, once.
"""

from __future__ import annotations

import contextlib
import email.utils
import random
import time
from dataclasses import dataclass
from typing import Any

import httpx

from firewall_proxy.client._errors import (
    FirewallBadResponse,
    FirewallCannotDecide,
    FirewallConnectionError,
    FirewallError,
    FirewallNotAuthorised,
    FirewallProjectNotFound,
    FirewallRateLimited,
    FirewallRequestRejected,
    FirewallServerError,
    FirewallTimeout,
)
from firewall_proxy.client._models import FirewallVerdict, Integration

__all__ = [
    "RETRY_STATUSES",
    "Retry",
    "backoff_delay",
    "headers_for",
    "interpret",
    "prompt_body",
    "retry_after_seconds",
    "transport_error",
    "user_agent",
]

RETRY_STATUSES = frozenset({429, 502, 503, 504})
# Errors where the request may not have reached the firewall, or the pooled
# connection was stale: safe to retry because an evaluation has no side effect
# beyond (at most) a duplicate event.
RETRY_EXCEPTIONS = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.RemoteProtocolError,
    httpx.ReadError,
    httpx.WriteError,
    httpx.PoolTimeout,
)


def user_agent() -> str:
    return "firewall-proxy-client/1"


def headers_for(integration: Integration) -> dict[str, str]:
    return {
        "authorization": f"Bearer {integration.api_key}",
        "accept": "application/json",
        "user-agent": user_agent(),
    }


def prompt_body(user_prompt: str, agent_prompt: str | None) -> dict[str, Any]:
    if not isinstance(user_prompt, str):
        raise TypeError("user_prompt must be a string")
    body: dict[str, Any] = {"prompt": user_prompt}
    if agent_prompt is not None:
        body["agent_prompt"] = agent_prompt
    return body


@dataclass(frozen=True, slots=True)
class Retry:
    """Returned by :func:`interpret` for a retryable answer; ``error`` if no retry is left."""

    delay: float | None
    error: FirewallError


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def backoff_delay(integration: Integration, attempt: int) -> float:
    """Exponential backoff with "equal jitter": between half and all of the capped delay."""
    base = min(integration.max_backoff, integration.backoff * 2.0**attempt)
    return base / 2 + random.uniform(0, base / 2)


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError as exc:
        raise FirewallBadResponse(
            f"HTTP {response.status_code} with a body that is not JSON",
            status_code=response.status_code,
            body=response.text[:500],
        ) from exc
    if not isinstance(body, dict):
        raise FirewallBadResponse(
            f"HTTP {response.status_code} with a non-object JSON body",
            status_code=response.status_code,
            body=body,
        )
    return body


def _message(body: dict[str, Any], default: str) -> str:
    error = body.get("error")
    if isinstance(error, dict) and isinstance(error.get("message"), str):
        return str(error["message"])
    for key in ("message", "reason", "explanation"):
        if isinstance(body.get(key), str):
            return str(body[key])
    return default


def _verdict(response: httpx.Response, body: dict[str, Any]) -> FirewallVerdict:
    try:
        return FirewallVerdict.from_body(body)
    except (KeyError, TypeError, ValueError) as exc:
        raise FirewallBadResponse(
            f"HTTP {response.status_code}: not a verdict ({exc})",
            status_code=response.status_code,
            body=body,
        ) from exc


def interpret(
    integration: Integration, response: httpx.Response, attempt: int
) -> FirewallVerdict | Retry:
    """An answer -> the verdict, a :class:`Retry`, or a raised :class:`FirewallError`."""
    code = response.status_code
    if code in (200, 406):
        return _verdict(response, _json(response))
    if code in RETRY_STATUSES:
        hint = retry_after_seconds(response.headers.get("retry-after"))
        try:
            body: Any = response.json()
        except ValueError:
            body = response.text[:500]
        message = _message(body, f"HTTP {code}") if isinstance(body, dict) else f"HTTP {code}"
        error: FirewallError
        if code == 429:
            error = FirewallRateLimited(f"rate limited: {message}", body=body, retry_after=hint)
        else:
            error = FirewallServerError(
                f"firewall unavailable (HTTP {code}): {message}", status_code=code, body=body
            )
        if attempt >= integration.max_retries or (
            hint is not None and hint > integration.max_retry_after
        ):
            return Retry(None, error)
        return Retry(hint if hint is not None else backoff_delay(integration, attempt), error)
    if code >= 500:
        raise FirewallServerError(
            f"firewall error (HTTP {code})", status_code=code, body=response.text[:500]
        )
    body = _json(response)
    message = _message(body, f"HTTP {code}")
    if code == 418:
        verdict = None
        with contextlib.suppress(KeyError, TypeError, ValueError):
            verdict = FirewallVerdict.from_body(body)
        raise FirewallCannotDecide(
            f"the firewall cannot decide: {message}", body=body, verdict=verdict
        )
    if code in (401, 403):
        raise FirewallNotAuthorised(message, status_code=code, body=body)
    if code == 404:
        raise FirewallProjectNotFound(message, status_code=code, body=body)
    if code in (400, 413, 422):
        error_obj = body.get("error")
        field = error_obj.get("field") if isinstance(error_obj, dict) else None
        raise FirewallRequestRejected(
            message, status_code=code, body=body, field=field if isinstance(field, str) else None
        )
    raise FirewallBadResponse(f"unexpected HTTP {code}: {message}", status_code=code, body=body)


def transport_error(integration: Integration, exc: httpx.HTTPError, attempt: int) -> Retry:
    """A transport failure -> a :class:`Retry` (``delay`` None when it must not be retried)."""
    if isinstance(exc, httpx.TimeoutException) and not isinstance(
        exc, httpx.ConnectTimeout | httpx.PoolTimeout
    ):
        return Retry(
            None,
            FirewallTimeout(
                f"no answer from {integration.endpoint} within {integration.timeout} s"
            ),
        )
    error = FirewallConnectionError(
        f"cannot reach the firewall at {integration.endpoint}: {type(exc).__name__}: {exc}"
    )
    if not isinstance(exc, RETRY_EXCEPTIONS) or attempt >= integration.max_retries:
        return Retry(None, error)
    return Retry(backoff_delay(integration, attempt), error)

"""Answers the firewall gives itself: blocks and request errors, shaped like the
API of the route they answer (an OpenAI client gets an OpenAI-shaped error).

Plain ASGI: a short-circuit is two ``send`` calls, before anything of the
upstream's response has been sent.
"""

from __future__ import annotations

from typing import Any

import orjson

from firewall_proxy._exceptions import RequestError
from firewall_proxy.enforce.asgi import Send
from firewall_proxy.findings import Verdict
from firewall_proxy.policy.models import BlockResponse, Route

__all__ = ["block_body", "error_body", "firewall_headers", "response_format", "send_json"]


def response_format(route: Route | None) -> str:
    if route is None:
        return "json"
    if route.response_format != "auto":
        return route.response_format
    if route.extractor == "openai_chat":
        return "openai"
    if route.extractor == "anthropic_messages":
        return "anthropic"
    return "json"


def firewall_headers(verdict: Verdict, *, shadow: bool = False) -> list[tuple[bytes, bytes]]:
    """``X-Firewall-*`` headers that tell a caller what the firewall did and where to look."""
    action_header = b"x-firewall-shadow-action" if shadow else b"x-firewall-action"
    headers = [
        (action_header, verdict.action.value.encode()),
        (b"x-firewall-event-id", verdict.id.encode()),
    ]
    if verdict.categories:
        headers.append((b"x-firewall-categories", ",".join(verdict.categories).encode()))
    return headers


def block_body(verdict: Verdict, cfg: BlockResponse, fmt: str) -> dict[str, Any]:
    if cfg.body is not None:
        return cfg.body
    categories = verdict.categories
    detail = {"id": verdict.id, "action": verdict.action.value, "categories": categories}
    if fmt == "openai":
        return {
            "error": {
                "message": cfg.message,
                "type": "firewall_block",
                "param": None,
                "code": "content_blocked",
                "firewall": detail,
            }
        }
    if fmt == "anthropic":
        return {
            "type": "error",
            "error": {"type": "permission_error", "message": cfg.message},
            "firewall": detail,
        }
    return {"error": {"code": "blocked", "message": cfg.message, **detail}}


def error_body(
    error: RequestError | Exception, status: int, code: str, fmt: str, event_id: str | None = None
) -> dict[str, Any]:
    message = error.message if isinstance(error, RequestError) else str(error)
    field = error.field if isinstance(error, RequestError) else None
    if fmt == "openai":
        return {
            "error": {
                "message": message,
                "type": "invalid_request_error",
                "param": field,
                "code": code,
                "event_id": event_id,
            }
        }
    if fmt == "anthropic":
        return {
            "type": "error",
            "error": {"type": "invalid_request_error", "message": message},
            "field": field,
            "event_id": event_id,
        }
    body: dict[str, Any] = {"error": {"code": code, "message": message, "status": status}}
    if field:
        body["error"]["field"] = field
    if event_id:
        body["error"]["event_id"] = event_id
    return body


async def send_json(
    send: Send, status: int, body: Any, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    raw = orjson.dumps(body)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(raw)).encode()),
                *(headers or ()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": raw, "more_body": False})

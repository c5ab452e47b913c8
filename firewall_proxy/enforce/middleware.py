"""``FirewallMiddleware``: the firewall as pure ASGI middleware.

Flow position: **enforce**, in front of any ASGI app (Starlette, FastAPI, or
the reverse proxy of :mod:`firewall_proxy.enforce.proxy`). For a request on
one of the policy's routes it drains the body up to the limit (413 past it),
lets the :class:`~firewall_proxy.engine.Engine` decide, and then either answers
itself (block, malformed body) before the app sees anything, or replays the
body (imputed when the verdict says so, with a corrected ``content-length``) to
the app in a single ``http.request`` message. Other scopes and routes pass
straight through; ``http.disconnect`` is passed on to the app.

    app.add_middleware(FirewallMiddleware, policy="policies/default.yaml")
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from firewall_proxy._exceptions import PayloadTooLarge, RequestError
from firewall_proxy.enforce.asgi import ASGIApp, Message, Receive, Scope, Send
from firewall_proxy.enforce.outbound import outbound_guard  # outbound hook (issue 4)
from firewall_proxy.enforce.responses import (
    block_body,
    error_body,
    firewall_headers,
    response_format,
    send_json,
)
from firewall_proxy.engine import Engine, Inspection
from firewall_proxy.events.model import EventSink
from firewall_proxy.findings import Action, Mode
from firewall_proxy.metrics import Metrics
from firewall_proxy.policy.loader import load_policy
from firewall_proxy.policy.models import Policy, Route

__all__ = ["FirewallMiddleware"]


class FirewallMiddleware:
    """Pure ASGI firewall middleware.

    ``policy`` is a path to a policy file, a :class:`Policy`, or a ready
    :class:`Engine` (to share one engine between several apps). ``events``
    receives an event for every non-passing decision.
    """

    def __init__(
        self,
        app: ASGIApp,
        policy: str | Path | Policy | Engine,
        *,
        events: EventSink | None = None,
        project: str = "default",
        metrics: Metrics | None = None,
    ) -> None:
        self.app = app
        self.metrics = metrics  # metrics hook (issue 8): counts every inspected request
        if isinstance(policy, Engine):
            self.engine = policy
            if events is not None:
                self.engine.events = events
        else:
            loaded = policy if isinstance(policy, Policy) else load_policy(policy)
            self.engine = Engine(loaded, events=events, project=project)
        self.policy = self.engine.policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            route = self.engine.match(scope["method"], scope["path"])
            if route is not None:
                await self._guard(route, scope, receive, send)
            elif self.policy.unmatched_routes == "block":
                await self._refuse_unmatched(scope, send)
            else:
                if self.metrics is not None:  # metrics hook (issue 8)
                    self.metrics.observe_request(self.engine.project, "(unmatched)", "forward")
                await self.app(scope, receive, send)
        elif scope["type"] == "lifespan":
            await self.app(scope, self._lifespan_receive(receive), send)
        else:
            await self.app(scope, receive, send)

    def _lifespan_receive(self, receive: Receive) -> Receive:
        """Load evaluators and start the event sink with the app; flush events on shutdown."""
        engine = self.engine

        async def wrapped() -> Message:
            message = await receive()
            if message["type"] == "lifespan.startup":
                engine.load()
                await engine.events.start()
            elif message["type"] == "lifespan.shutdown":
                await engine.events.close()
                await engine.aclose()
            return message

        return wrapped

    async def _guard(self, route: Route, scope: Scope, receive: Receive, send: Send) -> None:
        wanted = _RequestHeaders(scope["headers"])
        path: str = scope["path"]
        request_id = wanted.request_id()
        fmt = response_format(route)
        try:
            limit = route.max_body_bytes or self.policy.limits.max_body_bytes
            body = await _read_body(wanted, receive, limit)
        except RequestError as exc:  # too large, compressed, bad content-length
            inspection = self.engine.refuse(exc, path=path, request_id=request_id)
            if self.metrics is not None:  # metrics hook (issue 8)
                self.metrics.observe_verdict(self.engine.project, route.path, inspection.verdict)
            await self._send_error(send, inspection, exc, fmt)
            return
        if body is None:  # the client went away before sending its body
            return
        content_type = wanted.content_type.decode("latin-1")
        inspection = await self.engine.inspect(
            route, body, content_type, path=path, request_id=request_id
        )
        if self.metrics is not None:  # metrics hook (issue 8)
            self.metrics.observe_verdict(self.engine.project, route.path, inspection.verdict)
        if inspection.error is not None:
            await self._send_error(send, inspection, inspection.error, fmt)
            return
        verdict = inspection.verdict
        if verdict.enforced_action is Action.BLOCK:
            cfg = self.policy.block_response
            extra = [(k.lower().encode(), v.encode()) for k, v in cfg.headers.items()]
            await send_json(
                send,
                cfg.status,
                block_body(verdict, cfg, fmt),
                [*firewall_headers(verdict), *extra],
            )
            return
        # outbound hook (issue 4): canary in the system prompt, answer scanning/restoration
        guard = outbound_guard(self.engine, route, inspection, scope, request_id)
        if guard is not None:
            inspection.body = guard.prepare_request(inspection.body)
            scope, send = guard.request_scope(scope), guard.wrap(send)
        await self._forward(scope, receive, send, inspection)

    async def _forward(
        self, scope: Scope, receive: Receive, send: Send, inspection: Inspection
    ) -> None:
        verdict = inspection.verdict
        body = inspection.body
        added: list[tuple[bytes, bytes]] = []
        if verdict.action is not Action.PASS:
            added = firewall_headers(verdict, shadow=verdict.mode is Mode.SHADOW)
        # Never trust X-Firewall-* headers from the client; tell the app what we decided.
        req_headers = [
            (k, v)
            for k, v in scope["headers"]
            if k != b"content-length"
            and not k.startswith(b"x-firewall-")
            and k != b"transfer-encoding"
        ]
        req_headers.append((b"content-length", str(len(body)).encode()))
        req_headers.extend(added)
        child: dict[str, Any] = dict(scope)
        child["headers"] = req_headers
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the client's disconnect

        if not added:
            await self.app(child, replay, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [*message.get("headers", ()), *added]
            await send(message)

        await self.app(child, replay, send_with_headers)

    async def _send_error(
        self, send: Send, inspection: Inspection, error: RequestError, fmt: str
    ) -> None:
        await send_json(
            send,
            error.status,
            error_body(error, error.status, error.code, fmt, inspection.verdict.id),
            firewall_headers(inspection.verdict),
        )

    async def _refuse_unmatched(self, scope: Scope, send: Send) -> None:
        error = RequestError("this path is not served through the firewall", field="path")
        error.status, error.code = 404, "route_not_allowed"
        inspection = self.engine.refuse(error, path=scope["path"])
        if self.metrics is not None:  # metrics hook (issue 8)
            self.metrics.observe_verdict(self.engine.project, "(unmatched)", inspection.verdict)
        await self._send_error(send, inspection, error, "json")


class _RequestHeaders:
    """The few request headers the firewall reads, found in one pass."""

    __slots__ = ("content_encoding", "content_length", "content_type", "x_request_id")

    def __init__(self, headers: list[tuple[bytes, bytes]]) -> None:
        self.content_type = b""
        self.content_length: bytes | None = None
        self.content_encoding: bytes | None = None
        self.x_request_id: bytes | None = None
        for key, value in headers:
            if key == b"content-type":
                self.content_type = value
            elif key == b"content-length":
                self.content_length = value
            elif key == b"content-encoding":
                self.content_encoding = value
            elif key == b"x-request-id":
                self.x_request_id = value

    def request_id(self) -> str:
        if self.x_request_id is None:
            return ""
        value = self.x_request_id.decode("latin-1")[:128]
        return value if value.isprintable() else ""


async def _read_body(headers: _RequestHeaders, receive: Receive, limit: int) -> bytes | None:
    """Drain the request body up to ``limit`` bytes; None when the client disconnects."""
    encoding = headers.content_encoding
    if encoding is not None and encoding.strip().lower() not in (b"", b"identity"):
        # A compressed body cannot be inspected as the route expects: refuse, don't guess.
        error = RequestError(
            "compressed request bodies (Content-Encoding) are not accepted on this route",
            field="content-encoding",
        )
        error.status, error.code = 415, "unsupported_content_encoding"
        raise error
    declared = headers.content_length
    if declared is not None:
        try:
            size = int(declared)
        except ValueError:
            raise RequestError("invalid Content-Length header", field="content-length") from None
        if size > limit:
            raise PayloadTooLarge(
                f"request body of {size} bytes is over the limit of {limit}", field="body"
            )
    chunks: list[bytes] = []
    total = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk: bytes = message.get("body", b"")
        if chunk:
            total += len(chunk)
            if total > limit:
                raise PayloadTooLarge(
                    f"request body is over the limit of {limit} bytes", field="body"
                )
            chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)

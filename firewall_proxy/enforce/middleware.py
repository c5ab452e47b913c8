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
from firewall_proxy.policy.models import Policy, Route
from firewall_proxy.reload import EngineSlot, PolicyReloader

__all__ = ["FirewallMiddleware"]


class FirewallMiddleware:
    """Pure ASGI firewall middleware.

    ``policy`` is a path to a policy file, a :class:`Policy`, a ready
    :class:`Engine` (to share one engine between several apps), or an
    :class:`~firewall_proxy.reload.EngineSlot` whose owner reloads it.
    ``events`` receives an event for every non-passing decision. ``reload``
    (seconds, for a file path only; 0 = off, the default) watches the file and
    swaps in the new policy when it changes; a broken file keeps the old one
    in force (see :mod:`firewall_proxy.reload`).
    """

    def __init__(
        self,
        app: ASGIApp,
        policy: str | Path | Policy | Engine | EngineSlot,
        *,
        events: EventSink | None = None,
        project: str = "default",
        metrics: Metrics | None = None,
        reload: float = 0.0,
    ) -> None:
        self.app = app
        self.metrics = metrics  # metrics hook (issue 8): counts every inspected request
        if isinstance(policy, EngineSlot):
            self.slot = policy
        elif isinstance(policy, Engine):
            if events is not None:
                policy.events = events
            self.slot = EngineSlot(policy)
        elif isinstance(policy, Policy):
            self.slot = EngineSlot(Engine(policy, events=events, project=project))
        else:
            self.slot = EngineSlot.from_file(policy, events=events, project=project)
        if reload and self.slot.path is None:
            raise ValueError("reload= needs the policy as a file path")
        self.reloader = PolicyReloader([self.slot], interval=reload) if reload else None

    @property
    def engine(self) -> Engine:
        """The engine in force (a reload may replace it)."""
        return self.slot.engine

    @property
    def policy(self) -> Policy:
        """The policy in force (a reload may replace it)."""
        return self.slot.engine.policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            # The engine in force when the request starts decides all of it, even if a
            # policy reload swaps in a new one meanwhile.
            with self.slot.lease() as engine:
                await self._http(engine, scope, receive, send)
        elif scope["type"] == "lifespan":
            await self.app(scope, self._lifespan_receive(receive), send)
        else:
            await self.app(scope, receive, send)

    async def _http(self, engine: Engine, scope: Scope, receive: Receive, send: Send) -> None:
        route = engine.match(scope["method"], scope["path"])
        if route is not None:
            await self._guard(engine, route, scope, receive, send)
        elif _has_body(scope["headers"]) and (guarded := engine.routes.routes_for(scope["path"])):
            # A body sent with a method the route does not list (PUT, or a GET with
            # X-HTTP-Method-Override: POST) would reach the app uninspected.
            await self._refuse_method(engine, scope, send, guarded)
        elif engine.policy.unmatched_routes == "block":
            await self._refuse_unmatched(engine, scope, send)
        else:
            if self.metrics is not None:  # metrics hook (issue 8)
                self.metrics.observe_request(engine.project, "(unmatched)", "forward")
            await self.app(scope, receive, send)

    def _lifespan_receive(self, receive: Receive) -> Receive:
        """Load evaluators, start the event sink (and the policy watcher) with the app;
        flush events on shutdown."""
        slot, reloader = self.slot, self.reloader

        async def wrapped() -> Message:
            message = await receive()
            if message["type"] == "lifespan.startup":
                slot.engine.warm()
                await slot.events.start()
                if reloader is not None:
                    await reloader.start()
            elif message["type"] == "lifespan.shutdown":
                if reloader is not None:
                    await reloader.stop()
                await slot.events.close()
                await slot.aclose()
            return message

        return wrapped

    async def _guard(
        self, engine: Engine, route: Route, scope: Scope, receive: Receive, send: Send
    ) -> None:
        wanted = _RequestHeaders(scope["headers"])
        path: str = scope["path"]
        request_id = wanted.request_id()
        fmt = response_format(route)
        try:
            limit = route.max_body_bytes or engine.policy.limits.max_body_bytes
            body = await _read_body(wanted, receive, limit)
        except RequestError as exc:  # too large, compressed, bad content-length
            inspection = engine.refuse(exc, path=path, request_id=request_id)
            if self.metrics is not None:  # metrics hook (issue 8)
                self.metrics.observe_verdict(engine.project, route.path, inspection.verdict)
            await self._send_error(send, inspection, exc, fmt)
            return
        if body is None:  # the client went away before sending its body
            return
        content_type = wanted.content_type.decode("latin-1")
        inspection = await engine.inspect(
            route, body, content_type, path=path, request_id=request_id
        )
        if self.metrics is not None:  # metrics hook (issue 8)
            self.metrics.observe_verdict(engine.project, route.path, inspection.verdict)
        if inspection.error is not None:
            await self._send_error(send, inspection, inspection.error, fmt)
            return
        verdict = inspection.verdict
        if verdict.enforced_action is Action.BLOCK:
            cfg = engine.policy.block_response
            extra = [(k.lower().encode(), v.encode()) for k, v in cfg.headers.items()]
            await send_json(
                send,
                cfg.status,
                block_body(verdict, cfg, fmt),
                [*firewall_headers(verdict), *extra],
            )
            return
        # outbound hook (issue 4): canary in the system prompt, answer scanning/restoration
        guard = outbound_guard(engine, route, inspection, scope, request_id)
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

    async def _refuse_unmatched(self, engine: Engine, scope: Scope, send: Send) -> None:
        error = RequestError("this path is not served through the firewall", field="path")
        error.status, error.code = 404, "route_not_allowed"
        inspection = engine.refuse(error, path=scope["path"])
        if self.metrics is not None:  # metrics hook (issue 8)
            self.metrics.observe_verdict(engine.project, "(unmatched)", inspection.verdict)
        await self._send_error(send, inspection, error, "json")

    async def _refuse_method(
        self, engine: Engine, scope: Scope, send: Send, guarded: list[Route]
    ) -> None:
        allowed = ", ".join(dict.fromkeys(m for r in guarded for m in r.methods))
        error = RequestError(
            f"a {scope['method']} request with a body is not inspected on this path; "
            f"send it as {allowed}",
            field="method",
        )
        error.status, error.code = 405, "method_not_inspected"
        inspection = engine.refuse(error, path=scope["path"])
        if self.metrics is not None:  # metrics hook (issue 8)
            self.metrics.observe_verdict(engine.project, guarded[0].path, inspection.verdict)
        await send_json(
            send,
            405,
            error_body(error, 405, error.code, response_format(guarded[0]), inspection.verdict.id),
            [*firewall_headers(inspection.verdict), (b"allow", allowed.encode())],
        )


def _has_body(headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether an HTTP/1.1 request announces a body (chunked, or a non-zero length)."""
    for key, value in headers:
        if key == b"transfer-encoding" or (key == b"content-length" and value.strip(b" 0")):
            return True
    return False


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
                # Every Content-Encoding header counts, not only the last one.
                prior: bytes | None = self.content_encoding
                self.content_encoding = value if prior is None else prior + b"," + value
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
    if encoding is not None and any(
        coding.strip().lower() not in (b"", b"identity") for coding in encoding.split(b",")
    ):
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

"""The reverse proxy: forwards requests to the upstream AI app and streams answers back.

Flow position: **enforce**, the innermost app of ``firewall-proxy serve``
(wrapped by :class:`~firewall_proxy.enforce.middleware.FirewallMiddleware`, which
decides before anything reaches this module).

Upstream client: aiohttp's, chosen by measurement (``bench/overhead.py``): a
default ``httpx.AsyncClient`` spends ~3x the CPU per proxied request in pool
bookkeeping. One pooled session, opened at startup and closed at shutdown;
no redirects followed, no proxy settings read from the environment, a cookie
jar that stores nothing (so one client never gets another's cookies),
explicit connect/read timeouts, bodies streamed undecoded in both directions
(SSE arrives event by event), hop-by-hop headers (RFC 9110 §7.6.1) removed
both ways, ``X-Forwarded-For/Proto/Host`` added.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import aiohttp
from yarl import URL

from firewall_proxy._exceptions import RequestError, UpstreamError
from firewall_proxy.enforce.asgi import Message, Receive, Scope, Send, header
from firewall_proxy.enforce.responses import error_body, send_json

if TYPE_CHECKING:
    from firewall_proxy.metrics import Metrics

__all__ = ["HOP_BY_HOP", "ProxyApp", "UpstreamConfig"]

logger = logging.getLogger("firewall_proxy.proxy")

HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-authenticate",
        b"proxy-authorization",
        b"proxy-connection",
        b"te",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
    }
)
# Method overrides would let an upstream treat an uninspected GET as a POST: never forward them.
_METHOD_OVERRIDES = {b"x-http-method-override", b"x-http-method", b"x-method-override"}
_REQUEST_DROP = HOP_BY_HOP | _METHOD_OVERRIDES | {b"host", b"content-length", b"expect"}
_RESPONSE_DROP = HOP_BY_HOP | {b"content-length", b"date"}  # uvicorn sets its own Date


@dataclass(frozen=True, slots=True)
class UpstreamConfig:
    """Where and how to reach the upstream AI app."""

    url: str
    connect_timeout: float = 5.0
    read_timeout: float = 120.0
    pool_size: int = 100
    keepalive: float = 30.0


def _connection_listed(headers: list[tuple[bytes, bytes]]) -> frozenset[bytes]:
    """Header names a ``Connection`` header declares hop-by-hop."""
    names: set[bytes] = set()
    for key, value in headers:
        if key.lower() == b"connection":
            names.update(p.strip().lower() for p in value.split(b",") if p.strip())
    return frozenset(names)


class ProxyApp:
    """ASGI app that forwards every HTTP request to one upstream base URL."""

    def __init__(self, upstream: UpstreamConfig | str, *, metrics: Metrics | None = None) -> None:
        self.metrics = metrics  # metrics hook (issue 8): upstream latency and errors
        self.config = upstream if isinstance(upstream, UpstreamConfig) else UpstreamConfig(upstream)
        parts = urlsplit(self.config.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"upstream must be an http(s) URL, got {self.config.url!r}")
        self._base = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
        self._session: aiohttp.ClientSession | None = None

    async def startup(self) -> None:
        if self._session is None:
            cfg = self.config
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(
                    limit=cfg.pool_size,
                    keepalive_timeout=cfg.keepalive,
                    ttl_dns_cache=300,
                    force_close=False,
                ),
                cookie_jar=aiohttp.DummyCookieJar(),
                timeout=aiohttp.ClientTimeout(
                    total=None,
                    connect=cfg.connect_timeout,
                    sock_connect=cfg.connect_timeout,
                    sock_read=cfg.read_timeout,
                ),
                auto_decompress=False,
                trust_env=False,
                skip_auto_headers=("User-Agent", "Accept-Encoding", "Content-Type", "Accept"),
            )

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._proxy(scope, receive, send)
        # websockets are not proxied: the scope is simply not answered (uvicorn sends 403)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.startup()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.shutdown()
                await send({"type": "lifespan.shutdown.complete"})
                return

    def _request_headers(self, scope: Scope) -> list[tuple[str, str]]:
        raw: list[tuple[bytes, bytes]] = scope["headers"]
        drop = _REQUEST_DROP | _connection_listed(raw)
        out = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in raw if k.lower() not in drop]
        client = scope.get("client")
        forwarded_for = header(raw, b"x-forwarded-for")
        if client:
            ip = client[0]
            value = f"{forwarded_for.decode('latin-1')}, {ip}" if forwarded_for else ip
            out = [(k, v) for k, v in out if k.lower() != "x-forwarded-for"]
            out.append(("X-Forwarded-For", value))
        out.append(("X-Forwarded-Proto", scope.get("scheme", "http")))
        host = header(raw, b"host")
        if host is not None:
            out.append(("X-Forwarded-Host", host.decode("latin-1")))
        return out

    async def _proxy(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._session is None:  # no lifespan (some test servers): open lazily
            await self.startup()
        assert self._session is not None
        path = _origin_form(scope.get("raw_path") or scope["path"].encode())
        if path is None:
            error = RequestError("the request target must be a path", field="path")
            await send_json(send, 400, error_body(error, 400, "invalid_request_target", "json"))
            return
        query = scope.get("query_string", b"")
        target = (
            self._base + path.decode("latin-1") + ("?" + query.decode("latin-1") if query else "")
        )
        first = await receive()
        data: bytes | AsyncIterator[bytes]
        if first["type"] == "http.disconnect":
            return
        if first.get("more_body", False):
            data = _stream_body(first, receive)
        else:
            data = first.get("body", b"")
        started = time.perf_counter()
        try:
            response = await self._session.request(
                scope["method"],
                URL(target, encoded=True),
                headers=self._request_headers(scope),
                data=data,
                allow_redirects=False,
                compress=None,
            )
        except (TimeoutError, aiohttp.ServerTimeoutError):
            if self.metrics is not None:  # metrics hook (issue 8)
                self.metrics.observe_upstream_error("upstream_timeout")
            await _send_upstream_error(
                send,
                UpstreamError(
                    "the upstream did not answer in time", status=504, code="upstream_timeout"
                ),
            )
            return
        except (aiohttp.ClientError, OSError) as exc:
            logger.warning("upstream request failed: %s", type(exc).__name__)
            if self.metrics is not None:  # metrics hook (issue 8)
                self.metrics.observe_upstream_error("upstream_unreachable")
            await _send_upstream_error(
                send,
                UpstreamError(
                    "the upstream refused or dropped the connection",
                    status=502,
                    code="upstream_unreachable",
                ),
            )
            return
        if self.metrics is not None:  # metrics hook (issue 8)
            self.metrics.observe_upstream(time.perf_counter() - started, response.status)
        try:
            await self._relay(response, receive, send)
        finally:
            response.release()

    async def _relay(self, response: aiohttp.ClientResponse, receive: Receive, send: Send) -> None:
        raw = list(response.raw_headers)
        drop = _RESPONSE_DROP | _connection_listed(raw)
        headers = [(k.lower(), v) for k, v in raw if k.lower() not in drop]
        length = response.headers.get("Content-Length")
        if length is not None and response.headers.get("Transfer-Encoding") is None:
            headers.append((b"content-length", length.encode("latin-1")))
        await send({"type": "http.response.start", "status": response.status, "headers": headers})
        streaming = response.content_type == "text/event-stream"
        watcher = asyncio.ensure_future(_wait_disconnect(receive)) if streaming else None
        try:
            async for chunk in response.content.iter_any():
                if watcher is not None and watcher.done():
                    return  # the client left: stop reading a stream nobody will see
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            # Headers are gone already: the only honest signal left is an aborted response.
            logger.warning("upstream response broke off mid-body: %s", type(exc).__name__)
            if self.metrics is not None:  # metrics hook (issue 8)
                self.metrics.observe_upstream_error("upstream_broke_off")
            raise UpstreamError("the upstream response broke off", status=502) from exc
        finally:
            if watcher is not None:
                watcher.cancel()
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def _origin_form(target: bytes) -> bytes | None:
    """The path to request upstream: h11 hands an absolute-form target over as the path
    (``http://host/v1/...``), which is forwarded as its path; ``*`` and other targets
    that are no path at all are refused (they would make a URL of the upstream's host)."""
    if target.startswith(b"/"):
        return target
    _, sep, rest = target.partition(b"://")
    if not sep:
        return None
    slash = rest.find(b"/")
    return rest[slash:] if slash >= 0 else b"/"


async def _stream_body(first: Message, receive: Receive) -> AsyncIterator[bytes]:
    yield first.get("body", b"")
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        yield message.get("body", b"")
        if not message.get("more_body", False):
            return


async def _wait_disconnect(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


async def _send_upstream_error(send: Send, error: UpstreamError) -> None:
    body: dict[str, Any] = error_body(error, error.status, error.code, "json")
    body["error"]["message"] = error.message
    await send_json(send, error.status, body)

"""Shared pieces of the bypass and isolation tests: an upstream that records every request
it receives, and a raw-socket HTTP/1.1 client for what HTTP libraries would tidy away
(odd request targets, pipelining, framing headers)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from firewall_proxy.enforce.asgi import Receive, Scope, Send
from tests.enforce.apps import answer_lifespan, read_body


@dataclass(frozen=True, slots=True)
class Seen:
    """One request as the upstream's ASGI server handed it over."""

    method: str
    path: str
    raw_path: bytes
    query: bytes
    headers: list[tuple[bytes, bytes]]
    body: bytes

    def header(self, name: bytes) -> list[bytes]:
        return [v for k, v in self.headers if k == name]


class RecordingUpstream:
    """Answers 200 to anything and remembers every request (thread-safe: the test reads
    from its own thread while the server's loop appends)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: list[Seen] = []

    @property
    def seen(self) -> list[Seen]:
        with self._lock:
            return list(self._seen)

    def clear(self) -> None:
        with self._lock:
            self._seen.clear()

    def bodies_with(self, marker: bytes) -> list[Seen]:
        """Requests whose body carried ``marker`` (an attack that reached the upstream)."""
        return [s for s in self.seen if marker in s.body]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await answer_lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        body = await read_body(receive)
        with self._lock:
            self._seen.append(
                Seen(
                    scope["method"],
                    scope["path"],
                    scope.get("raw_path") or b"",
                    scope.get("query_string", b""),
                    list(scope["headers"]),
                    body,
                )
            )
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/plain"), (b"content-length", b"2")],
            }
        )
        await send({"type": "http.response.body", "body": b"ok"})


@dataclass(frozen=True, slots=True)
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes


def port_of(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def send_raw(port: int, data: bytes, *, timeout: float = 5.0, half_close: bool = False) -> bytes:
    """Send ``data`` on one fresh connection; everything the server sent until it closed.

    ``half_close`` also says we are done sending; a server that refuses mid-send (headers
    too large) and closes is not an error: what it answered is returned.
    """
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
            if half_close:
                sock.shutdown(socket.SHUT_WR)
        except OSError:
            if not half_close:
                raise
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def parse_responses(data: bytes) -> list[RawResponse]:
    """Split what came back into responses (content-length framed, as both uvicorn
    protocol implementations answer the firewall's JSON and the upstream's text)."""
    out: list[RawResponse] = []
    rest = data
    while rest.startswith(b"HTTP/1.1 "):
        head, sep, rest = rest.partition(b"\r\n\r\n")
        if not sep:
            break
        lines = head.decode("latin-1").split("\r\n")
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        out.append(RawResponse(int(lines[0].split()[1]), headers, rest[:length]))
        rest = rest[length:]
    return out


def request_bytes(
    target: str,
    body: bytes,
    *,
    method: str = "POST",
    headers: list[tuple[str, str]] | None = None,
    close: bool = True,
) -> bytes:
    """One HTTP/1.1 request with a JSON content type and an exact Content-Length."""
    lines = [f"{method} {target} HTTP/1.1", "Host: firewall.test"]
    given = headers if headers is not None else [("Content-Type", "application/json")]
    lines += [f"{k}: {v}" for k, v in given]
    if not any(k.lower() in ("content-length", "transfer-encoding") for k, _ in given):
        lines.append(f"Content-Length: {len(body)}")
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def until(condition: Callable[[], bool], limit: float = 30.0) -> None:
    """Wait for ``condition`` (a guard against hanging, not a timing assertion)."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.02)


def chat(base: str, text: str, timeout: float = 20.0) -> httpx.Response:
    """One OpenAI-style chat request with ``text`` as the user's turn."""
    return httpx.post(
        base + "/v1/chat/completions",
        json={"messages": [{"role": "user", "content": text}]},
        timeout=timeout,
        trust_env=False,
    )

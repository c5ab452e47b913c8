"""HTTP-level bad input against a live proxy (uvicorn, with each of its HTTP/1.1
parsers): giant headers, many headers, giant request targets, bodies shorter or
longer than their ``content-length``, chunked bodies with lying sizes, garbage in
header names and values.

Over raw sockets (an HTTP library would refuse to send most of this), each request
gets a 4xx or a closed connection, never a 5xx, and an attack in the body never
reaches the upstream unevaluated. Request-smuggling shapes and pipelining are in
``test_bypass.py``; this file is about size and garbage.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from firewall_proxy.events.model import MemorySink
from firewall_proxy.server import ServerConfig, build_app
from tests.hardening.recording import (
    RawResponse,
    RecordingUpstream,
    parse_responses,
    port_of,
    send_raw,
)
from tests.live import live_server

FUZZ = settings.get_profile("hardening")
MARKER = "fuzz-marker-51c"
POLICY = f"""
limits: {{max_body_bytes: 65536}}
routes:
  - {{path: /v1/chat/completions, extractor: openai_chat}}
evaluators:
  - name: banned_patterns
    options:
      patterns:
        - {{name: m, literal: "{MARKER}", category: injection, roles: [user, system, tool]}}
rules:
  - {{category: injection, action: block}}
"""
ATTACK = orjson.dumps({"messages": [{"role": "user", "content": f"say {MARKER}"}]})
BENIGN = orjson.dumps({"messages": [{"role": "user", "content": "hello"}]})


@dataclass(frozen=True, slots=True)
class Stack:
    port: int
    upstream: RecordingUpstream

    def exchange(self, data: bytes, timeout: float = 3.0) -> tuple[list[RawResponse], bytes]:
        """Send ``data``, say we are done sending, read until the server closes."""
        self.upstream.clear()
        raw = send_raw(self.port, data, timeout=timeout, half_close=True)
        return parse_responses(raw), raw

    def leaked(self) -> bool:
        return bool(self.upstream.bodies_with(MARKER.encode()))


@pytest.fixture(scope="module")
def upstream() -> Iterator[tuple[str, RecordingUpstream]]:
    recorder = RecordingUpstream()
    with live_server(recorder) as url:
        yield url, recorder


@pytest.fixture(scope="module", params=["httptools", "h11"])
def stack(
    request: pytest.FixtureRequest,
    upstream: tuple[str, RecordingUpstream],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Stack]:
    url, recorder = upstream
    policy = Path(tmp_path_factory.mktemp("http")) / "policy.yaml"
    policy.write_text(POLICY)
    app = build_app(ServerConfig(upstream=url, policy=str(policy)), events=MemorySink())
    with live_server(app, http=request.param, proxy_headers=False) as proxy:
        yield Stack(port_of(proxy), recorder)


def _request(
    body: bytes,
    headers: list[bytes],
    *,
    target: bytes = b"/v1/chat/completions",
    framing: bytes | None = None,
) -> bytes:
    head = [b"POST " + target + b" HTTP/1.1", b"Host: firewall.test", *headers]
    head.append(framing if framing is not None else b"Content-Length: %d" % len(body))
    return b"\r\n".join(head) + b"\r\n\r\n" + body


def _assert_refused_or_closed(responses: list[RawResponse], stack: Stack) -> None:
    assert all(r.status < 500 for r in responses), [r.status for r in responses]
    assert all(r.status >= 400 for r in responses), [r.status for r in responses]
    assert not stack.leaked()


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param([b"X-Big: " + b"a" * 70_000], id="one-70KB-header"),
        pytest.param([b"X-Big: " + b"a" * 2_000_000], id="one-2MB-header"),
        pytest.param([b"X-H%d: v" % i for i in range(20_000)], id="20000-headers"),
        pytest.param([b"Cookie: " + b"c=1; " * 100_000], id="500KB-cookie"),
    ],
)
def test_giant_and_countless_headers_are_refused_or_closed(
    stack: Stack, headers: list[bytes]
) -> None:
    responses, _ = stack.exchange(_request(ATTACK, headers))
    _assert_refused_or_closed(responses, stack)


def test_a_giant_request_target_is_refused_or_closed(stack: Stack) -> None:
    target = b"/v1/chat/completions?" + b"q" * 2_000_000
    responses, _ = stack.exchange(_request(ATTACK, [], target=target))
    _assert_refused_or_closed(responses, stack)


@pytest.mark.parametrize(
    ("body", "framing"),
    [
        pytest.param(ATTACK, b"Content-Length: %d" % (len(ATTACK) + 500), id="cl-longer-than-body"),
        pytest.param(ATTACK, b"Content-Length: 99999999999999999999", id="cl-20-digits"),
        pytest.param(
            b"%x\r\n%s" % (len(ATTACK) + 100, ATTACK),
            b"Transfer-Encoding: chunked",
            id="chunk-lies",
        ),
        pytest.param(
            b"zz\r\n" + ATTACK + b"\r\n0\r\n\r\n", b"Transfer-Encoding: chunked", id="hex"
        ),
        pytest.param(
            b"%x\r\n%s\r\n" % (len(ATTACK), ATTACK),
            b"Transfer-Encoding: chunked",
            id="no-last-chunk",
        ),
        pytest.param(
            b"%x\r\n%s\r\n0\r\nX-Trailer: %s\r\n\r\n" % (len(ATTACK), ATTACK, MARKER.encode()),
            b"Transfer-Encoding: chunked",
            id="attack-in-trailer",
        ),
    ],
)
def test_bodies_that_lie_about_their_length_never_reach_the_upstream(
    stack: Stack, body: bytes, framing: bytes
) -> None:
    responses, _ = stack.exchange(
        _request(body, [b"Content-Type: application/json"], framing=framing)
    )
    assert all(r.status < 500 for r in responses), responses
    assert not stack.leaked()
    assert all(r.status in (400, 403, 413) for r in responses), responses


_GARBAGE = st.sampled_from(
    [
        b"X-A: \x00",
        b"X-A: \xff\xfe",
        b"X-A:\r\n continued",
        b"Bad Header: x",
        b"X-A: a\rb",
        b": empty-name",
        b"X-A " + b"b",
        b"Content-Type: " + b"x" * 5000,
        b"Content-Type: application/json; charset=\xff",
        b"Content-Encoding: gzip",
        b"Expect: 100-continue",
        b"Connection: keep-alive, Upgrade",
        b"Upgrade: h2c",
        b"X-Request-Id: " + b"\xff" * 200,
    ]
)
_FRAMINGS = st.sampled_from(["truth", "short", "long", "none", "chunked", "both"])


def _frame(body: bytes, how: str) -> tuple[bytes, bytes | None]:
    if how == "truth":
        return body, None
    if how == "short":
        return body, b"Content-Length: %d" % max(0, len(body) - 3)
    if how == "long":
        return body, b"Content-Length: %d" % (len(body) + 3)
    if how == "none":
        return body, b"Connection: close"
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body) if body else b"0\r\n\r\n"
    if how == "chunked":
        return chunked, b"Transfer-Encoding: chunked"
    return chunked, b"Transfer-Encoding: chunked\r\nContent-Length: 3"


@settings(FUZZ, max_examples=40)
@given(
    body=st.sampled_from([ATTACK, BENIGN, b"", b"{", b"\xff" * 10, ATTACK + b" " * 10]),
    garbage=st.lists(_GARBAGE, max_size=3),
    framing=_FRAMINGS,
)
def test_garbage_headers_and_framing_never_give_a_5xx_or_a_leak(
    stack: Stack, body: bytes, garbage: list[bytes], framing: str
) -> None:
    wire_body, frame = _frame(body, framing)
    data = _request(wire_body, [b"Content-Type: application/json", *garbage], framing=frame)
    responses, _ = stack.exchange(data, timeout=2.0)
    assert all(r.status < 500 for r in responses), [r.status for r in responses]
    assert not stack.leaked()

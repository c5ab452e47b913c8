"""Bad requests through the real ASGI middleware and the verdict API, in process: any
body, any content type, a ``content-length`` that lies, the body cut in any number of
chunks, a client that leaves half-way.

What must hold for each request:

- the firewall never answers 5xx;
- when it answers 4xx, the application behind it was not called;
- when the application is called, it gets a body the route's extractor reads (so it
  was evaluated, not waved through), with a ``content-length`` that is the truth and
  no ``transfer-encoding``.

The ASGI messages are built by hand (no HTTP client) so that the framing can lie in
ways a client library would correct.
"""

from __future__ import annotations

import asyncio
import base64
import io
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from firewall_proxy import FirewallMiddleware, load_policy_text
from firewall_proxy._exceptions import RequestError
from firewall_proxy.api import KeyStore, build_api_app
from firewall_proxy.api.app import VerdictApi
from firewall_proxy.enforce.asgi import ASGIApp, Message
from firewall_proxy.extract.dispatch import extract
from firewall_proxy.policy.models import ExtractorName
from tests.hardening.recording import RecordingUpstream, Seen
from tests.hardening.strategies import shaped_for

FUZZ = settings.get_profile("hardening")
LIMIT = 65_536

POLICY = f"""
limits: {{max_body_bytes: {LIMIT}}}
on_undecided: block
routes:
  - {{path: /chat, extractor: openai_chat}}
  - {{path: /messages, extractor: anthropic_messages}}
  - {{path: /aiandme, extractor: aiandme}}
  - {{path: /rag, extractor: json, options: {{fields: {{"/prompt": user, "/docs/*": document}}}}}}
  - {{path: /text, extractor: text}}
  - {{path: /image, extractor: image}}
  - {{path: /upload, extractor: multipart}}
  - {{path: /datapoint, extractor: datapoint}}
  - {{path: /lenient, extractor: openai_chat, on_parse_error: forward}}
evaluators:
  - {{name: limits, options: {{max_chars: {LIMIT}}}}}
  - name: invisible_chars
  - name: banned_patterns
    options:
      patterns: [{{name: marker, regex: "attack-marker", category: injection}}]
  - {{name: prompt_attacks, options: {{detectors: [signals]}}}}
  - name: obfuscation
  - name: image_quality
rules:
  - {{category: injection, min_score: 0.5, action: block}}
  - {{category: oversize, action: block}}
  - {{category: malformed, action: block}}
  - {{category: corrupt, action: block}}
"""

ROUTES: dict[str, ExtractorName] = {
    "/chat": "openai_chat",
    "/messages": "anthropic_messages",
    "/aiandme": "aiandme",
    "/rag": "json",
    "/text": "text",
    "/image": "image",
    "/upload": "multipart",
    "/datapoint": "datapoint",
    "/lenient": "openai_chat",
}
RAG_OPTIONS = {"fields": {"/prompt": "user", "/docs/*": "document"}}


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (90, 140, 200)).save(buf, "PNG")
    return buf.getvalue()


PNG = _png()
IMAGE_BODIES = st.sampled_from(
    [
        PNG,
        PNG[:40],
        PNG + b"<script>",
        orjson.dumps({"image": base64.b64encode(PNG).decode(), "probabilities": [0.9, 0.1]}),
        b"--b\r\nContent-Disposition: form-data; name=f; filename=a.png\r\n"
        b"Content-Type: image/png\r\n\r\n" + PNG + b"\r\n--b--\r\n",
    ]
)
CONTENT_TYPES = st.sampled_from(
    [
        "application/json",
        "text/plain",
        "image/png",
        "multipart/form-data; boundary=b",
        "multipart/form-data",
        "application/x-www-form-urlencoded",
        "",
    ]
)


@st.composite
def content_lengths(draw: st.DrawFn, size: int) -> list[bytes]:
    """Zero, one or two ``content-length`` values: the truth, or a lie."""
    values = [
        str(size),
        str(max(0, size - 1)),
        str(size + 1000),
        str(LIMIT + 1),
        "-1",
        "abc",
        " 12 ",
        "1_0",
        "9" * 5000,
        "",
    ]
    chosen = draw(st.lists(st.sampled_from(values), max_size=2))
    return [v.encode() for v in chosen]


@dataclass
class Outcome:
    status: int | None
    body: bytes
    forwarded: list[Seen]


def _scope(method: str, path: str, headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("firewall.test", 80),
    }


async def _drive(
    app: ASGIApp,
    method: str,
    path: str,
    headers: list[tuple[bytes, bytes]],
    chunks: list[bytes],
    leave_after: int | None,
) -> tuple[int | None, bytes]:
    """Run one request through ``app``; the client leaves after ``leave_after`` chunks."""
    incoming: list[Message] = [
        {"type": "http.request", "body": c, "more_body": i < len(chunks) - 1}
        for i, c in enumerate(chunks)
    ]
    if leave_after is not None:
        incoming = incoming[:leave_after]
    sent: list[Message] = []

    async def receive() -> Message:
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    await app(_scope(method, path, headers), receive, send)
    status = next((m["status"] for m in sent if m["type"] == "http.response.start"), None)
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body


@cache
def _middleware() -> tuple[FirewallMiddleware, RecordingUpstream]:
    upstream = RecordingUpstream()
    return FirewallMiddleware(upstream, load_policy_text(POLICY)), upstream


def _split(body: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(body) + 1) for c in cuts} | {0, len(body)})
    return [body[a:b] for a, b in pairwise(points)] or [b""]


def _check_forwarded(route: str, request: Seen) -> None:
    """What the application received is a body the firewall could read, framed truly."""
    assert request.header(b"content-length") == [str(len(request.body)).encode()]
    assert request.header(b"transfer-encoding") == []
    if route == "/lenient":
        return  # on_parse_error: forward is the policy's documented choice
    options = RAG_OPTIONS if route == "/rag" else {}
    content_type = b"".join(request.header(b"content-type")[-1:]).decode("latin-1")
    try:
        extract(ROUTES[route], request.body, content_type, options)
    except RequestError as exc:  # pragma: no cover - the failure message is the point
        raise AssertionError(f"{route} forwarded a body it cannot read: {exc}") from exc


def _run_middleware(
    method: str,
    route: str,
    content_type: str,
    body: bytes,
    lengths: list[bytes],
    cuts: list[int],
    extra: list[tuple[bytes, bytes]],
    leave_after: int | None,
) -> Outcome:
    app, upstream = _middleware()
    upstream.clear()
    headers = [(b"content-type", content_type.encode())]
    headers += [(b"content-length", v) for v in lengths] + extra
    chunks = _split(body, cuts)
    status, answer = asyncio.run(_drive(app, method, route, headers, chunks, leave_after))
    return Outcome(status, answer, upstream.seen)


def _assert_contract(route: str, outcome: Outcome, *, guarded: bool = True) -> None:
    if outcome.status is None:  # the client left before the body was complete
        assert outcome.forwarded == []
        return
    assert outcome.status < 500, outcome.body
    if not guarded:  # not a policy route: forwarded untouched (unmatched_routes: forward)
        return
    if 400 <= outcome.status < 500:
        assert outcome.forwarded == [], f"{outcome.status} but the application was called"
        error = orjson.loads(outcome.body)
        assert error, "a 4xx says why"
    for request in outcome.forwarded:
        _check_forwarded(route, request)


EXTRA_HEADERS = st.lists(
    st.sampled_from(
        [
            (b"content-encoding", b"gzip"),
            (b"content-encoding", b"identity"),
            (b"transfer-encoding", b"chunked"),
            (b"x-firewall-action", b"pass"),
            (b"x-request-id", b"\x00\xff" * 100),
            (b"content-type", b"text/plain"),
        ]
    ),
    max_size=2,
)


@settings(FUZZ, max_examples=300)
@given(
    data=st.data(),
    route=st.sampled_from(sorted(ROUTES)),
    method=st.sampled_from(["POST", "POST", "POST", "PUT", "GET"]),
    content_type=CONTENT_TYPES,
    cuts=st.lists(st.integers(0, 10_000), max_size=4),
    extra=EXTRA_HEADERS,
    leave=st.none() | st.integers(0, 3),
)
def test_any_request_through_the_middleware_keeps_the_contract(
    data: st.DataObject,
    route: str,
    method: str,
    content_type: str,
    cuts: list[int],
    extra: list[tuple[bytes, bytes]],
    leave: int | None,
) -> None:
    extractor = ROUTES[route]
    bodies = shaped_for(extractor)
    if extractor in ("image", "multipart", "datapoint"):
        bodies = st.one_of(IMAGE_BODIES, bodies)
    body = data.draw(bodies, label="body")
    lengths = data.draw(content_lengths(len(body)), label="content-length")
    outcome = _run_middleware(method, route, content_type, body, lengths, cuts, extra, leave)
    _assert_contract(route, outcome, guarded=method == "POST")


@pytest.mark.parametrize(
    ("lengths", "chunks", "status"),
    [
        pytest.param([str(LIMIT + 1).encode()], [b"{}"], 413, id="declared-over-limit"),
        pytest.param([b"2"], [b"x" * 40_000, b"x" * 40_000], 413, id="lying-small"),
        pytest.param([], [b"x" * 40_000] * 2, 413, id="no-length-over-limit"),
        pytest.param([b"abc"], [b"{}"], 400, id="not-a-number"),
        pytest.param([b"9" * 5000], [b"{}"], 400, id="5000-digits"),
        pytest.param([b"2", str(LIMIT * 2).encode()], [b"{}"], 413, id="two-lengths"),
    ],
)
def test_lying_lengths_and_oversize_bodies_are_refused(
    lengths: list[bytes], chunks: list[bytes], status: int
) -> None:
    app, upstream = _middleware()
    upstream.clear()
    headers = [(b"content-type", b"application/json")] + [(b"content-length", v) for v in lengths]
    got, body = asyncio.run(_drive(app, "POST", "/chat", headers, chunks, None))
    assert got == status, body
    assert upstream.seen == []
    assert orjson.loads(body)["error"]


def test_a_body_cut_in_a_thousand_chunks_is_read_whole() -> None:
    message = {"messages": [{"role": "user", "content": "hello there " * 400}]}
    raw = orjson.dumps(message)
    app, upstream = _middleware()
    upstream.clear()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"1")]
    chunks = [raw[i : i + 5] for i in range(0, len(raw), 5)]
    status, _ = asyncio.run(_drive(app, "POST", "/chat", headers, chunks, None))
    assert status == 200
    assert [r.body for r in upstream.seen] == [raw]


# -- the verdict API -----------------------------------------------------------------


@pytest.fixture(scope="module")
def verdict_api(tmp_path_factory: pytest.TempPathFactory) -> tuple[VerdictApi, str]:
    keys = KeyStore(Path(tmp_path_factory.mktemp("keys")) / "keys.db")
    secret = keys.create("fuzz", name="fuzz").secret
    return build_api_app({"fuzz": load_policy_text(POLICY)}, keys), secret


@settings(FUZZ, max_examples=200)
@given(
    data=st.data(),
    path=st.sampled_from(
        ["/firewall/fuzz", "/firewall/fuzz/images", "/firewall/nope", "/firewall/fuzz/x"]
    ),
    content_type=CONTENT_TYPES,
    auth=st.sampled_from(["bearer", "x-api-key", "wrong", "none"]),
)
def test_any_request_to_the_verdict_api_is_answered_below_500(
    verdict_api: tuple[VerdictApi, str],
    data: st.DataObject,
    path: str,
    content_type: str,
    auth: str,
) -> None:
    app, secret = verdict_api
    body = data.draw(
        st.one_of(shaped_for("aiandme"), shaped_for("datapoint"), IMAGE_BODIES), label="body"
    )
    lengths = data.draw(content_lengths(len(body)), label="content-length")
    headers = [(b"content-type", content_type.encode())]
    headers += [(b"content-length", v) for v in lengths]
    if auth == "bearer":
        headers.append((b"authorization", f"Bearer {secret}".encode()))
    elif auth == "x-api-key":
        headers.append((b"x-api-key", secret.encode()))
    elif auth == "wrong":
        headers.append((b"authorization", b"Bearer \xff\x00"))
    status, answer = asyncio.run(_drive(app, "POST", path, headers, [body], None))
    assert status is not None
    assert status < 500, answer
    assert orjson.loads(answer) is not None


@pytest.mark.parametrize(
    "declared", [b"9" * 5000, "\u00b2".encode("latin-1")], ids=["5000", "sup2"]
)
def test_the_verdict_api_survives_absurd_content_lengths(
    verdict_api: tuple[VerdictApi, str], declared: bytes
) -> None:
    """Regression (found here): a 5000-digit Content-Length made ``int()`` raise, and
    the verdict API answered 500."""
    app, secret = verdict_api
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", declared),
        (b"authorization", f"Bearer {secret}".encode()),
    ]
    status, _ = asyncio.run(
        _drive(app, "POST", "/firewall/fuzz", headers, [b'{"prompt":"hi"}'], None)
    )
    assert status in (200, 413)

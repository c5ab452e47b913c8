"""The reverse proxy over real sockets: real uvicorn upstream, real uvicorn proxy."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from firewall_proxy import MemorySink
from firewall_proxy.server import ServerConfig, build_app
from tests.live import free_port, live_server

POLICY = """
routes:
  - path: /v1/chat/completions
    extractor: openai_chat
  - path: /sse
    extractor: openai_chat
limits: {max_body_bytes: 4096}
evaluators:
  - {name: "tests.plugins:ImputeWord", options: {word: "4111", category: pii}}
  - name: banned_patterns
    options:
      patterns: [{name: evil, literal: "drop the firewall", category: injection}]
rules:
  - {category: injection, action: block}
  - {category: pii, action: impute}
"""

GATE = threading.Event()


def upstream_app() -> Starlette:
    async def echo(request: Request) -> Response:
        body = await request.body()
        return JSONResponse(
            {
                "headers": dict(request.headers),
                "body": body.decode(),
                "path": request.url.path,
                "query": request.url.query,
            },
            headers={
                "Connection": "X-Hop-Secret",
                "X-Hop-Secret": "1",
                "Keep-Alive": "timeout=5",
                "X-Upstream": "yes",
            },
        )

    async def sse(request: Request) -> Response:
        async def events() -> Any:
            yield b"data: first\n\n"
            # Hold the stream open until the test has seen the first event.
            while not GATE.is_set():  # noqa: ASYNC110 - a thread sets it, not a task
                await asyncio.sleep(0.01)
            yield b"data: second\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    async def set_cookie(request: Request) -> Response:
        response = JSONResponse({"ok": True})
        response.set_cookie("session", request.query_params["who"])
        return response

    async def whoami(request: Request) -> Response:
        return JSONResponse({"cookie": request.headers.get("cookie")})

    async def redirect(request: Request) -> Response:
        return RedirectResponse("/echo", status_code=302)

    async def slow(request: Request) -> Response:
        await asyncio.sleep(3)
        return JSONResponse({"late": True})

    return Starlette(
        routes=[
            Route("/v1/chat/completions", echo, methods=["POST"]),
            Route("/echo", echo, methods=["GET", "POST"]),
            Route("/sse", sse, methods=["POST"]),
            Route("/set-cookie", set_cookie),
            Route("/whoami", whoami),
            Route("/redirect", redirect),
            Route("/slow", slow),
        ]
    )


@pytest.fixture(scope="module")
def upstream() -> Iterator[str]:
    with live_server(upstream_app()) as url:
        yield url


@pytest.fixture(scope="module")
def policy_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("policy") / "p.yaml"
    path.write_text(POLICY)
    return path


def _proxy(upstream: str, policy: Path, sink: MemorySink | None = None, **kw: Any) -> Any:
    return live_server(
        build_app(
            ServerConfig(upstream=upstream, policy=str(policy), **kw), events=sink or MemorySink()
        ),
        proxy_headers=False,
    )


@pytest.fixture(scope="module")
def proxy(upstream: str, policy_file: Path) -> Iterator[str]:
    with _proxy(upstream, policy_file, read_timeout=1.0) as url:
        yield url


def _client(base: str) -> httpx.Client:
    return httpx.Client(base_url=base, trust_env=False, timeout=10)


def _chat(text: str) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": text}]}


def test_sse_events_arrive_before_the_upstream_finishes(proxy: str) -> None:
    GATE.clear()
    with _client(proxy) as c, c.stream("POST", "/sse", json=_chat("hi")) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        lines = r.iter_lines()
        first = next(line for line in lines if line)
        assert first == "data: first"
        assert not GATE.is_set(), "the first event came through while the upstream still waits"
        GATE.set()
        assert next(line for line in lines if line) == "data: second"


def test_hop_by_hop_headers_are_stripped_both_ways(proxy: str) -> None:
    with _client(proxy) as c:
        r = c.post(
            "/echo?x=1",
            content=b"hello",
            headers={
                "Connection": "keep-alive, X-Client-Hop",
                "X-Client-Hop": "1",
                "Proxy-Authorization": "Basic c2VjcmV0",
                "TE": "trailers",
                "X-Forwarded-For": "10.1.2.3",
            },
        )
    seen = r.json()
    headers = seen["headers"]
    assert "x-client-hop" not in headers
    assert "proxy-authorization" not in headers
    assert "te" not in headers
    assert "x-http-method-override" not in headers
    assert headers["x-forwarded-for"] == "10.1.2.3, 127.0.0.1"
    assert headers["x-forwarded-proto"] == "http"
    assert headers["x-forwarded-host"].startswith("127.0.0.1:")
    assert seen["query"] == "x=1" and seen["body"] == "hello"
    assert "x-hop-secret" not in r.headers
    assert "keep-alive" not in r.headers
    assert r.headers["x-upstream"] == "yes"
    assert r.headers.get_list("date").__len__() == 1


def test_upstream_cookies_are_never_shared_between_clients(proxy: str) -> None:
    with _client(proxy) as alice, _client(proxy) as bob:
        set_alice = alice.get("/set-cookie", params={"who": "alice"})
        assert "session=alice" in set_alice.headers["set-cookie"]
        assert bob.get("/whoami").json()["cookie"] is None
        assert alice.get("/whoami").json()["cookie"] == "session=alice"


def test_redirects_are_passed_to_the_client_not_followed(proxy: str) -> None:
    with _client(proxy) as c:
        r = c.get("/redirect")
    assert r.status_code == 302
    assert r.headers["location"] == "/echo"


def test_imputed_body_reaches_upstream_with_right_length(proxy: str) -> None:
    with _client(proxy) as c:
        r = c.post("/v1/chat/completions", json=_chat("card 4111 please"))
    assert r.status_code == 200
    assert r.headers["x-firewall-action"] == "impute"
    seen = r.json()
    forwarded = orjson.loads(seen["body"])
    assert forwarded["messages"][0]["content"] == "card [REDACTED] please"
    assert int(seen["headers"]["content-length"]) == len(seen["body"].encode())


def test_block_answers_without_calling_upstream(proxy: str) -> None:
    with _client(proxy) as c:
        r = c.post("/v1/chat/completions", json=_chat("drop the firewall"))
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "content_blocked"
    assert "x-upstream" not in r.headers


def test_oversized_body_is_413(proxy: str) -> None:
    with _client(proxy) as c:
        r = c.post("/v1/chat/completions", json=_chat("x" * 5000))
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "payload_too_large"


def test_upstream_refused_is_502(policy_file: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    with _proxy(closed, policy_file) as proxy, _client(proxy) as c:
        r = c.post("/v1/chat/completions", json=_chat("hi"))
    assert r.status_code == 502
    assert r.json()["error"]["code"] == "upstream_unreachable"


def test_upstream_timeout_is_504(proxy: str) -> None:
    with _client(proxy) as c:
        r = c.get("/slow")
    assert r.status_code == 504
    assert r.json()["error"]["code"] == "upstream_timeout"


def test_shadow_mode_through_the_proxy(upstream: str, tmp_path: Path) -> None:
    policy = tmp_path / "shadow.yaml"
    policy.write_text(POLICY + "mode: shadow\n")
    sink = MemorySink()
    with _proxy(upstream, policy, sink) as proxy, _client(proxy) as c:
        r = c.post("/v1/chat/completions", json=_chat("drop the firewall"))
    assert r.status_code == 200
    assert r.headers["x-firewall-shadow-action"] == "block"
    assert [e.action for e in sink.events] == ["block"]


@pytest.mark.parametrize(("on_undecided", "status"), [("block", 403), ("pass", 200)])
def test_fail_closed_and_open_through_the_proxy(
    upstream: str, tmp_path: Path, on_undecided: str, status: int
) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "routes:\n  - {path: /v1/chat/completions, extractor: openai_chat}\n"
        f"on_undecided: {on_undecided}\n"
        "evaluators:\n  - {name: 'tests.plugins:Slow', timeout_ms: 50, options: {seconds: 5}}\n"
    )
    with _proxy(upstream, policy) as proxy, _client(proxy) as c:
        r = c.post("/v1/chat/completions", json=_chat("hi"))
    assert r.status_code == status

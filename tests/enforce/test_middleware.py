from __future__ import annotations

import asyncio
from typing import Any

import httpx
import orjson
import pytest

from firewall_proxy import Engine, FirewallMiddleware, MemorySink, load_policy_text
from tests.enforce.apps import RecordingApp

POLICY = """
routes:
  - path: /v1/chat/completions
    extractor: openai_chat
  - path: /v1/items/{id}/text
    extractor: text
limits: {max_body_bytes: 2000}
evaluators:
  - {name: invisible_chars}
  - {name: "tests.plugins:ImputeWord", options: {word: "4111", category: pii}}
  - name: banned_patterns
    options:
      patterns: [{name: evil, literal: "drop the firewall", category: injection}]
rules:
  - {category: injection, action: block}
  - {category: pii, action: impute}
  - {category: obfuscation, min_score: 0.5, action: flag}
"""


def _chat(text: str, **extra: Any) -> dict[str, Any]:
    return {"model": "m", "messages": [{"role": "user", "content": text}], **extra}


def _client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://test")


@pytest.fixture
def upstream() -> RecordingApp:
    return RecordingApp()


def _mw(upstream: RecordingApp, policy: str = POLICY, **kw: Any) -> FirewallMiddleware:
    return FirewallMiddleware(upstream, load_policy_text(policy), **kw)


async def test_clean_request_passes_untouched(upstream: RecordingApp) -> None:
    raw = b'{"model": "m",   "messages": [{"role": "user", "content": "hello"}]}'
    async with _client(_mw(upstream)) as c:
        r = await c.post(
            "/v1/chat/completions", content=raw, headers={"content-type": "application/json"}
        )
    assert r.status_code == 200
    assert "x-firewall-action" not in r.headers
    assert upstream.requests[0]["body"] == raw, "a passing body is forwarded byte for byte"


async def test_block_never_reaches_the_app_and_is_openai_shaped(upstream: RecordingApp) -> None:
    sink = MemorySink()
    async with _client(_mw(upstream, events=sink)) as c:
        r = await c.post("/v1/chat/completions", json=_chat("please DROP the firewall now"))
    assert r.status_code == 403
    assert upstream.requests == []
    body = r.json()
    assert body["error"]["type"] == "firewall_block"
    assert body["error"]["firewall"]["categories"] == ["injection"]
    assert r.headers["x-firewall-action"] == "block"
    assert r.headers["x-firewall-event-id"] == sink.events[0].id
    assert sink.events[0].action == "block"


async def test_impute_rewrites_only_the_text_with_correct_length(upstream: RecordingApp) -> None:
    sink = MemorySink()
    doc = {
        "model": "m",
        "temperature": 0.2,
        "messages": [
            {"role": "system", "content": "card 4111 stays"},
            {"role": "user", "content": "my card 4111 and again 4111"},
        ],
    }
    async with _client(_mw(upstream, events=sink)) as c:
        r = await c.post("/v1/chat/completions", json=doc)
    assert r.status_code == 200
    assert r.headers["x-firewall-action"] == "impute"
    assert r.headers["x-firewall-categories"] == "pii"
    seen = upstream.requests[0]
    forwarded = orjson.loads(seen["body"])
    assert forwarded["messages"][1]["content"] == "my card [REDACTED] and again [REDACTED]"
    assert forwarded["messages"][0]["content"] == "card 4111 stays"
    assert forwarded["temperature"] == 0.2
    assert int(seen["headers"]["content-length"]) == len(seen["body"])
    assert seen["headers"]["x-firewall-action"] == "impute", "the app learns what we did"
    assert "4111" not in sink.events[0].excerpt


async def test_flag_forwards_with_headers(upstream: RecordingApp) -> None:
    async with _client(_mw(upstream)) as c:
        r = await c.post("/v1/chat/completions", json=_chat("he\u200bllo\u200b"))
    assert r.status_code == 200
    assert r.headers["x-firewall-action"] == "flag"
    assert r.headers["x-firewall-categories"] == "obfuscation"
    assert len(upstream.requests) == 1


async def test_client_cannot_spoof_firewall_headers(upstream: RecordingApp) -> None:
    async with _client(_mw(upstream)) as c:
        await c.post(
            "/v1/chat/completions", json=_chat("hi"), headers={"x-firewall-action": "pass-me"}
        )
    assert "x-firewall-action" not in upstream.requests[0]["headers"]


async def test_malformed_body_is_400_with_field_and_not_forwarded(upstream: RecordingApp) -> None:
    async with _client(_mw(upstream)) as c:
        r = await c.post(
            "/v1/chat/completions",
            json={"messages": [{"role": "user"}], "x": 1} | {"messages": "nope"},
        )
        bad_json = await c.post("/v1/chat/completions", content=b"{not json")
    assert r.status_code == 400
    assert r.json()["error"]["param"] == "messages"
    assert bad_json.status_code == 400
    assert "not valid JSON" in bad_json.json()["error"]["message"]
    assert upstream.requests == []


async def test_body_over_limit_is_413_by_header_and_by_stream(upstream: RecordingApp) -> None:
    big = orjson.dumps(_chat("x" * 3000))

    async def chunks() -> Any:
        for i in range(0, len(big), 500):
            yield big[i : i + 500]

    async with _client(_mw(upstream)) as c:
        declared = await c.post("/v1/chat/completions", content=big)
        streamed = await c.post("/v1/chat/completions", content=chunks())
    assert declared.status_code == 413
    assert streamed.status_code == 413
    assert declared.json()["error"]["code"] == "payload_too_large"
    assert upstream.requests == []


async def test_compressed_body_is_refused(upstream: RecordingApp) -> None:
    async with _client(_mw(upstream)) as c:
        r = await c.post(
            "/v1/chat/completions", content=b"\x1f\x8b...", headers={"content-encoding": "gzip"}
        )
    assert r.status_code == 415
    assert upstream.requests == []


async def test_path_variants_are_still_inspected(upstream: RecordingApp) -> None:
    async with _client(_mw(upstream)) as c:
        for path in ["/v1//chat/completions", "/v1/Chat/Completions/", "/v1/x/../chat/completions"]:
            r = await c.post(path, json=_chat("drop the firewall"))
            assert r.status_code == 403, path
    assert upstream.requests == []


async def test_unmatched_routes_and_methods_pass_through(upstream: RecordingApp) -> None:
    async with _client(_mw(upstream)) as c:
        other = await c.post("/v1/embeddings", json=_chat("drop the firewall"))
        get = await c.get("/v1/chat/completions")
    assert other.status_code == 200 and get.status_code == 200
    assert len(upstream.requests) == 2


async def test_unmatched_routes_can_be_blocked(upstream: RecordingApp) -> None:
    policy = POLICY + "unmatched_routes: block\n"
    async with _client(_mw(upstream, policy)) as c:
        r = await c.post("/v1/embeddings", json={})
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "route_not_allowed"
    assert upstream.requests == []


async def test_path_parameters_and_text_extractor(upstream: RecordingApp) -> None:
    async with _client(_mw(upstream)) as c:
        r = await c.post("/v1/items/42/text", content=b"please drop the firewall")
        ok = await c.post("/v1/items/42/text", content=b"fine")
    assert r.status_code == 403 and ok.status_code == 200


async def test_shadow_mode_records_but_never_blocks_or_rewrites(upstream: RecordingApp) -> None:
    sink = MemorySink()
    policy = POLICY + "mode: shadow\n"
    async with _client(_mw(upstream, policy, events=sink)) as c:
        blocked = await c.post("/v1/chat/completions", json=_chat("drop the firewall"))
        imputed = await c.post("/v1/chat/completions", json=_chat("card 4111"))
    assert blocked.status_code == 200 and imputed.status_code == 200
    assert blocked.headers["x-firewall-shadow-action"] == "block"
    assert "x-firewall-action" not in blocked.headers
    assert orjson.loads(upstream.requests[1]["body"])["messages"][0]["content"] == "card 4111"
    assert [e.action for e in sink.events] == ["block", "impute"]
    assert all(e.mode == "shadow" for e in sink.events)


async def test_fail_closed_and_fail_open(upstream: RecordingApp) -> None:
    base = (
        "routes:\n  - {path: /chat, extractor: aiandme}\n"
        "evaluators:\n  - name: tests.plugins:Broken\n"
    )
    async with _client(_mw(upstream, base + "on_undecided: block\n")) as c:
        closed = await c.post("/chat", json={"prompt": "hi"})
    async with _client(_mw(upstream, base + "on_undecided: pass\n")) as c:
        opened = await c.post("/chat", json={"prompt": "hi"})
    assert closed.status_code == 403
    assert opened.status_code == 200
    assert len(upstream.requests) == 1


async def test_non_http_scopes_pass_straight_through() -> None:
    seen: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["type"])

    mw = FirewallMiddleware(app, load_policy_text(POLICY))
    await mw({"type": "websocket", "path": "/v1/chat/completions"}, None, None)  # type: ignore[arg-type]
    assert seen == ["websocket"]


async def test_lifespan_loads_engine_and_flushes_events(upstream: RecordingApp) -> None:
    class Sink(MemorySink):
        started = closed = False

        async def start(self) -> None:
            self.started = True

        async def close(self) -> None:
            self.closed = True

    sink = Sink()
    mw = _mw(upstream, events=sink)
    messages = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])
    sent: list[str] = []

    async def receive() -> Any:
        return next(messages)

    async def send(message: Any) -> None:
        sent.append(message["type"])

    await mw({"type": "lifespan"}, receive, send)
    assert sink.started and sink.closed
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


async def test_disconnect_after_body_reaches_the_app() -> None:
    got: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        got.append((await receive())["type"])
        got.append((await receive())["type"])

    mw = FirewallMiddleware(app, load_policy_text(POLICY))
    messages = iter(
        [
            {"type": "http.request", "body": orjson.dumps(_chat("hi")), "more_body": False},
            {"type": "http.disconnect"},
        ]
    )

    async def receive() -> Any:
        return next(messages)

    scope = {"type": "http", "method": "POST", "path": "/v1/chat/completions", "headers": []}
    await mw(scope, receive, None)  # type: ignore[arg-type]
    assert got == ["http.request", "http.disconnect"]


async def test_one_engine_can_be_shared(upstream: RecordingApp) -> None:
    engine = Engine(load_policy_text(POLICY))
    a, b = FirewallMiddleware(upstream, engine), FirewallMiddleware(upstream, engine)
    async with _client(a) as ca, _client(b) as cb:
        ra, rb = await asyncio.gather(
            ca.post("/v1/chat/completions", json=_chat("hi")),
            cb.post("/v1/chat/completions", json=_chat("drop the firewall")),
        )
    assert (ra.status_code, rb.status_code) == (200, 403)


async def test_shadow_mode_still_refuses_a_body_it_never_read(upstream: RecordingApp) -> None:
    policy = POLICY + "mode: shadow\n"
    async with _client(_mw(upstream, policy)) as c:
        r = await c.post("/v1/chat/completions", json=_chat("x" * 3000))
    assert r.status_code == 413
    assert upstream.requests == []


async def test_a_correction_that_cannot_be_applied_blocks(upstream: RecordingApp) -> None:
    policy = POLICY.replace("ImputeWord", "BadFix")
    async with _client(_mw(upstream, policy)) as c:
        r = await c.post("/v1/chat/completions", json=_chat("card 4111"))
    assert r.status_code == 403
    assert upstream.requests == [], "an uncorrected body must never be forwarded"


async def test_a_server_start_compiles_the_phrase_families_a_one_shot_load_does_not(
    upstream: RecordingApp,
) -> None:
    """The prompt attack families compile on first use (a one-shot `scan` pays only for
    those it reaches); a server compiles them all as it starts, so its first requests
    do not pay ~0.6 s between them."""
    from firewall_proxy.evaluate.attacks import matching, signals

    policy = POLICY.replace(
        "  - {name: invisible_chars}\n", "  - {name: invisible_chars}\n  - {name: prompt_attacks}\n"
    )
    matching.forget_compiled()
    engine = Engine(load_policy_text(policy))
    engine.load()
    assert matching.alternatives.cache_info().currsize == 0

    mw = _mw(upstream, policy)
    messages = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])

    async def receive() -> Any:
        return next(messages)

    async def send(message: Any) -> None:
        pass

    await mw({"type": "lifespan"}, receive, send)
    # every family split into its alternatives and each compiled
    assert matching.alternatives.cache_info().currsize == len(signals.FAMILIES)

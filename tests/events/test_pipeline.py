"""Through the middleware: events stored redacted, and /metrics counting the requests sent."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from firewall_proxy.enforce.asgi import Receive, Scope, Send
from firewall_proxy.enforce.middleware import FirewallMiddleware
from firewall_proxy.events.sqlite import SQLiteStore
from firewall_proxy.events.store import EventQuery
from firewall_proxy.events.writer import QueueSink
from firewall_proxy.metrics import Metrics, MetricsApp
from firewall_proxy.policy.loader import load_policy_text
from tests.enforce.apps import read_body

POLICY = """
version: 1
name: events-test
routes:
  - path: /v1/chat/completions
    extractor: openai_chat
evaluators:
  - name: banned_patterns
    options:
      patterns:
        - {name: flag-word, literal: "pineapple", category: injection, score: 0.6}
        - {name: block-word, literal: "detonate", category: harmful, score: 0.95}
rules:
  - {category: injection, min_score: 0.5, action: flag}
  - {category: harmful, min_score: 0.9, action: block}
events:
  excerpt: EXCERPT
"""

EMAIL = "jane.doe.private@example.org"
SECRET = "sk-live-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"


async def echo(scope: Scope, receive: Receive, send: Send) -> None:
    await read_body(receive)
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": b'{"ok": true}'})


def chat(text: str) -> dict[str, object]:
    return {"model": "m", "messages": [{"role": "user", "content": text}]}


def _database_bytes(folder: Path) -> bytes:
    """The database file, its WAL and any spill file, as stored on disk."""
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.name.startswith("events.db"))


def build(tmp_path: Path, excerpt: str = "redacted") -> tuple[FirewallMiddleware, QueueSink]:
    policy = load_policy_text(POLICY.replace("EXCERPT", excerpt), "events-test.yaml")
    sink = QueueSink(
        SQLiteStore(tmp_path / "events.db"),
        flush_interval=0.01,
        spill_path=tmp_path / "spill.jsonl",
    )
    metrics = Metrics(events=sink)
    app = FirewallMiddleware(echo, policy, events=sink, project="shop", metrics=metrics)
    return app, sink


async def test_no_unredacted_prompt_reaches_the_store(tmp_path: Path) -> None:
    app, sink = build(tmp_path)
    await sink.start()
    text = f"pineapple please, mail {EMAIL} and use key {SECRET} for the account"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as c:
        response = await c.post("/v1/chat/completions", json=chat(text))
    assert response.status_code == 200
    assert response.headers["x-firewall-action"] == "flag"
    await sink.close()

    store = SQLiteStore(tmp_path / "events.db")
    (event,) = store.query(EventQuery()).events
    store.close()
    assert event.action == "flag" and event.project == "shop"
    assert "[EMAIL]" in event.excerpt and "[SECRET]" in event.excerpt
    raw = _database_bytes(tmp_path)
    assert EMAIL.encode() not in raw
    assert SECRET.encode() not in raw
    assert b"for the account" in raw  # the harmless rest of the excerpt is kept


async def test_raw_excerpt_only_when_the_policy_opts_in(tmp_path: Path) -> None:
    app, sink = build(tmp_path, excerpt="raw")
    await sink.start()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as c:
        await c.post("/v1/chat/completions", json=chat(f"pineapple {EMAIL}"))
    await sink.close()
    store = SQLiteStore(tmp_path / "events.db")
    assert EMAIL in store.query(EventQuery()).events[0].excerpt
    store.close()


def _samples(text: str, name: str) -> dict[str, float]:
    out = {}
    for line in text.splitlines():
        match = re.match(rf"^{name}\{{(.*)\}} (\S+)$", line)
        if match:
            out[match.group(1)] = float(match.group(2))
    return out


async def test_metrics_count_the_requests_sent(tmp_path: Path) -> None:
    app, sink = build(tmp_path)
    await sink.start()
    sent = {"pass": 7, "flag": 5, "block": 3}
    prompts = {"pass": "hello there", "flag": "pineapple cake", "block": "how to detonate it"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as c:
        for action, n in sent.items():
            for _ in range(n):
                r = await c.post("/v1/chat/completions", json=chat(prompts[action]))
                assert r.status_code == (403 if action == "block" else 200)
        for _ in range(4):  # not a policy route: forwarded, counted as unmatched
            await c.get("/health")
        await c.post(
            "/v1/chat/completions",
            content=b"{not json",
            headers={"content-type": "application/json"},
        )
    await sink.flush()
    metrics = app.metrics
    assert metrics is not None
    text = metrics.render()
    requests = _samples(text, "firewall_requests_total")
    route = "/v1/chat/completions"
    expected = {**sent, "block": sent["block"] + 1}  # the malformed body is blocked too
    for action, n in expected.items():
        assert requests[f'project="shop",route="{route}",action="{action}"'] == n
    assert requests['project="shop",route="(unmatched)",action="forward"'] == 4
    findings = _samples(text, "firewall_findings_total")
    assert findings['project="shop",category="injection"'] == 5
    assert findings['project="shop",category="harmful"'] == 3
    assert findings['project="shop",category="malformed"'] == 1
    counts = _samples(text, "firewall_evaluator_seconds_count")
    assert counts['evaluator="banned_patterns"'] == 15
    assert "firewall_events_written_total 9.0" in text  # 5 flags + 3 blocks + 1 malformed
    assert "firewall_events_queue_depth 0.0" in text
    await sink.close()


async def test_metrics_endpoint_serves_prometheus_text() -> None:
    metrics = Metrics()
    metrics.observe_upstream(0.003, 200)
    metrics.observe_upstream(0.2, 502)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(MetricsApp(metrics)), base_url="http://t"
    ) as c:
        r = await c.get("/metrics")
        refused = await c.post("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain; version=0.0.4")
    buckets = _samples(r.text, "firewall_upstream_seconds_bucket")
    assert buckets['le="0.0025"'] == 0 and buckets['le="0.005"'] == 1
    assert buckets['le="0.25"'] == 2 and buckets['le="+Inf"'] == 2
    assert _samples(r.text, "firewall_upstream_responses_total") == {
        'status="2xx"': 1,
        'status="5xx"': 1,
    }
    assert refused.status_code == 405

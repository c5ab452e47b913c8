"""The shipped examples and policies do what their comments say."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx
from click.testing import CliRunner

from firewall_proxy import FirewallMiddleware, MemorySink, load_policy
from firewall_proxy.cli.main import cli
from tests.enforce.apps import RecordingApp

ROOT = Path(__file__).resolve().parents[1]


def _client(app: object) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t")  # type: ignore[arg-type]


async def test_starlette_example_app_is_protected() -> None:
    from examples.starlette_app import app

    async with _client(app) as c:
        ok = await c.post(
            "/v1/chat/completions", json={"messages": [{"role": "user", "content": "hello"}]}
        )
        bad = await c.post(
            "/v1/chat/completions",
            json={"messages": [{"role": "user", "content": "<|im_start|>x"}]},
        )
    assert ok.status_code == 200
    assert ok.json()["choices"][0]["message"]["content"] == "(pass) You asked: hello"
    assert bad.status_code == 403


def test_custom_evaluator_example_from_the_cli() -> None:
    runner = CliRunner()
    policy = str(ROOT / "examples" / "custom-policy.yaml")
    loud = runner.invoke(cli, ["scan", "--policy", policy, "WHY IS NOTHING WORKING TODAY"])
    calm = runner.invoke(cli, ["scan", "--policy", policy, "why is nothing working today"])
    assert '"action": "flag"' in loud.output
    assert '"action": "pass"' in calm.output


async def test_strict_policy_is_fail_closed() -> None:
    upstream = RecordingApp()
    mw = FirewallMiddleware(upstream, load_policy(ROOT / "policies" / "strict.yaml"))
    async with _client(mw) as c:
        unknown = await c.post("/v1/embeddings", json={})
        hidden = await c.post(
            "/v1/chat/completions",
            json={"messages": [{"role": "user", "content": "hi\u200b there"}]},
        )
        fine = await c.post(
            "/v1/chat/completions", json={"messages": [{"role": "user", "content": "hi there"}]}
        )
        health = await c.get("/health")
    assert unknown.status_code == 404
    assert hidden.status_code == 403
    assert fine.status_code == 200
    assert health.status_code == 200
    assert [r["path"] for r in upstream.requests] == ["/v1/chat/completions", "/health"]


async def test_image_policy_routes_and_rejections() -> None:
    upstream = RecordingApp()
    sink = MemorySink()
    mw = FirewallMiddleware(
        upstream, load_policy(ROOT / "policies" / "image-classifier.yaml"), events=sink
    )
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 32).decode()
    async with _client(mw) as c:
        bad_b64 = await c.post("/v1/classify/datapoint", json={"image": "!!not base64!!"})
        bad_probs = await c.post(
            "/v1/classify/datapoint", json={"image": png, "probabilities": "high"}
        )
        empty = await c.post("/v1/classify", content=b"", headers={"content-type": "image/png"})
    assert (bad_b64.status_code, bad_b64.json()["error"]["field"]) == (400, "image")
    assert (bad_probs.status_code, bad_probs.json()["error"]["field"]) == (400, "probabilities")
    assert empty.status_code == 400
    assert upstream.requests == []
    assert [e.categories for e in sink.events] == [{"malformed": 1.0}] * 3


async def test_on_parse_error_forward_passes_malformed_bodies_with_a_flag() -> None:
    from firewall_proxy import load_policy_text

    upstream = RecordingApp()
    sink = MemorySink()
    policy = load_policy_text(
        "routes:\n  - {path: /chat, extractor: aiandme, on_parse_error: forward}\n"
    )
    async with _client(FirewallMiddleware(upstream, policy, events=sink)) as c:
        r = await c.post("/chat", content=b"not json at all")
    assert r.status_code == 200
    assert upstream.requests[0]["body"] == b"not json at all"
    assert [e.action for e in sink.events] == ["flag"]


async def test_image_events_carry_the_measured_properties() -> None:
    import io

    from PIL import Image

    upstream = RecordingApp()
    sink = MemorySink()
    mw = FirewallMiddleware(
        upstream, load_policy(ROOT / "policies" / "image-classifier.yaml"), events=sink
    )
    buf = io.BytesIO()
    Image.new("RGB", (32, 32), (250, 250, 250)).save(buf, format="JPEG")  # tiny, blown out
    async with _client(mw) as c:
        r = await c.post(
            "/v1/classify", content=buf.getvalue(), headers={"content-type": "image/jpeg"}
        )
    assert r.headers["x-firewall-action"] == "flag"  # the rules file's action for these rules
    image = sink.events[0].image
    assert image is not None
    assert image["count"] == 1 and image["media_types"] == ["image/jpeg"]
    assert image["bytes"] == [len(buf.getvalue())]
    assert image["properties"]["min_side"] == 32.0
    assert image["properties"]["clipped"] == 1.0
    assert image["properties"]["sharpness"] == 0.0

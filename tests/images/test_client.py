from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from firewall_proxy.client import ImageFirewall
from firewall_proxy.client._errors import FirewallNotAuthorised
from firewall_proxy.events.model import MemorySink
from firewall_proxy.images.rules import RuleSet
from tests.images.conftest import encode, make_photo


@pytest.fixture
def rules_file(tmp_path: Path, rules: RuleSet) -> Path:
    path = tmp_path / "rules.json"
    path.write_text(rules.dumps(), encoding="utf-8")
    return path


def test_local_single_pass_flag_block(rules_file: Path) -> None:
    fw = ImageFirewall.local(rules_file)
    good = fw.validate_single({"image": encode(make_photo(11))}, pred=[0.9, 0.05, 0.05])
    assert good.summary.action == "pass" and good.passed
    assert {r.rule for r in good.rules} >= {"brightness", "sharpness", "noise", "confidence"}
    assert all(r.passed for r in good.rules)

    dark = fw.validate_single(encode(make_photo(12).point(lambda v: int(v * 0.3))))
    assert dark.summary.action == "flag"
    failed = {r.rule: r for r in dark.failed}
    assert "highlight" in failed
    lo, hi = failed["highlight"].expected or [None, None]
    assert isinstance(failed["highlight"].value, float) and lo is not None
    assert failed["highlight"].value < lo and hi is None
    assert failed["highlight"].action == "flag"

    broken = fw.validate_single({"image": base64.b64encode(b"\xff\xd8garbage").decode()})
    assert broken.summary.action == "block"
    assert broken.summary.fail_category == "corrupt"

    bad_pred = fw.validate_single(encode(make_photo(13)), pred=[0.7, 0.7, 0.1])
    assert bad_pred.summary.fail_category == "invalid_prediction"


def test_local_impute_returns_corrected_image(rules_file: Path, rules: RuleSet) -> None:
    edited = rules.model_copy(deep=True)
    for r in edited.rules:
        if r.rule == "highlight":
            r.action = "impute"
    fw = ImageFirewall.local(edited)
    result = fw.validate_single(encode(make_photo(14).point(lambda v: int(v * 0.3))))
    assert result.summary.action == "impute"
    assert result.imputed is not None
    again = fw.validate_single(result.imputed)
    assert "highlight" not in {r.rule for r in again.failed}


def test_local_batch_and_upload_records_events(rules_file: Path, tmp_path: Path) -> None:
    sink = MemorySink()
    (tmp_path / "a.jpg").write_bytes(encode(make_photo(15)))
    fw = ImageFirewall.local(rules_file, root=tmp_path, events=sink, project="shop")
    data = [
        {"image_path": "a.jpg"},
        {"image_path": "../outside.jpg"},
        encode(make_photo(16).resize((20, 20))),
    ]
    results = fw.validate_batch(data, preds=[[0.9, 0.05, 0.05], None, None])
    assert [r.summary.action for r in results] == ["pass", "block", "flag"]
    assert not sink.events  # plain validation records nothing
    uploaded = fw.validate_batch_and_upload(data)
    assert [e.action for e in sink.events] == ["pass", "block", "flag"]  # all uploaded
    event = sink.events[1]
    assert (event.project, event.action, event.id) == ("shop", "block", uploaded[1].id)
    assert event.findings[0]["data"]["rule"] == "path"
    single = fw.validate_single_and_upload(data[2])
    assert sink.events[-1].id == single.id
    with pytest.raises(ValueError, match="predictions"):
        fw.validate_batch(data, preds=[[1.0]])


def _verdict_server(requests: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if request.headers.get("authorization") != "Bearer k1":
            return httpx.Response(401, json={"error": {"message": "bad key"}})
        return httpx.Response(
            406,
            json={
                "id": "v1",
                "status": False,
                "action": "flag",
                "fail_category": "brightness",
                "explanation": "highlight 80 is below the reference range",
                "confidence": 0.7,
                "latency_ms": 4.2,
                "findings": [
                    {
                        "category": "brightness",
                        "score": 0.7,
                        "evaluator": "image_quality",
                        "explanation": "highlight 80 is below the reference range",
                        "data": {
                            "rule": "highlight",
                            "value": 80.0,
                            "expected": [106.0, None],
                            "action": "flag",
                        },
                    }
                ],
            },
        )

    return httpx.MockTransport(handler)


def test_remote_mode_contract() -> None:
    seen: list[httpx.Request] = []
    fw = ImageFirewall.remote("http://fw.test", "shop", "k1", transport=_verdict_server(seen))
    image = encode(make_photo(17))
    result = fw.validate_single({"image": image, "label": "cat"}, pred=[0.2, 0.8])
    assert seen[0].url.path == "/firewall/shop/images"
    assert seen[0].url.params.get("record") == "false"
    body = json.loads(seen[0].content)
    assert base64.b64decode(body["image"]) == image
    assert body["probabilities"] == [0.2, 0.8] and body["label"] == "cat"
    assert result.summary.action == "flag" and result.id == "v1"
    rule = result.failed[0]
    assert (rule.rule, rule.value, rule.expected, rule.action) == (
        "highlight",
        80.0,
        [106.0, None],
        "flag",
    )
    fw.validate_single_and_upload({"image_path": "x/y.jpg"})
    assert "record" not in seen[1].url.params
    assert json.loads(seen[1].content) == {"image_path": "x/y.jpg"}
    bad = ImageFirewall.remote("http://fw.test", "shop", "nope", transport=_verdict_server(seen))
    with pytest.raises(FirewallNotAuthorised):
        bad.validate_single(image)


@pytest.fixture
def live_api(tmp_path: Path, rules_file: Path) -> Iterator[tuple[str, str, MemorySink]]:
    from firewall_proxy.api import KeyStore, build_api_app
    from tests.live import live_server

    policy = tmp_path / "images.yaml"
    policy.write_text(
        "version: 1\nname: images\ndefault_action: flag\n"
        f"evaluators:\n  - {{name: image_quality, options: {{rules: '{rules_file}'}}}}\n"
        f"  - {{name: prediction, options: {{rules: '{rules_file}'}}}}\n"
        "rules:\n  - {category: corrupt, action: block}\n",
        encoding="utf-8",
    )
    store = KeyStore(tmp_path / "keys.db")
    key = store.create("imgs").secret
    sink = MemorySink()
    app = build_api_app({"imgs": policy}, KeyStore(tmp_path / "keys.db"), events=sink)
    with live_server(app) as url:
        yield url, key, sink


def test_remote_mode_against_running_firewall(live_api: tuple[str, str, MemorySink]) -> None:
    url, key, _ = live_api
    with ImageFirewall.remote(url, "imgs", key) as fw:
        ok = fw.validate_single(encode(make_photo(18)), pred=[0.9, 0.05, 0.05])
        assert ok.summary.action == "pass"
        dark = fw.validate_single(encode(make_photo(19).point(lambda v: int(v * 0.3))))
        assert dark.summary.action == "flag"
        assert "highlight" in {r.rule for r in dark.failed}
        broken = fw.validate_single(b"\x89PNG\r\n\x1a\n" + bytes(40))
        assert broken.summary.action == "block"
        assert broken.summary.fail_category == "corrupt"

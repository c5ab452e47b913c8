from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import orjson
import pytest
from PIL import Image, ImageFilter, ImageStat

from firewall_proxy.enforce.impute import apply_fixes
from firewall_proxy.engine import Engine
from firewall_proxy.evaluate.base import EvalContext
from firewall_proxy.evaluate.image import ImageQualityEvaluator, PredictionEvaluator
from firewall_proxy.evaluate.registry import resolve_evaluator
from firewall_proxy.extract.dispatch import extract
from firewall_proxy.extract.payload import ImagePart, Payload
from firewall_proxy.findings import Action, Finding
from firewall_proxy.images.rules import RuleSet
from firewall_proxy.policy.models import Policy
from tests.images.conftest import encode, make_photo


@pytest.fixture
def rules_file(tmp_path: Path, rules: RuleSet) -> Path:
    path = tmp_path / "rules.json"
    path.write_text(rules.dumps(), encoding="utf-8")
    return path


def _evaluator(rules_file: Path, root: Path | None = None) -> ImageQualityEvaluator:
    ev = ImageQualityEvaluator.from_config(
        {"rules": str(rules_file), "root": str(root) if root else None}
    )
    ev.load()
    assert isinstance(ev, ImageQualityEvaluator)
    return ev


async def _findings(
    ev: ImageQualityEvaluator | PredictionEvaluator, payload: Payload
) -> list[Finding]:
    return await ev.evaluate(payload, EvalContext())


def _rules(findings: list[Finding]) -> set[str]:
    return {f.data["rule"] for f in findings if f.data}


def test_registered_by_name() -> None:
    assert resolve_evaluator("image_quality") is ImageQualityEvaluator
    assert resolve_evaluator("prediction") is PredictionEvaluator


async def test_every_input_shape_is_checked(rules_file: Path, tmp_path: Path) -> None:
    ev = _evaluator(rules_file, tmp_path)
    dark = encode(make_photo(100).point(lambda v: int(v * 0.3)))
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "dark.jpg").write_bytes(dark)
    b64 = base64.b64encode(dark).decode()
    boundary = "XyZ"
    multipart = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
        ).encode()
        + dark
        + (f"\r\n--{boundary}--\r\n").encode()
    )
    chat = {
        "model": "m",
        "messages": [
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "what is this?"},
                    {"type": "image_url", "image_url": {"url": f"data:image/jpeg;base64,{b64}"}},
                ],
            }
        ],
    }
    payloads = [
        extract("image", dark, "image/jpeg", {}),
        extract("multipart", multipart, f"multipart/form-data; boundary={boundary}", {}),
        extract("datapoint", orjson.dumps({"image": b64}), "application/json", {}),
        extract("datapoint", orjson.dumps({"image_path": "img/dark.jpg"}), "application/json", {}),
        extract("openai_chat", orjson.dumps(chat), "application/json", {}),
    ]
    for payload in payloads:
        findings = await _findings(ev, payload)
        assert "highlight" in _rules(findings), payload.content_type
        f = next(f for f in findings if f.data and f.data["rule"] == "highlight")
        assert f.category == "brightness"
        assert f.data is not None
        lo, hi = f.data["expected"]
        assert f.data["value"] < lo and hi is None
        assert f.data["action"] == "flag"


async def test_clean_image_has_no_findings(rules_file: Path) -> None:
    ev = _evaluator(rules_file)
    payload = Payload(images=[ImagePart(data=encode(make_photo(3)), target="")])
    assert await _findings(ev, payload) == []


async def test_blur_and_small_images_flagged(rules_file: Path) -> None:
    ev = _evaluator(rules_file)
    blurred = encode(make_photo(4).filter(ImageFilter.GaussianBlur(4)))
    small = encode(make_photo(5).resize((24, 24)))
    found = await _findings(ev, Payload(images=[ImagePart(data=blurred), ImagePart(data=small)]))
    assert "sharpness" in {f.data["rule"] for f in found if f.part == 0 and f.data}
    assert "min_side" in {f.data["rule"] for f in found if f.part == 1 and f.data}


@pytest.mark.parametrize(
    ("path", "why"),
    [("../secret.jpg", "outside"), ("/etc/passwd", "outside"), ("missing.jpg", "does not exist")],
)
async def test_paths_escaping_root_rejected(
    rules_file: Path, tmp_path: Path, path: str, why: str
) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "secret.jpg").write_bytes(encode(make_photo(1)))
    found = await _findings(
        _evaluator(rules_file, root), Payload(images=[ImagePart(path=path, target="/image_path")])
    )
    assert [(f.category, f.data["rule"]) for f in found if f.data] == [("malformed", "path")]
    assert why in found[0].explanation


async def test_symlink_out_of_root_rejected(rules_file: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "secret.jpg").write_bytes(encode(make_photo(1)))
    (root / "link.jpg").symlink_to(tmp_path / "secret.jpg")
    found = await _findings(
        _evaluator(rules_file, root), Payload(images=[ImagePart(path="link.jpg")])
    )
    assert [f.category for f in found] == ["malformed"]
    assert "outside" in found[0].explanation


async def test_image_path_refused_without_root(rules_file: Path) -> None:
    found = await _findings(_evaluator(rules_file), Payload(images=[ImagePart(path="a.jpg")]))
    assert found[0].category == "malformed" and "no image root" in found[0].explanation


async def test_undecodable_input_is_blocked_by_rule_action(rules_file: Path) -> None:
    data = encode(make_photo(2))
    found = await _findings(_evaluator(rules_file), Payload(images=[ImagePart(data=data[:300])]))
    assert [(f.category, f.score) for f in found] == [("corrupt", 1.0)]
    assert found[0].data is not None and found[0].data["action"] == "block"


@pytest.fixture
def imputing_rules(rules_file: Path) -> Path:
    doc = json.loads(rules_file.read_text())
    for rule in doc["rules"]:
        if rule["rule"] in ("highlight", "brightness"):
            rule["action"] = "impute"
    rules_file.write_text(json.dumps(doc))
    return rules_file


async def test_impute_round_trip_in_request_format(imputing_rules: Path, rules: RuleSet) -> None:
    ev = _evaluator(imputing_rules)
    dark = make_photo(7).point(lambda v: int(v * 0.3))
    for fmt, media in (("JPEG", "image/jpeg"), ("PNG", "image/png")):
        body = json.dumps(
            {"image": base64.b64encode(encode(dark, fmt)).decode(), "probabilities": [0.2, 0.8]}
        ).encode()
        payload = extract("datapoint", body, "application/json", {})
        found = await _findings(ev, payload)
        fixes = [f.fix for f in found if f.fix is not None]
        assert fixes and fixes[0].target == "/image"
        new_body = apply_fixes(payload, fixes)
        new_doc = json.loads(new_body)
        assert new_doc["probabilities"] == [0.2, 0.8]
        fixed = Image.open(io.BytesIO(base64.b64decode(new_doc["image"])))
        assert fixed.format == fmt, media
        # The corrected image passes the rules it failed.
        again = await _findings(
            ev, Payload(images=[ImagePart(data=base64.b64decode(new_doc["image"]))])
        )
        assert not _rules(again) & {"highlight", "brightness"}
        mean = ImageStat.Stat(fixed.convert("L")).mean[0]
        assert abs(mean - rules.impute.brightness) < 25


async def test_predictions_checked(rules_file: Path) -> None:
    ev = PredictionEvaluator.from_config({"rules": str(rules_file)})
    assert isinstance(ev, PredictionEvaluator)
    ev.load()
    cases = {
        (0.5, 0.6, 0.1): "invalid_prediction",  # sums to 1.2
        (0.5, 0.5): "invalid_prediction",  # wrong length
        (1.2, -0.1, -0.1): "invalid_prediction",  # negative
        (0.34, 0.33, 0.33): "low_confidence",
    }
    for probs, category in cases.items():
        found = await ev.evaluate(Payload(probabilities=list(probs)), EvalContext())
        assert {f.category for f in found} == {category}, probs
    assert await ev.evaluate(Payload(probabilities=[0.9, 0.05, 0.05]), EvalContext()) == []
    nan = await ev.evaluate(Payload(probabilities=[float("nan"), 0.5, 0.5]), EvalContext())
    assert nan[0].category == "invalid_prediction" and "NaN" in nan[0].explanation


async def test_engine_runs_image_policy(rules_file: Path) -> None:
    policy = Policy.model_validate(
        {
            "evaluators": [
                {"name": "image_quality", "options": {"rules": str(rules_file)}},
                {"name": "prediction", "options": {"rules": str(rules_file)}},
            ],
            "rules": [{"category": "corrupt", "action": "block"}],
        }
    )
    engine = Engine(policy)
    engine.load()
    bad = Payload(images=[ImagePart(data=b"not an image at all")])
    verdict, _ = await engine.evaluate(bad)
    assert verdict.action is Action.BLOCK and verdict.fail_category == "corrupt"
    good = Payload(images=[ImagePart(data=encode(make_photo(9)))], probabilities=[0.9, 0.05, 0.05])
    verdict, _ = await engine.evaluate(good)
    assert verdict.action is Action.PASS
    await engine.aclose()


async def test_without_rules_file_only_decoding_is_checked() -> None:
    ev = ImageQualityEvaluator.from_config({})
    ev.load()
    dark = encode(make_photo(21).point(lambda v: int(v * 0.2)))
    assert await ev.evaluate(Payload(images=[ImagePart(data=dark)]), EvalContext()) == []
    found = await ev.evaluate(Payload(images=[ImagePart(data=b"GIF89a")]), EvalContext())
    assert [f.category for f in found] == ["corrupt"]


async def test_engine_forwards_imputed_image_for_raw_and_chat_routes(imputing_rules: Path) -> None:
    policy = Policy.model_validate(
        {
            "routes": [
                {"path": "/classify", "extractor": "image"},
                {"path": "/v1/chat/completions", "extractor": "openai_chat"},
            ],
            "evaluators": [{"name": "image_quality", "options": {"rules": str(imputing_rules)}}],
            "rules": [{"category": "brightness", "action": "impute"}],
        }
    )
    engine = Engine(policy)
    engine.load()
    dark = encode(make_photo(22).point(lambda v: int(v * 0.3)))
    route = engine.match("POST", "/classify")
    assert route is not None
    inspection = await engine.inspect(route, dark, "image/jpeg")
    assert inspection.verdict.action is Action.IMPUTE
    fixed = Image.open(io.BytesIO(inspection.body))
    assert fixed.format == "JPEG" and fixed.size == (200, 150)
    assert (
        ImageStat.Stat(fixed.convert("L")).mean[0]
        > 2 * ImageStat.Stat(Image.open(io.BytesIO(dark)).convert("L")).mean[0]
    )

    url = "data:image/jpeg;base64," + base64.b64encode(dark).decode()
    chat = {
        "messages": [
            {"role": "user", "content": [{"type": "image_url", "image_url": {"url": url}}]}
        ]
    }
    route = engine.match("POST", "/v1/chat/completions")
    assert route is not None
    inspection = await engine.inspect(route, orjson.dumps(chat), "application/json")
    assert inspection.verdict.action is Action.IMPUTE
    new_url = json.loads(inspection.body)["messages"][0]["content"][0]["image_url"]["url"]
    assert new_url.startswith("data:image/jpeg;base64,") and new_url != url
    await engine.aclose()

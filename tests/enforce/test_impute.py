from __future__ import annotations

import base64

import orjson
import pytest

from firewall_proxy import Fix
from firewall_proxy.enforce.impute import apply_fixes, apply_text_fixes
from firewall_proxy.extract.dispatch import extract


def test_text_spans_are_replaced_right_to_left_and_overlaps_skipped() -> None:
    text = "call 555-0100 or mail a@b.co"
    fixes = [Fix("", "[PHONE]", (5, 13)), Fix("", "[EMAIL]", (22, 28)), Fix("", "[X]", (10, 24))]
    assert apply_text_fixes(text, fixes) == "call [PHONE] or mail [EMAIL]"


def test_json_shape_is_kept_and_only_fixed_fields_change() -> None:
    body = orjson.dumps(
        {
            "model": "m",
            "n": 2,
            "messages": [{"role": "user", "content": [{"type": "text", "text": "card 4111 here"}]}],
        }
    )
    payload = extract("openai_chat", body, "application/json", {})
    out = orjson.loads(apply_fixes(payload, [Fix("/messages/0/content/0/text", "[CARD]", (5, 9))]))
    assert out == {
        "model": "m",
        "n": 2,
        "messages": [{"role": "user", "content": [{"type": "text", "text": "card [CARD] here"}]}],
    }


def test_image_fixes_keep_the_data_url_form() -> None:
    url = "data:image/png;base64," + base64.b64encode(b"old").decode()
    body = orjson.dumps(
        {
            "messages": [
                {"role": "user", "content": [{"type": "image_url", "image_url": {"url": url}}]}
            ]
        }
    )
    payload = extract("openai_chat", body, "application/json", {})
    out = orjson.loads(apply_fixes(payload, [Fix(payload.images[0].target, b"new")]))
    new_url = out["messages"][0]["content"][0]["image_url"]["url"]
    assert new_url == "data:image/png;base64," + base64.b64encode(b"new").decode()


def test_a_corrected_path_image_is_forwarded_inline() -> None:
    payload = extract(
        "datapoint",
        orjson.dumps({"image_path": "a.jpg", "probabilities": [1.0]}),
        "application/json",
        {},
    )
    out = orjson.loads(apply_fixes(payload, [Fix("/image", b"fixed")]))
    assert out == {"image": base64.b64encode(b"fixed").decode(), "probabilities": [1.0]}


def test_fixes_must_target_a_text_or_image_of_the_request() -> None:
    payload = extract("aiandme", b'{"prompt": "hi", "agent_prompt": "x"}', "", {})
    with pytest.raises(ValueError, match="not a text"):
        apply_fixes(payload, [Fix("/model", "x")])
    with pytest.raises(ValueError, match="not a image"):
        apply_fixes(payload, [Fix("/prompt", b"bytes")])

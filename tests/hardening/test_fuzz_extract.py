"""Bad input against every extractor: whatever the body, the extract step returns a
payload or raises the project's :class:`RequestError` (a 4xx with a field), never any
other exception, and stays bounded in memory on hostile nesting and numbers.

A payload that comes back must also be one the impute step can write through: every
text's ``target`` pointer resolves, in the parsed document, to exactly that text.
"""

from __future__ import annotations

import tracemalloc
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from firewall_proxy._exceptions import MalformedPayload, RequestError
from firewall_proxy.extract.dispatch import extract
from firewall_proxy.extract.payload import Payload
from firewall_proxy.extract.pointer import resolve
from tests.hardening.strategies import nested, shaped_for

FUZZ = settings.get_profile("hardening")

JSON_EXTRACTORS = ["openai_chat", "anthropic_messages", "aiandme", "json", "datapoint"]
EXTRACTORS = [*JSON_EXTRACTORS, "text", "image", "multipart"]
JSON_OPTIONS: dict[str, Any] = {
    "fields": {"/prompt": "user", "/messages/*/content": "user", "/docs/*": "document"}
}
CONTENT_TYPES = st.sampled_from(
    [
        "application/json",
        "",
        "text/plain; charset=latin-1",
        "image/png",
        "multipart/form-data; boundary=xyz",
        "multipart/form-data",
        "multipart/form-data; boundary=",
        'multipart/form-data; boundary="a b"',
    ]
)


def _run(extractor: str, body: bytes, content_type: str = "application/json") -> Payload | None:
    """Extract, turning the documented refusals into ``None``; anything else propagates."""
    options = JSON_OPTIONS if extractor == "json" else {}
    try:
        return extract(extractor, body, content_type, options)
    except RequestError as exc:
        refused = exc
    assert 400 <= refused.status < 500
    assert refused.message, "a refusal says what is wrong"
    return None


def _check_targets(payload: Payload) -> None:
    """Every text points at itself in the document (so impute rewrites that field only)."""
    if not isinstance(payload.document, dict) or "parts" in payload.document:
        return
    for part in payload.texts:
        assert resolve(payload.document, part.target) == part.text


@settings(FUZZ, max_examples=400)
@given(data=st.data(), extractor=st.sampled_from(EXTRACTORS), content_type=CONTENT_TYPES)
def test_any_body_gives_a_payload_or_a_request_error(
    data: st.DataObject, extractor: str, content_type: str
) -> None:
    body = data.draw(shaped_for(extractor), label="body")
    payload = _run(extractor, body, content_type)
    if payload is not None:
        assert payload.body == body
        _check_targets(payload)


@pytest.mark.parametrize("extractor", JSON_EXTRACTORS)
@pytest.mark.parametrize(
    "body",
    [
        pytest.param(nested(100_000), id="100k-nested-lists"),
        pytest.param(nested(100_000, kind="object"), id="100k-nested-objects"),
        pytest.param(b'{"messages":' + nested(100_000) + b"}", id="100k-nested-messages"),
        pytest.param(b'{"prompt":"x","n":1e999999}', id="1e999999"),
        pytest.param(b'{"prompt":"x","n":' + b"9" * 5000 + b"}", id="5000-digit-int"),
        pytest.param(b'{"prompt":"x","n":NaN}', id="NaN"),
        pytest.param(b'{"prompt":"\\ud800"}', id="lone-surrogate"),
        pytest.param(b'{"prompt":"\xff\xfe"}', id="invalid-utf8"),
        pytest.param(b"\xef\xbb\xbf" + b'{"prompt":"x"}', id="utf8-bom"),
        pytest.param(b'{"prompt":"x"} {"prompt":"y"}', id="two-documents"),
        pytest.param(b"", id="empty"),
    ],
)
def test_hostile_json_is_refused_with_a_clear_400(extractor: str, body: bytes) -> None:
    with pytest.raises(MalformedPayload) as caught:
        extract(extractor, body, "application/json", JSON_OPTIONS)
    assert caught.value.status == 400
    assert caught.value.field == "body"


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_deep_nesting_costs_no_more_memory_than_its_size(extractor: str) -> None:
    body = nested(100_000, kind="object")
    tracemalloc.start()
    try:
        _run(extractor, body, "multipart/form-data; boundary=a")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * len(body), f"{peak} bytes allocated for a {len(body)}-byte body"


@pytest.mark.parametrize(
    ("probabilities", "accepted"),
    [
        (b"[0.5, 0.5]", True),
        (b"[1e308, 1e308]", True),  # finite: the prediction rules judge it, not the parser
        (b"[" + b"9" * 400 + b"]", False),  # an int too large for a float
        (b"[true, false]", False),
        (b'["0.5"]', False),
        (b"[[0.5]]", False),
        (b"{}", False),
    ],
)
def test_datapoint_probabilities_are_numbers_or_a_400(probabilities: bytes, accepted: bool) -> None:
    payload = _run("datapoint", b'{"probabilities":' + probabilities + b"}")
    assert (payload is not None) is accepted


def test_a_tool_result_without_content_adds_no_text() -> None:
    """Regression (found by bench/fuzz.py): an Anthropic ``tool_result`` block without
    ``content`` became an empty text whose target pointed at nothing in the document."""
    body = b'{"messages":[{"role":"user","content":[{"type":"tool_result"}]}]}'
    payload = _run("anthropic_messages", body)
    assert payload is not None
    assert payload.texts == []

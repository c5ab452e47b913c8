"""Ambiguous JSON keys are refused (400, code ``duplicate_key``, naming the key); the
same bodies at the proxy are in tests/hardening/test_bypass.py."""

from __future__ import annotations

import orjson
import pytest

from firewall_proxy._exceptions import MalformedPayload
from firewall_proxy.extract.dispatch import extract, parse_json


def _refused(body: bytes, extractor: str = "openai_chat", **options: object) -> MalformedPayload:
    with pytest.raises(MalformedPayload) as info:
        extract(extractor, body, "application/json", dict(options))
    assert info.value.code == "duplicate_key"
    assert info.value.status == 400
    return info.value


@pytest.mark.parametrize(
    ("body", "key"),
    [
        (b'{"a":1,"a":2}', "a"),
        (b'{"x":{"y":[{"k":"v","k":"w"}]}}', "k"),
        (b'{"a\\u003ab":1,"a:b":2}', "a:b"),
        (b'[{"n":1},{"n":1,"n":1}]', "n"),
        (b'{"msg":"a:b:c","msg":"d"}', "msg"),
        (b'{"\\u0041":1,"A":2}', "A"),
    ],
)
def test_a_key_twice_in_one_object_is_refused_anywhere(body: bytes, key: str) -> None:
    with pytest.raises(MalformedPayload) as info:
        parse_json(body)
    assert info.value.code == "duplicate_key"
    assert info.value.field == key
    assert repr(key) in info.value.message


@pytest.mark.parametrize(
    "body",
    [
        b'{"a":"x\\u003ay","b":"\\u003A"}',  # escaped colons, no duplicate: the slow path
        b'{"url":"http://a:8080/p","t":"12:30:45"}',
        b'{"a":1,"A":2,"b":{"a":1}}',  # case-distinct keys the extractor does not read
        b'[1, "a", {"k": [{"k": 1}]}]',
        b'"just a string: with a colon"',
    ],
)
def test_bodies_without_duplicates_parse(body: bytes) -> None:
    assert parse_json(body) == orjson.loads(body)


def test_a_case_variant_of_a_key_the_extractor_reads_is_refused() -> None:
    error = _refused(b'{"messages":[{"role":"user","Content":"x"}]}')
    assert error.field == "Content"
    assert "'content'" in error.message
    _refused(b'{"me\xc5\xbf\xc5\xbfages":[]}')  # U+017F folds to "s" (Go's EqualFold too)
    _refused(b'{"messages":[{"role":"user","content":[{"TYPE":"text","text":"x"}]}]}')
    _refused(b'{"system":"a","SYSTEM":"b","messages":[]}', "anthropic_messages")
    _refused(b'{"prompt":"a","Agent_Prompt":"b"}', "aiandme")
    _refused(b'{"probabilities":[1],"Image":"AAAA"}', "datapoint")
    _refused(b'{"doc":{"Body":"x"}}', "json", fields={"/doc/body": "document"})


def test_case_variants_elsewhere_in_the_document_are_left_alone() -> None:
    """A tool's JSON Schema may well have a property called "Text"."""
    body = orjson.dumps(
        {
            "messages": [{"role": "user", "content": "hi"}],
            "tools": [{"function": {"parameters": {"properties": {"Text": {}, "URL": {}}}}}],
        }
    )
    payload = extract("openai_chat", body, "application/json", {})
    assert [t.text for t in payload.texts] == ["hi"]
    doc = {"doc": {"body": "x", "Title": "y"}, "meta": {"Body": 1}}
    payload = extract("json", orjson.dumps(doc), "", {"fields": {"/doc/body": "document"}})
    assert [t.text for t in payload.texts] == ["x"]

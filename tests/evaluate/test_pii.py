"""The pii and secrets evaluators: detection, validation, and the impute fixes they carry."""

from __future__ import annotations

from typing import Any

import pytest

from firewall_proxy._exceptions import PolicyError
from firewall_proxy.enforce.impute import apply_text_fixes
from firewall_proxy.evaluate.base import EvalContext
from firewall_proxy.evaluate.pii import PII_ENTITIES, SECRET_ENTITIES, Scanner
from firewall_proxy.evaluate.pii.evaluator import PiiEvaluator, SecretsEvaluator
from firewall_proxy.evaluate.registry import resolve_evaluator
from firewall_proxy.extract.payload import Payload, TextPart
from firewall_proxy.findings import Finding

ALL = PII_ENTITIES | SECRET_ENTITIES


def entities(text: str, **kw: Any) -> list[tuple[str, str]]:
    scanner = Scanner(ALL, **kw)
    return [(m.entity, text[m.start : m.end]) for m in scanner.scan(text)]


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("write to anna.mueller@example.de today", "EMAIL", "anna.mueller@example.de"),
        ("call me on +49 30 901820 please", "PHONE", "+49 30 901820"),
        ("my phone is (415) 555-2671", "PHONE", "(415) 555-2671"),
        ("card 4539 1488 0343 6467 exp 12/26", "CARD", "4539 1488 0343 6467"),
        ("IBAN DE89 3704 0044 0532 0130 00 thanks", "IBAN", "DE89 3704 0044 0532 0130 00"),
        ("my SSN is 536-90-4399", "SSN", "536-90-4399"),
        ("NINO AB 12 34 56 C", "NINO", "AB 12 34 56 C"),
        ("Steuer-ID 86095742719", "DE_IDNR", "86095742719"),
        ("numéro de sécurité sociale 172023201312126", "FR_NIR", "172023201312126"),
        ("wire it to de89 3704 0044 0532 0130 00 asap", "IBAN", "de89 3704 0044 0532 0130 00"),
        ("my social is 536904399, ok?", "SSN", "536904399"),
        ("DNI 12345678Z", "ES_NIF", "12345678Z"),
        ("codice fiscale RSSMRA85T10A562S", "IT_CF", "RSSMRA85T10A562S"),
        ("the server at 8.8.4.4 is down", "IP_ADDRESS", "8.8.4.4"),
        ("I was born on 12/03/1985 in Lyon", "DOB", "12/03/1985"),
        (
            "ship to 868 Kevin Radial Suite 869, South Johnfurt, MT 87630.",
            "ADDRESS",
            "868 Kevin Radial Suite 869, South Johnfurt, MT 87630",
        ),
        ("key AKIAZ3MSJV4WW3TOOXDU in the config", "AWS_ACCESS_KEY", "AKIAZ3MSJV4WW3TOOXDU"),
        (
            "token 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 ok",
            "GITHUB_TOKEN",
            "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",
        ),
        ("db postgres://admin:Tr0ub4dor@db.internal:5432/app", "URL_PASSWORD", "Tr0ub4dor"),
        ("password = 'S3cr3t!Pass'", "PASSWORD", "S3cr3t!Pass"),
    ],
)
def test_detects_and_spans_the_value(text: str, entity: str, value: str) -> None:
    assert (entity, value) in entities(text)


@pytest.mark.parametrize(
    "text",
    [
        "order 4111-1111-1111-1112 shipped",  # fails Luhn: not a card
        "order #4532015112830366 is on its way",  # passes Luhn, but it is an order number
        "test with 4242 4242 4242 4242 in the sandbox",  # published test card
        "request id 123e4567-e89b-12d3-a456-426614174000",
        "sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709 of the release",
        "upgrade to version 1.2.3.4 or 10.0.19041.1",
        "the meeting is on 2024-03-14 at 10:30",
        "SSN 078-05-1120 from the old wallet ad",  # a number that was never valid
        "call getUserById2FromDatabase in the service layer",
        "aws example key AKIAIOSFODNN7EXAMPLE from the docs",
        "password: <your password here>",
    ],
)
def test_hard_negatives_are_not_reported(text: str) -> None:
    assert entities(text) == []


def test_test_cards_are_reported_when_the_policy_says_so() -> None:
    text = "card 4242 4242 4242 4242"
    assert entities(text, ignore_test_values=False) == [("CARD", "4242 4242 4242 4242")]


def test_validation_raises_the_score() -> None:
    scanner = Scanner({"CARD"})
    bare = scanner.scan("ref 4539148803436467")
    named = scanner.scan("my visa card 4539148803436467")
    assert named and named[0].validated
    assert not bare or bare[0].score < named[0].score


def test_private_key_and_jwt() -> None:
    key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----"
    jwt = (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
        "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
    )
    found = entities(f"here {key} and {jwt}")
    assert ("PRIVATE_KEY", key) in found
    assert ("JWT", jwt) in found


def _payload(*texts: str) -> Payload:
    parts = [
        TextPart(t, role="user", target=f"/messages/{i}/content", turn=i)
        for i, t in enumerate(texts)
    ]
    return Payload(texts=parts, document={"messages": [{"content": t} for t in texts]})


def _apply(payload: Payload, findings: list[Finding]) -> list[str]:
    out = []
    for i, part in enumerate(payload.texts):
        fixes = [f.fix for f in findings if f.part == i and f.fix is not None]
        out.append(apply_text_fixes(part.text, fixes))
    return out


async def test_placeholders_are_consistent_across_parts() -> None:
    evaluator = PiiEvaluator.from_config({})
    payload = _payload(
        "I am ann@example.com, my colleague is bob@example.com",
        "again: ANN@example.com, card 4539 1488 0343 6467",
        "the same card 4539-1488-0343-6467",
    )
    findings = await evaluator.evaluate(payload, EvalContext())
    assert {f.category for f in findings} == {"pii"}
    assert all(f.data and "entity" in f.data and len(f.data) == 2 for f in findings)
    assert all("@" not in f.explanation for f in findings)
    texts = _apply(payload, findings)
    assert texts[0] == "I am [EMAIL_1], my colleague is [EMAIL_2]"
    assert texts[1] == "again: [EMAIL_1], card [CARD_1]"
    assert texts[2] == "the same card [CARD_1]"


async def test_fix_targets_the_text_part_pointer() -> None:
    evaluator = PiiEvaluator.from_config({})
    payload = _payload("hello", "mail me: x.y@example.org")
    (finding,) = await evaluator.evaluate(payload, EvalContext())
    assert finding.part == 1
    assert finding.fix is not None and finding.fix.target == "/messages/1/content"
    assert finding.fix.span == finding.span == (9, 24)


async def test_restore_map_is_filled_only_when_asked() -> None:
    payload = _payload("mail ann@example.com")
    ctx = EvalContext()
    await PiiEvaluator.from_config({}).evaluate(payload, ctx)
    assert ctx.restore == {}
    await PiiEvaluator.from_config({"restore": True}).evaluate(payload, ctx)
    assert ctx.restore == {"[EMAIL_1]": "ann@example.com"}


async def test_mask_and_keyed_hash_modes(monkeypatch: pytest.MonkeyPatch) -> None:
    payload = _payload("card 4539 1488 0343 6467, mail ann@example.com")
    masked = PiiEvaluator.from_config({"per_entity": {"CARD": "mask", "EMAIL": "mask"}})
    texts = _apply(payload, await masked.evaluate(payload, EvalContext()))
    assert texts == ["card ****6467, mail a***@example.com"]

    monkeypatch.setenv("FP_TEST_HASH_KEY", "k1")
    hashed = PiiEvaluator.from_config({"redaction": "hash", "hash_key_env": "FP_TEST_HASH_KEY"})
    first = _apply(payload, await hashed.evaluate(payload, EvalContext()))[0]
    again = _apply(payload, await hashed.evaluate(payload, EvalContext()))[0]
    assert first == again, "a keyed hash is stable across requests"
    assert "4539" not in first and "ann@" not in first and "[CARD#" in first
    monkeypatch.setenv("FP_TEST_HASH_KEY", "k2")
    other_key = PiiEvaluator.from_config({"redaction": "hash", "hash_key_env": "FP_TEST_HASH_KEY"})
    assert _apply(payload, await other_key.evaluate(payload, EvalContext()))[0] != first


def test_hash_without_a_key_is_a_policy_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(PolicyError, match="hash_key_env"):
        PiiEvaluator.from_config({"redaction": "hash"})
    monkeypatch.delenv("FP_UNSET_KEY", raising=False)
    with pytest.raises(PolicyError, match="FP_UNSET_KEY"):
        PiiEvaluator.from_config({"redaction": "hash", "hash_key_env": "FP_UNSET_KEY"})


def test_unknown_entity_is_rejected() -> None:
    with pytest.raises(ValueError, match="EMAILS"):
        PiiEvaluator.from_config({"entities": ["EMAILS"]})
    with pytest.raises(ValueError, match="EMAIL"):
        SecretsEvaluator.from_config({"entities": ["EMAIL"]})


async def test_entity_selection_and_allow_list() -> None:
    payload = _payload("support@acme.test or ann@example.com, +44 20 7946 0958")
    only_mail = PiiEvaluator.from_config({"entities": ["EMAIL"], "allow": ["support@acme.test"]})
    found = await only_mail.evaluate(payload, EvalContext())
    assert [f.data["entity"] for f in found if f.data] == ["EMAIL"]
    assert found[0].span == (21, 36)


async def test_secrets_evaluator_reports_secret_category() -> None:
    payload = _payload("export GITHUB_TOKEN=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")
    (finding,) = await SecretsEvaluator.from_config({}).evaluate(payload, EvalContext())
    assert finding.category == "secret"
    assert finding.data == {"entity": "GITHUB_TOKEN", "validated": True}
    assert _apply(payload, [finding]) == ["export GITHUB_TOKEN=[GITHUB_TOKEN_1]"]


async def test_system_prompt_is_not_scanned_by_default() -> None:
    payload = Payload(texts=[TextPart("ops: ops@example.com", role="system", target="/s")])
    assert await PiiEvaluator.from_config({}).evaluate(payload, EvalContext()) == []


def test_registered_by_name() -> None:
    assert resolve_evaluator("pii") is PiiEvaluator
    assert resolve_evaluator("secrets") is SecretsEvaluator

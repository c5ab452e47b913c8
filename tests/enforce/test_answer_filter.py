"""The streaming text filter: a value split anywhere is still caught, with a small holdback."""

from __future__ import annotations

import pytest

from firewall_proxy.enforce.answer_filter import LeakPolicy, SseRewriter, TextFilter
from firewall_proxy.evaluate.pii import PII_ENTITIES, SECRET_ENTITIES, Scanner

TEXT = (
    "Hello! Reach [EMAIL_1] or ops.team@corp.example, card 4539 1488 0343 6467, "
    "and keep 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 private. fp-canary-0123456789abcdef end."
)
EXPECTED = (
    "Hello! Reach ann@example.com or [EMAIL], card [CARD], "
    "and keep [GITHUB_TOKEN] private. [CANARY] end."
)


def _policy(**kw: object) -> LeakPolicy:
    args: dict[str, object] = {
        "scanner": Scanner(PII_ENTITIES | SECRET_ENTITIES, min_score=0.7),
        "canary": "fp-canary-0123456789abcdef",
        "restore": {"[EMAIL_1]": "ann@example.com"},
        "mask": True,
        "stop": False,
        "holdback": 48,
    }
    args.update(kw)
    return LeakPolicy(**args)  # type: ignore[arg-type]


def test_whole_text() -> None:
    assert TextFilter(_policy()).feed(TEXT, final=True) == EXPECTED


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 13, 40])
def test_any_chunking_gives_the_same_answer(size: int) -> None:
    policy = _policy()
    f = TextFilter(policy)
    out, held = [], []
    for i in range(0, len(TEXT), size):
        out.append(f.feed(TEXT[i : i + size]))
        held.append(len(f.pending))
    # Never more than holdback + stride plus a value still growing at the cut is held back.
    assert max(held) <= 48 + 32 + len("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") + size
    out.append(f.flush())
    assert "".join(out) == EXPECTED
    assert sorted({leak.entity for leak in policy.leaks}) == [
        "CANARY",
        "CARD",
        "EMAIL",
        "GITHUB_TOKEN",
    ]


def test_every_split_point_of_a_secret() -> None:
    text = "the key is AKIAZ3MSJV4WW3TOOXDU, keep it safe, nothing else to add here at all."
    for cut in range(len(text)):
        f = TextFilter(_policy(canary=None, restore={}))
        got = f.feed(text[:cut]) + f.feed(text[cut:]) + f.flush()
        assert "AKIA" not in got and "[AWS_ACCESS_KEY]" in got, cut


def test_emits_early_when_nothing_is_pending() -> None:
    f = TextFilter(_policy(canary=None, restore={}))
    out = f.feed(
        "a harmless sentence, clearly longer than the holdback window and the stride. " * 2
    )
    assert out and len(f.pending) == 48


def test_stop_policy_emits_nothing_after_a_leak() -> None:
    policy = _policy(mask=False, stop=True)
    f = TextFilter(policy)
    out = f.feed(TEXT) + f.flush()
    assert policy.stopped and "ops.team" not in out and "4539" not in out


def test_sse_rewriter_passes_unknown_events_and_done() -> None:
    rw = SseRewriter(_policy())
    raw = (
        b': keep-alive\n\nevent: ping\ndata: {"type":"ping"}\n\n'
        b"data: not json ops.team@corp.example but more text to push past the holdback!\n\n"
        b"data: [DONE]\n\n"
    )
    out = rw.feed(raw) + rw.close()
    assert b"event: ping" in out and out.endswith(b"data: [DONE]\n\n")
    assert b"ops.team" not in out and b"[EMAIL]" in out


def test_an_upstream_event_with_an_odd_type_field_is_not_an_error() -> None:
    from firewall_proxy.enforce.answer_filter import _is_end

    # The upstream decides what its JSON holds; a list where a string is expected
    # must not raise mid-stream.
    assert _is_end({"type": ["content_block_stop"]}) is False
    assert _is_end({"type": "message_delta"}) is True

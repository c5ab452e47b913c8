"""How the phrase families are tried (``attacks/matching.py``): same hits as every
family compiled as written and tried whole, wherever the text comes from."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from firewall_proxy.evaluate.attacks import matching
from firewall_proxy.evaluate.attacks import signals as signals_module
from firewall_proxy.evaluate.attacks.matching import (
    AnchorIndex,
    alternatives_at,
    split_alternatives,
    whole_word_positions,
)
from firewall_proxy.evaluate.attacks.signals import FAMILIES, find_signals
from firewall_proxy.evaluate.normalize import normalize

ROOT = Path(__file__).resolve().parents[2]
ROWS = [
    ROOT / "training" / "contrast" / name
    for name in ("attacks_train.jsonl", "attacks_dev.jsonl", "safe_risk_words_train.jsonl")
]


def _texts() -> list[str]:
    out = []
    for path in ROWS:
        with path.open(encoding="utf-8") as fh:
            out.extend(normalize(json.loads(line)["text"]).text for line in fh if line.strip())
    return out


def _hits(texts: list[str]) -> list[list[tuple[str, tuple[int, int]]]]:
    roles = ("user", "document")
    return [
        [(h.family.name, h.span) for r in roles for h in find_signals(t, role=r)] for t in texts
    ]


def test_the_alternatives_tried_at_an_anchor_give_the_families_as_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each family is split into its alternatives, compiled without capture groups, and
    at an anchor only the alternatives that can start with that word are tried: every
    hit and span on the project's rows (attacks and safe prompts, as a user turn and as
    a document) is the one the whole family gives compiled as written by ``re``."""
    texts = _texts()
    fast = _hits(texts)

    def whole(source: str, word: str = "") -> tuple[re.Pattern[str], ...]:
        return (re.compile(source),)

    monkeypatch.setattr(signals_module, "alternatives_at", whole)
    monkeypatch.setattr(signals_module, "all_alternatives", whole)
    monkeypatch.setattr(signals_module, "_compiled", re.compile)
    assert _hits(texts) == fast
    assert sum(map(len, fast)) > len(texts) // 2  # a real comparison: many hits


def test_an_alternative_is_tried_only_at_the_words_it_can_start_with() -> None:
    fam = next(f for f in FAMILIES if f.name == "instruction_override")
    every = matching.all_alternatives(fam.source)
    at_ignore = alternatives_at(fam.source, "ignore")
    at_regardless = alternatives_at(fam.source, "regardless")
    assert 0 < len(at_ignore) < len(every) and 0 < len(at_regardless) < len(every)
    source = {a.pattern: a.source for a in matching.alternatives(fam.source)}
    ignore_first = r"\b(ignore|ignoring|disregard"
    regardless_first = r"\b(regardless of|irrespective of"
    assert any(source[p].startswith(ignore_first) for p in at_ignore)
    assert not any(source[p].startswith(ignore_first) for p in at_regardless)
    assert any(source[p].startswith(regardless_first) for p in at_regardless)
    assert not any(source[p].startswith(regardless_first) for p in at_ignore)
    # in the order they are written: the first that matches is the family's match
    order = {p: k for k, p in enumerate(every)}
    assert [order[p] for p in at_ignore] == sorted(order[p] for p in at_ignore)


@pytest.mark.parametrize(
    ("source", "word", "kept"),
    [
        (r"\bignore\b|\bforget\b", "ignore", 1),
        (r"(?<=\byou are )now\b|\bnow\b x", "now", 2),  # look-behinds take no text
        (r"(please )?ignore|skip", "ignore", 1),  # an optional word may be missing
        (r"(please )?ignore|skip", "please", 1),
        (r"(?i:IGNORE) all|skip", "ignore", 1),  # case-insensitive: kept everywhere
        (r"[\w-]+ mode|skip", "developer", 1),  # unknown start: kept everywhere
        (r"ignores?\s+all|ignored", "ignore", 2),  # "ignored": a lead running past the word is kept
        (r"ig|ignore", "ignore", 2),
    ],
)
def test_the_words_an_alternative_can_start_with(source: str, word: str, kept: int) -> None:
    assert len(alternatives_at(source, word)) == kept


@pytest.mark.parametrize(
    ("source", "parts"),
    [
        (r"a|b", ("a", "b")),
        (r"a[|)]b|c\|d|(e|f)", ("a[|)]b", r"c\|d", "(e|f)")),
        (r"[]|]x|y", ("[]|]x", "y")),
        (r"[^]|]x|y", ("[^]|]x", "y")),
        (r"(?i)a|b", (r"(?i)a|b",)),  # a global flag belongs to every alternative
        (r"(?i:a)|b", (r"(?i:a)", "b")),
    ],
)
def test_split_alternatives(source: str, parts: tuple[str, ...]) -> None:
    assert split_alternatives(source) == parts


def test_a_pattern_whose_alternatives_refer_to_each_other_stays_whole() -> None:
    source = r"(ab)x|\1y"
    (whole,) = matching.alternatives(source)
    assert whole.source == source
    assert alternatives_at(source, "ab") == (whole.pattern,)
    assert whole.pattern.match("abx") and not whole.pattern.match("aby")


def test_every_family_splits_back_into_itself() -> None:
    for fam in FAMILIES:
        parts = split_alternatives(fam.source)
        assert "|".join(parts) == fam.source
        for part in parts:
            re.compile(part)
    assert sum(len(split_alternatives(f.source)) for f in FAMILIES) > 4 * len(FAMILIES)


_PIECES = [
    "ignore", "all", "i", "is", "für", "de", "e-mail", "_x", "x_", "ünd", "—", "’", " ", "  ",
    ".", ",", "\n", "!", "12", "a1", "über", "ℌ", "ⅷ", "\x01", "ğ", "'", "-", "|", "\u200b",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(40))
def test_the_anchor_index_finds_exactly_the_whole_words(seed: int) -> None:
    """Whole words as ``str.isalnum`` decides them, in ASCII and not, both when the
    text is read once for many words and when each word is looked for."""
    rng = random.Random(seed)
    text = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(1, 400)))
    words = ["ignore", "all", "i", "is", "für", "de", "a1", "12", "über", "x", "ünd", "ğ"]
    many = AnchorIndex(text, frozenset(words))  # more than a few: one pass
    few = AnchorIndex(text, frozenset(words[:2]))  # each looked for when asked
    for word in words:
        expected = whole_word_positions(text, word)
        assert many.positions(word) == expected, word
        assert few.positions(word) == expected, word


@pytest.mark.parametrize(
    "text", ["ignore—all für", "xfür ignoreé all", "über\x01all i", "ℌi i", "i’is e-mail"]
)
def test_the_anchor_index_beside_non_ascii_characters(text: str) -> None:
    words = ["ignore", "all", "für", "i", "is", "über", "x", "mail", "e", "de", "a1", "12", "ü"]
    for wanted in (frozenset(words), frozenset(words[:1])):
        index = AnchorIndex(text, wanted)
        assert all(index.positions(w) == whole_word_positions(text, w) for w in words)


def test_hits_do_not_depend_on_the_process() -> None:
    """Anchors are tried in text order, so two processes with different string hashing
    (set order) report the same hits and spans."""
    script = (
        "import json, sys\n"
        "from firewall_proxy.evaluate.attacks.signals import find_signals\n"
        "from firewall_proxy.evaluate.normalize import normalize\n"
        "texts = [normalize(json.loads(l)['text']).text for l in open(sys.argv[1]) if l.strip()]\n"
        "print(json.dumps([[(h.family.name, h.span) for h in find_signals(t)] for t in texts]))\n"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script, str(ROWS[0])],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1

"""Invisible, zero-width and bidirectional control characters (``obfuscation``).

They hide instructions from people reviewing a prompt (ASCII smuggling with Unicode
tag characters, "Trojan Source" bidi overrides, words split by zero-width
spaces). Legitimate uses are spared: a zero-width joiner inside an emoji
sequence, a zero-width non-joiner between letters of scripts that need it.
"""

from __future__ import annotations

import unicodedata

from pydantic import Field

from firewall_proxy.evaluate.base import EvalContext, Evaluator, EvaluatorOptions
from firewall_proxy.evaluate.normalize import INVISIBLE_RE, TAG_CHARS
from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Category, Finding

__all__ = ["InvisibleCharsEvaluator", "InvisibleCharsOptions", "scan_invisible"]

_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_JOINERS = frozenset("\u200c\u200d")
_JOINING_SCRIPTS = (
    "ARABIC",
    "PERSIAN",
    "DEVANAGARI",
    "BENGALI",
    "SYRIAC",
    "MONGOLIAN",
    "MALAYALAM",
    "KANNADA",
    "TELUGU",
    "TAMIL",
    "SINHALA",
    "GURMUKHI",
)


def _legit_joiner(text: str, i: int) -> bool:
    """ZWJ/ZWNJ between emoji or between letters of a joining script is normal text."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if not before or not after:
        return False
    if text[i] == "\u200d" and (
        ord(before) >= 0x1F000 or before == "\ufe0f" or ord(after) >= 0x1F000
    ):
        return True
    names = unicodedata.name(before, "") + " " + unicodedata.name(after, "")
    return any(script in names for script in _JOINING_SCRIPTS)


def scan_invisible(text: str) -> tuple[int, int, int, tuple[int, int] | None]:
    """Count (tag characters, bidi controls, other invisible characters), and their extent."""
    tags = bidi = other = 0
    first = last = -1
    # Only the characters it counts, found by the normaliser's regex: a Python loop over
    # every character cost ~2 ms per 10 KB of accented text, this ~0.2 ms.
    for m in INVISIBLE_RE.finditer(text):
        i, ch = m.start(), m.group()
        if ord(ch) in TAG_CHARS:
            tags += 1
        elif ch in _BIDI:
            bidi += 1
        elif ch in _JOINERS and _legit_joiner(text, i):
            continue
        else:
            other += 1
        first = i if first < 0 else first
        last = i
    span = (first, last + 1) if first >= 0 else None
    return tags, bidi, other, span


class InvisibleCharsOptions(EvaluatorOptions):
    min_count: int = Field(1, ge=1, description="Ignore texts with fewer invisible characters.")


class InvisibleCharsEvaluator(Evaluator):
    name = "invisible_chars"
    Options = InvisibleCharsOptions

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        assert isinstance(self.options, InvisibleCharsOptions)
        out: list[Finding] = []
        for i, part in enumerate(payload.texts):
            if part.role in ("assistant", "system") or part.text.isascii():
                continue
            tags, bidi, other, span = scan_invisible(part.text)
            if tags + bidi + other < self.options.min_count:
                continue
            if tags:
                score, what = 1.0, f"{tags} Unicode tag characters (hidden ASCII text)"
            elif bidi:
                score, what = 0.9, f"{bidi} bidirectional override/isolate controls"
            else:
                score = min(0.95, 0.5 + 0.1 * other)
                what = f"{other} zero-width/invisible characters"
            out.append(
                self.finding(
                    Category.OBFUSCATION,
                    score,
                    f"{what} in a {part.role} text",
                    part=i,
                    span=span,
                    data={"tags": tags, "bidi": bidi, "invisible": other},
                )
            )
        return out

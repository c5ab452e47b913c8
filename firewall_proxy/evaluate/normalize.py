"""Text normalisation shared by every text evaluator.

Flow position: inside **evaluate**; computed once per text part per request
(cached on :class:`~firewall_proxy.evaluate.base.EvalContext`) so that
patterns, detectors and models all see the same folded text. Hiding a word
behind zero-width characters, full-width letters or odd spacing must not hide it.

ASCII text takes a fast path: NFKC and control-character removal only run when
the text has non-ASCII characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["INVISIBLE_CHARS", "NormalizedText", "normalize"]

# Zero-width, joiners, word joiner, BOM, soft hyphen, bidi embeddings/overrides/isolates,
# Mongolian vowel separator, invisible math operators, tag characters are handled below.
INVISIBLE_CHARS = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d\u206e\u206f"
    "\u3164\ufeff\uffa0"
)
_TAGS = range(0xE0000, 0xE0080)
_INVISIBLE_TABLE = {ord(c): None for c in INVISIBLE_CHARS} | {cp: None for cp in _TAGS}
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A text after folding.

    ``text`` is NFKC-normalised, stripped of invisible characters, case-folded
    and whitespace-collapsed. ``invisible`` counts removed invisible characters;
    ``decoded`` holds payloads decoded from embedded encodings (base64, hex, …)
    when a normaliser that decodes them is in use, so evaluators scan them too.
    """

    text: str
    invisible: int = 0
    changed: bool = False
    decoded: tuple[str, ...] = field(default_factory=tuple)

    def views(self) -> tuple[str, ...]:
        """Every text an evaluator should scan: the folded text and decoded payloads."""
        return (self.text, *self.decoded)


def normalize(text: str) -> NormalizedText:
    """Fold ``text`` for matching (see module docstring)."""
    if text.isascii():
        folded = _SPACES.sub(" ", text.lower()).strip()
        return NormalizedText(folded, 0, False)
    stripped = text.translate(_INVISIBLE_TABLE)
    invisible = len(text) - len(stripped)
    nfkc = unicodedata.normalize("NFKC", stripped)
    folded = _SPACES.sub(" ", nfkc.casefold()).strip()
    return NormalizedText(folded, invisible, invisible > 0 or nfkc != stripped)

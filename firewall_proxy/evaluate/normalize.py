"""Text normalisation shared by every text evaluator.

Flow position: inside **evaluate**; computed once per text part per request
(cached on :class:`~firewall_proxy.evaluate.base.EvalContext`) so that
patterns, detectors and models all see the same folded text. Hiding a word
behind zero-width characters, full-width letters, look-alike letters from other
scripts, leetspeak, spaced-out letters or an encoding must not hide it.

What a :class:`NormalizedText` holds:

- ``text``: NFKC, invisible characters removed, homoglyphs folded to Latin
  inside words that mix scripts, case-folded, whitespace collapsed.
- ``leet``: an *extra* view with leetspeak (``1gn0r3``) and spaced-out letters
  (``i g n o r e``) folded, only when the text shows such tricks; it is extra so
  that normal words with digits (``mp3``, ``4k``) keep their plain reading.
- ``decoded``: readable payloads decoded from embedded base64, hex, URL
  escapes or rot13 (nested up to two levels), each itself normalised, with
  ``encodings`` naming how each was hidden.

ASCII text takes a fast path: NFKC, invisible-character and homoglyph handling
only run when the text has non-ASCII characters, and each decoder is gated by a
cheap test, so a plain 1 KB prompt costs a few microseconds.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import compress
from urllib.parse import unquote

__all__ = [
    "CONFUSABLES",
    "INVISIBLE_CHARS",
    "INVISIBLE_RE",
    "TAG_CHARS",
    "NormalizedText",
    "normalize",
]

# Zero-width, joiners, word joiner, BOM, soft hyphen, bidi embeddings/overrides/isolates,
# Mongolian vowel separator, invisible math operators, tag characters are handled below.
INVISIBLE_CHARS = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d\u206e\u206f"
    "\u3164\ufeff\uffa0"
)
# Unicode tag characters: invisible ASCII look-alikes ("ASCII smuggling").
TAG_CHARS = range(0xE0000, 0xE0080)
# One of INVISIBLE_CHARS or a tag character.
INVISIBLE_RE = re.compile(
    "[" + "".join(sorted(INVISIBLE_CHARS)) + f"{chr(TAG_CHARS.start)}-{chr(TAG_CHARS.stop - 1)}]"
)

# Look-alike letters (Unicode TR39 confusables, lower case after casefold) that NFKC
# leaves alone: Cyrillic, Greek, Armenian and Latin-extended letters used to spell
# Latin words. Only folded inside words that also contain a Latin letter, so real
# Russian or Greek text is left as it is.
# fmt: off
CONFUSABLES: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i",
    "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ɡ": "g", "ү": "y",
    "ѵ": "v", "ԍ": "g", "ь": "b", "п": "n", "г": "r", "л": "n", "ц": "u",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "γ": "y", "ω": "w", "σ": "o", "ς": "s",
    "μ": "u", "δ": "d", "ϲ": "c", "ϳ": "j",
    # Armenian, Latin extended / IPA
    "օ": "o", "ս": "u", "հ": "h", "ո": "n", "ց": "g", "ı": "i", "ȷ": "j", "ɑ": "a",
    "ɩ": "i", "ʏ": "y", "ɪ": "i", "ɴ": "n", "ʀ": "r", "ᴄ": "c", "ᴏ": "o", "ᴜ": "u",
    "ᴠ": "v", "ᴡ": "w", "ᴢ": "z", "ꮃ": "w", "ᥒ": "n", "ⅼ": "l",
}
# fmt: on
_CONFUSABLE_TABLE = {ord(k): v for k, v in CONFUSABLES.items()}
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'}
_QUOTE_TABLE = str.maketrans(_QUOTES)
_NON_ASCII_WORD = re.compile(r"\w*[^\x00-\x7f]\w*")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")

# fmt: off
_LEET_TABLE = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
     "@": "a", "$": "s", "|": "l", "!": "i", "+": "t"}
)
# fmt: on
_LEET_CHARS = "0134579@$"
_SPACED_HINT = re.compile(r" \w \w \w ")
_SPACED = re.compile(r"\b(?:\w[ .\-_*]){3,}\w\b")
_SPACED_SEP = re.compile(r"[ .\-_*]")

# Encodings. Thresholds keep ordinary identifiers, hashes and numbers out.
_B64 = re.compile(r"[A-Za-z0-9+/_\-]{16,}={0,2}")
_HEX = re.compile(r"(?:(?:0x|\\x)?[0-9a-fA-F]{2}[ :,]?){12,}")
_URLENC = re.compile(r"(?:%[0-9a-fA-F]{2}[^%\s]{0,3}){4,}")
# Escaped spaces between words ("ignore%20all%20previous%20instructions", or "%2520"
# when escaped twice): the runs _URLENC wants are broken by any word of four letters.
_URL_WORDS = re.compile(r"%(?:25)?20[^%\s]*%(?:25)?20")
# A decoded payload that is itself one encoded token (written so no two quantifiers can
# match the same characters: no backtracking blow-up on a long token).
_ENCODED_LAYER = re.compile(
    r"[A-Za-z0-9+/_\-]{16,}={0,2}|[0-9a-fA-F]{24,}|[^%\s]*(?:%[0-9a-fA-F]{2}[^%\s]*){2,}"
)
# rot13 of frequent English words ("the", "and", "you", "ignore", "instructions" ...).
_ROT13_HINT = re.compile(
    r"\b(?:gur|naq|lbh|vf|bs|gb|vtaber|vafgehpgvbaf|cerivbhf|flfgrz|cebzcg|cnffjbeq|gryy|jung)\b"
)
_ROT13_MARKERS = ("gur ", "lbh ", "vtaber", "vafgehpgvbaf", "naq ", "cebzcg")
_HEXDIGITS = frozenset("0123456789abcdefABCDEF")
_ROT13 = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "nopqrstuvwxyzabcdefghijklmNOPQRSTUVWXYZabcdefghijklm",
)
_MAX_DECODED = 8
_MAX_TOKEN = 65536  # longer encoded blobs (files, images) are not decoded
_WORD = re.compile(r"[^\W\d_]{3,}")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")
_MAX_DEPTH = 2


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A text after folding (see the module docstring for each field).

    ``invisible`` counts removed invisible characters, ``homoglyphs`` the
    look-alike letters folded to Latin; ``changed`` is true when Unicode folding
    altered anything beyond case and whitespace.
    """

    text: str
    invisible: int = 0
    changed: bool = False
    decoded: tuple[str, ...] = field(default_factory=tuple)
    encodings: tuple[str, ...] = field(default_factory=tuple)
    leet: str | None = None
    homoglyphs: int = 0

    def views(self) -> tuple[str, ...]:
        """Every text an evaluator should scan: folded text, leet view, decoded payloads."""
        if self.leet is None:
            return (self.text, *self.decoded)
        return (self.text, self.leet, *self.decoded)

    def labelled_views(self) -> tuple[tuple[str, str], ...]:
        """``(how, text)`` pairs: ``plain``, ``leetspeak`` or the encoding of a payload."""
        out: list[tuple[str, str]] = [("plain", self.text)]
        if self.leet is not None:
            out.append(("leetspeak", self.leet))
        out.extend(zip(self.encodings, self.decoded, strict=True))
        return tuple(out)


def normalize(text: str) -> NormalizedText:
    """Fold ``text`` for matching and decode embedded payloads (see module docstring)."""
    return _normalize(text, 0)


def _normalize(text: str, depth: int) -> NormalizedText:
    invisible = homoglyphs = 0
    changed = False
    # One split serves whitespace collapsing and the cheap gates of every decoder:
    # " ".join(s.split()) is ~10x faster than a regex, and per-character regexes
    # over a whole prompt cost ~30 us/KB each, so they only run on odd tokens.
    raw_tokens = text.split()
    if text.isascii():
        folded = " ".join(raw_tokens).lower()
    else:
        # str.translate with a dict table costs ~35 us/KB on non-ASCII text: search first.
        stripped = INVISIBLE_RE.sub("", text) if INVISIBLE_RE.search(text) else text
        invisible = len(text) - len(stripped)
        nfkc = unicodedata.normalize("NFKC", stripped)
        folded = " ".join(nfkc.casefold().split())
        if not folded.isascii():
            # Typographic quotes (phone keyboards type "you’re"): not obfuscation, and one
            # character each, so spans still map back.
            if any(q in folded for q in _QUOTES):
                folded = folded.translate(_QUOTE_TABLE)
            folded, homoglyphs = _fold_confusables(folded)
        changed = invisible > 0 or homoglyphs > 0 or nfkc != stripped
    leet = _leet_view(folded)
    # tokens of 16 characters or more, picked in C (a comprehension costs ~0.1 ms per 10 KB)
    long_tokens = (
        list(compress(raw_tokens, map((15).__lt__, map(len, raw_tokens))))
        if raw_tokens and max(map(len, raw_tokens)) >= 16
        else []
    )
    decoded: list[str] = []
    encodings: list[str] = []
    if depth < _MAX_DEPTH:
        rest: dict[str, list[str]] = {}  # views past the cap, by how they were encoded
        for how, payload in _decode_payloads(text, folded, long_tokens):
            inner = _normalize(payload, depth + 1)
            for sub_how, sub in inner.labelled_views():
                label = how if sub_how == "plain" else f"{how}+{sub_how}"
                if len(decoded) >= _MAX_DECODED:
                    rest.setdefault(label, []).append(sub)
                    continue
                decoded.append(sub)
                encodings.append(label)
        if rest:
            # Past the cap the payloads are scanned joined, as one more view, never dropped:
            # eight harmless payloads in front must not hide a ninth.
            decoded.append("\n".join(sub for subs in rest.values() for sub in subs))
            encodings.append("+".join(rest))
    return NormalizedText(
        folded, invisible, changed, tuple(decoded), tuple(encodings), leet, homoglyphs
    )


def _fold_confusables(text: str) -> tuple[str, int]:
    count = 0

    def fold(m: re.Match[str]) -> str:
        nonlocal count
        word = m.group()
        if not any("a" <= c <= "z" for c in word):
            return word
        folded = word.translate(_CONFUSABLE_TABLE)
        count += sum(1 for a, b in zip(word, folded, strict=True) if a != b)
        return folded

    # Only words holding a non-ASCII letter can hide a homoglyph. A match never holds a
    # space, so the regex runs on the space-separated tokens around each non-ASCII run:
    # over a whole mostly-ASCII text its \w* backtracks at every position (~45 us/KB).
    parts: list[str] = []
    done = 0  # the text before this is copied or folded
    for m in _NON_ASCII_RUN.finditer(text):
        if m.start() < done:
            continue  # in the token just folded
        start = text.rfind(" ", 0, m.start()) + 1
        end = text.find(" ", m.end())
        end = len(text) if end < 0 else end
        parts += (text[done:start], _NON_ASCII_WORD.sub(fold, text[start:end]))
        done = end
    if not count:
        return text, 0
    parts.append(text[done:])
    return "".join(parts), count


def _leet_view(folded: str) -> str | None:
    view = folded
    if _SPACED_HINT.search(view) and _SPACED.search(view):
        view = _SPACED.sub(lambda m: _SPACED_SEP.sub("", m.group()), view)
    if _looks_leet(view):
        view = _WORD_OR_SYMBOLS.sub(_fold_leet_word, view)
    return view if view != folded else None


def _looks_leet(text: str) -> bool:
    """Leet digits glued to letters, found with ``str.find`` (a regex costs ~25 us/KB)."""
    touching = inside = checked = 0
    n = len(text)
    for ch in _LEET_CHARS:
        i = text.find(ch)
        while i >= 0 and checked < 24:
            checked += 1
            before = i > 0 and "a" <= text[i - 1] <= "z"
            after = i + 1 < n and "a" <= text[i + 1] <= "z"
            touching += before or after
            inside += before and after
            if touching >= 3 and inside >= 1:
                return True
            i = text.find(ch, i + 1)
    return False


_WORD_OR_SYMBOLS = re.compile(r"[\w@$|!+]+")


def _fold_leet_word(m: re.Match[str]) -> str:
    word = m.group()
    # A pure number stays a number; only words mixing letters and leet symbols fold.
    if len(word) > 20 or word.isdigit() or not any(c.isalpha() for c in word):
        return word
    return word.translate(_LEET_TABLE)


def _readable(raw: bytes) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(text) < 6:
        return None
    # Random bytes are almost never valid UTF-8; what is, with a space and two words
    # anywhere in it, is read. No share of letters or of printable characters is
    # required: tables and code are mostly digits and punctuation, and padding a
    # payload with digits or control bytes must not hide it. Control bytes are dropped
    # from the view (C-speed regexes: no Python loop over a long payload). Reading
    # too much costs nothing but a view: the obfuscation score of a decoded payload
    # stays below the flag band unless the payload itself is an attack.
    text = _CONTROLS.sub("", text)
    if " " not in text:
        # One more layer (base64 of base64, hex of URL escapes): kept for the next level
        # of _normalize to decode; _MAX_DEPTH bounds how deep that goes.
        return text if _ENCODED_LAYER.fullmatch(text) else None
    words = _WORD.finditer(text)
    if next(words, None) is None or next(words, None) is None:
        return None
    return text


def _decode_payloads(original: str, folded: str, long_tokens: list[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if "\\x" in original:
        long_tokens.extend(m.group() for m in _HEX.finditer(original))
    for token in long_tokens:
        if len(token) > _MAX_TOKEN:
            continue
        for m in _B64.finditer(token):
            text = _from_base64(m.group())
            if text is not None:
                found.append(("base64", text))
        for m in _HEX.finditer(token):
            text = _from_hex(m.group())
            if text is not None:
                found.append(("hex", text))
    found = list(dict.fromkeys(found))
    if "%" in original and (_URLENC.search(original) or _URL_WORDS.search(original)):
        text = unquote(original)
        if text != original:
            found.append(("url-encoding", text))
    if any(marker in folded for marker in _ROT13_MARKERS):
        hits = _ROT13_HINT.findall(folded)
        if len(hits) >= 2 or (hits and "rot13" in folded):
            found.append(("rot13", folded.translate(_ROT13)))
    return found


def _from_base64(token: str) -> str | None:
    # Real base64 of text mixes cases and digits; words and snake_case names do not.
    if len(token) < 16 or (token.isalpha() and (token.islower() or token.isupper())):
        return None
    if all(c in _HEXDIGITS for c in token):
        return None
    try:
        raw = base64.b64decode(token.replace("-", "+").replace("_", "/") + "==")
    except (binascii.Error, ValueError):
        return None
    return _readable(raw)


def _from_hex(token: str) -> str | None:
    digits = re.sub(r"0x|\\x|[ :,]", "", token)
    try:
        return _readable(bytes.fromhex(digits[: len(digits) // 2 * 2]))
    except ValueError:
        return None

"""The excerpt of a payload that an event may keep.

``redacted`` (the default) keeps the start of the user's texts with every
finding's span replaced by ``[CATEGORY]`` and anything that looks like personal
data or a credential masked, so the event store never holds raw prompts.
"""

from __future__ import annotations

import re

from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Finding

__all__ = ["make_excerpt", "redact"]

_MASKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", re.S
        ),
        "[PRIVATE_KEY]",
    ),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[EMAIL]"),
    (
        re.compile(r"\b[A-Za-z0-9_\-]*?(?:sk|pk|ghp|gho|xox[abpr]|AKIA|AIza)[A-Za-z0-9_\-]{12,}"),
        "[SECRET]",
    ),
    (re.compile(r"eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{4,}"), "[JWT]"),
    (re.compile(r"\b[A-Za-z0-9+/=_\-]{32,}\b"), "[TOKEN]"),
    (re.compile(r"(?<![\w])\+?\d[\d ()./-]{6,}\d"), "[NUMBER]"),
    (re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b"), "[IP]"),
    (re.compile(r"(://[^:/\s]+:)[^@/\s]+@"), r"\1[PASSWORD]@"),
)


def redact(text: str) -> str:
    for pattern, repl in _MASKS:
        text = pattern.sub(repl, text)
    return text


def _mask_spans(text: str, findings: list[Finding], part: int) -> str:
    spans = sorted(
        ((f.span, f.category) for f in findings if f.part == part and f.span), reverse=True
    )
    last_start = len(text) + 1
    for (start, end), category in spans:
        end = min(end, len(text), last_start)  # a span may run past the excerpt window
        if 0 <= start < end:
            text = text[:start] + f"[{category.upper()}]" + text[end:]
            last_start = start
    return text


def make_excerpt(payload: Payload | None, findings: list[Finding], mode: str, chars: int) -> str:
    """The excerpt an event keeps, per the policy's ``events.excerpt`` mode."""
    if payload is None or mode == "none" or chars <= 0:
        return ""
    pieces: list[str] = []
    size = 0
    for i, part in enumerate(payload.texts):
        if part.role not in ("user", "document", "tool"):
            continue
        # Only the first chars*2 characters can reach the excerpt: mask within that window.
        text = part.text[: chars * 2]
        if mode == "redacted":
            text = redact(_mask_spans(text, findings, i))
        pieces.append(text)
        size += len(text)
        if size >= chars:
            break
    out = " | ".join(pieces)
    return out if len(out) <= chars else out[: chars - 1] + "…"

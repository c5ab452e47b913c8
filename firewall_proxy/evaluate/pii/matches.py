"""What the PII and secret detectors return, and the entity names they use.

Flow position: evaluate (``pii`` / ``secrets`` evaluators) and the outbound
answer scanner both read :class:`Match` objects. A match is a span in the
scanned text, an entity type and a score in ``[0, 1]``; validation
(checksums, country metadata) and context words raise the score, words that
say "this is an order/reference number" lower it. A match never leaves the
process with its raw value: findings carry only the entity and the span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CLOUD_KEYS",
    "PII_ENTITIES",
    "SECRET_ENTITIES",
    "Match",
    "context_score",
    "resolve_overlaps",
]

PII_ENTITIES: frozenset[str] = frozenset(
    {
        "EMAIL",
        "PHONE",
        "CARD",
        "IBAN",
        "SSN",
        "NINO",
        "DE_IDNR",
        "FR_NIR",
        "FR_NIF",
        "ES_NIF",
        "IT_CF",
        "IP_ADDRESS",
        "ADDRESS",
        "DOB",
    }
)
"""Personal-data entity types of the ``pii`` evaluator (see docs/pii.md)."""

SECRET_ENTITIES: frozenset[str] = frozenset(
    {
        "AWS_ACCESS_KEY",
        "AWS_SECRET_KEY",
        "GCP_API_KEY",
        "AZURE_KEY",
        "GITHUB_TOKEN",
        "GITLAB_TOKEN",
        "SLACK_TOKEN",
        "SLACK_WEBHOOK",
        "STRIPE_KEY",
        "OPENAI_KEY",
        "ANTHROPIC_KEY",
        "HUGGINGFACE_TOKEN",
        "NPM_TOKEN",
        "PYPI_TOKEN",
        "SENDGRID_KEY",
        "TWILIO_KEY",
        "TELEGRAM_TOKEN",
        "SHOPIFY_TOKEN",
        "PRIVATE_KEY",
        "JWT",
        "URL_PASSWORD",
        "PASSWORD",
        "GENERIC_SECRET",
        "BEARER_TOKEN",
        "HIGH_ENTROPY",
    }
)
"""Credential entity types of the ``secrets`` evaluator."""

CLOUD_KEYS: frozenset[str] = frozenset(
    {
        "AWS_ACCESS_KEY",
        "AWS_SECRET_KEY",
        "GCP_API_KEY",
        "AZURE_KEY",
    }
)


@dataclass(frozen=True, slots=True)
class Match:
    """One detected value: ``text[start:end]`` is an ``entity`` with ``score``.

    ``validated`` says a checksum or registry check passed (Luhn, IBAN mod 97,
    phone-number metadata, national-id check digits).
    """

    entity: str
    start: int
    end: int
    score: float
    validated: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def context_score(
    lower: str,
    start: int,
    end: int,
    positive: re.Pattern[str] | None,
    negative: re.Pattern[str] | None = None,
    window: int = 40,
) -> int:
    """+1 when a ``positive`` word is near the span, -1 for a ``negative`` one, else 0.

    ``lower`` is the lower-cased text (same length as the original). Negative
    words ("order", "invoice", "tracking") win: a number introduced as an
    order reference is not a card even when it passes Luhn.
    """
    before = lower[max(0, start - window) : start]
    after = lower[end : end + 12]
    if negative is not None and negative.search(before):
        return -1
    if positive is not None and (positive.search(before) or positive.search(after)):
        return 1
    return 0


def resolve_overlaps(matches: list[Match]) -> list[Match]:
    """Keep the best of overlapping matches (higher score, then longer), in text order.

    One sweep in text order (O(n log n)): a body full of values must not cost
    quadratic time.
    """
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.start, -m.end)):
        if kept and m.start < kept[-1].end:
            last = kept[-1]
            if (m.score, m.end - m.start) > (last.score, last.end - last.start):
                kept[-1] = m
        else:
            kept.append(m)
    return kept

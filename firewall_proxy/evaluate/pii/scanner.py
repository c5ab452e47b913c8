"""One text in, the personal data and credentials in it out.

Flow position: shared by the ``pii``/``secrets`` evaluators (request side)
and :mod:`firewall_proxy.enforce.outbound` (answers coming out). Runs the
personal-data and credential detectors, drops what scores under
``min_score`` or is on the allow list, and keeps the best of overlapping
matches so that every character is redacted at most once.
"""

from __future__ import annotations

from collections.abc import Iterable

from firewall_proxy.evaluate.pii.credentials import CredentialDetector
from firewall_proxy.evaluate.pii.matches import (
    PII_ENTITIES,
    SECRET_ENTITIES,
    Match,
    resolve_overlaps,
)
from firewall_proxy.evaluate.pii.personal import PersonalDetector

__all__ = ["DEFAULT_PHONE_REGIONS", "Scanner", "same_length_lower"]

DEFAULT_PHONE_REGIONS: tuple[str, ...] = ("US", "GB", "DE", "FR", "ES", "IT", "NL", "IN", "BR")
"""Regions tried, in order, for phone numbers written without a ``+`` country code."""


def same_length_lower(text: str) -> str:
    """``text.lower()``, keeping every character's position (spans stay valid)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    # A few characters (e.g. "İ") lower to two: keep those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Scanner:
    """Detects the configured entity types in a text. Stateless, shareable."""

    def __init__(
        self,
        entities: Iterable[str],
        *,
        min_score: float = 0.5,
        phone_regions: Iterable[str] = DEFAULT_PHONE_REGIONS,
        ignore_test_values: bool = True,
        entropy: bool = True,
        allow: Iterable[str] = (),
    ) -> None:
        wanted = frozenset(entities)
        unknown = wanted - PII_ENTITIES - SECRET_ENTITIES
        if unknown:
            raise ValueError(f"unknown entity types: {sorted(unknown)}")
        self.entities = wanted
        self.min_score = min_score
        self.allow = frozenset(a.lower() for a in allow)
        pii = wanted & PII_ENTITIES
        secret = wanted & SECRET_ENTITIES
        self._personal = (
            PersonalDetector(
                phone_regions=phone_regions, entities=pii, ignore_test_values=ignore_test_values
            )
            if pii
            else None
        )
        self._credentials = (
            CredentialDetector(
                entities=secret, entropy=entropy, ignore_test_values=ignore_test_values
            )
            if secret
            else None
        )

    def scan(self, text: str) -> list[Match]:
        """Non-overlapping matches in text order, each scoring at least ``min_score``."""
        if not text:
            return []
        lower = same_length_lower(text)
        found: list[Match] = []
        if self._personal is not None:
            found.extend(self._personal.scan(text, lower))
        if self._credentials is not None:
            found.extend(self._credentials.scan(text, lower))
        kept = [m for m in found if m.score >= self.min_score]
        if self.allow:
            kept = [m for m in kept if text[m.start : m.end].lower() not in self.allow]
        return resolve_overlaps(kept) if len(kept) > 1 else kept

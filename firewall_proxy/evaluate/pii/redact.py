"""How a detected value is replaced: typed placeholder, mask or keyed hash.

Flow position: the ``pii``/``secrets`` evaluators build each finding's
:class:`~firewall_proxy.findings.Fix` with a :class:`RedactionSession` (one
per request), and outbound masking reuses :func:`mask`.

- ``placeholder``: ``[EMAIL_1]``, ``[CARD_2]`` — numbered per entity type, the
  same value always gets the same placeholder within one request (e-mails
  compared case-insensitively, numbers compared on their digits).
- ``mask``: ``****1111`` for numbers, ``j***@example.com`` for e-mails,
  ``****`` for everything else.
- ``hash``: ``[EMAIL#3f2a9c1b7d4e]``, an HMAC-SHA256 under a key the policy
  names by environment variable, so the same value maps to the same token
  across requests (joins in analytics) without being reversible.

With ``restore`` on, the session records placeholder/hash -> original in the
request's ``EvalContext.restore`` (memory only, dropped with the request), so
enforcement can put the originals back into the upstream's answer.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Literal

__all__ = ["RedactionMode", "RedactionSession", "canonical", "mask"]

RedactionMode = Literal["placeholder", "mask", "hash"]

_NUMERIC = frozenset(
    {"CARD", "IBAN", "PHONE", "SSN", "NINO", "DE_IDNR", "FR_NIR", "FR_NIF", "ES_NIF", "IT_CF"}
)


def canonical(entity: str, value: str) -> str:
    """The form two occurrences of one value share ("4111 1111…" == "4111-1111…")."""
    if entity == "EMAIL":
        return value.lower()
    if entity in _NUMERIC:
        return "".join(c for c in value if c.isalnum()).upper()
    return value


def mask(entity: str, value: str) -> str:
    """A masked form that keeps what a human needs to recognise the value, no more."""
    if entity == "EMAIL" and "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    if entity in _NUMERIC:
        tail = "".join(c for c in value if c.isalnum())[-4:]
        return f"****{tail}"
    return "****"


class RedactionSession:
    """Replacement strings for one request (not shared between requests)."""

    def __init__(
        self,
        *,
        default: RedactionMode,
        per_entity: Mapping[str, RedactionMode],
        hash_key: bytes | None,
        restore: dict[str, str] | None,
        taken: str = "",
    ) -> None:
        self.default = default
        self.per_entity = per_entity
        self.hash_key = hash_key
        self.restore = restore
        self._taken = taken  # request text: never hand out a placeholder the user typed
        self._by_value: dict[tuple[str, str], str] = {}
        self._counters: dict[str, int] = {}
        if restore:  # continue after placeholders an earlier evaluator handed out
            for placeholder, original in restore.items():
                entity, _, n = placeholder.strip("[]").rpartition("_")
                if n.isdigit():
                    self._by_value[(entity, canonical(entity, original))] = placeholder
                    self._counters[entity] = max(self._counters.get(entity, 0), int(n))

    def replacement(self, entity: str, value: str) -> str:
        mode = self.per_entity.get(entity, self.default)
        if mode == "mask":
            return mask(entity, value)
        key = (entity, canonical(entity, value))
        known = self._by_value.get(key)
        if known is not None:
            return known
        if mode == "hash" and self.hash_key is not None:
            digest = hmac.new(self.hash_key, f"{entity}:{key[1]}".encode(), hashlib.sha256)
            token = f"[{entity}#{digest.hexdigest()[:12]}]"
        else:
            n = self._counters.get(entity, 0) + 1
            while f"[{entity}_{n}]" in self._taken:
                n += 1
            self._counters[entity] = n
            token = f"[{entity}_{n}]"
        self._by_value[key] = token
        if self.restore is not None:
            self.restore[token] = value
        return token

"""Ambiguous JSON keys, refused: parsers disagree on them, so the firewall could read one
request while the upstream reads another.

Flow position: **extract**, right after the body is parsed as JSON.

- A key twice in one object, ``{"messages": [benign], "messages": [attack]}``: orjson
  and Python's ``json`` keep the last value, other parsers the first (or refuse). Also
  when the two are spelled differently (``"mess\\u0061ges"``).
- A key that differs only in case from one the extractor reads, ``"Content"`` beside or
  instead of ``"content"``: Go's ``encoding/json`` (Ollama, many gateways) fills a field
  from any case variant of its name, including Unicode folds (``"meſſages"``).

Either is answered ``400`` (code ``duplicate_key``) naming the key; nothing is forwarded.
Duplicates are looked for in the whole document (RFC 8259 objects "SHOULD" have unique
names; no client sends duplicates on purpose). Case variants only in the objects an
extractor reads and only for the names it reads there, so that, say, a tool's JSON
Schema with a ``"Text"`` property stays valid.

Cost: orjson keeps no trace of a dropped duplicate, but every ``:`` outside a string
separates one pair. Without ``\\u003a`` escapes, the body's colons equal those of the
parsed document re-serialised exactly when no pair was dropped: C scans and one
``orjson.dumps``, a few microseconds per KB (``bench/bypass_costs.py`` prints the figures).
Only a mismatch (or an escaped colon) pays for a second parse, by Python's ``json``,
that finds the key.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import orjson

from firewall_proxy._exceptions import MalformedPayload

__all__ = ["ambiguous_key", "fold_names", "reject_case_variants", "reject_duplicate_keys"]


def ambiguous_key(key: str, message: str) -> MalformedPayload:
    error = MalformedPayload(message, field=key)
    error.code = "duplicate_key"
    return error


def _duplicate(key: str) -> MalformedPayload:
    return ambiguous_key(
        key,
        f"duplicate key {key!r} in a JSON object: parsers disagree on which value wins, "
        "so the request is refused",
    )


def reject_duplicate_keys(body: bytes, doc: Any) -> None:
    """Raise :class:`MalformedPayload` when ``body`` (parsed into ``doc``) repeats a key."""
    if not isinstance(doc, dict | list):
        return
    if b"\\u003" not in body and body.count(b":") == orjson.dumps(doc).count(b":"):
        return

    def check(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _duplicate(key)
            seen.add(key)
        return {}  # only the keys matter here

    try:
        json.loads(body, object_pairs_hook=check)
    except (ValueError, RecursionError) as exc:
        raise MalformedPayload(
            "the request body's keys could not be checked for duplicates", field="body"
        ) from exc


def fold_names(*names: str) -> Mapping[str, str]:
    """The names an extractor reads from one object, keyed by their case fold."""
    return MappingProxyType({name.casefold(): name for name in names})


def reject_case_variants(obj: dict[str, Any], names: Mapping[str, str]) -> None:
    """Raise when ``obj`` holds a key equal to one of ``names`` (from :func:`fold_names`)
    ignoring case, but not equal to it (``"Content"`` for ``"content"``)."""
    for key in obj:
        name = names.get(key.casefold())
        if name is not None and key != name:
            raise ambiguous_key(
                key,
                f"key {key!r} differs from {name!r} only in case; parsers that ignore case "
                f"read it as a duplicate of {name!r}, so the request is refused",
            )

"""Route extractor name -> payload: the one entry point of the extract step.

The body is parsed as the *route* says, whatever ``Content-Type`` claims, so a
mislabelled body cannot slip past evaluation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

from firewall_proxy._exceptions import MalformedPayload
from firewall_proxy.extract.chat import (
    extract_aiandme,
    extract_anthropic,
    extract_openai_chat,
    extract_text,
)
from firewall_proxy.extract.images import extract_datapoint, extract_image, extract_multipart
from firewall_proxy.extract.jsonkeys import fold_names, reject_case_variants, reject_duplicate_keys
from firewall_proxy.extract.payload import Payload, TextPart, TextRole
from firewall_proxy.extract.pointer import resolve, split

__all__ = ["extract", "extract_json_fields", "parse_json"]

_ROLES: frozenset[str] = frozenset({"user", "system", "assistant", "document", "tool"})


def parse_json(body: bytes) -> Any:
    """The body as JSON; one with a duplicate key is refused (see :mod:`.jsonkeys`)."""
    if not body:
        raise MalformedPayload("the request body is empty; a JSON body is expected", field="body")
    try:
        doc = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise MalformedPayload(f"the request body is not valid JSON: {exc}", field="body") from exc
    reject_duplicate_keys(body, doc)
    return doc


def _expand(document: Any, tokens: list[str], prefix: list[str]) -> list[list[str]]:
    """Expand '*' segments of a pointer against the document."""
    if not tokens:
        return [prefix]
    head, rest = tokens[0], tokens[1:]
    if isinstance(document, dict) and head != "*":
        reject_case_variants(document, fold_names(head))
    if head == "*":
        if isinstance(document, list):
            keys = [str(i) for i in range(len(document))]
        elif isinstance(document, dict):
            keys = list(document)
        else:
            return []
        out: list[list[str]] = []
        for key in keys:
            child = document[int(key)] if isinstance(document, list) else document[key]
            out.extend(_expand(child, rest, [*prefix, key]))
        return out
    try:
        child = document[int(head)] if isinstance(document, list) else document[head]
    except (KeyError, IndexError, ValueError, TypeError):
        return []
    return _expand(child, rest, [*prefix, head])


def extract_json_fields(doc: Any, options: dict[str, Any]) -> Payload:
    """Generic JSON: ``options.fields`` maps JSON pointers ('*' = every item) to roles."""
    fields = options.get("fields") or {"": "user"}
    required = bool(options.get("required", False))
    payload = Payload(document=doc)
    for pointer, role in fields.items():
        if role not in _ROLES:
            raise MalformedPayload(f"extractor option: unknown role {role!r}", field=pointer)
        matches = _expand(doc, split(pointer), [])
        if not matches and required:
            raise MalformedPayload(f"required field {pointer!r} is missing", field=pointer)
        for tokens in matches:
            target = "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens)
            value = resolve(doc, target)
            if isinstance(value, str):
                role_t: TextRole = role
                payload.texts.append(TextPart(value, role_t, target, len(payload.texts)))
            elif required:
                raise MalformedPayload(f"field {target!r} must be a string", field=target)
    return payload


_JSON_EXTRACTORS: dict[str, Callable[[Any, dict[str, Any]], Payload]] = {
    "openai_chat": extract_openai_chat,
    "anthropic_messages": extract_anthropic,
    "aiandme": extract_aiandme,
    "json": extract_json_fields,
    "datapoint": extract_datapoint,
}


def extract(extractor: str, body: bytes, content_type: str, options: dict[str, Any]) -> Payload:
    """Turn a request body into a :class:`Payload` (raises :class:`MalformedPayload`)."""
    json_extractor = _JSON_EXTRACTORS.get(extractor)
    if json_extractor is not None:
        payload = json_extractor(parse_json(body), options)
    elif extractor == "image":
        payload = extract_image(body, content_type)
    elif extractor == "multipart":
        payload = extract_multipart(body, content_type)
    elif extractor == "text":
        payload = extract_text(body)
    else:  # the policy model only admits known names
        raise MalformedPayload(f"unknown extractor {extractor!r}", field="extractor")
    payload.body = body
    payload.content_type = content_type
    return payload

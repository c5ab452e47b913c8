"""Impute: apply the fixes of an ``impute`` verdict to the request body.

Flow position: decide -> **enforce**. Text fixes replace character spans of
the string at their JSON pointer (applied right to left so spans stay valid;
overlapping spans keep the first); image fixes replace the image bytes (kept
in base64 or data-URL form when that is how they came). The JSON shape is
unchanged: only the fixed string fields differ. The caller sets the new
``content-length``.

A fix whose target is not a text (for text fixes) or an image (for image
fixes) of the payload raises ``ValueError``: the engine then blocks rather
than forward a body it could not correct.
"""

from __future__ import annotations

import base64
from typing import Any

import orjson

from firewall_proxy.extract.images import MultipartPart, build_multipart
from firewall_proxy.extract.payload import Payload
from firewall_proxy.extract.pointer import assign, resolve
from firewall_proxy.findings import Fix

__all__ = ["apply_fixes", "apply_text_fixes"]


def apply_text_fixes(text: str, fixes: list[Fix]) -> str:
    """Replace spans in ``text``; a fix without a span replaces the whole text."""
    whole = [f for f in fixes if f.span is None]
    if whole:
        rep = whole[-1].replacement
        return rep if isinstance(rep, str) else text
    last_start = len(text) + 1
    for fix in sorted(fixes, key=lambda f: f.span or (0, 0), reverse=True):
        assert fix.span is not None
        start, end = fix.span
        if not isinstance(fix.replacement, str) or not 0 <= start <= end <= len(text):
            continue
        if end > last_start:  # overlaps a fix already applied
            continue
        text = text[:start] + fix.replacement + text[end:]
        last_start = start
    return text


def _image_value(original: Any, data: bytes, media_type: str | None) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    if isinstance(original, str) and original.startswith("data:"):
        head = original.split(",", 1)[0]
        return f"{head},{encoded}"
    return encoded


def apply_fixes(payload: Payload, fixes: list[Fix]) -> bytes:
    """The request body with ``fixes`` applied (the original body when there are none)."""
    if not fixes:
        return payload.body
    by_target: dict[str, list[Fix]] = {}
    texts = {t.target for t in payload.texts}
    images = {i.target for i in payload.images}
    if "/image_path" in images:
        # A datapoint's image given by path is forwarded inline ("image") once corrected.
        images.add("/image")
    for fix in fixes:
        kind, known = ("image", images) if isinstance(fix.replacement, bytes) else ("text", texts)
        if fix.target not in known:
            raise ValueError(f"{kind} fix for {fix.target!r}, which is not a {kind} of the request")
        by_target.setdefault(fix.target, []).append(fix)

    doc = payload.document
    if isinstance(doc, dict) and "parts" in doc and "boundary" in doc:
        return _apply_multipart(doc, by_target)
    if doc is None:  # raw text or raw image body
        group = by_target.get("", [])
        image = [f for f in group if isinstance(f.replacement, bytes)]
        if image:
            rep = image[-1].replacement
            return rep if isinstance(rep, bytes) else payload.body
        text = apply_text_fixes(payload.body.decode("utf-8"), group)
        return text.encode("utf-8")

    for target, group in by_target.items():
        image = [f for f in group if isinstance(f.replacement, bytes)]
        if target == "/image" and isinstance(doc, dict) and "image" not in doc:
            rep = image[-1].replacement
            assert isinstance(rep, bytes)
            doc.pop("image_path", None)
            doc["image"] = base64.b64encode(rep).decode("ascii")
            continue
        try:
            current = resolve(doc, target)
        except (KeyError, IndexError, ValueError):
            continue
        if image:
            rep = image[-1].replacement
            assert isinstance(rep, bytes)
            doc = assign(doc, target, _image_value(current, rep, None))
        elif isinstance(current, str):
            doc = assign(doc, target, apply_text_fixes(current, group))
    payload.document = doc
    return orjson.dumps(doc)


def _apply_multipart(doc: dict[str, Any], by_target: dict[str, list[Fix]]) -> bytes:
    parts: list[MultipartPart] = doc["parts"]
    for target, group in by_target.items():
        if not target.startswith("/parts/"):
            continue
        idx = int(target.rsplit("/", 1)[1])
        part = parts[idx]
        image = [f for f in group if isinstance(f.replacement, bytes)]
        if image:
            rep = image[-1].replacement
            assert isinstance(rep, bytes)
            part.data = rep
        else:
            text = apply_text_fixes(part.data.decode("utf-8"), group)
            part.data = text.encode("utf-8")
    boundary: bytes = doc["boundary"]
    return build_multipart(boundary, parts)

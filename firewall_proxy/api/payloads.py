"""Verdict API request bodies -> :class:`Payload`: the extract step of the verdict API.

Flow position: verdict API request -> **extract** -> evaluate. Accepted bodies:

- ``POST /firewall/{project}``: JSON ``{"prompt", "agent_prompt"?}``, or an
  OpenAI-style ``{"messages": [...]}``, optionally with ``"image"`` (base64 or
  a data URL); or ``multipart/form-data`` (image files and text fields).
- ``POST /firewall/{project}/images``: the image datapoint JSON
  ``{"image" | "image_path", "probabilities"?}``, or multipart, or a raw
  ``image/*`` body.

Errors are :class:`MalformedPayload` naming the offending field; the API
answers them with 422.
"""

from __future__ import annotations

from typing import Any

from firewall_proxy._exceptions import MalformedPayload
from firewall_proxy.extract.chat import extract_aiandme, extract_openai_chat
from firewall_proxy.extract.dispatch import parse_json
from firewall_proxy.extract.images import (
    decode_base64,
    extract_datapoint,
    extract_image,
    extract_multipart,
    parse_data_url,
)
from firewall_proxy.extract.payload import ImagePart, Payload

__all__ = ["image_payload", "prompt_payload"]


def _media(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _finish(payload: Payload, body: bytes, content_type: str) -> Payload:
    payload.body = body
    payload.content_type = content_type
    # A remote image URL is noted, not fetched: a request holding only those is
    # evaluated (and decided) like the proxy would decide it, not refused.
    noted = payload.meta.get("remote_images", 0)
    if not payload.texts and not payload.images and payload.probabilities is None and not noted:
        raise MalformedPayload("the request holds no text or image to evaluate", field="body")
    return payload


def _image_field(value: Any) -> ImagePart:
    if isinstance(value, str) and value.startswith("data:"):
        media, data = parse_data_url(value, "image")
    else:
        media, data = None, decode_base64(value, "image")
    return ImagePart(data=data, media_type=media, target="/image")


def prompt_payload(body: bytes, content_type: str) -> Payload:
    """The body of ``POST /firewall/{project}``."""
    media = _media(content_type)
    if media == "multipart/form-data":
        return _finish(extract_multipart(body, content_type), body, content_type)
    doc = parse_json(body)
    if not isinstance(doc, dict):
        raise MalformedPayload("the request body must be a JSON object", field="body")
    if "prompt" in doc or "messages" in doc:
        if "messages" in doc and "prompt" not in doc and not isinstance(doc["messages"], list):
            raise MalformedPayload("'messages' must be a list of message objects", field="messages")
        payload = extract_aiandme(doc, {}) if "prompt" in doc else extract_openai_chat(doc, {})
    elif "image" in doc:
        payload = Payload(document=doc)
    else:
        raise MalformedPayload(
            "the body needs 'prompt' (with optional 'agent_prompt'), 'messages' or 'image'",
            field="prompt",
        )
    if "image" in doc:
        payload.images.append(_image_field(doc["image"]))
    return _finish(payload, body, content_type)


def image_payload(body: bytes, content_type: str) -> Payload:
    """The body of ``POST /firewall/{project}/images``."""
    media = _media(content_type)
    if media == "multipart/form-data":
        payload = extract_multipart(body, content_type)
    elif media.startswith("image/") or media == "application/octet-stream":
        payload = extract_image(body, media)
    else:
        payload = extract_datapoint(parse_json(body), {})
    return _finish(payload, body, content_type)

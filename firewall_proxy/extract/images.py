"""Extractors for image requests: raw ``image/*`` bodies, multipart uploads and the
image-classification datapoint JSON (``{"image_path" | "image", "probabilities"}``).

Decoding the *pixels* is the image evaluator's job (with its limits); here we
only unwrap bytes from their transport encoding and validate the envelope.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from typing import Any

from firewall_proxy._exceptions import MalformedPayload
from firewall_proxy.extract.jsonkeys import fold_names, reject_case_variants
from firewall_proxy.extract.payload import ImagePart, Payload, TextPart

__all__ = [
    "MultipartPart",
    "decode_base64",
    "extract_datapoint",
    "extract_image",
    "extract_multipart",
    "parse_data_url",
]

_DATA_URL = re.compile(r"^data:([\w.+-]+/[\w.+-]+)?((?:;[\w-]+=[^;,]*)*)(;base64)?,", re.ASCII)


def decode_base64(value: Any, field: str) -> bytes:
    if not isinstance(value, str) or not value:
        raise MalformedPayload(f"{field} must be a non-empty base64 string", field=field)
    cleaned = "".join(value.split())
    try:
        return base64.b64decode(cleaned + "=" * (-len(cleaned) % 4), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise MalformedPayload(f"{field} is not valid base64", field=field) from exc


def parse_data_url(url: str, field: str) -> tuple[str | None, bytes]:
    match = _DATA_URL.match(url)
    if match is None or not match.group(3):
        raise MalformedPayload(f"{field} must be a base64 data URL", field=field)
    return match.group(1), decode_base64(url[match.end() :], field)


def extract_image(body: bytes, content_type: str) -> Payload:
    if not body:
        raise MalformedPayload("the image body is empty", field="body")
    return Payload(images=[ImagePart(data=body, media_type=content_type or None, target="")])


def _probabilities(value: Any) -> list[float] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value
    ):
        raise MalformedPayload("'probabilities' must be a list of numbers", field="probabilities")
    out = [float(v) for v in value]
    if not all(math.isfinite(v) for v in out):
        raise MalformedPayload("'probabilities' must be finite numbers", field="probabilities")
    return out


_DATAPOINT = fold_names("image", "image_path", "probabilities")


def extract_datapoint(doc: Any, options: dict[str, Any]) -> Payload:
    """``{"image_path": "a/b.jpg" | "image": <base64 or data URL>, "probabilities": [...]}``."""
    if not isinstance(doc, dict):
        raise MalformedPayload("the request body must be a JSON object", field="body")
    reject_case_variants(doc, _DATAPOINT)
    payload = Payload(document=doc, probabilities=_probabilities(doc.get("probabilities")))
    image = doc.get("image")
    path = doc.get("image_path")
    if image is not None:
        if isinstance(image, str) and image.startswith("data:"):
            media, data = parse_data_url(image, "image")
        else:
            media, data = None, decode_base64(image, "image")
        payload.images.append(ImagePart(data=data, media_type=media, target="/image"))
    elif path is not None:
        if not isinstance(path, str) or not path:
            raise MalformedPayload("'image_path' must be a non-empty string", field="image_path")
        payload.images.append(ImagePart(path=path, target="/image_path"))
    elif payload.probabilities is None:
        raise MalformedPayload(
            "a datapoint needs 'image', 'image_path' or 'probabilities'", field="image"
        )
    for key in ("label", "timestamp"):
        if isinstance(doc.get(key), str | int | float):
            payload.meta[key] = doc[key]
    return payload


class MultipartPart:
    """One part of a multipart body, kept whole so an imputed body can be rebuilt."""

    __slots__ = ("data", "filename", "headers", "name")

    def __init__(self, headers: list[tuple[bytes, bytes]], data: bytes) -> None:
        self.headers = headers
        self.data = data
        self.name: str | None = None
        self.filename: str | None = None
        for key, value in headers:
            if key.lower() == b"content-disposition":
                params = dict(_disposition_params(value.decode("latin-1")))
                self.name = params.get("name")
                self.filename = params.get("filename")

    @property
    def content_type(self) -> str:
        for key, value in self.headers:
            if key.lower() == b"content-type":
                return value.decode("latin-1").strip()
        return ""


def _disposition_params(value: str) -> list[tuple[str, str]]:
    out = []
    for piece in value.split(";")[1:]:
        key, _, val = piece.strip().partition("=")
        out.append((key.strip().lower(), val.strip().strip('"')))
    return out


def _boundary(content_type: str) -> bytes:
    for piece in content_type.split(";")[1:]:
        key, _, val = piece.strip().partition("=")
        if key.strip().lower() == "boundary" and val:
            return val.strip().strip('"').encode("latin-1")
    raise MalformedPayload("multipart body without a boundary parameter", field="content-type")


def parse_multipart(body: bytes, content_type: str) -> tuple[bytes, list[MultipartPart]]:
    boundary = _boundary(content_type)
    delimiter = b"--" + boundary
    chunks = body.split(delimiter)
    if len(chunks) < 3 or not chunks[-1].startswith(b"--"):
        raise MalformedPayload("multipart body is truncated or malformed", field="body")
    parts = []
    for raw in chunks[1:-1]:
        if not raw.startswith(b"\r\n") or not raw.endswith(b"\r\n"):
            raise MalformedPayload("multipart part is malformed", field="body")
        head, sep, data = raw[2:-2].partition(b"\r\n\r\n")
        if not sep:
            raise MalformedPayload("multipart part has no header/body separator", field="body")
        headers = []
        for line in head.split(b"\r\n"):
            key, colon, value = line.partition(b":")
            if not colon:
                raise MalformedPayload("multipart part has a malformed header", field="body")
            headers.append((key.strip(), value.strip()))
        parts.append(MultipartPart(headers, data))
    return boundary, parts


def build_multipart(boundary: bytes, parts: list[MultipartPart]) -> bytes:
    out = bytearray()
    for part in parts:
        out += b"--" + boundary + b"\r\n"
        for key, value in part.headers:
            out += key + b": " + value + b"\r\n"
        out += b"\r\n" + part.data + b"\r\n"
    out += b"--" + boundary + b"--\r\n"
    return bytes(out)


def _is_text(content_type: str) -> bool:
    media = content_type.partition(";")[0].strip().lower()
    return media.startswith("text/") or media.endswith(("/json", "+json", "/xml", "+xml"))


def extract_multipart(body: bytes, content_type: str) -> Payload:
    """Form uploads: image files become images, text fields user texts, text files
    documents; other files are counted in ``meta["uninspected_parts"]``."""
    boundary, parts = parse_multipart(body, content_type)
    payload = Payload(document={"boundary": boundary, "parts": parts})
    for i, part in enumerate(parts):
        ctype = part.content_type
        if part.filename is not None or ctype.startswith("image/"):
            if ctype.startswith("image/") or not ctype or ctype == "application/octet-stream":
                payload.images.append(
                    ImagePart(
                        data=part.data,
                        media_type=ctype or None,
                        target=f"/parts/{i}",
                        form_field=part.name,
                    )
                )
            elif _is_text(ctype):
                # An uploaded text file is content the application reads: evaluated as a
                # document (where indirect injection hides), never skipped.
                text = part.data.decode("utf-8", "replace")
                payload.texts.append(TextPart(text, "document", f"/parts/{i}", i))
            else:
                # A file no evaluator reads (PDF, archive): counted, so the event shows
                # that part of the request went uninspected.
                payload.meta["uninspected_parts"] = payload.meta.get("uninspected_parts", 0) + 1
        else:
            try:
                text = part.data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise MalformedPayload(
                    f"form field {part.name!r} is not UTF-8 text", field=part.name or "body"
                ) from exc
            payload.texts.append(TextPart(text, "user", f"/parts/{i}", i))
    return payload

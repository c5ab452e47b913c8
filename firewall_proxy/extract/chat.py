"""Extractors for chat-shaped requests: OpenAI chat completions, Anthropic messages,
the ai+me ``{"prompt", "agent_prompt"}`` shape and plain text bodies.

Every user turn is extracted (not only the last), assistant turns become
context, system prompts and tool results are kept with their roles, and images
given as data URLs / base64 blocks become :class:`ImagePart` objects.
"""

from __future__ import annotations

from typing import Any

from firewall_proxy._exceptions import MalformedPayload
from firewall_proxy.extract.images import decode_base64, parse_data_url
from firewall_proxy.extract.jsonkeys import fold_names, reject_case_variants
from firewall_proxy.extract.payload import ImagePart, Payload, TextPart, TextRole
from firewall_proxy.extract.pointer import join

__all__ = ["extract_aiandme", "extract_anthropic", "extract_openai_chat", "extract_text"]

# The keys each extractor reads, per object: a case variant of one is refused (jsonkeys).
_OPENAI_TOP = fold_names("messages")
_MESSAGE = fold_names("role", "content")
_OPENAI_PART = fold_names("type", "text", "image_url")
_IMAGE_URL = fold_names("url")
_ANTHROPIC_TOP = fold_names("system", "messages")
_ANTHROPIC_BLOCK = fold_names("type", "text", "source", "content")
_SOURCE = fold_names("type", "data", "media_type")
_AIANDME_TOP = fold_names("prompt", "agent_prompt", "messages")

_OPENAI_ROLES: dict[str, TextRole] = {
    "system": "system",
    "developer": "system",
    "user": "user",
    "assistant": "assistant",
    "tool": "tool",
    "function": "tool",
}


def _require_object(doc: Any) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise MalformedPayload("the request body must be a JSON object", field="body")
    return doc


def _messages(doc: dict[str, Any]) -> list[Any]:
    messages = doc.get("messages")
    if not isinstance(messages, list):
        raise MalformedPayload("'messages' must be a list of message objects", field="messages")
    return messages


def _openai_content(
    payload: Payload, content: Any, role: TextRole, base: str, turn: int, where: str
) -> None:
    if content is None:
        return
    if isinstance(content, str):
        payload.texts.append(TextPart(content, role, base, turn))
        return
    if not isinstance(content, list):
        raise MalformedPayload(f"{where} must be a string or a list of parts", field=where)
    for j, part in enumerate(content):
        pwhere = f"{where}[{j}]"
        if not isinstance(part, dict):
            raise MalformedPayload(f"{pwhere} must be an object", field=pwhere)
        reject_case_variants(part, _OPENAI_PART)
        kind = part.get("type")
        if kind in ("text", "input_text"):
            text = part.get("text")
            if not isinstance(text, str):
                raise MalformedPayload(f"{pwhere}.text must be a string", field=f"{pwhere}.text")
            payload.texts.append(TextPart(text, role, f"{base}/{j}/text", turn))
        elif kind == "image_url":
            spec = part.get("image_url")
            if isinstance(spec, dict):
                reject_case_variants(spec, _IMAGE_URL)
            url = spec.get("url") if isinstance(spec, dict) else spec
            if not isinstance(url, str):
                raise MalformedPayload(
                    f"{pwhere}.image_url.url must be a string", field=f"{pwhere}.image_url.url"
                )
            if url.startswith("data:"):
                media_type, data = parse_data_url(url, f"{pwhere}.image_url.url")
                target = f"{base}/{j}/image_url/url"
                if not isinstance(spec, dict):
                    target = f"{base}/{j}/image_url"
                payload.images.append(ImagePart(data=data, media_type=media_type, target=target))
            else:
                # Remote images are fetched by the upstream, not by us: note them.
                payload.meta["remote_images"] = payload.meta.get("remote_images", 0) + 1


def extract_openai_chat(doc: Any, options: dict[str, Any]) -> Payload:
    """OpenAI ``/v1/chat/completions`` (and compatible servers: vLLM, Ollama, llama.cpp)."""
    obj = _require_object(doc)
    reject_case_variants(obj, _OPENAI_TOP)
    payload = Payload(document=obj)
    for i, msg in enumerate(_messages(obj)):
        where = f"messages[{i}]"
        if not isinstance(msg, dict):
            raise MalformedPayload(f"{where} must be an object", field=where)
        reject_case_variants(msg, _MESSAGE)
        raw_role = msg.get("role")
        # A non-string role (a list, an object) must be a 400, not a failed dict lookup.
        role = _OPENAI_ROLES.get(raw_role) if isinstance(raw_role, str) else None
        if role is None:
            raise MalformedPayload(
                f"{where}.role must be one of {sorted(_OPENAI_ROLES)}", field=f"{where}.role"
            )
        _openai_content(
            payload, msg.get("content"), role, f"/messages/{i}/content", i, f"{where}.content"
        )
    if isinstance(obj.get("model"), str):
        payload.meta["model"] = obj["model"]
    payload.meta["stream"] = bool(obj.get("stream"))
    return payload


def _anthropic_blocks(
    payload: Payload, content: Any, role: TextRole, base: list[Any], turn: int, where: str
) -> None:
    if isinstance(content, str):
        payload.texts.append(TextPart(content, role, join(*base), turn))
        return
    if not isinstance(content, list):
        raise MalformedPayload(f"{where} must be a string or a list of blocks", field=where)
    for j, block in enumerate(content):
        bwhere = f"{where}[{j}]"
        if not isinstance(block, dict):
            raise MalformedPayload(f"{bwhere} must be an object", field=bwhere)
        reject_case_variants(block, _ANTHROPIC_BLOCK)
        kind = block.get("type")
        if kind == "text":
            text = block.get("text")
            if not isinstance(text, str):
                raise MalformedPayload(f"{bwhere}.text must be a string", field=f"{bwhere}.text")
            payload.texts.append(TextPart(text, role, join(*base, j, "text"), turn))
        elif kind == "image":
            source = block.get("source")
            if isinstance(source, dict):
                reject_case_variants(source, _SOURCE)
            if isinstance(source, dict) and source.get("type") == "base64":
                data = decode_base64(source.get("data"), f"{bwhere}.source.data")
                media = source.get("media_type")
                payload.images.append(
                    ImagePart(
                        data=data,
                        media_type=media if isinstance(media, str) else None,
                        target=join(*base, j, "source", "data"),
                    )
                )
        elif kind == "tool_result" and "content" in block:  # no content: nothing to read
            _anthropic_blocks(
                payload,
                block["content"],
                "tool",
                [*base, j, "content"],
                turn,
                f"{bwhere}.content",
            )


def extract_anthropic(doc: Any, options: dict[str, Any]) -> Payload:
    """Anthropic ``/v1/messages``: top-level ``system`` plus user/assistant turns."""
    obj = _require_object(doc)
    reject_case_variants(obj, _ANTHROPIC_TOP)
    payload = Payload(document=obj)
    system = obj.get("system")
    if system is not None:
        _anthropic_blocks(payload, system, "system", ["system"], 0, "system")
    for i, msg in enumerate(_messages(obj)):
        where = f"messages[{i}]"
        if isinstance(msg, dict):
            reject_case_variants(msg, _MESSAGE)
        if not isinstance(msg, dict) or msg.get("role") not in ("user", "assistant"):
            raise MalformedPayload(
                f"{where} must be an object with role 'user' or 'assistant'", field=f"{where}.role"
            )
        role: TextRole = "user" if msg["role"] == "user" else "assistant"
        _anthropic_blocks(
            payload, msg.get("content"), role, ["messages", i, "content"], i, f"{where}.content"
        )
    if isinstance(obj.get("model"), str):
        payload.meta["model"] = obj["model"]
    payload.meta["stream"] = bool(obj.get("stream"))
    return payload


def extract_aiandme(doc: Any, options: dict[str, Any]) -> Payload:
    """``{"prompt": ..., "agent_prompt": ...}``; a ``messages`` list is read as OpenAI chat."""
    obj = _require_object(doc)
    reject_case_variants(obj, _AIANDME_TOP)
    if "messages" in obj and "prompt" not in obj:
        return extract_openai_chat(obj, options)
    prompt = obj.get("prompt")
    if not isinstance(prompt, str):
        raise MalformedPayload("'prompt' must be a string", field="prompt")
    payload = Payload(document=obj)
    agent = obj.get("agent_prompt")
    if agent is not None:
        if not isinstance(agent, str):
            raise MalformedPayload("'agent_prompt' must be a string", field="agent_prompt")
        payload.texts.append(TextPart(agent, "assistant", "/agent_prompt", 0))
    payload.texts.append(TextPart(prompt, "user", "/prompt", len(payload.texts)))
    return payload


def extract_text(body: bytes) -> Payload:
    """A ``text/plain`` body: the whole body is one user text."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedPayload(f"body is not valid UTF-8 (byte {exc.start})", field="body") from exc
    return Payload(texts=[TextPart(text, "user", "", 0)], document=None)

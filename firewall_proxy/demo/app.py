"""The demo AI app: an OpenAI-compatible chat endpoint (with SSE streaming), an
Anthropic-style messages endpoint and an image classifier, with no model
behind them — answers are deterministic echoes, so the firewall's effect is
easy to see. It is also the "bare app" baseline of ``bench/overhead.py``.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import AsyncIterator
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

__all__ = ["create_demo_app"]

_CLASSES = ["cat", "dog", "car", "tree", "boat"]


def _last_user_text(messages: Any) -> str:
    if not isinstance(messages, list):
        return ""
    for msg in reversed(messages):
        if isinstance(msg, dict) and msg.get("role") == "user":
            content = msg.get("content")
            if isinstance(content, str):
                return content
            if isinstance(content, list):
                return " ".join(
                    p.get("text", "")
                    for p in content
                    if isinstance(p, dict) and isinstance(p.get("text"), str)
                )
    return ""


def create_demo_app(stream_delay: float = 0.05) -> Starlette:
    """Build the demo app. ``stream_delay`` is the pause between streamed words."""

    async def chat(request: Request) -> Response:
        try:
            body = orjson.loads(await request.body())
        except orjson.JSONDecodeError:
            return JSONResponse({"error": {"message": "invalid JSON"}}, status_code=400)
        text = _last_user_text(body.get("messages") if isinstance(body, dict) else None)
        answer = f"Demo assistant here. You said: {text}"
        model = body.get("model", "demo") if isinstance(body, dict) else "demo"
        created = int(time.time())
        if isinstance(body, dict) and body.get("stream"):

            async def events() -> AsyncIterator[bytes]:
                for i, word in enumerate(answer.split(" ")):
                    chunk = {
                        "id": "chatcmpl-demo",
                        "object": "chat.completion.chunk",
                        "created": created,
                        "model": model,
                        "choices": [
                            {"index": 0, "delta": {"content": word if i == 0 else " " + word}}
                        ],
                    }
                    yield b"data: " + orjson.dumps(chunk) + b"\n\n"
                    if stream_delay:
                        await asyncio.sleep(stream_delay)
                yield b"data: [DONE]\n\n"

            return StreamingResponse(events(), media_type="text/event-stream")
        return JSONResponse(
            {
                "id": "chatcmpl-demo",
                "object": "chat.completion",
                "created": created,
                "model": model,
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": answer},
                    }
                ],
                "usage": {
                    "prompt_tokens": len(text.split()),
                    "completion_tokens": len(answer.split()),
                    "total_tokens": len(text.split()) + len(answer.split()),
                },
            }
        )

    async def messages(request: Request) -> Response:
        try:
            body = orjson.loads(await request.body())
        except orjson.JSONDecodeError:
            return JSONResponse({"type": "error", "error": {"message": "invalid JSON"}}, 400)
        text = _last_user_text(body.get("messages") if isinstance(body, dict) else None)
        return JSONResponse(
            {
                "id": "msg_demo",
                "type": "message",
                "role": "assistant",
                "content": [{"type": "text", "text": f"You said: {text}"}],
            }
        )

    async def classify(request: Request) -> Response:
        # A stand-in classifier: a stable pseudo-distribution derived from the bytes.
        digest = hashlib.sha256(await request.body()).digest()
        weights = [b + 1 for b in digest[: len(_CLASSES)]]
        total = sum(weights)
        probs = [w / total for w in weights]
        best = max(range(len(probs)), key=probs.__getitem__)
        return JSONResponse({"label": _CLASSES[best], "probabilities": probs, "classes": _CLASSES})

    async def models(request: Request) -> Response:
        return JSONResponse({"object": "list", "data": [{"id": "demo", "object": "model"}]})

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[
            Route("/v1/chat/completions", chat, methods=["POST"]),
            Route("/v1/messages", messages, methods=["POST"]),
            Route("/v1/classify", classify, methods=["POST"]),
            Route("/v1/models", models, methods=["GET"]),
            Route("/health", health, methods=["GET"]),
        ]
    )

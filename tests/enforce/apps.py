"""Small ASGI apps that record what reached them (the 'upstream' of middleware tests)."""

from __future__ import annotations

from typing import Any

import orjson

from firewall_proxy.enforce.asgi import Message, Receive, Scope, Send


async def read_body(receive: Receive) -> bytes:
    """The whole request body, however it was chunked."""
    body = b""
    while True:
        message: Message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            return body


async def answer_lifespan(receive: Receive, send: Send, seen: list[str] | None = None) -> None:
    """Complete startup and shutdown (recording each message type in ``seen``)."""
    while True:
        message: Message = await receive()
        if seen is not None:
            seen.append(message["type"])
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        else:
            await send({"type": "lifespan.shutdown.complete"})
            return


class RecordingApp:
    """Answers 200 with a JSON echo and remembers every request it saw."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.lifespan: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await answer_lifespan(receive, send, self.lifespan)
            return
        if scope["type"] != "http":
            return
        body = await read_body(receive)
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        self.requests.append({"path": scope["path"], "body": body, "headers": headers})
        out = orjson.dumps({"echo": body.decode("utf-8", "replace")})
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": out})

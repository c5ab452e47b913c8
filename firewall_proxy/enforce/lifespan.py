"""Fan one ASGI lifespan out to several apps (the proxy and the mounted admin apps).

Each app runs its own lifespan protocol in a task fed by its own queue; the
server's ``startup`` completes once every app has started (or has shown it does
not speak lifespan, by returning or raising before answering), and fails if any
app reports ``lifespan.startup.failed``. ``shutdown`` is passed on the same way.
An app that raises *after* it has started (closing its event sink failed, say) is
logged at ERROR: that is a fault to see, not a missing lifespan.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from firewall_proxy.enforce.asgi import ASGIApp, Message, Receive, Scope, Send

__all__ = ["run_lifespans"]

log = logging.getLogger(__name__)


class _AppLifespan:
    def __init__(self, app: ASGIApp, scope: Scope) -> None:
        self.inbox: asyncio.Queue[Message] = asyncio.Queue()
        self.outbox: asyncio.Queue[Message] = asyncio.Queue()
        self.started = False
        self.task = asyncio.ensure_future(self._run(app, scope))
        self.supported = True

    async def _run(self, app: ASGIApp, scope: Scope) -> None:
        try:
            await app(dict(scope), self.inbox.get, self.outbox.put)
        except Exception:
            if self.started:
                log.exception("%s failed while shutting down", type(app).__name__)
            # else: an app without lifespan support may raise on the scope
            self.supported = False
        finally:
            await self.outbox.put({"type": "lifespan.app.exited"})

    async def step(self, message: Message) -> Message | None:
        if not self.supported or self.task.done():
            return None
        await self.inbox.put(message)
        reply = await self.outbox.get()
        if reply["type"] == "lifespan.app.exited":
            self.supported = False
            return None
        if reply["type"] == "lifespan.startup.complete":
            self.started = True
        return reply


async def run_lifespans(apps: list[ASGIApp], scope: Scope, receive: Receive, send: Send) -> None:
    """Run the lifespan of every app in ``apps`` as one lifespan towards the server."""
    runners = [_AppLifespan(app, scope) for app in apps]
    try:
        while True:
            message = await receive()
            kind: str = message["type"]
            replies = [await r.step(message) for r in runners]
            failed = [r for r in replies if r is not None and r["type"].endswith(".failed")]
            phase = "startup" if kind == "lifespan.startup" else "shutdown"
            if failed:
                out: dict[str, Any] = {
                    "type": f"lifespan.{phase}.failed",
                    "message": failed[0].get("message", ""),
                }
                await send(out)
            else:
                await send({"type": f"lifespan.{phase}.complete"})
            if phase == "shutdown" or failed:
                return
    finally:
        for r in runners:
            if not r.task.done():
                r.task.cancel()

from __future__ import annotations

import logging
from typing import Any

import pytest

from firewall_proxy.server import Dispatcher


class LifespanApp:
    def __init__(self, fail: bool = False) -> None:
        self.events: list[str] = []
        self.fail = fail

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        assert scope["type"] == "lifespan"
        while True:
            message = await receive()
            self.events.append(message["type"])
            if message["type"] == "lifespan.startup":
                if self.fail:
                    await send({"type": "lifespan.startup.failed", "message": "no store"})
                    return
                await send({"type": "lifespan.startup.complete"})
            else:
                await send({"type": "lifespan.shutdown.complete"})
                return


async def no_lifespan(scope: Any, receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        raise RuntimeError("lifespan not supported")


async def _drive(app: Dispatcher) -> list[dict[str, Any]]:
    incoming = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])
    sent: list[dict[str, Any]] = []

    async def receive() -> Any:
        return next(incoming)

    async def send(message: Any) -> None:
        sent.append(message)

    await app({"type": "lifespan", "asgi": {"version": "3.0"}}, receive, send)
    return sent


async def test_every_mounted_app_starts_and_stops() -> None:
    proxy, api = LifespanApp(), LifespanApp()
    sent = await _drive(Dispatcher(proxy, {"/firewall": api, "/metrics": no_lifespan}))
    assert [m["type"] for m in sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert proxy.events == api.events == ["lifespan.startup", "lifespan.shutdown"]


async def test_a_failing_app_fails_startup_with_its_message() -> None:
    sent = await _drive(Dispatcher(LifespanApp(), {"/firewall": LifespanApp(fail=True)}))
    assert sent == [{"type": "lifespan.startup.failed", "message": "no store"}]


class BrokenShutdown(LifespanApp):
    """Starts, then raises while shutting down (its event store failed to close, say)."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await receive()
        await send({"type": "lifespan.startup.complete"})
        await receive()
        raise OSError("event store unreachable while flushing")


async def test_an_app_failing_at_shutdown_is_logged_not_hidden(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="firewall_proxy.enforce.lifespan"):
        sent = await _drive(Dispatcher(LifespanApp(), {"/firewall": BrokenShutdown()}))
    assert [m["type"] for m in sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert "BrokenShutdown failed while shutting down" in caplog.text
    assert "event store unreachable" in caplog.text
    # an app without lifespan support raising on the scope is not an error
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="firewall_proxy.enforce.lifespan"):
        await _drive(Dispatcher(LifespanApp(), {"/metrics": no_lifespan}))
    assert caplog.text == ""

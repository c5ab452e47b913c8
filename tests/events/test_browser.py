"""The dashboard in headless Chromium against a real server with generated events.

Needs Debian's Chromium at /usr/bin/chromium (``.ci/install-chromium.sh``);
Playwright never downloads a browser here. Set ``FIREWALL_PROXY_SCREENSHOT``
to a path to save a screenshot of the overview (docs/dashboard.png).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from firewall_proxy.dashboard import build_dashboard_app
from firewall_proxy.enforce.asgi import Receive, Scope, Send
from firewall_proxy.events.model import Event
from firewall_proxy.events.sqlite import SQLiteStore
from firewall_proxy.metrics import Metrics, MetricsApp
from firewall_proxy.server import Dispatcher
from tests.events.factories import make_event

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOKEN = "browser-test-token"


async def _upstream(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


@pytest.fixture(scope="module")
def events() -> list[Event]:
    now = time.time()
    # Spread over the last 50 minutes and the last six days, three categories, three actions.
    recent = [make_event(i, now - 20 * i - 1) for i in range(150)]
    older = [make_event(1000 + i, now - 3600 * (2 + i)) for i in range(140)]
    return recent + older


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, events: list[Event]) -> Iterator[str]:
    store = SQLiteStore(tmp_path_factory.mktemp("dash") / "events.db")
    store.write(events)
    app = Dispatcher(
        _upstream,
        {"/firewall/ui": build_dashboard_app(store, TOKEN), "/metrics": MetricsApp(Metrics())},
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "install Chromium: bash .ci/install-chromium.sh"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    yield context.new_page()
    context.close()


def login(page: Page, base: str) -> None:
    page.goto(f"{base}/firewall/ui/")
    page.fill("input[name=token]", TOKEN)
    page.click("#login button[type=submit]")
    page.wait_for_selector("#events")


def test_page_without_token_is_refused(page: Page, server: str) -> None:
    response = page.goto(f"{server}/firewall/ui/?range=hour")
    assert response is not None and response.status == 401
    assert page.locator("input[name=token]").is_visible()
    assert page.locator("#events").count() == 0
    page.fill("input[name=token]", "wrong")
    page.click("#login button[type=submit]")
    assert page.locator("#login-error").is_visible()
    assert page.locator("#events").count() == 0


def test_graph_drawn_with_one_point_per_bucket_and_series(
    page: Page, server: str, events: list[Event]
) -> None:
    login(page, server)
    categories = {c for e in events for c in e.categories}
    actions = {e.action for e in events}
    for range_name, buckets in (("hour", 60), ("day", 48), ("week", 84)):
        page.click(f"#ranges a[data-range={range_name}]")
        page.wait_for_url(f"**range={range_name}*")
        assert page.locator("#chart-category circle.point").count() == buckets * len(categories)
        assert page.locator("#chart-action circle.point").count() == buckets * len(actions)
        assert page.locator("#chart-category polyline").count() == len(categories)
        box = page.locator("#chart-category").bounding_box()
        assert box is not None and box["width"] > 400  # really laid out and drawn
    week_total = sum(
        int(n)
        for n in page.locator("#chart-action circle.point").evaluate_all(
            "els => els.map(e => e.dataset.count)"
        )
    )
    assert week_total == len(events)
    shot = os.environ.get("FIREWALL_PROXY_SCREENSHOT")
    if shot:
        page.click("#ranges a[data-range=day]")
        page.wait_for_url("**range=day*")
        page.set_viewport_size({"width": 1280, "height": 1280})
        page.screenshot(path=shot)


def test_filters_change_the_table(page: Page, server: str, events: list[Event]) -> None:
    login(page, server)
    page.click("#ranges a[data-range=week]")
    page.wait_for_url("**range=week*")
    before = page.locator("#events tbody tr").evaluate_all("rs => rs.map(r => r.dataset.id)")
    page.select_option("select[name=action]", "block")
    page.select_option("select[name=project]", "shop")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**action=block*")
    rows = page.locator("#events tbody tr")
    ids = rows.evaluate_all("rs => rs.map(r => r.dataset.id)")
    expected = [
        e
        for e in sorted(events, key=lambda e: -e.time)
        if e.action == "block" and e.project == "shop"
    ]
    assert ids == [e.id for e in expected[:50]]
    assert ids != before
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.action)")) == {"block"}
    assert f"{len(expected)} events" in page.inner_text("#total")


def test_detail_view_opens(page: Page, server: str, events: list[Event]) -> None:
    login(page, server)
    first = page.locator("#events tbody tr").first
    event_id = first.get_attribute("data-id")
    first.locator("a").click()
    page.wait_for_selector("#findings")
    event = next(e for e in events if e.id == event_id)
    assert event_id in page.inner_text("#event-title")
    findings = page.locator("#findings tbody tr")
    assert findings.count() == len(event.findings)
    assert page.inner_text("#excerpt") == event.excerpt

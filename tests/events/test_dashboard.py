"""The dashboard in-process: refused without the token, filters, paging, detail, bad input."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from firewall_proxy.dashboard import COOKIE, build_dashboard_app
from firewall_proxy.events.model import Event
from firewall_proxy.events.sqlite import SQLiteStore
from tests.events.factories import make_event

TOKEN = "correct horse battery staple"
AUTH = {"authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def events() -> list[Event]:
    now = time.time()
    return [make_event(i, now - 25 * i - 1) for i in range(120)]  # the last 50 minutes


@pytest.fixture
def client(tmp_path: Path, events: list[Event]) -> Iterator[TestClient]:
    store = SQLiteStore(tmp_path / "e.db")
    store.write(events)
    with TestClient(build_dashboard_app(store, TOKEN)) as c:
        yield c
    store.close()


def row_ids(html: str) -> list[str]:
    return re.findall(r'<tr data-id="([^"]+)"', html)


@pytest.mark.parametrize("path", ["/firewall/ui/", "/firewall/ui/events/x"])
def test_refused_without_the_token(client: TestClient, path: str) -> None:
    for headers in ({}, {"authorization": "Bearer wrong"}, {"x-admin-token": "wrong"}):
        r = client.get(path, headers=headers)
        assert r.status_code == 401
        assert 'name="token"' in r.text and "data-id" not in r.text
    client.cookies.set(COOKIE, "forged")
    assert client.get(path).status_code == 401


def test_login_form_sets_a_cookie_that_is_not_the_token(client: TestClient) -> None:
    bad = client.post("/firewall/ui/login", data={"token": "nope"}, follow_redirects=False)
    assert bad.status_code == 401 and "not right" in bad.text
    ok = client.post("/firewall/ui/login", data={"token": TOKEN}, follow_redirects=False)
    assert ok.status_code == 303
    cookie = ok.cookies[COOKIE]
    assert TOKEN not in cookie
    assert "httponly" in ok.headers["set-cookie"].lower()
    page = client.get("/firewall/ui/")
    assert page.status_code == 200 and row_ids(page.text)
    client.post("/firewall/ui/logout")
    assert client.get("/firewall/ui/").status_code == 401


def test_off_without_a_configured_token(tmp_path: Path) -> None:
    with TestClient(build_dashboard_app(SQLiteStore(tmp_path / "e.db"), None)) as c:
        assert c.get("/firewall/ui/", headers=AUTH).status_code == 404


def test_filters_change_the_table(client: TestClient, events: list[Event]) -> None:
    everything = client.get("/firewall/ui/?range=day", headers=AUTH).text
    assert row_ids(everything) == [e.id for e in events[:50]]
    assert "120 events" in everything
    blocks = client.get("/firewall/ui/?range=day&action=block&project=shop", headers=AUTH).text
    expected = [e.id for e in events if e.action == "block" and e.project == "shop"]
    assert row_ids(blocks) == expected[:50]
    pii = client.get("/firewall/ui/?range=day&category=pii", headers=AUTH).text
    assert row_ids(pii) == [e.id for e in events if "pii" in e.categories][:50]


def test_paging(client: TestClient, events: list[Event]) -> None:
    page3 = client.get("/firewall/ui/?range=day&page=3", headers=AUTH).text
    assert row_ids(page3) == [e.id for e in events[100:120]]
    assert 'rel="prev"' in page3 and 'rel="next"' not in page3


def test_graph_points_per_series_and_bucket(client: TestClient, events: list[Event]) -> None:
    html = client.get("/firewall/ui/?range=hour", headers=AUTH).text
    categories = {c for e in events for c in e.categories}
    actions = {e.action for e in events}
    cat_svg = html[html.index('id="chart-category"') : html.index("</svg>")]
    assert cat_svg.count('class="point"') == 60 * len(categories)
    act_svg = html[html.index('id="chart-action"') :]
    assert act_svg[: act_svg.index("</svg>")].count('class="point"') == 60 * len(actions)
    counted = sum(int(n) for n in re.findall(r'data-count="(\d+)"', cat_svg))
    assert counted == sum(len(e.categories) for e in events)


def test_counts_per_category(client: TestClient, events: list[Event]) -> None:
    html = client.get("/firewall/ui/?range=week", headers=AUTH).text
    shown = dict(
        re.findall(r'data-category="([^"]+)"><span class="muted">[^<]+</span><b>(\d+)', html)
    )
    expected = {
        c: str(sum(c in e.categories for e in events)) for e in events for c in e.categories
    }
    assert shown == expected


def test_detail_view_shows_the_findings(client: TestClient, events: list[Event]) -> None:
    event = events[4]
    html = client.get(f"/firewall/ui/events/{event.id}", headers=AUTH).text
    assert event.id in html and event.request_id in html
    for category in event.categories:
        assert category in html
    assert event.excerpt.replace("[", "").split()[0].rstrip("]") in html
    assert client.get("/firewall/ui/events/unknown", headers=AUTH).status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("range=year", "range"),
        ("page=zero", "page"),
        ("action=explode", "action"),
        ("page=0", "page"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_field(
    client: TestClient, query: str, field: str
) -> None:
    r = client.get(f"/firewall/ui/?{query}", headers=AUTH)
    assert r.status_code == 400
    assert f'data-field="{field}"' in r.text


def test_pages_load_nothing_from_elsewhere(client: TestClient) -> None:
    r = client.get("/firewall/ui/", headers=AUTH)
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert "<script" not in r.text
    assert not re.search(r'(src|href)="(https?:)?//', r.text)

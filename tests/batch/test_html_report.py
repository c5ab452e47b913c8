"""The HTML report in headless Chromium: opens offline from a file, fetches
nothing, logs no error, and draws the charts with the report's numbers.

Needs Debian's Chromium at /usr/bin/chromium (``.ci/install-chromium.sh``);
Playwright never downloads a browser here.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.batch.helpers import load, run, write_jsonl, write_policy

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


def _rows(days: range, attack: float, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    start = dt.datetime(2026, 4, 6, tzinfo=dt.UTC)
    rows = []
    for d in days:
        share = attack * (4 if d == days[-1] else 1)
        for i in range(60):
            hit = rng.random() < share
            label = (
                rng.choice(["injection", "jailbreak"]) if hit or rng.random() < 0.1 else "benign"
            )
            text = {"injection": "drop the firewall", "jailbreak": "you are dan"}.get(label, "hi")
            if not hit:
                text = f"<b>hello</b> & welcome {i}" if label == "benign" else f"<i>sneaky</i> {i}"
            when = start + dt.timedelta(days=d, minutes=i * 13)
            rows.append({"text": text, "label": label, "timestamp": when.isoformat()})
    return rows


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("html")
    policy = write_policy(tmp)
    baseline = tmp / "baseline.json"
    result = run(
        "--policy",
        policy,
        "--data",
        write_jsonl(tmp / "b.jsonl", _rows(range(5), 0.08, 1)),
        "--bin",
        "day",
        "--json",
        str(baseline),
    )
    assert result.exit_code == 0, result.output
    html, out = tmp / "report.html", tmp / "report.json"
    result = run(
        "--policy",
        policy,
        "--data",
        write_jsonl(tmp / "n.jsonl", _rows(range(5, 10), 0.08, 2)),
        "--bin",
        "day",
        "--baseline",
        str(baseline),
        "--report",
        str(html),
        "--json",
        str(out),
        "--fail-under",
        "recall=0.99",
        "--fail-under",
        "fpr=0.5",
    )
    assert result.exit_code == 1, result.output
    return html, load(out)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "install Chromium: bash .ci/install-chromium.sh"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(
    browser: Browser, report: tuple[Path, dict[str, Any]]
) -> Iterator[tuple[Page, list[str], list[str]]]:
    context = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(report[0].as_uri())
    page.wait_for_load_state("load")
    yield page, requests, errors
    context.close()


def test_opens_offline_without_errors_or_requests(
    page: tuple[Page, list[str], list[str]], report: tuple[Path, dict[str, Any]]
) -> None:
    pg, requests, errors = page
    assert errors == []
    assert requests == [report[0].as_uri()]
    assert pg.locator("script").count() == 0
    assert pg.locator("link[rel=stylesheet]").count() == 0
    assert "firewall-proxy test report" in pg.title()


def test_charts_are_drawn_with_the_reports_numbers(
    page: tuple[Page, list[str], list[str]], report: tuple[Path, dict[str, Any]]
) -> None:
    pg, _, _ = page
    data = report[1]
    for name in (
        "actions",
        "categories",
        "per-category",
        "detection",
        "confusion",
        "abnormal-rate",
        "severity",
        "rule-pass",
    ):
        chart = pg.locator(f'svg.chart[data-chart="{name}"]')
        assert chart.count() == 1, name
        box = chart.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 40, name
    bars = pg.locator('svg[data-chart="actions"] rect.bar')
    assert bars.count() == 4
    for i, action in enumerate(("pass", "flag", "impute", "block")):
        drawn = float(bars.nth(i).get_attribute("data-value") or "nan")
        assert drawn == pytest.approx(data["summary"]["action_rates"][action])
        if data["summary"]["actions"][action]:
            assert (bars.nth(i).bounding_box() or {"width": 0})["width"] > 2
    points = pg.locator('svg[data-chart="abnormal-rate"] circle.point[data-series="abnormal rate"]')
    bins = data["time"]["bins"]
    assert points.count() == len(bins) == 5
    for i, b in enumerate(bins):
        assert float(points.nth(i).get_attribute("data-value") or "nan") == pytest.approx(
            b["abnormal_rate"]
        )
    marks = pg.locator('svg[data-chart="abnormal-rate"] circle.drift-mark')
    assert marks.count() == sum(1 for b in bins if b["drift"]) >= 1
    # The most drifting property gets its own chart: its value per bin and the reference.
    top = max((c for b in bins for c in b["drift"]), key=lambda c: abs(c["z"]))
    drift_chart = pg.locator(f'svg[data-chart="drift-{top["property"]}"]')
    assert drift_chart.count() == 1
    ref_points = drift_chart.locator('circle.point[data-series="reference"]')
    assert ref_points.count() == len(bins)
    assert float(ref_points.first.get_attribute("data-value") or "nan") == pytest.approx(
        top["reference"]
    )
    cells = pg.locator('svg[data-chart="confusion"] rect.cell')
    cm = data["labels"]["confusion_matrix"]
    assert cells.count() == len(cm["labels"]) * len(cm["predicted"])


def test_gates_and_escaped_excerpts_are_shown(page: tuple[Page, list[str], list[str]]) -> None:
    pg, _, _ = page
    gates = pg.locator("table.gates tr")
    assert gates.count() == 3  # header + two gates
    assert "FAIL" in pg.locator("table.gates").inner_text()
    # A missed row's markup is shown as text, never rendered as an element.
    misses = pg.locator("table.misses")
    assert "<i>sneaky</i>" in misses.inner_text()
    assert misses.locator("i").count() == 0

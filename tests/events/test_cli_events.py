"""``firewall-proxy events list|show|export`` against a store written by the writer."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from firewall_proxy.cli.events import parse_time
from firewall_proxy.cli.main import cli
from firewall_proxy.events.model import Event
from firewall_proxy.events.sqlite import SQLiteStore
from tests.events.factories import make_event


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    store = SQLiteStore(tmp_path / "e.db")
    now = time.time()
    store.write([make_event(i, now - 60 * i) for i in range(40)])
    store.close()
    return f"sqlite:///{tmp_path / 'e.db'}"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_list_filters(store_url: str) -> None:
    code, out = run(
        "events", "list", "--store", store_url, "--action", "block", "--project", "shop", "--json"
    )
    assert code == 0
    events = [
        Event.from_dict(orjson.loads(line)) for line in out.splitlines() if line.startswith("{")
    ]
    assert events and all(e.action == "block" and e.project == "shop" for e in events)
    code, out = run("events", "list", "--store", store_url, "--since", "10.5m", "--json")
    assert code == 0
    lines = [line for line in out.splitlines() if line.startswith("{")]
    assert len(lines) == 11  # events 0..10 are within the last 10 minutes and a bit


def test_show_and_unknown_id(store_url: str) -> None:
    code, out = run("events", "list", "--store", store_url, "--limit", "1", "--json")
    first = orjson.loads(out.splitlines()[0])
    code, out = run("events", "show", first["id"], "--store", store_url)
    assert code == 0 and orjson.loads(out)["findings"] == first["findings"]
    code, out = run("events", "show", "nope", "--store", store_url)
    assert code == 1 and "no event with id 'nope'" in out


def test_export_jsonl_and_csv(store_url: str, tmp_path: Path) -> None:
    out_file = tmp_path / "pii.jsonl"
    code, _ = run(
        "events", "export", "--store", store_url, "--category", "pii", "-o", str(out_file)
    )
    assert code == 0
    exported = [orjson.loads(line) for line in out_file.read_text().splitlines()]
    assert exported and all("pii" in e["categories"] for e in exported)
    code, out = run("events", "export", "--store", store_url, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 40
    assert rows[0]["categories"] and rows[0]["time"].endswith("+00:00")


def test_bad_time_is_a_usage_error_naming_the_option(store_url: str) -> None:
    code, out = run("events", "list", "--store", store_url, "--since", "yesterday")
    assert code == 2 and "--since" in out


def test_bad_store_url(tmp_path: Path) -> None:
    code, out = run("events", "list", "--store", "mysql://x")
    assert code == 2 and "--store" in out


def test_parse_time_forms() -> None:
    assert parse_time("90m", now=10_000.0) == 10_000.0 - 5400
    assert parse_time("2d", now=200_000.0) == 200_000.0 - 172_800
    assert parse_time("2026-01-31T12:00") == parse_time("2026-01-31T12:00+00:00")
    with pytest.raises(ValueError, match="not a time"):
        parse_time("soon")

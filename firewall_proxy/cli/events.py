"""``firewall-proxy events list|show|export``: read the event store from the shell.

Flow position: events -> store -> **CLI** (read only), the same store
``serve`` writes and the dashboard reads (``--store`` takes the same URLs,
or ``FIREWALL_PROXY_EVENTS_STORE``).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
import time
from typing import IO, Any

import click
import orjson

from firewall_proxy.events.model import Event
from firewall_proxy.events.store import EventQuery, SQLStore
from firewall_proxy.events.urls import DEFAULT_STORE, open_store
from firewall_proxy.findings import Action

__all__ = ["CSV_COLUMNS", "events", "parse_time"]

CSV_COLUMNS = (
    "id",
    "time",
    "project",
    "route",
    "action",
    "mode",
    "categories",
    "explanation",
    "request_id",
    "latency_ms",
    "excerpt",
)
_RELATIVE = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhdw])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_time(value: str, *, now: float | None = None) -> float:
    """Unix seconds for ``2026-01-31``, ``2026-01-31T12:00`` (UTC unless an offset is
    given), or an age such as ``90m`` or ``2d``."""
    now = time.time() if now is None else now
    match = _RELATIVE.match(value.strip())
    if match:
        return now - float(match.group(1)) * _UNITS[match.group(2)]
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(
            f"not a time: {value!r} (use e.g. 2026-01-31T12:00, 2026-01-31, 90m, 2d)"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.timestamp()


def _time_option(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return parse_time(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def _filters(func: Any) -> Any:
    options = [
        click.option(
            "--store",
            "store_url",
            default=DEFAULT_STORE,
            show_default=True,
            envvar="FIREWALL_PROXY_EVENTS_STORE",
            metavar="URL",
            help="Event store: sqlite:///path.db or postgresql://...",
        ),
        click.option("--project", help="Only this project."),
        click.option(
            "--action",
            type=click.Choice([a.value for a in Action if a is not Action.PASS]),
            help="Only this action.",
        ),
        click.option("--category", help="Only events with this category (e.g. pii)."),
        click.option(
            "--since",
            callback=_time_option,
            metavar="TIME",
            help="From this time: ISO date/time (UTC) or an age like 90m, 2d.",
        ),
        click.option(
            "--until",
            callback=_time_option,
            metavar="TIME",
            help="Before this time (same forms as --since).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _open(url: str) -> SQLStore:
    try:
        return open_store(url)
    except Exception as exc:
        raise click.BadParameter(str(exc), param_hint="--store") from None


@click.group()
def events() -> None:
    """List, show and export recorded events (every non-passing decision)."""


@events.command("list")
@_filters
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_events(
    store_url: str,
    project: str | None,
    action: str | None,
    category: str | None,
    since: float | None,
    until: float | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """Newest events first, one per line."""
    store = _open(store_url)
    try:
        page = store.query(
            EventQuery(project, action, category, since, until), limit=limit, offset=offset
        )
    finally:
        store.close()
    if as_json:
        for e in page.events:
            click.echo(orjson.dumps(e.to_dict()).decode())
        return
    for e in page.events:
        when = dt.datetime.fromtimestamp(e.time, dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
        cats = ",".join(f"{c}:{s:.2f}" for c, s in e.categories.items())
        click.echo(f"{e.id}  {when}  {e.project:<12} {e.action:<6} {cats:<32} {e.route}")
    shown = f"{offset + 1}-{offset + len(page.events)}" if page.events else "0"
    click.echo(f"({shown} of {page.total})", err=True)


@events.command()
@click.argument("event_id")
@click.option(
    "--store",
    "store_url",
    default=DEFAULT_STORE,
    show_default=True,
    envvar="FIREWALL_PROXY_EVENTS_STORE",
    metavar="URL",
    help="Event store URL.",
)
def show(event_id: str, store_url: str) -> None:
    """One event with all its findings, as indented JSON."""
    store = _open(store_url)
    try:
        event = store.get(event_id)
    finally:
        store.close()
    if event is None:
        raise click.ClickException(f"no event with id {event_id!r}")
    click.echo(orjson.dumps(event.to_dict(), option=orjson.OPT_INDENT_2).decode())


@events.command()
@_filters
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="File to write (default: standard output).",
)
def export(
    store_url: str,
    project: str | None,
    action: str | None,
    category: str | None,
    since: float | None,
    until: float | None,
    fmt: str,
    output: IO[str],
) -> None:
    """Every matching event, newest first, as JSON Lines or CSV."""
    store = _open(store_url)
    count = 0
    try:
        rows = store.iter_events(EventQuery(project, action, category, since, until))
        count = _write_csv(rows, output) if fmt == "csv" else _write_jsonl(rows, output)
    finally:
        store.close()
    if output is not sys.stdout:
        click.echo(f"exported {count} events", err=True)


def _write_jsonl(rows: Any, output: IO[str]) -> int:
    count = 0
    for event in rows:
        output.write(orjson.dumps(event.to_dict()).decode() + "\n")
        count += 1
    return count


def _write_csv(rows: Any, output: IO[str]) -> int:
    writer = csv.writer(output)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for event in rows:
        writer.writerow(_csv_row(event))
        count += 1
    return count


def _csv_row(e: Event) -> list[str]:
    when = dt.datetime.fromtimestamp(e.time, dt.UTC).isoformat(timespec="milliseconds")
    cats = ";".join(f"{c}={s:.4f}" for c, s in e.categories.items())
    row = [
        e.id,
        when,
        e.project,
        e.route,
        e.action,
        e.mode,
        cats,
        e.explanation,
        e.request_id,
        f"{e.latency_ms:.3f}",
        e.excerpt,
    ]
    return [_cell(v) for v in row]


def _cell(value: str) -> str:
    # Spreadsheets run cells starting with these as formulas; excerpts are user text.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value

"""``firewall-proxy keys create|list|revoke``: API keys of the verdict API.

The keys file (SQLite) holds only salted scrypt hashes; a new key is printed
once, on ``create``, and cannot be shown again. A running server notices a
revocation within about a second, without a restart.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime

import click

from firewall_proxy.api.keys import DEFAULT_KEYS_FILE, ApiKey, KeyStore
from firewall_proxy.api.projects import PROJECT_ID_PATTERN
from firewall_proxy.api.ratelimit import parse_rate

__all__ = ["keys"]

_keys_file = click.option(
    "--keys-file",
    default=DEFAULT_KEYS_FILE,
    show_default=True,
    type=click.Path(dir_okay=False),
    envvar="FIREWALL_PROXY_KEYS_FILE",
    help="SQLite file that stores the key hashes (shared by every server worker).",
)


def _when(ts: float | None) -> str:
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _as_dict(key: ApiKey) -> dict[str, object]:
    return {
        "key_id": key.key_id,
        "project": key.project,
        "name": key.name,
        "rate_limit": key.rate_limit,
        "created": _when(key.created),
        "revoked": _when(key.revoked) if key.revoked else None,
    }


@click.group()
def keys() -> None:
    """Create, list and revoke verdict API keys (one project per key)."""


@keys.command("create")
@click.option("--project", required=True, help="The project the key is valid for.")
@click.option("--name", default="", help="A label to recognise the key by in 'keys list'.")
@click.option(
    "--rate-limit",
    default=None,
    metavar="RATE",
    help="This key's limit, e.g. '600/minute', '20/s' (default: the project's api.rate_limit).",
)
@_keys_file
def create(project: str, name: str, rate_limit: str | None, keys_file: str) -> None:
    """Create a key for PROJECT and print it (once: only its hash is stored)."""
    if not re.match(PROJECT_ID_PATTERN, project):
        raise click.BadParameter("1-64 letters, digits, '_', '-' or '.'", param_hint="--project")
    if rate_limit is not None:
        try:
            parse_rate(rate_limit)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--rate-limit") from exc
    new = KeyStore(keys_file).create(project, name=name, rate_limit=rate_limit)
    click.echo(new.secret)
    click.echo(
        f"key id {new.record.key_id} for project {project!r} stored in {keys_file}; "
        "the key above is not shown again.",
        err=True,
    )


@keys.command("list")
@click.option("--project", default=None, help="Only this project's keys.")
@click.option("--active", is_flag=True, help="Hide revoked keys.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@_keys_file
def list_keys(project: str | None, active: bool, as_json: bool, keys_file: str) -> None:
    """List keys (ids and metadata; never the keys themselves)."""
    records = KeyStore(keys_file).list(project, include_revoked=not active)
    if as_json:
        for key in records:
            click.echo(json.dumps(_as_dict(key)))
        return
    click.echo(
        f"{'KEY ID':<16}  {'PROJECT':<20}  {'CREATED':<20}  {'REVOKED':<20}  {'RATE':<12}  NAME"
    )
    for key in records:
        click.echo(
            f"{key.key_id:<16}  {key.project:<20}  {_when(key.created):<20}  "
            f"{_when(key.revoked):<20}  {key.rate_limit or '-':<12}  {key.name}"
        )


@keys.command("revoke")
@click.argument("key_id")
@_keys_file
def revoke(key_id: str, keys_file: str) -> None:
    """Revoke KEY_ID (as shown by 'keys list', or the whole key)."""
    record = KeyStore(keys_file).revoke(key_id)
    if record is None:
        click.echo(f"no key {key_id!r} in {keys_file}", err=True)
        sys.exit(1)
    click.echo(f"revoked {record.key_id} (project {record.project!r})")

"""API keys: hashed at rest, constant-time checked, cached, revocable without a restart."""

from __future__ import annotations

import asyncio
import stat
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from firewall_proxy.api import keys as keys_module
from firewall_proxy.api.keys import KeyStore
from firewall_proxy.cli.main import cli
from firewall_proxy.client import Firewall, FirewallNotAuthorised, Integration
from tests.api.conftest import Deployment


def test_only_a_salted_hash_is_stored(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "k.db")
    one, two = store.create("p"), store.create("p")
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    for key in (one, two):
        secret = key.secret.split("_", 2)[2]
        assert key.secret.encode() not in raw
        assert secret.encode() not in raw
    assert store.verify_sync(one.secret) == one.record
    assert store.verify_sync(two.secret) == two.record
    assert store.verify_sync(one.secret[:-1]) is None
    assert [k.key_id for k in store.list("p")] == [one.record.key_id, two.record.key_id]


def test_verified_keys_skip_scrypt_until_something_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = KeyStore(tmp_path / "k.db", refresh_seconds=0.0)
    key = store.create("p")
    calls = []
    real = keys_module._derive
    monkeypatch.setattr(keys_module, "_derive", lambda *a: calls.append(1) or real(*a))
    for _ in range(5):
        assert store.verify_sync(key.secret) is not None
        assert store.verify_sync(key.secret + "x") is None
    assert len(calls) == 2  # one scrypt for the good key, one for the bad one
    store.revoke(key.record.key_id)
    assert store.verify_sync(key.secret) is None


def test_revocation_reaches_a_running_server_without_restart(deployment: Deployment) -> None:
    extra = deployment.store.create("alpha")
    endpoint = deployment.endpoint("alpha")
    with Firewall(Integration(endpoint=endpoint, api_key=extra.secret)) as fw:
        assert fw.eval("hello").status is True  # now cached by the server
        result = CliRunner().invoke(
            cli, ["keys", "revoke", extra.record.key_id, "--keys-file", str(deployment.keys_file)]
        )
        assert result.exit_code == 0, result.output
        deadline = time.monotonic() + 10
        refused: FirewallNotAuthorised | None = None
        while refused is None:  # the server re-reads the revocation version at most 1 s apart
            try:
                fw.eval("hello")
            except FirewallNotAuthorised as exc:
                refused = exc
            assert time.monotonic() < deadline, "revoked key still accepted"
            time.sleep(0.05)
        assert refused.status_code == 401
    # other keys of the project are unaffected
    r = httpx.post(endpoint, headers={"x-api-key": deployment.alpha_key}, json={"prompt": "hi"})
    assert r.status_code == 200


def test_keys_cli_create_list_revoke(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    created = runner.invoke(
        cli,
        [
            "keys",
            "create",
            "--project",
            "shop",
            "--name",
            "web",
            "--rate-limit",
            "10/s",
            "--keys-file",
            db,
        ],
    )
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip().splitlines()[0]
    assert secret.startswith("fpk_")
    listed = runner.invoke(cli, ["keys", "list", "--keys-file", db])
    assert "shop" in listed.stdout and "10/s" in listed.stdout and "web" in listed.stdout
    assert secret not in listed.stdout
    record = KeyStore(db).verify_sync(secret)
    assert record is not None and record.rate_limit == "10/s"
    revoked = runner.invoke(cli, ["keys", "revoke", secret, "--keys-file", db])
    assert revoked.exit_code == 0 and record.key_id in revoked.stdout
    assert KeyStore(db).verify_sync(secret) is None
    active = runner.invoke(cli, ["keys", "list", "--active", "--json", "--keys-file", db])
    assert active.stdout.strip() == ""
    assert runner.invoke(cli, ["keys", "revoke", "ffff", "--keys-file", db]).exit_code == 1
    bad = runner.invoke(cli, ["keys", "create", "--project", "a b", "--keys-file", db])
    assert bad.exit_code == 2 and "--project" in bad.output
    bad = runner.invoke(
        cli, ["keys", "create", "--project", "a", "--rate-limit", "fast", "--keys-file", db]
    )
    assert bad.exit_code == 2 and "--rate-limit" in bad.output


async def test_a_burst_of_one_new_key_runs_scrypt_at_most_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = KeyStore(tmp_path / "k.db").create("p")
    server_side = KeyStore(tmp_path / "k.db")
    calls = []
    real = keys_module._derive
    monkeypatch.setattr(keys_module, "_derive", lambda *a: calls.append(1) or real(*a))
    results = await asyncio.gather(*(server_side.verify(key.secret) for _ in range(20)))
    assert all(r == key.record for r in results)
    assert 1 <= len(calls) <= 2


def test_keys_file_is_private(tmp_path: Path) -> None:
    KeyStore(tmp_path / "k.db").create("p")
    assert stat.S_IMODE((tmp_path / "k.db").stat().st_mode) == 0o600

"""API keys of the verdict API: created once, stored only as salted scrypt hashes.

Flow position: verdict API request -> **authenticate** -> rate limit -> evaluate.

A key looks like ``fpk_<16 hex key id>_<secret>``. The key id is public (it
finds the record and is what ``keys list`` shows); the secret is never
stored, only ``scrypt(secret, salt)``. Verification looks the record up by id
and compares the derived hash with :func:`hmac.compare_digest`.

scrypt costs ~50 ms by design, so verified keys are cached in memory under a
SHA-256 of the presented key (the cache never holds a key). Revocation bumps a
version number in the keys file; every verifier re-reads that number at most
``refresh_seconds`` apart (default 1 s) and drops its cache when it moved, so a
revoked key stops working within a second, in every worker, without a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import anyio
import anyio.to_thread

__all__ = ["DEFAULT_KEYS_FILE", "KEY_PREFIX", "ApiKey", "KeyStore", "NewKey"]

DEFAULT_KEYS_FILE = "firewall-keys.db"
KEY_PREFIX = "fpk_"
_ID_LEN = 16
# scrypt parameters: N=2**14, r=8 (16 MiB, ~50 ms) is the interactive-login setting of
# RFC 7914; stored per key so they can be raised later without breaking old keys.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    key_id TEXT PRIMARY KEY,
    project TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    salt BLOB NOT NULL,
    hash BLOB NOT NULL,
    n INTEGER NOT NULL, r INTEGER NOT NULL, p INTEGER NOT NULL,
    rate_limit TEXT,
    created REAL NOT NULL,
    revoked REAL
);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta (name, value) VALUES ('version', 0);
"""


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A stored key's public record (never the secret)."""

    key_id: str
    project: str
    name: str = ""
    rate_limit: str | None = None
    created: float = 0.0
    revoked: float | None = None

    @property
    def active(self) -> bool:
        return self.revoked is None


@dataclass(frozen=True, slots=True)
class NewKey:
    """A freshly created key: ``secret`` is the full key, shown to the user once."""

    record: ApiKey
    secret: str


def _derive(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        secret.encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


def _split(presented: str) -> tuple[str, str] | None:
    """``fpk_<id>_<secret>`` -> (id, secret), or None if it cannot be one of our keys."""
    if not presented.startswith(KEY_PREFIX) or len(presented) > 256:
        return None
    rest = presented[len(KEY_PREFIX) :]
    key_id, sep, secret = rest[:_ID_LEN], rest[_ID_LEN : _ID_LEN + 1], rest[_ID_LEN + 1 :]
    if sep != "_" or not secret or not all(c in "0123456789abcdef" for c in key_id):
        return None
    return key_id, secret


class KeyStore:
    """The keys file (SQLite) plus an in-memory cache of verified keys.

    One instance per process; safe to share between concurrent requests. The
    file is opened per operation, so the ``keys`` CLI and any number of server
    workers can use it at once.
    """

    def __init__(
        self,
        path: str | Path = DEFAULT_KEYS_FILE,
        *,
        refresh_seconds: float = 1.0,
        cache_size: int = 10_000,
    ) -> None:
        self.path = Path(path)
        self.refresh_seconds = refresh_seconds
        self._cache_size = cache_size
        # sha256(presented key) -> record; failures cached too so a wrong key
        # for a real key id cannot make us run scrypt on every request.
        self._good: OrderedDict[bytes, ApiKey] = OrderedDict()
        self._bad: OrderedDict[bytes, None] = OrderedDict()
        self._version: int | None = None
        self._checked_at = float("-inf")
        self._initialised = False
        self._slow: anyio.CapacityLimiter | None = None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        new = not self._initialised and not self.path.exists()
        conn = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
        try:
            if not self._initialised:
                if new:  # hashes only, but nobody else needs to read them
                    os.chmod(self.path, 0o600)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.executescript(_SCHEMA)
                self._initialised = True
            yield conn
        finally:
            conn.close()

    # -- management (CLI) ----------------------------------------------------------

    def create(self, project: str, *, name: str = "", rate_limit: str | None = None) -> NewKey:
        """Make a new key for ``project``; the returned secret is not recoverable later."""
        key_id = secrets.token_hex(_ID_LEN // 2)
        secret = secrets.token_urlsafe(32)
        salt = secrets.token_bytes(16)
        digest = _derive(secret, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
        created = time.time()
        with self._connect() as conn:
            conn.execute(
                "INSERT INTO api_keys (key_id, project, name, salt, hash, n, r, p, rate_limit,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key_id,
                    project,
                    name,
                    salt,
                    digest,
                    _SCRYPT_N,
                    _SCRYPT_R,
                    _SCRYPT_P,
                    rate_limit,
                    created,
                ),
            )
            self._bump(conn)
        record = ApiKey(key_id, project, name, rate_limit, created)
        return NewKey(record, f"{KEY_PREFIX}{key_id}_{secret}")

    def list(self, project: str | None = None, *, include_revoked: bool = True) -> list[ApiKey]:
        query = "SELECT key_id, project, name, rate_limit, created, revoked FROM api_keys"
        clauses, args = [], []
        if project is not None:
            clauses.append("project = ?")
            args.append(project)
        if not include_revoked:
            clauses.append("revoked IS NULL")
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        with self._connect() as conn:
            rows = conn.execute(query + " ORDER BY created", args).fetchall()
        return [ApiKey(*row) for row in rows]

    def revoke(self, key_id: str) -> ApiKey | None:
        """Revoke by key id (or a full key); returns the record, or None if unknown."""
        parts = _split(key_id)
        if parts is not None:
            key_id = parts[0]
        with self._connect() as conn:
            conn.execute(
                "UPDATE api_keys SET revoked = ? WHERE key_id = ? AND revoked IS NULL",
                (time.time(), key_id),
            )
            self._bump(conn)
            row = conn.execute(
                "SELECT key_id, project, name, rate_limit, created, revoked"
                " FROM api_keys WHERE key_id = ?",
                (key_id,),
            ).fetchone()
        return ApiKey(*row) if row else None

    @staticmethod
    def _bump(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE meta SET value = value + 1 WHERE name = 'version'")

    # -- verification (request path) -----------------------------------------------

    def _refresh(self) -> None:
        now = time.monotonic()
        if now - self._checked_at < self.refresh_seconds:
            return
        with self._connect() as conn:
            row = conn.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
        self._checked_at = now
        version = int(row[0]) if row else 0
        if version != self._version:
            self._good.clear()
            self._bad.clear()
            self._version = version

    def _remember(self, fast: bytes, record: ApiKey | None) -> None:
        if record is not None:
            self._good[fast] = record
            while len(self._good) > self._cache_size:
                self._good.popitem(last=False)
        else:
            self._bad[fast] = None
            while len(self._bad) > self._cache_size:
                self._bad.popitem(last=False)

    def _lookup(self, key_id: str) -> tuple[bytes, bytes, int, int, int, ApiKey] | None:
        with self._connect() as conn:
            row = conn.execute(
                "SELECT salt, hash, n, r, p, key_id, project, name, rate_limit, created, revoked"
                " FROM api_keys WHERE key_id = ?",
                (key_id,),
            ).fetchone()
        if row is None:
            return None
        salt, digest, n, r, p = row[:5]
        return salt, digest, n, r, p, ApiKey(*row[5:])

    def verify_sync(self, presented: str) -> ApiKey | None:
        """The active key record ``presented`` proves, or None (blocking; see :meth:`verify`)."""
        hit, record = self._cached(presented)
        if hit:
            return record
        return self._verify_slow(presented, _fast(presented))

    async def verify(self, presented: str) -> ApiKey | None:
        """Like :meth:`verify_sync`; a cache miss runs scrypt in a worker thread.

        At most two scrypt runs (16 MiB each) happen at once per store: when many
        requests bring the same new key together, the first ones verify it and
        the rest find it in the cache once they get their turn. (One store per
        event loop: the limiter belongs to the loop that first uses it.)
        """
        hit, record = self._cached(presented)
        if hit:
            return record
        if self._slow is None:
            self._slow = anyio.CapacityLimiter(2)
        async with self._slow:
            hit, record = self._cached(presented)
            if hit:
                return record
            fast = _fast(presented)
            return await anyio.to_thread.run_sync(self._verify_slow, presented, fast)

    def _cached(self, presented: str) -> tuple[bool, ApiKey | None]:
        """(True, answer) when the cache knows ``presented``; (False, None) otherwise."""
        self._refresh()
        fast = _fast(presented)
        record = self._good.get(fast)
        if record is not None:
            return True, record
        return fast in self._bad, None

    def _verify_slow(self, presented: str, fast: bytes) -> ApiKey | None:
        parts = _split(presented)
        found = self._lookup(parts[0]) if parts is not None else None
        if parts is None or found is None:
            self._remember(fast, None)
            return None
        salt, digest, n, r, p, record = found
        ok = hmac.compare_digest(_derive(parts[1], salt, n, r, p), digest)
        result = record if ok and record.active else None
        self._remember(fast, result)
        return result


def _fast(presented: str) -> bytes:
    return hashlib.sha256(presented.encode("utf-8", "surrogatepass")).digest()

"""Per-key rate limits for the verdict API: in memory, or shared by replicas in Redis.

Flow position: verdict API request -> authenticate -> **rate limit** -> extract ->
evaluate. Both backends implement the same GCRA (generic cell rate algorithm):
a limit of ``N`` requests per ``period`` admits bursts of up to ``N`` and then
one request every ``period / N``; a refusal says exactly how long to wait
(the ``Retry-After`` header). The Redis backend runs the algorithm in one Lua
script on Redis' own clock, so replicas with skewed clocks still share one
limit.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from redis.asyncio import Redis

__all__ = [
    "Decision",
    "MemoryRateLimiter",
    "Rate",
    "RateLimiter",
    "RedisRateLimiter",
    "open_rate_limiter",
    "parse_rate",
]

logger = logging.getLogger("firewall_proxy.api")

_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_RATE = re.compile(
    r"^\s*(\d+)\s*/\s*(\d+)?\s*(s|sec|second|m|min|minute|h|hour|d|day)s?\s*$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Rate:
    """``requests`` per ``period`` seconds."""

    requests: int
    period: float

    def __str__(self) -> str:
        return f"{self.requests}/{self.period:g}s"


def parse_rate(text: str) -> Rate:
    """``"600/minute"``, ``"20/s"``, ``"100/10s"`` -> :class:`Rate` (``ValueError`` otherwise)."""
    match = _RATE.match(text)
    if match is None:
        raise ValueError(f"not a rate: {text!r} (expected e.g. '600/minute', '20/s', '100/10s')")
    requests = int(match.group(1))
    count = int(match.group(2) or 1)
    if requests < 1 or count < 1:
        raise ValueError(f"not a rate: {text!r} (requests and period must be positive)")
    return Rate(requests, count * _UNITS[match.group(3)[0].lower()])


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of one :meth:`RateLimiter.hit`; ``retry_after`` in seconds when refused."""

    allowed: bool
    retry_after: float = 0.0

    @property
    def retry_after_header(self) -> str:
        # Retry-After takes whole seconds; rounding down would invite an early retry.
        return str(max(1, math.ceil(self.retry_after)))


@runtime_checkable
class RateLimiter(Protocol):
    """Counts requests per key against a :class:`Rate`."""

    async def hit(self, key: str, rate: Rate) -> Decision: ...

    async def aclose(self) -> None: ...


class MemoryRateLimiter:
    """GCRA state per key in this process (one replica, or limits per replica).

    ``max_keys`` bounds memory: the least recently used keys are forgotten
    first, which can only ever let a forgotten key start a fresh burst.
    """

    def __init__(self, *, max_keys: int = 100_000) -> None:
        self._tat: OrderedDict[str, float] = OrderedDict()
        self._max_keys = max_keys

    async def hit(self, key: str, rate: Rate) -> Decision:
        now = time.monotonic()
        interval = rate.period / rate.requests
        tat = max(self._tat.get(key, now), now)
        new_tat = tat + interval
        allow_at = new_tat - rate.period
        if now < allow_at:
            return Decision(False, allow_at - now)
        self._tat[key] = new_tat
        self._tat.move_to_end(key)
        while len(self._tat) > self._max_keys:
            self._tat.popitem(last=False)
        return Decision(True)

    async def aclose(self) -> None:
        self._tat.clear()


# KEYS[1] = state key; ARGV = interval_us, period_us. Returns {allowed, retry_after_us}.
_GCRA_LUA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local new_tat = tat + interval
local allow_at = new_tat - period
if now < allow_at then
  return {0, allow_at - now}
end
redis.call('SET', KEYS[1], new_tat, 'PX', math.ceil((new_tat - now) / 1000) + 1)
return {1, 0}
"""


class RedisRateLimiter:
    """GCRA in Redis: every replica pointing at the same Redis shares each key's limit.

    The connection opens on first use. When Redis is unreachable the request
    is admitted (fail-open, logged): an outage of the limiter must not take
    the firewall down with it.
    """

    def __init__(
        self, url: str, *, prefix: str = "firewall-proxy:rl:", client: Redis | None = None
    ) -> None:
        self.url = url
        self.prefix = prefix
        self._client = client
        self._script_sha: str | None = None

    def _redis(self) -> Redis:
        if self._client is None:
            from redis.asyncio import Redis

            self._client = Redis.from_url(self.url, socket_timeout=1.0, socket_connect_timeout=1.0)
        return self._client

    async def hit(self, key: str, rate: Rate) -> Decision:
        from redis.exceptions import NoScriptError, RedisError

        client = self._redis()
        interval_us = round(rate.period * 1_000_000 / rate.requests)
        args = (interval_us, round(rate.period * 1_000_000))
        name = self.prefix + key
        try:
            try:
                if self._script_sha is None:
                    self._script_sha = str(await client.script_load(_GCRA_LUA))
                result = await client.evalsha(self._script_sha, 1, name, *args)
            except NoScriptError:  # Redis restarted and lost its script cache
                self._script_sha = None
                result = await client.eval(_GCRA_LUA, 1, name, *args)
        except (RedisError, OSError) as exc:
            logger.warning(
                "rate limiter: Redis unavailable, admitting request: %s", type(exc).__name__
            )
            return Decision(True)
        allowed, wait_us = int(result[0]), int(result[1])
        return Decision(bool(allowed), wait_us / 1_000_000)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def open_rate_limiter(url: str | None, *, prefix: str = "firewall-proxy:rl:") -> RateLimiter:
    """The rate limit store for a URL: ``None``/``"memory"`` -> :class:`MemoryRateLimiter`,
    ``redis://…`` -> :class:`RedisRateLimiter`."""
    if not url or url == "memory":
        return MemoryRateLimiter()
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisRateLimiter(url, prefix=prefix)
    raise ValueError(f"rate limit store must be 'memory' or a redis:// URL, got {url!r}")

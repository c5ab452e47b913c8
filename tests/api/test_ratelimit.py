"""Per-key rate limits: GCRA in memory and in Redis (shared by replicas), 429 + Retry-After."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from redis.asyncio import Redis

from firewall_proxy.api import KeyStore, build_api_app, load_projects
from firewall_proxy.api.ratelimit import (
    MemoryRateLimiter,
    Rate,
    RateLimiter,
    RedisRateLimiter,
    open_rate_limiter,
    parse_rate,
)
from firewall_proxy.client import Firewall, FirewallRateLimited, Integration
from tests.api.conftest import Deployment
from tests.live import free_port, live_server

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
async def redis_prefix() -> AsyncIterator[str]:
    prefix = f"test-fp-rl:{secrets.token_hex(6)}:"
    yield prefix
    client = Redis.from_url(REDIS_URL)
    try:
        stale = [k async for k in client.scan_iter(match=prefix + "*")]
        if stale:
            await client.delete(*stale)
    finally:
        await client.aclose()


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("600/minute", Rate(600, 60.0)),
        ("20/s", Rate(20, 1.0)),
        ("100/10s", Rate(100, 10.0)),
        ("5 / 2 hours", Rate(5, 7200.0)),
        ("1/day", Rate(1, 86400.0)),
    ],
)
def test_parse_rate(text: str, rate: Rate) -> None:
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["fast", "0/s", "10/fortnight", "-1/s", "10/0s"])
def test_parse_rate_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a rate"):
        parse_rate(text)


async def _burst(limiter: RateLimiter, key: str, rate: Rate, n: int) -> list[bool]:
    return [(await limiter.hit(key, rate)).allowed for _ in range(n)]


async def test_memory_limiter_allows_a_burst_then_says_how_long_to_wait() -> None:
    limiter = MemoryRateLimiter()
    rate = Rate(3, 60.0)
    assert await _burst(limiter, "a", rate, 4) == [True, True, True, False]
    refused = await limiter.hit("a", rate)
    assert 0 < refused.retry_after <= 20.0 and refused.retry_after_header in {"19", "20"}
    assert (await limiter.hit("b", rate)).allowed  # keys are independent


async def test_redis_limiter_is_shared_between_instances(redis_prefix: str) -> None:
    rate = Rate(3, 60.0)
    one = open_rate_limiter(REDIS_URL, prefix=redis_prefix)
    two = RedisRateLimiter(REDIS_URL, prefix=redis_prefix)
    try:
        assert isinstance(one, RedisRateLimiter)
        assert await _burst(one, "k", rate, 2) == [True, True]
        assert await _burst(two, "k", rate, 2) == [True, False]
        refused = await one.hit("k", rate)
        assert not refused.allowed and 0 < refused.retry_after <= 20.0
        assert (await two.hit("other", rate)).allowed
    finally:
        await one.aclose()
        await two.aclose()


async def test_redis_outage_fails_open(caplog: pytest.LogCaptureFixture) -> None:
    limiter = RedisRateLimiter(f"redis://127.0.0.1:{free_port()}/0")
    try:
        assert (await limiter.hit("k", Rate(1, 60.0))).allowed
        assert (await limiter.hit("k", Rate(1, 60.0))).allowed
    finally:
        await limiter.aclose()
    assert "Redis unavailable" in caplog.text


def test_open_rate_limiter_rejects_unknown_stores() -> None:
    assert isinstance(open_rate_limiter(None), MemoryRateLimiter)
    with pytest.raises(ValueError, match="redis://"):
        open_rate_limiter("memcached://x")


def test_server_answers_429_with_retry_after_per_key(deployment: Deployment) -> None:
    limited = deployment.store.create("alpha", rate_limit="2/hour").secret
    endpoint = deployment.endpoint("alpha")
    codes = [
        httpx.post(endpoint, headers={"x-api-key": limited}, json={"prompt": "hi"}).status_code
        for _ in range(2)
    ]
    assert codes == [200, 200]
    r = httpx.post(endpoint, headers={"x-api-key": limited}, json={"prompt": "hi"})
    assert r.status_code == 429
    assert 1700 <= int(r.headers["retry-after"]) <= 1800
    assert r.json()["fail_category"] == "rate_limited"
    # another key of the same project has its own budget (alpha has no project limit)
    other = httpx.post(endpoint, headers={"x-api-key": deployment.alpha_key}, json={"prompt": "hi"})
    assert other.status_code == 200
    # the client gives up at once when the server asks for longer than max_retry_after
    with (
        Firewall(Integration(endpoint=endpoint, api_key=limited)) as fw,
        pytest.raises(FirewallRateLimited) as exc,
    ):
        fw.eval("hi")
    assert exc.value.retry_after is not None and exc.value.retry_after > 1000


def test_project_rate_limit_shared_by_two_replicas_through_redis(
    tmp_path: Path, projects_file: Path, redis_prefix: str
) -> None:
    beta = tmp_path / "beta.yaml"
    text = beta.read_text().replace("api: {compat: aiandme}", "api: {rate_limit: 3/minute}")
    beta.write_text(text, encoding="utf-8")
    keys_file = tmp_path / "shared.db"
    key = KeyStore(keys_file).create("beta").secret
    projects = load_projects(projects_file)

    def replica() -> object:
        return build_api_app(
            projects, KeyStore(keys_file), RedisRateLimiter(REDIS_URL, prefix=redis_prefix)
        )

    with live_server(replica()) as one, live_server(replica()) as two:
        codes = [
            httpx.post(
                f"{url}/firewall/beta", headers={"x-api-key": key}, json={"prompt": "hi"}
            ).status_code
            for url in (one, two, one, two)
        ]
    assert codes == [200, 200, 200, 429]


def test_policy_api_section_is_validated() -> None:
    from firewall_proxy._exceptions import PolicyError
    from firewall_proxy.policy.loader import load_policy_text

    policy = load_policy_text("version: 1\napi: {compat: aiandme, rate_limit: 20/10s}\n", "p.yaml")
    assert policy.api.compat == "aiandme"
    assert parse_rate(policy.api.rate_limit or "") == Rate(20, 10.0)
    assert load_policy_text("version: 1\n", "p.yaml").api.compat == "default"
    with pytest.raises(PolicyError, match="rate_limit"):
        load_policy_text("version: 1\napi: {rate_limit: fast}\n", "p.yaml")
    with pytest.raises(PolicyError, match="compat"):
        load_policy_text("version: 1\napi: {compat: lakera}\n", "p.yaml")

"""The verdict API: ``POST /firewall/{project_id}`` answers a verdict and lets the caller decide.

Flow position: a third way to enforce (next to the middleware and the proxy)::

    request ──► key (keys) ──► rate limit (ratelimit) ──► body -> Payload (payloads)
            ──► Engine.evaluate ──► answer (shapes)

``firewall-proxy serve --projects projects.yaml`` serves it; any Starlette or
FastAPI app can add :meth:`VerdictApi.routes`. Imports are lazy so that
``import firewall_proxy.api`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from firewall_proxy.api.app import VerdictApi, api_app_for_serve, build_api_app
    from firewall_proxy.api.keys import ApiKey, KeyStore, NewKey
    from firewall_proxy.api.projects import load_projects
    from firewall_proxy.api.ratelimit import (
        MemoryRateLimiter,
        RateLimiter,
        RedisRateLimiter,
        open_rate_limiter,
    )

__all__ = [
    "ApiKey",
    "KeyStore",
    "MemoryRateLimiter",
    "NewKey",
    "RateLimiter",
    "RedisRateLimiter",
    "VerdictApi",
    "api_app_for_serve",
    "build_api_app",
    "load_projects",
    "open_rate_limiter",
]

_WHERE = {
    "VerdictApi": "app",
    "build_api_app": "app",
    "api_app_for_serve": "app",
    "ApiKey": "keys",
    "KeyStore": "keys",
    "NewKey": "keys",
    "load_projects": "projects",
    "MemoryRateLimiter": "ratelimit",
    "RateLimiter": "ratelimit",
    "RedisRateLimiter": "ratelimit",
    "open_rate_limiter": "ratelimit",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'firewall_proxy.api' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"firewall_proxy.api.{module}"), name)

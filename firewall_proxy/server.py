"""The app ``firewall-proxy serve`` runs, and its typed configuration.

::

    client ──► Dispatcher ──► /firewall/*, /metrics ──► verdict API, dashboard, metrics
                   └────────► FirewallMiddleware ──► ProxyApp ──► upstream AI app

Configuration is one typed object (:class:`ServerConfig`), which the CLI fills
from its options and environment variables (prefix ``FIREWALL_PROXY_``), and
which uvicorn's worker processes rebuild from the environment (``app_from_env``).

Each policy file (``--policy``, and each ``--projects`` entry) sits in an
:class:`~firewall_proxy.reload.EngineSlot`; a :class:`~firewall_proxy.reload.PolicyReloader`
started with the app polls the files every ``policy_reload_interval`` seconds
and reloads them all on SIGHUP, in each worker process.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Any

import orjson

from firewall_proxy.enforce.asgi import ASGIApp, Receive, Scope, Send
from firewall_proxy.enforce.lifespan import run_lifespans
from firewall_proxy.enforce.middleware import FirewallMiddleware
from firewall_proxy.enforce.proxy import ProxyApp, UpstreamConfig
from firewall_proxy.enforce.responses import send_json
from firewall_proxy.events.model import EventSink, NullSink
from firewall_proxy.policy.loader import load_policy
from firewall_proxy.policy.models import Policy
from firewall_proxy.reload import EngineSlot, PolicyReloader, PolicyStatus

__all__ = ["ENV_PREFIX", "Dispatcher", "ServerConfig", "app_from_env", "build_app"]

ENV_PREFIX = "FIREWALL_PROXY_"


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """Everything ``serve`` needs. Field names map 1:1 to CLI options and env variables."""

    upstream: str
    policy: str
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 1
    connect_timeout: float = 5.0
    read_timeout: float = 120.0
    pool_size: int = 100
    events: str | None = None
    project: str = "default"
    projects: str | None = None
    keys_file: str = "firewall-keys.db"
    rate_limit_store: str | None = None
    admin_token: str | None = None
    metrics_path: str = "/metrics"
    policy_reload_interval: float = 1.0

    def to_env(self) -> dict[str, str]:
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                out[ENV_PREFIX + f.name.upper()] = str(value)
        return out

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> ServerConfig:
        env = dict(os.environ if environ is None else environ)
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is None:
                continue
            kind = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", "")
            if kind.startswith("int"):
                kwargs[f.name] = int(raw)
            elif kind.startswith("float"):
                kwargs[f.name] = float(raw)
            else:
                kwargs[f.name] = raw
        return cls(**kwargs)


class Dispatcher:
    """Routes ``/firewall/…`` (and other mounted prefixes) to admin apps, the rest to
    the guarded proxy. Lifespan events reach every app."""

    def __init__(
        self,
        default: ASGIApp,
        mounts: dict[str, ASGIApp] | None = None,
        *,
        lifespans: list[ASGIApp] | None = None,
    ) -> None:
        self.default = default
        self.mounts = sorted((mounts or {}).items(), key=lambda kv: -len(kv[0]))
        self.lifespans = lifespans or []  # apps that only take part in the lifespan

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(scope, receive, send)
            return
        path: str = scope.get("path", "")
        for prefix, app in self.mounts:
            if path == prefix or path.startswith(prefix.rstrip("/") + "/"):
                await app(scope, receive, send)
                return
        await self.default(scope, receive, send)

    async def _lifespan(self, scope: Scope, receive: Receive, send: Send) -> None:
        apps = [self.default, *(app for _, app in self.mounts), *self.lifespans]
        await run_lifespans(apps, scope, receive, send)


class Health:
    """``/firewall/health``: up, and the policies in force (name, file hash, last reload
    error). A failed reload leaves the old policy serving, so the status stays ``ok``."""

    def __init__(self, policies: list[PolicyStatus]) -> None:
        self.policies = policies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = orjson.dumps({"status": "ok", "policies": [p.to_dict() for p in self.policies]})
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"cache-control", b"no-store"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


async def _dashboard_off(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "http":
        message = "the dashboard is off: configure an admin token"
        await send_json(send, 404, {"error": {"code": "not_found", "message": message}})


def open_events(url: str | None, policy: Policy) -> EventSink:
    """The event sink for ``--events``: a store URL, ``none``, or (no URL) the default
    SQLite file ``./firewall-events.db``."""
    if url == "none":
        return NullSink()
    from firewall_proxy.events import open_sink

    return open_sink(url, policy.events)


def build_app(config: ServerConfig, *, events: EventSink | None = None) -> ASGIApp:
    """The complete ``serve`` app for ``config``."""
    from firewall_proxy.api import api_app_for_serve
    from firewall_proxy.dashboard import build_dashboard_app
    from firewall_proxy.events import open_store
    from firewall_proxy.metrics import Metrics, MetricsApp

    # The sink follows the policy's events settings at start; every engine a reload builds
    # writes to this same sink.
    sink = events if events is not None else open_events(config.events, load_policy(config.policy))
    slot = EngineSlot.from_file(config.policy, events=sink, project=config.project)
    # The verdict API: POST /firewall/{project}[/images], /firewall/openapi.json.
    api = api_app_for_serve(
        policy=slot,
        projects_file=config.projects,
        keys_file=config.keys_file,
        rate_limit_store=config.rate_limit_store,
        events=sink,
    )
    slots = list(dict.fromkeys([slot, *api.slots.values()]))
    reloader = PolicyReloader(slots, interval=config.policy_reload_interval, sighup=True)
    metrics = Metrics(events=sink, policies=[s.status for s in slots])
    proxy = ProxyApp(
        UpstreamConfig(
            url=config.upstream,
            connect_timeout=config.connect_timeout,
            read_timeout=config.read_timeout,
            pool_size=config.pool_size,
        ),
        metrics=metrics,
    )
    guarded = FirewallMiddleware(proxy, slot, metrics=metrics)
    mounts: dict[str, ASGIApp] = {
        "/firewall/health": Health([s.status for s in slots]),
        "/firewall": api,
    }
    if config.metrics_path not in ("", "none"):
        mounts[config.metrics_path] = MetricsApp(metrics)
    if config.admin_token:
        # The dashboard reads the store the sink writes to, on its own connection
        # (off without an admin token).
        mounts["/firewall/ui"] = build_dashboard_app(open_store(config.events), config.admin_token)
    else:
        # Off means 404, not the verdict API's answers for a project called "ui" (405/401).
        mounts["/firewall/ui"] = _dashboard_off
    return Dispatcher(guarded, mounts, lifespans=[reloader])


def app_from_env() -> ASGIApp:
    """uvicorn factory for worker processes: the config comes from ``FIREWALL_PROXY_*``."""
    return build_app(ServerConfig.from_env())

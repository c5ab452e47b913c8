"""``firewall-proxy serve``: the reverse proxy on uvicorn."""

from __future__ import annotations

import asyncio
import copy
import os
import signal
import sys
from pathlib import Path
from typing import Any

import click

from firewall_proxy._exceptions import FirewallProxyError
from firewall_proxy.server import ServerConfig, build_app

__all__ = ["serve"]


@click.command()
@click.option(
    "--upstream",
    metavar="URL",
    help="Base URL of the AI app to protect, e.g. http://127.0.0.1:8000.",
)
@click.option(
    "--policy",
    default="policies/default.yaml",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Policy file to enforce.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes (each with its own upstream pool).",
)
@click.option(
    "--connect-timeout",
    default=5.0,
    show_default=True,
    type=float,
    help="Seconds to wait for a connection to the upstream (then 502/504).",
)
@click.option(
    "--read-timeout",
    default=120.0,
    show_default=True,
    type=float,
    help="Seconds to wait for each read from the upstream (then 504).",
)
@click.option(
    "--pool-size",
    default=100,
    show_default=True,
    type=int,
    help="Maximum open connections to the upstream per worker.",
)
@click.option(
    "--events",
    "events_url",
    default=None,
    metavar="URL",
    help="Event store: sqlite:///path.db, postgresql://..., or 'none' "
    "(default: ./firewall-events.db).",
)
@click.option(
    "--projects",
    default=None,
    type=click.Path(dir_okay=False, exists=True),
    help="Verdict API projects file (project id -> policy file); default: the --policy "
    "file is project 'default'.",
)
@click.option(
    "--keys-file",
    default="firewall-keys.db",
    show_default=True,
    help="Verdict API key store (manage it with `firewall-proxy keys`).",
)
@click.option(
    "--rate-limit-store",
    default=None,
    metavar="memory|redis://…",
    help="Where per-key rate limits are counted (a redis:// URL shares them across replicas).",
)
@click.option(
    "--admin-token",
    default=None,
    metavar="TOKEN",
    help="Turns on the dashboard at /firewall/ui, behind this token (better: set "
    "FIREWALL_PROXY_SERVE_ADMIN_TOKEN, so it is not in the process list).",
)
@click.option(
    "--metrics-path",
    default="/metrics",
    show_default=True,
    help="Where Prometheus metrics are served ('none' to turn them off).",
)
@click.option(
    "--project", default="default", show_default=True, help="Project name recorded with events."
)
@click.option(
    "--policy-reload-interval",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0),
    metavar="SECONDS",
    help="How often the policy files are checked for changes (0: never; SIGHUP always "
    "reloads). A broken file keeps the old policy in force.",
)
@click.option(
    "--demo",
    is_flag=True,
    help="Also start the bundled demo AI app and protect it (upstream = the demo).",
)
@click.option(
    "--demo-port",
    default=8001,
    show_default=True,
    type=int,
    help="Port of the demo app with --demo.",
)
@click.option(
    "--access-log/--no-access-log",
    default=False,
    show_default=True,
    help="Log one line per request (method, path, status; never bodies).",
)
@click.option(
    "--trust-forwarded",
    default=None,
    metavar="IPS",
    help="Comma-separated addresses of load balancers whose X-Forwarded-For is "
    "trusted for the client address (default: trust none).",
)
def serve(
    upstream: str | None,
    policy: str,
    host: str,
    port: int,
    workers: int,
    connect_timeout: float,
    read_timeout: float,
    pool_size: int,
    events_url: str | None,
    projects: str | None,
    keys_file: str,
    rate_limit_store: str | None,
    admin_token: str | None,
    metrics_path: str,
    project: str,
    policy_reload_interval: float,
    demo: bool,
    demo_port: int,
    access_log: bool,
    trust_forwarded: str | None,
) -> None:
    """Run the firewall as a reverse proxy in front of UPSTREAM.

    Requests on the policy's routes are inspected and passed, flagged,
    imputed or blocked; everything else is forwarded as is (or refused, if the
    policy says unmatched_routes: block). Responses, including SSE streams, are
    streamed back unbuffered.
    """
    import uvicorn

    if demo:
        upstream = upstream or f"http://127.0.0.1:{demo_port}"
        workers = 1  # the demo app lives in this process
    if not upstream:
        raise click.UsageError("give --upstream URL (or --demo to run the bundled demo app)")
    if not Path(policy).is_file():
        raise click.BadParameter(f"policy file not found: {policy}", param_hint="--policy")
    config = ServerConfig(
        upstream=upstream,
        policy=policy,
        host=host,
        port=port,
        workers=workers,
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        pool_size=pool_size,
        events=events_url,
        project=project,
        projects=projects,
        keys_file=keys_file,
        rate_limit_store=rate_limit_store,
        admin_token=admin_token,
        metrics_path=metrics_path,
        policy_reload_interval=policy_reload_interval,
    )
    try:
        app = build_app(config)
    except FirewallProxyError as exc:  # policy, projects file or event store problems
        click.echo(str(exc), err=True)
        sys.exit(2)
    common: dict[str, Any] = {
        "host": host,
        "port": port,
        "access_log": access_log,
        "server_header": False,
        "log_level": "info",
        "proxy_headers": trust_forwarded is not None,
        "forwarded_allow_ips": trust_forwarded,
        "log_config": _log_config(),
    }
    if workers > 1:
        os.environ.update(config.to_env())
        _run_workers(workers, common)
        return
    if not demo:
        uvicorn.run(app, **common)
        return

    from firewall_proxy.demo import create_demo_app

    click.echo(
        f"demo AI app on http://127.0.0.1:{demo_port}; firewall on http://{host}:{port}"
        f" (try: curl -s http://{host}:{port}/v1/chat/completions -H 'content-type: "
        'application/json\' -d \'{"messages":[{"role":"user","content":"hi"}]}\')',
        err=True,
    )

    async def run_both() -> None:
        demo_server = uvicorn.Server(
            uvicorn.Config(
                create_demo_app(),
                host="127.0.0.1",
                port=demo_port,
                access_log=False,
                log_level="warning",
            )
        )
        proxy_server = uvicorn.Server(uvicorn.Config(app, **common))
        demo_task = asyncio.create_task(demo_server.serve())
        try:
            await proxy_server.serve()
        finally:
            demo_server.should_exit = True
            await demo_task

    asyncio.run(run_both())


def _log_config() -> dict[str, Any]:
    """uvicorn's logging setup plus the firewall's own loggers, in the same format.

    Without it only WARNING and up of ``firewall_proxy.*`` (policy reloads,
    event store outages, upstream faults) reach stderr, and without a level.
    """
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["firewall_proxy"] = {
        "handlers": ["default"],
        "level": "INFO",
        "propagate": False,
    }
    return config


def _run_workers(workers: int, options: dict[str, Any]) -> None:
    """uvicorn's multi-process supervisor, except that SIGHUP reloads the policies.

    uvicorn's own supervisor answers SIGHUP by replacing every worker, which
    reloads models from scratch and, with a broken policy file, leaves the
    error in a dead child instead of on ``/metrics``. Here the parent passes
    SIGHUP on to each worker, which reloads in place (each worker handles its
    own SIGHUP: see :mod:`firewall_proxy.reload`).
    """
    import uvicorn
    from uvicorn.supervisors.multiprocess import Multiprocess

    class ReloadingSupervisor(Multiprocess):
        def handle_hup(self) -> None:
            for process in self.processes:
                if process.pid is not None and process.process.is_alive():
                    os.kill(process.pid, signal.SIGHUP)

    config = uvicorn.Config(
        "firewall_proxy.server:app_from_env", factory=True, workers=workers, **options
    )
    sock = config.bind_socket()
    ReloadingSupervisor(config, sockets=[sock]).run()

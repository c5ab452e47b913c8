"""``firewall-proxy``: the command-line entry point.

Subcommands live in their own modules and are imported only when invoked
(``LAZY_COMMANDS``), so ``firewall-proxy --help`` stays fast and ``policy
check`` never loads a model. Every option can also be set from the
environment with the ``FIREWALL_PROXY_`` prefix (e.g. ``FIREWALL_PROXY_SERVE_PORT``).
"""

from __future__ import annotations

import importlib
from typing import Any

import click

__all__ = ["LAZY_COMMANDS", "main"]

LAZY_COMMANDS: dict[str, str] = {
    "serve": "firewall_proxy.cli.serve:serve",
    "policy": "firewall_proxy.cli.policy:policy",
    "scan": "firewall_proxy.cli.scan:scan",
    "test": "firewall_proxy.cli.batch:test",
    "events": "firewall_proxy.cli.events:events",
    "keys": "firewall_proxy.cli.keys:keys",
    "fit": "firewall_proxy.cli.fit:fit",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = LAZY_COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, _, attr = target.partition(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(
    cls=_LazyGroup,
    context_settings={
        "help_option_names": ["-h", "--help"],
        "auto_envvar_prefix": "FIREWALL_PROXY",
    },
)
@click.version_option(package_name="firewall-proxy")
def cli() -> None:
    """firewall-proxy: an AI firewall in front of LLM and image-model apps.

    It inspects every inbound prompt or image with the evaluators a policy file
    names and passes, flags, imputes (corrects) or blocks the request.
    """


def main(argv: list[str] | None = None) -> Any:
    return cli.main(args=argv, prog_name="firewall-proxy")

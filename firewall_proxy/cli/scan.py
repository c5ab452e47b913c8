"""``firewall-proxy scan``: the verdict for one prompt, as JSON."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import IO

import click

from firewall_proxy._exceptions import PolicyError
from firewall_proxy.engine import Engine

__all__ = ["scan"]


@click.command()
@click.option(
    "--policy",
    default="policies/default.yaml",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Policy file whose evaluators and rules apply.",
)
@click.argument("text", required=False)
@click.option(
    "--file",
    "file_",
    type=click.File("r", encoding="utf-8"),
    help="Read the prompt from a file ('-' for standard input).",
)
@click.option(
    "--context", default=None, help="The previous assistant turn (context for the prompt)."
)
@click.option(
    "--exit-code", is_flag=True, help="Exit 1 when the action is not 'pass' (for scripts)."
)
def scan(
    policy: str,
    text: str | None,
    file_: IO[str] | None,
    context: str | None,
    exit_code: bool,
) -> None:
    """Evaluate one prompt (TEXT, or --file) and print the verdict JSON:
    action, categories, scores, explanation and latency."""
    if text is None and file_ is None:
        raise click.UsageError("give the prompt as TEXT or with --file")
    prompt = text if text is not None else file_.read() if file_ is not None else ""
    try:
        engine = Engine.from_file(policy)
        engine.load()
    except PolicyError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)

    async def run() -> dict[str, object]:
        try:
            return (await engine.scan_text(prompt, context=context)).to_dict()
        finally:
            await engine.aclose()

    result = asyncio.run(run())
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    if exit_code and result["action"] != "pass":
        sys.exit(1)

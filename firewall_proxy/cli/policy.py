"""``firewall-proxy policy check|schema``."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from firewall_proxy._exceptions import PolicyError
from firewall_proxy.policy.loader import load_policy
from firewall_proxy.policy.models import Policy

__all__ = ["policy", "policy_schema"]


@click.group()
def policy() -> None:
    """Check policy files and print their JSON Schema."""


@policy.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def check(files: tuple[str, ...]) -> None:
    """Validate policy FILES; print every problem as file:line: field: message.

    Exits 1 when any file has a problem, 0 when all are valid.
    """
    failed = False
    for path in files:
        try:
            pol = load_policy(path)
        except PolicyError as exc:
            failed = True
            if exc.issues:
                for issue in exc.issues:
                    click.echo(str(issue), err=True)
            else:
                click.echo(str(exc), err=True)
            continue
        names = ", ".join(e.name for e in pol.evaluators) or "none"
        click.echo(
            f"{path}: ok ({len(pol.routes)} routes, evaluators: {names}, "
            f"{len(pol.rules)} rules, mode {pol.mode.value})"
        )
    sys.exit(1 if failed else 0)


def policy_schema() -> dict[str, Any]:
    """The policy JSON Schema, with each built-in evaluator's options spelled out."""
    from firewall_proxy.evaluate.registry import BUILTIN_EVALUATORS, resolve_evaluator

    schema = Policy.model_json_schema()
    variants = []
    for name in sorted(BUILTIN_EVALUATORS):
        try:
            options = resolve_evaluator(name).Options.model_json_schema()
        except PolicyError:  # an optional dependency is missing: leave it generic
            continue
        variants.append(
            {
                "if": {"properties": {"name": {"const": name}}, "required": ["name"]},
                "then": {"properties": {"options": options}},
            }
        )
    evaluator = schema.get("$defs", {}).get("EvaluatorConfig")
    if evaluator is not None and variants:
        evaluator["allOf"] = variants
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


@policy.command("schema")
def schema() -> None:
    """Print the JSON Schema of policy files (for editors and CI validation)."""
    click.echo(json.dumps(policy_schema(), indent=2))

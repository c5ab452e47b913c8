"""``firewall-proxy test``: run a policy over data files and summarise the verdicts."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import IO, Any

import click

from firewall_proxy._exceptions import MalformedPayload, PolicyError
from firewall_proxy.batch import BatchSummary, iter_jsonl, run_row
from firewall_proxy.engine import Engine

__all__ = ["test"]


def _count_lines(paths: tuple[str, ...]) -> int:
    total = 0
    for path in paths:
        with open(path, "rb") as fh:
            total += sum(1 for line in fh if line.strip())
    return total


@click.command("test")
@click.option(
    "--policy",
    default="policies/default.yaml",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Policy file to evaluate with.",
)
@click.option(
    "--data",
    "data",
    multiple=True,
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="JSONL data file (repeatable). One JSON object per line.",
)
@click.option(
    "--verdicts",
    type=click.File("w", encoding="utf-8"),
    default=None,
    help="Write one verdict JSON per input row, in input order.",
)
@click.option(
    "--text-field",
    default="text",
    show_default=True,
    help="Field that holds the prompt in text rows.",
)
@click.option(
    "--label-field",
    default="label",
    show_default=True,
    help="Field with an expected label, summarised per label when present.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar (default: only when standard error is a terminal).",
)
def test(
    policy: str,
    data: tuple[str, ...],
    verdicts: IO[str] | None,
    text_field: str,
    label_field: str,
    progress: bool | None,
) -> None:
    """Evaluate every row of the --data files with a policy, as live traffic would be,
    and print a summary table of actions and categories."""
    try:
        engine = Engine.from_file(policy)
        engine.load()
    except PolicyError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    show = sys.stderr.isatty() if progress is None else progress
    summary = BatchSummary()

    async def run() -> None:
        total = _count_lines(data) if show else 0
        with (
            click.progressbar(
                length=total, label="evaluating", file=sys.stderr, show_eta=True, show_pos=True
            )
            if show
            else _NoBar() as bar
        ):
            for path in data:
                for n, row, error in iter_jsonl(path):
                    out: dict[str, Any]
                    if row is None:
                        summary.errors += 1
                        out = {"source": path, "line": n, "error": error}
                    else:
                        try:
                            verdict = await run_row(engine, row, text_field)
                        except MalformedPayload as exc:
                            summary.errors += 1
                            out = {
                                "source": path,
                                "line": n,
                                "error": f"line {n}: {exc.message}",
                                "field": exc.field,
                            }
                        else:
                            label = row.get(label_field)
                            summary.add(verdict, str(label) if label is not None else None)
                            out = {"source": path, "line": n, **verdict.to_dict()}
                    if verdicts is not None:
                        verdicts.write(json.dumps(out, ensure_ascii=False) + "\n")
                    bar.update(1)
        await engine.aclose()

    asyncio.run(run())
    click.echo(summary.table())


class _NoBar:
    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        return None

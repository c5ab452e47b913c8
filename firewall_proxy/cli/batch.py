"""``firewall-proxy test``: run a policy over data sets and traffic logs, report, gate.

Flow position: the CLI face of :mod:`firewall_proxy.batch` — sources ->
runner (N processes) -> collector -> table / ``--json`` / ``--report`` /
``--verdicts`` -> ``--fail-under`` exit code. Exit codes: 0 all gates pass,
1 a gate failed, 2 bad usage, policy, data or baseline.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

import click
import orjson

from firewall_proxy._exceptions import BatchError, PolicyError
from firewall_proxy.batch.bins import BIN_WIDTHS, BinWidth, DriftThresholds
from firewall_proxy.batch.columns import DEFAULT_NEGATIVES, Columns
from firewall_proxy.batch.gates import Gate, check_gates, parse_gate
from firewall_proxy.batch.html import render_html
from firewall_proxy.batch.report import Collector, load_baseline
from firewall_proxy.batch.runner import default_workers, run_records
from firewall_proxy.batch.sources import Record, SourceKind, count_records, detect_kind, iter_source
from firewall_proxy.batch.table import render_table
from firewall_proxy.policy.loader import load_policy

__all__ = ["test"]

_ACTIONS = ("pass", "flag", "impute", "block")


def _gates(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[Gate]:
    try:
        return [parse_gate(v) for v in values]
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _pairs(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    out = []
    for v in values:
        src, sep, dst = v.partition("=")
        if not sep or not src.strip() or not dst.strip():
            raise click.BadParameter(f"{v!r}: expected RAW=CATEGORY, e.g. safe=benign")
        out.append((src.strip().lower(), dst.strip().lower()))
    return tuple(out)


def _detect(ctx: click.Context, param: click.Parameter, value: str) -> frozenset[str]:
    actions = frozenset(a.strip().lower() for a in value.split(",") if a.strip())
    bad = actions - set(_ACTIONS[1:])
    if not actions or bad:
        raise click.BadParameter("a comma-separated subset of flag,impute,block")
    return actions


def _thresholds(ctx: click.Context, param: click.Parameter, value: str) -> DriftThresholds:
    try:
        return DriftThresholds.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


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
    type=click.Path(exists=True),
    help="Data to evaluate (repeatable): JSONL, CSV/TSV, a JSON list, a folder of "
    "images, or an events export.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "jsonl", "csv", "json", "images"]),
    default="auto",
    show_default=True,
    help="Reader for every --data (auto: by suffix).",
)
@click.option(
    "--verdicts",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write one verdict JSON per input row, in input order.",
)
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write the full report (every figure) as JSON; usable as a later --baseline.",
)
@click.option(
    "--report",
    "html_out",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write a self-contained HTML report with charts (opens offline).",
)
@click.option(
    "--text-field",
    "--text-column",
    "text_field",
    default="text",
    show_default=True,
    help="Field or CSV column that holds the prompt.",
)
@click.option(
    "--context-column",
    default="context",
    show_default=True,
    help="Field with the previous assistant turn (context), if any.",
)
@click.option(
    "--label-field",
    "--label-column",
    "label_field",
    default="label",
    show_default=True,
    help="Field with the expected class (injection, jailbreak, harmful, benign, ...).",
)
@click.option(
    "--category-column",
    default="category",
    show_default=True,
    help="Field with an expected category, used when the label field is absent.",
)
@click.option(
    "--expected-action-column",
    default="expected_action",
    show_default=True,
    help="Field with the expected action (pass, flag, impute, block).",
)
@click.option(
    "--time-column",
    default=None,
    help="Field with the row's time (epoch s/ms or ISO 8601). Default: the first of "
    "timestamp, time, ts, created_at, date, datetime.",
)
@click.option(
    "--image-column",
    default="image_path",
    show_default=True,
    help="Field with an image path in CSV/JSON rows.",
)
@click.option(
    "--image-properties/--no-image-properties",
    default=True,
    show_default=True,
    help="Measure every property of every image (brightness, contrast, sharpness, ...) for "
    "drift; costs a second decode per image.",
)
@click.option("--delimiter", default=None, help="CSV delimiter (default: ',' or tab for .tsv).")
@click.option(
    "--label-map",
    multiple=True,
    callback=_pairs,
    metavar="RAW=CATEGORY",
    help="Rename a label value (repeatable), e.g. safe=benign, prompt_injection=injection.",
)
@click.option(
    "--negative-label",
    multiple=True,
    metavar="VALUE",
    help="Label values meaning 'benign' (repeatable; replaces the default set: "
    + ", ".join(sorted(DEFAULT_NEGATIVES))
    + ").",
)
@click.option(
    "--detect",
    default="flag,impute,block",
    show_default=True,
    callback=_detect,
    help="Actions that count as 'detected' for precision/recall.",
)
@click.option(
    "--bin",
    "bin_width",
    type=click.Choice(BIN_WIDTHS),
    default=None,
    help="Time bin width (default: chosen from the span of the timestamps).",
)
@click.option(
    "--baseline",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="A previous run's --json report: the reference profile for drift.",
)
@click.option(
    "--drift-thresholds",
    default="2,3,4",
    show_default=True,
    callback=_thresholds,
    help="Deviation in standard deviations for low,medium,high drift.",
)
@click.option(
    "--fail-under",
    "gates",
    multiple=True,
    callback=_gates,
    metavar="METRIC=VALUE",
    help="CI gate (repeatable), e.g. recall:injection=0.9 (a minimum) or fpr=0.01 "
    "(a maximum for lower-is-better metrics); exit code 1 if any fails.",
)
@click.option(
    "--workers",
    default=0,
    type=click.IntRange(0),
    show_default=True,
    help="Worker processes (0: all cores for 2,000+ rows, else 1).",
)
@click.option(
    "--worst",
    default=10,
    show_default=True,
    type=click.IntRange(0, 1000),
    help="How many worst misses and false alarms to keep.",
)
@click.option(
    "--seed", default=0, show_default=True, help="Seed for sampling among equally bad rows."
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar with ETA (default: only when standard error is a terminal).",
)
def test(
    policy: str,
    data: tuple[str, ...],
    fmt: str,
    verdicts: str | None,
    json_out: str | None,
    html_out: str | None,
    text_field: str,
    context_column: str,
    label_field: str,
    category_column: str,
    expected_action_column: str,
    time_column: str | None,
    image_column: str,
    image_properties: bool,
    delimiter: str | None,
    label_map: tuple[tuple[str, str], ...],
    negative_label: tuple[str, ...],
    detect: frozenset[str],
    bin_width: BinWidth | None,
    baseline: str | None,
    drift_thresholds: DriftThresholds,
    gates: list[Gate],
    workers: int,
    worst: int,
    seed: int,
    progress: bool | None,
) -> None:
    """Evaluate every row of the --data sets with a policy, as live traffic would be,
    and report what it would have done: actions and categories; with labels,
    precision/recall/F1/FPR and the worst misses; with timestamps, rates per
    time bin and drift against a baseline. --fail-under makes it a CI gate."""
    try:
        pol = load_policy(policy)
        base = load_baseline(baseline) if baseline else None
    except PolicyError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    except (OSError, ValueError) as exc:
        click.echo(f"--baseline: {exc}", err=True)
        sys.exit(2)
    cols = Columns(
        text=text_field,
        context=context_column,
        label=label_field,
        expected_action=expected_action_column,
        category=category_column,
        time=time_column,
        image=image_column,
        label_map=label_map,
        negatives=frozenset(v.lower() for v in negative_label) or DEFAULT_NEGATIVES,
        detect=detect,
        worst=worst,
        seed=seed,
        image_properties=image_properties,
        verdicts=verdicts is not None,
    )
    kinds: list[SourceKind] = [
        detect_kind(p) if fmt == "auto" else cast(SourceKind, fmt) for p in data
    ]
    show = sys.stderr.isatty() if progress is None else progress
    total = (
        sum(count_records(p, k) for p, k in zip(data, kinds, strict=True))
        if (show or not workers)
        else 0
    )
    n_workers = workers or default_workers(total)
    collector = Collector(detect, bin_width=bin_width, worst=worst, seed=seed)

    def records() -> Iterator[Record]:
        for path, kind in zip(data, kinds, strict=True):
            yield from iter_source(path, kind, delimiter)

    start = time.perf_counter()
    try:
        with contextlib.ExitStack() as stack:
            out: IO[str] | None = (
                stack.enter_context(open(verdicts, "w", encoding="utf-8")) if verdicts else None
            )
            bar: Any = (
                stack.enter_context(
                    click.progressbar(
                        length=total,
                        label="evaluating",
                        file=sys.stderr,
                        show_eta=True,
                        show_pos=True,
                    )
                )
                if show
                else None
            )
            done = 0
            for result in run_records(
                pol, records(), cols, workers=n_workers, chunk_size=16 if "images" in kinds else 128
            ):
                collector.add(result)
                if out is not None and result.verdict_line is not None:
                    out.write(result.verdict_line + "\n")
                done += 1
                if bar is not None and done % 50 == 0:  # redrawing per row costs more than a row
                    bar.update(50)
            if bar is not None:
                bar.update(done % 50)
    except (BatchError, PolicyError, OSError, UnicodeDecodeError) as exc:
        click.echo(f"firewall-proxy test: {exc}", err=True)
        sys.exit(2)
    duration = time.perf_counter() - start
    processed = collector.overall.rows + collector.overall.errors
    report = collector.report(
        meta={
            "policy": {"path": policy, "name": pol.name},
            "data": [{"path": p, "kind": k} for p, k in zip(data, kinds, strict=True)],
            "settings": {
                "detect": sorted(detect),
                "bin": bin_width,
                "baseline": baseline,
                "workers": n_workers,
                "label_field": label_field,
                "negatives": sorted(cols.negatives),
                "label_map": dict(label_map),
            },
            "duration_s": duration,
            "rows_per_s": processed / duration if duration > 0 else None,
        },
        baseline=base,
        baseline_name=baseline,
        thresholds=drift_thresholds,
    )
    results = check_gates(report, gates)
    report["gates"] = [r.to_dict() for r in results]
    click.echo(render_table(report))
    try:
        if json_out:
            Path(json_out).write_bytes(orjson.dumps(report, option=orjson.OPT_INDENT_2) + b"\n")
        if html_out:
            Path(html_out).write_text(render_html(report), encoding="utf-8")
    except OSError as exc:
        click.echo(f"firewall-proxy test: cannot write the report: {exc}", err=True)
        sys.exit(2)
    failed = [r for r in results if not r.passed]
    if failed:
        click.echo("\n".join(f"gate failed: {r.gate}: {r.reason}" for r in failed), err=True)
        sys.exit(1)

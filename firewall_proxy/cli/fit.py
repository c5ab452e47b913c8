"""``firewall-proxy fit``: learn policies from reference data.

``fit images`` measures every reference image (in parallel, in sorted file
order), learns each property's normal range and writes the rules file the
``image_quality`` / ``prediction`` evaluators load. The output is
deterministic: the same images give byte-identical JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

__all__ = ["fit", "read_predictions"]


@click.group()
def fit() -> None:
    """Fit policies (rules files) from reference data."""


def read_predictions(path: Path) -> dict[str, list[float]]:
    """``{"file": [p, ...]}`` JSON, or JSON Lines of ``{"file"|"image_path", "probabilities"}``."""
    text = path.read_text(encoding="utf-8")
    out: dict[str, list[float]] = {}
    try:
        doc: Any = json.loads(text)
        rows = (
            [{"file": k, "probabilities": v} for k, v in doc.items()]
            if isinstance(doc, dict)
            else doc
        )
    except json.JSONDecodeError:
        rows = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise click.BadParameter(
                        f"{path}:{n}: invalid JSON ({exc.msg})", param_hint="--predictions"
                    ) from exc
    if not isinstance(rows, list):
        raise click.BadParameter(
            f"{path}: expected an object or JSON Lines", param_hint="--predictions"
        )
    for n, row in enumerate(rows, 1):
        name = row.get("file", row.get("image_path")) if isinstance(row, dict) else None
        probs = row.get("probabilities") if isinstance(row, dict) else None
        if (
            not isinstance(name, str)
            or not isinstance(probs, list)
            or not all(isinstance(p, int | float) and not isinstance(p, bool) for p in probs)
        ):
            raise click.BadParameter(
                f"{path}: entry {n} needs 'file' and a list of numbers 'probabilities'",
                param_hint="--predictions",
            )
        out[name] = [float(p) for p in probs]
    return out


@fit.command("images")
@click.option(
    "--reference",
    "reference",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Directory of reference images (searched recursively).",
)
@click.option(
    "--predictions",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The model's probabilities on the reference images (JSON or JSON Lines).",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the rules file (JSON).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Decoding processes (default: up to 4).",
)
@click.option(
    "--target-fpr",
    type=click.FloatRange(0.0, 0.5),
    default=0.02,
    show_default=True,
    help="Share of held-out reference images all rules together may flag.",
)
def images(
    reference: Path, predictions: Path | None, out: Path, workers: int | None, target_fpr: float
) -> None:
    """Learn image property rules from the images in REFERENCE."""
    from firewall_proxy.images.fitting import (
        fit_rules,
        list_images,
        measure_files,
        measure_synthetic,
    )

    start = time.perf_counter()
    paths = list_images(reference)
    if not paths:
        raise click.UsageError(f"no images found under {reference}")
    if sys.stderr.isatty():
        with click.progressbar(length=len(paths), label="measuring", file=sys.stderr) as bar:
            measured = measure_files(paths, workers=workers, progress=bar.update)
        with click.progressbar(
            length=min(len(paths), 40), label="calibrating", file=sys.stderr
        ) as bar:
            synthetic = measure_synthetic(paths, workers=workers, progress=bar.update)
    else:
        measured = measure_files(paths, workers=workers)
        synthetic = measure_synthetic(paths, workers=workers)
    rows: list[dict[str, Any]] = []
    names: list[str] = []
    for path, result in zip(paths, measured, strict=True):
        if isinstance(result, str):
            click.echo(f"skipped {path.relative_to(reference)}: {result}", err=True)
        else:
            rows.append(result)
            names.append(path.relative_to(reference).as_posix())
    probs: list[list[float]] | None = None
    if predictions is not None:
        table = read_predictions(predictions)
        probs = []
        for name in names:
            p = table.get(name, table.get(Path(name).name))
            if p is not None:
                probs.append(p)
        if not probs:
            raise click.UsageError(f"{predictions}: no entry matches a reference image name")
    try:
        ruleset = fit_rules(
            rows, probs, target_fpr=target_fpr, skipped=len(paths) - len(rows), synthetic=synthetic
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(ruleset.dumps(), encoding="utf-8")
    bounded = sum(1 for r in ruleset.rules if r.bounds is not None)
    click.echo(
        f"fitted {bounded} property rules on {len(rows)} images "
        f"({len(paths) - len(rows)} skipped) in {time.perf_counter() - start:.1f}s "
        f"-> {out}",
        err=True,
    )

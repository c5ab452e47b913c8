"""Calibrate the phrase signals: write ``signals_calibration.json`` into the package.

    .venv/bin/python -m training.calibrate_signals [--out PATH]

With ``detectors: [signals]`` (the default policy) the ``prompt_attacks``
evaluator has no trained model to weigh its phrase families, yet its score must
mean something: 0.9 should be right about nine times in ten. For each head

- ``attack``: injection ∪ jailbreak prompts against everything else, counting
  the injection and jailbreak families a prompt matched;
- ``harmful``: harmful against benign prompts, counting the harmful families;

this measures the share of attacks among the labelled prompts that matched one,
two, or three or more distinct families (on any normalised view, exactly as at
run time), with add-one smoothing. That share *at the data's own mix* of
attacks and benign prompts is what "calibrated on the evaluation data" means.
Exact duplicates (after normalisation) are counted once. The artifact is a few
hundred bytes of JSON; the same command rewrites it byte for byte.

Why counts, not a weight per family: a per-family logistic regression, scored
leave-one-source-out, fell from 0.547 to 0.429 injection ∪ jailbreak recall at
0.5, because a family seen mostly in one source is under-weighted whenever that
source is the new one; the share per count held (``bench/detection.py``).

``bench/detection.py`` reuses :func:`family_matrix` and :func:`fit_calibration`
to score each data source with a calibration fitted *without* that source.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from firewall_proxy.evaluate.attacks.signals import (
    FAMILIES,
    SignalCalibration,
    default_calibration_path,
    find_signals,
    word_set,
)
from firewall_proxy.evaluate.normalize import normalize
from training.data import ATTACK_LABELS, Row, load_rows, role_of

__all__ = ["family_matrix", "fit_calibration", "main"]


def family_matrix(rows: Sequence[Row]) -> tuple[npt.NDArray[np.float64], list[str]]:
    """0/1 per family matched on any view of each row, and each row's folded text."""
    names = [f.name for f in FAMILIES]
    out = np.zeros((len(rows), len(FAMILIES)))
    folded: list[str] = []
    for i, row in enumerate(rows):
        nt = normalize(row.text)
        folded.append(nt.text)
        for _, view in nt.labelled_views():
            for hit in find_signals(view, word_set(view), role=role_of(row.source)):
                out[i, names.index(hit.family.name)] = 1.0
    return out, folded


def _shares(counts: npt.NDArray[np.float64], y: npt.NDArray[np.bool_]) -> list[float]:
    """Smoothed share of positives among rows with 1, 2 and >= 3 families, made
    non-decreasing: more independent evidence never lowers the score (a dip comes
    from a handful of rows: harmful prompts rarely match three families)."""
    out: list[float] = []
    for lo, hi in ((1, 1), (2, 2), (3, 10**6)):
        m = (counts >= lo) & (counts <= hi)
        share = round(float((y[m].sum() + 1) / (m.sum() + 2)), 4)
        out.append(max([share, *out]))
    return out


def fit_calibration(
    matrix: npt.NDArray[np.float64],
    folded: Sequence[str],
    rows: Sequence[Row],
    train: npt.NDArray[np.int_],
) -> SignalCalibration:
    """Both heads measured on rows ``train`` (exact duplicates counted once)."""
    seen: set[str] = set()
    keep = []
    for i in train.tolist():
        if folded[i] not in seen:
            seen.add(folded[i])
            keep.append(i)
    idx = np.asarray(keep, dtype=int)
    labels = np.asarray([rows[i].label for i in idx])
    harmful_family = np.asarray([f.category == "harmful" for f in FAMILIES])
    attack_n = matrix[idx][:, ~harmful_family].sum(axis=1)
    harmful_n = matrix[idx][:, harmful_family].sum(axis=1)
    use = (labels == "harmful") | (labels == "benign")
    a1, a2, a3 = _shares(attack_n, np.isin(labels, list(ATTACK_LABELS)))
    h1, h2, h3 = _shares(harmful_n[use], labels[use] == "harmful")
    return SignalCalibration({"attack": (a1, a2, a3), "harmful": (h1, h2, h3)})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=default_calibration_path())
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    rows = load_rows()
    matrix, folded = family_matrix(rows)
    cal = fit_calibration(matrix, folded, rows, np.arange(len(rows)))
    meta = {
        "command": "python -m training.calibrate_signals",
        "rows": len(rows),
        "unique_rows": len(set(folded)),
        "sources": sorted({r.source for r in rows}),
    }
    args.out.write_text(json.dumps(cal.to_json(meta), indent=1, sort_keys=True) + "\n")
    print(f"wrote {args.out} in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Fitting a rules file on reference images: ``firewall-proxy fit images``.

Flow position: offline, before serving. The reference images' properties
(:mod:`firewall_proxy.images.reference`) become one rule per property, a
Mahalanobis out-of-distribution rule on the compact descriptor, the
exposure-boost detector (:mod:`firewall_proxy.images.exposure`) and, when
the model's predictions are given, confidence and entropy rules. Where each
bound sits is decided in :mod:`firewall_proxy.images.bounds`: margins are
learned per property by cross-validation on the reference set, and the
false-flag budget goes where mildly corrupted reference copies
(:mod:`firewall_proxy.images.synthetic`) show it catches the most.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

from firewall_proxy.images.bounds import FOLDS, fit_sides, quantile, round6
from firewall_proxy.images.exposure import fit_exposure
from firewall_proxy.images.reference import (
    IMAGE_SUFFIXES,
    list_images,
    measure_bytes,
    measure_files,
    measure_synthetic,
)
from firewall_proxy.images.rules import (
    DECODE_RULES,
    ImageLimits,
    ImageRule,
    ImputeTargets,
    RuleSet,
    mahalanobis,
)

__all__ = [
    "IMAGE_SUFFIXES",
    "PROPERTY_RULES",
    "fit_rules",
    "list_images",
    "measure_bytes",
    "measure_files",
    "measure_synthetic",
]

# (property, category, sides checked, severity, what a violation means)
PROPERTY_RULES: tuple[tuple[str, str, str, str, str], ...] = (
    ("brightness", "brightness", "both", "medium", "mean brightness outside the reference range"),
    ("highlight", "brightness", "low", "medium", "no bright pixels: the image is under-exposed"),
    ("clipped", "brightness", "high", "medium", "too many blown-out pixels: over-exposed"),
    ("contrast", "contrast", "both", "medium", "luminance spread outside the reference range"),
    ("dynamic_range", "contrast", "low", "medium", "narrow tonal range: low contrast"),
    ("shadow", "contrast", "high", "low", "no dark pixels: washed-out or hazy"),
    ("saturation", "saturation", "both", "low", "colour saturation outside the reference range"),
    ("sharpness", "blur", "low", "high", "no sharp edge anywhere: the image is blurred"),
    ("noise", "noise", "high", "medium", "grain even in the smoothest area: noisy"),
    ("blockiness", "noise", "high", "medium", "8x8 block artefacts of heavy JPEG compression"),
    ("jpeg_quality", "noise", "low", "medium", "JPEG quality far below the reference images'"),
    ("min_side", "resolution", "both", "high", "resolution outside the reference range"),
    ("aspect", "aspect", "both", "low", "aspect ratio outside the reference range"),
)
_GRAYSCALE_BELOW = 2.0  # mean channel spread (0..255) under which an image is grayscale


def _ood_distances(descriptors: list[list[float]]) -> tuple[list[float], list[float], Any]:
    """Held-out Mahalanobis distances of every reference image, and the full fit."""
    import numpy as np

    x = np.asarray(descriptors, dtype=np.float64)

    def fit(data: Any) -> tuple[Any, Any]:
        center = data.mean(axis=0)
        cov = np.cov(data, rowvar=False)
        # Shrink towards the diagonal: 17 dimensions from a few hundred images.
        cov = 0.8 * cov + 0.2 * np.diag(np.diag(cov)) + 1e-6 * np.eye(cov.shape[0])
        return center, np.linalg.inv(cov)

    oof: list[float] = []
    idx = np.arange(x.shape[0])
    for k in range(FOLDS):
        center, prec = fit(x[idx % FOLDS != k])
        d = x[idx % FOLDS == k] - center
        oof.extend(np.sqrt(np.einsum("ij,jk,ik->i", d, prec, d)).tolist())
    # einsum above visits folds in order; put distances back in image order.
    order = [i for k in range(FOLDS) for i in range(x.shape[0]) if i % FOLDS == k]
    distances = [0.0] * x.shape[0]
    for pos, i in enumerate(order):
        distances[i] = oof[pos]
    center, prec = fit(x)
    return distances, [float(f"{v:.6g}") for v in center], prec


def _prediction_rules(predictions: list[list[float]], target: float) -> list[ImageRule]:
    classes = Counter(len(p) for p in predictions).most_common(1)[0][0]
    confidences, entropies = [], []
    for p in predictions:
        if len(p) != classes or classes < 2:
            continue
        confidences.append(max(p))
        h = -sum(v * math.log(v) for v in p if v > 0)
        entropies.append(h / math.log(classes))
    rules = [
        ImageRule(
            rule="prediction",
            category="invalid_prediction",
            property="probabilities",
            classes=classes,
            severity="high",
            description="not a probability vector over the model's classes",
        )
    ]
    if len(confidences) >= 10:
        rows = list(range(len(confidences)))
        fitted = fit_sides(
            {"confidence": (confidences, rows, "low"), "entropy": (entropies, rows, "high")},
            len(rows),
            target,
        )
        for name, values, what in (
            ("confidence", confidences, "top-class probability below the reference range"),
            ("entropy", entropies, "prediction spread (normalised entropy) too high"),
        ):
            bounds, margin = fitted[name]
            rules.append(
                ImageRule(
                    rule=name,
                    category="low_confidence",
                    property=name,
                    bounds=bounds,
                    margin=margin,
                    severity="medium",
                    median=round6(quantile(values, 0.5)),
                    description=what,
                )
            )
    return rules


def fit_rules(
    measurements: Iterable[dict[str, Any]],
    predictions: list[list[float]] | None = None,
    *,
    target_fpr: float = 0.02,
    limits: ImageLimits | None = None,
    skipped: int = 0,
    synthetic: list[dict[str, Any]] | None = None,
) -> RuleSet:
    """Learn a rule set from the properties of decodable reference images.

    ``synthetic`` are the measurements of mildly corrupted reference images
    (:func:`measure_synthetic`); they decide where the false-flag budget goes.

    ``target_fpr`` is the share of reference images (held out, by 5-fold
    cross-validation) that all property rules together may flag; the grayscale
    rule is not counted, being a fact about the image rather than a bound.
    """
    rows = list(measurements)
    n = len(rows)
    if n < 10:
        raise ValueError(f"at least 10 decodable reference images are needed, got {n}")
    rules: list[ImageRule] = [
        ImageRule(
            rule=name,
            category=cat,
            severity="high",
            action="block",
            description=f"undecodable input ({cat})",
        )
        for name, cat in DECODE_RULES.items()
    ]
    rules.append(
        ImageRule(
            rule="trailing",
            category="corrupt",
            severity="high",
            action="impute",
            description="bytes after the end of the image (a polyglot): imputed = cut off",
        )
    )
    rules.append(
        ImageRule(
            rule="mode",
            category="channels",
            severity="low",
            description="pixel mode (CMYK, 16-bit, alpha) unlike the reference",
        )
    )
    series: dict[str, tuple[list[float], list[int], str]] = {}
    for prop, _, sides, _, _ in PROPERTY_RULES:
        idx = [i for i, r in enumerate(rows) if r.get(prop) is not None]
        if len(idx) >= max(10, n // 2):
            series[prop] = ([float(rows[i][prop]) for i in idx], idx, sides)
    distances, center, precision = _ood_distances([r["descriptor"] for r in rows])
    series["out_of_distribution"] = (distances, list(range(n)), "high")
    synth: dict[str, list[float]] = {}
    if synthetic:
        for name in series:
            if name == "out_of_distribution":
                synth[name] = [
                    mahalanobis(r["descriptor"], center, precision.tolist()) for r in synthetic
                ]
            else:
                synth[name] = [
                    float("nan") if r.get(name) is None else float(r[name]) for r in synthetic
                ]
    exposure = None
    if synthetic:
        boosted = [r["exposure"] for r in synthetic if r.get("synthetic") == "brighten"]
        exposure = fit_exposure([r["exposure"] for r in rows], boosted, FOLDS)
    if exposure is not None:
        model, held_out = exposure
        series["exposure"] = (held_out, list(range(n)), "high")
        synth["exposure"] = [model.score(r["exposure"]) for r in synthetic or []]
    fitted = fit_sides(series, n, target_fpr, synth)
    for prop, category, _, severity, description in PROPERTY_RULES:
        if prop in fitted:
            bounds, margin = fitted[prop]
            rules.append(
                ImageRule(
                    rule=prop,
                    category=category,
                    property=prop,
                    bounds=bounds,
                    median=round6(quantile(series[prop][0], 0.5)),
                    severity=severity,
                    margin=margin,
                    description=description,
                )
            )
    colourful = [float(r["colorfulness"]) for r in rows]
    gray_share = sum(v < _GRAYSCALE_BELOW for v in colourful) / n
    gray_bounds = (_GRAYSCALE_BELOW, None) if gray_share < 0.5 else (None, _GRAYSCALE_BELOW)
    rules.append(
        ImageRule(
            rule="grayscale",
            category="channels",
            property="colorfulness",
            bounds=gray_bounds,
            median=round6(quantile(colourful, 0.5)),
            severity="low",
            description="grayscale image, reference is colour"
            if gray_share < 0.5
            else "colour image, reference is grayscale",
        )
    )
    if exposure is not None:
        model, _ = exposure
        bounds, margin = fitted["exposure"]
        rules.append(
            ImageRule(
                rule="exposure",
                category="brightness",
                property="exposure",
                bounds=bounds,
                margin=margin,
                severity="medium",
                description="clipping pattern of an exposure boost applied after capture",
                center=model.center,
                scale=model.scale,
                weights=model.weights,
                intercept=model.intercept,
            )
        )
    ood_bounds, ood_margin = fitted["out_of_distribution"]
    rules.append(
        ImageRule(
            rule="out_of_distribution",
            category="out_of_distribution",
            property="descriptor",
            bounds=ood_bounds,
            margin=ood_margin,
            severity="medium",
            description="colour and texture unlike the reference images",
            center=center,
            precision=[[float(f"{v:.6g}") for v in row] for row in precision],
        )
    )
    if predictions:
        rules.extend(_prediction_rules(predictions, target_fpr))
    widths = [r["width"] for r in rows]
    heights = [r["height"] for r in rows]
    return RuleSet(
        created_by="firewall-proxy fit images",
        reference={
            "images": n,
            "skipped": skipped,
            "formats": dict(sorted(Counter(str(r.get("format")) for r in rows).items())),
            "modes": dict(sorted(Counter(str(r.get("mode")) for r in rows).items())),
            "grayscale_share": round(gray_share, 4),
            "predictions": len(predictions or []),
            "target_fpr": target_fpr,
        },
        limits=limits or ImageLimits(),
        impute=ImputeTargets(
            brightness=round(quantile([r["brightness"] for r in rows], 0.5), 3),
            contrast=round(quantile([r["contrast"] for r in rows], 0.5), 3),
            width=round(quantile(widths, 0.5)),
            height=round(quantile(heights, 0.5)),
        ),
        rules=rules,
    )

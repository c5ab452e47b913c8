"""The exposure-boost detector: a small linear model fitted with the rules.

Flow position: fitting (offline) and rules checks (per image). A dark photo
brightened after capture looks, property by property, like a normal bright
photo; what gives it away is *how* it clips (see
:func:`firewall_proxy.images.properties._exposure`). A logistic regression
on those clipping features separates reference images from synthetically
brightened copies of them; its score becomes the ``exposure`` rule, whose
threshold is chosen like every other bound, on held-out reference scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["ExposureModel", "fit_exposure"]

_L2 = 0.1
_ITERATIONS = 40


@dataclass(frozen=True, slots=True)
class ExposureModel:
    center: list[float]
    scale: list[float]
    weights: list[float]
    intercept: float

    def score(self, features: Sequence[float]) -> float:
        return self.intercept + sum(
            w * (x - c) / s
            for w, x, c, s in zip(self.weights, features, self.center, self.scale, strict=True)
        )


def _train(negatives: Any, positives: Any) -> ExposureModel:
    import numpy as np

    x = np.vstack([negatives, positives])
    y = np.r_[np.zeros(len(negatives)), np.ones(len(positives))]
    # Balance the classes: a few dozen synthetic positives against hundreds of
    # reference images would otherwise be drowned out.
    sample = np.where(y == 1, len(x) / (2.0 * len(positives)), len(x) / (2.0 * len(negatives)))
    center = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    z = np.c_[(x - center) / scale, np.ones(len(x))]
    w = np.zeros(z.shape[1])
    ridge = _L2 * np.eye(len(w))
    ridge[-1, -1] = 0.0
    for _ in range(_ITERATIONS):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        grad = z.T @ (sample * (p - y)) / len(y) + ridge @ w
        hess = (z * (sample * p * (1 - p))[:, None]).T @ z / len(y) + ridge
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return ExposureModel(
        [float(f"{v:.6g}") for v in center],
        [float(f"{v:.6g}") for v in scale],
        [float(f"{v:.6g}") for v in w[:-1]],
        float(f"{w[-1]:.6g}"),
    )


def fit_exposure(
    reference: Sequence[Sequence[float]], brightened: Sequence[Sequence[float]], folds: int
) -> tuple[ExposureModel, list[float]] | None:
    """The model, and held-out scores of every reference image (``folds``-fold)."""
    import numpy as np

    if len(brightened) < 5 or len(reference) < 2 * folds:
        return None
    neg = np.asarray(reference, dtype=np.float64)
    pos = np.asarray(brightened, dtype=np.float64)
    idx = np.arange(len(neg))
    held_out = [0.0] * len(neg)
    for k in range(folds):
        model = _train(neg[idx % folds != k], pos)
        for i in idx[idx % folds == k]:
            held_out[int(i)] = model.score(neg[i].tolist())
    return _train(neg, pos), held_out

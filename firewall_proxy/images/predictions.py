"""Checks on an image model's predicted class probabilities.

Flow position: extract (``payload.probabilities``) -> **predictions** ->
findings. A vector that is not a probability distribution over the model's
classes is ``invalid_prediction``; a valid one whose confidence (top-class
probability) or normalised entropy falls outside the range fitted on the
reference predictions is ``low_confidence``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["confidence_entropy", "invalid_reason"]


def invalid_reason(
    probs: Sequence[float], classes: int | None = None, tolerance: float = 1e-3
) -> str | None:
    """Why ``probs`` is not a valid probability vector, or ``None`` when it is."""
    if len(probs) == 0:
        return "the probability vector is empty"
    if classes is not None and len(probs) != classes:
        return f"{len(probs)} probabilities, the model has {classes} classes"
    if any(not math.isfinite(p) for p in probs):
        return "the probabilities contain NaN or infinity"
    if any(p < 0.0 for p in probs):
        return "the probabilities contain a negative value"
    if any(p > 1.0 + tolerance for p in probs):
        return "a probability is greater than 1"
    total = math.fsum(probs)
    if abs(total - 1.0) > tolerance * max(1.0, math.sqrt(len(probs))):
        return f"the probabilities sum to {total:.4g}, not 1"
    return None


def confidence_entropy(probs: Sequence[float]) -> tuple[float, float]:
    """(top-class probability, entropy normalised to [0, 1] by log(classes))."""
    top = max(probs)
    if len(probs) < 2:
        return top, 0.0
    h = -math.fsum(p * math.log(p) for p in probs if p > 0.0)
    return top, min(1.0, max(0.0, h / math.log(len(probs))))

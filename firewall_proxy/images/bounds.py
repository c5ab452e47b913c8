"""Choosing rule bounds: held-out exceedances, a tight-to-loose ladder and a
false-flag budget spent where it catches the most.

Flow position: inside :func:`firewall_proxy.images.fitting.fit_rules`
(offline). Every bounded side of every rule gets a bound from a ladder of
candidates (upper quantiles, then the reference extreme plus a growing margin
of the robust spread); 5-fold cross-validation on the reference values says
how many reference images each candidate would flag, and :func:`_choose`
picks one step per side.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["FOLDS", "fit_sides", "quantile", "round6"]

_MARGINS = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
FOLDS = 5
# Sides that catch a specific corruption and may be tightened inside the
# reference range; every other side only guards against the far-out.
_DETECTORS = frozenset(
    {
        ("highlight", "low"),
        ("dynamic_range", "low"),
        ("sharpness", "low"),
        ("noise", "high"),
        ("blockiness", "high"),
        ("jpeg_quality", "low"),
        ("min_side", "low"),
        ("confidence", "low"),
        ("entropy", "high"),
        ("exposure", "high"),
    }
)
_FLOOR = 1.0
# Properties whose reference tail is heavier still: a wider floor, in spreads.
_WIDE_FLOOR: dict[str, float] = {"aspect": 1.5}


def quantile(values: Sequence[float], q: float) -> float:
    s = sorted(values)
    pos = q * (len(s) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def _spread(values: Sequence[float]) -> float:
    spread = quantile(values, 0.95) - quantile(values, 0.05)
    return spread if spread > 0 else max(abs(quantile(values, 0.5)) * 0.1, 1e-3)


def _candidate(values: Sequence[float], side: str, step: int) -> float:
    """Bound number ``step`` on a tight-to-loose ladder: upper quantiles, then
    the extreme plus a growing margin of the robust spread."""
    if step < len(_QUANTILES):
        q = _QUANTILES[step]
        return quantile(values, 1.0 - q if side == "low" else q)
    margin = _MARGINS[step - len(_QUANTILES)]
    if side == "low":
        return min(values) - margin * _spread(values)
    return max(values) + margin * _spread(values)


_QUANTILES: tuple[float, ...] = (0.99, 0.995)
_STEPS = len(_QUANTILES) + len(_MARGINS)


class _Side:
    """One side of one rule: held-out exceedance flags for every ladder step."""

    def __init__(
        self,
        values: list[float],
        side: str,
        rows: list[int],
        detector: bool,
        synthetic: list[float] | None = None,
        name: str = "",
    ) -> None:
        self.values, self.side, self.rows, self.detector = values, side, rows, detector
        self.name = name
        self.synthetic = synthetic or []
        n = len(values)
        self.flags: list[list[bool]] = [[False] * n for _ in range(_STEPS)]
        for k in range(FOLDS):
            held = range(k, n, FOLDS)
            train = [v for i, v in enumerate(values) if i % FOLDS != k]
            if len(train) < 4:
                continue
            for step in range(_STEPS):
                bound = _candidate(train, side, step)
                for i in held:
                    out = values[i] < bound if side == "low" else values[i] > bound
                    self.flags[step][i] = out

    def step_for(self, allowed: float) -> int:
        n = len(self.values)
        for step in range(_STEPS):
            if sum(self.flags[step]) <= allowed * n:
                return step
        return _STEPS - 1

    def cost(self, step: int) -> int:
        """Expected reference images flagged on new data: the held-out count, or
        for a bound inside the reference range, the images beyond it plus one
        (held-out counts are optimistic there with a few hundred images)."""
        held_out = sum(self.flags[step])
        if step >= len(_QUANTILES):
            return held_out
        bound = _candidate(self.values, self.side, step)
        beyond = sum((v < bound) if self.side == "low" else (v > bound) for v in self.values)
        return max(held_out, beyond + 1)

    def catches(self, step: int) -> set[int]:
        """Indices of the synthetic corruptions the bound at ``step`` flags."""
        bound = _candidate(self.values, self.side, step)
        if self.side == "low":
            return {j for j, v in enumerate(self.synthetic) if v == v and v < bound}
        return {j for j, v in enumerate(self.synthetic) if v == v and v > bound}

    def margin(self, step: int) -> float:
        return 0.0 if step < len(_QUANTILES) else _MARGINS[step - len(_QUANTILES)]


def _choose(sides: list[_Side], n: int, target: float) -> list[int]:
    """Ladder steps for every side, within a false-flag budget of ``target``.

    Every side starts at the tightest bound no held-out reference image
    crosses, widened to at least ``_FLOOR`` spreads for descriptive sides
    (not in ``_DETECTORS``) whose tails are heavier than a few hundred images
    show. The budget is then spent greedily, one step at a time, where
    it buys the most: new synthetic corruptions caught (see
    :mod:`firewall_proxy.images.synthetic`) per held-out reference image
    flagged, plus, on detector sides, how far the bound moves (in spreads).
    Costs (:meth:`_Side.cost`) are summed per side, not unioned, so an image
    flagged by two rules is paid twice: new images will not repeat the same
    coincidences.
    """

    def floor_step(side: _Side) -> int:
        floor = _WIDE_FLOOR.get(side.name, _FLOOR)
        return len(_QUANTILES) + next(i for i, m in enumerate(_MARGINS) if m >= floor)

    steps = [s.step_for(0.0) if s.detector else max(s.step_for(0.0), floor_step(s)) for s in sides]
    spent = sum(s.cost(st) for s, st in zip(sides, steps, strict=True))
    budget = target * n
    caught: set[int] = set()
    for side, step in zip(sides, steps, strict=True):
        caught |= side.catches(step)
    while True:
        best: tuple[float, int, int, int, set[int]] | None = None
        for i, side in enumerate(sides):
            if not (side.detector or side.synthetic):
                continue
            spread = _spread(side.values)
            current = _candidate(side.values, side.side, steps[i])
            now = side.cost(steps[i])
            for step in range(steps[i] - 1, -1, -1):
                cost = side.cost(step) - now
                if spent + cost > budget:
                    break
                hits = side.catches(step)
                gain = float(len(hits - caught))
                if side.detector:
                    gain += abs(current - _candidate(side.values, side.side, step)) / spread
                value = gain / (cost + 0.5)
                if gain > 0 and (best is None or value > best[0]):
                    best = (value, i, step, cost, hits)
        if best is None:
            return steps
        _, i, step, cost, hits = best
        steps[i] = step
        spent += cost
        caught |= hits


def _round_out(v: float, side: str) -> float:
    """``v`` to 6 significant digits, rounded away from the reference range so
    rounding never puts a reference image outside its own bounds."""
    if v == 0 or not math.isfinite(v):
        return v
    exponent = math.floor(math.log10(abs(v))) - 5
    scaled = v / 10.0**exponent
    scaled = math.floor(scaled) if side == "low" else math.ceil(scaled)
    return float(f"{scaled * 10.0**exponent:.6g}")


def round6(v: float | None) -> float | None:
    return None if v is None else float(f"{v:.6g}")


def fit_sides(
    series: dict[str, tuple[list[float], list[int], str]],
    n: int,
    target: float,
    synthetic: dict[str, list[float]] | None = None,
) -> dict[str, tuple[tuple[float | None, float | None], float]]:
    """Bounds and margin per named series, chosen jointly for a combined ``target``."""
    sides: list[_Side] = []
    owners: list[str] = []
    for name, (values, rows, which) in series.items():
        for direction in ("low", "high"):
            if which in ("both", direction):
                detector = (name, direction) in _DETECTORS
                sides.append(
                    _Side(values, direction, rows, detector, (synthetic or {}).get(name), name)
                )
                owners.append(name)
    steps = _choose(sides, n, target)
    out: dict[str, tuple[tuple[float | None, float | None], float]] = {}
    for name, side, step in zip(owners, sides, steps, strict=True):
        (lo, hi), margin = out.get(name, ((None, None), 0.0))
        bound = _round_out(_candidate(side.values, side.side, step), side.side)
        if side.side == "low":
            lo = bound
        else:
            hi = bound
        out[name] = ((lo, hi), max(margin, side.margin(step)))
    return out

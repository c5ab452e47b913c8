"""The image rules file: what ``firewall-proxy fit images`` writes and the image
evaluator loads, and the check of one measured image against it.

Flow position: properties -> **rules** -> findings. A rules file is plain JSON
a user can read and edit: one rule per property with learned ``bounds``
(``null`` = unbounded on that side), the reference ``median`` the imputer aims
for, a ``severity`` and an ``action`` (``pass`` to switch a rule off, ``flag``,
``impute`` or ``block``). Decoding rules (``decode``, ``format``,
``animated``, ``bytes``, ``pixels``) have no bounds, only an action.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from firewall_proxy._exceptions import PolicyError, PolicyIssue

__all__ = [
    "DECODE_RULES",
    "RULES_FORMAT",
    "ImageLimits",
    "ImageRule",
    "ImputeTargets",
    "RuleResult",
    "RuleSet",
    "check_properties",
    "load_rules",
    "mahalanobis",
]

RULES_FORMAT: Literal["firewall-proxy/image-rules"] = "firewall-proxy/image-rules"
DECODE_RULES: dict[str, str] = {
    "decode": "corrupt",
    "empty": "malformed",
    "format": "malformed",
    "animated": "malformed",
    "bytes": "oversize",
    "pixels": "oversize",
}

RuleAction = Literal["pass", "flag", "impute", "block"]
Severity = Literal["low", "medium", "high"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ImageRule(_Model):
    """One check. ``property`` names what is measured (a property name, or
    ``descriptor`` / ``confidence`` / ``entropy`` / ``probabilities``)."""

    rule: str
    category: str
    property: str | None = None
    bounds: tuple[float | None, float | None] | None = None
    median: float | None = None
    severity: Severity = "medium"
    action: RuleAction = "flag"
    description: str = ""
    margin: float | None = Field(None, description="Learned margin, in units of the spread.")
    # out_of_distribution: mean and inverse covariance of the reference descriptors
    center: list[float] | None = None
    precision: list[list[float]] | None = None
    # exposure: a linear score, sum(weights * (x - center) / scale) + intercept
    scale: list[float] | None = None
    weights: list[float] | None = None
    intercept: float | None = None
    # invalid_prediction: the expected number of classes
    classes: int | None = None


class ImageLimits(_Model):
    max_bytes: int = Field(20 * 1024 * 1024, gt=0)
    max_pixels: int = Field(40_000_000, gt=0)
    formats: list[str] = Field(
        default_factory=lambda: ["BMP", "GIF", "JPEG", "PNG", "TIFF", "WEBP"]
    )
    allow_animated: bool = False


class ImputeTargets(_Model):
    """Where imputation moves a failing image: the reference medians."""

    brightness: float = 115.0
    contrast: float = 57.0
    width: int = 500
    height: int = 375


class RuleSet(_Model):
    format: Literal["firewall-proxy/image-rules"] = RULES_FORMAT
    version: Literal[1] = 1
    created_by: str = ""
    reference: dict[str, Any] = Field(default_factory=dict)
    limits: ImageLimits = Field(default_factory=ImageLimits)
    impute: ImputeTargets = Field(default_factory=ImputeTargets)
    rules: list[ImageRule] = Field(default_factory=list)

    def rule(self, name: str) -> ImageRule | None:
        for r in self.rules:
            if r.rule == name:
                return r
        return None

    def dumps(self) -> str:
        return json.dumps(self.model_dump(mode="json", exclude_none=True), indent=2) + "\n"


class RuleResult(_Model):
    """The outcome of one rule for one image (what the client shows per rule)."""

    rule: str
    category: str
    value: float | str | None
    expected: list[Any] | None
    action: RuleAction
    severity: Severity = "medium"
    passed: bool
    score: float = 0.0
    message: str = ""


def load_rules(path: str | Path) -> RuleSet:
    """Read and validate a rules file; every problem is reported with its field."""
    p = Path(path)
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicyError(f"cannot read image rules file {p}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        issue = PolicyIssue(str(p), exc.lineno, "", f"invalid JSON: {exc.msg}")
        raise PolicyError(f"invalid image rules file {p}", [issue]) from exc
    try:
        return RuleSet.model_validate(raw)
    except ValidationError as exc:
        issues = [
            PolicyIssue(str(p), None, ".".join(str(x) for x in err["loc"]), err["msg"])
            for err in exc.errors()
        ]
        raise PolicyError(f"invalid image rules file {p}", issues) from exc


def mahalanobis(vector: list[float], center: list[float], precision: list[list[float]]) -> float:
    import numpy as np

    d = np.asarray(vector, dtype=np.float64) - np.asarray(center, dtype=np.float64)
    return float(math.sqrt(max(0.0, float(d @ np.asarray(precision, dtype=np.float64) @ d))))


def _score(value: float, lo: float | None, hi: float | None) -> float:
    """0.5 at the bound, approaching 1 as the value moves a bound-width past it."""
    width = (hi - lo) if lo is not None and hi is not None else max(abs(lo or hi or 1.0), 1e-6)
    excess = (lo - value) if lo is not None and value < lo else (value - (hi or value))
    return min(1.0, 0.5 + 0.5 * min(1.0, excess / max(width, 1e-6)))


def _fmt(v: float) -> str:
    return f"{v:.3g}"


def check_properties(rules: RuleSet, props: dict[str, Any]) -> list[RuleResult]:
    """Every bounded rule against ``props`` (rules whose property is missing are skipped)."""
    out: list[RuleResult] = []
    for r in rules.rules:
        if r.property is None or r.bounds is None or r.property in ("confidence", "entropy"):
            continue
        if r.property == "descriptor":
            if r.center is None or r.precision is None or "descriptor" not in props:
                continue
            value = mahalanobis(props["descriptor"], r.center, r.precision)
        elif r.weights is not None:
            if r.center is None or r.scale is None or r.property not in props:
                continue
            from firewall_proxy.images.exposure import ExposureModel

            model = ExposureModel(r.center, r.scale, r.weights, r.intercept or 0.0)
            value = model.score(props[r.property])
        else:
            raw = props.get(r.property)
            if raw is None:
                continue
            value = float(raw)
        lo, hi = r.bounds
        failed = (lo is not None and value < lo) or (hi is not None and value > hi)
        message = ""
        if failed:
            side = "below" if lo is not None and value < lo else "above"
            bound = lo if side == "below" else hi
            message = (
                f"{r.rule} {_fmt(value)} is {side} the reference range "
                f"({_fmt(bound or 0.0)}): {r.description}"
            )
        out.append(
            RuleResult(
                rule=r.rule,
                category=r.category,
                value=round(value, 6),
                expected=[lo, hi],
                action=r.action,
                severity=r.severity,
                passed=not failed,
                score=_score(value, lo, hi) if failed else 0.0,
                message=message,
            )
        )
    return out

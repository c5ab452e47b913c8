"""The image evaluators: ``image_quality`` (decode safely, check properties
against a fitted rules file, impute) and ``prediction`` (the model's
probabilities).

Flow position: extract (``payload.images`` / ``payload.probabilities``) ->
**evaluate** -> decide. Each failing rule becomes one finding whose ``data``
is ``{"rule", "value", "expected": [lo, hi], "action"}`` (the rules file's
action for that rule), so a client or the event log can rebuild the per-rule
table. An ``impute`` rule's finding carries a ``Fix`` with the corrected image
bytes for the image's ``target``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from firewall_proxy.evaluate.base import EvalContext, Evaluator, EvaluatorOptions
from firewall_proxy.findings import Finding, Fix

if TYPE_CHECKING:
    from firewall_proxy.extract.payload import Payload
    from firewall_proxy.images.checker import ImageChecker, ImageReport
    from firewall_proxy.images.rules import RuleResult

__all__ = [
    "ImageQualityEvaluator",
    "ImageQualityOptions",
    "PredictionEvaluator",
    "PredictionOptions",
    "result_finding",
]

# Bigger images are decoded in a worker thread so the event loop keeps serving.
_THREAD_ABOVE_BYTES = 1_000_000


def result_finding(
    evaluator: Evaluator, result: RuleResult, part: int | None, fix: Fix | None = None
) -> Finding:
    """The finding of one failing rule."""
    return evaluator.finding(
        result.category,
        result.score,
        result.message or f"{result.rule} failed",
        part=part,
        fix=fix,
        data={
            "rule": result.rule,
            "value": result.value,
            "expected": result.expected,
            "action": result.action,
            "severity": result.severity,
        },
    )


def _load_checker(rules: str | None, root: str | None) -> ImageChecker:
    from firewall_proxy.images.checker import ImageChecker
    from firewall_proxy.images.rules import RuleSet, load_rules

    return ImageChecker(load_rules(rules) if rules else RuleSet(), root)


class ImageQualityOptions(EvaluatorOptions):
    rules: str | None = Field(
        None,
        description="Rules file written by 'firewall-proxy fit images'; without one "
        "only decoding and limits are checked.",
    )
    root: str | None = Field(
        None,
        description="Directory datapoint 'image_path' values are resolved under; "
        "paths escaping it are rejected. Without it, image_path is refused.",
    )
    impute: bool = Field(True, description="Compute corrected images for 'impute' rules.")


class ImageQualityEvaluator(Evaluator):
    """Safe decoding plus the fitted property rules, for every image of a request."""

    name: ClassVar[str] = "image_quality"
    Options: ClassVar[type[EvaluatorOptions]] = ImageQualityOptions
    cost: ClassVar[str] = "cheap"

    _checker: ImageChecker | None = None

    def load(self) -> None:
        opts = self.options
        assert isinstance(opts, ImageQualityOptions)
        rules = str(Path(opts.rules).expanduser()) if opts.rules else None
        self._checker = _load_checker(rules, opts.root)

    def _report(self, checker: ImageChecker, payload: Payload, index: int) -> ImageReport:
        opts = self.options
        assert isinstance(opts, ImageQualityOptions)
        return checker.check_part(payload.images[index], impute=opts.impute)

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        import asyncio

        if not payload.images:
            return []
        if self._checker is None:
            self.load()
        checker = self._checker
        assert checker is not None
        findings: list[Finding] = []
        for i, part in enumerate(payload.images):
            if part.data is not None and len(part.data) > _THREAD_ABOVE_BYTES:
                report = await asyncio.to_thread(self._report, checker, payload, i)
            else:
                report = self._report(checker, payload, i)
            fix = None
            if report.fixed is not None:
                # A path-referenced image is forwarded inline once corrected.
                target = "/image" if part.path is not None and part.data is None else part.target
                fix = Fix(target=target, replacement=report.fixed)
            for result in report.failed:
                findings.append(
                    result_finding(self, result, i, fix if result.action == "impute" else None)
                )
        return findings


class PredictionOptions(EvaluatorOptions):
    rules: str | None = Field(
        None, description="Rules file with fitted 'prediction', 'confidence' and 'entropy' rules."
    )


class PredictionEvaluator(Evaluator):
    """``invalid_prediction`` and ``low_confidence`` from ``payload.probabilities``."""

    name: ClassVar[str] = "prediction"
    Options: ClassVar[type[EvaluatorOptions]] = PredictionOptions
    cost: ClassVar[str] = "cheap"

    _checker: ImageChecker | None = None

    def load(self) -> None:
        opts = self.options
        assert isinstance(opts, PredictionOptions)
        self._checker = _load_checker(opts.rules, None)

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        if payload.probabilities is None:
            return []
        if self._checker is None:
            self.load()
        assert self._checker is not None
        results = self._checker.check_predictions(payload.probabilities)
        return [
            result_finding(self, r, None) for r in results if not r.passed and r.action != "pass"
        ]

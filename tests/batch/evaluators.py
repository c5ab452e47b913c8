"""Evaluators for the batch tests, named in policies as 'tests.batch.evaluators:Name'."""

from __future__ import annotations

from firewall_proxy.evaluate.base import EvalContext, Evaluator, EvaluatorOptions
from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Finding


class BrokenModel(Evaluator):
    """An evaluator whose model file cannot be loaded."""

    name = "broken_model"
    Options = EvaluatorOptions

    def load(self) -> None:
        raise RuntimeError("model file tests/missing.bin is truncated")

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        return []

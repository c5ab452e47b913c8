"""Evaluators used only by the verdict API tests (loaded as 'tests.api.evaluators:Name')."""

from __future__ import annotations

from firewall_proxy.evaluate.base import CannotDecide, EvalContext, Evaluator, EvaluatorOptions
from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Finding


class UnsureOptions(EvaluatorOptions):
    word: str = "maybe"


class UnsureOnWord(Evaluator):
    """Cannot decide whenever a user text contains ``word`` (stands in for a judge that fails)."""

    name = "unsure_on_word"
    Options = UnsureOptions

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        o = self.options
        assert isinstance(o, UnsureOptions)
        if any(o.word in t.text for t in payload.user_texts()):
            raise CannotDecide("the judge did not answer")
        return []

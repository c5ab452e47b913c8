"""Evaluators used only by tests, loaded by the policy as 'tests.plugins:Name'."""

from __future__ import annotations

import asyncio

from pydantic import Field

from firewall_proxy.evaluate.base import CannotDecide, EvalContext, Evaluator, EvaluatorOptions
from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Finding, Fix


class WordOptions(EvaluatorOptions):
    word: str = "secret"
    category: str = "pii"
    score: float = 1.0
    replacement: str = "[REDACTED]"


class ImputeWord(Evaluator):
    """Finds ``word`` in user texts and offers to replace every occurrence."""

    name = "impute_word"
    Options = WordOptions

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        o = self.options
        assert isinstance(o, WordOptions)
        out = []
        for i, part in enumerate(payload.texts):
            start = part.text.find(o.word)
            while start >= 0 and part.role == "user":
                span = (start, start + len(o.word))
                out.append(
                    self.finding(
                        o.category,
                        o.score,
                        f"found {o.word!r}",
                        part=i,
                        span=span,
                        fix=Fix(part.target, o.replacement, span),
                    )
                )
                start = part.text.find(o.word, start + 1)
        return out


class SlowOptions(EvaluatorOptions):
    seconds: float = Field(5.0, ge=0)
    category: str = "injection"
    score: float = 0.5


class Slow(Evaluator):
    """Awaits ``seconds`` then reports a finding (stands in for an LLM judge)."""

    name = "slow"
    Options = SlowOptions
    io_bound = True
    cost = "expensive"
    calls = 0

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        o = self.options
        assert isinstance(o, SlowOptions)
        type(self).calls += 1
        await asyncio.sleep(o.seconds)
        return [self.finding(o.category, o.score, "slow verdict")]


class Broken(Evaluator):
    """Always fails, as a buggy or unreachable evaluator would."""

    name = "broken"

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        raise RuntimeError("model file vanished")


class Unsure(Evaluator):
    """Always says it cannot decide."""

    name = "unsure"

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        raise CannotDecide("no scope configured")


class Rendezvous(Evaluator):
    """Waits until two Rendezvous evaluators have started in the same request."""

    name = "rendezvous"
    io_bound = True

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        key = id(ctx)
        _ARRIVALS[key] = _ARRIVALS.get(key, 0) + 1
        while _ARRIVALS[key] < 2:  # noqa: ASYNC110 - counting arrivals, no event to wait on
            await asyncio.sleep(0.005)
        return [self.finding("banned", 0.1, "met")]


class Rendezvous2(Rendezvous):
    name = "rendezvous2"


_ARRIVALS: dict[int, int] = {}


class BadFix(ImputeWord):
    """Offers a fix whose target does not exist in the request."""

    name = "bad_fix"

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        found = await super().evaluate(payload, ctx)
        return [
            Finding(
                f.category,
                f.score,
                f.explanation,
                self.name,
                f.part,
                f.span,
                Fix("/messages/0/content", b"\xff-not-text", (0, 99)),
            )
            for f in found
        ]

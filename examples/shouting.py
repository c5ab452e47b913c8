"""A custom evaluator plug-in, named in a policy as "examples.shouting:Shouting".

See examples/custom-policy.yaml; try it with
    firewall-proxy scan --policy examples/custom-policy.yaml "WHY IS NOTHING WORKING"
"""

from __future__ import annotations

from pydantic import Field

from firewall_proxy import EvalContext, Evaluator, EvaluatorOptions, Finding, Payload


class ShoutingOptions(EvaluatorOptions):
    min_ratio: float = Field(0.8, ge=0, le=1, description="Share of upper-case letters.")
    min_letters: int = Field(8, ge=1, description="Shorter texts are never shouting.")


class Shouting(Evaluator):
    """Flags user texts written mostly in capitals (score = share of capitals)."""

    name = "shouting"
    Options = ShoutingOptions

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        opts = self.options
        assert isinstance(opts, ShoutingOptions)
        out = []
        for i, part in enumerate(payload.texts):
            if part.role != "user":
                continue
            letters = [c for c in part.text if c.isalpha()]
            if len(letters) < opts.min_letters:
                continue
            ratio = sum(c.isupper() for c in letters) / len(letters)
            if ratio >= opts.min_ratio:
                out.append(self.finding("banned", ratio, "the user is shouting", part=i))
        return out

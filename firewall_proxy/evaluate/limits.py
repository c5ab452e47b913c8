"""Size limits on what a request asks the model to read: characters, approximate
tokens, turns and images. Oversized input is an ``oversize`` finding (score 1).

The body-size limit itself is enforced before extraction (413); these limits
are about content, which a policy may want to block or only flag.
"""

from __future__ import annotations

import re

from pydantic import Field

from firewall_proxy.evaluate.base import EvalContext, Evaluator, EvaluatorOptions
from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Category, Finding

__all__ = ["LimitsEvaluator", "LimitsOptions", "approx_tokens"]

# A token is roughly a word piece: count words and standalone punctuation.
_TOKEN = re.compile(r"\w+|[^\w\s]")


def approx_tokens(text: str) -> int:
    """Approximate token count: words + punctuation marks, at least chars/6 for long runs."""
    return max(len(_TOKEN.findall(text)), len(text) // 6)


class LimitsOptions(EvaluatorOptions):
    max_chars: int | None = Field(32_000, gt=0, description="All texts together, in characters.")
    max_part_chars: int | None = Field(None, gt=0, description="Any one text, in characters.")
    max_tokens: int | None = Field(None, gt=0, description="All texts, approximate tokens.")
    max_turns: int | None = Field(None, gt=0, description="Number of conversation messages.")
    max_images: int | None = Field(8, ge=0, description="Number of images in one request.")


class LimitsEvaluator(Evaluator):
    name = "limits"
    Options = LimitsOptions

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        o = self.options
        assert isinstance(o, LimitsOptions)
        out: list[Finding] = []
        total = payload.total_chars
        if o.max_chars is not None and total > o.max_chars:
            out.append(
                self.finding(
                    Category.OVERSIZE,
                    1.0,
                    f"{total} characters of text, limit {o.max_chars}",
                    data={"limit": "max_chars", "value": total},
                )
            )
        if o.max_part_chars is not None:
            for i, part in enumerate(payload.texts):
                if len(part.text) > o.max_part_chars:
                    out.append(
                        self.finding(
                            Category.OVERSIZE,
                            1.0,
                            f"a {part.role} text of {len(part.text)} characters, "
                            f"limit {o.max_part_chars}",
                            part=i,
                            data={"limit": "max_part_chars", "value": len(part.text)},
                        )
                    )
                    break
        if o.max_tokens is not None:
            tokens = sum(approx_tokens(t.text) for t in payload.texts)
            if tokens > o.max_tokens:
                out.append(
                    self.finding(
                        Category.OVERSIZE,
                        1.0,
                        f"about {tokens} tokens, limit {o.max_tokens}",
                        data={"limit": "max_tokens", "value": tokens},
                    )
                )
        if o.max_turns is not None:
            turns = len({t.turn for t in payload.texts})
            if turns > o.max_turns:
                out.append(
                    self.finding(
                        Category.OVERSIZE,
                        1.0,
                        f"{turns} messages, limit {o.max_turns}",
                        data={"limit": "max_turns", "value": turns},
                    )
                )
        if o.max_images is not None and len(payload.images) > o.max_images:
            out.append(
                self.finding(
                    Category.OVERSIZE,
                    1.0,
                    f"{len(payload.images)} images, limit {o.max_images}",
                    data={"limit": "max_images", "value": len(payload.images)},
                )
            )
        return out

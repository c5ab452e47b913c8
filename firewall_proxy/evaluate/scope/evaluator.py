"""The ``scope`` evaluator: off_topic / violation / restriction from the policy's scope.

Flow position: evaluate stage (an expensive evaluator, so it runs after the
cheap ones and only if they have not already decided ``block``). It embeds
the last user turn with MiniLM and compares it with the permitted and
restricted intents and the business description (:mod:`.index`):

- ``restriction``: the prompt is nearest to a restricted intent and close to it;
- ``violation``: it matches no permitted intent but is close to the business
  description (on the application's subject, outside what it may do);
- ``off_topic``: it matches no permitted intent and not the business either.

Short replies are read together with the previous assistant turn ("yes, the
second one" answers the bot's question), but only to *support* an in-scope
reading: a long prompt cannot be made in-scope by a forged assistant turn.

A score inside the ``uncertain`` band is a guess; with an ``llm_judge`` in
the policy the finding is returned for the judge to settle, without one the
evaluator raises :class:`CannotDecide` and the policy's ``on_undecided``
applies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field, model_validator

from firewall_proxy._exceptions import PolicyError
from firewall_proxy.evaluate.base import CannotDecide, EvalContext, Evaluator, EvaluatorOptions
from firewall_proxy.evaluate.scope.embedder import DEFAULT_CACHE_DIR, Runtime
from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Category, Finding

if TYPE_CHECKING:
    from firewall_proxy.evaluate.scope.embedder import Embedder
    from firewall_proxy.evaluate.scope.index import ScopeIndex, ScopeScore
    from firewall_proxy.policy.models import Policy, Scope

__all__ = ["ScopeEvaluator", "ScopeOptions", "last_user_turn"]

_CONTEXT_CHARS = 300


class ScopeOptions(EvaluatorOptions):
    runtime: Runtime = Field(
        "onnx-int8",
        description="Encoder runtime: onnxruntime int8 (fastest, same scope quality as fp32 "
        "in bench/scope.py), onnxruntime fp32, or plain numpy (slowest).",
    )
    cache_dir: str = Field(
        DEFAULT_CACHE_DIR, description="Where the built encoder graph and intent vectors are kept."
    )
    in_scope_pass: float = Field(
        0.98,
        gt=0.5,
        lt=1.0,
        description="Share of the policy's own example utterances (left out in turn) that must "
        "score in scope; sets the boundary when the scope has >= 10 examples.",
    )
    threshold: float = Field(
        0.35,
        ge=-1.0,
        le=1.0,
        description="Cosine boundary used when the scope has too few examples to calibrate "
        "(calibrated boundaries measured 0.28-0.46 on CLINC150 scopes).",
    )
    width: float = Field(0.04, gt=0.0, le=1.0, description="Logistic width of the score map.")
    uncertain: tuple[float, float] = Field(
        (0.3, 0.7),
        description="Score band [low, high) that is a guess: handed to the llm_judge if the "
        "policy has one, else reported as cannot-decide.",
    )
    min_score: float = Field(
        0.05, ge=0.0, le=1.0, description="Scores below this are 'in scope': no finding."
    )
    context_words: int = Field(
        8,
        ge=0,
        description="User turns of at most this many words are also read with the "
        "previous assistant turn (0: never).",
    )
    max_tokens: int = Field(128, ge=8, le=256)
    lru_size: int = Field(4096, ge=0, description="Prompt embeddings kept for repeats.")

    @model_validator(mode="after")
    def _band(self) -> ScopeOptions:
        low, high = self.uncertain
        if not 0.0 <= low <= high <= 1.0:
            raise ValueError("uncertain must be [low, high] with 0 <= low <= high <= 1")
        return self


def last_user_turn(payload: Payload) -> tuple[int, str | None] | None:
    """Index of the last user text, and the assistant turn just before it (if any)."""
    for i in range(len(payload.texts) - 1, -1, -1):
        if payload.texts[i].role == "user":
            for j in range(i - 1, -1, -1):
                if payload.texts[j].role == "assistant":
                    return i, payload.texts[j].text
                if payload.texts[j].role == "user":
                    break
            return i, None
    return None


def _judge_configured(policy: Policy | None) -> bool:
    if policy is None:
        return False
    for ev in policy.evaluators:
        if ev.enabled and ev.name in ("llm_judge", "firewall_proxy.evaluate.scope.judge:LLMJudge"):
            return bool(ev.options.get("mode", "when_uncertain") != "never")
    return False


class ScopeEvaluator(Evaluator):
    """Semantic scope check with all-MiniLM-L6-v2 (see the module docstring)."""

    name = "scope"
    Options = ScopeOptions
    cost = "expensive"
    io_bound = False

    def __init__(
        self,
        options: EvaluatorOptions | None = None,
        *,
        scope: Scope | None = None,
        judged: bool = False,
    ) -> None:
        super().__init__(options)
        assert isinstance(self.options, ScopeOptions)
        self.opts: ScopeOptions = self.options
        if scope is None:
            raise PolicyError("evaluator 'scope' needs a 'scope:' block in the policy")
        self.scope = scope
        self.judged = judged
        self.embedder: Embedder | None = None
        self.index: ScopeIndex | None = None

    @classmethod
    def from_config(cls, options: dict[str, Any] | None, policy: Policy | None = None) -> Evaluator:
        scope = policy.scope if policy is not None else None
        return cls(
            cls.Options.model_validate(options or {}),
            scope=scope,
            judged=_judge_configured(policy),
        )

    def load(self) -> None:
        from pathlib import Path

        from firewall_proxy.evaluate.scope.embedder import release_embedder, shared_embedder
        from firewall_proxy.evaluate.scope.index import ScopeIndex

        if self.index is not None:
            return
        embedder = shared_embedder(
            runtime=self.opts.runtime,
            cache_dir=self.opts.cache_dir,
            max_tokens=self.opts.max_tokens,
            lru_size=self.opts.lru_size,
        )
        try:
            index = ScopeIndex(
                self.scope,
                embedder,
                cache_dir=Path(self.opts.cache_dir).expanduser(),
                in_scope_pass=self.opts.in_scope_pass,
                default_threshold=self.opts.threshold,
                width=self.opts.width,
            )
        except BaseException:
            release_embedder(embedder)
            raise
        self.index = index
        self.embedder = embedder

    async def aclose(self) -> None:
        if self.embedder is not None:
            from firewall_proxy.evaluate.scope.embedder import release_embedder

            embedder, self.embedder = self.embedder, None
            self.index = None
            release_embedder(embedder)

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        if self.index is None or self.embedder is None:
            self.load()
        assert self.index is not None and self.embedder is not None
        turn = last_user_turn(payload)
        if turn is None:
            return []
        i, context = turn
        text = ctx.normalized(payload, i).text.strip()
        if not text:
            return []
        s = self.index.score(await self.embedder.aembed(text))
        in_scope = s
        if context and self.opts.context_words and len(text.split()) <= self.opts.context_words:
            joined = f"{context.strip()[-_CONTEXT_CHARS:]}\n{text}"
            with_ctx = self.index.score(await self.embedder.aembed(joined))
            if with_ctx.permitted > s.permitted:
                in_scope = with_ctx
        return self._findings(i, s, in_scope, context is not None)

    def _findings(
        self, part: int, s: ScopeScore, in_scope: ScopeScore, had_context: bool
    ) -> list[Finding]:
        assert self.index is not None
        idx = self.index
        restriction = idx.restriction(s)
        off = idx.off_scope(in_scope.permitted)
        data: dict[str, Any] = {
            "nearest_intent": in_scope.permitted_intent,
            "similarity": round(in_scope.permitted, 4),
            "threshold": round(idx.threshold, 4),
            "used_context": in_scope is not s,
        }
        if restriction >= off:
            category, score = Category.RESTRICTION, restriction
            data.update(
                restricted_intent=s.restricted_intent,
                similarity=round(s.restricted, 4),
                threshold=round(idx.restricted_threshold, 4),
            )
            why = (
                f"asks for the restricted action {s.restricted_intent!r} "
                f"(similarity {s.restricted:.2f}, nearest permitted intent "
                f"{s.permitted_intent!r} {s.permitted:.2f})"
            )
        elif in_scope.business >= idx.business_threshold:
            category, score = Category.VIOLATION, off
            why = (
                f"on the business's subject but outside its permitted intents; nearest "
                f"{in_scope.permitted_intent!r} (similarity {in_scope.permitted:.2f}, boundary "
                f"{idx.threshold:.2f})"
            )
        else:
            category, score = Category.OFF_TOPIC, off
            why = (
                f"outside the business scope; nearest intent {in_scope.permitted_intent!r} "
                f"(similarity {in_scope.permitted:.2f}, boundary {idx.threshold:.2f})"
            )
        if had_context and in_scope is not s:
            why += ", read with the previous assistant turn"
        if score < self.opts.min_score:
            return []
        low, high = self.opts.uncertain
        if low <= score < high and not self.judged:
            raise CannotDecide(f"scope: borderline {category.value} ({score:.2f}): {why}")
        data["uncertain"] = low <= score < high
        return [self.finding(category, score, why, part=part, data=data)]

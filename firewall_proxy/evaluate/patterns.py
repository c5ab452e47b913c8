"""Policy-defined banned patterns: literals and regular expressions matched on the
normalised text (NFKC, invisible characters removed, case-folded, whitespace
collapsed), so ``Ｐａｓｓｗｏｒｄ`` or ``pass\u200bword`` match ``password``.

Write regexes for lower-case text: matching a case-folded string with
case-sensitive patterns is ~6x cheaper than ``re.IGNORECASE`` (FACTS.md).
Regexes run on RE2, in time linear in the text whatever the pattern (no ReDoS):
see :mod:`firewall_proxy.policy.regex` for what that rules out.
"""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from firewall_proxy.evaluate.base import EvalContext, Evaluator, EvaluatorOptions
from firewall_proxy.evaluate.normalize import normalize
from firewall_proxy.extract.payload import Payload, TextRole
from firewall_proxy.findings import Category, Finding
from firewall_proxy.policy.regex import compile_policy_regex

__all__ = ["BannedPattern", "BannedPatternsEvaluator", "BannedPatternsOptions"]


def _default_roles() -> list[TextRole]:
    return ["user", "document", "tool"]


class BannedPattern(EvaluatorOptions):
    name: str
    literal: str | None = None
    regex: str | None = None
    category: str = Category.BANNED.value
    score: float = Field(1.0, ge=0.0, le=1.0)
    roles: list[TextRole] = Field(default_factory=_default_roles)

    @model_validator(mode="after")
    def _one_kind(self) -> BannedPattern:
        if (self.literal is None) == (self.regex is None):
            raise ValueError("give exactly one of 'literal' or 'regex'")
        return self

    @field_validator("regex")
    @classmethod
    def _compiles(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                compile_policy_regex(v)
            except ValueError as exc:
                raise ValueError(f"invalid regular expression: {exc}") from exc
        return v


class BannedPatternsOptions(EvaluatorOptions):
    patterns: list[BannedPattern] = Field(default_factory=list)


class _Compiled:
    __slots__ = ("literal", "regex", "roles", "spec")

    def __init__(self, spec: BannedPattern) -> None:
        self.spec = spec
        self.literal = normalize(spec.literal).text if spec.literal is not None else None
        self.regex = compile_policy_regex(spec.regex) if spec.regex is not None else None
        self.roles: frozenset[TextRole] = frozenset(spec.roles)


class BannedPatternsEvaluator(Evaluator):
    name = "banned_patterns"
    Options = BannedPatternsOptions

    def __init__(self, options: EvaluatorOptions | None = None) -> None:
        super().__init__(options)
        assert isinstance(self.options, BannedPatternsOptions)
        self._patterns = [_Compiled(p) for p in self.options.patterns]

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        out: list[Finding] = []
        for i, part in enumerate(payload.texts):
            views: tuple[str, ...] | None = None
            for pat in self._patterns:
                if part.role not in pat.roles:
                    continue
                if views is None:
                    views = ctx.normalized(payload, i).views()
                for view in views:
                    hit = (
                        (pat.literal in view)
                        if pat.literal is not None
                        else (pat.regex is not None and pat.regex.search(view) is not None)
                    )
                    if hit:
                        out.append(
                            self.finding(
                                pat.spec.category,
                                pat.spec.score,
                                f"banned pattern {pat.spec.name!r} in a {part.role} text",
                                part=i,
                                span=_span(part.text, pat),
                                data={"pattern": pat.spec.name},
                            )
                        )
                        break
        return out


def _span(text: str, pat: _Compiled) -> tuple[int, int] | None:
    """Where the pattern sits in the original text, when it can be found there as is."""
    lowered = text.lower()
    if pat.literal is not None:
        start = lowered.find(pat.literal)
        return (start, start + len(pat.literal)) if start >= 0 else None
    return pat.regex.search(lowered) if pat.regex is not None else None

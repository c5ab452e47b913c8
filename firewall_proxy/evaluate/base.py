"""The evaluator plug-in contract.

Flow position: extract -> **evaluate** -> decide. An evaluator is a small class
with one async method, :meth:`Evaluator.evaluate`, that reads a
:class:`~firewall_proxy.extract.payload.Payload` and returns findings.

Rules every evaluator follows:

- ``__init__`` only validates options; anything heavy (model weights, fitted
  profiles) is loaded in :meth:`Evaluator.load`, called once when the engine
  starts, and heavy modules are imported there, never at module import.
- ``evaluate`` returns only findings with a real signal, scores in ``[0, 1]``.
- To say "I cannot tell", raise :class:`CannotDecide`; the policy's
  ``on_undecided`` turns that (and errors, and timeouts) into an action.
- Per-request state stays inside ``evaluate``; ``self`` is shared by all
  concurrent requests.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from firewall_proxy.findings import Finding

if TYPE_CHECKING:
    from firewall_proxy.evaluate.normalize import NormalizedText
    from firewall_proxy.extract.payload import Payload
    from firewall_proxy.policy.models import Policy

__all__ = ["CannotDecide", "EvalContext", "Evaluator", "EvaluatorOptions"]


class EvaluatorOptions(BaseModel):
    """Base for an evaluator's options (the ``options:`` mapping in a policy).

    Unknown keys are errors, so a typo in a policy file is reported, not ignored.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)


class CannotDecide(Exception):
    """Raised by an evaluator that cannot give an answer for this request."""


@dataclass(slots=True)
class EvalContext:
    """Per-request facts shared by the evaluators of one chain run.

    ``normalized`` caches :func:`firewall_proxy.evaluate.normalize.normalize`
    per text part so every text evaluator reads the same folded text without
    recomputing it. ``findings`` holds what earlier cascade stages found.
    ``restore`` maps placeholders an imputing evaluator put into the request to
    the original values, kept only in memory for this request, so enforcement
    can restore them in the upstream's answer when the policy asks for it.
    """

    request_id: str = ""
    route: str = ""
    project: str = "default"
    findings: list[Finding] = field(default_factory=list)
    restore: dict[str, str] = field(default_factory=dict)
    _normalized: dict[int, NormalizedText] = field(default_factory=dict)

    def normalized(self, payload: Payload, index: int) -> NormalizedText:
        cached = self._normalized.get(index)
        if cached is None:
            from firewall_proxy.evaluate.normalize import normalize

            cached = normalize(payload.texts[index].text)
            self._normalized[index] = cached
        return cached


class Evaluator(ABC):
    """Base class of every evaluator.

    Subclasses set ``name`` (the registry name), ``Options`` (a pydantic model
    of their options), ``cost`` (``"cheap"`` CPU work in microseconds, or
    ``"expensive"`` — models, network — which the chain may defer to a later
    cascade stage) and ``io_bound`` (True when ``evaluate`` awaits I/O, so the
    chain runs it concurrently with others and a timeout can interrupt it).
    """

    name: ClassVar[str] = ""
    Options: ClassVar[type[EvaluatorOptions]] = EvaluatorOptions
    cost: ClassVar[str] = "cheap"
    io_bound: ClassVar[bool] = False

    def __init__(self, options: EvaluatorOptions | None = None) -> None:
        self.options = options if options is not None else self.Options()

    def timed(self) -> bool:
        """Whether the chain holds ``evaluate`` to the entry's ``timeout_ms`` (a cheap,
        CPU-only evaluator runs without: a time limit costs more than it saves)."""
        return self.io_bound or self.cost != "cheap"

    @classmethod
    def from_config(cls, options: dict[str, Any] | None, policy: Policy | None = None) -> Evaluator:
        """Build from a policy's ``options`` mapping.

        Evaluators that need policy-level settings (``scope``) override this
        and read them from ``policy``.
        """
        return cls(cls.Options.model_validate(options or {}))

    def load(self) -> None:  # noqa: B027 - optional hook, most evaluators need nothing
        """Load models or profiles from disk. Called once before the first request."""

    def warm(self) -> None:  # noqa: B027 - optional hook
        """Do the one-time work the first requests would otherwise pay for (compiling
        patterns). Called after :meth:`load` by servers as they start; one-shot commands
        skip it."""

    async def aclose(self) -> None:  # noqa: B027 - optional hook
        """Release network clients or other resources."""

    @abstractmethod
    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        """Return the findings for ``payload`` (empty when nothing is seen)."""

    def finding(self, category: str, score: float, explanation: str, **kw: Any) -> Finding:
        """Build a finding stamped with this evaluator's name (score clamped to [0, 1])."""
        return Finding(
            category=category,
            score=min(1.0, max(0.0, float(score))),
            explanation=explanation,
            evaluator=self.name,
            **kw,
        )

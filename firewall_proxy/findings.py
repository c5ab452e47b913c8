"""The result contract shared by every evaluator, the decision step and enforcement.

Flow position: evaluators (``firewall_proxy.evaluate``) return :class:`Finding`
objects; :mod:`firewall_proxy.decide` turns them into a :class:`Verdict`; the
middleware, proxy and verdict API enforce the verdict and record it.

Scores are always in ``[0, 1]``: the evaluator's calibrated belief that the
category applies (0 = certainly not, 1 = certainly). An evaluator only returns a
finding when it has seen a signal; absence of a finding means "nothing seen".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any

__all__ = [
    "ACTION_RANK",
    "Action",
    "Category",
    "Finding",
    "Fix",
    "Mode",
    "Undecided",
    "Verdict",
]


class Action(StrEnum):
    """What the firewall does with a request. Precedence: block > impute > flag > pass."""

    PASS = "pass"
    FLAG = "flag"
    IMPUTE = "impute"
    BLOCK = "block"


class _Rank(IntEnum):
    PASS = 0
    FLAG = 1
    IMPUTE = 2
    BLOCK = 3


ACTION_RANK: dict[Action, int] = {
    Action.PASS: _Rank.PASS,
    Action.FLAG: _Rank.FLAG,
    Action.IMPUTE: _Rank.IMPUTE,
    Action.BLOCK: _Rank.BLOCK,
}


class Mode(StrEnum):
    """``enforce`` applies the verdict; ``shadow`` only evaluates and records it."""

    ENFORCE = "enforce"
    SHADOW = "shadow"


class Category(StrEnum):
    """Every category a finding can carry (see DESIGN.md, "Categories")."""

    # prompts
    INJECTION = "injection"
    JAILBREAK = "jailbreak"
    HARMFUL = "harmful"
    OFF_TOPIC = "off_topic"
    VIOLATION = "violation"
    RESTRICTION = "restriction"
    PII = "pii"
    SECRET = "secret"
    OBFUSCATION = "obfuscation"
    BANNED = "banned"
    # prompts and images
    OVERSIZE = "oversize"
    MALFORMED = "malformed"
    # images
    CORRUPT = "corrupt"
    BRIGHTNESS = "brightness"
    CONTRAST = "contrast"
    SATURATION = "saturation"
    BLUR = "blur"
    NOISE = "noise"
    RESOLUTION = "resolution"
    ASPECT = "aspect"
    CHANNELS = "channels"
    OUT_OF_DISTRIBUTION = "out_of_distribution"
    LOW_CONFIDENCE = "low_confidence"
    INVALID_PREDICTION = "invalid_prediction"


@dataclass(frozen=True, slots=True)
class Fix:
    """A correction an ``impute`` verdict applies to the request.

    ``target`` is a JSON pointer into the request document (``""`` for the
    whole body). For text, ``span`` selects characters of the string at
    ``target`` and ``replacement`` (a ``str``) replaces them; without ``span``
    the whole value is replaced. For images, ``replacement`` holds the
    re-encoded image bytes for the image at ``target``.
    """

    target: str
    replacement: str | bytes
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing an evaluator noticed.

    ``part`` is the index of the payload part (text or image) the finding is
    about, and ``span`` a ``(start, end)`` character range in that part's
    original text, when the evaluator can point at one. ``data`` carries small
    structured details for events (an entity type, a measured image property);
    it must never hold raw user text or secrets.
    """

    category: str
    score: float
    explanation: str
    evaluator: str = ""
    part: int | None = None
    span: tuple[int, int] | None = None
    fix: Fix | None = None
    data: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"finding score must be in [0, 1], got {self.score!r}")
        if type(self.category) is not str:
            # Evaluators pass Category members; keep the plain value, which is what events,
            # JSON encoders (orjson refuses str-subclass dict keys) and databases expect.
            object.__setattr__(self, "category", str(self.category))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "category": self.category,
            "score": round(self.score, 4),
            "explanation": self.explanation,
            "evaluator": self.evaluator,
        }
        if self.part is not None:
            out["part"] = self.part
        if self.span is not None:
            out["span"] = list(self.span)
        if self.data:
            out["data"] = self.data
        return out


@dataclass(frozen=True, slots=True)
class Undecided:
    """An evaluator that could not give an answer (error, timeout, or its own choice)."""

    evaluator: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"evaluator": self.evaluator, "reason": self.reason}


@dataclass(slots=True)
class Verdict:
    """The decision for one request, as enforcement and the event log see it.

    ``action`` is what the policy decided; in ``shadow`` mode enforcement
    forwards the request untouched but the verdict (and its event) keep the
    action that *would* have been taken.
    """

    id: str
    action: Action
    findings: list[Finding] = field(default_factory=list)
    undecided: list[Undecided] = field(default_factory=list)
    deciding: list[Finding] = field(default_factory=list)
    mode: Mode = Mode.ENFORCE
    latency_ms: float = 0.0
    evaluator_ms: dict[str, float] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.action is Action.PASS

    @property
    def enforced_action(self) -> Action:
        """What enforcement actually does: ``pass`` for every shadow verdict."""
        return Action.PASS if self.mode is Mode.SHADOW else self.action

    @property
    def cannot_decide(self) -> bool:
        """True when an evaluator was undecided and nothing decisive was found."""
        return bool(self.undecided) and not self.deciding

    @property
    def categories(self) -> list[str]:
        seen: dict[str, None] = {}
        for f in self.deciding or self.findings:
            seen.setdefault(f.category, None)
        return list(seen)

    @property
    def fail_category(self) -> str | None:
        if self.action is Action.PASS:
            return None
        if self.deciding:
            return max(self.deciding, key=lambda f: f.score).category
        return "cannot_decide" if self.undecided else None

    @property
    def confidence(self) -> float:
        if self.deciding:
            return max(f.score for f in self.deciding)
        if self.action is Action.PASS:
            top = max((f.score for f in self.findings), default=0.0)
            return round(1.0 - top, 4)
        return 0.0

    @property
    def explanation(self) -> str:
        if self.deciding:
            return "; ".join(dict.fromkeys(f.explanation for f in self.deciding))
        if self.undecided:
            return "; ".join(f"{u.evaluator}: {u.reason}" for u in self.undecided)
        return "no finding"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "action": self.action.value,
            "mode": self.mode.value,
            "status": self.action is Action.PASS,
            "fail_category": self.fail_category,
            "categories": self.categories,
            "explanation": self.explanation,
            "confidence": round(self.confidence, 4),
            "findings": [f.to_dict() for f in self.findings],
            "undecided": [u.to_dict() for u in self.undecided],
            "latency_ms": round(self.latency_ms, 3),
            "evaluator_ms": {k: round(v, 3) for k, v in self.evaluator_ms.items()},
        }

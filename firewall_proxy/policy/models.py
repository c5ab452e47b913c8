"""The policy file, as typed pydantic models (and so as a JSON Schema).

A policy says which requests to inspect (``routes``), how (``evaluators``),
and what to do with what is found (``rules``, ``default_action``,
``on_undecided``, ``mode``). Unknown keys are errors everywhere. Secrets are
never written in a policy: fields ending in ``_env`` name an environment
variable that holds them.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from firewall_proxy.findings import Action, Mode

__all__ = [
    "ApiConfig",
    "BlockResponse",
    "EnvVarName",
    "EvaluatorConfig",
    "EventsConfig",
    "ExtractorName",
    "Limits",
    "OutboundConfig",
    "Policy",
    "Route",
    "Rule",
    "Scope",
]

ExtractorName = Literal[
    "openai_chat",
    "anthropic_messages",
    "aiandme",
    "json",
    "image",
    "multipart",
    "datapoint",
    "text",
]

EnvVarName = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
        description="Name of an environment variable that holds the secret (never the secret).",
    ),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Route(_Model):
    """Which requests are inspected, and how their body is read."""

    path: str = Field(
        description="Path pattern: literal segments, '{name}' for one segment, '*' at the end "
        "for any rest. Matched on the normalised path (duplicate slashes, '.' and '..' folded).",
        examples=["/v1/chat/completions", "/v1/models/{model}/classify", "/api/*"],
    )
    methods: list[str] = Field(default_factory=lambda: ["POST"])
    extractor: ExtractorName = Field(description="How the body becomes a payload.")
    options: dict[str, Any] = Field(
        default_factory=dict,
        description="Extractor options, e.g. for 'json': {fields: {'/input': 'user'}}.",
    )
    on_parse_error: Literal["reject", "forward"] = Field(
        "reject",
        description="A body that does not parse: 'reject' answers 400 and never forwards; "
        "'forward' passes it through unevaluated (and records a flag event).",
    )
    response_format: Literal["auto", "openai", "anthropic", "json"] = Field(
        "auto", description="Shape of block/error bodies; 'auto' follows the extractor."
    )
    max_body_bytes: int | None = Field(
        None, gt=0, description="Body limit for this route (default: limits.max_body_bytes)."
    )

    @field_validator("path")
    @classmethod
    def _path_shape(cls, v: str) -> str:
        if not v.startswith("/"):
            raise ValueError("must start with '/'")
        if "*" in v[:-1]:
            raise ValueError("'*' is only allowed as the last character")
        return v

    @field_validator("methods")
    @classmethod
    def _methods_upper(cls, v: list[str]) -> list[str]:
        out = [m.upper() for m in v]
        for m in out:
            if not re.fullmatch(r"[A-Z]+", m):
                raise ValueError(f"not an HTTP method: {m!r}")
        return out


class EvaluatorConfig(_Model):
    """One evaluator in the chain."""

    name: str = Field(description="Registry name (e.g. 'invisible_chars') or 'module:Class'.")
    options: dict[str, Any] = Field(default_factory=dict)
    timeout_ms: float = Field(1000.0, gt=0, description="Time limit; past it: undecided.")
    stage: int | None = Field(
        None,
        ge=0,
        le=9,
        description="Cascade stage; lower stages run first. Default: 0 for cheap evaluators, "
        "1 for expensive ones.",
    )
    run: Literal["always", "when_uncertain"] = Field(
        "always",
        description="'when_uncertain': only run when an earlier stage produced a finding with "
        "a score inside 'uncertain' (or, with no such finding, never).",
    )
    uncertain: tuple[float, float] = Field(
        (0.2, 0.9), description="Score band [low, high) that counts as uncertain."
    )
    enabled: bool = True


class Rule(_Model):
    """A finding of ``category`` with score >= ``min_score`` leads to ``action``."""

    category: str = Field(description="A category, or '*' for any.")
    min_score: float = Field(0.0, ge=0.0, le=1.0)
    action: Action


class BlockResponse(_Model):
    """What a blocked request is answered with (it never reaches the upstream)."""

    status: int = Field(403, ge=400, le=599)
    message: str = "Request blocked by the firewall policy."
    body: dict[str, Any] | None = Field(
        None, description="A fixed JSON body; default: an error shaped like the route's API."
    )
    headers: dict[str, str] = Field(default_factory=dict)


class Limits(_Model):
    max_body_bytes: int = Field(1_048_576, gt=0, description="Larger bodies are answered 413.")


class EventsConfig(_Model):
    excerpt: Literal["none", "redacted", "raw"] = Field(
        "redacted",
        description="What of the payload an event keeps: nothing, a redacted excerpt, or "
        "(opt-in) the raw text.",
    )
    excerpt_chars: int = Field(240, ge=0, le=10_000)
    overflow: Literal["spill", "drop"] = Field(
        "spill",
        description="When the event queue is full (store slow or down): spill events to a "
        "local JSONL file that is replayed into the store later, or drop them (counted).",
    )
    queue_size: int = Field(
        10_000,
        ge=1,
        le=10_000_000,
        description="Events held in memory while waiting for the store.",
    )
    retention_days: float | None = Field(
        30.0, gt=0, description="Delete events older than this many days (null: keep)."
    )
    retention_max_events: int | None = Field(
        1_000_000, gt=0, description="Keep at most this many events, the newest (null: no cap)."
    )


class ApiConfig(_Model):
    """How the verdict API (``POST /firewall/{project_id}``) answers for this policy's project."""

    compat: Literal["default", "aiandme"] = Field(
        default="default",
        description="'aiandme': answer as the ai+me 0.5.0 client reads it (the category token "
        "pass|off_topic|violation|restriction|... in 'explanation', the human explanation in "
        "'reason'); 'default': the documented firewall-proxy shape.",
    )
    rate_limit: str | None = Field(
        default=None,
        pattern=r"^\s*\d+\s*/\s*(\d+\s*)?(s|sec|second|m|min|minute|h|hour|d|day)s?\s*$",
        description="Requests allowed per API key, e.g. '600/minute' or '20/10s'; a key's own "
        "limit (keys create --rate-limit) takes precedence. None: unlimited.",
        examples=["600/minute", "20/s", "100/10s"],
    )


class Scope(_Model):
    """The application's business scope, for off_topic / violation / restriction."""

    business: str = Field(description="One paragraph describing what the application is for.")
    permitted: list[str] = Field(default_factory=list, description="Intents the app serves.")
    restricted: list[str] = Field(
        default_factory=list, description="Actions the app must not perform."
    )
    examples: dict[str, list[str]] = Field(
        default_factory=dict, description="Example user utterances per intent."
    )
    context: str | None = Field(None, description="Extra context for the judge.")

    @model_validator(mode="after")
    def _examples_name_intents(self) -> Scope:
        known = set(self.permitted) | set(self.restricted)
        unknown = [k for k in self.examples if k not in known]
        if unknown:
            raise ValueError(f"examples for unknown intents: {unknown}")
        return self


class OutboundConfig(_Model):
    """The policy's ``outbound:`` section: what is done to the upstream's answers."""

    scan: list[Literal["pii", "secrets"]] = Field(
        default_factory=list, description="Scan answers for personal data and/or credentials."
    )
    entities: list[str] | None = Field(
        None, description="Only these entity types (default: all of the scanned kinds)."
    )
    min_score: float = Field(
        0.7, ge=0.0, le=1.0, description="Answer findings below this score are ignored."
    )
    canary: bool = Field(
        False,
        description="Add a per-request canary token to the system prompt (OpenAI and "
        "Anthropic routes) and treat its appearance in an answer as a prompt leak.",
    )
    restore: bool = Field(
        False,
        description="Put the originals back for the placeholders the pii/secrets "
        "evaluators wrote into the request (kept in memory for this request only).",
    )
    on_leak: Literal["mask", "block", "flag"] = Field(
        "mask",
        description="mask: replace the value in flight; block: refuse the answer "
        "(streams are cut with an error event); flag: record only.",
    )
    holdback_chars: int = Field(
        96,
        ge=16,
        le=4096,
        description="Characters of a streamed text held back so a value "
        "split across chunks is seen whole.",
    )
    max_body_bytes: int = Field(
        8 * 1024 * 1024,
        gt=0,
        description="Larger non-streamed answers pass unscanned (and are recorded as a flag).",
    )

    @field_validator("entities")
    @classmethod
    def _known_entities(cls, v: list[str] | None) -> list[str] | None:
        from firewall_proxy.evaluate.pii.matches import PII_ENTITIES, SECRET_ENTITIES

        known = PII_ENTITIES | SECRET_ENTITIES
        if v is not None and (unknown := [e for e in v if e not in known]):
            raise ValueError(f"unknown entity types {unknown}; known: {sorted(known)}")
        return v

    @property
    def active(self) -> bool:
        return bool(self.scan) or self.canary or self.restore


class Policy(_Model):
    """A firewall policy file."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, json_schema_extra={"title": "firewall-proxy policy"}
    )

    version: Literal[1] = 1
    name: str = "policy"
    description: str | None = None
    mode: Mode = Mode.ENFORCE
    default_action: Action = Field(
        Action.PASS, description="Action for a finding of a category that no rule names."
    )
    on_undecided: Literal["pass", "flag", "block"] = Field(
        "flag",
        description="Action when an evaluator errors, times out or cannot decide "
        "('pass' = fail-open, 'block' = fail-closed).",
    )
    unmatched_routes: Literal["forward", "block"] = Field(
        "forward",
        description="Requests whose path/method match no route: forward untouched, or block.",
    )
    routes: list[Route] = Field(default_factory=list)
    evaluators: list[EvaluatorConfig] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    limits: Limits = Limits()
    block_response: BlockResponse = BlockResponse()
    events: EventsConfig = EventsConfig()
    scope: Scope | None = None
    api: ApiConfig = Field(default_factory=ApiConfig)
    outbound: OutboundConfig = Field(  # issue 4: answers coming out
        default_factory=OutboundConfig,
        description="Scan the upstream's answers (PII, credentials, canary) and restore "
        "placeholders; see docs/pii.md.",
    )

    @model_validator(mode="after")
    def _unique_evaluators(self) -> Policy:
        names = [e.name for e in self.evaluators]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"evaluators listed twice: {dupes}")
        return self

"""The ``pii`` and ``secrets`` evaluators: findings with an impute fix per value.

Flow position: extract -> **evaluate** -> decide -> enforce (impute). Each
finding points at one value (``part``, ``span``), names its entity type in
``data`` (never the value itself) and carries a
:class:`~firewall_proxy.findings.Fix` that replaces exactly that span of the
string at the text part's JSON pointer, so an ``impute`` verdict forwards the
request with only those characters changed. A policy rule maps the finding to
an action, e.g. ``{category: pii, min_score: 0.5, action: impute}``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field, field_validator

from firewall_proxy._exceptions import PolicyError
from firewall_proxy.evaluate.base import EvalContext, Evaluator, EvaluatorOptions
from firewall_proxy.evaluate.pii.matches import PII_ENTITIES, SECRET_ENTITIES
from firewall_proxy.evaluate.pii.redact import RedactionMode, RedactionSession
from firewall_proxy.evaluate.pii.scanner import DEFAULT_PHONE_REGIONS, Scanner
from firewall_proxy.extract.payload import Payload, TextRole
from firewall_proxy.findings import Category, Finding, Fix

if TYPE_CHECKING:
    from firewall_proxy.policy.models import Policy

__all__ = ["PiiEvaluator", "PiiOptions", "SecretsEvaluator", "SecretsOptions"]


_DEFAULT_ROLES: tuple[TextRole, ...] = ("user", "assistant", "document", "tool")


class _ScanOptions(EvaluatorOptions):
    known: ClassVar[frozenset[str]] = frozenset()

    entities: list[str] | None = Field(
        None, description="Entity types to detect (default: all of this evaluator's)."
    )
    exclude: list[str] = Field(default_factory=list, description="Entity types not to detect.")
    min_score: float = Field(0.5, ge=0.0, le=1.0, description="Findings below are not reported.")
    redaction: RedactionMode = Field(
        "placeholder", description="How values are replaced on impute: placeholder | mask | hash."
    )
    per_entity: dict[str, RedactionMode] = Field(
        default_factory=dict, description="Redaction mode per entity type, e.g. {CARD: mask}."
    )
    hash_key_env: str | None = Field(
        None,
        pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
        description="Environment variable holding the HMAC key for 'hash' redaction.",
    )
    restore: bool | None = Field(
        None,
        description="Keep placeholder -> original in memory for this request so answers "
        "can be restored; default: the policy's outbound.restore.",
    )
    roles: list[TextRole] = Field(
        default_factory=lambda: list(_DEFAULT_ROLES),
        description="Which text parts are scanned (the system prompt is the app's own).",
    )
    ignore_test_values: bool = Field(
        True, description="Ignore published test values (test card numbers, AWS example keys)."
    )
    allow: list[str] = Field(
        default_factory=list, description="Values never reported (e.g. the support address)."
    )

    @field_validator("entities", "exclude")
    @classmethod
    def _known_entities(cls, v: list[str] | None) -> list[str] | None:
        if v is not None:
            unknown = [e for e in v if e not in cls.known]
            if unknown:
                raise ValueError(f"unknown entity types {unknown}; known: {sorted(cls.known)}")
        return v

    @field_validator("per_entity")
    @classmethod
    def _known_per_entity(cls, v: dict[str, RedactionMode]) -> dict[str, RedactionMode]:
        unknown = [e for e in v if e not in cls.known]
        if unknown:
            raise ValueError(f"unknown entity types {unknown}; known: {sorted(cls.known)}")
        return v

    def selected(self) -> frozenset[str]:
        chosen = frozenset(self.entities) if self.entities is not None else self.known
        return chosen - frozenset(self.exclude)


class PiiOptions(_ScanOptions):
    known: ClassVar[frozenset[str]] = PII_ENTITIES

    phone_regions: list[str] = Field(
        default_factory=lambda: list(DEFAULT_PHONE_REGIONS),
        description="Regions (ISO 3166 alpha-2) tried for numbers without a '+' prefix.",
    )


class SecretsOptions(_ScanOptions):
    known: ClassVar[frozenset[str]] = SECRET_ENTITIES

    entropy: bool = Field(True, description="Report random-looking tokens (HIGH_ENTROPY).")


class _ScanEvaluator(Evaluator):
    category: ClassVar[str] = ""
    label: ClassVar[str] = ""
    options: _ScanOptions

    def __init__(
        self,
        options: EvaluatorOptions | None = None,
        *,
        restore_default: bool = False,
        hash_key: bytes | None = None,
    ) -> None:
        super().__init__(options)
        opts = self.options
        self._restore = opts.restore if opts.restore is not None else restore_default
        self._hash_key = hash_key
        self._roles = frozenset(opts.roles)
        self.scanner = self._make_scanner()

    def _make_scanner(self) -> Scanner:
        raise NotImplementedError

    @classmethod
    def from_config(cls, options: dict[str, Any] | None, policy: Policy | None = None) -> Evaluator:
        opts = cls.Options.model_validate(options or {})
        assert isinstance(opts, _ScanOptions)
        outbound = getattr(policy, "outbound", None)
        restore_default = bool(getattr(outbound, "restore", False))
        hash_key: bytes | None = None
        uses_hash = opts.redaction == "hash" or "hash" in opts.per_entity.values()
        if uses_hash:
            if opts.hash_key_env is None:
                raise PolicyError(
                    f"evaluator {cls.name!r}: 'hash' redaction needs "
                    "options.hash_key_env (the variable holding the HMAC key)"
                )
            value = os.environ.get(opts.hash_key_env)
            if not value:
                raise PolicyError(
                    f"evaluator {cls.name!r}: environment variable "
                    f"{opts.hash_key_env!r} (options.hash_key_env) is not set"
                )
            hash_key = value.encode()
        return cls(opts, restore_default=restore_default, hash_key=hash_key)

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        parts = [(i, p) for i, p in enumerate(payload.texts) if p.role in self._roles]
        found = [(i, p, self.scanner.scan(p.text)) for i, p in parts]
        if not any(matches for _, _, matches in found):
            return []
        session = RedactionSession(
            default=self.options.redaction,
            per_entity=self.options.per_entity,
            hash_key=self._hash_key,
            restore=ctx.restore if self._restore else None,
            taken="\n".join(p.text for p in payload.texts) if self._restore else "",
        )
        findings: list[Finding] = []
        for i, part, matches in found:
            for m in matches:
                replacement = session.replacement(m.entity, part.text[m.start : m.end])
                findings.append(
                    self.finding(
                        self.category,
                        m.score,
                        f"{self.label}: {m.entity}",
                        part=i,
                        span=m.span,
                        fix=Fix(target=part.target, replacement=replacement, span=m.span),
                        data={"entity": m.entity, "validated": m.validated},
                    )
                )
        return findings


class PiiEvaluator(_ScanEvaluator):
    """Personal data: e-mail, phone, card, IBAN, national ids, IP, address, date of birth."""

    name: ClassVar[str] = "pii"
    Options: ClassVar[type[EvaluatorOptions]] = PiiOptions
    category: ClassVar[str] = Category.PII.value
    label: ClassVar[str] = "personal data"
    options: PiiOptions

    def _make_scanner(self) -> Scanner:
        opts = self.options
        return Scanner(
            opts.selected(),
            min_score=opts.min_score,
            phone_regions=opts.phone_regions,
            ignore_test_values=opts.ignore_test_values,
            allow=opts.allow,
        )


class SecretsEvaluator(_ScanEvaluator):
    """Credentials: cloud keys, provider tokens, private keys, JWTs, passwords, entropy."""

    name: ClassVar[str] = "secrets"
    Options: ClassVar[type[EvaluatorOptions]] = SecretsOptions
    category: ClassVar[str] = Category.SECRET.value
    label: ClassVar[str] = "credential"
    options: SecretsOptions

    def _make_scanner(self) -> Scanner:
        opts = self.options
        return Scanner(
            opts.selected(),
            min_score=opts.min_score,
            entropy=opts.entropy,
            ignore_test_values=opts.ignore_test_values,
            allow=opts.allow,
        )

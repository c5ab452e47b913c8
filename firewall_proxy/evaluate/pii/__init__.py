"""PII and secret detection, and redaction for the ``impute`` action.

Flow position: **evaluate** (the ``pii`` and ``secrets`` evaluators, request
side) and **enforce** (:mod:`firewall_proxy.enforce.outbound` scans answers
with the same :class:`Scanner`). See ``docs/pii.md``.
"""

from firewall_proxy.evaluate.pii.evaluator import (
    PiiEvaluator,
    PiiOptions,
    SecretsEvaluator,
    SecretsOptions,
)
from firewall_proxy.evaluate.pii.matches import CLOUD_KEYS, PII_ENTITIES, SECRET_ENTITIES, Match
from firewall_proxy.evaluate.pii.redact import RedactionMode, RedactionSession, mask
from firewall_proxy.evaluate.pii.scanner import Scanner

__all__ = [
    "CLOUD_KEYS",
    "PII_ENTITIES",
    "SECRET_ENTITIES",
    "Match",
    "PiiEvaluator",
    "PiiOptions",
    "RedactionMode",
    "RedactionSession",
    "Scanner",
    "SecretsEvaluator",
    "SecretsOptions",
    "mask",
]

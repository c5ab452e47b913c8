"""Evaluator names -> ``"module:Class"`` strings, resolved lazily.

Importing this module imports no evaluator: a policy that never names the
semantic model never loads numpy or a tokenizer. A policy may also name a
third-party evaluator directly by its ``"package.module:Class"`` string.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from firewall_proxy._exceptions import PolicyError

if TYPE_CHECKING:
    from firewall_proxy.evaluate.base import Evaluator

__all__ = ["BUILTIN_EVALUATORS", "resolve_evaluator"]

BUILTIN_EVALUATORS: dict[str, str] = {
    # core: cheap, dependency-free
    "limits": "firewall_proxy.evaluate.limits:LimitsEvaluator",
    "banned_patterns": "firewall_proxy.evaluate.patterns:BannedPatternsEvaluator",
    "invisible_chars": "firewall_proxy.evaluate.invisible:InvisibleCharsEvaluator",
    # prompt attacks: phrase families + a small numpy model (loads model.npz in load())
    "prompt_attacks": "firewall_proxy.evaluate.attacks.evaluator:PromptAttacksEvaluator",
    "obfuscation": "firewall_proxy.evaluate.attacks.obfuscation:ObfuscationEvaluator",
    # PII and credentials (issue 4): impute = redact
    "pii": "firewall_proxy.evaluate.pii.evaluator:PiiEvaluator",
    "secrets": "firewall_proxy.evaluate.pii.evaluator:SecretsEvaluator",
    # images: Pillow + numpy, loaded only when a policy names them
    "image_quality": "firewall_proxy.evaluate.image:ImageQualityEvaluator",
    "prediction": "firewall_proxy.evaluate.image:PredictionEvaluator",
    # business scope (issue 5): MiniLM on the CPU, and an LLM judge where it pays
    "scope": "firewall_proxy.evaluate.scope.evaluator:ScopeEvaluator",
    "llm_judge": "firewall_proxy.evaluate.scope.judge:LLMJudge",
}


def resolve_evaluator(name: str) -> type[Evaluator]:
    """Return the evaluator class for a registry name or a ``"module:Class"`` string."""
    from firewall_proxy.evaluate.base import Evaluator

    target = BUILTIN_EVALUATORS.get(name, name)
    module_name, sep, attr = target.partition(":")
    if not sep or not module_name or not attr:
        known = ", ".join(sorted(BUILTIN_EVALUATORS))
        raise PolicyError(f"unknown evaluator {name!r}; known: {known}, or 'module:Class'")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise PolicyError(f"evaluator {name!r}: cannot import {module_name!r}: {exc}") from exc
    except Exception as exc:  # a plug-in that fails on import is a policy problem, not a crash
        raise PolicyError(
            f"evaluator {name!r}: importing {module_name!r} failed: {type(exc).__name__}: {exc}"
        ) from exc
    cls = getattr(module, attr, None)
    if not (isinstance(cls, type) and issubclass(cls, Evaluator)):
        raise PolicyError(f"evaluator {name!r}: {target!r} is not an Evaluator subclass")
    return cls

"""Prompt attack detection: ``prompt_attacks`` (injection, jailbreak, harmful) and
``obfuscation`` evaluators, their phrase-family signals and the bundled model.

Flow position: extract -> **evaluate** -> decide. Importing this package loads
no model and no numpy; ``PromptAttacksEvaluator.load()`` reads ``model.npz``.
See ``MODEL_CARD.md`` next to the model for data, features and measured figures.
"""

from __future__ import annotations

from firewall_proxy.evaluate.attacks.evaluator import PromptAttacksEvaluator, PromptAttacksOptions
from firewall_proxy.evaluate.attacks.obfuscation import ObfuscationEvaluator, ObfuscationOptions

__all__ = [
    "ObfuscationEvaluator",
    "ObfuscationOptions",
    "PromptAttacksEvaluator",
    "PromptAttacksOptions",
]

"""Fixtures shared by the evaluator tests."""

from __future__ import annotations

import pytest

from firewall_proxy.evaluate.attacks import PromptAttacksEvaluator


@pytest.fixture(scope="module")
def signals() -> PromptAttacksEvaluator:
    """The phrase families alone (``detectors: [signals]``, the first stage of default.yaml)."""
    ev = PromptAttacksEvaluator.from_config({"detectors": ["signals"]})
    assert isinstance(ev, PromptAttacksEvaluator)
    return ev

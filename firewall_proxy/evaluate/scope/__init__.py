"""Business scope: off_topic / violation / restriction against a policy's ``scope:``.

Flow position: evaluate stage. ``scope`` (:mod:`.evaluator`) answers most
requests locally with sentence embeddings (:mod:`.embedder`, :mod:`.index`);
``llm_judge`` (:mod:`.judge`) asks a chat model where that is uncertain.
Importing this package loads no model: heavy modules are imported in ``load()``.
"""

from __future__ import annotations

from firewall_proxy.evaluate.scope.evaluator import ScopeEvaluator, ScopeOptions
from firewall_proxy.evaluate.scope.judge import LLMJudge, LLMJudgeOptions

__all__ = ["LLMJudge", "LLMJudgeOptions", "ScopeEvaluator", "ScopeOptions"]

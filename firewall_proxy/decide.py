"""Decide: findings -> one action, as the policy's rules say.

Flow position: evaluate -> **decide** -> enforce. Each finding is matched
against the rules for its category (and ``*`` rules); the strongest matching
rule's action wins for that finding (``pass`` when it meets no rule's
``min_score``), a finding of a category no rule names gets the action its
evaluator suggests (``data["action"]``, as a fitted image rules file does) or
else ``default_action``, an undecided evaluator contributes ``on_undecided``,
and the request's action is the strongest of all: block > impute > flag > pass.
"""

from __future__ import annotations

from firewall_proxy.findings import ACTION_RANK, Action, Finding, Undecided
from firewall_proxy.policy.models import Policy

__all__ = ["Decider"]

_ACTIONS = frozenset(a.value for a in Action)


class Decider:
    """Pre-indexes a policy's rules; ``decide`` is a few dict lookups per finding."""

    def __init__(self, policy: Policy) -> None:
        self._by_category: dict[str, list[tuple[float, Action]]] = {}
        for rule in policy.rules:
            self._by_category.setdefault(rule.category, []).append((rule.min_score, rule.action))
        self._wildcard = self._by_category.pop("*", [])
        self.default_action = policy.default_action
        self.on_undecided = Action(policy.on_undecided)

    def action_for(self, finding: Finding) -> Action:
        """The strongest rule the finding meets; ``pass`` when its category has rules but
        it meets none of their thresholds; ``default_action`` when no rule names it."""
        rules = (*self._by_category.get(finding.category, ()), *self._wildcard)
        if not rules:
            # A fitted rules file (images) carries its own action per rule: it applies
            # unless the policy names the category itself.
            suggested = finding.data.get("action") if finding.data else None
            if isinstance(suggested, str) and suggested in _ACTIONS:
                return Action(suggested)
            return self.default_action
        best = Action.PASS
        for min_score, action in rules:
            if finding.score >= min_score and ACTION_RANK[action] > ACTION_RANK[best]:
                best = action
        return best

    def decide(
        self, findings: list[Finding], undecided: list[Undecided]
    ) -> tuple[Action, list[Finding]]:
        """The request's action and the findings that led to it."""
        action = Action.PASS
        deciding: list[Finding] = []
        for f in findings:
            a = self.action_for(f)
            rank, current = ACTION_RANK[a], ACTION_RANK[action]
            if rank > current:
                action, deciding = a, [f]
            elif rank == current and a is not Action.PASS:
                deciding.append(f)
        if undecided and ACTION_RANK[self.on_undecided] > ACTION_RANK[action]:
            action, deciding = self.on_undecided, []
        return action, deciding

    def blocks(self, findings: list[Finding]) -> bool:
        """True when ``findings`` alone already decide ``block`` (later stages can't change it)."""
        return any(self.action_for(f) is Action.BLOCK for f in findings)

from __future__ import annotations

from firewall_proxy import Action, Finding, Undecided, load_policy_text
from firewall_proxy.decide import Decider

POLICY = """
default_action: flag
on_undecided: block
rules:
  - {category: injection, min_score: 0.9, action: block}
  - {category: injection, min_score: 0.5, action: flag}
  - {category: pii, action: impute}
  - {category: off_topic, action: pass}
"""


def _decider(text: str = POLICY) -> Decider:
    return Decider(load_policy_text(text))


def f(category: str, score: float) -> Finding:
    return Finding(category, score, f"{category} {score}")


def test_score_thresholds_pick_the_strongest_matching_rule() -> None:
    d = _decider()
    assert d.decide([f("injection", 0.95)], [])[0] is Action.BLOCK
    assert d.decide([f("injection", 0.6)], [])[0] is Action.FLAG
    assert d.decide([], [])[0] is Action.PASS


def test_finding_below_every_rule_threshold_passes() -> None:
    assert _decider().decide([f("injection", 0.3)], [])[0] is Action.PASS


def test_default_action_for_unruled_category() -> None:
    action, deciding = _decider().decide([f("secret", 0.4)], [])
    assert action is Action.FLAG and [x.category for x in deciding] == ["secret"]


def test_precedence_block_over_impute_over_flag() -> None:
    d = _decider()
    action, deciding = d.decide([f("pii", 1.0), f("injection", 0.6)], [])
    assert action is Action.IMPUTE and [x.category for x in deciding] == ["pii"]
    action, deciding = d.decide([f("pii", 1.0), f("injection", 0.95)], [])
    assert action is Action.BLOCK and [x.category for x in deciding] == ["injection"]


def test_explicit_pass_rule_allows() -> None:
    assert _decider().decide([f("off_topic", 0.99)], [])[0] is Action.PASS


def test_undecided_uses_on_undecided_unless_something_stronger() -> None:
    d = _decider()
    action, deciding = d.decide([], [Undecided("judge", "timed out")])
    assert action is Action.BLOCK and deciding == []
    fail_open = _decider("on_undecided: pass\n")
    assert fail_open.decide([], [Undecided("judge", "5xx")])[0] is Action.PASS


def test_wildcard_rule() -> None:
    d = _decider("rules:\n  - {category: '*', min_score: 0.5, action: block}\n")
    assert d.decide([f("anything", 0.7)], [])[0] is Action.BLOCK
    assert d.decide([f("anything", 0.2)], [])[0] is Action.PASS


def test_an_evaluator_suggested_action_applies_when_no_rule_names_the_category() -> None:
    d = _decider("default_action: flag\nrules:\n  - {category: blur, action: pass}\n")
    corrupt = Finding("corrupt", 1.0, "truncated", data={"action": "block"})
    noisy = Finding("noise", 0.8, "noisy", data={"action": "nonsense"})
    blurred = Finding("blur", 0.9, "blurred", data={"action": "block"})
    assert d.decide([corrupt], [])[0] is Action.BLOCK
    assert d.decide([noisy], [])[0] is Action.FLAG, "an unknown suggestion falls back"
    assert d.decide([blurred], [])[0] is Action.PASS, "the policy's own rule wins"

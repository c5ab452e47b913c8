from __future__ import annotations

import time

from firewall_proxy import Action, Engine, Payload, load_policy_text
from tests.plugins import Slow


def _engine(text: str) -> Engine:
    return Engine(load_policy_text(text))


async def test_timeout_becomes_undecided_and_on_undecided_decides() -> None:
    engine = _engine("""
on_undecided: block
evaluators:
  - {name: "tests.plugins:Slow", timeout_ms: 50, options: {seconds: 5}}
""")
    start = time.perf_counter()
    verdict = await engine.scan_text("hello")
    assert time.perf_counter() - start < 2, "the timeout must interrupt the evaluator"
    assert verdict.action is Action.BLOCK
    assert verdict.cannot_decide
    assert "timed out after 50 ms" in verdict.undecided[0].reason


async def test_evaluator_errors_are_undecided_not_crashes() -> None:
    engine = _engine("""
on_undecided: flag
evaluators:
  - {name: "tests.plugins:Broken"}
  - {name: "tests.plugins:Unsure"}
""")
    verdict = await engine.scan_text("hello")
    assert verdict.action is Action.FLAG
    reasons = {u.evaluator: u.reason for u in verdict.undecided}
    assert reasons == {"broken": "error: RuntimeError", "unsure": "no scope configured"}
    assert "model file vanished" not in verdict.explanation


async def test_fail_open_passes_when_undecided() -> None:
    engine = _engine("on_undecided: pass\nevaluators:\n  - {name: 'tests.plugins:Broken'}\n")
    assert (await engine.scan_text("hi")).action is Action.PASS


async def test_expensive_stage_runs_only_when_cheap_stage_is_uncertain() -> None:
    engine = _engine("""
evaluators:
  - name: banned_patterns
    options:
      patterns:
        - {name: maybe, literal: "maybe bad", category: injection, score: 0.5}
        - {name: surely, literal: "surely bad", category: injection, score: 1.0}
  - name: "tests.plugins:Slow"
    run: when_uncertain
    uncertain: [0.3, 0.9]
    options: {seconds: 0, category: injection, score: 0.95}
rules:
  - {category: injection, min_score: 0.9, action: block}
  - {category: injection, min_score: 0.4, action: flag}
""")
    Slow.calls = 0
    clean = await engine.scan_text("hello there")
    assert clean.action is Action.PASS and Slow.calls == 0
    uncertain = await engine.scan_text("this is maybe bad")
    assert Slow.calls == 1, "an uncertain cheap finding must escalate"
    assert uncertain.action is Action.BLOCK
    sure = await engine.scan_text("this is surely bad")
    assert sure.action is Action.BLOCK and Slow.calls == 1, "a decided block skips later stages"


async def test_io_bound_evaluators_in_one_stage_run_concurrently() -> None:
    # Each evaluator waits (up to 2 s) for the other to have started: run one after
    # the other, the first would time out and be undecided.
    engine = _engine("""
evaluators:
  - {name: "tests.plugins:Rendezvous", timeout_ms: 2000}
  - {name: "tests.plugins:Rendezvous2", timeout_ms: 2000}
""")
    verdict, _ = await engine.evaluate(Payload.from_text("x"))
    assert verdict.undecided == []
    assert sorted(f.evaluator for f in verdict.findings) == ["rendezvous", "rendezvous2"]

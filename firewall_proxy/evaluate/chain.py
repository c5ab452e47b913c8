"""The evaluator chain: runs a policy's evaluators in cascade stages.

Stage 0 holds the cheap evaluators, later stages the expensive ones (models,
LLM judges). Inside a stage, I/O-bound evaluators run concurrently; cheap CPU
evaluators run inline (a task per evaluator would cost more than the work).
A later stage is skipped once the findings so far already decide ``block``,
and an evaluator with ``run: when_uncertain`` only runs when an earlier
finding's score lies in its uncertain band.

Time limits interrupt awaiting evaluators (I/O, or work handed to a thread);
a cheap CPU evaluator cannot be interrupted mid-call, so it is measured.
Errors, timeouts and :class:`CannotDecide` become :class:`Undecided` entries.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from firewall_proxy.evaluate.base import CannotDecide, EvalContext, Evaluator
from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Finding, Undecided
from firewall_proxy.policy.models import EvaluatorConfig

__all__ = ["Chain", "ChainEntry", "ChainResult"]

logger = logging.getLogger("firewall_proxy.evaluate")


@dataclass(slots=True)
class ChainEntry:
    evaluator: Evaluator
    config: EvaluatorConfig
    stage: int
    timeout_s: float

    @property
    def name(self) -> str:
        return self.evaluator.name or self.config.name


@dataclass(slots=True)
class ChainResult:
    findings: list[Finding] = field(default_factory=list)
    undecided: list[Undecided] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)


class Chain:
    """Runs evaluators for one policy. Shared by all requests; holds no request state."""

    def __init__(self, entries: list[ChainEntry]) -> None:
        stages: dict[int, list[ChainEntry]] = {}
        for entry in entries:
            if entry.config.enabled:
                stages.setdefault(entry.stage, []).append(entry)
        self.stages: list[list[ChainEntry]] = [stages[k] for k in sorted(stages)]
        self.entries = [e for stage in self.stages for e in stage]

    def load(self) -> None:
        for entry in self.entries:
            entry.evaluator.load()

    def warm(self) -> None:
        for entry in self.entries:
            entry.evaluator.warm()

    async def aclose(self) -> None:
        for entry in self.entries:
            await entry.evaluator.aclose()

    async def run(
        self,
        payload: Payload,
        ctx: EvalContext,
        decided: Callable[[list[Finding]], bool] | None = None,
    ) -> ChainResult:
        result = ChainResult()
        for n, stage in enumerate(self.stages):
            if n and decided is not None and decided(result.findings):
                break
            runnable = [e for e in stage if _should_run(e, result.findings)]
            concurrent = [e for e in runnable if e.evaluator.io_bound]
            if len(concurrent) > 1:
                outcomes = await asyncio.gather(
                    *(self._run_one(e, payload, ctx, result) for e in concurrent)
                )
                del outcomes
                runnable = [e for e in runnable if not e.evaluator.io_bound]
            for entry in runnable:
                await self._run_one(entry, payload, ctx, result)
            ctx.findings = result.findings
        return result

    @staticmethod
    async def _run_one(
        entry: ChainEntry, payload: Payload, ctx: EvalContext, result: ChainResult
    ) -> None:
        name = entry.name
        start = time.perf_counter()
        try:
            if entry.evaluator.timed():
                async with asyncio.timeout(entry.timeout_s):
                    found = await entry.evaluator.evaluate(payload, ctx)
            else:
                found = await entry.evaluator.evaluate(payload, ctx)
        except CannotDecide as exc:
            result.undecided.append(Undecided(name, str(exc) or "cannot decide"))
        except TimeoutError:
            result.undecided.append(
                Undecided(name, f"timed out after {entry.timeout_s * 1000:.0f} ms")
            )
        except Exception as exc:  # an evaluator bug must not take the request down
            logger.exception("evaluator %s failed (%s)", name, type(exc).__name__)
            result.undecided.append(Undecided(name, f"error: {type(exc).__name__}"))
        else:
            result.findings.extend(found)
        result.timings_ms[name] = (time.perf_counter() - start) * 1000.0


def _should_run(entry: ChainEntry, findings: list[Finding]) -> bool:
    if entry.config.run == "always":
        return True
    low, high = entry.config.uncertain
    return any(low <= f.score < high for f in findings)

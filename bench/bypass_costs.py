"""What two bypass defences cost on the request path.

1. Ambiguous JSON keys (``firewall_proxy/extract/jsonkeys.py``): ``parse_json`` with the
   duplicate-key check versus a bare ``orjson.loads``, for chat bodies of 1 KB, 10 KB and
   200 KB, a body of many small objects, and the slow path (a body that forces the
   second parse, as one with an escaped colon does).
2. Attacks split over two parts (the seam scan in ``prompt_attacks``): the evaluator
   on conversations of 2, 10 and 40 alternating user/assistant turns, with and without
   the seam scan.

Figures are medians of many runs, in microseconds, on this machine.

Run:  nice .venv/bin/python bench/bypass_costs.py [--runs 300]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from firewall_proxy.evaluate.attacks.evaluator import PromptAttacksEvaluator
from firewall_proxy.evaluate.base import EvalContext, Evaluator
from firewall_proxy.extract.dispatch import parse_json
from firewall_proxy.extract.payload import Payload, TextPart
from firewall_proxy.findings import Finding

PROSE = "What can I cook with leeks, potatoes and a little cream: any ideas? "


def _median_us(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def _chat(size: int) -> bytes:
    text = (PROSE * (size // len(PROSE) + 1))[:size]
    return orjson.dumps(
        {
            "model": "m",
            "messages": [
                {"role": "system", "content": "Be kind."},
                {"role": "user", "content": text},
            ],
        }
    )


def json_keys(runs: int) -> None:
    bodies = {
        "chat 1 KB": _chat(1_000),
        "chat 10 KB": _chat(10_000),
        "chat 200 KB": _chat(200_000),
        "3000 small objects": orjson.dumps(
            {"items": [{"id": i, "name": f"n{i}", "tags": {"a": 1}} for i in range(3000)]}
        ),
        "slow path, 10 KB": _chat(10_000).replace(b"ideas?", b"ideas\\u003a", 1),
    }
    print("JSON key check (median us)")
    print(f"  {'body':22} {'bytes':>8} {'orjson.loads':>13} {'parse_json':>11} {'overhead':>9}")
    for name, body in bodies.items():
        n = max(20, runs // 10) if len(body) > 50_000 else runs
        bare = _median_us(partial(orjson.loads, body), n)
        checked = _median_us(partial(parse_json, body), n)
        print(f"  {name:22} {len(body):8d} {bare:13.1f} {checked:11.1f} {checked - bare:9.1f}")


class _NoSeams(PromptAttacksEvaluator):
    """The evaluator without the seam scan: the baseline."""

    def _across_parts(
        self, payload: Payload, ctx: EvalContext, found: list[Finding]
    ) -> list[Finding]:
        return []


async def _evaluations_us(evaluator: Evaluator, payload: Payload, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        await evaluator.evaluate(payload, EvalContext())  # a fresh context, as per request
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def seams(runs: int) -> None:
    with_seams = PromptAttacksEvaluator.from_config({"detectors": ["signals"]})
    without = _NoSeams.from_config({"detectors": ["signals"]})
    with_seams.load()
    without.load()
    print("Seam scan in prompt_attacks (median us per evaluation, user/assistant turns)")
    print(f"  {'conversation':22} {'no seams':>9} {'seams':>9} {'overhead':>9}")
    for turns in (2, 10, 40):
        payload = Payload(
            texts=[
                TextPart(PROSE * 4, "user" if i % 2 == 0 else "assistant", "", i)
                for i in range(turns)
            ]
        )
        base = asyncio.run(_evaluations_us(without, payload, runs))
        cost = asyncio.run(_evaluations_us(with_seams, payload, runs))
        print(f"  {f'{turns} turns':22} {base:9.1f} {cost:9.1f} {cost - base:9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    json_keys(args.runs)
    seams(args.runs)


if __name__ == "__main__":
    main()

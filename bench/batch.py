"""Batch evaluation throughput (``firewall-proxy test``), against a baseline in the same run.

Rows are 1 KB prompts built from the shared prompt data sets (attacks and
benign, with labels and timestamps; synthetic text when the data sets are
absent), written to a JSON Lines file. Measured, one after another:

  (a) engine only: ``await engine.evaluate`` in a plain loop over in-memory
      payloads — the ceiling for one process, no reading, no aggregation;
  (b) batch, 1 worker: read the file, evaluate, aggregate (labels, day bins,
      worst rows) and write a verdicts file — the whole ``test`` path;
  (c) batch, 2 workers: the same through the process pool.

For (b) and (c) it prints the wall-clock rate (including worker start-up and
engine loading) and the steady rate (first to last result). The target is
>= 3,000 rows/s for (c) with ``policies/default.yaml``. A second table runs
the same with only the core cheap evaluators (limits, invisible_chars,
banned_patterns), which separates the batch machinery's own cost from the
evaluators' (``--no-core`` skips it).

Run:  nice .venv/bin/python bench/batch.py [--rows 20000] [--policy policies/default.yaml]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from firewall_proxy.batch.columns import Columns  # noqa: E402
from firewall_proxy.batch.report import Collector  # noqa: E402
from firewall_proxy.batch.runner import run_records  # noqa: E402
from firewall_proxy.batch.sources import iter_source  # noqa: E402
from firewall_proxy.engine import Engine  # noqa: E402
from firewall_proxy.extract.payload import Payload  # noqa: E402
from firewall_proxy.policy.loader import load_policy  # noqa: E402

DATASETS = Path(os.environ.get("FIREWALL_PROXY_DATASETS", ROOT / ".." / "shared" / "datasets"))
FILES = (
    "deepset_prompt_injections.jsonl",
    "jackhhao_jailbreak_classification.jsonl",
    "bipia_standalone.jsonl",
    "gpteacher_roleplay.jsonl",
)
SIZE = 1024


def source_texts() -> tuple[list[tuple[str, str]], str]:
    rows: list[tuple[str, str]] = []
    for name in FILES:
        path = DATASETS / "prompts" / name
        if not path.exists():
            continue
        with path.open() as fh:
            for line in fh:
                doc = json.loads(line)
                rows.append((doc["text"], doc["label"]))
    if rows:
        return rows, f"{len(rows)} texts from {DATASETS / 'prompts'}"
    words = [
        "please",
        "help",
        "me",
        "with",
        "my",
        "account",
        "order",
        "transfer",
        "card",
        "fees",
        "how",
        "do",
        "i",
        "reset",
    ]
    rng = random.Random(0)
    synth = [(" ".join(rng.choice(words) for _ in range(300)), "benign") for _ in range(500)]
    return synth, "synthetic text (data sets not found; set FIREWALL_PROXY_DATASETS)"


def one_kb(text: str, pool: list[str], rng: random.Random) -> str:
    # Pad short prompts with other prompts' text, cut long ones: every row is 1 KB.
    out = text
    while len(out) < SIZE:
        out += "\n" + rng.choice(pool)
    return out[:SIZE]


def make_rows(n: int, path: Path) -> str:
    texts, origin = source_texts()
    rng = random.Random(1)
    pool = [t for t, _ in texts]
    start = 1_767_225_600  # 2026-01-01
    with path.open("w") as fh:
        for i in range(n):
            text, label = texts[i % len(texts)]
            row = {"text": one_kb(text, pool, rng), "label": label, "ts": start + i * 60}
            fh.write(json.dumps(row) + "\n")
    return origin


def engine_only(policy: str, path: Path) -> float:
    engine = Engine.from_file(policy)
    engine.load()
    payloads = [Payload.from_text(json.loads(line)["text"]) for line in path.open()]

    async def loop() -> float:
        t0 = time.perf_counter()
        for p in payloads:
            await engine.evaluate(p, route="batch", record=False)
        return time.perf_counter() - t0

    elapsed = asyncio.run(loop())
    return len(payloads) / elapsed


def _cpu() -> tuple[float, float]:
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def batch(policy: str, path: Path, workers: int, out: Path) -> tuple[float, float, int, float]:
    """(wall rows/s, steady rows/s, rows, projected rows/s on idle cores)."""
    pol = load_policy(policy)
    cpu0 = _cpu()
    cols = Columns(time="ts", verdicts=True)
    collector = Collector(cols.detect, bin_width="day")
    t0 = time.perf_counter()
    first = 0.0
    n = 0
    with out.open("w") as fh:
        for r in run_records(pol, iter_source(path), cols, workers=workers):
            if not n:
                first = time.perf_counter()
            collector.add(r)
            if r.verdict_line is not None:
                fh.write(r.verdict_line + "\n")
            n += 1
    end = time.perf_counter()
    collector.report(meta={})
    cpu1 = _cpu()
    parent, kids = cpu1[0] - cpu0[0], cpu1[1] - cpu0[1]
    # CPU seconds do not depend on what else runs on a shared machine: the rate
    # this run would reach on `workers` idle cores (parent and workers share them).
    projected = n * max(1, workers) / (parent + kids)
    steady = (n - 1) / (end - first) if end > first else float("nan")
    return n / (end - t0), steady, n, projected


CORE_POLICY = """
evaluators:
  - name: limits
    options: {max_chars: 100000}
  - name: invisible_chars
  - name: banned_patterns
    options:
      patterns:
        - {name: tag-spoof, regex: "<\\\\|?(im_start|system|endoftext)\\\\|?>", category: injection}
rules:
  - {category: injection, min_score: 0.5, action: block}
  - {category: obfuscation, min_score: 0.5, action: flag}
"""


def table(title: str, policy: str, data: Path, tmp: Path, rows: int) -> float:
    cpu0 = _cpu()[0]
    base = engine_only(policy, data)
    base_cpu = rows / (_cpu()[0] - cpu0)
    results = [("(a) engine only, 1 process", base, base, rows, base_cpu)]
    for w in (1, 2):
        wall, steady, n, projected = batch(policy, data, w, tmp / f"v{w}.jsonl")
        label = f"({'b' if w == 1 else 'c'}) batch, {w} worker{'s' if w > 1 else ''}"
        results.append((label, wall, steady, n, projected))
    print(f"\n{title}")
    print(
        f"{'setup':<30}{'rows':>7}{'rows/s wall':>13}{'steady':>9}{'vs (a)':>8}"
        f"{'idle-core projection':>22}"
    )
    for label, wall, steady, n, projected in results:
        print(
            f"{label:<30}{n:>7}{wall:>13,.0f}{steady:>9,.0f}{wall / base:>8.2f}{projected:>22,.0f}"
        )
    return results[-1][1], results[-1][4]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--policy", default=str(ROOT / "policies" / "default.yaml"))
    ap.add_argument("--no-core", action="store_true", help="skip the core-evaluators table")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        data = tmp / "rows.jsonl"
        origin = make_rows(args.rows, data)
        print(f"rows: {args.rows} x {SIZE} B prompts ({origin})")
        print(f"cores available: {len(os.sched_getaffinity(0))}, load average: {os.getloadavg()}")
        two, two_projected = table(f"policy {args.policy}", args.policy, data, tmp, args.rows)
        if not args.no_core:
            core = tmp / "core.yaml"
            core.write_text(CORE_POLICY)
            table(
                "core evaluators only (limits, invisible_chars, banned_patterns)",
                str(core),
                data,
                tmp,
                args.rows,
            )
    verdict = "meets" if two >= 3000 else "misses"
    print(
        f"\n{args.policy}, 2 workers: {two:,.0f} rows/s wall-clock — {verdict} the 3,000 target"
        f"\n(projection from CPU time on 2 idle cores, start-up included: "
        f"{two_projected:,.0f} rows/s; wall-clock rates on a shared machine depend on its load)"
    )


if __name__ == "__main__":
    main()

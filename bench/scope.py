"""Scope quality and speed: the semantic ``scope`` evaluator on CLINC150 and banking77.

Off-topic (CLINC150, ``../shared/datasets/scope/clinc150_dev.jsonl``): for each
choice of one or two domains, a policy scope is built whose permitted intents
are that domain's intents, with at most 10 example utterances per intent from
``train``. ``val`` queries of those domains are in scope; ``val`` queries of
every other domain plus ``oos_val`` are off-topic. Reported:

- AUROC of the off-scope score;
- off-topic recall at 95% / 98% in-scope pass (the threshold read off the
  in-scope scores of the reported split: the issue's metric, an upper bound);
- the *operating point* the evaluator really uses: its boundary comes from the
  policy's own examples (leave-one-out), never from ``val``; in-scope pass and
  off-topic recall at score >= 0.5, and the share of queries in the uncertain
  band (0.3-0.7) that would go to an LLM judge (or be "cannot decide" without
  one), and what is blocked outright (score >= 0.7).

Restricted intents (banking77 ``train``; the set has no other split): a few
intents are made restricted, the rest permitted, 10 examples per intent; the
other utterances are scored: restriction recall (restricted utterances with a
restriction score >= 0.5) and false-restriction rate (permitted utterances
with one).

Speed, one core (CPU affinity pinned, onnxruntime one thread): tokenise +
embed + score per query through ``ScopeEvaluator.evaluate`` with the LRU off,
median and p99, for each runtime; policy load with 150 intents x 10 examples,
cold (empty cache: graph build + all intent embeddings), cold intents (graph
cached) and warm (both cached).

Run:  nice .venv/bin/python bench/scope.py [--quick]   (--quick: two domains, int8 only)
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATASETS = Path(os.environ.get("FIREWALL_PROXY_DATASETS", ROOT / ".." / "shared" / "datasets"))
DOMAINS = [
    ("banking", "credit_cards"),
    ("travel", "auto_and_commute"),
    ("small_talk",),
    ("kitchen_and_dining", "home"),
    ("utility", "work"),
    ("meta",),
]
RESTRICTED_B77 = ["change_pin", "edit_personal_details", "terminate_account"]
BAND = (0.3, 0.7)


def _rows(name: str) -> list[dict[str, Any]]:
    path = DATASETS / "scope" / name
    if not path.is_file():
        sys.exit(f"missing data set {path} (set FIREWALL_PROXY_DATASETS)")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _auroc(pos: Any, neg: Any) -> float:
    import numpy as np

    values = np.concatenate([pos, neg])
    ranks = values.argsort(kind="mergesort").argsort() + 1.0
    # ties: average ranks
    order = np.argsort(values, kind="mergesort")
    sorted_v = values[order]
    i = 0
    while i < len(sorted_v):
        j = i
        while j + 1 < len(sorted_v) and sorted_v[j + 1] == sorted_v[i]:
            j += 1
        if j > i:
            ranks[order[i : j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    n_pos = len(pos)
    return float((ranks[:n_pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * len(neg)))


def _name(intent: str) -> str:
    return intent.replace("_", " ").rstrip("?")


def _scope(permitted: dict[str, list[str]], restricted: dict[str, list[str]], business: str) -> Any:
    from firewall_proxy.policy.models import Scope

    return Scope(
        business=business,
        permitted=[_name(k) for k in permitted],
        restricted=[_name(k) for k in restricted],
        examples={_name(k): v for k, v in {**permitted, **restricted}.items()},
    )


def clinc(embedder: Any, cache: Path, domains_list: list[tuple[str, ...]]) -> None:
    import numpy as np

    from firewall_proxy.evaluate.scope.index import ScopeIndex

    rows = _rows("clinc150_dev.jsonl")
    train: dict[str, list[str]] = collections.defaultdict(list)
    domain_of: dict[str, str] = {}
    for r in rows:
        if r["split"] == "train" and len(train[r["intent"]]) < 10:
            train[r["intent"]].append(r["text"])
            domain_of[r["intent"]] = r["domain"]
    val = [r for r in rows if r["split"] in ("val", "oos_val")]
    vectors = embedder.embed_uncached([r["text"] for r in val])
    print("\n## Off-topic, CLINC150 val (policy: <=10 train examples per intent)\n")
    print(
        "| permitted domains | in / off | AUROC | recall@95% pass | recall@98% pass | "
        "boundary (from policy) | in-scope pass | off-topic recall | to judge | "
        "in-scope blocked | off-topic blocked |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for domains in domains_list:
        permitted = {k: v for k, v in train.items() if domain_of[k] in domains}
        business = "Help with " + " and ".join(d.replace("_", " ") for d in domains) + "."
        index = ScopeIndex(
            _scope(permitted, {}, business), embedder, cache_dir=cache, in_scope_pass=0.98
        )
        sims = (vectors @ index.permitted.T).max(1)
        scores = np.array([index.off_scope(float(s)) for s in sims])
        is_in = np.array([r["domain"] in domains for r in val])
        s_in, s_off = scores[is_in], scores[~is_in]
        r95 = float((s_off > np.quantile(s_in, 0.95)).mean())
        r98 = float((s_off > np.quantile(s_in, 0.98)).mean())
        band = float(((scores >= BAND[0]) & (scores < BAND[1])).mean())
        print(
            f"| {'+'.join(domains)} | {len(s_in)} / {len(s_off)} | {_auroc(s_off, s_in):.3f} | "
            f"{r95:.3f} | {r98:.3f} | {index.threshold:.3f} | {(s_in < 0.5).mean():.3f} | "
            f"{(s_off >= 0.5).mean():.3f} | {band:.3f} | {(s_in >= BAND[1]).mean():.3f} | "
            f"{(s_off >= BAND[1]).mean():.3f} |"
        )


def banking77(embedder: Any, cache: Path, per_intent: int, eval_per_intent: int) -> None:
    import numpy as np

    from firewall_proxy.evaluate.scope.index import ScopeIndex

    rows = _rows("banking77_train.jsonl")
    by: dict[str, list[str]] = collections.defaultdict(list)
    for r in rows:
        by[r["intent"]].append(r["text"])
    examples = {k: v[:per_intent] for k, v in by.items()}
    held = [(k, t) for k, v in by.items() for t in v[10 : 10 + eval_per_intent]]
    permitted = {k: v for k, v in examples.items() if k not in RESTRICTED_B77}
    restricted = {k: v for k, v in examples.items() if k in RESTRICTED_B77}
    index = ScopeIndex(
        _scope(
            permitted,
            restricted,
            "Customer support for a digital bank: cards, top-ups, "
            "transfers, exchange, fees and identity checks.",
        ),
        embedder,
        cache_dir=cache,
        in_scope_pass=0.98,
    )
    vectors = embedder.embed_uncached([t for _, t in held])
    scores = np.array([index.restriction(index.score(v)) for v in vectors])
    is_r = np.array([k in RESTRICTED_B77 for k, _ in held])
    print(
        f"| {per_intent} | {', '.join(RESTRICTED_B77)} | {is_r.sum()} / {(~is_r).sum()} | "
        f"{_auroc(scores[is_r], scores[~is_r]):.3f} | {(scores[is_r] >= 0.5).mean():.3f} | "
        f"{(scores[~is_r] >= 0.5).mean():.4f} |"
    )


def latency(runtime: str, cache: Path, n: int) -> tuple[float, float]:
    from firewall_proxy.evaluate.base import CannotDecide, EvalContext
    from firewall_proxy.evaluate.scope.evaluator import ScopeEvaluator
    from firewall_proxy.extract.payload import Payload
    from firewall_proxy.policy.loader import load_policy

    policy = load_policy(ROOT / "policies" / "support-chat.yaml")
    ev = ScopeEvaluator.from_config(
        {"runtime": runtime, "cache_dir": str(cache), "lru_size": 0},
        policy.model_copy(update={"evaluators": []}),
    )
    ev.load()
    texts = [r["text"] for r in _rows("clinc150_dev.jsonl") if r["split"] == "val"][:n]

    async def run() -> list[float]:
        out = []
        for t in texts:
            start = time.perf_counter()
            # Borderline prompts raise CannotDecide: they are timed all the same.
            with contextlib.suppress(CannotDecide):
                await ev.evaluate(Payload.from_text(t), EvalContext())
            out.append((time.perf_counter() - start) * 1000)
        await ev.aclose()
        return out

    times = sorted(asyncio.run(run()))
    return statistics.median(times), times[int(0.99 * (len(times) - 1))]


def batching(cache: Path, n: int) -> None:
    """Throughput of ``aembed``: one request at a time vs ``n`` concurrent requests, for
    several batch caps (``max_batch``)."""
    from firewall_proxy.evaluate.scope.embedder import Embedder

    texts = [r["text"] for r in _rows("clinc150_dev.jsonl") if r["split"] == "val"][:n]
    print("\n## Batching under load (int8, LRU off, one core)\n")
    print("| max_batch | one at a time ms/query | all concurrent ms/query | ratio |")
    print("|---|---|---|---|")
    for max_batch in (1, 4, 8, 32):
        emb = Embedder(runtime="onnx-int8", cache_dir=cache, lru_size=0, max_batch=max_batch)
        emb.load()

        async def run(emb: Embedder = emb) -> tuple[float, float]:
            start = time.perf_counter()
            for t in texts:
                await emb.aembed(t)
            sequential = time.perf_counter() - start
            start = time.perf_counter()
            await asyncio.gather(*(emb.aembed(t) for t in texts))
            return sequential, time.perf_counter() - start

        seq, conc = asyncio.run(run())
        emb.close()
        print(f"| {max_batch} | {seq / n * 1000:.2f} | {conc / n * 1000:.2f} | {conc / seq:.2f} |")


def policy_load(cache_root: Path) -> None:
    from firewall_proxy.evaluate.scope.evaluator import ScopeEvaluator

    rows = _rows("clinc150_dev.jsonl")
    train: dict[str, list[str]] = collections.defaultdict(list)
    for r in rows:
        if r["split"] == "train" and len(train[r["intent"]]) < 10:
            train[r["intent"]].append(r["text"])
    scope = _scope(
        dict(train),
        {},
        "A general assistant for banking, travel, home, work, "
        "cooking, cars, utilities and small talk.",
    )
    print("\n## Policy load, 150 intents x 10 examples (1,650 texts), one core\n")
    print("| runtime | cold (nothing cached) s | cold intents (graph cached) s | warm s |")
    print("|---|---|---|---|")
    for runtime in ("onnx-fp32", "onnx-int8"):
        cache = Path(tempfile.mkdtemp(dir=cache_root))
        times = []
        for step in range(3):
            if step == 1:
                for f in (cache / "scope").glob("*.npy"):
                    f.unlink()
            options = ScopeEvaluator.Options.model_validate(
                {"cache_dir": str(cache), "runtime": runtime}
            )
            ev = ScopeEvaluator(options, scope=scope)
            start = time.perf_counter()
            ev.load()
            times.append(time.perf_counter() - start)
        print(f"| {runtime} | {times[0]:.2f} | {times[1]:.2f} | {times[2]:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer domains and queries")
    parser.add_argument("--speed-only", action="store_true", help="latency and load times only")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from firewall_proxy.evaluate.scope.embedder import Embedder

    with tempfile.TemporaryDirectory(prefix="fp-scope-bench-") as tmp:
        cache = Path(tmp)
        domains = DOMAINS[:2] if args.quick else DOMAINS
        runtimes = ("onnx-int8",) if args.quick else ("onnx-int8", "onnx-fp32")
        for runtime in () if args.speed_only else runtimes:
            embedder = Embedder(runtime=runtime, cache_dir=cache)  # type: ignore[arg-type]
            embedder.load()
            print(f"\n# runtime {runtime}" + (" (default)" if runtime == "onnx-int8" else ""))
            clinc(embedder, cache, domains)
            print("\n## Restricted intents, banking77 (held-out utterances)\n")
            print(
                "| examples/intent | restricted | restricted / permitted utterances | AUROC | "
                "restriction recall | false-restriction rate |"
            )
            print("|---|---|---|---|---|---|")
            for per in (10, 3):
                banking77(embedder, cache, per, 15 if args.quick else 30)
        print("\n## Latency per query, one core (tokenise + embed + score, LRU off)\n")
        print("| runtime | median ms | p99 ms | machine load avg (shared box) |")
        print("|---|---|---|---|")
        for runtime in ("numpy", "onnx-fp32", "onnx-int8"):
            med, p99 = latency(runtime, cache, 60 if runtime == "numpy" else 300)
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            print(f"| {runtime} | {med:.2f} | {p99:.2f} | {load:.1f} |")
        batching(cache, 256)
        policy_load(cache)


if __name__ == "__main__":
    main()

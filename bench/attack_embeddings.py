"""Experiment: do MiniLM sentence embeddings generalise across sources better
than the shipped n-gram model? (Evidence for a semantic second stage; nothing
here is used at run time.)

Embeds every row of the training data with the ``scope`` evaluator's MiniLM
embedder (onnxruntime int8, 128 tokens, no torch), then for each source fits
class-balanced logistic regressions on the *other* sources (exact duplicates
of the held-out texts removed) and scores the held-out one: attack head
(injection ∪ jailbreak vs rest) and harmful head (harmful vs benign). Prints
per-source attack AUC, and pooled AUC and recall at 1% pooled benign FPR (an
oracle threshold, comparable with the same line of ``bench/detection.py``).

Run:  .venv/bin/python bench/attack_embeddings.py   (~5 min embedding on 2 cores)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from firewall_proxy.evaluate.normalize import normalize  # noqa: E402
from firewall_proxy.evaluate.scope.embedder import Embedder  # noqa: E402
from training.data import ATTACK_LABELS, load_rows  # noqa: E402


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    if not len(pos) or not len(neg):
        return float("nan")
    allv = np.concatenate([pos, neg])
    ranks = allv.argsort().argsort() + 1.0
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def main() -> int:
    rows = load_rows()
    with tempfile.TemporaryDirectory() as cache:
        emb = Embedder(runtime="onnx-int8", cache_dir=cache, lru_size=0)
        emb.load()
        t0 = time.perf_counter()
        vectors = emb.embed_uncached([r.text for r in rows])
        emb.close()
    print(f"embedded {len(rows)} rows in {time.perf_counter() - t0:.0f}s")
    labels = np.asarray([r.label for r in rows])
    sources = np.asarray([r.source for r in rows])
    is_attack = np.isin(labels, list(ATTACK_LABELS))
    folded = np.asarray([normalize(r.text).text for r in rows])
    pooled: dict[str, list[np.ndarray]] = {"a": [], "b": [], "h": [], "bh": []}
    print(f"{'held-out source':<36}{'attack AUC':>11}")
    for src in sorted(set(sources.tolist())):
        test = sources == src
        # as in bench/detection.py: no exact duplicate of a held-out text is trained on
        train = ~test & ~np.isin(folded, folded[test])
        attack = LogisticRegression(C=4, class_weight="balanced", max_iter=2000)
        attack.fit(vectors[train], is_attack[train])
        use = train & np.isin(labels, ["harmful", "benign"])
        harmful = LogisticRegression(C=4, class_weight="balanced", max_iter=2000)
        harmful.fit(vectors[use], labels[use] == "harmful")
        pa = attack.decision_function(vectors[test])
        ph = harmful.decision_function(vectors[test])
        lt = labels[test]
        a, b, h = np.isin(lt, list(ATTACK_LABELS)), lt == "benign", lt == "harmful"
        pooled["a"].append(pa[a])
        pooled["b"].append(pa[b])
        pooled["h"].append(ph[h])
        pooled["bh"].append(ph[b])
        value = auc(pa[a], pa[b])
        print(f"{src:<36}{'' if np.isnan(value) else f'{value:.3f}':>11}")
    for name, pk, nk in (("injection ∪ jailbreak", "a", "b"), ("harmful", "h", "bh")):
        pos, neg = np.concatenate(pooled[pk]), np.concatenate(pooled[nk])
        thr = float(np.quantile(neg, 0.99))
        print(
            f"{name}: pooled AUC {auc(pos, neg):.3f}; recall at 1% pooled benign FPR "
            f"{(pos > thr).mean():.3f} (oracle threshold)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

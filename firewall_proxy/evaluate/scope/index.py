"""The scope of a policy as vectors, and how a prompt is scored against it.

Flow position: built once when the engine loads (``ScopeEvaluator.load``),
read by every request. Each permitted and restricted intent becomes one
centroid: the mean of the embeddings of its name and its example utterances
(centroids measured better than nearest-example on CLINC150). The business
description is split into sentences, each one vector.

Thresholds come from the policy itself, never from the traffic being judged:
each example is scored against the centroids with itself left out, and the
in-scope boundary is the quantile of those scores that lets ``in_scope_pass``
of them through. Policies with too few examples for that fall back to a
fixed threshold. Scores are mapped to ``[0, 1]`` by a logistic centred on
the boundary, so 0.5 means "on the boundary".

The vectors are cached on disk under ``cache_dir/scope``, keyed by the model
identity and a hash of every text of the scope, so a restart with the same
policy embeds nothing.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from firewall_proxy.evaluate.scope.embedder import Embedder
    from firewall_proxy.policy.models import Scope

__all__ = ["ScopeIndex", "ScopeScore", "logistic", "scope_texts"]

_MIN_LOO = 10


def logistic(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@dataclass(frozen=True, slots=True)
class ScopeScore:
    """Similarities of one prompt to the scope (cosines in [-1, 1])."""

    permitted: float
    permitted_intent: str
    restricted: float
    restricted_intent: str
    business: float


def _sentences(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"(?<=[.!?;:])\s+", text) if len(p.strip()) > 3]
    return [text.strip(), *parts] if len(parts) > 1 else [text.strip()]


def scope_texts(scope: Scope) -> dict[str, list[str]]:
    """Every text of the scope to embed, grouped: one group per intent, plus business."""
    groups: dict[str, list[str]] = {}
    for intent in [*scope.permitted, *scope.restricted]:
        groups["intent:" + intent] = [intent, *scope.examples.get(intent, [])]
    groups["business"] = _sentences(scope.business)
    if scope.context:
        groups["business"].extend(_sentences(scope.context))
    return groups


class ScopeIndex:
    """Centroids and thresholds for one policy scope."""

    def __init__(
        self,
        scope: Scope,
        embedder: Embedder,
        *,
        cache_dir: Path | None,
        in_scope_pass: float = 0.98,
        default_threshold: float = 0.35,
        width: float = 0.04,
    ) -> None:
        import numpy as np

        self.scope = scope
        groups = scope_texts(scope)
        flat = [t for texts in groups.values() for t in texts]
        vectors = self._vectors(embedder, flat, cache_dir)
        by_group: dict[str, Any] = {}
        start = 0
        for key, texts in groups.items():
            by_group[key] = vectors[start : start + len(texts)]
            start += len(texts)

        def centroids(intents: list[str]) -> Any:
            if not intents:
                return np.zeros((0, vectors.shape[1]), dtype=np.float32)
            rows = np.stack([by_group["intent:" + i].mean(0) for i in intents])
            return rows / np.linalg.norm(rows, axis=1, keepdims=True)

        self.permitted_names = list(scope.permitted)
        self.restricted_names = list(scope.restricted)
        self.permitted = centroids(self.permitted_names)
        self.restricted = centroids(self.restricted_names)
        self.business = by_group["business"]
        if not self.permitted_names:
            # A scope given only as a description: its sentences are the intents.
            self.permitted_names = ["the business description"] * len(self.business)
            self.permitted = self.business
        self.width = width
        loo_p = self._leave_one_out(by_group, self.permitted_names, self.permitted)
        loo_r = self._leave_one_out(by_group, self.restricted_names, self.restricted)
        q = 1.0 - in_scope_pass
        self.threshold = (
            float(np.quantile(loo_p, q)) if len(loo_p) >= _MIN_LOO else (default_threshold)
        )
        self.restricted_threshold = (
            float(np.quantile(loo_r, q)) if len(loo_r) >= _MIN_LOO else self.threshold
        )
        self.calibrated_from = len(loo_p)
        # How close to the description an in-scope example is: below this, a prompt that
        # matches no permitted intent is off the business altogether rather than a violation.
        examples = [by_group["intent:" + i][1:] for i in scope.permitted]
        ex = np.concatenate(examples) if any(len(e) for e in examples) else self.permitted
        self.business_threshold = float(np.quantile((ex @ self.business.T).max(1), 0.1))

    @staticmethod
    def _vectors(embedder: Embedder, texts: list[str], cache_dir: Path | None) -> Any:
        import numpy as np

        key = hashlib.sha256(
            json.dumps([embedder.model_id, texts], ensure_ascii=False).encode()
        ).hexdigest()[:32]
        path = cache_dir / "scope" / f"{key}.npy" if cache_dir is not None else None
        if path is not None and path.is_file():
            try:
                cached = np.load(path, allow_pickle=False)
                if cached.shape[0] == len(texts):
                    return cached
            except (OSError, ValueError):
                pass  # a damaged cache file is rebuilt below
        vectors = embedder.embed_uncached(texts)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(suffix=".npy", dir=path.parent)
                with os.fdopen(fd, "wb") as fh:
                    np.save(fh, vectors, allow_pickle=False)
                os.replace(tmp, path)
            except OSError:
                pass  # read-only cache: the next start embeds again, nothing breaks
        return vectors

    @staticmethod
    def _leave_one_out(by_group: dict[str, Any], names: list[str], cents: Any) -> Any:
        """Best centroid similarity of every example, its own intent's centroid rebuilt
        without it: what an unseen in-scope utterance is likely to score."""
        import numpy as np

        out: list[float] = []
        for j, name in enumerate(dict.fromkeys(names)):
            group = by_group.get("intent:" + name)
            if group is None or len(group) < 3:  # name + at least two examples
                continue
            for k in range(1, len(group)):
                rest = np.delete(group, k, axis=0).mean(0)
                sims = cents @ group[k]
                sims[j] = float(rest @ group[k] / np.linalg.norm(rest))
                out.append(float(sims.max()))
        return np.asarray(out, dtype=np.float32)

    def score(self, vector: Any) -> ScopeScore:
        import numpy as np

        sp = self.permitted @ vector
        i = int(np.argmax(sp))
        if len(self.restricted):
            sr = self.restricted @ vector
            j = int(np.argmax(sr))
            restricted, rname = float(sr[j]), self.restricted_names[j]
        else:
            restricted, rname = -1.0, ""
        return ScopeScore(
            permitted=float(sp[i]),
            permitted_intent=self.permitted_names[i],
            restricted=restricted,
            restricted_intent=rname,
            business=float((self.business @ vector).max()),
        )

    def off_scope(self, similarity: float) -> float:
        """Calibrated belief that a prompt with this best permitted similarity is out of scope."""
        return logistic((self.threshold - similarity) / self.width)

    def restriction(self, s: ScopeScore) -> float:
        """Belief that the prompt asks for a restricted action: close to a restricted intent,
        and closer to it than to any permitted one."""
        if s.restricted < -0.5:
            return 0.0
        near = logistic((s.restricted - self.restricted_threshold) / self.width)
        nearest = logistic((s.restricted - s.permitted) / (self.width / 2))
        return near * nearest

"""Features of the attack model, shared by run time and ``training/``.

Flow position: inside **evaluate** (``prompt_attacks``), and in training, so
both compute exactly the same numbers.

- Hashed character n-grams (3 to 6 bytes of the UTF-8 folded text, padded with
  spaces), computed with vectorised numpy rolling hashes: ~20 us for 1 KB,
  where a Python loop or a per-call scikit-learn vectoriser costs milliseconds.
  Repeated n-grams count again and the vector is scaled by
  ``1 / sqrt(max(number of n-grams, MIN_NGRAMS))`` (:func:`ngram_scale`), so a
  score does not grow with length, and a two-word text ("do that", "true")
  cannot reach a confident score from a handful of n-grams.
- Dense features: one 0/1 column per phrase family
  (:data:`~firewall_proxy.evaluate.attacks.signals.FAMILIES`) and the log length.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from firewall_proxy.evaluate.attacks.signals import SignalHit

__all__ = [
    "MAX_BYTES",
    "MIN_NGRAMS",
    "NGRAMS",
    "N_BITS",
    "dense_features",
    "dense_names",
    "ngram_indices",
    "ngram_scale",
]

N_BITS = 18
NGRAMS = (3, 4, 5, 6)
# Long documents are scored on their first and last parts: beyond this, more
# text changes the normalised vector little and would cost linear time.
MAX_BYTES = 16384
# ~ a 20-character text: shorter ones are scored as if padded with neutral n-grams.
MIN_NGRAMS = 64
_PRIME = 0x01000193
# One odd multiplier per n-gram length keeps the lengths apart in the hash space.
_MIX = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1, 0xD3A2646C | 1, 0xFD7046C5)


def ngram_indices(text: str) -> npt.NDArray[np.int64]:
    """Hashed n-gram feature indices of a folded text (duplicates kept)."""
    import numpy as np

    data = (" " + text + " ").encode("utf-8", "surrogatepass")
    if len(data) > MAX_BYTES:
        half = MAX_BYTES // 2
        data = data[:half] + b" " + data[-half:]
    b = np.frombuffer(data, dtype=np.uint8).astype(np.uint32)
    shift = np.uint32(32 - N_BITS)
    parts = []
    h = b
    for n in range(2, NGRAMS[-1] + 1):
        if len(b) < n:
            break
        h = h[:-1] * np.uint32(_PRIME) + b[n - 1 :]
        if n >= NGRAMS[0]:
            parts.append((h * np.uint32(_MIX[n])) >> shift)
    if not parts:
        return np.zeros(0, dtype=np.int64)
    return np.concatenate(parts).astype(np.int64)


def ngram_scale(count: int) -> float:
    """Weight of each n-gram occurrence in a text with ``count`` n-grams."""
    return 1.0 / math.sqrt(max(count, MIN_NGRAMS))


def dense_names() -> list[str]:
    """Column names of :func:`dense_features`, stored in the model for checking."""
    from firewall_proxy.evaluate.attacks.signals import FAMILIES

    return [f"signal:{f.name}" for f in FAMILIES] + ["log_length"]


def dense_features(text: str, hits: list[SignalHit]) -> npt.NDArray[np.float32]:
    """0/1 per phrase family that matched, and ``log1p(len) / 8``."""
    import numpy as np

    from firewall_proxy.evaluate.attacks.signals import FAMILIES

    out = np.zeros(len(FAMILIES) + 1, dtype=np.float32)
    for hit in hits:
        out[FAMILIES.index(hit.family)] = 1.0
    out[-1] = math.log1p(len(text)) / 8.0
    return out

"""The trained attack model: linear heads over hashed n-grams and phrase signals.

Flow position: inside **evaluate**; loaded once by ``prompt_attacks.load()``
from ``model.npz`` next to this module (written by ``training/train_attacks.py``),
then :meth:`AttackModel.score` runs per text view in ~50 us with numpy only.

Three heads share the features (see :mod:`firewall_proxy.evaluate.attacks.features`),
each in two stages: a logistic regression over hashed n-grams gives a logit
``s``; a second logistic regression, fitted on *out-of-source* values of ``s``
(each training row scored by a model that never saw its data source) together
with the phrase-family signals, gives the calibrated probability
``sigmoid(a * s + signals @ v + b)``. The second stage learns how far the
n-gram model and each phrase family can be trusted on a *new* source, and its
output reads as "fraction of such prompts that were attacks".

The heads:

- ``attack``: injection or jailbreak vs everything else;
- ``harmful``: a plainly harmful request vs benign;
- ``kind``: injection (positive) vs jailbreak, used to name an attack.

``attack`` and ``harmful`` n-gram weights are packed as one complex64 array
(real, imaginary) so one gather serves both heads.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from firewall_proxy.evaluate.attacks.features import (
    N_BITS,
    NGRAMS,
    dense_features,
    dense_names,
    ngram_indices,
    ngram_scale,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from firewall_proxy.evaluate.attacks.signals import SignalHit

__all__ = ["HEADS", "AttackModel", "ModelScore", "default_model_path", "sigmoid"]

HEADS = ("attack", "harmful", "kind")


def default_model_path() -> Path:
    return Path(__file__).with_name("model.npz")


@dataclass(frozen=True, slots=True)
class ModelScore:
    """Calibrated probabilities for one text view."""

    attack: float
    harmful: float
    injection_share: float  # P(injection | attack); 1 - this is the jailbreak share


def sigmoid(x: float) -> float:
    """The logistic function, without overflow for large negative ``x``."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


class AttackModel:
    """Linear heads, numpy only (scikit-learn is needed for training, never here)."""

    def __init__(
        self,
        sparse: npt.NDArray[np.float32],
        dense: npt.NDArray[np.float32],
        bias: npt.NDArray[np.float32],
        platt: npt.NDArray[np.float32],
        meta: dict[str, Any] | None = None,
    ) -> None:
        import numpy as np

        if sparse.shape != (1 << N_BITS, len(HEADS)):
            raise ValueError(
                f"model n-gram weights have shape {sparse.shape}, expected "
                f"{(1 << N_BITS, len(HEADS))}"
            )
        names = dense_names()
        if dense.shape != (len(names), len(HEADS)):
            raise ValueError(
                "model dense weights do not match the phrase families of this "
                "version; retrain with training/train_attacks.py"
            )
        self._packed = (sparse[:, 0] + 1j * sparse[:, 1]).astype(np.complex64)
        self._kind = np.ascontiguousarray(sparse[:, 2], dtype=np.float32)
        self._dense = np.asarray(dense, dtype=np.float32)
        self._bias = [float(b) for b in bias]
        self._platt = [(float(a), float(b)) for a, b in platt]
        self.meta: dict[str, Any] = dict(meta or {})

    @classmethod
    def load(cls, path: Path | str | None = None) -> AttackModel:
        """Read a model written by :meth:`save`."""
        import numpy as np

        with np.load(path or default_model_path(), allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            if meta.get("n_bits") != N_BITS or tuple(meta.get("ngrams", ())) != NGRAMS:
                raise ValueError("model was trained with other n-gram settings; retrain it")
            if meta.get("dense_names") != dense_names():
                raise ValueError("model was trained with other phrase families; retrain it")
            return cls(z["sparse"].astype(np.float32), z["dense"], z["bias"], z["platt"], meta)

    def save(self, path: Path | str, sparse_dtype: str = "float16") -> None:
        import numpy as np

        sparse = np.stack([self._packed.real, self._packed.imag, self._kind], axis=1)
        meta = {
            **self.meta,
            "n_bits": N_BITS,
            "ngrams": list(NGRAMS),
            "dense_names": dense_names(),
            "heads": list(HEADS),
        }
        np.savez_compressed(
            path,
            sparse=sparse.astype(sparse_dtype),
            dense=self._dense,
            bias=np.asarray(self._bias, dtype=np.float32),
            platt=np.asarray(self._platt, dtype=np.float32),
            meta=np.asarray(json.dumps(meta, sort_keys=True)),
        )

    def logits(
        self, text: str, hits: list[SignalHit], kind_from: float = 0.0
    ) -> tuple[float, float, float]:
        """Final (calibrated) logits of the three heads for one folded text.

        The ``kind`` head costs a second gather; it is skipped (logit 0) when the
        attack logit is below ``kind_from``, where no attack will be reported.
        """
        import numpy as np

        idx = ngram_indices(text)
        dense = dense_features(text, hits) @ self._dense
        scale = ngram_scale(len(idx))
        packed = complex(np.take(self._packed, idx).sum()) * scale if len(idx) else 0j
        (a0, b0), (a1, b1), (a2, b2) = self._platt
        attack = a0 * (packed.real + self._bias[0]) + float(dense[0]) + b0
        harmful = a1 * (packed.imag + self._bias[1]) + float(dense[1]) + b1
        kind = 0.0
        if attack >= kind_from:
            raw = float(np.take(self._kind, idx).sum()) * scale if len(idx) else 0.0
            kind = a2 * (raw + self._bias[2]) + float(dense[2]) + b2
        return attack, harmful, kind

    def score(self, text: str, hits: list[SignalHit], attack_from: float = 0.0) -> ModelScore:
        """Calibrated probabilities; ``injection_share`` is 0.5 below ``attack_from``."""
        kind_from = math.log(attack_from / (1 - attack_from)) if 0 < attack_from < 1 else -1e9
        attack, harmful, kind = self.logits(text, hits, kind_from)
        return ModelScore(sigmoid(attack), sigmoid(harmful), sigmoid(kind))

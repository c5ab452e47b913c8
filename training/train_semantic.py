"""Train a semantic ``harmful`` head (MiniLM or its word vectors) and write it into the package.

    .venv/bin/python -m training.train_semantic [--encoder minilm|word_vectors] [--out PATH]

``--encoder minilm`` (default) writes ``semantic_harmful.npz`` for the
``semantic`` detector; ``--encoder word_vectors`` writes
``word_vectors_harmful.npz`` for the ``word_vectors`` detector (the table itself
comes from ``python -m training.distill_word_vectors``).

Steps (deterministic: fixed data order, lbfgs, one BLAS thread):

1. keep the ``harmful`` and ``benign`` rows of ``../shared/datasets`` (not
   ``loosely_harmful``), plus the project's own safe prompts with risk words
   (``training/contrast``: "how do I kill a Python process"), whose folded text
   holds a risk term
   (:func:`firewall_proxy.evaluate.attacks.semantic.risk_terms`): the only
   prompts the stage ever sees at run time;
2. embed what the evaluator reads of them (:func:`reading_window`) with the
   run-time encoder: all-MiniLM-L6-v2 (int8 ONNX, 128 tokens; cached on disk
   by content, see :func:`embed_texts`) or the bundled word-vector table;
3. fit a class-balanced L2 logistic regression (C = 1) on the embeddings;
4. Platt-scale its logit on *out-of-source* logits (each source scored by a
   head fitted without it), so the score says how often such a prompt was
   harmful in a source the head had not seen, at the data's own mix.

``bench/detection.py`` reuses :func:`gated_rows`, :func:`embed_texts` and
:func:`fit_head` for its leave-one-source-out table.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from firewall_proxy.evaluate.attacks.semantic import (
    Encoder,
    SemanticHarmHead,
    default_head_path,
    reading_window,
    risk_terms,
)
from firewall_proxy.evaluate.attacks.signals import word_set
from firewall_proxy.evaluate.normalize import normalize
from training.data import Row, contrast_rows, load_rows

__all__ = ["embed_texts", "fit_head", "gated_rows", "main"]

C = 1.0
CACHE = Path("~/.cache/firewall-proxy/training").expanduser()


def gated_rows(rows: Sequence[Row]) -> tuple[list[Row], list[str]]:
    """The harmful/benign rows that hold a risk term, and what the encoder reads of
    them at run time (their folded text, around the first risk term when long)."""
    keep: list[Row] = []
    texts: list[str] = []
    for r in rows:
        if r.label not in ("harmful", "benign"):
            continue
        folded = normalize(r.text).text
        terms = risk_terms(word_set(folded))
        if terms:
            keep.append(r)
            texts.append(reading_window(folded, terms))
    return keep, texts


def embed_texts(texts: Sequence[str], encoder: Encoder = "minilm") -> npt.NDArray[np.float32]:
    """Run-time embeddings of ``texts`` (MiniLM's cached under ~/.cache by model and content)."""
    import tempfile

    if encoder == "word_vectors":
        from firewall_proxy.evaluate.attacks.word_vectors import WordVectors

        return WordVectors.load().embed_many(list(texts))

    from firewall_proxy.evaluate.scope.embedder import Embedder

    emb = Embedder(runtime="onnx-int8", lru_size=0)
    emb.load()
    key = hashlib.sha256(emb.model_id.encode())
    for t in texts:
        key.update(t.encode("utf-8", "surrogatepass") + b"\0")
    path = CACHE / f"emb-{key.hexdigest()[:24]}.npy"
    if path.exists():
        emb.close()
        return np.load(path)
    vectors = np.asarray(emb.embed_uncached(list(texts)), dtype=np.float32)
    emb.close()
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=CACHE, suffix=".npy", delete=False) as f:
            np.save(f, vectors)
        Path(f.name).replace(path)
    except OSError:
        pass  # a read-only home costs a re-embedding next time, nothing else
    return vectors


def _fit_linear(
    x: npt.NDArray[np.float32], y: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.float32], float]:
    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
    lr.fit(x, y)
    return lr.coef_[0].astype(np.float32), float(lr.intercept_[0])


def fit_head(
    x: npt.NDArray[np.float32],
    y: npt.NDArray[np.bool_],
    groups: npt.NDArray[np.str_],
    encoder: Encoder = "minilm",
) -> SemanticHarmHead:
    """Linear head on all of ``x``, Platt-scaled on leave-one-group-out logits."""
    with threadpool_limits(1):
        w, b = _fit_linear(x, y)
        oos = np.zeros(len(y))
        for g in sorted(set(groups.tolist())):
            test = groups == g
            wg, bg = _fit_linear(x[~test], y[~test])
            oos[test] = x[test] @ wg + bg
        platt = LogisticRegression(C=1e4, max_iter=1000)
        platt.fit(oos.reshape(-1, 1), y)
    return SemanticHarmHead(
        w,
        b,
        (float(platt.coef_[0][0]), float(platt.intercept_[0])),
        {"rows": len(y), "harmful": int(y.sum()), "C": C},
        encoder=encoder,
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--encoder", choices=["minilm", "word_vectors"], default="minilm")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    out: Path = args.out or default_head_path(args.encoder)
    t0 = time.perf_counter()
    rows, texts = gated_rows(load_rows() + contrast_rows())
    x = embed_texts(texts, args.encoder)
    y = np.asarray([r.label == "harmful" for r in rows])
    groups = np.asarray([r.source for r in rows])
    head = fit_head(x, y, groups, args.encoder)
    head.meta["sources"] = sorted(set(groups.tolist()))
    if args.encoder == "word_vectors":
        from firewall_proxy.evaluate.attacks.word_vectors import WordVectors

        head.meta["table"] = WordVectors.load().fingerprint
    head.save(out)
    print(
        f"wrote {out} ({out.stat().st_size} bytes): {len(y)} risk-term rows, "
        f"{int(y.sum())} harmful, platt {head.platt[0]:.3f}/{head.platt[1]:.3f}, "
        f"{time.perf_counter() - t0:.1f}s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

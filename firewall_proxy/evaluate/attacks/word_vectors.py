"""MiniLM word vectors: a sentence embedding in microseconds, without the encoder.

Flow position: inside **evaluate**, the encoder of the ``word_vectors`` detector
of ``prompt_attacks`` (``detectors: [signals, word_vectors]``, on in
``policies/default.yaml``). It reads the same parts as the ``semantic`` stage
(user parts holding a risk term that no harmful phrase decided) and feeds the
same kind of linear head; only the embedding differs.

The table is *distilled* from all-MiniLM-L6-v2 (``training/distill_word_vectors.py``):
every token of MiniLM's WordPiece vocabulary is run through the encoder on its
own (``[CLS] token [SEP]``, mean-pooled, unit length), which gives one 384-d
vector per token that carries what the encoder makes of it. A text's embedding
is then the mean of its tokens' vectors, unit length. It is context-free (word
order and negation are lost), but it keeps the encoder's notion of which words
are near which, so a head trained on "poison" and "kill" also reads "strangle"
or "asphyxiate". On the harmful data, held out by source, it scored within noise
of the full encoder (``MODEL_CARD.md``) at ~1/30 of its cost per prompt read
(~0.1-0.2 ms against ~6-7 ms) and a fifth of the memory it adds (~27 MB against
~125 MB).

To stay small (the file is ~1.7 MB), the 30,522 x 384 table is stored
product-quantised: each vector is 48 sub-vectors of 8 dimensions, each stored as
the index of the nearest of 256 centroids (k-means). One token costs 48 bytes;
vectors are rebuilt from the centroids when a text is embedded.

Tokenisation is BERT's (lower case, accents stripped, punctuation split,
greedy longest-match WordPiece) through ``tokenizers`` with the vocabulary in
the file, so the MiniLM package need not be installed. Unknown tokens add
nothing. No step of it reads across a space (cleaning and accent stripping are per
character, and a space always separates two tokens), so a text is tokenised space-
separated chunk by chunk and each chunk's tokens are kept (up to ``_MAX_CHUNKS`` per
table): a 480-character window costs ~0.17 ms through ``tokenizers`` and ~15 us
from kept chunks. The mean of the
token vectors is taken per sub-vector from code counts (one ``bincount`` and one
small product) rather than by rebuilding every vector.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["WordVectors", "bert_tokenizer", "bundled_word_vectors", "default_word_vectors_path"]

# Tokens never averaged: padding, markers, and the unknown token (no meaning).
_SPECIAL = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
# A reading window is ~480 characters; this bounds what one call can cost.
MAX_TOKENS = 256
# Chunks whose tokens a table keeps, past which it starts again (~240 bytes each,
# ~5 MB when full), and the longest chunk kept.
_MAX_CHUNKS = 20_000
_KEPT_CHARS = 40


def default_word_vectors_path() -> Path:
    return Path(__file__).with_name("word_vectors.npz")


@functools.cache
def bundled_word_vectors() -> WordVectors:
    """The bundled table, read once per process (every policy reload shares it)."""
    return WordVectors.load()


def bert_tokenizer(vocab: dict[str, int]) -> Any:
    """An uncased BERT WordPiece tokenizer over ``vocab`` that adds no markers."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    tok = Tokenizer(models.WordPiece(vocab=vocab, unk_token="[UNK]", max_input_chars_per_word=100))
    tok.normalizer = normalizers.BertNormalizer(
        clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True
    )
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.enable_truncation(MAX_TOKENS)
    return tok


class WordVectors:
    """Unit-length 384-d embeddings of texts as the mean of their tokens' vectors."""

    def __init__(
        self,
        tokens: list[str],
        codes: npt.NDArray[np.uint8],
        centroids: npt.NDArray[np.float32],
        meta: dict[str, Any] | None = None,
    ) -> None:
        import numpy as np

        if codes.shape[0] != len(tokens) or codes.shape[1] != centroids.shape[0]:
            raise ValueError("codes do not match the vocabulary or the centroids")
        self.tokens = tokens
        self.codes = np.ascontiguousarray(codes, dtype=np.uint8)
        # (subspaces, 256, width): vector of token t = concat_j centroids[j, codes[t, j]]
        self.centroids = np.ascontiguousarray(centroids, dtype=np.float32)
        self.meta: dict[str, Any] = dict(meta or {})
        self.dim = int(self.centroids.shape[0] * self.centroids.shape[2])
        self._subspace = np.arange(self.centroids.shape[0])
        # code c of sub-vector j counts at j * 256 + c (``embed``)
        self._offsets = (self._subspace * self.centroids.shape[1]).astype(np.intp)
        vocab = {t: i for i, t in enumerate(tokens)}
        self._skip = frozenset(vocab[t] for t in _SPECIAL if t in vocab)
        self._tokenizer = bert_tokenizer(vocab)
        self._chunks: dict[str, list[int]] = {}

    def token_ids(self, text: str) -> list[int]:
        """The vocabulary ids of ``text``'s tokens that carry meaning (no markers, no [UNK])."""
        kept = self._chunks
        if len(kept) > _MAX_CHUNKS:
            kept.clear()
        ids: list[int] = []
        for chunk in text.split(" "):
            found = kept.get(chunk)
            if found is None:
                found = self._tokenizer.encode(chunk).ids
                if len(chunk) <= _KEPT_CHARS:
                    kept[chunk] = found
            ids += found
            if len(ids) >= MAX_TOKENS:
                del ids[MAX_TOKENS:]
                break
        return [i for i in ids if i not in self._skip]

    def vectors(self, ids: list[int]) -> npt.NDArray[np.float32]:
        """The (rebuilt) vectors of token ids, one row each."""
        codes = self.codes[ids]  # (n, subspaces)
        parts = self.centroids[self._subspace[None, :], codes]  # (n, subspaces, width)
        out: npt.NDArray[np.float32] = parts.reshape(len(ids), self.dim)
        return out

    def embed(self, text: str) -> npt.NDArray[np.float32]:
        """Unit-length mean of the token vectors (zeros when no token is known)."""
        import numpy as np

        ids = self.token_ids(text)
        if not ids:
            return np.zeros(self.dim, dtype=np.float32)
        subspaces, codes = self.centroids.shape[:2]
        counts = np.bincount(
            (self.codes[ids] + self._offsets).ravel(), minlength=subspaces * codes
        ).reshape(subspaces, codes)
        # (subspaces, 1, codes) @ (subspaces, codes, width): one small product per sub-vector
        mean = np.matmul(counts.astype(np.float32)[:, None, :], self.centroids).ravel()
        mean /= len(ids)
        norm = float(np.linalg.norm(mean))
        out: npt.NDArray[np.float32] = (mean / max(norm, 1e-12)).astype(np.float32)
        return out

    def embed_many(self, texts: list[str]) -> npt.NDArray[np.float32]:
        import numpy as np

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.embed(t) for t in texts])

    def save(self, path: Path | str) -> None:
        import numpy as np

        np.savez_compressed(
            path,
            tokens=np.asarray("\n".join(self.tokens)),
            codes=self.codes,
            centroids=self.centroids.astype(np.float16),
            meta=np.asarray(json.dumps(self.meta, sort_keys=True)),
        )

    @classmethod
    def load(cls, path: Path | str | None = None) -> WordVectors:
        """Read a table written by :meth:`save` (the bundled one by default)."""
        import numpy as np

        path = Path(path) if path is not None else default_word_vectors_path()
        with np.load(path, allow_pickle=False) as z:
            tokens = str(z["tokens"]).split("\n")
            return cls(
                tokens,
                z["codes"],
                z["centroids"].astype(np.float32),
                json.loads(str(z["meta"])),
            )

    @property
    def fingerprint(self) -> str:
        """Identifies the table (a head trained on another table refuses to load)."""
        return str(self.meta.get("fingerprint", ""))

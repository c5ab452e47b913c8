"""Sentence embeddings with all-MiniLM-L6-v2 on the CPU, without PyTorch.

Flow position: used by the ``scope`` evaluator (evaluate stage) for every
prompt, and once per policy load for the intents. ``tokenizer.json`` is read
with ``tokenizers`` (padding switched off: the file pads every input to 128
tokens, which would skew mean pooling); the encoder runs in onnxruntime from a
graph built from the package's safetensors weights and cached on disk under
``cache_dir/models`` (or in the numpy reference implementation).

Embeddings are mean-pooled over real tokens and L2-normalised, so a dot
product is a cosine. A bounded LRU keeps the embeddings of repeated prompts.
:meth:`Embedder.aembed` batches under load: prompts that arrive while a batch
is running are embedded together in the next one, on one worker thread, so
an idle server adds no waiting time and a busy one amortises the per-call cost.
Request batches are capped at ``max_batch`` (4): on one core, 256 concurrent
prompts took 1.8 ms each with a cap of 4, 2.2 ms one by one and 3.2 ms with a
cap of 32, where padding to the longest prompt costs more than it saves
(``bench/scope.py``).
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from firewall_proxy.evaluate.scope.weights import ModelFiles, locate_model

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Matrix = npt.NDArray[np.float32]

__all__ = ["DEFAULT_CACHE_DIR", "Embedder", "Runtime", "release_embedder", "shared_embedder"]

Runtime = Literal["onnx-fp32", "onnx-int8", "numpy"]
DEFAULT_CACHE_DIR = "~/.cache/firewall-proxy"
# Bulk work (intent tables) is sorted by length, so big batches pad little.
_BULK_BATCH = 32


class Embedder:
    """Turns texts into unit-length 384-d vectors. Create it, call :meth:`load`, then embed."""

    def __init__(
        self,
        *,
        runtime: Runtime = "onnx-int8",
        cache_dir: str | Path = DEFAULT_CACHE_DIR,
        max_tokens: int = 128,
        lru_size: int = 4096,
        max_batch: int = 4,
        threads: int = 1,
    ) -> None:
        self.runtime = runtime
        self.cache_dir = Path(cache_dir).expanduser()
        self.max_tokens = max_tokens
        self.lru_size = lru_size
        self.max_batch = max_batch
        self.threads = threads
        self.files: ModelFiles | None = None
        self._tokenizer: Any = None
        self._session: Any = None
        self._weights: dict[str, Any] | None = None
        self._lru: OrderedDict[str, Any] = OrderedDict()
        self._lru_lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None
        self._batcher: _Batcher | None = None

    @property
    def model_id(self) -> str:
        """Identifies the vectors this embedder makes (for cache keys)."""
        assert self.files is not None, "call load() first"
        from firewall_proxy.evaluate.scope.onnx_graph import GRAPH_VERSION

        return (
            f"all-MiniLM-L6-v2:{self.files.fingerprint}:{self.runtime}:g{GRAPH_VERSION}:"
            f"{self.max_tokens}"
        )

    def load(self) -> None:
        if self.files is not None:
            return
        from tokenizers import Tokenizer

        files = locate_model()
        tokenizer = Tokenizer.from_file(str(files.tokenizer))
        tokenizer.no_padding()
        tokenizer.enable_truncation(min(self.max_tokens, files.config.max_seq_length))
        if self.runtime == "numpy":
            from firewall_proxy.evaluate.scope.weights import read_safetensors

            self._weights = read_safetensors(files.weights)
        else:
            import onnxruntime as ort  # type: ignore[import-untyped]

            from firewall_proxy.evaluate.scope.onnx_graph import (
                GRAPH_VERSION,
                build_encoder,
                cached_encoder,
            )

            int8 = self.runtime == "onnx-int8"
            kind = "int8" if int8 else "fp32"
            name = f"minilm-l6-{files.fingerprint}-{kind}-g{GRAPH_VERSION}.onnx"
            graph: str | bytes
            try:
                target = self.cache_dir / "models" / name
                graph = str(cached_encoder(files.weights, files.config, target, int8=int8))
            except OSError:
                # A read-only cache directory costs a rebuild per start, not a failure.
                graph = build_encoder(files.weights, files.config, int8=int8).SerializeToString()
            opts = ort.SessionOptions()
            # Two threads measured slower than one on a shared 2-core box (FACTS.md);
            # throughput under load comes from batching instead.
            opts.intra_op_num_threads = self.threads
            opts.inter_op_num_threads = 1
            opts.log_severity_level = 3
            self._session = ort.InferenceSession(graph, opts, providers=["CPUExecutionProvider"])
        self._tokenizer = tokenizer
        self.files = files

    def embed(self, texts: list[str]) -> Matrix:
        """Embeddings of ``texts`` (rows, unit length), using and filling the LRU."""
        import numpy as np

        out: list[Any] = [None] * len(texts)
        missing: dict[str, list[int]] = {}
        with self._lru_lock:
            for i, text in enumerate(texts):
                hit = self._lru.get(text)
                if hit is not None:
                    self._lru.move_to_end(text)
                    out[i] = hit
                else:
                    missing.setdefault(text, []).append(i)
        if missing:
            uniq = list(missing)
            vectors = self._encode(uniq)
            with self._lru_lock:
                for text, vec in zip(uniq, vectors, strict=True):
                    for i in missing[text]:
                        out[i] = vec
                    if self.lru_size:
                        self._lru[text] = vec
                        if len(self._lru) > self.lru_size:
                            self._lru.popitem(last=False)
        if not out:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack(out).astype(np.float32, copy=False)

    def embed_uncached(self, texts: list[str]) -> Matrix:
        """Embeddings without touching the LRU (bulk work such as intent tables)."""
        return self._encode(texts)

    async def aembed(self, text: str) -> Any:
        """One embedding, computed off the event loop and batched with concurrent callers."""
        with self._lru_lock:
            hit = self._lru.get(text)
            if hit is not None:
                self._lru.move_to_end(text)
                return hit
        loop = asyncio.get_running_loop()
        if self._batcher is None or self._batcher.loop is not loop:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="fp-embed")
            self._batcher = _Batcher(self, loop, self._executor)
        return await self._batcher.submit(text)

    def close(self) -> None:
        if self._batcher is not None:
            self._batcher.cancel()
            self._batcher = None
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def _encode(self, texts: list[str]) -> Matrix:
        import numpy as np

        if self._tokenizer is None:
            raise RuntimeError("Embedder.load() was not called")
        chunks: list[Any] = []
        # Sort by length so each batch pads little; restore order at the end.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        encodings = self._tokenizer.encode_batch([texts[i] for i in order])
        for start in range(0, len(order), _BULK_BATCH):
            chunks.append(self._forward(encodings[start : start + _BULK_BATCH]))
        pooled = np.concatenate(chunks) if chunks else np.zeros((0, 384), np.float32)
        result = np.empty_like(pooled)
        result[np.asarray(order, dtype=np.int64)] = pooled
        return result

    def _forward(self, encodings: list[Any]) -> Matrix:
        import numpy as np

        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.float32)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1.0
        if self._session is not None:
            positions = np.broadcast_to(np.arange(width, dtype=np.int64), ids.shape)
            bias = ((1.0 - mask) * -1e4)[:, None, None, :].astype(np.float32)
            hidden = self._session.run(
                ["hidden"],
                {
                    "input_ids": ids,
                    "position_ids": np.ascontiguousarray(positions),
                    "mask_bias": bias,
                },
            )[0]
        else:
            from firewall_proxy.evaluate.scope.weights import numpy_forward

            assert self._weights is not None and self.files is not None
            hidden = numpy_forward(self._weights, self.files.config, ids, mask)
        summed = (hidden * mask[:, :, None]).sum(1)
        pooled = summed / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out: Matrix = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return out


# One loaded encoder per (runtime, cache directory, token limit) in a process, shared by
# every evaluator that embeds (scope, the semantic attack stage) and by the engines of
# a hot reload: each holder counts, and the last one to let go closes it.
_SHARED: dict[tuple[str, str, int], list[Any]] = {}
_SHARED_LOCK = threading.Lock()


def shared_embedder(
    *,
    runtime: Runtime = "onnx-int8",
    cache_dir: str | Path = DEFAULT_CACHE_DIR,
    max_tokens: int = 128,
    lru_size: int = 4096,
) -> Embedder:
    """A loaded :class:`Embedder` shared in this process; give it back with
    :func:`release_embedder`. (The first holder's ``lru_size`` is kept.)"""
    key = (runtime, str(Path(cache_dir).expanduser()), max_tokens)
    with _SHARED_LOCK:
        entry = _SHARED.get(key)
        if entry is None:
            emb = Embedder(
                runtime=runtime, cache_dir=cache_dir, max_tokens=max_tokens, lru_size=lru_size
            )
            emb.load()  # under the lock: a second holder never sees a half-loaded one
            entry = [emb, 0]
            _SHARED[key] = entry
        entry[1] += 1
        shared: Embedder = entry[0]
    return shared


def release_embedder(embedder: Embedder) -> None:
    """Let go of an embedder from :func:`shared_embedder` (closed with its last holder)."""
    with _SHARED_LOCK:
        for key, entry in _SHARED.items():
            if entry[0] is embedder:
                entry[1] -= 1
                if entry[1] > 0:
                    return
                del _SHARED[key]
                break
    embedder.close()


class _Batcher:
    """Collects concurrent single-text requests into batches for one worker thread."""

    def __init__(
        self, embedder: Embedder, loop: asyncio.AbstractEventLoop, executor: ThreadPoolExecutor
    ) -> None:
        self.embedder = embedder
        self.loop = loop
        self.executor = executor
        self.pending: list[tuple[str, asyncio.Future[Any]]] = []
        self.task: asyncio.Task[None] | None = None

    async def submit(self, text: str) -> Any:
        fut: asyncio.Future[Any] = self.loop.create_future()
        self.pending.append((text, fut))
        if self.task is None or self.task.done():
            self.task = self.loop.create_task(self._drain())
        return await fut

    async def _drain(self) -> None:
        while self.pending:
            batch = self.pending[: self.embedder.max_batch]
            del self.pending[: self.embedder.max_batch]
            live = [(t, f) for t, f in batch if not f.done()]
            if not live:
                continue
            try:
                vectors = await self.loop.run_in_executor(
                    self.executor, self.embedder.embed, [t for t, _ in live]
                )
            except Exception as exc:
                for _, fut in live:
                    if not fut.done():
                        fut.set_exception(exc)
                continue
            for (_, fut), vec in zip(live, vectors, strict=True):
                if not fut.done():
                    fut.set_result(vec)

    def cancel(self) -> None:
        if self.task is not None and not self.task.done():
            self.task.cancel()
        for _, fut in self.pending:
            if not fut.done():
                fut.cancel()
        self.pending.clear()

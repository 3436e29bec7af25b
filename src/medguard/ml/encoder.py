"""Sentence embeddings: tokenise, run the transformer, mean-pool, L2-normalise — in batches.

The vectors equal sentence-transformers' ``SentenceTransformer(folder).encode(...,
normalize_embeddings=True)`` to 1e-5 (``tests/ml/test_encoder.py`` checks it): mean of the
token embeddings weighted by the attention mask, divided by ``max(mask sum, 1e-9)``, then
divided by ``max(norm, 1e-12)``, with the same truncation length (``max_seq_length``).
"""

from __future__ import annotations

import threading
import time
from typing import Any, Iterator, Sequence

import numpy as np

from . import deadline
from .deadline import ModelTimeout
from .cache import EmbeddingCache, text_key
from .model import LoadedModel, load, quiet
from .settings import MLSettings


PAD_TO_MULTIPLE_OF = 16
"""Batches are padded to a multiple of 16 tokens, so that few distinct input shapes reach torch.
Every new shape leaves memory behind (oneDNN's kernel cache, allocator fragments): without the
bucketing, one process embedding 1,500 different stories grew to 2.2 GB and was still rising;
with it, it levelled off at about 1 GB (README, Speed). The padding is masked, so the vectors do
not change."""


def mean_pooling(token_embeddings: Any, attention_mask: Any) -> Any:
    """Mask-weighted mean of token embeddings (torch tensors), as sentence-transformers does."""
    mask = attention_mask.unsqueeze(-1).to(token_embeddings.dtype)
    summed = (token_embeddings * mask).sum(dim=1)
    counts = mask.sum(dim=1).clamp(min=1e-9)
    return summed / counts


def l2_normalize(vectors: Any) -> Any:
    import torch

    return torch.nn.functional.normalize(vectors, p=2, dim=1)


class Encoder:
    """Embeds sentences with one loaded model; thread-safe; caches by content hash."""

    def __init__(self, settings: MLSettings | None = None, loaded: LoadedModel | None = None):
        self.settings = settings or MLSettings()
        started = time.perf_counter()
        if self.settings.threads:
            import torch

            torch.set_num_threads(self.settings.threads)
        self.loaded = loaded or load(self.settings)
        self.load_seconds = time.perf_counter() - started
        self.digest = self.loaded.digest
        self.base_digest = self.loaded.base_digest or self.loaded.digest
        self.dim = int(self.loaded.model.config.hidden_size)
        self.max_length = self.loaded.max_length
        self.batch_size = self.settings.batch_size
        self.cache = EmbeddingCache(self.dim, self.settings.cache_size, self.settings.cache_dir,
                                    self.settings.disk_cache_size)
        self._lock = threading.Lock()
        self.encoded = 0
        """Sentences that went through the model (cache misses), for benchmarks."""
        self.encode_seconds = 0.0
        """Time spent in the model (tokenising, forward pass, pooling), for benchmarks."""
        self._seconds_per_token = 0.0
        """Recent forward-pass time per (padded) token: what a model deadline expects of a batch."""

    @property
    def precision(self) -> str:
        return self.loaded.precision

    def embed(self, texts: Sequence[str], batch_size: int | None = None) -> np.ndarray:
        """Unit-length float32 vectors, one row per text (cached texts are not re-encoded).

        Raises :class:`~medguard.ml.deadline.ModelTimeout` when the check's model deadline comes
        first; the batches embedded by then are cached.
        """
        vectors, _, timeout = self._embed(texts, batch_size)
        if timeout is not None:
            raise timeout
        return vectors

    def embed_partly(self, texts: Sequence[str], batch_size: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Like :meth:`embed`, but when the check's model deadline comes first, returns what was
        done: the vectors, zero where missing, and a boolean mask of the rows that have one."""
        vectors, done, _ = self._embed(texts, batch_size)
        return vectors, done

    def _embed(self, texts: Sequence[str], batch_size: int | None) -> tuple[np.ndarray, np.ndarray, ModelTimeout | None]:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        done = np.zeros(len(texts), dtype=bool)
        if not texts:
            return out, done, None
        keys = [text_key(self.digest, t) for t in texts]
        found = self.cache.get_many(dict.fromkeys(keys))
        todo: dict[bytes, str] = {}
        for key, text in zip(keys, texts):
            if key not in found and key not in todo:
                todo[key] = text
        timeout = None
        if todo:
            todo_keys = list(todo)
            try:
                for index, vectors in self._encode_batches(list(todo.values()), batch_size):
                    fresh = {todo_keys[i]: vector for i, vector in zip(index, vectors)}
                    self.cache.put_many(fresh)
                    found.update(fresh)
            except ModelTimeout as error:
                timeout = error
        for i, key in enumerate(keys):
            vector = found.get(key)
            if vector is not None:
                out[i] = vector
                done[i] = True
        return out, done, timeout

    def encode_uncached(self, texts: Sequence[str], batch_size: int | None = None) -> np.ndarray:
        """Run the model on every text (no cache)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for index, vectors in self._encode_batches(texts, batch_size):
            out[index] = vectors
        return out

    def _fit_before(self, limit: deadline.ModelDeadline, index: list[int], batch: Any, done: int,
                    total: int) -> tuple[list[int], Any]:
        """The texts of a tokenised batch that fit in half the time left before ``limit`` (so a
        batch slowed down cannot overrun it by much, and batches shrink as it nears), and their
        tokens; one text if only the whole time left fits it; ModelTimeout if not even that."""
        per_text = batch["input_ids"].shape[1] * self._seconds_per_token
        fit = max(1, min(len(index), int(limit.remaining() / (2 * per_text)) if per_text else len(index)))
        limit.check(fit * per_text, done, total)
        if fit == len(index):
            return index, batch
        longest = int(batch["attention_mask"][:fit].sum(dim=1).max())  # the shortest texts stay: less padding
        width = -(-longest // PAD_TO_MULTIPLE_OF) * PAD_TO_MULTIPLE_OF
        return index[:fit], {name: tensor[:fit, :width] for name, tensor in batch.items()}

    def _encode_batches(self, texts: Sequence[str], batch_size: int | None) -> Iterator[tuple[list[int], np.ndarray]]:
        """(indices into ``texts``, their vectors) per batch, sorted by length to keep padding small,
        shortest first so that a deadline leaves as few texts as possible undone.

        With a model deadline for the check, each batch is cut to what fits in half the time left,
        from the time per token the batches so far took; when not even one text fits before the
        deadline, it raises ModelTimeout."""
        import torch

        batch_size = batch_size or self.batch_size
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        tokenizer, model = self.loaded.tokenizer, self.loaded.model
        limit = deadline.current()
        with self._lock, quiet(), torch.inference_mode():
            done = 0
            while done < len(order):
                index = order[done:done + batch_size]
                started = time.perf_counter()
                batch = tokenizer(
                    [texts[i] for i in index], padding=True, truncation=True, max_length=self.max_length,
                    return_tensors="pt", pad_to_multiple_of=PAD_TO_MULTIPLE_OF,
                )
                if limit is not None:
                    index, batch = self._fit_before(limit, index, batch, done, len(texts))
                tokens = batch["input_ids"].numel()
                hidden = model(**batch).last_hidden_state.float()  # pool in fp32 whatever the precision
                if self.loaded.pooling == "cls":
                    pooled = hidden[:, 0]
                else:
                    pooled = mean_pooling(hidden, batch["attention_mask"])
                vectors = l2_normalize(pooled).numpy()
                seconds = time.perf_counter() - started
                rate = seconds / tokens
                self._seconds_per_token = rate if not self._seconds_per_token else 0.8 * self._seconds_per_token + 0.2 * rate
                self.encoded += len(index)
                self.encode_seconds += seconds
                done += len(index)
                yield index, vectors

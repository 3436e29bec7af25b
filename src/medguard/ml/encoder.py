"""Sentence embeddings: tokenise, run the transformer, mean-pool, L2-normalise — in batches.

The vectors equal sentence-transformers' ``SentenceTransformer(folder).encode(...,
normalize_embeddings=True)`` to 1e-5 (``tests/ml/test_encoder.py`` checks it): mean of the
token embeddings weighted by the attention mask, divided by ``max(mask sum, 1e-9)``, then
divided by ``max(norm, 1e-12)``, with the same truncation length (``max_seq_length``).
"""

from __future__ import annotations

import threading
import time
from typing import Any, Sequence

import numpy as np

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
        self.cache = EmbeddingCache(self.dim, self.settings.cache_size, self.settings.cache_dir)
        self._lock = threading.Lock()
        self.encoded = 0
        """Sentences that went through the model (cache misses), for benchmarks."""
        self.encode_seconds = 0.0
        """Time spent in the model (tokenising, forward pass, pooling), for benchmarks."""

    @property
    def precision(self) -> str:
        return self.loaded.precision

    def embed(self, texts: Sequence[str], batch_size: int | None = None) -> np.ndarray:
        """Unit-length float32 vectors, one row per text (cached texts are not re-encoded)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        keys = [text_key(self.digest, t) for t in texts]
        found = self.cache.get_many(dict.fromkeys(keys))
        todo: dict[bytes, str] = {}
        for key, text in zip(keys, texts):
            if key not in found and key not in todo:
                todo[key] = text
        if todo:
            vectors = self.encode_uncached(list(todo.values()), batch_size)
            fresh = dict(zip(todo.keys(), vectors))
            self.cache.put_many(fresh)
            found.update(fresh)
        for i, key in enumerate(keys):
            out[i] = found[key]
        return out

    def encode_uncached(self, texts: Sequence[str], batch_size: int | None = None) -> np.ndarray:
        """Run the model on every text (no cache), longest first to keep padding small."""
        import torch

        batch_size = batch_size or self.batch_size
        started = time.perf_counter()
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        tokenizer, model = self.loaded.tokenizer, self.loaded.model
        with self._lock, quiet(), torch.inference_mode():
            for start in range(0, len(order), batch_size):
                index = order[start:start + batch_size]
                batch = tokenizer(
                    [texts[i] for i in index], padding=True, truncation=True, max_length=self.max_length,
                    return_tensors="pt", pad_to_multiple_of=PAD_TO_MULTIPLE_OF,
                )
                hidden = model(**batch).last_hidden_state.float()  # pool in fp32 whatever the precision
                if self.loaded.pooling == "cls":
                    pooled = hidden[:, 0]
                else:
                    pooled = mean_pooling(hidden, batch["attention_mask"])
                out[index] = l2_normalize(pooled).numpy()
        self.encoded += len(texts)
        self.encode_seconds += time.perf_counter() - started
        return out

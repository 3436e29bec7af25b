"""Sentence heads: logistic regressions on the sentence embedding that say how much a sentence
reads like a problem a reviewer flags (an unsupported benefit claim, a comparison with other
treatments, minimised harms), for the sentences the rule analysis left undecided.

Trained by ``scripts/train_sentence_heads.py`` on the sentences of the project's own reviewer
pages (``datasets/reviewer_pages/``, CC0), labelled by their keys; shipped as
``medguard/data/sentence_heads.npz``; described in ``docs/model-card-sentence-heads.md``. The
``classifier`` rule type reads them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

HEADS_PATH = Path(__file__).resolve().parents[1] / "data" / "sentence_heads.npz"

HEAD_NAMES = ("unsupported", "comparison", "safety")
"""The reviewer families a head is trained for (the keys' names)."""


@dataclass(slots=True)
class SentenceHead:
    name: str
    weight: Any
    """(dim,) float32."""
    bias: float
    threshold: float
    """The probability from which the head flags, chosen by cross-validation over training sets."""

    def probabilities(self, vectors: "np.ndarray") -> "np.ndarray":
        import numpy as np

        return 1.0 / (1.0 + np.exp(-(vectors @ self.weight + self.bias)))


@dataclass(slots=True)
class SentenceHeads:
    heads: dict[str, SentenceHead]
    model_digest: str
    """The digest of the sentence model whose embeddings the heads were trained on."""
    version: str
    trained_on: str
    """Which reviewer sets, in words."""


def save_heads(path: Path, heads: SentenceHeads) -> None:
    import numpy as np

    arrays: dict[str, Any] = {
        "names": np.array(list(heads.heads)), "model_digest": np.array(heads.model_digest),
        "version": np.array(heads.version), "trained_on": np.array(heads.trained_on),
    }
    for name, head in heads.heads.items():
        arrays[f"{name}.weight"] = np.asarray(head.weight, dtype=np.float32)
        arrays[f"{name}.bias"] = np.array(head.bias, dtype=np.float32)
        arrays[f"{name}.threshold"] = np.array(head.threshold, dtype=np.float32)
    with open(path, "wb") as handle:
        np.savez_compressed(handle, **arrays)


def load_heads(path: str | Path | None = None) -> SentenceHeads:
    import numpy as np

    with np.load(path or HEADS_PATH, allow_pickle=False) as data:
        heads = {
            str(name): SentenceHead(str(name), data[f"{name}.weight"], float(data[f"{name}.bias"]),
                                    round(float(data[f"{name}.threshold"]), 4))
            for name in data["names"]
        }
        return SentenceHeads(heads, str(data["model_digest"]), str(data["version"]), str(data["trained_on"]))


_heads: SentenceHeads | None = None
_lock = threading.Lock()


def default_heads() -> SentenceHeads:
    global _heads
    if _heads is None:
        with _lock:
            if _heads is None:
                _heads = load_heads()
    return _heads


def decided_sentences(document: Any, head: str) -> set[int]:
    """Sentences whose question the rule analysis has already answered for ``head``'s family:
    those with a benefit claim about a named subject (unsupported), a comparison (comparison) or
    a safety claim (safety). The rules flag these or let them through for a reason they explain;
    a head reads only the rest."""
    if head == "comparison":
        return {comparison.sentence for comparison in document.annotation("comparisons")}
    kind = "safety" if head == "safety" else "benefit"
    return {claim.sentence for claim in document.annotation("claims") if claim.kind == kind and claim.subject is not None}

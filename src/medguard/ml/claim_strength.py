"""Claim strength: ``direct`` / ``conditional`` / ``correlational`` / ``none`` for each sentence.

A small head (multinomial logistic regression, optionally with one hidden layer) over the
sentence embedding and the lexical cue features of :mod:`medguard.ml.cues`. Trained by
``scripts/train_claim_head.py`` on the project's own labelled sentences
(``datasets/claim_strength/``, CC0); shipped as ``medguard/data/claim_head.npz``; described in
``docs/model-card-claim-head.md``.

    >>> from medguard.ml import claim_strength
    >>> claim_strength.predict(["Metformin may lower the risk of cancer."])
    ['conditional']
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from . import cues
from . import deadline

if TYPE_CHECKING:
    import numpy as np

    from .encoder import Encoder

LABELS = ("direct", "conditional", "correlational", "none")
HEAD_PATH = Path(__file__).resolve().parents[1] / "data" / "claim_head.npz"


@dataclass(slots=True)
class ClaimHead:
    labels: tuple[str, ...]
    feature_names: tuple[str, ...]
    feature_weight: float
    layers: list[tuple[Any, Any]]
    """(weight, bias) per layer; ReLU between layers, softmax after the last."""
    model_digest: str
    version: str

    def inputs(self, embeddings: "np.ndarray", sentences: Sequence[str]) -> "np.ndarray":
        import numpy as np

        feats = np.asarray(cues.features(sentences), dtype=np.float32) * self.feature_weight
        return np.hstack([embeddings.astype(np.float32), feats])

    def probabilities(self, embeddings: "np.ndarray", sentences: Sequence[str]) -> "np.ndarray":
        """One row per sentence, columns in ``labels`` order, from its embedding and its text."""
        return self.proba(self.inputs(embeddings, sentences))

    def proba(self, x: "np.ndarray") -> "np.ndarray":
        import numpy as np

        for i, (weight, bias) in enumerate(self.layers):
            x = x @ weight.T + bias
            if i < len(self.layers) - 1:
                x = np.maximum(x, 0.0)
        x = x - x.max(axis=1, keepdims=True)
        e = np.exp(x)
        return e / e.sum(axis=1, keepdims=True)


def save_head(path: Path, head: ClaimHead) -> None:
    import numpy as np

    arrays: dict[str, Any] = {
        "labels": np.array(head.labels), "feature_names": np.array(head.feature_names),
        "feature_weight": np.array(head.feature_weight, dtype=np.float32),
        "model_digest": np.array(head.model_digest), "version": np.array(head.version),
        "n_layers": np.array(len(head.layers)),
    }
    for i, (weight, bias) in enumerate(head.layers):
        arrays[f"W{i}"] = np.asarray(weight, dtype=np.float32)
        arrays[f"b{i}"] = np.asarray(bias, dtype=np.float32)
    with open(path, "wb") as handle:
        np.savez_compressed(handle, **arrays)


def load_head(path: str | Path | None = None) -> ClaimHead:
    import numpy as np

    with np.load(path or HEAD_PATH, allow_pickle=False) as data:
        layers = [(data[f"W{i}"], data[f"b{i}"]) for i in range(int(data["n_layers"]))]
        head = ClaimHead(
            labels=tuple(str(x) for x in data["labels"]), feature_names=tuple(str(x) for x in data["feature_names"]),
            feature_weight=float(data["feature_weight"]), layers=layers,
            model_digest=str(data["model_digest"]), version=str(data["version"]),
        )
    if head.feature_names != cues.FEATURE_NAMES:
        raise RuntimeError(
            "the claim-strength head was trained with other lexical features than medguard.ml.cues computes; "
            "retrain it with scripts/train_claim_head.py"
        )
    return head


_head: ClaimHead | None = None
_head_lock = threading.Lock()


def default_head() -> ClaimHead:
    global _head
    if _head is None:
        with _head_lock:
            if _head is None:
                _head = load_head()
    return _head


def predict_proba(sentences: Sequence[str], encoder: "Encoder | None" = None, head: ClaimHead | None = None) -> "np.ndarray":
    """Probabilities, one row per sentence, columns in ``LABELS`` order (the head's labels)."""
    import numpy as np

    head = head or default_head()
    if not sentences:
        return np.zeros((0, len(head.labels)), dtype=np.float32)
    encoder = _encoder_for(head, encoder)
    texts = [" ".join(s.split()) for s in sentences]
    return head.probabilities(encoder.embed(texts), texts)


def _encoder_for(head: ClaimHead, encoder: "Encoder | None") -> "Encoder":
    """``encoder`` (or the default one), refused when the head was trained on another model."""
    if encoder is None:
        from . import get_encoder

        encoder = get_encoder()
    if encoder.base_digest != head.model_digest:
        raise RuntimeError(
            f"the claim-strength head was trained on embeddings of model {head.model_digest[:12]}, "
            f"but the encoder runs model {encoder.base_digest[:12]}; retrain the head for this model"
        )
    return encoder


def predict(sentences: Sequence[str], encoder: "Encoder | None" = None, head: ClaimHead | None = None) -> list[str]:
    """The most probable label of each sentence."""
    head = head or default_head()
    proba = predict_proba(sentences, encoder, head)
    return [head.labels[i] for i in proba.argmax(axis=1)]


def predict_with_scores(sentences: Sequence[str], encoder: "Encoder | None" = None) -> list[tuple[str, dict[str, float]]]:
    """(label, {label: probability}) per sentence, for explanations."""
    head = default_head()
    return _with_scores(head, predict_proba(sentences, encoder, head))


def _with_scores(head: ClaimHead, proba: "np.ndarray") -> list[tuple[str, dict[str, float]]]:
    return [
        (head.labels[int(row.argmax())], {label: round(float(p), 4) for label, p in zip(head.labels, row)})
        for row in proba
    ]


def claim_strengths(document: Any, claims: Sequence[Any]) -> tuple[dict[int, tuple[str, dict[str, float]]], str | None]:
    """The head's (label, probabilities) for the sentences of ``claims`` of an analyzed document,
    in one batch, by sentence index; and None, or why the model could not be used for some or all
    of them (not installed, or out of time: the caller keeps the rule analysis's strength for
    the sentences missing from the dict)."""
    from . import available, get_encoder

    reason = available()
    if reason is not None:
        return {}, reason
    indices = sorted({claim.sentence for claim in claims})
    if not indices:
        return {}, None
    head = default_head()
    encoder = _encoder_for(head, get_encoder(document.settings))
    texts = [document.sentence_line(document.sentences[i]) for i in indices]
    vectors, done = encoder.embed_partly(texts)
    kept = [k for k, ok in enumerate(done) if ok]
    scored = _with_scores(head, head.probabilities(vectors[kept], [texts[k] for k in kept])) if kept else []
    limit = deadline.current()  # rows are missing only when its deadline came first
    missing = limit.timeouts[-1] if limit is not None and len(kept) < len(indices) else None
    return {indices[k]: result for k, result in zip(kept, scored)}, missing


def prepare_claims(documents: Sequence[Any], kinds: Sequence[str]) -> None:
    """Embed the sentences of the ``kinds`` claims of a batch of documents in one go, so that
    :func:`claim_strengths` finds them in the encoder's cache."""
    from . import available, get_encoder

    if not documents or available() is not None:
        return
    texts = [document.sentence_line(document.sentences[claim.sentence])
             for document in documents for claim in document.annotation("claims") if claim.kind in kinds]
    if texts:
        get_encoder(documents[0].settings).embed(texts)


def decide(rule_strength: str, read: tuple[str, dict[str, float]] | None, wanted: str,
           missing: str | None) -> tuple[str, dict[str, Any]]:
    """A claim's strength, and who decided it for the finding's explanation.

    ``read`` is the head's (label, probabilities) for the claim's sentence, or None (model not
    asked for, not installed, or out of time: ``missing`` says which). The head decides between
    ``direct``, ``conditional`` and ``correlational``; its ``none`` does not overrule the analysis,
    which has already found a benefit or safety claim about an intervention in the sentence: the
    head learnt ``none`` on research sentences, and reads it into customers' figures and
    testimonials ("Most members lose 15 to 20 pounds in their first two months").
    """
    if read is not None:
        label, scores = read
        if label != "none":
            return label, {"strength": label, "strength_by": "claim-strength model", "model_scores": scores}
        return rule_strength, {"strength_by": "rule analysis", "model_scores": scores,
                               "model_not_used": "the model reads no claim in a sentence the analysis reads as one"}
    if wanted == "model" and missing:
        return rule_strength, {"strength_by": "rule analysis", "model_not_used": missing}
    return rule_strength, {"strength_by": "rule analysis"}

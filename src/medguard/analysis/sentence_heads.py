"""Sentence heads: linear scorers that say how much a sentence reads like a problem a reviewer
flags (an unsupported benefit claim, a comparison with other treatments, minimised harms), for
the sentences the rule analysis left undecided.

Logistic regression over the sentence's words and word pairs, one head per family. Trained by
``scripts/train_sentence_heads.py`` on the sentences of the project's own reviewer pages
(``datasets/reviewer_pages/``, CC0), labelled by their keys; shipped as
``medguard/data/sentence_heads.json``; described in ``docs/model-card-sentence-heads.md``. The
``classifier`` rule type reads them. Pure Python: no numpy at run time.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat
from typing import Any

HEADS_FILE = "sentence_heads.json"
HEAD_NAMES = ("unsupported", "comparison", "safety")
"""The reviewer families a head is trained for (the keys' names)."""

_TOKEN = re.compile(r"[a-z0-9$%]+(?:'[a-z0-9]+)*")


def features(sentence: str) -> set[str]:
    """The words and word pairs ("no", "no chance") of a sentence, lower case, typographic apostrophes plain."""
    tokens = _TOKEN.findall(sentence.lower().replace("’", "'"))
    found = set(tokens)
    found.update(map(" ".join, zip(tokens, tokens[1:])))
    return found


class SentenceFeatures:
    """The ``sentence_features`` annotation: each sentence's ``features`` (what the heads weigh),
    worked out when first asked for, so that every reader (the model's candidates, each
    ``classifier`` rule) shares one computation."""

    def __init__(self, document):
        self._document = document
        self._found: dict[int, set[str]] = {}

    def __getitem__(self, index: int) -> set[str]:
        found = self._found.get(index)
        if found is None:
            found = self._found[index] = features(self._document.sentence_line(self._document.sentences[index]))
        return found


@dataclass(frozen=True)
class SentenceHead:
    name: str
    weights: dict[str, float]
    bias: float
    threshold: float
    """The probability from which the head flags, chosen by cross-validation over training sets."""

    def probability(self, found: set[str]) -> float:
        z = self.bias + sum(map(self.weights.get, found, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def explain(self, found: set[str], top: int = 5) -> list[tuple[str, float]]:
        """The features that pushed the score up most, with their weights."""
        scored = sorted(((f, self.weights[f]) for f in found if f in self.weights), key=lambda item: -item[1])
        return [(f, round(w, 3)) for f, w in scored[:top] if w > 0]


@dataclass(frozen=True)
class SentenceHeads:
    heads: dict[str, SentenceHead]
    version: str
    trained_on: str
    """Which reviewer sets, in words."""

    def as_json(self) -> dict[str, Any]:
        return {"version": self.version, "trained_on": self.trained_on,
                "heads": {name: {"bias": head.bias, "threshold": head.threshold, "weights": head.weights}
                          for name, head in self.heads.items()}}


def heads_from_json(data: dict[str, Any]) -> SentenceHeads:
    return SentenceHeads(
        {name: SentenceHead(name, head["weights"], head["bias"], head["threshold"]) for name, head in data["heads"].items()},
        data["version"], data["trained_on"])


@lru_cache(maxsize=1)
def default_heads() -> SentenceHeads:
    return heads_from_json(json.loads((resources.files("medguard") / "data" / HEADS_FILE).read_text(encoding="utf-8")))


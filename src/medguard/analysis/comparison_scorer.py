"""A linear scorer for implicit comparisons: a sentence that names two different treatments and
sets one against the other in words no construction lists ("Nurtec stops a migraine in its
tracks; sumatriptan just turns the volume down").

Logistic regression over the sentence's words and word pairs, with each treatment replaced by
its kind (``<generic>``, ``<brand>``, ``<product>``, ``<class>``, ``<other>``, ``<own>`` for the
publisher's own, ``<noun>`` for "steroid shots"), and a few features of the analysis (the
framing cues, the dimensions, the voice, how many treatments). ``docs/model-card-comparison-scorer.md``
describes its data, figures and limits. Trained by
``scripts/train_comparison_scorer.py`` on the project's own labelled sentences
(``datasets/comparisons/``, CC0); shipped as ``medguard/data/comparison_scorer.json``. Pure
Python: no numpy at run time.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .cues import DIMENSION, PAIRING_IMPERATIVE, PAIRING_NEUTRAL, PAIRING_PITCH, PAIRING_VERDICT, PROMOTIONAL_VOICE

SCORER_FILE = "comparison_scorer.json"
_TOKEN = re.compile(r"[a-z0-9$%]+(?:['’-][a-z0-9]+)*|[;:?!—–]")
_FEATURE_CUES = {"verdict": PAIRING_VERDICT, "imperative": PAIRING_IMPERATIVE, "pitch": PAIRING_PITCH,
                 "neutral": PAIRING_NEUTRAL, "voice": PROMOTIONAL_VOICE, **{f"dim:{k}": v for k, v in DIMENSION.items()}}

Side = tuple[int, int, str, str]
"""(start, end, identity, kind) of a treatment named in a span."""


def features(text: str, start: int, end: int, sides: list[Side]) -> list[str]:
    """The features of ``text[start:end]`` whose treatments are ``sides``."""
    tokens: list[str] = []
    at = start
    for side_start, side_end, _, kind in sides:
        if side_start < at:
            continue
        tokens.extend(_TOKEN.findall(text[at:side_start].lower()))
        tokens.append(f"<{kind}>")
        at = side_end
    tokens.extend(_TOKEN.findall(text[at:end].lower()))
    found = [f"w:{t}" for t in tokens]
    found += [f"b:{a} {b}" for a, b in zip(tokens, tokens[1:])]
    found += [f"cue:{name}" for name, pattern in _FEATURE_CUES.items() if pattern.search(text, start, end)]
    kinds = sorted({kind for *_, kind in sides})
    found += [f"side:{kind}" for kind in kinds]
    found.append(f"sides:{min(len({identity for _, _, identity, _ in sides}), 3)}")
    return sorted(set(found))


@dataclass(frozen=True)
class ComparisonScorer:
    weights: dict[str, float]
    bias: float
    threshold: float
    version: str

    def probability(self, found: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in found)
        return 1.0 / (1.0 + math.exp(-z))

    def explain(self, found: list[str], top: int = 5) -> list[tuple[str, float]]:
        """The features that pushed the score up most, with their weights."""
        scored = sorted(((f, self.weights[f]) for f in found if f in self.weights), key=lambda item: -item[1])
        return [(f, round(w, 3)) for f, w in scored[:top] if w > 0]


@lru_cache(maxsize=1)
def load_scorer() -> ComparisonScorer:
    data = json.loads((resources.files("medguard") / "data" / SCORER_FILE).read_text(encoding="utf-8"))
    return ComparisonScorer(data["weights"], data["bias"], data["threshold"], data["version"])

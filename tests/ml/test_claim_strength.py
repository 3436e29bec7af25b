"""The claim-strength head on a fixed set of the project's own sentences (written for this test)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from .conftest import ML_REASON

pytest.importorskip("torch", reason=ML_REASON)
pytest.importorskip("transformers", reason=ML_REASON)

from medguard.ml import claim_strength, cues  # noqa: E402

FIXED = [
    ("Our clinic's infusions cure chronic migraine.", "direct"),
    ("Naltrexone reduced heavy drinking days compared with placebo.", "direct"),
    ("The vaccine did not prevent infection in older adults.", "direct"),
    ("Melatonin may improve sleep in shift workers.", "conditional"),
    ("The new inhaler could reduce asthma attacks in children.", "conditional"),
    ("Probiotics might ease symptoms of irritable bowel syndrome.", "conditional"),
    ("Poor sleep was associated with higher blood pressure in teenagers.", "correlational"),
    ("Migraine is linked to an increased risk of stroke.", "correlational"),
    ("Patients with diabetes had higher rates of infection than patients without diabetes.", "correlational"),
    ("Book a consultation with one of our specialists.", "none"),
    ("Further studies are needed in larger populations.", "none"),
    ("Trial registration: NCT01234567.", "none"),
]

DATASET = Path(__file__).resolve().parents[2] / "datasets" / "claim_strength" / "claim_strength.csv"


def test_fixed_sentences(encoder):
    assert claim_strength.predict([s for s, _ in FIXED], encoder=encoder) == [label for _, label in FIXED]


def test_probabilities_are_a_distribution(encoder):
    proba = claim_strength.predict_proba([s for s, _ in FIXED], encoder=encoder)
    assert proba.shape == (len(FIXED), 4)
    assert np.allclose(proba.sum(axis=1), 1.0, atol=1e-5)
    label, scores = claim_strength.predict_with_scores(["Metformin may lower the risk of cancer."], encoder=encoder)[0]
    assert label == "conditional" and set(scores) == set(claim_strength.LABELS)


def test_the_shipped_head_fits_the_default_model(encoder):
    head = claim_strength.load_head()
    assert head.model_digest == encoder.base_digest
    assert head.feature_names == cues.FEATURE_NAMES
    assert claim_strength.HEAD_PATH.stat().st_size < 300 * 1024


def test_own_dataset_is_recognised(encoder):
    """The shipped head was trained on all of it (test split included): a guard against a broken head, not a measure."""
    with open(DATASET, newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["split"] == "test"]
    predicted = claim_strength.predict([r["sentence"] for r in rows], encoder=encoder)
    accuracy = np.mean([p == r["label"] for p, r in zip(predicted, rows)])
    assert accuracy > 0.9


def test_empty_input(encoder):
    assert claim_strength.predict([], encoder=encoder) == []

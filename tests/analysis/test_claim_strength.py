"""Claim strength on sentences the project wrote (research and health-copy registers)."""

import csv
from pathlib import Path

import pytest

from medguard import claim_strength


@pytest.mark.parametrize("sentence, expected", [
    ("Metformin reduced HbA1c by 1.1% over 24 weeks.", "direct"),
    ("Daily aspirin prevents recurrent stroke in adults over 50.", "direct"),
    ("Buprenorphine is effective for opioid use disorder.", "direct"),
    ("The intervention had a beneficial effect on sleep quality.", "direct"),
    ("Our findings suggest that the program improved adherence.", "direct"),
    ("Vitamin D may reduce the risk of falls in older adults.", "conditional"),
    ("Intermittent fasting might improve insulin sensitivity.", "conditional"),
    ("Sildenafil could be a promising treatment for this condition.", "conditional"),
    ("Coffee intake was associated with lower mortality.", "correlational"),
    ("Higher BMI predicts worse outcomes after surgery.", "correlational"),
    ("Patients with diabetes had higher rates of infection than controls.", "correlational"),
    ("Further studies are needed to confirm these results.", "none"),
    ("We aimed to evaluate the effect of exercise on mood.", "none"),
    ("The prevalence of anaemia was 23% in this cohort.", "none"),
    ("Future research should explore ways to improve uptake.", "none"),
])
def test_strength(sentence, expected):
    label, explanation = claim_strength(sentence)
    assert label == expected, explanation


def test_strength_explains_itself():
    label, explanation = claim_strength("Statins may lower cholesterol.")
    assert label == "conditional"
    assert explanation["because"] == "may"
    assert "hedged" in explanation["rule"]


def test_purpose_is_not_a_claim():
    assert claim_strength("The clinic offers ways to reduce stress.")[0] == "none"
    assert claim_strength("The drug was shown to reduce pain.")[0] == "direct"


def test_the_held_out_research_set_shares_no_sentence_with_the_training_set():
    """research-2.csv measures the head on sentences it never saw: none may be in its training data."""
    folder = Path(__file__).resolve().parents[2] / "datasets" / "claim_strength"

    def sentences(name: str) -> set[str]:
        with open(folder / name, newline="", encoding="utf-8") as handle:
            return {" ".join(row["sentence"].lower().split()) for row in csv.DictReader(handle)}

    held_out, training = sentences("research-2.csv"), sentences("claim_strength.csv")
    assert len(held_out) > 900 and len(training) > 800
    assert not held_out & training

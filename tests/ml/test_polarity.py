"""Polarity for `semantic` rules: a denial of the claim, not a negation word inside the idea."""

from __future__ import annotations

import pytest

from medguard.ml.polarity import absences, denial, present_absence


@pytest.mark.parametrize("text", [
    "This pill does not make you lose weight without diet or exercise.",
    "Losing weight without diet or exercise is not realistic.",
    "We never promise weight loss without diet or exercise.",
    "This supplement does not treat anxiety.",
    "No supplement can cure anxiety.",
    "Despite the hype, this supplement does not treat anxiety.",
    "There is no evidence that it works.",
    "None of the patients improved.",
    "In the trial, none of the patients improved.",
])
def test_a_negation_of_the_main_predicate_is_a_denial(text):
    assert denial(text) is not None


@pytest.mark.parametrize("text", [
    "Lose weight without diet or exercise.",
    "Shed the pounds without changing what you eat.",
    "Drop two dress sizes with no gym and no dieting.",
    "Slim down effortlessly, no workouts required.",
    "You will lose weight even if you never go to the gym.",
    "No more panic attacks with our herbal capsules.",
    "Never feel anxious again with our natural supplement.",
    "Live free from anxiety with our daily gummies.",
    "Our supplement calms anxiety without side effects.",
    "Our supplement is not just for sleep; it also treats anxiety.",
    "The cravings vanish and never come back.",
    "This medication has no side effects.",
    "Mycelia Mornings gives you all the focus of an Adderall, none of the crash.",
    "Same results as a knee operation, none of the scars.",
    "Viruses, bacteria and mold simply cannot survive in an oxygen-rich environment.",
])
def test_a_negation_inside_the_idea_is_not(text):
    assert denial(text) is None


def test_what_an_idea_says_is_absent_must_not_be_stated_present():
    absent = absences("This medication has no side effects.")
    assert absent == {"side", "effect"}
    assert present_absence("The pills have side effects such as nausea.", absent) == "side"
    assert present_absence("The pills are free of side effects.", absent) is None
    assert present_absence("It doesn't have side effects.", absent) is None
    assert absences("No supplement can cure anxiety.") == frozenset()  # a denial names no absence

"""Hedging as the `semantic` and `classifier` rules read it."""

from __future__ import annotations

import pytest

from medguard.ml.cues import is_hedged


@pytest.mark.parametrize("text", [
    "This supplement may help with joint pain.",
    "Early results suggest the app could reduce tinnitus.",
    "Nobody knows whether it works.",
])
def test_a_modal_or_a_reporting_verb_hedges(text):
    assert is_hedged(text)


@pytest.mark.parametrize("text", [
    "It's just sound, so there's nothing that could go wrong.",
    "There is no way it would harm your baby.",
    "Our drops soothe colic in minutes.",
])
def test_a_possibility_ruled_out_is_no_hedge(text):
    assert not is_hedged(text)

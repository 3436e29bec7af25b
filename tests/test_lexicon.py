"""Tests for the drug term matcher and the lexicon shipped with medguard."""

from __future__ import annotations

import dataclasses
import gzip
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medguard.analysis.lexicon import TermMatch, TermMatcher, load_drug_lexicon, term_key


@pytest.fixture(scope="module")
def lexicon() -> TermMatcher:
    return load_drug_lexicon()


def found(matcher: TermMatcher, text: str) -> list[tuple[str, str, str]]:
    """(matched text, canonical, kind) for each match, checking the offsets on the way."""
    matches = matcher.find(text)
    for match in matches:
        assert text[match.start : match.end] == match.text
    return [(m.text, m.canonical, m.kind) for m in matches]


# --- The shipped lexicon -----------------------------------------------------------------------


def test_brands_are_normalised_to_their_generic(lexicon: TermMatcher) -> None:
    text = "She was switched from Suboxone to Zoloft, then to generic sertraline."
    assert found(lexicon, text) == [
        ("Suboxone", "buprenorphine/naloxone", "brand"),
        ("Zoloft", "sertraline", "brand"),
        ("sertraline", "sertraline", "generic"),
    ]


def test_generic_spellings_share_a_canonical_name(lexicon: TermMatcher) -> None:
    text = "Paracetamol, known as acetaminophen in the US, is sold as Tylenol."
    assert [canonical for _, canonical, _ in found(lexicon, text)] == ["acetaminophen"] * 3


def test_drug_classes(lexicon: TermMatcher) -> None:
    text = "SSRIs are antidepressants; opioids and benzodiazepines carry risks, as do NSAIDs."
    assert found(lexicon, text) == [
        ("SSRIs", "ssri", "class"),
        ("antidepressants", "antidepressant", "class"),
        ("opioids", "opioid", "class"),
        ("benzodiazepines", "benzodiazepine", "class"),
        ("NSAIDs", "nsaid", "class"),
    ]


def test_generic_comparators(lexicon: TermMatcher) -> None:
    text = (
        "Unlike other treatments, it works better than prescription drugs and the standard of "
        "care, and it can replace medication-assisted treatment."
    )
    assert [(t, c) for t, c, _ in found(lexicon, text)] == [
        ("other treatments", "other treatments"),
        ("prescription drugs", "other treatments"),
        ("standard of care", "other treatments"),
        ("medication-assisted treatment", "other treatments"),
    ]


def test_multi_word_terms(lexicon: TermMatcher) -> None:
    text = (
        "Beta blockers, ACE inhibitors and GLP-1 agonists help; selective serotonin reuptake "
        "inhibitors do not. Nicotine replacement therapy doubles your chances."
    )
    assert found(lexicon, text) == [
        ("Beta blockers", "beta blocker", "class"),
        ("ACE inhibitors", "ace inhibitor", "class"),
        ("GLP-1 agonists", "glp-1 agonist", "class"),
        ("selective serotonin reuptake inhibitors", "ssri", "class"),
        ("Nicotine replacement therapy", "nicotine replacement therapy", "class"),
    ]


def test_punctuation_and_trademark_signs_are_boundaries(lexicon: TermMatcher) -> None:
    text = 'Suboxone® (buprenorphine) and "naltrexone-based" care; Prozac\'s label; Zoloft™.'
    assert [(t, c) for t, c, _ in found(lexicon, text)] == [
        ("Suboxone", "buprenorphine/naloxone"),
        ("buprenorphine", "buprenorphine"),
        ("naltrexone", "naltrexone"),
        ("Prozac", "fluoxetine"),
        ("Zoloft", "sertraline"),
    ]


def test_hyphenated_names_match_whole(lexicon: TermMatcher) -> None:
    assert found(lexicon, "Co-codamol is stronger than paracetamol.")[0][:2] == (
        "Co-codamol",
        "co-codamol",
    )


def test_matching_ignores_case(lexicon: TermMatcher) -> None:
    assert [c for _, c, _ in found(lexicon, "ZOLOFT zoloft ZoLoFt")] == ["sertraline"] * 3


def test_no_match_inside_a_longer_word(lexicon: TermMatcher) -> None:
    assert found(lexicon, "Prozacs, subzoloft and sertralines are not drug names.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Today we control our balance and focus",
        "Advance planning is a vital part of any plan, so make a plan B.",
        "Our new programme is designed to help you feel your best. Whether you want to lose "
        "weight, build strength or reduce stress, our coaches will create a plan that fits.",
        "Wake up, stretch, have a glass of water and a healthy breakfast. Set an intention for "
        "the day: energy, clarity, calm, strength, patience, kindness, gratitude.",
        "Eat five portions of fruit and vegetables a day, with rice, pasta, beans, fish and eggs.",
        "At 10 weeks, Android 10 users and the Armour team met Allegra at Colgate.",
    ],
)
def test_ordinary_english_is_not_matched(lexicon: TermMatcher, text: str) -> None:
    assert found(lexicon, text) == []


@pytest.mark.parametrize("text", ["", " ", "\n\t", "... — !"])
def test_text_without_words(lexicon: TermMatcher, text: str) -> None:
    assert lexicon.find(text) == []


def test_lexicon_is_loaded_once(lexicon: TermMatcher) -> None:
    assert load_drug_lexicon() is lexicon
    assert len(lexicon) > 40_000


def test_shipped_file_is_sorted_unique_and_small() -> None:
    path = resources.files("medguard") / "data" / "drug_lexicon.tsv.gz"
    raw = path.read_bytes()
    assert len(raw) < 1_500_000
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    rows = [line.split("\t") for line in lines]
    assert all(len(row) == 3 for row in rows)
    surfaces = [row[0] for row in rows]
    assert surfaces == sorted(set(surfaces))
    assert all(s == s.lower() and len(s) >= 4 for s in surfaces)
    assert {row[2] for row in rows} == {"generic", "brand", "class"}
    assert len({term_key(s) for s in surfaces}) == len(surfaces)


# --- The matcher on its own terms --------------------------------------------------------------


def test_longest_match_wins() -> None:
    matcher = TermMatcher({
        "insulin": ("insulin", "class"),
        "insulin glargine": ("insulin glargine", "generic"),
    })
    assert found(matcher, "Insulin glargine, or insulin.") == [
        ("Insulin glargine", "insulin glargine", "generic"),
        ("insulin", "insulin", "class"),
    ]


def test_matches_do_not_overlap_and_go_left_to_right() -> None:
    matcher = TermMatcher({"alpha beta": ("ab", "generic"), "beta gamma": ("bg", "generic")})
    assert found(matcher, "alpha beta gamma") == [("alpha beta", "ab", "generic")]
    assert found(matcher, "beta gamma alpha beta") == [
        ("beta gamma", "bg", "generic"),
        ("alpha beta", "ab", "generic"),
    ]


def test_a_comma_or_bracket_ends_a_multi_word_term() -> None:
    matcher = TermMatcher({"insulin glargine": ("insulin glargine", "generic")})
    assert matcher.find("insulin, glargine") == []
    assert matcher.find("insulin (glargine)") == []
    assert [m.text for m in matcher.find("insulin\nglargine")] == ["insulin\nglargine"]


def test_hyphen_is_part_of_a_term() -> None:
    matcher = TermMatcher({"co-codamol": ("co-codamol", "generic")})
    assert [m.text for m in matcher.find("co-codamol co\u2011codamol")] == [
        "co-codamol",
        "co\u2011codamol",
    ]
    assert matcher.find("co codamol") == []


def test_typographic_apostrophe_and_possessive() -> None:
    matcher = TermMatcher({"st john's wort": ("hypericum", "generic")})
    assert [m.text for m in matcher.find("St John\u2019s Wort and St. John's wort")] == [
        "St John\u2019s Wort",
        "St. John's wort",
    ]


def test_plural_matches_only_if_listed() -> None:
    matcher = TermMatcher({"prozac": ("fluoxetine", "brand")})
    assert [m.text for m in matcher.find("Prozac prozacs nystatin")] == ["Prozac"]
    matcher.add("Prozacs", "fluoxetine", "brand")
    assert [m.text for m in matcher.find("Prozac prozacs")] == ["Prozac", "prozacs"]


def test_add_replaces_a_term_with_the_same_words() -> None:
    matcher = TermMatcher({"Zoloft": ("sertraline", "generic")})
    matcher.add("ZOLOFT", "sertraline", "brand")
    assert len(matcher) == 1
    assert matcher.find("zoloft") == [TermMatch(0, 6, "zoloft", "sertraline", "brand")]


def test_a_term_needs_a_word() -> None:
    with pytest.raises(ValueError, match="no letters or digits"):
        TermMatcher({"®": ("nothing", "brand")})
    with pytest.raises(ValueError, match="no letters or digits"):
        TermMatcher({}).add(" - ", "nothing", "brand")


def test_term_key() -> None:
    assert term_key("Buprenorphine/Naloxone") == "buprenorphine naloxone"
    assert term_key("Co-Codamol") == "co-codamol"
    assert term_key("St. John\u2019s  Wort") == "st john s wort"


def test_term_match_is_immutable() -> None:
    match = TermMatch(0, 6, "Zoloft", "sertraline", "brand")
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.start = 1  # type: ignore[misc]


def test_a_term_that_starts_with_a_common_word() -> None:
    matcher = TermMatcher({
        "no": ("no", "class"), "no more pain": ("nmp", "brand"), "no-doz": ("caffeine", "brand"), "a b": ("ab", "generic"),
    })
    assert found(matcher, "No more pain. No-Doz, no more; a b a") == [
        ("No more pain", "nmp", "brand"), ("No-Doz", "caffeine", "brand"), ("no", "no", "class"), ("a b", "ab", "generic"),
    ]


VOCAB = ["no", "more", "pain", "a", "b", "is", "or"]


@given(
    terms=st.lists(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=3).map(" ".join), max_size=8),
    words=st.lists(st.sampled_from(VOCAB), max_size=20),
)
def test_find_is_the_greedy_longest_match_over_the_words(terms: list[str], words: list[str]) -> None:
    """Left to right, the longest term starting at each word; a word that starts none is skipped."""
    matcher = TermMatcher({term: (term, "generic") for term in terms})
    expected, i = [], 0
    while i < len(words):
        size = next((n for n in range(3, 0, -1) if " ".join(words[i:i + n]) in terms and i + n <= len(words)), 0)
        if size:
            expected.append(" ".join(words[i:i + size]))
        i += size or 1
    assert [m.text for m in matcher.find(" ".join(words))] == expected

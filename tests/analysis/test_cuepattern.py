"""The word-start index answers exactly what the plain regex answers, only faster."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medguard.analysis import claims, cues, risks
from medguard.analysis.cuepattern import (
    DIGIT, Alternation, CuePattern, LeadingWords, ScannedPattern, pattern_prefixes, split_runs,
)

ARTICLES = sorted((Path(__file__).parents[1] / "fixtures" / "articles").iterdir()) + sorted(
    (Path(__file__).parents[2] / "examples" / "articles").iterdir())


def _patterns() -> dict[str, ScannedPattern]:
    found = {}
    for module in (cues, claims, risks):
        for name, value in vars(module).items():
            if isinstance(value, ScannedPattern):
                found[f"{module.__name__}.{name}"] = value
            elif isinstance(value, dict):
                found.update({f"{module.__name__}.{name}[{key}]": v for key, v in value.items() if isinstance(v, ScannedPattern)})
    return found


PATTERNS = _patterns()


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_indexed_scan_equals_the_plain_regex(name):
    pattern = PATTERNS[name]
    for article in ARTICLES:
        text = article.read_bytes().decode("utf-8", errors="replace")
        indexed = [(m.start(), m.end()) for m in pattern.finditer(text)]
        plain = [(m.start(), m.end()) for m in pattern.compiled.finditer(text)]
        assert indexed == plain, f"{name} on {article.name}"


def test_most_cue_patterns_are_indexed():
    indexed = [name for name, pattern in PATTERNS.items() if pattern.prefixes is not None]
    assert len(indexed) >= 0.8 * len(PATTERNS)


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\b(?:is|are) effective", ("are", "is")),
    (r"(?<![\w-])(?:(?P<unlike>unlike)|(?P<than>(?:much\s+)?(?:more|less)\s+than))", ("less", "more", "much", "unlike")),
    (r"\b\d+(?:\.\d+)?\s?%|\bPMID:?\s*\d+", (DIGIT, "pmid")),
    (r"\bI'm|\bdon't", ("don", "i")),
    (r"\b(?:very )?safe", ("safe", "very")),
    (r"\bstops?\b", ("stop",)),
    (r"(?<![\w-])(?:(?<!these )(?<!such )side effects|(?-i:Never) again)", ("never", "side")),
    (r"\b(?<=\bit\s)(?:for\b|to)", ("for", "to")),
])
def test_prefixes_of_word_anchored_patterns(pattern, expected):
    assert pattern_prefixes(pattern) == expected


@pytest.mark.parametrize("pattern", [
    r"said|told",                   # may match inside a word ("Nsaids")
    r"\b(?:is|are)|\([A-Z]\w+",     # one branch is not anchored
    r"\b[A-Z][a-z]+ et al",         # starts with a class
])
def test_patterns_that_may_start_anywhere_are_not_indexed(pattern):
    assert pattern_prefixes(pattern) is None


def test_attribution_does_not_fire_inside_a_word():
    text = "Topical Nsaids are as effective as oral ones for knee pain, in trials of several hundred patients each."
    assert cues.ATTRIBUTION.search(text) is None
    assert cues.ATTRIBUTION.search("Topical NSAIDs work, Dr. Moore said.").group() == "said"


@pytest.mark.parametrize("name", ["medguard.analysis.cues.BENEFIT", "medguard.analysis.cues.NEGATION", "medguard.analysis.claims._CLAUSE_BREAK"])
def test_range_queries_read_the_whole_text_scan(name):
    pattern = PATTERNS[name]
    text = max((a.read_bytes().decode("utf-8", errors="replace") for a in ARTICLES), key=len)
    everything = list(pattern.compiled.finditer(text))
    for start in range(0, len(text), 97):
        end = start + 180
        expected = [(m.start(), m.end()) for m in everything if start <= m.start() and m.end() <= end]
        assert [(m.start(), m.end()) for m in pattern.finditer(text, start, end)] == expected
        first = pattern.search(text, start, end)
        assert (first.start(), first.end()) == expected[0] if expected else first is None


_LEADING = CuePattern((r"(?:[\w'’-]+ ){0,2}(?:drugs?|pills?|sleep aids?|treatments?)",))
_TOKENS = ["drug", "drugs", "pills", "older", "Alzheimer’s", "other's", "anti-anxiety", "sleep", "aids", "the", "x",
           "treatments", "weight-loss", "’s", "d’", "Pills", "drug-free", "2"]


def test_words_before_a_head_are_indexed_through_the_head():
    assert [type(run) for run in split_runs(_LEADING.pattern)] == [LeadingWords]
    assert [type(run) for run in split_runs(cues.TREATMENT_NOUN.pattern)] == [LeadingWords]
    text = ("Unlike older obesity drugs, other’s pills and Alzheimer’s drugs, drug treatments and anti-anxiety pills "
            "(or  x pills, drug-free sleep aids) work. ") * 2
    assert [m.group() for m in _LEADING.finditer(text)][:7] == [
        "older obesity drugs", "other’s pills", "and Alzheimer’s drugs", "drug treatments", "and anti-anxiety pills",
        "x pills", "drug-free sleep aids"]


@given(st.lists(st.tuples(st.sampled_from(_TOKENS), st.sampled_from([" ", " ", " ", "", "  ", "-", "’", ", "])),
                min_size=1, max_size=30))
@settings(max_examples=300, deadline=None)
def test_words_before_a_head_match_as_the_plain_regex_matches(tokens):
    text = "".join(token + gap for token, gap in tokens) + " " * 160  # long enough to be scanned, not searched
    assert [m.span() for m in _LEADING.finditer(text)] == [m.span() for m in _LEADING.compiled.finditer(text)]


_MIXED = CuePattern((r"outdated", r"clinical(?:-level)?", r"yesterday['’]s news", r"[\w-]+-level (?:relief|results)",
                     r"\$\d+", r"cheaper", r"top-level", r"the same (?:[\w-]+ ){0,2}results as"))
"""Alternatives with and without a literal prefix, in an order that decides ties: at "clinical-level
relief" the earlier "clinical-level" wins, at "top-level results" the earlier "...-level results"."""
_MIXED_TOKENS = ["outdated", "yesterday's news", "clinical-level relief", "clinical", "-level", "results", "$20", "US$40",
                 "a$3", "cheaper", "the same", "fast results as", "top-level", "top-level results", "relief", "$"]


def test_a_cue_list_with_some_unindexed_alternatives_indexes_the_others():
    assert [type(run) for run in split_runs(_MIXED.pattern)] == [Alternation, str, Alternation]
    text = ("Outdated pills cost $20; ours give clinical-level relief and top-level results, the same fast results as "
            "before, and cheaper. ") * 2
    assert [m.group() for m in _MIXED.finditer(text)][:6] == [
        "Outdated", "$20", "clinical-level", "top-level results", "the same fast results as", "cheaper"]


@given(st.lists(st.tuples(st.sampled_from(_MIXED_TOKENS), st.sampled_from([" ", " ", "", "-", ", "])), min_size=1, max_size=30))
@settings(max_examples=300, deadline=None)
def test_a_cue_list_with_some_unindexed_alternatives_matches_as_the_plain_regex_matches(tokens):
    text = "".join(token + gap for token, gap in tokens) + " " * 160
    assert [m.span() for m in _MIXED.finditer(text)] == [m.span() for m in _MIXED.compiled.finditer(text)]

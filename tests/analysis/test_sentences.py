"""Sentence splitting: plain prose is split without syntok, exactly where syntok splits it."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medguard import Document
from medguard.analysis.document import MAX_SENTENCE_CHARS, _CLOSING, _plain_splits, bounded, split_sentences, syntok_sentences

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted([*ROOT.glob("examples/articles/*"), *ROOT.glob("tests/fixtures/articles/*.html"),
                   *ROOT.glob("tests/fixtures/articles/*.md"), *ROOT.glob("tests/fixtures/articles/*.txt")])

PROSE = [
    "Buprenorphine reduces cravings. Most people start at a low dose. Talk to your doctor first.",
    "The trial enrolled 1,200 adults in 2019. Results were published in March.",
    "Ibuprofen (Advil) can upset your stomach. Take it with food.",
    'He said the pain was gone. "It changed my life," he said.',
    "Prices fell 12%. The FDA approved a generic version last year.",
    "Doses above 2.5 mg were not tested. Side effects were mild.",
]
NEXT_WORD_DECIDES = [  # syntok ends a sentence after these only before a sentence starter ("The", "However")
    "Talk to Dr. Patel about side effects. She will check your dose.",
    "Take it with food, water, etc. After a week, stop.",
    "Take vitamin C. The dose is 500 mg a day.",
    "Write to Thomas M. Burton about it. However, he may not reply.",
    "Patients with type II. Diabetes was not studied.",
]
ONE_WORD_AND_CAPITALS = [
    "Absolutely. Suboxone is safe for most people, says Dr Chan. The FDA agrees.",
    "It was approved years ago. Doctors like it. It works for me. Ask about it.",
]
ASIDES_SEMICOLONS_AND_LOWER_CASE = [
    "It was approved by the Food and Drug Administration (FDA). Several other tests are sold.",
    "Cravings fell in the first week; relapse did not. Doses were low; Patients slept better.",
    "It was stopped early! and the board agreed. The results follow.",
]
HARD = [
    "It works in the U.S. and Canada. It is approved in both.",
    "BOSTON (Reuters) - A new drug cut strokes. Doctors were pleased.",
    "Researcher Chuanhai Cao, PhD. He studies memory.",
    "The same factor ( s ), protease treatment. It failed.",
    "e.g. doses of aspirin (1 in 10). Patel agreed.",
    "Patients who took it (a higher dose than any of the trials had tested before). Most improved.",
    "Results improved (p < 0.05). The effect lasted.",
    "The study ended on Jan. 5. Results follow.",
]


@pytest.mark.parametrize("text", PROSE + NEXT_WORD_DECIDES + ONE_WORD_AND_CAPITALS + ASIDES_SEMICOLONS_AND_LOWER_CASE + HARD)
def test_split_sentences_matches_syntok(text):
    assert list(split_sentences(text, 0, len(text))) == list(syntok_sentences(text, 0, len(text)))


@pytest.mark.parametrize("text", PROSE + NEXT_WORD_DECIDES + ONE_WORD_AND_CAPITALS + ASIDES_SEMICOLONS_AND_LOWER_CASE)
def test_plain_prose_is_split_without_syntok(text):
    assert _plain_splits(text, len(text.rstrip(_CLOSING))) is not None


@pytest.mark.parametrize("text", HARD)
def test_initialisms_long_or_spaced_brackets_mixed_case_and_dotted_first_words_are_left_to_syntok(text):
    assert _plain_splits(text, len(text.rstrip(_CLOSING))) is None


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_block_of_the_fixture_articles_splits_as_syntok_splits_it(engine, path):
    fmt = {".html": "html", ".md": "markdown"}.get(path.suffix, "text")
    parsed = engine.parse(Document(body=path.read_text(encoding="utf-8", errors="replace"), format=fmt))
    for block in parsed.blocks:
        chunk = parsed.text[block.start:block.end]
        if _plain_splits(chunk, len(chunk.rstrip(_CLOSING))) is not None:
            assert list(split_sentences(parsed.text, block.start, block.end)) == list(syntok_sentences(parsed.text, block.start, block.end))


_LAST_WORDS = ["Dr", "Mr", "vitamin C", "type II", "the FDA", "Jan", "years ago", "etc", "St", "Inc", "approx", "no",
               "it", "me", "Chan", "A", "I", "vs", "Fig", "May", "in 2019", "by 12%", "Oct", "the UK", "IV", "Co", "PhD",
               "the FDA (2019)", "aspirin (ASA)", "it (x)", "pills ( s )", "drugs (" + "a" * 60 + ")", "Dr (Patel)"]
_FIRST_WORDS = ["The", "Ilan", "A", "This", "Patel", "However", "It", "Results", "No", "So", "May", "I", "Oct", "Dr",
                "US", "Since", "Yet", "De", "and", "the", "e.g."]
_TERMINALS = [".", "?", "!", '."', ".\u201d", "?\u201d", "...", ";"]


@given(st.lists(st.tuples(st.sampled_from(["", "\u201c", '"']), st.sampled_from(_FIRST_WORDS), st.booleans(),
                          st.sampled_from(_LAST_WORDS), st.sampled_from(_TERMINALS)), min_size=1, max_size=4))
@settings(max_examples=500, deadline=None)
def test_prose_with_abbreviations_initials_asides_and_semicolons_splits_as_syntok_splits_it(sentences):
    text = " ".join(f"{quote}{first}{' gave a dose to' if long else ''} {last}{terminal}"
                    for quote, first, long, last, terminal in sentences)
    assert list(split_sentences(text, 0, len(text))) == list(syntok_sentences(text, 0, len(text)))


def test_a_run_on_without_sentence_punctuation_is_cut_into_bounded_pieces(analyze, findings):
    words = ("Choose your country United States Afghanistan Albania Algeria Andorra Angola Anguilla " * 400).split()
    words[2000:2000] = ["Ozempic", "is", "a", "miracle", "cure"]
    text = " ".join(words)
    analyzed = analyze(text)
    pieces = [text[s.start:s.end] for s in analyzed.sentences]
    assert len(pieces) > 10 and max(map(len, pieces)) <= MAX_SENTENCE_CHARS
    assert " ".join(pieces).split() == words  # every word in exactly one piece, none cut inside a word
    assert [f.excerpt for f in findings(text) if f.rule == "absolute-language.cure"] == ["miracle", "cure"]


def test_a_run_on_without_white_space_is_cut_at_the_limit():
    text = "x" * 2500
    assert list(bounded(text, 0, len(text))) == [(0, 1000), (1000, 2000), (2000, 2500)]

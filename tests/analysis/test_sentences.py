"""Sentence splitting: plain prose is split without syntok, exactly where syntok splits it."""

from pathlib import Path

import pytest

from medguard import Document
from medguard.analysis.document import _CLOSING, _plain_splits, split_sentences, syntok_sentences

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
HARD = [
    "Talk to Dr. Patel about side effects. She will check your dose.",
    "It works in the U.S. and Canada. It is approved in both.",
    "Take it with food, water, etc. After a week, stop.",
    "BOSTON (Reuters) - A new drug cut strokes. Doctors were pleased.",
    "Results improved (p < 0.05). The effect lasted.",
    "The study ended on Jan. 5. Results follow.",
]


@pytest.mark.parametrize("text", PROSE + HARD)
def test_split_sentences_matches_syntok(text):
    assert list(split_sentences(text, 0, len(text))) == list(syntok_sentences(text, 0, len(text)))


@pytest.mark.parametrize("text", PROSE)
def test_plain_prose_is_split_without_syntok(text):
    assert _plain_splits(text, len(text.rstrip(_CLOSING))) is not None


@pytest.mark.parametrize("text", HARD)
def test_abbreviations_brackets_and_months_are_left_to_syntok(text):
    assert _plain_splits(text, len(text.rstrip(_CLOSING))) is None


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_block_of_the_fixture_articles_splits_as_syntok_splits_it(engine, path):
    fmt = {".html": "html", ".md": "markdown"}.get(path.suffix, "text")
    parsed = engine.parse(Document(body=path.read_text(encoding="utf-8", errors="replace"), format=fmt))
    for block in parsed.blocks:
        chunk = parsed.text[block.start:block.end]
        if _plain_splits(chunk, len(chunk.rstrip(_CLOSING))) is not None:
            assert list(split_sentences(parsed.text, block.start, block.end)) == list(syntok_sentences(parsed.text, block.start, block.end))

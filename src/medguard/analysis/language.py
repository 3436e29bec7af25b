"""Sentence-level language cues that rules read directly: absolute promises ("cure",
"guaranteed", "100%") and establishment phrases ("studies show", "clinically proven")."""

from __future__ import annotations

from .claims import in_disclaimer, is_negated
from .cues import ABSOLUTE, ESTABLISHMENT, QUESTION_HEADING
from .spans import Cue

_DEFINITE = ("the ", "these ", "this ", "those ", "our ", "both ")


def find_absolutes(document) -> list[Cue]:
    """Absolute outcome language, minus negated uses ("not a cure") and disclaimers."""
    text = document.text
    found = []
    for index, sentence in enumerate(document.sentences):
        for cue in document.cues(ABSOLUTE, "absolute")[index]:
            if text[sentence.start:sentence.end].rstrip().endswith("?"):
                continue
            if in_disclaimer(text, cue, sentence.start, sentence.end) or is_negated(text, cue.start, sentence.start):
                continue
            found.append(cue)
    return found


def find_establishment(document) -> list[Cue]:
    """Phrases that promise evidence, minus negated ones ("no studies show") and topic headings
    ("What the studies found"). A definite one ("the trials found") points back at studies the
    document names elsewhere, so its kind is ``establishment-definite``."""
    text = document.text
    found = []
    for index, sentence in enumerate(document.sentences):
        if document.blocks[sentence.block].kind == "heading" and QUESTION_HEADING.match(text, sentence.start):
            continue
        for cue in document.cues(ESTABLISHMENT, "establishment")[index]:
            if is_negated(text, cue.start, sentence.start):
                continue
            if text[max(sentence.start, cue.start - 7):cue.start].lower().endswith(_DEFINITE):
                cue = Cue(cue.start, cue.end, cue.text, "establishment-definite")
            found.append(cue)
    return found

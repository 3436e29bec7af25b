"""``type: reading-grade`` — sentences above a reading grade or a word count.

The grade is the Flesch–Kincaid grade level of each sentence,
``0.39 * words/sentence + 11.8 * syllables/word - 15.59``, with syllables counted by a vowel-group
heuristic (good to about one syllable a word, which is all a per-sentence flag needs).
"""

from __future__ import annotations

import re
from typing import Iterator

from pydantic import BaseModel, ConfigDict, Field, model_validator

from medguard import AnalyzedDocument, Detection, RuleType

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
DEFAULT_SCOPE = ("paragraph", "list-item", "quote")


class ReadingGradeOptions(BaseModel):
    """Options of ``type: reading-grade``; every field has a default."""

    model_config = ConfigDict(extra="forbid")

    max_grade: float | None = Field(10.0, ge=1, le=20, description="Flag sentences above this Flesch–Kincaid grade.")
    max_words: int | None = Field(None, ge=5, description="Flag sentences with more words than this.")
    min_words: int = Field(8, ge=1, description="Ignore sentences shorter than this (grades of short ones are noise).")

    @model_validator(mode="after")
    def _has_a_limit(self) -> "ReadingGradeOptions":
        if self.max_grade is None and self.max_words is None:
            raise ValueError("set `max_grade`, `max_words` or both")
        return self


def syllables(word: str) -> int:
    """Syllables in an English word, by vowel groups with the usual silent-e corrections."""
    word = word.lower().replace("’", "'").split("'")[0]
    count = len(_VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def grade(words: list[str]) -> float:
    """Flesch–Kincaid grade level of one sentence."""
    if not words:
        return 0.0
    total = sum(syllables(w) for w in words)
    return 0.39 * len(words) + 11.8 * total / len(words) - 15.59


class ReadingGradeRule(RuleType):
    name = "reading-grade"
    category = "readability"
    description = "Flags sentences above a Flesch–Kincaid reading grade or a number of words."
    Options = ReadingGradeOptions

    def check(self, document: AnalyzedDocument) -> Iterator[Detection]:
        options: ReadingGradeOptions = self.options
        for sentence in document.sentences_in_scope(self.spec.scope or DEFAULT_SCOPE):
            text = document.sentence_text(sentence)
            words = _WORD.findall(text)
            if len(words) < options.min_words:
                continue
            level = round(grade(words), 1)
            too_hard = options.max_grade is not None and level > options.max_grade
            too_long = options.max_words is not None and len(words) > options.max_words
            if not (too_hard or too_long):
                continue
            reasons = []
            if too_hard:
                reasons.append(f"reading grade {level:g} (limit {options.max_grade:g})")
            if too_long:
                reasons.append(f"{len(words)} words (limit {options.max_words})")
            yield Detection(
                sentence.start, sentence.end,
                message=f"{self.spec.message} This sentence: {', '.join(reasons)}.",
                explanation={
                    "words": len(words),
                    "syllables": sum(syllables(w) for w in words),
                    "grade": level,
                    "formula": "Flesch-Kincaid grade = 0.39*words/sentence + 11.8*syllables/word - 15.59",
                },
                suggestion="Split the sentence and prefer short, common words.",
            )

"""Exact, case-insensitive matching of drug names, brands and drug classes in text.

A `TermMatcher` holds a set of terms (surface form -> canonical name and kind) and finds them in
a string. Text and terms are split into words with the same regular expression, so a term matches
only whole words: "Suboxone®", "(buprenorphine)" and "naltrexone-based" contain a match, while
"prozacs" does not contain "prozac". A hyphen or slash separates words like a space does, which
makes "co-codamol", "GLP-1" and "buprenorphine/naloxone" multi-word terms that match whether the
text writes them with a hyphen, a slash or a space. A possessive "'s" is its own word, so
"Prozac's" matches "prozac".

Terms are indexed by their first word; at each word of the text the longest term that starts
there wins, and matching resumes after it, so matches never overlap.

`load_drug_lexicon()` returns a matcher over the lexicon shipped in
``medguard/data/drug_lexicon.tsv.gz`` (built by ``scripts/build_drug_lexicon.py``).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["TermMatch", "TermMatcher", "load_drug_lexicon", "term_key"]

# A word is a run of letters and digits, possibly joined by apostrophes ("don't"); a possessive
# "'s" is left out of the word before it so that "Prozac's" yields "prozac" and "s".
_WORD_RE = re.compile(r"[^\W_]+(?:'(?![sS]\b)[^\W_]+)*")

# What may stand between two words of one multi-word match: spaces, hyphens and dashes, slashes,
# full stops of abbreviations ("St. John's wort"), the apostrophe of a possessive and trademark
# signs. Anything else (a comma, a bracket, a colon) ends a match.
_JOINER_RE = re.compile(r"[\s\-\u2010-\u2015/.'\u00ae\u2122]*")

_LEXICON_FILE = "drug_lexicon.tsv.gz"


def _normalise_apostrophes(text: str) -> str:
    """Replace typographic apostrophes with ASCII ones; the length of the text does not change."""
    return text.replace("\u2019", "'")


def term_key(surface: str) -> str:
    """Return the lookup key of a term: its words, lower-cased and joined by single spaces."""
    return " ".join(word.lower() for word in _WORD_RE.findall(_normalise_apostrophes(surface)))


@dataclass(frozen=True, slots=True)
class TermMatch:
    """One term found in a text; `start` and `end` are offsets into that text."""

    start: int
    end: int
    text: str
    canonical: str
    kind: str


class TermMatcher:
    """Finds known terms in text: whole words only, case-insensitive, longest match first."""

    __slots__ = ("_terms", "_longest")

    def __init__(self, terms: Mapping[str, tuple[str, str]]) -> None:
        """Index `terms`, a mapping of surface form (any case) to ``(canonical, kind)``."""
        self._terms: dict[str, tuple[str, str]] = {}
        self._longest: dict[str, int] = {}
        for surface, (canonical, kind) in terms.items():
            self.add(surface, canonical, kind)

    def __len__(self) -> int:
        """Number of distinct term keys."""
        return len(self._terms)

    def add(self, surface: str, canonical: str, kind: str) -> None:
        """Add one term; a surface whose key is already known replaces the earlier entry."""
        key = term_key(surface)
        if not key:
            raise ValueError(f"term {surface!r} contains no letters or digits")
        self._terms[key] = (canonical, kind)
        first, _, rest = key.partition(" ")
        size = rest.count(" ") + 2 if rest else 1
        if size > self._longest.get(first, 0):
            self._longest[first] = size

    def find(self, text: str) -> list[TermMatch]:
        """Return the terms in `text`, left to right, longest first, never overlapping."""
        clean = _normalise_apostrophes(text)
        spans = [match.span() for match in _WORD_RE.finditer(clean)]
        words = [clean[start:end].lower() for start, end in spans]
        terms, longest = self._terms, self._longest
        found: list[TermMatch] = []
        count = len(words)
        i = 0
        while i < count:
            width = longest.get(words[i])
            if width is not None:
                for size in range(min(width, count - i), 0, -1):
                    entry = terms.get(" ".join(words[i : i + size]) if size > 1 else words[i])
                    if entry is not None and self._joined(clean, spans, i, size):
                        start, end = spans[i][0], spans[i + size - 1][1]
                        found.append(TermMatch(start, end, text[start:end], entry[0], entry[1]))
                        i += size
                        break
                else:
                    i += 1
            else:
                i += 1
        return found

    @staticmethod
    def _joined(text: str, spans: list[tuple[int, int]], first: int, size: int) -> bool:
        """Whether words ``first .. first+size-1`` are separated only by joining characters."""
        for j in range(first + 1, first + size):
            if not _JOINER_RE.fullmatch(text, spans[j - 1][1], spans[j][0]):
                return False
        return True


@cache
def load_drug_lexicon() -> TermMatcher:
    """Return a matcher over medguard's drug lexicon (drugs, brands, drug classes).

    The lexicon is read once per process from ``medguard/data/drug_lexicon.tsv.gz``: one
    ``surface<TAB>canonical<TAB>kind`` line per surface form, kind being ``generic``, ``brand``
    or ``class``.
    """
    raw = (resources.files("medguard") / "data" / _LEXICON_FILE).read_bytes()
    shared: dict[tuple[str, str], tuple[str, str]] = {}
    terms: dict[str, tuple[str, str]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        surface, canonical, kind = line.split("\t")
        entry = (canonical, kind)
        terms[surface] = shared.setdefault(entry, entry)
    return TermMatcher(terms)

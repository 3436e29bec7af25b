"""The analyzed document every rule reads: text, blocks, sentences and shared annotations."""

from __future__ import annotations

import time
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable, Iterable, Iterator, Mapping

import re

from syntok import segmenter

from ..ingest.base import SCOPE_ALIASES, Block, ParsedText
from ..models import Document
from .spans import Cue


class CheckTimeout(Exception):
    """The document's time limit passed while it was being analyzed (see ``AnalyzedDocument.deadline``)."""


@dataclass(slots=True, frozen=True)
class Sentence:
    """A sentence of the text, inside one block."""

    start: int
    end: int
    block: int
    """Index of its block in ``AnalyzedDocument.blocks``."""


class AnalyzedDocument:
    """A parsed document plus annotations computed on first use and shared by all rules.

    ``annotation(name)`` runs the analyzer a plugin registered under ``name`` once, then
    returns the cached value.
    """

    def __init__(
        self,
        document: Document,
        parsed: ParsedText,
        analyzers: Mapping[str, Callable[[AnalyzedDocument], Any]],
        settings: Mapping[str, Any] | None = None,
    ):
        self.document = document
        self.parsed = parsed
        self.text = parsed.text
        self.blocks: list[Block] = parsed.blocks
        self.settings = settings or {}
        self._analyzers = analyzers
        self._annotations: dict[str, Any] = {}
        self._analyzer_errors: list[tuple[BaseException, str]] = []
        """Each error an analyzer raised, with the analyzer's name (the innermost first)."""
        self._cues: dict[tuple[int, str], list[list[Cue]]] = {}
        self._block_starts = [b.start for b in self.blocks]
        self.deadline: float | None = None
        """A ``time.monotonic()`` time after which reading cues raises ``CheckTimeout``: the
        analyzers read cues sentence by sentence, so a check given a time limit (the service's)
        stops soon after it instead of running on where nothing waits for it."""

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences of each block (segmented once), in text order; a run-on "sentence" longer
        than ``MAX_SENTENCE_CHARS`` is cut into pieces."""
        sentences: list[Sentence] = []
        for index, block in enumerate(self.blocks):
            for start, end in split_sentences(self.text, block.start, block.end):
                sentences.extend(Sentence(s, e, index) for s, e in bounded(self.text, start, end))
        return sentences

    def cues(self, pattern, kind: str) -> list[list[Cue]]:
        """Matches of ``pattern`` as cues, one list per sentence (index-aligned with ``sentences``).

        Each pattern scans the document once; analyzers then read a sentence's cues by index.
        """
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise CheckTimeout("the time limit passed while the document was being analyzed")
        key = (id(pattern), kind)
        found = self._cues.get(key)
        if found is None:
            found = [[] for _ in self.sentences]
            starts, sentences = self._sentence_starts, self.sentences
            for match in pattern.finditer(self.text):
                i = bisect_right(starts, match.start()) - 1
                if i >= 0 and match.end() <= sentences[i].end:
                    found[i].append(Cue(match.start(), match.end(), match.group(), kind))
            self._cues[key] = found
        return found

    def annotation(self, name: str) -> Any:
        """The shared annotation ``name``, computed once per document."""
        if name not in self._annotations:
            if self.deadline is not None and time.monotonic() > self.deadline:
                raise CheckTimeout(f"the time limit passed before the {name} analysis")
            try:
                analyzer = self._analyzers[name]
            except KeyError:
                known = ", ".join(sorted(self._analyzers)) or "none"
                raise LookupError(f"no analyzer named {name!r} is registered (known: {known})") from None
            try:
                self._annotations[name] = analyzer(self)
            except Exception as error:
                self._analyzer_errors.append((error, name))
                raise
        return self._annotations[name]

    def analyzer_of(self, error: BaseException) -> str | None:
        """The analyzer that raised ``error`` (the innermost, when one analyzer reads another), or None."""
        return next((name for raised, name in self._analyzer_errors if raised is error), None)

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start:sentence.end]

    def sentence_line(self, sentence: Sentence) -> str:
        """The sentence on one line, runs of whitespace as one space: what the model layer embeds
        (one form per sentence, so that every rule finds the others' embeddings in the cache)."""
        return " ".join(self.text[sentence.start:sentence.end].split())

    def block_at(self, offset: int) -> Block | None:
        i = bisect_right(self._block_starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        starts = self._sentence_starts
        i = bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset <= self.sentences[i].end:
            return self.sentences[i]
        return None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def unit_span(self, offset: int, unit: str) -> tuple[int, int]:
        """The sentence, block, section or document around ``offset``, as (start, end).

        A section runs from a heading to the next heading; text before the first heading is
        a section of its own.
        """
        if unit == "document":
            return 0, len(self.text)
        if unit == "sentence":
            sentence = self.sentence_at(offset)
            if sentence:
                return sentence.start, sentence.end
        i = bisect_right(self._block_starts, offset) - 1
        if i < 0:
            return offset, offset
        if unit == "section":
            first, last = self._sections[i]
            return self.blocks[first].start, self.blocks[last].end
        return self.blocks[i].start, self.blocks[i].end

    @cached_property
    def _sections(self) -> list[tuple[int, int]]:
        """For each block index, the (first, last) block index of its section."""
        spans: list[tuple[int, int]] = []
        first = 0
        for i, block in enumerate(self.blocks):
            if block.kind == "heading" and i > first:
                spans.extend([(first, i - 1)] * (i - first))
                first = i
        spans.extend([(first, len(self.blocks) - 1)] * (len(self.blocks) - first))
        return spans

    def in_scope(self, scope: Iterable[str] | None) -> list[Block]:
        """Blocks whose kind is in ``scope`` (all blocks when scope is None)."""
        if not scope:
            return self.blocks
        kinds = expand_scope(scope)
        return [b for b in self.blocks if b.kind in kinds]

    def sentences_in_scope(self, scope: Iterable[str] | None) -> list[Sentence]:
        if not scope:
            return self.sentences
        kinds = expand_scope(scope)
        return [s for s in self.sentences if self.blocks[s.block].kind in kinds]


def expand_scope(scope: Iterable[str]) -> set[str]:
    kinds: set[str] = set()
    for name in scope:
        kinds.update(SCOPE_ALIASES.get(name, (name,)))
    return kinds


_SPLITS_ANYWHERE = re.compile(r"[.!?;\u203C\u203D\u2047-\u2049\u3002\uFE52\uFE57\uFF01\uFF0E\uFF1F\uFF61\n([{\uFF5F\uFF5B\uFF3B\uFF08\uFE5D\uFE5B\uFE59\uFD3E\u301A\u3018\u2985\u2983\u2329]")
"""What syntok may end a sentence at: terminals, line breaks and opening brackets."""
_CLOSING = " \t\n\r\f\v\u00A0.!?;\u203C\u203D\u2047\u2048\u2049\u3002\uFE52\uFE57\uFF01\uFF0E\uFF1F\uFF61'\"\u00B4\u2019\u201D)]}"
"""What may close a sentence: white space, terminals, closing quotes and brackets."""


_UNSURE = re.compile(r"[()\[\]{}\n…]|[\"“”„‘’«»'][.!?;]")
"""What makes syntok's decisions depend on more than the words around a terminal: brackets, line
breaks, ellipses, a quote right before a terminal."""
_PLAIN_ASIDE = re.compile(r"(?<=\w )\((?!\s)[^()\[\]{}.!?;\n…]{1,50}(?<!\s)\)(?=,|:| [a-z]|[.!?;])")
"""A short parenthesis inside a sentence, with no terminal in it, after a word and before a comma,
a lower-case word or a terminal: "ibuprofen (Advil) can", "in 2019 (45%), the", "approved by the
FDA (2019). The". (syntok may end a sentence after one followed by a capital, a number or a dash:
"BOSTON (Reuters) - ...", "Call (614) 555-0142"; before one with a space inside: "factor ( s ),
protease"; and before a long one.)"""
_TERMINAL = re.compile(r"[.!?;]+[\"”’']?")
_TERMINAL_INSIDE = re.compile(r"[.!?;]")
_WORD_BEFORE = re.compile(r"(?:^|\s)([a-z]{2,}|[A-Z][a-z]+|[A-Z]+|\$?\d[\d,]*\d%?)$")
"""The word before a terminal, when the plain path can tell what syntok does after it: two or more
lower-case ASCII letters, a capitalised word, capitals ("it", "Chan", "FDA", "C") or a number.
(syntok reads a mixed-case word such as "PhD" as two tokens, "Ph" and "D".)"""
_NEXT_WORD = re.compile(r"[A-Z][a-z]*(?=[\s,;:])")
try:  # syntok's own word lists, so that the plain path never splits where syntok would not
    from syntok._segmentation_states import State as _SyntokState

    _STARTER_ONLY: frozenset[str] | None = (
        _SyntokState.abbreviations | _SyntokState.roman_numerals | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    """Words syntok ends a sentence after only when the next word is a sentence starter ("Dr. Patel",
    "vitamin C. The")."""
    _STARTERS: frozenset[str] = _SyntokState.starters
    _MONTHS: frozenset[str] = _SyntokState.months
    _ROMAN: frozenset[str] = _SyntokState.roman_numerals
except (ImportError, AttributeError):  # pragma: no cover - another syntok layout: every block goes to syntok
    _STARTER_ONLY, _STARTERS, _MONTHS, _ROMAN = None, frozenset(), frozenset(), frozenset()
_NO = frozenset({"no", "No", "NO"})
"""syntok keeps "no. 1A" together: left to syntok."""


def _plain_splits(chunk: str, body_end: int) -> list[int] | None:
    """Where syntok splits a block of plain prose, computed without it; None when the block has
    anything whose handling needs syntok itself (``tests/analysis/test_sentences.py`` checks that
    the two agree). Splits fall after a terminal (and a closing quote) followed by a space and a
    capital, or an opening quote and a capital, after a word, a number or a parenthesis; after an
    abbreviation, a roman numeral or a capital letter only when a sentence starter follows.
    Semicolons are terminals to syntok; none splits before a lower-case word."""
    if (_STARTER_ONLY is None or _UNSURE.search(_PLAIN_ASIDE.sub("", chunk) if "(" in chunk else chunk)
            or any(c.isspace() for c in chunk[body_end:].rstrip())):
        return None
    cuts, last = [], 0
    for match in _TERMINAL.finditer(chunk, 0, body_end):
        following = chunk[match.end():match.end() + 3]
        if following[:1] == " " and following[1:2].islower():
            continue
        if match.group() == "." and following[:1] and (following[0].isdigit() or following[0].islower()):
            continue  # inside a token: 2.5, www.example.com
        starts_sentence = following[:1] == " " and (following[1:2].isupper() or (following[1:2] in ('"', "“") and following[2:3].isupper()))
        if not starts_sentence or _TERMINAL_INSIDE.search(chunk[last:match.start()].lstrip().split(" ", 1)[0]):
            return None  # (syntok reads a sentence whose first word has a full stop in it, "e.g.", differently)
        if chunk[match.start() - 1] == ")":  # after an aside that _PLAIN_ASIDE let through
            if " " not in chunk[last:chunk.rindex("(", last, match.start())].strip():
                return None
        else:
            splits = _splits_after_word(chunk, match, last)
            if splits is None:
                return None
            if not splits:
                continue
        cuts.append(match.end())
        last = match.end()
    return cuts


def _splits_after_word(chunk: str, match: re.Match, last: int) -> bool | None:
    """Whether syntok ends a sentence at the terminal ``match`` (followed by a space and a
    capital), judging by the word before it; None when the plain path cannot tell."""
    word = _WORD_BEFORE.search(chunk, max(0, match.start() - 24), match.start())
    if word is None or word.group(1) in _NO:
        return None
    before = word.group(1)
    one_word = " " not in chunk[last:match.start()].strip()
    if before in _STARTER_ONLY:
        if one_word and (len(before) == 1 or before in _ROMAN):
            return False  # a sentence of one letter or numeral is never ended there
        next_word = _NEXT_WORD.match(chunk, match.end() + 1)
        return None if next_word is None else next_word.group() in _STARTERS
    if (one_word and not before.isalpha()) or (
            before[0].isdigit() and chunk[match.end():match.end() + 16].split(None, 1)[0].strip('"“.') in _MONTHS):
        return None
    return True


MAX_SENTENCE_CHARS = 1000
"""Longer "sentences" are text with no sentence punctuation (a country menu, a list, a dump), not
prose: cut at a space before each 1,000 characters, so that the analysis of one stays bounded
(a 10,000-word run took 3.3 s, and 400,000 words over an hour, when every cue was checked against
the whole run). In the FakeHealth stories, 99.9% of sentences are under 500 characters."""
_LAST_SPACE = re.compile(r".*\s", re.S)


def bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``MAX_SENTENCE_CHARS``, cut after the last white
    space of each (in its second half) or else at the limit, without surrounding white space."""
    while end - start > MAX_SENTENCE_CHARS:
        space = _LAST_SPACE.match(text, start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = space.end() if space else start + MAX_SENTENCE_CHARS
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans (start, end) of ``text[start:end]``, without surrounding white space, by
    syntok's segmenter; a span with nothing syntok could split at before its closing
    punctuation is one sentence, and plain prose is split where syntok would split it, without
    running it (about twice as fast)."""
    chunk = text[start:end]
    body_end = len(chunk.rstrip(_CLOSING))
    if not _SPLITS_ANYWHERE.search(chunk, 0, body_end):
        stripped = chunk.strip()
        if stripped:
            first = start + chunk.index(stripped[0])
            yield first, first + len(stripped)
        return
    cuts = _plain_splits(chunk, body_end)
    if cuts is not None:
        at = 0
        for cut in [*cuts, len(chunk)]:
            piece = chunk[at:cut]
            stripped = piece.strip()
            if stripped:
                first = start + at + piece.index(stripped[0])
                yield first, first + len(stripped)
            at = cut
        return
    yield from syntok_sentences(text, start, end)


def syntok_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` by syntok's segmenter."""
    chunk = text[start:end]
    for paragraph in segmenter.analyze(chunk):
        for sentence in paragraph:
            if not sentence:
                continue
            first, last = sentence[0], sentence[-1]
            s = start + first.offset
            e = start + last.offset + len(last.value)
            if e > s:
                yield s, e

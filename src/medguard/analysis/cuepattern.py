"""Fast matching of large cue lists: try only the alternatives that can start where a word starts.

A cue list compiles into one alternation ``(?<![\\w-])(?:alt1|alt2|...)``. Scanning it across a
long text tries every alternative at every character. When the branches of a pattern start at a
word start (``\\b`` or a ``(?<!\\w)`` look-behind), ``ScannedPattern`` reads the literal prefix each
alternative starts with ("increas" for ``increas(?:e|ed)``, or any number for ``\\d``). On a long
text it asks a per-text index of word starts for the words that begin with one of those prefixes
and, at each, tries a sub-pattern of only the alternatives whose prefix fits that word, in their
original order. Branches that may start anywhere ("[1]", "(Smith, 2019)") are scanned by the
plain regex, and the two are merged. A cue list of up to N words followed by a head ("older
obesity drugs") is found through its heads, then tried at each head and the words before it.
Results are exactly the regex's own (leftmost, first alternative, non-overlapping).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from itertools import groupby, repeat
from operator import itemgetter
from threading import Lock
from typing import Iterator, Protocol

import re

_TOKEN = re.compile(r"\w+")
_WORD_KEY = re.compile(r"(?<!\w)\w{1,3}")
_META = set("\\[](){}?*+|.^$")
_LEAD_PUNCTUATION = frozenset(" '’-")
_SHORT_TEXT = 160
"""Below this many characters the plain regex is as fast as the index."""
_KEY = 3

DIGIT = "\\d"
"""The prefix of an alternative that starts with a digit: it can start at any number."""

_WHITE_SPACE = tuple(char for char in map(chr, range(0x3001)) if char.isspace() and char != " ")
"""What ``\\s`` matches besides the space (``str.isspace``: none lies beyond U+3000)."""


def _spaced(text: str) -> str:
    """``text`` with each white-space character a space (same length, same offsets)."""
    for char in _WHITE_SPACE:
        if char in text:
            text = text.replace(char, " ")
    return text


_FOLDS_APART = re.compile("[\u017f\u212a\u212b]")
_WORD_START = ("(?<![\\w-])", "(?<!\\w)", "\\b")
_GROUP_OPENER = re.compile(r"\((?:\?:|\?P<\w+>|\?[aiLmsux]*-?[imsx]*:|(?!\?))")
_LOOKAROUND = re.compile(r"\(\?<?[=!]")


class _TokenIndex:
    """Word starts of one text, by the first three lower-case letters of the word."""

    def __init__(self, text: str):
        by_key: dict[str, list[int]] = defaultdict(list)
        lowered = text.lower()
        if len(lowered) == len(text):
            for match in _WORD_KEY.finditer(lowered):
                by_key[match.group()].append(match.start())
        else:  # a few characters lower-case to two ("İ"): key each word on its own
            for match in _TOKEN.finditer(text):
                by_key[match.group()[:_KEY].lower()].append(match.start())
        self.by_key = by_key
        self.lowered: str | None = _spaced(lowered) if len(lowered) == len(text) and not _FOLDS_APART.search(text) else None
        """The text in lower case with its white space as spaces, offset for offset, to test a try's
        literal lead in (None where lower case and the regex's case-insensitive matching part: "İ",
        "ſ", the Kelvin sign)."""
        self._by_head: dict[str, list[str]] = {}

    def keys_starting(self, head: str) -> list[str]:
        """The keys that start with ``head`` (one or two letters, or ``DIGIT``)."""
        found = self._by_head.get(head)
        if found is None:
            if not self._by_head:
                for key in self.by_key:
                    self._by_head.setdefault(key[:1], []).append(key)
                found = self._by_head.get(head)
            if found is None:
                if head == DIGIT:
                    found = [key for key in self.by_key if key[:1].isdigit()]
                elif len(head) > 1:
                    found = [key for key in self._by_head.get(head[:1], ()) if key.startswith(head)]
                else:
                    found = []
                self._by_head[head] = found
        return found


TEXTS_KEPT = 40
"""How many texts a per-text cache keeps: a batch of ``medguard check`` (32 documents) and a few
more. A rule's ``prepare`` analyses the whole batch before the checks analyse each document
further, and a smaller cache would work each text out again."""


class _IndexCache:
    """The indexes of the last ``TEXTS_KEPT`` texts seen (a document's text is scanned by many patterns)."""

    def __init__(self, size: int = TEXTS_KEPT):
        self._entries: dict[int, tuple[str, _TokenIndex]] = {}
        self._size = size
        self._lock = Lock()

    def get(self, text: str) -> _TokenIndex:
        entry = self._entries.get(id(text))
        if entry is not None and entry[0] is text:
            return entry[1]
        index = _TokenIndex(text)
        with self._lock:
            if len(self._entries) >= self._size:
                self._entries.pop(next(iter(self._entries)))
            self._entries[id(text)] = (text, index)
        return index


_INDEXES = _IndexCache()
_SCANS_LOCK = Lock()


def literal_prefixes(alternative: str, *, lead: bool = False) -> set[str]:
    """The lower-case letters an alternative can start with: one prefix, or several when it
    starts with a group (``(?:stops?|ends?) the``) or an optional part (``(?:very )?safe``).
    An empty string means some match can start with no literal letter (``\\w+``, ``[a-z]+``).
    Look-arounds before the first letter (``(?<!not )safe``) match no text and are skipped. With
    ``lead``, each prefix runs on over spaces and apostrophes to the first regex syntax: the literal
    text every match starts with ("the only ", "you’ll never ")."""
    while _LOOKAROUND.match(alternative) and (close := _group_end(alternative)) > 0:
        alternative = alternative[close + 1:]
    opener = _GROUP_OPENER.match(alternative)
    if opener:
        close = _group_end(alternative)
        if close < 0:
            return {""}
        rest = alternative[close + 1:]
        optional = rest[:1] in ("?", "*") or rest.startswith("{0")
        if optional:
            rest = rest[1:] if rest[:1] in ("?", "*") else rest[rest.index("}") + 1:]
        prefixes = set()
        for branch in top_level_branches(alternative[opener.end():close]):
            prefixes |= literal_prefixes(branch + (rest if not optional else ""), lead=lead)
        if optional:
            prefixes |= literal_prefixes(rest, lead=lead)
        return prefixes
    return {literal_prefix(alternative, lead=lead)}


@dataclass(frozen=True, slots=True)
class Alternation:
    """A pattern as ``head + (branch1|branch2|...) + tail`` where every branch starts at a word
    start with a known literal prefix, so a word can be tried against only the branches that fit."""

    head: str
    branches: tuple[str, ...]
    prefixes: tuple[frozenset[str], ...]
    tail: str

    def subpattern(self, chosen: tuple[int, ...]) -> str:
        return self.head + "|".join(self.branches[i] for i in chosen) + self.tail


@dataclass(frozen=True, slots=True)
class LeadingWords:
    """A cue list of one alternative, ``(?:[\\w'’-]+ ){0,N}`` then a group of heads that all start
    at a word with a literal prefix ("older obesity drugs"): the heads are found through the
    index, and the whole pattern is tried at each and at the up to N word starts before it."""

    pattern: str
    words: int
    heads: Alternation


_LEADING_WORDS = re.compile(r"\(\?:\[\\w'’-\]\+ \)\{0,(\d)\}")


def split_runs(pattern: str) -> list[Alternation | LeadingWords | str]:
    """``pattern``'s top-level branches in order, grouped into runs: an ``Alternation`` for
    consecutive branches anchored at a word start with a literal prefix, a plain pattern string
    for consecutive branches that may start anywhere. A pattern that is one anchor followed by a
    group of alternatives (the shape of a cue list) is one ``Alternation`` of that group, one
    ``LeadingWords`` when its only alternative is up to N words and then heads, or runs of its
    alternatives when only some have a literal prefix."""
    top = top_level_branches(pattern)
    if len(top) == 1 and (anchor := _word_start(top[0])) is not None:
        body = top[0][len(anchor):]
        opener = _GROUP_OPENER.match(body)
        close = _group_end(body) if opener else -1
        if close > 0 and body[close + 1:close + 2] not in ("?", "*", "+", "{"):
            rest = body[close + 1:]
            inner = top_level_branches(body[opener.end():close])
            leading = _leading_words(pattern, anchor, inner, rest)
            if leading is not None:
                return [leading]
            prefixes = [frozenset(literal_prefixes(branch + rest)) for branch in inner]
            if any("" not in found for found in prefixes):
                return _runs_in_order(anchor + body[:opener.end()], inner, prefixes, ")" + rest)
    prefixes = [frozenset(literal_prefixes(branch[len(anchor):])) if (anchor := _word_start(branch)) is not None
                else frozenset({""}) for branch in top]
    return _runs_in_order("", top, prefixes, "")


def _runs_in_order(head: str, branches: list[str], prefixes: list[frozenset[str]], tail: str) -> list[Alternation | str]:
    """``branches`` (each ``head + branch + tail`` when alone) as runs in their order: an
    ``Alternation`` of each stretch whose branches all have a literal prefix, and the plain
    pattern of each stretch whose branches have none ("[\\w-]+-level relief", "(Smith, 2019)")."""
    runs: list[Alternation | str] = []
    for indexable, stretch in groupby(zip(branches, prefixes), key=lambda branch: "" not in branch[1]):
        chosen = list(stretch)
        if indexable:
            runs.append(Alternation(head, tuple(b for b, _ in chosen), tuple(f for _, f in chosen), tail))
        else:
            runs.append(head + "|".join(b for b, _ in chosen) + tail)
    return runs


def _leading_words(pattern: str, anchor: str, inner: list[str], rest: str) -> LeadingWords | None:
    """The cue list ``pattern`` as ``LeadingWords``, if its one alternative is leading words then
    a group of heads that the index can find."""
    leading = _LEADING_WORDS.match(inner[0]) if len(inner) == 1 else None
    if leading is None:
        return None
    heads = split_runs(anchor + inner[0][leading.end():] + rest)
    if len(heads) != 1 or not isinstance(heads[0], Alternation):
        return None
    return LeadingWords(pattern, int(leading.group(1)), heads[0])


def pattern_prefixes(pattern: str) -> tuple[str, ...] | None:
    """Every literal prefix a match of ``pattern`` can start with, or None when some branch may
    start anywhere (see ``split_runs``)."""
    return _prefixes_of(split_runs(pattern))


def _prefixes_of(runs: list[Alternation | LeadingWords | str]) -> tuple[str, ...] | None:
    if not all(isinstance(run, Alternation) for run in runs):
        return None
    return tuple(sorted(set().union(*(found for run in runs for found in run.prefixes))))


def _word_start(branch: str) -> str | None:
    return next((anchor for anchor in _WORD_START if branch.startswith(anchor)), None)


def _syntax(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, groups open before it) of each character of ``pattern`` that is regex
    syntax: not escaped and not inside a character class."""
    depth, escaped, in_class = 0, False, False
    for i, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            yield i, char, depth
            depth += (char == "(") - (char == ")")


def _group_end(pattern: str) -> int:
    """Index of the parenthesis closing the group that opens ``pattern`` (-1 if unbalanced)."""
    return next((i for i, char, depth in _syntax(pattern) if char == ")" and depth == 1), -1)


def top_level_branches(group: str) -> list[str]:
    """The ``|``-separated branches of a pattern, not splitting inside groups or classes."""
    cuts = [i for i, char, depth in _syntax(group) if char == "|" and depth == 0]
    bounds = [-1, *cuts, len(group)]
    return [group[start + 1:end] for start, end in zip(bounds, bounds[1:])]


def literal_prefix(alternative: str, *, lead: bool = False) -> str:
    """The lower-case letters an alternative must start with ('' when it has none; ``DIGIT``
    when it starts with ``\\d``); with ``lead``, its spaces and apostrophes too, and a ``\\s`` as a
    space (``\\s+`` as one space, and the lead ends there: more may follow)."""
    if alternative.startswith(DIGIT):
        return DIGIT
    prefix = []
    for i, char in enumerate(alternative):
        if lead and alternative.startswith("\\s", i):
            if alternative[i + 2:i + 3] not in ("*", "?", "{"):
                prefix.append(" ")  # the index's lower-cased text has every white space as a space
            break
        if char in _META:
            if char in "?*{" and prefix:
                prefix.pop()  # the previous character was optional
            break
        if not (char.isalnum() or char == "_" or (lead and char in _LEAD_PUNCTUATION)):
            break  # the index keys words by their letters and digits only
        prefix.append(char.lower())
    return "".join(prefix)


class _Run(Protocol):
    def scanner(self, text: str) -> "_Scanner": ...


class _Scanner(Protocol):
    def search(self, position: int) -> re.Match | None: ...


class _PlainRun:
    """Branches that may start anywhere, scanned by the regex itself."""

    def __init__(self, pattern: str, flags: int):
        self.compiled = re.compile(pattern, flags)

    def scanner(self, text: str) -> _PlainScanner:
        return _PlainScanner(self.compiled, text)


@dataclass(slots=True)
class _PlainScanner:
    compiled: re.Pattern
    text: str

    def search(self, position: int) -> re.Match | None:
        return self.compiled.search(self.text, position)


_IN_WORD = re.compile(r"[\w'’-]")


class _LeadingWordsRun:
    """Tries the whole pattern at each place a head can start and at the starts of the words
    before it (see ``LeadingWords``)."""

    def __init__(self, leading: LeadingWords, flags: int):
        self.compiled = re.compile(leading.pattern, flags)
        self.words = leading.words
        self.heads = _WordRun(leading.heads, flags)

    def scanner(self, text: str) -> _WordScanner:
        starts: set[int] = set()
        heads = self.heads.scanner(text)
        for position, head in zip(heads.positions, heads.patterns):
            if not head.match(text, position):
                continue
            starts.add(position)
            word_end = position - 1  # the space after the word before
            for _ in range(self.words):
                if word_end < 1 or text[word_end] != " " or not _IN_WORD.match(text, word_end - 1):
                    break
                word_start = word_end - 1
                while word_start and _IN_WORD.match(text, word_start - 1):
                    word_start -= 1
                # the pattern's word-start check lets a match begin after an apostrophe too ("Alzheimer’s")
                starts.update(i + 1 for i in range(word_start, word_end - 1) if text[i] in "'’")
                starts.add(word_start)
                word_end = word_start - 1
        positions = sorted(starts)
        return _WordScanner(text, positions, [self.compiled] * len(positions))


class _WordRun:
    """Branches that start at word starts, tried only at the words their prefixes fit."""

    def __init__(self, alternation: Alternation, flags: int):
        self.alternation = alternation
        self.flags = flags
        self.long: dict[str, list[int]] = defaultdict(list)
        """Branches by the first three letters of a prefix at least that long."""
        self.heads: dict[str, list[int]] = defaultdict(list)
        """Branches by a shorter prefix (one or two letters, or ``DIGIT``)."""
        for i, prefixes in enumerate(alternation.prefixes):
            for prefix in prefixes:
                if len(prefix) >= _KEY and prefix != DIGIT:
                    self.long[prefix[:_KEY]].append(i)
                else:
                    self.heads[prefix].append(i)
        rest = alternation.tail[1:] if alternation.tail.startswith(")") else alternation.tail
        self.leads = [literal_prefixes(branch[len(_word_start(branch) or ""):] + rest, lead=True) for branch in alternation.branches]
        """Each branch's literal leads: a try whose text starts with none of its branches' leads is skipped."""
        self._by_key: dict[str, tuple[re.Pattern, tuple[str, ...] | None] | None] = {}
        self._by_branches: dict[tuple[int, ...], re.Pattern] = {}

    def scanner(self, text: str) -> _WordScanner:
        index = _INDEXES.get(text)
        keys = self.long.keys() & index.by_key.keys()  # in C, over the smaller of the two
        for head in self.heads:
            keys.update(index.keys_starting(head))
        tries: list[tuple[int, re.Pattern]] = []
        lowered = index.lowered
        for key in keys:
            found = self._tried_at(key)
            if found is None:
                continue
            pattern, leads = found
            positions = index.by_key[key]
            if leads is not None and lowered is not None:  # "the" is a key of "the only …" and of "therapy": try the words that start with a lead
                positions = filter(partial(lowered.startswith, leads), positions)
            tries.extend(zip(positions, repeat(pattern)))
        tries.sort(key=itemgetter(0))  # a word start has one key, so no two tries share a position
        return _WordScanner(text, [position for position, _ in tries], [pattern for _, pattern in tries])

    def _tried_at(self, key: str) -> tuple[re.Pattern, tuple[str, ...] | None] | None:
        """The sub-pattern for words with index ``key``, and the leads one of which such a word
        must start with (None: any), cached."""
        try:
            return self._by_key[key]
        except KeyError:
            pass
        chosen = set(self.long.get(key, ()))
        for head, branches in self.heads.items():
            if key.startswith(head) or (head == DIGIT and key[:1].isdigit()):
                chosen.update(branches)
        found = None
        if chosen:
            branches = tuple(sorted(chosen))
            pattern = self._by_branches.get(branches)
            if pattern is None:
                pattern = re.compile(self.alternation.subpattern(branches), self.flags)
                self._by_branches[branches] = pattern
            leads = set().union(*(self.leads[i] for i in branches))
            found = (pattern, None if "" in leads or DIGIT in leads else tuple(sorted(leads)))
        self._by_key[key] = found
        return found


@dataclass(slots=True)
class _WordScanner:
    text: str
    positions: list[int]
    patterns: list[re.Pattern]

    def search(self, position: int) -> re.Match | None:
        for i in range(bisect_left(self.positions, position), len(self.positions)):
            found = self.patterns[i].match(self.text, self.positions[i])
            if found:
                return found
        return None

    def all(self) -> list[re.Match]:
        """Leftmost non-overlapping matches (what ``finditer`` gives)."""
        matches: list[re.Match] = []
        last_end = 0
        for position, pattern in zip(self.positions, self.patterns):
            if position < last_end:
                continue
            found = pattern.match(self.text, position)
            if found:
                matches.append(found)
                last_end = max(found.end(), position + 1)
        return matches


def _merge(scanners: list[_Scanner]) -> list[re.Match]:
    """The matches the alternation of the runs would give: at each step the leftmost next match
    of any run, the earlier run winning a tie, each run searching again from where the last
    match ended when its own next match was overtaken."""
    matches: list[re.Match] = []
    upcoming: list[re.Match | None] = [scanner.search(0) for scanner in scanners]
    position = 0
    while True:
        best = None
        for i, scanner in enumerate(scanners):
            found = upcoming[i]
            if found is not None and found.start() < position:
                found = upcoming[i] = scanner.search(position)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        if best is None:
            return matches
        matches.append(best)
        position = max(best.end(), best.start() + 1)


class ScannedPattern:
    """A compiled regex that, on a long text, scans it once and answers later range queries
    (one per sentence, say) from that scan. Behaves like a compiled regex."""

    def __init__(self, pattern: str, flags: int = 0):
        self.compiled = re.compile(pattern, flags)
        self.pattern = self.compiled.pattern
        runs = split_runs(pattern)
        self.prefixes = _prefixes_of(runs)
        self._runs: list[_Run] | None = None
        if not all(isinstance(run, str) for run in runs):
            flags = self.compiled.flags
            self._runs = [_WordRun(run, flags) if isinstance(run, Alternation) else _LeadingWordsRun(run, flags)
                          if isinstance(run, LeadingWords) else _PlainRun(run, flags) for run in runs]
        self._scans: dict[int, tuple[str, list[re.Match], list[int]]] = {}

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match]:
        """Matches inside ``text[start:end]``. On a long text, the whole text is scanned once and
        later calls (one per sentence, say) read from that scan."""
        end = len(text) if end is None else end
        if len(text) < _SHORT_TEXT:
            yield from self.compiled.finditer(text, start, end)
            return
        matches, starts = self._scan(text)
        for i in range(bisect_left(starts, start), len(matches)):
            found = matches[i]
            if found.start() >= end:
                break
            if found.end() <= end:
                yield found

    def _scan(self, text: str) -> tuple[list[re.Match], list[int]]:
        cached = self._scans.get(id(text))
        if cached is not None and cached[0] is text:
            return cached[1], cached[2]
        if self._runs is None:
            matches = list(self.compiled.finditer(text))
        elif len(self._runs) == 1:
            matches = self._runs[0].scanner(text).all()
        else:
            matches = _merge([run.scanner(text) for run in self._runs])
        starts = [m.start() for m in matches]
        with _SCANS_LOCK:
            if len(self._scans) >= 4:
                self._scans.pop(next(iter(self._scans)))
            self._scans[id(text)] = (text, matches, starts)
        return matches, starts

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        """The first match inside ``text[start:end]`` (what ``finditer`` yields first)."""
        end = len(text) if end is None else end
        if len(text) < _SHORT_TEXT:
            return self.compiled.search(text, start, end)
        matches, starts = self._scan(text)
        for i in range(bisect_left(starts, start), len(matches)):
            found = matches[i]
            if found.start() >= end:
                return None
            if found.end() <= end:
                return found
        return None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return self.compiled.match(text, pos, len(text) if endpos is None else endpos)

    def fullmatch(self, text: str) -> re.Match | None:
        return self.compiled.fullmatch(text)


class CuePattern(ScannedPattern):
    """A whole-word, case-insensitive alternation, tried only where an alternative can start."""

    def __init__(self, alternatives: tuple[str, ...]):
        super().__init__(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)

"""Fast matching of large cue lists: try a pattern only where one of its alternatives can start.

A cue list compiles into one alternation ``(?<![\\w-])(?:alt1|alt2|...)``. Scanning it across a
long text tries every alternative at every character. When every branch of a pattern starts at
a word start (``\\b`` or a ``(?<!\\w)`` look-behind), ``ScannedPattern`` reads the literal prefix
each alternative starts with ("increas" for ``increas(?:e|ed)``, or any number for ``\\d``) and,
on long texts, asks a per-text index of word starts for the positions where such a prefix
occurs, then runs the regex only there. Results are exactly the regex's own (leftmost,
non-overlapping); a pattern with a branch that may start anywhere falls back to the plain regex.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from itertools import chain
from threading import Lock
from typing import Iterator

import re

_TOKEN = re.compile(r"\w+")
_META = set("\\[](){}?*+|.^$")
_SHORT_TEXT = 160
"""Below this many characters the plain regex is as fast as the index."""
_KEY = 3


class _TokenIndex:
    """Word starts of one text, by the first three lower-case letters of the word (shorter
    prefixes are gathered from those keys on first use)."""

    def __init__(self, text: str):
        by_key: dict[str, list[int]] = defaultdict(list)
        for match in _TOKEN.finditer(text):
            by_key[match.group()[:_KEY].lower()].append(match.start())
        self.by_key = by_key
        self._short: dict[str, list[int]] = {}

    def positions(self, prefix: str) -> list[int]:
        if len(prefix) >= _KEY and prefix != DIGIT:
            return self.by_key.get(prefix[:_KEY], [])
        found = self._short.get(prefix)
        if found is None:
            if prefix == DIGIT:
                keys = [key for key in self.by_key if key[0].isdigit()]
            else:
                keys = [key for key in self.by_key if key.startswith(prefix)]
            found = sorted(chain.from_iterable(self.by_key[key] for key in keys))
            self._short[prefix] = found
        return found


class _IndexCache:
    """The indexes of the last few texts seen (a document's text is scanned by many patterns)."""

    def __init__(self, size: int = 8):
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


DIGIT = "\\d"
"""The prefix of an alternative that starts with a digit: it can start at any number."""

_WORD_START = ("(?<![\\w-])", "(?<!\\w)", "\\b")
_GROUP_OPENER = re.compile(r"\((?:\?:|\?P<\w+>|(?!\?))")


def literal_prefixes(alternative: str) -> set[str]:
    """The lower-case letters an alternative can start with: one prefix, or several when it
    starts with a group (``(?:stops?|ends?) the``) or an optional part (``(?:very )?safe``).
    An empty string means some match can start with no literal letter (``\\w+``, ``[a-z]+``)."""
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
            prefixes |= literal_prefixes(branch + (rest if not optional else ""))
        if optional:
            prefixes |= literal_prefixes(rest)
        return prefixes
    return {literal_prefix(alternative)}


def pattern_prefixes(pattern: str) -> tuple[str, ...] | None:
    """The prefixes of a whole pattern whose every top-level branch starts at a word start
    (``\\b`` or a ``(?<!\\w)`` look-behind), or None when a match may start anywhere."""
    prefixes: set[str] = set()
    for branch in top_level_branches(pattern):
        anchor = next((a for a in _WORD_START if branch.startswith(a)), None)
        if anchor is None:
            return None
        prefixes |= literal_prefixes(branch[len(anchor):])
    return None if "" in prefixes else tuple(sorted(prefixes))


def _group_end(pattern: str) -> int:
    """Index of the parenthesis closing the group that opens ``pattern`` (-1 if unbalanced)."""
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
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def top_level_branches(group: str) -> list[str]:
    """The ``|``-separated branches of a pattern, not splitting inside groups or classes."""
    branches, depth, current, escaped, in_class = [], 0, [], False, False
    for char in group:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append("".join(current))
            current = []
            continue
        current.append(char)
    branches.append("".join(current))
    return branches


def literal_prefix(alternative: str) -> str:
    """The lower-case letters an alternative must start with ('' when it has none; ``DIGIT``
    when it starts with ``\\d``)."""
    if alternative.startswith(DIGIT):
        return DIGIT
    prefix = []
    for char in alternative:
        if char in _META:
            if char in "?*{" and prefix:
                prefix.pop()  # the previous character was optional
            break
        if not (char.isalnum() or char == "_"):
            break  # the index keys words by their letters and digits only
        prefix.append(char.lower())
    return "".join(prefix)


class ScannedPattern:
    """A compiled regex that, on a long text, scans it once and answers later range queries
    (one per sentence, say) from that scan. Behaves like a compiled regex."""

    def __init__(self, pattern: str, flags: int = 0):
        self.compiled = re.compile(pattern, flags)
        self.pattern = self.compiled.pattern
        self.prefixes = pattern_prefixes(pattern)
        self._scans: dict[int, tuple[str, list[re.Match], list[int]]] = {}

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match]:
        """Matches inside ``text[start:end]``. On a long text, the whole text is scanned once and
        later calls (one per sentence, say) read from that scan."""
        end = len(text) if end is None else end
        if len(text) < _SHORT_TEXT:
            yield from self.compiled.finditer(text, start, end)
            return
        matches, starts = self._scan(text)
        for found in matches[bisect_left(starts, start):]:
            if found.start() >= end:
                break
            if found.end() <= end:
                yield found

    def _scan(self, text: str) -> tuple[list[re.Match], list[int]]:
        cached = self._scans.get(id(text))
        if cached is not None and cached[0] is text:
            return cached[1], cached[2]
        if self.prefixes is None:
            matches = list(self.compiled.finditer(text))
        else:
            index = _INDEXES.get(text)
            candidates = sorted(set(chain.from_iterable(index.positions(prefix) for prefix in self.prefixes)))
            matches, last_end = [], 0
            for position in candidates:
                if position < last_end:
                    continue
                found = self.compiled.match(text, position)
                if found:
                    matches.append(found)
                    last_end = max(found.end(), position + 1)
        starts = [m.start() for m in matches]
        with _SCANS_LOCK:
            if len(self._scans) >= 4:
                self._scans.pop(next(iter(self._scans)))
            self._scans[id(text)] = (text, matches, starts)
        return matches, starts

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        return next(self.finditer(text, start, end), None)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return self.compiled.match(text, pos, len(text) if endpos is None else endpos)

    def fullmatch(self, text: str) -> re.Match | None:
        return self.compiled.fullmatch(text)


class CuePattern(ScannedPattern):
    """A whole-word, case-insensitive alternation, tried only where an alternative can start."""

    def __init__(self, alternatives: tuple[str, ...]):
        super().__init__(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)

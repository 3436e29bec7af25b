"""Policy patterns: phrases and regular expressions that run with a time limit.

Patterns come from YAML written by people, so each search runs under a timeout (the `regex`
module's); a pattern that backtracks catastrophically raises :class:`PatternTimeout` instead of
hanging the run.

The `regex` module counts a search's time in CPU time of the whole process, so work that other
threads do without the GIL meanwhile (the sentence model, hashing, SQLite) counts against the
pattern too. A search it stops while its own thread had spent less than ``OWN_SHARE`` of the limit
goes on from the last match, with the limit widened by the share the other threads took (up to
``MAX_RESUMES`` times): the limit is on what the pattern itself spends.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Iterator

import regex

DEFAULT_TIMEOUT_S = 0.25
OWN_SHARE = 0.9
"""A stopped search whose thread had less than this part of the limit was slowed by other threads."""
MAX_RESUMES = 3
MAX_WIDENING = 16.0
"""The most a limit is widened for other threads' work (a multiple of the pattern's own limit)."""


class PatternTimeout(Exception):
    """A pattern took longer than its time limit on a document."""


def compile_regex(pattern: str, *, case_sensitive: bool = False) -> regex.Pattern:
    """Compile a policy regex; raise ValueError with the regex module's reason if invalid."""
    escaped = next((name for char, name in _YAML_ESCAPES.items() if char in pattern), None)
    if escaped:
        raise ValueError(f"invalid regular expression {pattern!r}: it contains a control character, which is what "
                         f"{escaped} becomes inside double quotes in YAML; write regular expressions in single quotes "
                         f"('\\bcure\\b')")
    flags = regex.V0 | (0 if case_sensitive else regex.IGNORECASE)
    try:
        return regex.compile(pattern, flags)
    except regex.error as error:
        raise ValueError(f"invalid regular expression {pattern!r}: {error}") from None


_YAML_ESCAPES = {"\b": "\\b", "\a": "\\a", "\v": "\\v", "\f": "\\f", "\x1b": "\\e"}
"""Control characters a double-quoted YAML string makes of a regex's escapes: never meant in a pattern."""


def compile_phrases(phrases: list[str], *, case_sensitive: bool = False) -> re.Pattern | None:
    """One pattern matching any phrase as whole words, with any whitespace between words and any
    apostrophe or hyphen where the phrase has one ("don't" matches "don’t", "cure-all" "cure‑all").

    The phrases become a trie (``(?:cur(?:e|ing)|miracle)``) compiled by the standard ``re``,
    which searches a list of thousands in about the time of a few (the ``regex`` module takes
    seconds on such an alternation) and needs no time limit: a trie has nothing to backtrack
    into. The pattern is the same whatever the order of the list.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for unit in _units(phrase if case_sensitive else phrase.lower()):
            node = node.setdefault(unit, {})
        if node is not trie:
            node[""] = {}
    if not trie:
        return None
    try:
        return re.compile(r"(?<![\w-])" + _alternation(trie) + r"(?![\w-])", 0 if case_sensitive else re.IGNORECASE)
    except RecursionError:
        raise ValueError("the phrases nest too deeply to search (each a longer copy of another); list fewer") from None


_APOSTROPHES = "'’‘ʼ"
_HYPHENS = "-‐‑‒–"
_PLAIN = str.maketrans({**{c: "'" for c in _APOSTROPHES}, **{c: "-" for c in _HYPHENS}})
_UNIT = {" ": r"\s+", **{c: f"[{_APOSTROPHES}]" for c in _APOSTROPHES}, **{c: f"[{regex.escape(_HYPHENS)}]" for c in _HYPHENS}}


def _units(phrase: str) -> list[str]:
    """A phrase as regex units: one per character, a run of spaces as one."""
    return [_UNIT.get(char) or regex.escape(char) for char in " ".join(phrase.split())]


def _alternation(node: dict) -> str:
    """The regex of a trie node's branches, longest match first (an ended phrase is the empty branch, last)."""
    branches = []
    for unit, child in sorted(node.items()):
        if unit:
            while len(child) == 1 and "" not in child:  # a run without branches: one string, no recursion
                (next_unit, child), = child.items()
                unit += next_unit
            branches.append(unit + _alternation(child))
    if "" in node:
        return "(?:" + "|".join(branches) + ")?" if branches else ""
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def plain_phrase(text: str) -> str:
    """``text`` as a phrase list's hit names it: one space between words, plain apostrophes and
    hyphens (what :func:`compile_phrases` matches as the same phrase)."""
    return " ".join(text.translate(_PLAIN).split())


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    text: str
    pattern: str


def find_all(pattern: regex.Pattern | re.Pattern, text: str, start: int = 0, end: int | None = None,
             timeout: float = DEFAULT_TIMEOUT_S) -> Iterator[Hit]:
    """Every match of ``pattern`` in ``text[start:end]``, raising PatternTimeout when one search
    spends more than ``timeout`` seconds of CPU (its own, not other threads': see above). A
    phrase list (a standard ``re`` pattern, see :func:`compile_phrases`) runs without a limit."""
    end = len(text) if end is None else end
    if isinstance(pattern, re.Pattern):  # a phrase list: the hit names the phrase it matched
        for m in pattern.finditer(text, start, end):
            phrase = plain_phrase(m.group())
            yield Hit(m.start(), m.end(), m.group(), phrase.lower() if pattern.flags & re.IGNORECASE else phrase)
        return
    limit, resumes = timeout, 0
    matches, own_started = pattern.finditer(text, start, end, timeout=limit), time.thread_time()
    while True:
        try:
            match = next(matches)
        except StopIteration:
            return
        except TimeoutError:
            own = time.thread_time() - own_started
            if resumes == MAX_RESUMES or own >= OWN_SHARE * timeout:
                raise PatternTimeout(
                    f"pattern {_shorten(pattern.pattern)!r} ran longer than {timeout:g}s and was stopped "
                    "(it probably backtracks catastrophically; simplify it)"
                ) from None
            resumes += 1
            limit = timeout * min(MAX_WIDENING, 1.5 * limit / max(own, 1e-3))
            matches, own_started = pattern.finditer(text, start, end, timeout=limit), time.thread_time()
            continue  # on from the last match, with the wider limit
        start = match.end()
        if match.end() > match.start():
            yield Hit(match.start(), match.end(), match.group(), pattern.pattern)


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_QUANTIFIER = regex.compile(r"[*+?]|\{(\d*)(,?)(\d*)\}")


@dataclass(slots=True)
class _Group:
    start: int
    atomic: bool
    inner: str | None = None
    """The first part inside it repeated without limit."""


def nested_quantifier(pattern: str) -> tuple[str, str] | None:
    """The first part of ``pattern`` that a quantifier repeats without limit although it holds a part
    itself repeated without limit (``(a+)+``, ``(\\w+\\s?)*``), as (that part with its quantifier, the
    inner part), or None. Such a pattern can backtrack exponentially on text that almost matches.

    A heuristic read of the pattern's structure, not of what its parts match: possessive quantifiers
    (``a++``) and atomic groups (``(?>...)``), which give nothing back, do not count."""
    groups = [_Group(0, False)]
    last: tuple[int, str | None] | None = None  # the atom a quantifier would repeat: its start, the repeat it holds
    i = 0
    while i < len(pattern):
        char = pattern[i]
        quantifier = _QUANTIFIER.match(pattern, i) if last is not None else None
        if quantifier and (char != "{" or any(quantifier.groups()[::2])):
            end = quantifier.end()
            unbounded = char in "*+" or (char == "{" and quantifier[2] == "," and not quantifier[3])
            possessive = pattern[end:end + 1] == "+"
            end += pattern[end:end + 1] in ("+", "?")
            if unbounded and not possessive:
                if last[1] is not None:
                    return pattern[last[0]:end], last[1]
                groups[-1].inner = groups[-1].inner or pattern[last[0]:end]
            last, i = None, end
        elif char == "\\":
            end = i + 2
            if pattern[end:end + 1] == "{" and pattern[i + 1:i + 2] in ("p", "P", "N", "x"):  # \p{Lu}, \N{...}, \x{263a}
                end = pattern.find("}", end) + 1 or len(pattern)
            last, i = (i, None), end
        elif char == "[":
            last, i = (i, None), _class_end(pattern, i)
        elif pattern.startswith("(?#", i):  # a comment
            i = pattern.find(")", i) + 1 or len(pattern)
        elif char == "(":
            groups.append(_Group(i, pattern.startswith("(?>", i)))
            last, i = None, i + 1
        elif char == ")" and len(groups) > 1:
            group = groups.pop()
            inner = None if group.atomic else group.inner
            groups[-1].inner = groups[-1].inner or inner
            last, i = (group.start, inner), i + 1
        else:
            last, i = (None if char == "|" else (i, None)), i + 1
    return None


def _class_end(pattern: str, start: int) -> int:
    """Where the character class opening at ``start`` ends (just past its ``]``)."""
    i = start + 1 + (pattern[start + 1:start + 2] == "^")
    i += pattern[i:i + 1] == "]"  # a ']' first is a literal
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i + 1
        i += 1
    return len(pattern)

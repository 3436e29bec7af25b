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


def compile_phrases(phrases: list[str], *, case_sensitive: bool = False) -> regex.Pattern | None:
    """One pattern matching any phrase as whole words, with any whitespace between words."""
    if not phrases:
        return None
    alternatives = sorted({r"\s+".join(regex.escape(w) for w in p.split()) for p in phrases if p.strip()}, key=len, reverse=True)
    return compile_regex(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", case_sensitive=case_sensitive)


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    text: str
    pattern: str


def find_all(pattern: regex.Pattern, text: str, start: int = 0, end: int | None = None,
             timeout: float = DEFAULT_TIMEOUT_S) -> Iterator[Hit]:
    """Every match of ``pattern`` in ``text[start:end]``, raising PatternTimeout when one search
    spends more than ``timeout`` seconds of CPU (its own, not other threads': see above)."""
    end = len(text) if end is None else end
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

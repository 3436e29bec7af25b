"""Policy patterns: phrases and regular expressions that run with a time limit.

Patterns come from YAML written by people, so each search runs under a timeout (the `regex`
module's); a pattern that backtracks catastrophically raises :class:`PatternTimeout` instead of
hanging the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

DEFAULT_TIMEOUT_S = 0.25


class PatternTimeout(Exception):
    """A pattern took longer than its time limit on a document."""


def compile_regex(pattern: str, *, case_sensitive: bool = False) -> regex.Pattern:
    """Compile a policy regex; raise ValueError with the regex module's reason if invalid."""
    flags = regex.V0 | (0 if case_sensitive else regex.IGNORECASE)
    try:
        return regex.compile(pattern, flags)
    except regex.error as error:
        raise ValueError(f"invalid regular expression {pattern!r}: {error}") from None


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
    """Every match of ``pattern`` in ``text[start:end]``, raising PatternTimeout past ``timeout``."""
    try:
        for match in pattern.finditer(text, start, len(text) if end is None else end, timeout=timeout):
            if match.end() > match.start():
                yield Hit(match.start(), match.end(), match.group(), pattern.pattern)
    except TimeoutError:
        raise PatternTimeout(
            f"pattern {_shorten(pattern.pattern)!r} ran longer than {timeout:g}s and was stopped "
            "(it probably backtracks catastrophically; simplify it)"
        ) from None


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

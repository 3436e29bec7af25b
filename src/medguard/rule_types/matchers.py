"""The phrase-or-regex matcher that the generic rule types share in their options."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated

import regex
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..patterns import DEFAULT_TIMEOUT_S, Hit, compile_phrases, compile_regex, find_all


def _valid_regex(pattern: str) -> str:
    compile_regex(pattern)
    return pattern


Regex = Annotated[str, AfterValidator(_valid_regex)]
"""A regular expression, checked on its own (each bad one is reported at its own line)."""


class Matcher(BaseModel):
    """Phrases (whole words, any case) and/or regular expressions."""

    model_config = ConfigDict(extra="forbid")

    phrases: list[str] = Field(default_factory=list, description="Literal phrases, matched as whole words.")
    patterns: list[Regex] = Field(default_factory=list, description="Regular expressions (Python `regex` syntax).")
    case_sensitive: bool = False

    @cached_property
    def compiled(self) -> list[regex.Pattern | re.Pattern]:
        compiled = [compile_regex(p, case_sensitive=self.case_sensitive) for p in self.patterns]
        phrases = compile_phrases(self.phrases, case_sensitive=self.case_sensitive)
        return ([phrases] if phrases else []) + compiled

    def find(self, text: str, start: int = 0, end: int | None = None, timeout: float = DEFAULT_TIMEOUT_S) -> list[Hit]:
        """The matches of all phrases and patterns, in order; where several overlap, the first and
        longest stands for them (one finding per stretch of text, however many patterns match it)."""
        hits = sorted((hit for pattern in self.compiled for hit in find_all(pattern, text, start, end, timeout)),
                      key=lambda h: (h.start, -h.end))
        kept: list[Hit] = []
        for hit in hits:
            if not kept or hit.start >= kept[-1].end:
                kept.append(hit)
        return kept

    def is_empty(self) -> bool:
        return not (self.phrases or self.patterns)

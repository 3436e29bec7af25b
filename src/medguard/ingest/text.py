"""Plain text: paragraphs are separated by blank lines; the text is the source itself."""

from __future__ import annotations

import regex

from ..hookspecs import hookimpl
from .base import Block, ParsedText, SourceMap

_BLANK_LINE = regex.compile(r"\n(?=[ \t]*\n)")
"""A line end followed by a blank line: where a paragraph ends."""
_NON_SPACE = regex.compile(r"\S", regex.V1)


class TextParser:
    name = "text"

    def parse(self, body: str) -> ParsedText:
        """One block per paragraph, found in time and memory linear in the text (a whole file in
        one paragraph is common)."""
        blocks = []
        start = 0
        for separator in _BLANK_LINE.finditer(body):
            blocks.append(_paragraph(body, start, separator.start()))
            start = separator.end()
        blocks.append(_paragraph(body, start, len(body)))
        return ParsedText(text=body, blocks=[b for b in blocks if b is not None], source_map=SourceMap(body))


def _paragraph(body: str, start: int, end: int) -> Block | None:
    """The paragraph in ``body[start:end]`` without the whitespace around it; None if it is blank."""
    first = _NON_SPACE.search(body, start, end)
    if first is None:
        return None
    while end > first.start() and body[end - 1].isspace():
        end -= 1
    return Block("paragraph", first.start(), end)


@hookimpl
def medguard_register_parsers():
    return [TextParser()]

"""Plain text: paragraphs are separated by blank lines; the text is the source itself, except
that suppression comments (``<!-- medguard-disable... -->``, as in HTML and Markdown) are read as
comments and blanked out, so their own words (a rule id like ``absolute-language.cure``) are
never checked as prose."""

from __future__ import annotations

import regex

from ..hookspecs import hookimpl
from .base import Block, Comment, ParsedText, SourceMap

_BLANK_LINE = regex.compile(r"\n(?=[ \t]*\n)")
"""A line end followed by a blank line: where a paragraph ends."""
_NON_SPACE = regex.compile(r"\S", regex.V1)
_DIRECTIVE_COMMENT = regex.compile(r"<!--(?=\s*medguard-(?:disable|enable))(?P<text>.*?)-->", regex.S)
_NOT_NEWLINE = regex.compile(r"[^\r\n]")


class TextParser:
    name = "text"

    def parse(self, body: str) -> ParsedText:
        """One block per paragraph, found in time and memory linear in the text (a whole file in
        one paragraph is common)."""
        comments = [Comment(m.start(), m["text"]) for m in _DIRECTIVE_COMMENT.finditer(body)]
        text = _DIRECTIVE_COMMENT.sub(lambda m: _NOT_NEWLINE.sub(" ", m[0]), body) if comments else body
        blocks = []
        start = 0
        for separator in _BLANK_LINE.finditer(text):
            blocks.append(_paragraph(text, start, separator.start()))
            start = separator.end()
        blocks.append(_paragraph(text, start, len(text)))
        return ParsedText(text=text, blocks=[b for b in blocks if b is not None], source_map=SourceMap(body), comments=comments)


def _paragraph(text: str, start: int, end: int) -> Block | None:
    """The paragraph in ``text[start:end]`` without the whitespace around it; None if it is blank."""
    first = _NON_SPACE.search(text, start, end)
    if first is None:
        return None
    while end > first.start() and text[end - 1].isspace():
        end -= 1
    return Block("paragraph", first.start(), end)


@hookimpl
def medguard_register_parsers():
    return [TextParser()]

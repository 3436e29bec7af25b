"""Plain text: paragraphs are separated by blank lines; the text is the source itself, except
that suppression comments (``<!-- medguard-disable... -->``, as in HTML and Markdown) are read as
comments and blanked out, so their own words (a rule id like ``absolute-language.cure``) are
never checked as prose."""

from __future__ import annotations

import regex

from ..hookspecs import hookimpl
from .base import Block, Comment, ParsedText, SourceMap

_PARAGRAPH = regex.compile(r"\S(?:.|\n(?![ \t]*\n))*", regex.V1)
_DIRECTIVE_COMMENT = regex.compile(r"<!--(?=\s*medguard-(?:disable|enable))(?P<text>.*?)-->", regex.S)
_NOT_NEWLINE = regex.compile(r"[^\r\n]")


class TextParser:
    name = "text"

    def parse(self, body: str) -> ParsedText:
        comments = [Comment(m.start(), m["text"]) for m in _DIRECTIVE_COMMENT.finditer(body)]
        text = _DIRECTIVE_COMMENT.sub(lambda m: _NOT_NEWLINE.sub(" ", m[0]), body) if comments else body
        blocks = [Block("paragraph", m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
        for block in blocks:
            while block.end > block.start and text[block.end - 1].isspace():
                block.end -= 1
        return ParsedText(text=text, blocks=blocks, source_map=SourceMap(body), comments=comments)


@hookimpl
def medguard_register_parsers():
    return [TextParser()]

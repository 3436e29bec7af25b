"""Plain text: paragraphs are separated by blank lines; the text is the source itself."""

from __future__ import annotations

import regex

from ..hookspecs import hookimpl
from .base import Block, ParsedText, SourceMap

_PARAGRAPH = regex.compile(r"\S(?:.|\n(?![ \t]*\n))*", regex.V1)


class TextParser:
    name = "text"

    def parse(self, body: str) -> ParsedText:
        blocks = [Block("paragraph", m.start(), m.end()) for m in _PARAGRAPH.finditer(body)]
        for block in blocks:
            while block.end > block.start and body[block.end - 1].isspace():
                block.end -= 1
        return ParsedText(text=body, blocks=blocks, source_map=SourceMap(body))


@hookimpl
def medguard_register_parsers():
    return [TextParser()]

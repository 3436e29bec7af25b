"""medguard_register_parsers: forum posts written in BBCode ([b]..[/b], [quote]..[/quote], [url=..]..[/url])."""

import re

from medguard import Block, Link, ParsedText, SourceMap, hookimpl

_TAG = re.compile(r"\[(/?)(\w+)(?:=([^\]]*))?\]")
_PARAGRAPH = re.compile(r"\S(?:.|\n(?!\s*\n))*")


class BBCodeParser:
    name = "bbcode"

    def parse(self, body: str) -> ParsedText:
        chars = list(body)
        quotes, links, open_tags = [], [], []
        for tag in _TAG.finditer(body):
            chars[tag.start():tag.end()] = " " * (tag.end() - tag.start())  # keep offsets: blank the markup
            closing, name, value = tag.group(1), tag.group(2).lower(), tag.group(3)
            if not closing:
                open_tags.append((name, tag.end(), value))
            elif open_tags and open_tags[-1][0] == name:
                _, start, value = open_tags.pop()
                if name == "quote":
                    quotes.append((start, tag.start()))
                elif name == "url" and value:
                    links.append(Link(start, tag.start(), value))
        text = "".join(chars)
        blocks = []
        for match in _PARAGRAPH.finditer(text):
            start, end = match.start(), match.end()
            while text[end - 1].isspace():
                end -= 1
            kind = "quote" if any(q0 <= start and end <= q1 for q0, q1 in quotes) else "paragraph"
            blocks.append(Block(kind, start, end))
        return ParsedText(text, blocks, SourceMap(body), links)


@hookimpl
def medguard_register_parsers():
    return [BBCodeParser()]

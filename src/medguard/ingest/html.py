"""HTML: the visible text of the page, by blocks, with every offset mapped back to the markup.

Built on the standard library's streaming ``html.parser`` (tolerant of broken markup, no tree,
so depth costs nothing). Navigation, scripts, styles, code and forms are not checked.
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser

import regex

from ..hookspecs import hookimpl
from .base import Block, Comment, Link, ParsedText, SourceMap, TextBuilder, line_starts

_SKIPPED = frozenset({
    "script", "style", "noscript", "template", "nav", "code", "pre", "svg", "math", "iframe",
    "select", "textarea", "button", "form", "head", "object",
})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
_BLOCK_KIND = {
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "li": "list-item", "blockquote": "quote", "figcaption": "caption",
    "caption": "caption", "td": "table-cell", "th": "table-cell",
}
_BLOCK_TAGS = frozenset(_BLOCK_KIND) | frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "figure", "ul", "ol",
    "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "hr", "address", "details",
    "summary", "body", "html",
})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_IMPLIED_END = {
    **{h: _HEADINGS | {"p"} for h in _HEADINGS},
    "p": frozenset({"p"}), "li": frozenset({"li", "p"}), "dt": frozenset({"dt", "dd", "p"}),
    "dd": frozenset({"dt", "dd", "p"}), "td": frozenset({"td", "th", "p"}), "th": frozenset({"td", "th", "p"}),
    "tr": frozenset({"tr", "td", "th", "p"}),
}
"""Start tags that close the element left open just before them, as a browser does (an
unclosed ``<h1>`` followed by ``<p>`` paragraphs must not turn the page into one heading)."""
_WHITESPACE = regex.compile(r"\s+")
_COLLAPSED = regex.compile(r"\s{2,}|\A\s|\s\Z")
"""White space that does not map one for one onto a single space: runs, and the ends."""
_OTHER_SPACE = regex.compile(r"[^\S ]")
_SINGLE_SPACE = regex.compile(r"\s")
_ALT_ATTRIBUTE = regex.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", regex.I)
_MAX_END_TAG_SEARCH = 64


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.out = TextBuilder()
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self.comments: list[Comment] = []
        self._line_starts = line_starts(source)
        self._open: list[str] = []
        self._kinds: list[tuple[str, int]] = []
        self._skip_depth = 0
        self._block_start: int | None = None
        self._pending_space = False
        self._link_stack: list[tuple[int, str]] = []
        self._title_parts: list[str] = []

    # -- positions -------------------------------------------------------------------------
    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    # -- blocks ----------------------------------------------------------------------------
    def _kind(self) -> tuple[str, int]:
        return self._kinds[-1] if self._kinds else ("paragraph", 0)

    def _close_block(self) -> None:
        if self._block_start is not None and self.out.length > self._block_start:
            kind, level = self._kind()
            self.blocks.append(Block(kind, self._block_start, self.out.length, level))
            self.out.append_separator("\n\n")
        self._block_start = None
        self._pending_space = False

    def _emit(self, text: str, source_offset: int, source_length: int | None = None) -> None:
        """Append visible text, collapsing whitespace as a browser would. Words apart by one
        white-space character go out as one run that maps one for one onto the source."""
        if self._skip_depth:
            return
        gaps = _WHITESPACE if source_length is not None else _COLLAPSED
        position = 0
        for gap in gaps.finditer(text):
            self._emit_word(text[position:gap.start()], source_offset + position, source_length)
            self._pending_space = True
            position = gap.end()
        self._emit_word(text[position:], source_offset + position, source_length)

    def _emit_word(self, word: str, source_offset: int, source_length: int | None) -> None:
        if not word:
            return
        if self._block_start is None:
            self._block_start = self.out.length
        elif self._pending_space:
            self.out.append_separator(" ")
        self._pending_space = False
        if source_length is None:
            self.out.append(_SINGLE_SPACE.sub(" ", word) if _OTHER_SPACE.search(word) else word, source_offset)
        else:
            self.out.append_replacement(word, source_offset, source_length)

    # -- parser callbacks ------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        closes = _IMPLIED_END.get(tag)
        while closes and self._open and self._open[-1] in closes:
            self._pop(self._open.pop())
        if tag in _BLOCK_TAGS:
            self._close_block()
        if tag == "img":
            self._image_alt()
        elif tag == "br":
            self._pending_space = True
        if tag in _VOID:
            return
        self._open.append(tag)
        if tag in _SKIPPED or self._skip_depth:
            self._skip_depth += 1
            return
        if tag in _BLOCK_KIND:
            kind = _BLOCK_KIND[tag]
            self._kinds.append((kind, int(tag[1]) if kind == "heading" else 0))
        elif tag in _BLOCK_TAGS:
            self._kinds.append(self._kind())
        if tag == "a":
            href = dict(attrs).get("href") or ""
            # the link's text starts after the space pending before it, if that space is emitted
            space = self._pending_space and self._block_start is not None
            self._link_stack.append((self.out.length + (1 if space else 0), href))

    def handle_startendtag(self, tag, attrs):
        if tag == "img":
            self._image_alt()
        elif tag in _BLOCK_TAGS:
            self._close_block()

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        for depth in range(1, min(len(self._open), _MAX_END_TAG_SEARCH) + 1):
            if self._open[-depth] == tag:
                break
        else:
            return
        for _ in range(depth):
            self._pop(self._open.pop())

    def _pop(self, tag: str) -> None:
        if self._skip_depth:
            self._skip_depth -= 1
            return
        if tag == "a" and self._link_stack:
            start, href = self._link_stack.pop()
            if self.out.length > start and href:
                self.links.append(Link(start, self.out.length, href))
        if tag in _BLOCK_TAGS:
            self._close_block()
            if self._kinds:
                self._kinds.pop()

    def handle_data(self, data):
        if self._open and self._open[-1] == "title":
            self._title_parts.append(data)
        self._emit(data, self._offset())

    def handle_entityref(self, name):
        self._reference(f"&{name};")

    def handle_charref(self, name):
        self._reference(f"&#{name};")

    def _reference(self, raw: str) -> None:
        text = unescape(raw)
        if self._open and self._open[-1] == "title":
            self._title_parts.append(text)
        self._emit(text, self._offset(), len(raw))

    def handle_comment(self, data):
        self.comments.append(Comment(self._offset(), data))

    def _image_alt(self) -> None:
        if self._skip_depth:
            return
        raw = self.get_starttag_text() or ""
        found = _ALT_ATTRIBUTE.search(raw)
        if not found:
            return
        group = next(g for g in (1, 2, 3) if found.group(g) is not None)
        alt = found.group(group)
        if not alt.strip():
            return
        tag_start = self._offset()
        self._close_block()
        self._kinds.append(("alt-text", 0))
        self._emit(unescape(alt), tag_start + found.start(group), len(alt) if "&" in alt else None)
        self._close_block()
        self._kinds.pop()


class HtmlParser:
    name = "html"

    def parse(self, body: str) -> ParsedText:
        extractor = _Extractor(body)
        last_close = body.rfind("-->")
        unclosed_comment = body.find("<!--", last_close + 3 if last_close != -1 else 0)
        if unclosed_comment != -1:
            # A comment left open runs to the end of the page, as in a browser: from the first
            # opening no "-->" follows (html.parser would search on from each later one: quadratic).
            extractor.feed(body[:unclosed_comment])
            extractor.comments.append(Comment(unclosed_comment, body[unclosed_comment + 4:]))
        else:
            extractor.feed(body)
        extractor.close()
        extractor._close_block()
        text = extractor.out.build()
        if text.endswith("\n\n"):
            text = text[:-2]
        source_map = SourceMap(body, extractor.out.anchors)
        return ParsedText(
            text=text,
            blocks=extractor.blocks,
            source_map=source_map,
            links=extractor.links,
            comments=extractor.comments,
            title=" ".join("".join(extractor._title_parts).split()) or None,
        )


@hookimpl
def medguard_register_parsers():
    return [HtmlParser()]

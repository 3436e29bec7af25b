"""What every parser produces: the text to check, its blocks, and a map back to the source."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Protocol

import re

BLOCK_KINDS = (
    "title", "heading", "paragraph", "list-item", "quote", "caption", "alt-text", "table-cell",
)
"""Block kinds, which are also the names a rule's ``scope:`` accepts (plus ``body``)."""

SCOPE_ALIASES = {"body": ("paragraph", "list-item", "table-cell")}


@dataclass(slots=True)
class Block:
    """A run of text with one role on the page, e.g. a heading or a list item."""

    kind: str
    start: int
    end: int
    level: int = 0
    """Heading level (1-6) for headings; 0 otherwise."""


@dataclass(slots=True)
class Link:
    """An inline link: its visible text span and where it points."""

    start: int
    end: int
    href: str


@dataclass(slots=True)
class Comment:
    """A comment in the source (HTML or Markdown; in plain text, a suppression comment), where suppressions live."""

    source_offset: int
    text: str


_NEWLINE = re.compile(r"\r\n?|\n")


def line_starts(source: str) -> list[int]:
    """The offset where each line of ``source`` starts."""
    return [0, *(match.end() for match in _NEWLINE.finditer(source))]


class SourceMap:
    """Maps offsets in the extracted text back to offsets, lines and columns in the source.

    Anchors are ``(text_offset, source_offset)`` pairs, one wherever the two stop advancing
    together (markup removed, an entity decoded, whitespace collapsed); between anchors they
    advance one for one.
    """

    def __init__(self, source: str, anchors: list[tuple[int, int]] | None = None):
        self._text_offsets = [a[0] for a in anchors] if anchors else [0]
        self._source_offsets = [a[1] for a in anchors] if anchors else [0]
        self._line_starts = line_starts(source)

    def to_source(self, text_offset: int) -> int:
        i = bisect_right(self._text_offsets, text_offset) - 1
        if i < 0:
            return text_offset
        return self._source_offsets[i] + (text_offset - self._text_offsets[i])

    def to_source_end(self, text_end: int) -> int:
        """The source offset just past the text character at ``text_end - 1``: where a span of
        the text that ends at ``text_end`` ends in the source (after an entity, before a tag)."""
        if text_end <= 0:
            return self.to_source(text_end)
        i = bisect_left(self._text_offsets, text_end)
        if i < len(self._text_offsets) and self._text_offsets[i] == text_end:
            return self._source_offsets[i]
        return self.to_source(text_end - 1) + 1

    def span(self, text_start: int, text_end: int) -> tuple[int, int]:
        """The source span of a text span (an empty one stays empty, at its start)."""
        source_start = self.to_source(text_start)
        return source_start, (self.to_source_end(text_end) if text_end > text_start else source_start)

    def line_column(self, source_offset: int) -> tuple[int, int]:
        """1-based line and column of a source offset."""
        line = bisect_right(self._line_starts, source_offset)
        return line, source_offset - self._line_starts[line - 1] + 1


HEADLINE_SEPARATOR = "\n\n"
"""Between the body's text and a title appended after it (see :func:`with_headline`)."""


@dataclass(slots=True)
class ParsedText:
    """A document body reduced to checkable text."""

    text: str
    blocks: list[Block]
    source_map: SourceMap
    links: list[Link] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    title: str | None = None
    metadata: dict = field(default_factory=dict)
    headline_start: int | None = None
    """Where the document's title (``Document.title``), checked after the body, starts in ``text``;
    None when it has none or the body already holds it (see :func:`with_headline`)."""
    headline_map: SourceMap | None = None
    """Maps offsets of the title's text (``text[headline_start:]``) to the title as sent."""

    def in_headline(self, offset: int) -> bool:
        return self.headline_start is not None and offset >= self.headline_start

    @property
    def body_end(self) -> int:
        """Where the body's text ends (before the title, if one was appended)."""
        return len(self.text) if self.headline_start is None else max(0, self.headline_start - len(HEADLINE_SEPARATOR))


def with_headline(body: ParsedText, headline: ParsedText) -> ParsedText:
    """``body`` with the parsed title appended as ``title`` blocks (the kind an HTML ``<title>``
    or a front-matter title gets), so that every rule reads it while the body's offsets stay as
    they are. A title the body already contains (an ``<h1>`` or ``<title>`` repeating it) is
    left out: it is checked where it stands."""
    words = " ".join(headline.text.split()).casefold()
    if not words or words in " ".join(body.text.split()).casefold():
        return body
    start = len(body.text) + len(HEADLINE_SEPARATOR) if body.text else 0
    text = (body.text + HEADLINE_SEPARATOR if body.text else "") + headline.text
    blocks = [*body.blocks, *(Block("title", start + b.start, start + b.end) for b in headline.blocks)]
    return ParsedText(text, blocks, body.source_map, body.links, body.comments, body.title, body.metadata,
                      headline_start=start, headline_map=headline.source_map)


class Parser(Protocol):
    """Turns a body of one format (``name``) into :class:`ParsedText`."""

    name: str

    def parse(self, body: str) -> ParsedText: ...


class TextBuilder:
    """Accumulates extracted text and the anchors that map it back to the source.

    Where the source jumps (markup removed, an entity decoded), two anchors share a text offset:
    the first marks where the previous run ended in the source, the second where the next run
    starts; :meth:`SourceMap.to_source` uses the last, :meth:`SourceMap.to_source_end` the first.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[tuple[int, int]] = []
        self._next_source: int | None = None
        """The source offset that continues the last text one for one (None after a separator)."""
        self._source_end = 0
        """The source offset just past the last text that came from the source."""
        self._end_marked = True

    def _mark_end(self) -> None:
        if not self._end_marked and self.length:
            self.anchors.append((self.length, self._source_end))
        self._end_marked = True

    def append(self, text: str, source_offset: int) -> None:
        """Append ``text`` that stands at ``source_offset`` in the source."""
        if not text:
            return
        if source_offset != self._next_source:
            self._mark_end()
            self.anchors.append((self.length, source_offset))
        self.parts.append(text)
        self.length += len(text)
        self._next_source = self._source_end = source_offset + len(text)
        self._end_marked = False

    def append_replacement(self, text: str, source_offset: int, source_length: int) -> None:
        """Append ``text`` that replaces ``source_length`` source characters (an entity, say)."""
        self.append(text, source_offset)
        self._next_source = self._source_end = source_offset + source_length
        self._end_marked = False
        self._mark_end()

    def append_separator(self, text: str) -> None:
        """Append text with no counterpart in the source (a block break, a collapsed space)."""
        self._mark_end()
        if not self.anchors or self.anchors[-1][0] != self.length:
            self.anchors.append((self.length, self._source_end))
        self.parts.append(text)
        self.length += len(text)
        self._next_source = None

    def build(self) -> str:
        return "".join(self.parts)

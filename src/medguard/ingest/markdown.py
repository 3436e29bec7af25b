"""Markdown (CommonMark + tables, optional YAML front matter).

The text keeps the file's own characters, offsets included: markup (``#``, ``**``, ``[..](url)``,
list markers, code, HTML tags, front matter) is blanked with spaces, so a finding's offsets index
the Markdown file directly. Block structure comes from markdown-it-py's source line map.
"""

from __future__ import annotations

from bisect import bisect_right

import regex
import yaml
from markdown_it import MarkdownIt

from ..hookspecs import hookimpl
from .base import Block, Comment, Link, ParsedText, SourceMap
from .base import line_starts as source_line_starts
from .html import HtmlParser

_FRONT_MATTER = regex.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", regex.S)
_FRONT_MATTER_TITLE = regex.compile(r"^title:[ \t]*[\"']?(.*?)[\"']?[ \t]*$", regex.M)
_LINE_PREFIX = regex.compile(r"^[ \t]*(?:>[ \t]?)*(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:#{1,6}[ \t]+)?", regex.M)
_INLINE_MARKUP = regex.compile(
    # Every repetition that could run to the end of a long paragraph is bounded or possessive, so
    # a hostile paragraph (thousands of unclosed `[x](`, backticks or `<a`) stays linear.
    r"""
    (?P<code>`++)(?P<code_body>.{0,2000}?)(?P=code)  # inline code: blank it all
  | (?P<image_open>!\[)                              # image alt text stays, markup goes
  | (?P<link_close>\]\((?P<href><[^>\n]{0,512}>|[^)\s]{0,512}+)(?:\s+"[^"\n]{0,300}")?\))
  | (?P<ref_close>\]\[[^\]]*\])
  | (?P<open>(?<!\\)\[)
  | (?P<comment><!--.{0,4000}?-->)                  # an inline HTML comment is not text
  | (?P<tag></?[A-Za-z][^>\n]{0,512}>)
  | (?P<emphasis>(?<![\w\\])[*_]{1,3}|[*_]{1,3}(?!\w)|~~)
  | (?P<escape>\\)(?=[!-/:-@\[-`{-~])
  | (?P<closing_hashes>(?<![ \t])[ \t]++\#++[ \t]*+$)
    """,
    regex.X | regex.M | regex.S,
)
_LEAF_TOKENS = frozenset({"inline", "fence", "code_block", "html_block", "hr", "heading_open"})
_LINK_DEFINITION = regex.compile(r"[ ]{0,3}\[[^\]]+\]:\s*\S")
_LETTER = regex.compile(r"[^\W\d_]")
_TABLE_CELL = regex.compile(r"[^|]+")

_KIND_BY_CONTAINER = {"blockquote_open": "quote", "list_item_open": "list-item"}


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


class MarkdownParser:
    name = "markdown"

    def __init__(self) -> None:
        self._md = MarkdownIt("commonmark").enable("table")

    def parse(self, body: str) -> ParsedText:
        chars = list(body)
        line_starts = [*source_line_starts(body), len(body) + 1]  # markdown-it's lines: \n, \r\n or \r
        comments = _html_comments(body)
        blocks: list[Block] = []
        links: list[Link] = []
        title, metadata = None, {}

        content_start = 0
        front = _FRONT_MATTER.match(body)
        if front:
            content_start = front.end()
            metadata = _load_front_matter(front.group(1) or "")
            title = metadata.get("title") if isinstance(metadata.get("title"), str) else None
            _blank(chars, 0, front.end())
            found = _FRONT_MATTER_TITLE.search(body, 0, front.end())
            if found and found.group(1):
                chars[found.start(1):found.end(1)] = list(found.group(1))
                blocks.append(Block("title", found.start(1), found.end(1)))

        checked = [False] * len(chars)
        offset_base = bisect_right(line_starts, content_start) - 1

        def lines(first: int, stop: int) -> tuple[int, int]:
            """The file's span of lines ``first`` to ``stop - 1``, without the last line break."""
            return line_starts[first], min(line_starts[stop] - 1, len(body))

        tokens = self._md.parse(body[content_start:])
        containers: list[str] = []
        table_rows: set[int] = set()
        pending_heading_level = 0
        for index, token in enumerate(tokens):
            if token.type in _KIND_BY_CONTAINER:
                containers.append(_KIND_BY_CONTAINER[token.type])
            elif token.type in ("blockquote_close", "list_item_close"):
                containers.pop()
            elif token.type == "heading_open":
                pending_heading_level = int(token.tag[1])
            elif token.type == "inline" and token.map:
                start, end = lines(token.map[0] + offset_base, token.map[1] + offset_base)
                if pending_heading_level:
                    kind, level = "heading", pending_heading_level
                elif containers:
                    kind, level = containers[-1], 0
                else:
                    kind, level = "paragraph", 0
                pending_heading_level = 0
                if index and tokens[index - 1].type in ("th_open", "td_open"):
                    if start in table_rows:
                        continue
                    table_rows.add(start)
                    for cell in _table_cells(body, start, end):
                        blocks.append(Block("table-cell", *cell))
                        _mark(checked, *cell)
                    continue
                _blank_markup(body, chars, start, end, links)
                _mark(checked, start, end)
                blocks.append(Block(kind, start, end, level))
            elif token.type == "heading_close":
                pending_heading_level = 0
            elif token.type == "html_block" and token.map:
                for block in _html_blocks(body, chars, *lines(token.map[0] + offset_base, token.map[1] + offset_base), links):
                    blocks.append(block)
                    _mark(checked, block.start, block.end)

        # Text markdown-it left out (nesting deeper than its limit) is still checked, as plain
        # text: content must not hide from the checker by being nested 30 blockquotes deep.
        covered = [False] * (len(line_starts) - 1)
        for token in tokens:
            if token.type in _LEAF_TOKENS and token.map:
                for line in range(token.map[0] + offset_base, min(token.map[1] + offset_base, len(covered))):
                    covered[line] = True
        run: list[int] = []
        for line in range(offset_base, len(covered) + 1):
            if line < len(covered) and not covered[line]:
                start, end = lines(line, line + 1)
                if _LETTER.search(body, start, end) and not _LINK_DEFINITION.match(body, start, end):
                    run.append(line)
                    continue
            if run:
                start, end = lines(run[0], run[-1] + 1)
                _blank_markup(body, chars, start, end, links)
                _mark(checked, start, end)
                kind = "quote" if body[start:end].lstrip().startswith(">") else "paragraph"
                blocks.append(Block(kind, start, end))
                run = []
        blocks.sort(key=lambda b: b.start)

        for i in range(content_start, len(chars)):
            if not checked[i]:
                if chars[i] not in "\r\n":
                    chars[i] = " "
        text = "".join(chars)
        blocks = [b for b in (_trim(text, b) for b in blocks) if b.end > b.start]
        return ParsedText(text, blocks, SourceMap(body), links, comments, title, metadata)


def _html_blocks(body: str, chars: list[str], start: int, end: int, links: list[Link]) -> list[Block]:
    """The text of raw HTML in a Markdown file (``<p>…</p>``, ``<div>…``), as the HTML parser reads
    it (its blocks, links and skipped elements), written back at the characters it came from: tags
    stay blank and an entity's character takes the entity's first place, so offsets stay the file's."""
    parsed = HtmlParser().parse(body[start:end])
    source = parsed.source_map
    _blank(chars, start, end)
    for block in parsed.blocks:
        for i in range(block.start, block.end):
            if not parsed.text[i].isspace():
                chars[start + source.to_source(i)] = parsed.text[i]
    links.extend(Link(start + link_start, start + link_end, link.href)
                 for link in parsed.links for link_start, link_end in [source.span(link.start, link.end)])
    return [Block(b.kind, start + source.to_source(b.start), start + source.to_source_end(b.end), b.level) for b in parsed.blocks]


def _html_comments(body: str) -> list[Comment]:
    """``<!-- ... -->`` comments, found in one linear pass (an unclosed one ends the search)."""
    comments = []
    position = body.find("<!--")
    while position != -1:
        end = body.find("-->", position + 4)
        if end == -1:
            break
        comments.append(Comment(position, body[position + 4:end]))
        position = body.find("<!--", end + 3)
    return comments


def _table_cells(body: str, start: int, end: int):
    for line_start, line in _lines(body, start, end):
        if regex.fullmatch(r"[\s|:\-]*", line):
            continue
        for cell in _TABLE_CELL.finditer(line):
            if cell.group().strip():
                yield line_start + cell.start(), line_start + cell.end()


def _lines(body: str, start: int, end: int):
    position = start
    for line in body[start:end].split("\n"):
        yield position, line
        position += len(line) + 1


def _mark(checked: list[bool], start: int, end: int) -> None:
    for i in range(start, end):
        checked[i] = True


def _blank_markup(body: str, chars: list[str], start: int, end: int, links: list[Link]) -> None:
    for prefix in _LINE_PREFIX.finditer(body, start, end):
        _blank(chars, prefix.start(), prefix.end())
    open_brackets: list[int] = []
    for m in _INLINE_MARKUP.finditer(body, start, end):
        if m.group("open") or m.group("image_open"):
            open_brackets.append(m.end())
            _blank(chars, m.start(), m.end())
        elif m.group("link_close"):
            if open_brackets:
                href = m.group("href").strip("<>")
                links.append(Link(open_brackets.pop(), m.start(), href))
            _blank(chars, m.start(), m.end())
        elif m.group("ref_close"):
            if open_brackets:
                open_brackets.pop()
            _blank(chars, m.start(), m.end())
        else:
            _blank(chars, m.start(), m.end())


def _trim(text: str, block: Block) -> Block:
    start, end = block.start, block.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Block(block.kind, start, end, block.level)


def _load_front_matter(raw: str) -> dict:
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


@hookimpl
def medguard_register_parsers():
    return [MarkdownParser()]

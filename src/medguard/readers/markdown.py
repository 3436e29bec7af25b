"""Markdown files, front matter included (the parser reads it)."""

from ..hookspecs import hookimpl
from .base import read_text_document


class MarkdownReader:
    name = "markdown"
    extensions = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdx")

    def read(self, data: bytes, source: str):
        yield read_text_document(data, source, "markdown")


@hookimpl
def medguard_register_readers():
    return [MarkdownReader()]

"""Plain-text files."""

from ..hookspecs import hookimpl
from .base import read_text_document


class TextReader:
    name = "text"
    extensions = (".txt", ".text")

    def read(self, data: bytes, source: str):
        yield read_text_document(data, source, "text")


@hookimpl
def medguard_register_readers():
    return [TextReader()]

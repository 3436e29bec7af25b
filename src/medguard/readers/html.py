"""HTML files (a whole page or a fragment)."""

from ..hookspecs import hookimpl
from .base import read_text_document


class HtmlReader:
    name = "html"
    extensions = (".html", ".htm", ".xhtml")

    def read(self, data: bytes, source: str):
        yield read_text_document(data, source, "html")


@hookimpl
def medguard_register_readers():
    return [HtmlReader()]

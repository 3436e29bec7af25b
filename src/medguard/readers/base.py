"""Readers turn a file's bytes into documents; one reader per file format."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Protocol

import regex

from ..models import Diagnostic, Document

_BINARY_SAMPLE = 8192
_HTML_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", regex.I)


class InputError(Exception):
    """A source that cannot be read as a document; the run records it and goes on."""

    def __init__(self, message: str, source: str | None = None):
        super().__init__(message)
        self.source = source
        """The file (or file#item) it concerns, when known."""


@dataclass(slots=True)
class SourceDocument:
    """A document with where it came from and what reading it noticed."""

    document: Document
    source: str
    diagnostics: list[Diagnostic] = field(default_factory=list)


class Reader(Protocol):
    """Reads files whose names end with one of ``extensions``.

    Streaming (optional): a reader of archives that may not fit in memory (a multi-GB JSONL or
    WXR export) may also define ``read_path(path: Path, source: str)``, an iterator with the same
    contract as ``read`` that reads the file itself, a little at a time.
    ``medguard.sources.read_file`` prefers it to ``read`` when a reader has it; readers without it
    keep working unchanged. An InputError a reader yields for one part of a file may carry that
    part's name in a ``source`` attribute (``error.source = "export.jsonl:17"``) so a batch scan
    records it against that part.
    """

    name: str
    extensions: tuple[str, ...]

    def read(self, data: bytes, source: str) -> Iterable[SourceDocument | InputError]:
        """Yield the file's documents; a part that cannot be read is yielded as an InputError
        (raise it instead when nothing in the file can be read)."""


class StreamingReader(Reader, Protocol):
    """A reader that also reads straight from a path without loading the whole file (see Reader)."""

    def read_path(self, path: Path, source: str) -> Iterable[SourceDocument | InputError]: ...


def empty_body(document: Document) -> list[Diagnostic]:
    """The ``empty-document`` notice for an export's record whose body is blank but whose title is
    not (with no title either, the engine finds no text to check and says so itself)."""
    if document.body.strip() or not (document.title or "").strip():
        return []
    return [Diagnostic(level="info", code="empty-document", message="the body is empty: only the title was checked")]


def decode(data: bytes, source: str, *, html: bool = False) -> tuple[str, list[Diagnostic]]:
    """Decode bytes as UTF-8 (or an HTML page's declared charset, or UTF-16 by its byte-order
    mark or, without one, by where its NUL bytes fall), never failing but on binary data.

    Invalid bytes become U+FFFD with a diagnostic that says where the first one was; a guessed
    encoding comes with a ``guessed-encoding`` diagnostic.
    """
    if b"\x00" in data[:_BINARY_SAMPLE] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        guessed = _utf16_without_bom(data)
        if guessed is None:
            raise InputError(f"{source}: looks like a binary file (NUL bytes), not a document")
        return guessed
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        declared = _HTML_CHARSET.search(data[:4096]) if html else None
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii")), []
            except (LookupError, UnicodeDecodeError):
                pass
        message = (
            f"invalid UTF-8 at byte {error.start} (0x{data[error.start]:02x}); "
            "decoded with replacement characters (U+FFFD)"
        )
        return data.decode("utf-8", errors="replace"), [
            Diagnostic(level="warning", code="invalid-utf8", message=message)
        ]


def _utf16_without_bom(data: bytes) -> tuple[str, list[Diagnostic]] | None:
    """UTF-16 saved without a byte-order mark, told from its NUL bytes: at least a quarter of the
    first 8 KiB's code units have a zero high byte (odd bytes for LE, even for BE) and far fewer a
    zero low byte, and the whole file decodes cleanly with no control characters but whitespace.
    None for anything else (binary)."""
    sample = data[:_BINARY_SAMPLE]
    units = len(sample) // 2
    if len(data) % 2 or units < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    encoding, high, low = ("utf-16-le", odd, even) if odd >= even else ("utf-16-be", even, odd)
    if high * 4 < units or low * 4 > high:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if _CONTROL.search(text):
        return None
    return text, [Diagnostic(level="warning", code="guessed-encoding",
                             message=f"no byte-order mark: read as UTF-16 {encoding[-2:].upper()}, "
                                     "the encoding guessed from where its NUL bytes fall")]


_CONTROL = regex.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Control characters other than whitespace: text has none, binary read as UTF-16 many."""


def read_text_document(data: bytes, source: str, fmt: str) -> SourceDocument:
    """The common case: the whole file is the body of one document of format ``fmt``."""
    text, diagnostics = decode(data, source, html=fmt == "html")
    return SourceDocument(Document(id=Path(source).stem, body=text, format=fmt), source, diagnostics)

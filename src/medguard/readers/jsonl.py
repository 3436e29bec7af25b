"""JSON Lines exports (``.jsonl``, ``.ndjson``): one document per line, streamed.

Each line is a JSON object; which keys hold the id, title, body, format and URL is configurable
(:class:`FieldMap`). By default the common CMS spellings are tried in order (``body``,
``content``, ``text``, ``post_content``, ``content.rendered``...); a dotted name reaches into
nested objects and a WordPress-REST ``{"rendered": ...}`` value is unwrapped.

A line that is not valid JSON (a truncated last line, a line cut by a failed export) or has no
body becomes an InputError for that line, named ``FILE:LINE``; the following lines are read as
usual. Invalid UTF-8 in a line is replaced (U+FFFD) and reported on that line's document.
The file is read a line at a time, so memory does not grow with its size.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Iterator, Mapping

import regex

from ..hookspecs import hookimpl
from ..models import Diagnostic, Document
from .base import InputError, SourceDocument, empty_body

MAX_LINE_BYTES = 64 * 1024 * 1024
"""A longer line is reported and skipped instead of being loaded."""

FORMATS = ("auto", "html", "markdown", "text")

_HTML_HINT = regex.compile(
    r"<(?:p|div|br|hr|h[1-6]|ul|ol|li|a|span|strong|em|b|i|img|table|section|article|blockquote|figure|html|body)\b[^>]*>",
    regex.I,
)


def guess_format(body: str) -> str:
    """``html`` when the body carries HTML tags near its start, else ``text``."""
    return "html" if _HTML_HINT.search(body, 0, 4096) else "text"


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Where a record keeps each document field: candidate names, first present wins.

    Used by the JSONL and CSV readers. ``FieldMap.parse("id=story_id,body=text")`` replaces the
    candidates of the fields it names with exactly those names.
    """

    id: tuple[str, ...] = ("id", "ID", "post_id", "_id", "guid")
    title: tuple[str, ...] = ("title", "post_title", "headline", "name")
    body: tuple[str, ...] = ("body", "content", "text", "post_content", "html", "article", "content.rendered")
    format: tuple[str, ...] = ("format",)
    url: tuple[str, ...] = ("url", "link", "permalink", "canonical_url")
    default_format: str = "auto"
    """Format of a body when no format field is present: html, markdown, text, or auto (guess)."""
    extras: tuple[str, ...] = field(default=())
    """Fields copied into the document's metadata (e.g. date, author)."""
    named: tuple[tuple[str, str], ...] = field(default=())
    """The (field, name) pairs the user gave, so a misspelt name can be reported."""

    FIELDS = ("id", "title", "body", "format", "url")

    @classmethod
    def parse(cls, spec: str | Mapping[str, str] | None, *, default_format: str = "auto") -> "FieldMap":
        """Build from ``"id=story_id,body=text,metadata=date|author"`` or a mapping."""
        if default_format not in FORMATS:
            raise ValueError(f"unknown body format {default_format!r} (choose from {', '.join(FORMATS)})")
        base = cls(default_format=default_format)
        if not spec:
            return base
        pairs: dict[str, str]
        if isinstance(spec, str):
            pairs = {}
            for part in filter(None, (p.strip() for p in spec.split(","))):
                name, sep, value = part.partition("=")
                if not sep or not value.strip():
                    raise ValueError(f"expected FIELD=NAME in {part!r} (fields: {', '.join(cls.FIELDS)}, metadata)")
                pairs[name.strip()] = value.strip()
        else:
            pairs = dict(spec)
        changes: dict[str, Any] = {"named": tuple(pairs.items())}
        for name, value in pairs.items():
            if name == "metadata":
                changes["extras"] = tuple(v for v in value.split("|") if v)
            elif name in cls.FIELDS:
                changes[name] = (value,)
            else:
                raise ValueError(f"unknown field {name!r} (fields: {', '.join(cls.FIELDS)}, metadata)")
        return replace(base, **changes)

    def user_names(self) -> list[tuple[str, str]]:
        """The (option, record field) pairs named by the user, body excepted (its absence is an error)."""
        pairs = []
        for option, value in self.named:
            names = value.split("|") if option == "metadata" else [value]
            pairs.extend((option, name) for name in names if name and option != "body")
        return pairs

    def missing(self, record: Mapping[str, Any]) -> list[Diagnostic]:
        """A warning for each field the user named that ``record`` lacks (a misspelt --fields)."""
        return [
            Diagnostic(
                level="warning", code="field-missing",
                message=f"the record has no field {name!r} (named by --fields {option}={name})",
            )
            for option, name in self.user_names()
            if _lookup(record, name) is None and name not in record
        ]

    def document(self, record: Mapping[str, Any], source: str) -> Document:
        """The document a record holds; InputError when it has no usable body."""
        body = _first(record, self.body)
        if body is None:
            raise InputError(f"{source}: no body (looked for {', '.join(self.body)}; name the field with --fields body=NAME)")
        if not isinstance(body, str):
            raise InputError(f"{source}: the body field holds {type(body).__name__}, not text")
        fmt = _first(record, self.format)
        if not isinstance(fmt, str) or not fmt:
            fmt = guess_format(body) if self.default_format == "auto" else self.default_format
        document_id = _first(record, self.id)
        title = _first(record, self.title)
        url = _first(record, self.url)
        metadata = {}
        for name in self.extras:
            value = _first(record, (name,))
            if value is not None:
                metadata[name] = value
        return Document(
            id=None if document_id is None or document_id == "" else str(document_id),
            title=(title or None) if isinstance(title, str) else (None if title is None else str(title)),
            body=body,
            format=fmt,
            url=url if isinstance(url, str) and url else None,
            metadata=metadata,
        )


def _first(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = _lookup(record, name)
        if value is not None:
            return value
    return None


def _lookup(record: Mapping[str, Any], name: str) -> Any:
    if name in record:
        value = record[name]
    elif "." in name:
        value: Any = record
        for part in name.split("."):
            if not isinstance(value, Mapping) or part not in value:
                return None
            value = value[part]
    else:
        return None
    if isinstance(value, Mapping) and "rendered" in value:  # WordPress REST: {"rendered": "..."}
        value = value["rendered"]
    return value


def input_error(message: str, source: str) -> InputError:
    """An InputError that names the part of a file it belongs to (see readers.base.Reader)."""
    error = InputError(message)
    error.source = source  # type: ignore[attr-defined]
    return error


class JsonlReader:
    name = "jsonl"
    extensions = (".jsonl", ".ndjson")

    def __init__(self, fields: FieldMap | None = None, max_line_bytes: int = MAX_LINE_BYTES):
        self.fields = fields or FieldMap()
        self.max_line_bytes = max_line_bytes

    def configured(self, fields: FieldMap) -> "JsonlReader":
        return JsonlReader(fields, self.max_line_bytes)

    def read(self, data: bytes, source: str) -> Iterator[SourceDocument | InputError]:
        yield from self.read_stream(io.BytesIO(data), source)

    def read_path(self, path: Path, source: str) -> Iterator[SourceDocument | InputError]:
        with open(path, "rb") as stream:
            yield from self.read_stream(stream, source)

    def read_stream(self, stream: IO[bytes], source: str, *, first_line: int = 1, end: int | None = None) -> Iterator[SourceDocument | InputError]:
        """Documents from ``stream``'s current position up to byte ``end`` (a shard of a file),
        numbering lines from ``first_line``."""
        lineno = first_line - 1
        position = stream.tell() if end is not None else 0
        while end is None or position < end:
            raw = stream.readline(self.max_line_bytes + 1)
            if not raw:
                break
            lineno += 1
            position += len(raw)
            name = f"{source}:{lineno}"
            if len(raw) > self.max_line_bytes and not raw.endswith(b"\n"):
                while True:  # skip the rest of the overlong line without keeping it
                    rest = stream.readline(1 << 20)
                    position += len(rest)
                    if not rest or rest.endswith(b"\n"):
                        break
                yield input_error(f"{name}: line is longer than {self.max_line_bytes // 1_048_576} MiB; skipped", name)
                continue
            if not raw.strip():
                continue
            yield self.parse_line(raw, name)

    def parse_line(self, raw: bytes, name: str) -> SourceDocument | InputError:
        diagnostics: list[Diagnostic] = []
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            text = raw.decode("utf-8", errors="replace")
            diagnostics.append(Diagnostic(
                level="warning", code="invalid-utf8",
                message=f"invalid UTF-8 at byte {error.start} of the line (0x{raw[error.start]:02x}); decoded with replacement characters (U+FFFD)",
            ))
        if text.startswith("\ufeff"):
            text = text[1:]
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            truncated = not raw.endswith(b"\n") and error.pos >= len(text.rstrip()) - 1
            hint = " (the line looks truncated)" if truncated or "Unterminated" in error.msg else ""
            return input_error(f"{name}: invalid JSON at column {error.colno}: {error.msg}{hint}", name)
        except RecursionError:
            return input_error(f"{name}: JSON nested too deeply", name)
        if not isinstance(record, dict):
            return input_error(f"{name}: expected a JSON object, got {type(record).__name__}", name)
        try:
            document = self.fields.document(record, name)
        except InputError as error:
            return input_error(str(error), name)
        except ValueError as error:  # pydantic validation of odd values
            return input_error(f"{name}: not a document: {error}", name)
        diagnostics.extend(self.fields.missing(record))
        diagnostics.extend(empty_body(document))
        return SourceDocument(document, name, diagnostics)


@hookimpl
def medguard_register_readers():
    return [JsonlReader()]

"""WordPress eXtended RSS exports (WXR, ``.wxr`` and ``.xml``): posts and pages, streamed.

Parsed with defusedxml (or, where it is not installed, the same guards installed on the standard
library's expat parser): entity declarations and external references are refused, so
an entity-expansion attack ("billion laughs", quadratic blow-up) or an XXE file read fails with a
clear error instead of exhausting memory; WordPress never writes any of them. Items are handled
one at a time and dropped after use, so memory does not grow with the export.

Each ``<item>`` whose ``wp:post_type`` is one of ``post_types`` (default: post and page) becomes
an HTML document named ``FILE#N`` (N counts every item from 0): ``wp:post_id`` is its id,
``title`` its title, ``link`` its URL and ``content:encoded`` its body; status, date, post type,
slug, author and categories go to its metadata. Invalid UTF-8 bytes and control characters that
XML forbids (both common in old exports) are replaced with U+FFFD and reported on the document
they fall in, instead of ending the parse. A file that breaks off or is malformed part-way gives
the items read before the damage, then an InputError saying where it stopped.
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path
from typing import IO, Iterator

import regex

from ..hookspecs import hookimpl
from ..models import Diagnostic, Document
from .base import InputError, SourceDocument, empty_body
from .jsonl import input_error

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
WP_NS_PREFIX = "http://wordpress.org/export/"
_ENCODING = regex.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")
_FORBIDDEN_BYTES = bytes(c for c in range(32) if c not in (9, 10, 13))
_CONTROL_TO_REPLACEMENT = {c: 0xFFFD for c in _FORBIDDEN_BYTES}
_NEEDS_REPAIR = regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")


class _CleanUtf8:
    """A byte stream that re-encodes its input as valid, XML-legal UTF-8, counting repairs."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.repairs = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size if size and size > 0 else 1 << 16)
        text = self.decoder.decode(chunk, final=not chunk)
        if _NEEDS_REPAIR.search(text):
            text = text.translate(_CONTROL_TO_REPLACEMENT)
            self.repairs += text.count("\ufffd")
        return text.encode("utf-8")


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


class WxrReader:
    name = "wxr"
    extensions = (".wxr", ".xml")

    def __init__(self, post_types: tuple[str, ...] = ("post", "page")):
        self.post_types = post_types

    def read(self, data: bytes, source: str) -> Iterator[SourceDocument | InputError]:
        yield from self.read_stream(io.BytesIO(data), source)

    def read_path(self, path: Path, source: str) -> Iterator[SourceDocument | InputError]:
        with open(path, "rb") as stream:
            yield from self.read_stream(stream, source)

    def read_stream(self, raw: IO[bytes], source: str) -> Iterator[SourceDocument | InputError]:
        from xml.etree.ElementTree import ParseError

        iterparse, refused = _safe_iterparse()
        head = raw.read(256)
        raw.seek(0)
        declared = _ENCODING.match(head)
        utf8 = declared is None or declared.group(1).lower().replace(b"_", b"-") in (b"utf-8", b"utf8")
        stream: IO[bytes] | _CleanUtf8 = _CleanUtf8(raw) if utf8 else raw
        index = 0
        stack: list = []
        repairs_seen = 0
        try:
            for event, element in iterparse(stream):
                if event == "start":
                    stack.append(element)
                    if index == 0 and len(stack) == 1 and _local(element.tag)[1] != "rss":
                        raise InputError(f"{source}: not a WordPress export (root element <{_local(element.tag)[1]}>, expected <rss>)")
                    continue
                stack.pop()
                if _local(element.tag) != ("", "item"):
                    continue
                name = f"{source}#{index}"
                index += 1
                repairs = getattr(stream, "repairs", 0)
                result = self._item(element, name, repaired=repairs > repairs_seen)
                repairs_seen = repairs
                if stack:
                    stack[-1].remove(element)  # keep memory flat: drop the item once read
                if result is not None:
                    yield result
        except refused as error:
            raise InputError(
                f"{source}: refused to parse: {_describe_defused(error)}. WordPress exports never need this; "
                "the file may be an entity-expansion ('billion laughs') or external-entity attack"
            ) from None
        except ParseError as error:
            line, column = getattr(error, "position", (None, None))
            where = f"line {line}, column {column + 1}" if line else "an unknown position"
            message = str(error).split(":")[0]
            stopped = f"; {index} item(s) read before it" if index else ""
            yield input_error(f"{source}: malformed XML at {where}: {message}{stopped} — the rest of the file was not read", f"{source}#error")

    def _item(self, item, name: str, *, repaired: bool) -> SourceDocument | InputError | None:
        fields: dict[str, str] = {}
        categories: list[str] = []
        for child in item:
            namespace, local = _local(child.tag)
            text = child.text or ""
            if namespace == CONTENT_NS and local == "encoded":
                fields["body"] = text
            elif namespace.startswith(WP_NS_PREFIX) and local in ("post_id", "post_type", "status", "post_date", "post_name"):
                fields[local] = text.strip()
            elif namespace == "" and local in ("title", "link"):
                fields[local] = text.strip()
            elif namespace == "" and local == "category" and text.strip():
                categories.append(text.strip())
            elif local == "creator":
                fields["author"] = text.strip()
        post_type = fields.get("post_type", "post")
        if post_type not in self.post_types:
            return None
        if "body" not in fields:
            return input_error(f"{name}: item has no <content:encoded> body", name)
        metadata: dict = {"post_type": post_type}
        for key, label in (("status", "status"), ("post_date", "date"), ("post_name", "slug"), ("author", "author")):
            if fields.get(key):
                metadata[label] = fields[key]
        if categories:
            metadata["categories"] = categories
        diagnostics = []
        if repaired and "\ufffd" in (fields["body"] + fields.get("title", "")):
            diagnostics.append(Diagnostic(
                level="warning", code="invalid-utf8",
                message="invalid UTF-8 or a control character XML forbids; replaced with U+FFFD",
            ))
        document = Document(
            id=fields.get("post_id") or None, title=fields.get("title") or None, body=fields["body"],
            format="html", url=fields.get("link") or None, metadata=metadata,
        )
        return SourceDocument(document, name, diagnostics + empty_body(document))


class _Refused(Exception):
    """An entity declaration or external reference, refused by the stdlib fallback parser."""

    def __init__(self, kind: str, name: str | None = None, sysid: str | None = None):
        super().__init__(kind)
        self.kind, self.name, self.sysid = kind, name, sysid


def _safe_iterparse():
    """iterparse over ("start", "end") events that refuses entity declarations and external
    references: defusedxml's, or the same guards on the stdlib parser when it is not installed."""
    try:
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import iterparse as defused_iterparse

        def iterparse(stream):
            return defused_iterparse(stream, events=("start", "end"), forbid_dtd=False,
                                     forbid_entities=True, forbid_external=True)

        return iterparse, (DefusedXmlException, _Refused)
    except ImportError:
        return _expat_iterparse, (_Refused,)


def _expat_iterparse(stream):
    """(event, element) pairs from expat with entity declarations and external references refused."""
    from xml.etree.ElementTree import ParseError, TreeBuilder
    from xml.parsers import expat

    builder = TreeBuilder()
    events: list = []
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True

    def name(tag: str) -> str:
        return "{" + tag if "}" in tag else tag

    def entity(entity_name, *args):
        raise _Refused("EntitiesForbidden", name=entity_name)

    def external(context, base, sysid, pubid):
        raise _Refused("ExternalReferenceForbidden", sysid=sysid or pubid)

    parser.StartElementHandler = lambda tag, attrs: events.append(("start", builder.start(name(tag), attrs)))
    parser.EndElementHandler = lambda tag: events.append(("end", builder.end(name(tag))))
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    try:
        while True:
            chunk = stream.read(1 << 16)
            parser.Parse(chunk, not chunk)
            yield from events
            events.clear()
            if not chunk:
                return
    except expat.ExpatError as error:
        problem = ParseError(f"{expat.ErrorString(error.code)}: line {error.lineno}, column {error.offset}")
        problem.code, problem.position = error.code, (error.lineno, error.offset)
        raise problem from None


def _describe_defused(error: Exception) -> str:
    kind = error.kind if isinstance(error, _Refused) else type(error).__name__
    if kind == "EntitiesForbidden":
        return f"the XML declares an entity ({getattr(error, 'name', '?')!r}); entity declarations are not allowed"
    if kind == "DTDForbidden":
        return "the XML has a document type declaration; DTDs are not allowed"
    if kind == "ExternalReferenceForbidden":
        return f"the XML references an external resource ({getattr(error, 'sysid', None) or getattr(error, 'pubid', '?')})"
    return f"{kind}: {error}"


@hookimpl
def medguard_register_readers():
    return [WxrReader()]

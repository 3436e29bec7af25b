"""JSON documents shaped like a CMS post.

Accepts medguard's own ``Document`` shape (``title``, ``body``, ``format``, ``url``,
``metadata``), a WordPress REST post (``title.rendered``, ``content.rendered``, ``link``), or a
list of either.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from ..hookspecs import hookimpl
from ..models import Document
from .base import InputError, SourceDocument, decode, empty_body


MIXED_SHAPES = ("both `body` and `content.rendered`: send medguard's Document (body, format) or a WordPress post "
                "(content.rendered), not a mix of the two")
"""Why a JSON object with a ``body`` beside a WordPress ``content`` is refused: one of them would go unchecked."""


def mixes_shapes(item: dict) -> bool:
    return "body" in item and isinstance(item.get("content"), dict)


def document_from_json(item: Any, fallback_id: str) -> Document:
    """Build a Document from one JSON object in any accepted shape."""
    if not isinstance(item, dict):
        raise InputError(f"expected a JSON object, got {type(item).__name__}")
    if mixes_shapes(item):
        raise InputError(MIXED_SHAPES)
    if isinstance(item.get("content"), dict) and "rendered" in item["content"]:
        title = item.get("title")
        item = {
            "id": item["id"] if item.get("id") is not None else fallback_id,  # a number becomes text; true/false are refused
            "title": title.get("rendered") if isinstance(title, dict) else title,
            "body": item["content"]["rendered"],
            "format": "html",
            "url": item.get("link"),
            "metadata": {k: item[k] for k in ("date", "modified", "slug", "status", "author", "categories", "tags") if k in item},
        }
    try:
        return Document.model_validate({"id": fallback_id, **item})
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'document'}: {e['msg']}" for e in error.errors())
        raise InputError(f"not a document: {problems}") from None


class JsonReader:
    name = "json"
    extensions = (".json",)

    def read(self, data: bytes, source: str):
        text, diagnostics = decode(data, source)
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"{source}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}") from None
        items = parsed if isinstance(parsed, list) else [parsed]
        stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        for index, item in enumerate(items):
            name = source if len(items) == 1 else f"{source}#{index}"
            try:
                document = document_from_json(item, stem if len(items) == 1 else f"{stem}-{index}")
            except InputError as error:
                yield InputError(f"{name}: {error}")
                continue
            yield SourceDocument(document, name, diagnostics + empty_body(document))


@hookimpl
def medguard_register_readers():
    return [JsonReader()]

"""Paths -> work items, streamed: every document (or unreadable part) with a key and a content hash.

The key names a document across scans: its source as the reader names it (``page.html``,
``export.jsonl:17``, ``site.xml#42``, ``posts.csv:9``). The content hash covers everything the
engine sees (id, title, body, format, URL, metadata and the reader's diagnostics), so an unchanged
document under an unchanged policy can be skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Iterable, Iterator

from ..models import Diagnostic, Document
from ..pluginmanager import PluginHost
from ..readers.base import InputError, SourceDocument
from ..sources import path_files, read_file


@dataclass(slots=True)
class WorkItem:
    """One document to check, or one part of a source that could not be read (``error``)."""

    key: str
    document: Document | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    content_hash: str = ""
    read_ms: float = 0.0
    retried: bool = False
    """Set when the worker that had it died; the result then says so."""

    @property
    def size(self) -> int:
        return len(self.document.body) if self.document is not None else 0


def content_hash(document: Document, diagnostics: Iterable[Diagnostic] = ()) -> str:
    digest = hashlib.blake2b(digest_size=16)
    head = [document.id, document.title, document.format, document.url, document.metadata, [d.code for d in diagnostics]]
    digest.update(json.dumps(head, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(document.body.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def error_hash(message: str) -> str:
    return hashlib.blake2b(b"input-error\0" + message.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def error_item(key: str, message: str, read_ms: float = 0.0) -> WorkItem:
    return WorkItem(key, None, [], message, error_hash(message), read_ms)


def document_item(source: SourceDocument, read_ms: float = 0.0) -> WorkItem:
    return WorkItem(source.source, source.document, list(source.diagnostics), None,
                    content_hash(source.document, source.diagnostics), read_ms)


def iter_items(paths: Iterable[str], host: PluginHost) -> Iterator[WorkItem]:
    """Work items from files and folders, in order (see scan_files)."""
    for file in scan_files(paths, host.readers):
        if isinstance(file, InputError):
            yield error_item(file.source or str(file), str(file))
        else:
            yield from file_items(file, host)


def scan_files(paths: Iterable[str], extensions: Collection[str]) -> Iterator[Path | InputError]:
    """The files a scan goes through: each path that is a file, and the files of each folder,
    walked sorted with hidden entries and symlinked folders skipped; what cannot be looked at
    comes as an InputError naming it.

    A symlinked file is named by its real path, so its key is stable, and it is skipped where
    the scan reaches that file anyway (it is one of ``paths`` or lies under one, not in a hidden
    folder) or already did through another link: no file is checked twice under two names.
    """
    paths = list(paths)
    roots = [Path(os.path.realpath(raw)) for raw in paths]
    linked: set[Path] = set()
    for raw in paths:
        for file, walked in path_files(raw, extensions, hidden=False):
            if walked and isinstance(file, Path) and file.is_symlink():
                real = Path(os.path.realpath(file))
                if real.suffix.lower() not in extensions or real in linked or _reached(real, roots):
                    continue
                linked.add(real)
                file = real
            yield file


def _reached(real: Path, roots: list[Path]) -> bool:
    """Whether a scan of ``roots`` reaches the file at real path ``real`` by itself."""
    return any(real == root or (real.is_relative_to(root) and not any(part.startswith(".") for part in real.relative_to(root).parts))
               for root in roots)


def file_items(path: Path, host: PluginHost) -> Iterator[WorkItem]:
    """The file's documents, read by its reader (streaming readers read it a part at a time)."""
    source = str(path)
    unnamed = 0
    started = time.perf_counter()
    for result in read_file(path, host):
        now = time.perf_counter()
        read_ms = (now - started) * 1000
        if isinstance(result, InputError):
            key = getattr(result, "source", None)
            if not isinstance(key, str) or not key:
                key = source if unnamed == 0 else f"{source}#error-{unnamed}"
                unnamed += 1
            message = str(result)
            yield error_item(key, message if message.startswith(source) else f"{key}: {message}", read_ms)
        else:
            yield document_item(result, read_ms)
        started = time.perf_counter()

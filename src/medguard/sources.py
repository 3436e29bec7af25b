"""Turn command-line paths (files, folders, ``-``) into documents, one reader per extension."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Collection, Container, Iterable, Iterator

from .models import Document
from .pluginmanager import PluginHost
from .readers.base import InputError, SourceDocument, decode


def iter_sources(paths: Iterable[str], host: PluginHost, stdin_format: str = "auto") -> Iterator[SourceDocument | InputError]:
    """Documents from each path in order; folders are walked (sorted) for files a reader knows.

    A source that cannot be read is yielded as an InputError so the caller can record it and go on.
    """
    for raw in paths:
        if raw == "-":
            yield from _stdin(host, stdin_format)
            continue
        for file, _walked in path_files(raw, host.readers):
            if isinstance(file, InputError):
                yield file
            else:
                yield from read_file(file, host)


def path_files(raw: str, extensions: Collection[str], *, hidden: bool = True) -> Iterator[tuple[Path | InputError, bool]]:
    """The file at ``raw``, or the files of the folder at ``raw`` walked sorted (see ``walk``),
    each with whether the walk found it; what cannot be looked at, and a folder with no file of
    ``extensions``, comes as an InputError naming it."""
    path = Path(raw)
    try:
        is_dir = stat.S_ISDIR(path.stat().st_mode)
    except OSError as error:  # missing, or a folder on the way that we may not enter
        yield InputError(f"{raw}: {reason(error)}", raw), False
        return
    if not is_dir:
        yield path, False
        return
    found = False
    for file in walk(path, extensions, hidden=hidden):
        found = True
        yield file, True
    if not found:
        yield InputError(f"{raw}: no files medguard can read here (extensions: {', '.join(sorted(extensions))})", raw), False


def reason(error: OSError, failed: str = "cannot read") -> str:
    """Why a path cannot be used, as a message ends: "no such file or directory" (also when a
    folder on the way is a file), else ``failed`` and the system's reason ("cannot read: permission denied")."""
    if isinstance(error, (FileNotFoundError, NotADirectoryError)):
        return "no such file or directory"
    text = error.strerror or str(error)
    return f"{failed}: {text[:1].lower()}{text[1:]}"


def walk(root: Path, extensions: Container[str], *, hidden: bool = True) -> Iterator[Path | InputError]:
    """The files under ``root`` whose extension is in ``extensions``, depth first in name order,
    one listing in memory at a time; symlinked folders are not followed, and names starting with
    "." are skipped unless ``hidden``. A folder that cannot be listed, an entry that cannot be
    looked at (a symlink loop), or a symlink whose target does not exist, comes as an InputError
    naming it."""
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError as error:
        yield InputError(f"{root}: {reason(error, 'cannot read folder')}", str(root))
        return
    for entry in entries:
        if not hidden and entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from walk(Path(entry.path), extensions, hidden=hidden)
            elif os.path.splitext(entry.name)[1].lower() not in extensions:
                continue
            elif entry.is_file():
                yield Path(entry.path)
            elif entry.is_symlink() and not os.path.exists(entry.path):  # a broken deploy, worth knowing
                yield InputError(f"{entry.path}: symlink target does not exist ({os.readlink(entry.path)})", entry.path)
        except OSError as error:
            yield InputError(f"{entry.path}: {reason(error)}", entry.path)


def read_file(path: Path, host: PluginHost) -> Iterator[SourceDocument | InputError]:
    """The documents of one file; what cannot be read comes as an InputError naming the file."""
    for item in _read_file(path, host, str(path)):
        if isinstance(item, InputError) and item.source is None:
            item.source = str(path)
        elif not isinstance(item, (SourceDocument, InputError)):  # a reader plugin's bug
            reader = host.readers.get(path.suffix.lower())
            item = InputError(f"{path}: reader {getattr(reader, 'name', '?')!r} yielded {type(item).__name__}, "
                              "not a SourceDocument or an InputError", source=str(path))
        yield item


def _read_file(path: Path, host: PluginHost, source: str) -> Iterator[SourceDocument | InputError]:
    reader = host.readers.get(path.suffix.lower())
    if reader is None:
        yield InputError(f"{source}: no reader for {path.suffix or 'files without an extension'} (known: {', '.join(sorted(host.readers))})")
        return
    try:
        read_path = getattr(reader, "read_path", None)  # streaming readers (see readers.base.Reader)
        if read_path is not None:
            yield from read_path(path, source)
        else:
            yield from reader.read(path.read_bytes(), source)
    except InputError as error:
        yield error if str(error).startswith(source) else InputError(f"{source}: {error}")
    except OSError as error:
        yield InputError(f"{source}: {reason(error)}")
    except Exception as error:  # a reader plugin that breaks on one file must not stop the run
        yield InputError(f"{source}: reader {reader.name!r} failed: {type(error).__name__}: {error}")


def _stdin(host: PluginHost, fmt: str) -> Iterator[SourceDocument | InputError]:
    data = sys.stdin.buffer.read()
    if fmt == "auto":
        fmt = _sniff(data)
    if fmt == "json":
        yield from host.readers[".json"].read(data, "-")
        return
    try:
        text, diagnostics = decode(data, "-", html=fmt == "html")
    except InputError as error:
        yield error
        return
    yield SourceDocument(Document(id="stdin", body=text, format=fmt), "-", diagnostics)


_SNIFF_BYTES = 1024
"""How much of standard input tells its format."""


def _sniff(data: bytes) -> str:
    """The format of a document read from standard input, from how its text starts (after a
    byte-order mark, which decode() drops too, so offsets count from the same place)."""
    try:
        text = decode(data[:_SNIFF_BYTES], "-")[0]
    except InputError:  # binary: reading it says so
        return "text"
    head = text.lstrip()[:1]
    return {"<": "html", "{": "json", "[": "json"}.get(head, "markdown" if text.startswith("---") else "text")

"""CSV and TSV exports (``.csv``, ``.tsv``): one document per row, streamed.

The first row names the columns; which columns hold the id, title, body, format and URL is
configurable with the same :class:`~medguard.readers.jsonl.FieldMap` as JSONL (header names are
matched case-insensitively). Each row is named ``FILE:LINE`` after the line where it starts (the
header is line 1). A row that cannot be parsed or has no body becomes an InputError for that row
and the next rows are read as usual; invalid UTF-8 is replaced (U+FFFD) and reported on the row's
document. Rows are read one at a time, so memory does not grow with the file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import IO, Iterator

from ..hookspecs import hookimpl
from ..models import Diagnostic
from .base import InputError, SourceDocument, empty_body
from .jsonl import FieldMap, input_error

MAX_FIELD_CHARS = 64 * 1024 * 1024

_csv_limit_raised = False


def raise_field_limit() -> None:
    """Article bodies exceed the csv module's 128 KiB default; the limit is process-wide."""
    global _csv_limit_raised
    if not _csv_limit_raised:
        csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD_CHARS))
        _csv_limit_raised = True


def _has_surrogates(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _repair(value: str) -> str:
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class CsvReader:
    name = "csv"
    extensions = (".csv", ".tsv")

    def __init__(self, fields: FieldMap | None = None):
        self.fields = fields or FieldMap()

    def configured(self, fields: FieldMap) -> "CsvReader":
        return CsvReader(fields)

    def read(self, data: bytes, source: str) -> Iterator[SourceDocument | InputError]:
        yield from self.read_stream(io.BytesIO(data), source)

    def read_path(self, path: Path, source: str) -> Iterator[SourceDocument | InputError]:
        with open(path, "rb") as stream:
            yield from self.read_stream(stream, source)

    def read_stream(self, raw: IO[bytes], source: str) -> Iterator[SourceDocument | InputError]:
        raise_field_limit()
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        delimiter = "\t" if source.lower().endswith(".tsv") else ","
        rows = csv.reader(text, delimiter=delimiter)
        try:
            header = next(rows)
        except StopIteration:
            raise InputError(f"{source}: empty file, no header row") from None
        except csv.Error as error:
            raise InputError(f"{source}:1: cannot read the header row: {error}") from None
        header = [_repair(h).strip() for h in header]
        lowered = [h.lower() for h in header]
        if not any(name.lower() in lowered for name in self.fields.body):
            raise InputError(
                f"{source}: no body column (looked for {', '.join(self.fields.body)}; columns are "
                f"{', '.join(header)}; name it with --fields body=COLUMN)"
            )
        absent = [f"{option}={name}" for option, name in self.fields.user_names() if name.lower() not in lowered]
        if absent:
            raise InputError(
                f"{source}: no column for --fields {', '.join(absent)} (columns are {', '.join(header)})"
            )
        line = rows.line_num
        while True:
            start = line + 1
            name = f"{source}:{start}"
            try:
                row = next(rows)
            except StopIteration:
                break
            except csv.Error as error:
                line = rows.line_num
                yield input_error(f"{name}: cannot parse the row: {error}", name)
                continue
            line = rows.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            diagnostics: list[Diagnostic] = []
            if any(_has_surrogates(value) for value in row):
                row = [_repair(value) for value in row]
                diagnostics.append(Diagnostic(
                    level="warning", code="invalid-utf8",
                    message="invalid UTF-8 in the row; decoded with replacement characters (U+FFFD)",
                ))
            if len(row) != len(header):
                diagnostics.append(Diagnostic(
                    level="warning", code="csv-columns",
                    message=f"row has {len(row)} field(s), the header {len(header)}",
                ))
            record: dict[str, str] = {}
            for column, value in zip(lowered, row):
                record.setdefault(column, value)
            try:
                document = self.fields.document(_Caseless(record), name)
            except InputError as error:
                yield input_error(str(error), name)
                continue
            except ValueError as error:
                yield input_error(f"{name}: not a document: {error}", name)
                continue
            yield SourceDocument(document, name, diagnostics + empty_body(document))


class _Caseless(dict):
    """A row keyed by lower-cased column names, looked up case-insensitively."""

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and dict.__contains__(self, key.lower())

    def __getitem__(self, key: str) -> str:
        return dict.__getitem__(self, key.lower())


@hookimpl
def medguard_register_readers():
    return [CsvReader()]

"""The progress bar (documents done, documents/s, findings so far, ETA) and the total estimate.

The total is estimated in a background thread while the scan runs (lines of JSONL files, rows of
CSV files as the csv module reads them, ``<item>`` tags in WXR files, one per other file), so a
scan starts at once and the ETA appears when the estimate is ready.
"""

from __future__ import annotations

import csv
import os
import sys
import threading
from pathlib import Path
from typing import Iterable

from tqdm import tqdm

from ..readers.csv import raise_field_limit

_CHUNK = 1 << 20


class Progress:
    def __init__(self, *, quiet: bool = False, description: str = "scan"):
        self.bar = tqdm(total=None, unit="doc", desc=description, disable=quiet, file=sys.stderr,
                        dynamic_ncols=True, smoothing=0.05, mininterval=0.25)
        self.findings = 0
        self.problems = 0
        self.skipped = 0
        self._lock = threading.Lock()

    def advance(self, documents: int, *, findings: int = 0, problems: int = 0, skipped: int = 0) -> None:
        self.findings += findings
        self.problems += problems
        self.skipped += skipped
        if self.bar.disable:
            return
        with self._lock:
            self.bar.set_postfix_str(f"findings={self.findings} problems={self.problems} unchanged={self.skipped}", refresh=False)
            self.bar.update(documents)

    def set_total(self, total: int) -> None:
        if self.bar.disable:
            return
        with self._lock:
            self.bar.total = max(total, self.bar.n)
            self.bar.refresh()

    def close(self, *, finished: bool = False) -> None:
        if finished and not self.bar.disable:
            with self._lock:
                self.bar.total = self.bar.n  # the estimate was an estimate: end at 100%
                self.bar.refresh()
        self.bar.close()


def estimate_in_background(paths: Iterable[str], extensions: Iterable[str], progress: Progress) -> threading.Thread:
    paths, extensions = list(paths), set(extensions)

    def work() -> None:
        try:
            progress.set_total(estimate_total(paths, extensions))
        except Exception:  # an estimate only: never let it disturb the scan
            pass

    thread = threading.Thread(target=work, name="medguard-estimate", daemon=True)
    thread.start()
    return thread


def estimate_total(paths: Iterable[str], extensions: set[str]) -> int:
    total = 0
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    extension = os.path.splitext(name)[1].lower()
                    if not name.startswith(".") and extension in extensions:
                        total += estimate_file(Path(folder, name))
        elif path.is_file():
            total += estimate_file(path)
        else:
            total += 1
    return total


def estimate_file(path: Path) -> int:
    extension = path.suffix.lower()
    if extension in (".csv", ".tsv"):
        return csv_records(path)
    if extension in (".jsonl", ".ndjson"):
        marker = b"\n"
    elif extension in (".xml", ".wxr"):
        marker = b"<item>"
    else:
        return 1
    count, last = 0, b""
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(_CHUNK):
                count += chunk.count(marker)
                last = chunk
    except OSError:
        return 1
    if marker == b"\n" and last and not last.endswith(b"\n"):
        count += 1
    return max(count, 1)


def csv_records(path: Path) -> int:
    """The rows of a CSV/TSV file below its header, read as the reader reads them: a quoted body
    that spans many lines is one row (18,598 lines held 501 rows in a CMS export)."""
    raise_field_limit()
    count = 0
    try:
        with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as text:
            rows = csv.reader(text, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
            while True:
                try:
                    row = next(rows)
                except StopIteration:
                    break
                except csv.Error:  # the reader reports the row: one item all the same
                    row = ["?"]
                count += bool(row) and (len(row) > 1 or bool(row[0].strip()))
    except OSError:
        return 1
    return max(count - 1, 1)

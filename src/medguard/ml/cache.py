"""Content-hash embedding cache: an in-memory LRU, optionally backed by a sqlite file.

Keys are ``blake2b(model digest + NUL + text)``, so two models (or the int8 and fp32 versions of
one) never share entries, and a batch scan re-run over the same archive embeds nothing twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import random
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np


PAGE_SIZE = 8192
_KEY_BYTES = 20

BUSY_TIMEOUT_S = 5.0
"""How long a read or write waits for another process's lock on the store before giving up."""

logger = logging.getLogger("medguard.ml")


def _key_at(fraction: float) -> bytes:
    """The key ``fraction`` (0 to 1) of the way through the key space; 1 is past every key."""
    return b"\xff" * (_KEY_BYTES + 1) if fraction >= 1.0 else int(fraction * 2 ** (8 * _KEY_BYTES)).to_bytes(_KEY_BYTES, "big")


def text_key(model_digest: str, text: str) -> bytes:
    return hashlib.blake2b(f"{model_digest}\0{text}".encode("utf-8", "surrogatepass"), digest_size=_KEY_BYTES).digest()


class EmbeddingCache:
    """Thread-safe LRU of float32 vectors, with an optional on-disk sqlite store under it.

    Several processes may open the same folder (checker processes, scan workers). The store
    keeps everything unless ``disk_capacity`` is set; a write that takes it beyond drops random
    vectors, down to about 98% of it (a fiftieth at a time keeps each write short: writing 100
    vectors at 100,000 took at most 105 ms, against 436 ms when a tenth went at once after a
    full count).
    A store that cannot be used (not a database, a full disk, locked for longer than sqlite's
    ``BUSY_TIMEOUT_S``) costs only its vectors: a warning is logged once and the model runs instead.
    """

    def __init__(self, dim: int, capacity: int = 100_000, path: str | Path | None = None,
                 disk_capacity: int | None = None):
        self.dim = dim
        self.capacity = capacity
        self.disk_capacity = disk_capacity
        self._sweep = random.random()
        """Where in the key space (0 to 1) the next range of vectors to drop starts."""
        self._memory: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self.hits = self.misses = self.disk_hits = 0
        self.disk_problem: str | None = None
        """Why the on-disk store failed, the first time it did (None: it never has)."""
        if path is not None:
            self._db = self._open(Path(path).expanduser() / "embeddings.sqlite")

    def _open(self, file: Path) -> sqlite3.Connection | None:
        db = None
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(file, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None)
            # A vector (1.5 KB) fits in a row of an 8 KB page; in sqlite's default 4 KB pages each one
            # spills to an overflow page: 4.7 against 2.0 KB a sentence. Only a new file takes it.
            db.execute(f"PRAGMA page_size={PAGE_SIZE}")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS embedding (key BLOB PRIMARY KEY, dim INTEGER, vector BLOB) WITHOUT ROWID")
            self._count_rows(db)
            return db
        except (OSError, sqlite3.Error) as error:
            if db is not None:
                db.close()
            self._failed(f"cannot open {file}", error)
            return None

    @staticmethod
    def _count_rows(db: sqlite3.Connection) -> None:
        """Keep the number of vectors in a one-row table, updated by every write, so that bounding
        the store never counts them (that reads the whole file). A file made before the table is
        counted once."""
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("CREATE TABLE IF NOT EXISTS stored (vectors INTEGER NOT NULL)")
            db.execute("INSERT INTO stored SELECT count(*) FROM embedding WHERE NOT EXISTS (SELECT 1 FROM stored)")
            db.execute("COMMIT")
        except BaseException:
            db.rollback()
            raise

    def _failed(self, doing: str, error: Exception) -> None:
        if self.disk_problem is None:
            self.disk_problem = f"{doing}: {type(error).__name__}: {error}"
            logger.warning("embedding cache: %s; sentences it would have had are embedded by the model instead",
                           self.disk_problem)

    def __len__(self) -> int:
        return len(self._memory)

    def get_many(self, keys: Iterable[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        missing: list[bytes] = []
        with self._lock:
            for key in keys:
                vector = self._memory.get(key)
                if vector is not None:
                    self._memory.move_to_end(key)
                    found[key] = vector
                else:
                    missing.append(key)
            if missing and self._db is not None:
                try:
                    self._read(missing, found)
                except sqlite3.Error as error:
                    self._failed("cannot read", error)
            self.hits += len(found)
            self.misses += len(missing) - sum(1 for k in missing if k in found)
        return found

    def _read(self, missing: list[bytes], found: dict[bytes, np.ndarray]) -> None:
        assert self._db is not None
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            rows = self._db.execute(
                f"SELECT key, dim, vector FROM embedding WHERE key IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            for key, dim, blob in rows:
                if dim == self.dim:
                    vector = np.frombuffer(blob, dtype=np.float32).copy()
                    found[key] = vector
                    self._remember(key, vector)
                    self.disk_hits += 1

    def put_many(self, items: Mapping[bytes, np.ndarray]) -> None:
        with self._lock:
            for key, vector in items.items():
                self._remember(key, vector)
            if self._db is not None and items:
                try:
                    self._write(items)
                except sqlite3.Error as error:
                    with contextlib.suppress(sqlite3.Error):
                        self._db.rollback()
                    self._failed("cannot write", error)

    def _write(self, items: Mapping[bytes, np.ndarray]) -> None:
        """Add the vectors not stored yet (a key names one text under one model: the vector is
        the same), then, when the store holds more than ``disk_capacity``, drop some."""
        db = self._db
        assert db is not None
        db.execute("BEGIN IMMEDIATE")
        added = db.executemany(
            "INSERT OR IGNORE INTO embedding (key, dim, vector) VALUES (?, ?, ?)",
            [(k, self.dim, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
        ).rowcount
        db.execute("UPDATE stored SET vectors = vectors + ?", (added,))
        (stored,) = db.execute("SELECT vectors FROM stored").fetchone()
        if self.disk_capacity is not None and stored > self.disk_capacity:
            # Keys are uniform hashes, so a range of them is a random sample, and deleting a range of
            # the key's b-tree is quick (deleting a random sample took 2 s at 100,000). The range
            # moves on each time, round the key space, so it never lands where one was just emptied.
            share = min(1.0, (stored - self.disk_capacity + self.disk_capacity // 50) / stored)
            low, self._sweep = self._sweep, (self._sweep + share) % 1.0
            dropped = 0
            for start, end in ([(low, self._sweep)] if low < self._sweep else [(low, 1.0), (0.0, self._sweep)]):
                dropped += db.execute("DELETE FROM embedding WHERE key >= ? AND key < ?",
                                      (_key_at(start), _key_at(end))).rowcount
            db.execute("UPDATE stored SET vectors = vectors - ?", (dropped,))
        db.execute("COMMIT")

    def _remember(self, key: bytes, vector: np.ndarray) -> None:
        if self.capacity <= 0:
            return
        self._memory[key] = vector
        self._memory.move_to_end(key)
        while len(self._memory) > self.capacity:
            self._memory.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._memory.clear()

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

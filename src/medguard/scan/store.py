"""The results store: one SQLite file (WAL) holding runs, documents and findings.

Schema (``PRAGMA user_version`` = SCHEMA_VERSION)::

    runs        one row per ``medguard scan``: when, medguard version, policy name/version/digest,
                engine, paths, options, waivers and baseline used, decision thresholds, status
                (running, finished, interrupted, failed) and counters, committed with the results.
    documents   one row per document key: source, id, title, URL, format, content hash, the
                policy name/version/digest and engine digest it was checked under, status
                (checked, unreadable, crashed), decision, findings and diagnostics as JSON (the
                report contract), counts, the extracted text (zlib) for the HTML report,
                timings, worker, the run that wrote it, how many times it was written, and the
                last run that saw it.
    findings    one row per finding (rule, category, severity, fingerprint, span, excerpt,
                inline suppression) for summaries, waivers and baselines in SQL.

A store is checked when it is opened: one whose tables lack a column this medguard reads (a
damaged or hand-edited file) is refused with the columns it lacks. A release that changes the
tables bumps SCHEMA_VERSION and brings older stores up to date in ``connect``; read-only, an older
store is read as it is, without the columns added since (``ADDED_COLUMNS``).

Results are committed in batches (a transaction every few hundred documents or second); a row
and its run's counters are written in the same transaction, so a scan killed at any point loses
only the uncommitted batch, which the next scan checks again. A document is skipped when its
row has the same content hash, policy digest and engine digest, so nothing is written twice.
"""

from __future__ import annotations

import fcntl
import functools
import json
import sqlite3
import time
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from .worker import STATUS_CHECKED, STATUS_UNREADABLE, Record

SCHEMA_VERSION = 2
ADDED_COLUMNS = {("documents", "words"): 2}
"""Columns added after the first schema, with the version that added them."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    medguard_version TEXT NOT NULL,
    policy_name TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    policy_digest TEXT NOT NULL,
    engine_digest TEXT NOT NULL,
    engine TEXT NOT NULL,
    workers INTEGER,
    paths TEXT NOT NULL,
    options TEXT NOT NULL,
    decision_spec TEXT NOT NULL,
    waivers TEXT,
    waivers_file TEXT,
    baseline TEXT,
    seen INTEGER NOT NULL DEFAULT 0,
    checked INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    unreadable INTEGER NOT NULL DEFAULT 0,
    crashed INTEGER NOT NULL DEFAULT 0,
    rule_errors INTEGER NOT NULL DEFAULT 0,
    findings INTEGER NOT NULL DEFAULT 0,
    worker_restarts INTEGER NOT NULL DEFAULT 0,
    elapsed_s REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    doc_id TEXT,
    title TEXT,
    url TEXT,
    format TEXT,
    content_hash TEXT NOT NULL,
    policy_name TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    policy_digest TEXT NOT NULL,
    engine_digest TEXT NOT NULL,
    status TEXT NOT NULL,
    decision TEXT NOT NULL,
    findings TEXT NOT NULL,
    diagnostics TEXT NOT NULL,
    n_findings INTEGER NOT NULL,
    n_active INTEGER NOT NULL,
    n_error INTEGER NOT NULL,
    n_warning INTEGER NOT NULL,
    n_info INTEGER NOT NULL,
    n_diag_errors INTEGER NOT NULL,
    text BLOB,
    words INTEGER,
    read_ms REAL,
    check_ms REAL,
    worker TEXT,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    checked_at TEXT NOT NULL,
    writes INTEGER NOT NULL DEFAULT 1,
    last_seen_run INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_doc_id ON documents(doc_id);
CREATE INDEX IF NOT EXISTS documents_seen ON documents(last_seen_run);
CREATE TABLE IF NOT EXISTS findings (
    doc_key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    rule TEXT NOT NULL,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER,
    line INTEGER,
    col INTEGER,
    excerpt TEXT,
    suppressed TEXT,
    PRIMARY KEY (doc_key, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS findings_fingerprint ON findings(fingerprint);
CREATE INDEX IF NOT EXISTS findings_rule ON findings(rule);
"""

_DOC_COLUMNS = (
    "key", "source", "doc_id", "title", "url", "format", "content_hash", "policy_name", "policy_version",
    "policy_digest", "engine_digest", "status", "decision", "findings", "diagnostics", "n_findings", "n_active",
    "n_error", "n_warning", "n_info", "n_diag_errors", "text", "words", "read_ms", "check_ms", "worker", "run_id",
    "checked_at", "last_seen_run",
)
_UPSERT = (
    f"INSERT INTO documents ({', '.join(_DOC_COLUMNS)}) VALUES ({', '.join('?' * len(_DOC_COLUMNS))}) "
    "ON CONFLICT(key) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _DOC_COLUMNS if c != "key")
    + ", writes = documents.writes + 1"
)
_RUN_COUNTERS = ("seen", "checked", "skipped", "unreadable", "crashed", "rule_errors", "findings", "worker_restarts")


class StoreError(Exception):
    """The store cannot be used: not a medguard store, a newer schema, or locked by another scan."""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(slots=True)
class Stamp:
    """What a scan checks documents under: stored on every row it writes."""

    policy_name: str
    policy_version: str
    policy_digest: str
    engine_digest: str


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    path = Path(path)
    if readonly:
        if path.is_dir():
            raise StoreError(f"{path}: is a folder; name the store file that medguard scan --store wrote")
        if not path.exists():
            raise StoreError(f"{path}: no such store")
        connection = open_readonly(path)
    else:
        connection = sqlite3.connect(path, isolation_level=None, timeout=30)
    connection.row_factory = sqlite3.Row
    try:
        if not readonly:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA foreign_keys=ON")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.OperationalError as error:
        connection.close()
        raise StoreError(f"{path}: cannot {'read' if readonly else 'write'} the store: {error}") from None
    except sqlite3.DatabaseError as error:
        connection.close()
        raise StoreError(f"{path}: not a medguard store ({error})") from None
    if version > SCHEMA_VERSION:
        connection.close()
        raise StoreError(f"{path}: store schema {version} is newer than this medguard understands ({SCHEMA_VERSION})")
    if tables and "documents" not in tables:
        connection.close()
        raise StoreError(f"{path}: an SQLite database, but not a medguard store (no documents table)")
    if readonly and "documents" not in tables:
        connection.close()
        raise StoreError(f"{path}: empty store (no scan has written to it)")
    if not readonly and version < SCHEMA_VERSION:
        if "documents" in tables:
            _upgrade(connection, version)
        connection.executescript(SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
    try:
        check_schema(connection, path)
    except StoreError:
        connection.close()
        raise
    return connection


def _upgrade(db: sqlite3.Connection, version: int) -> None:
    """Bring a store written by an older medguard up to SCHEMA_VERSION, in one transaction."""
    db.create_function("words_in", 1, _words_in, deterministic=True)
    db.execute("BEGIN IMMEDIATE")
    try:
        if version < 2 and not has_column(db, "documents", "words"):
            db.execute("ALTER TABLE documents ADD COLUMN words INTEGER")
            db.execute("UPDATE documents SET words = words_in(text) WHERE text IS NOT NULL")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _words_in(text: bytes | None) -> int | None:
    """Words of a stored (zlib) text; its first ``max_text_chars`` only, where it was cut."""
    try:
        return len(zlib.decompress(text).decode("utf-8", "surrogatepass").split()) if text else None
    except (zlib.error, UnicodeDecodeError):
        return None


def has_column(db: sqlite3.Connection, table: str, column: str, schema: str = "main") -> bool:
    """Whether ``table`` of the attached ``schema`` has ``column`` (an older store may lack one)."""
    return any(r[1] == column for r in db.execute(f"PRAGMA {schema}.table_info({table})"))


@functools.cache
def _columns() -> dict[str, tuple[str, ...]]:
    """Each table of SCHEMA and its columns."""
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(SCHEMA)
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: tuple(r[1] for r in db.execute(f"PRAGMA table_info({table})")) for table in tables}
    finally:
        db.close()


def check_schema(db: sqlite3.Connection, path: Path, schema: str = "main") -> None:
    """Refuse a store (attached as ``schema``) whose tables lack a column medguard reads or writes;
    a store of an older schema may lack the columns added since."""
    version = db.execute(f"PRAGMA {schema}.user_version").fetchone()[0]
    missing = []
    for table, columns in _columns().items():
        present = {r[1] for r in db.execute(f"PRAGMA {schema}.table_info({table})")}
        if not present:
            missing.append(f"table {table}")
        else:
            missing.extend(f"column {table}.{c}" for c in columns
                           if c not in present and ADDED_COLUMNS.get((table, c), 0) <= version)
    if missing:
        raise StoreError(f"{path}: not a store this medguard can use: no {', '.join(missing)} "
                         "(a damaged or hand-edited store? scan into a new one)")


def sqlite_uri(path: Path, query: str) -> str:
    """A ``file:`` URI for SQLite: the absolute path percent-encoded (``#``, ``?``, ``%``, spaces)."""
    return f"{path.resolve().as_uri()}?{query}"


def _readonly_uris(path: Path) -> Iterator[str]:
    """How to open a store read-only: as such, then immutable. A store in a read-only folder or
    mount, where SQLite cannot create the ``-shm`` file that reading a WAL database needs, can
    only be opened immutable; nothing can be writing to it there. A non-empty ``-wal`` beside it
    would be ignored then, so that is refused."""
    yield sqlite_uri(path, "mode=ro")
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        raise StoreError(f"{path}: cannot be read here: SQLite cannot open it read-only (a read-only folder?) and "
                         f"{wal.name} holds results not yet in the store file; copy both to a writable folder")
    yield sqlite_uri(path, "immutable=1")


def open_readonly(path: Path) -> sqlite3.Connection:
    for uri in _readonly_uris(path):
        connection = None
        try:
            connection = sqlite3.connect(uri, uri=True, isolation_level=None)
            connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return connection
        except sqlite3.DatabaseError as error:
            if connection is not None:
                connection.close()
            if not isinstance(error, sqlite3.OperationalError):
                raise StoreError(f"{path}: not a medguard store ({error})") from None
    raise StoreError(f"{path}: cannot read the store: SQLite cannot open it, not even as an immutable file")


def attach_readonly(db: sqlite3.Connection, path: Path, schema: str) -> None:
    """ATTACH the store at ``path`` to ``db`` read-only as ``schema`` (immutable where it must be)."""
    for uri in _readonly_uris(path):
        try:
            db.execute(f"ATTACH DATABASE ? AS {schema}", (uri,))
            db.execute(f"SELECT COUNT(*) FROM {schema}.sqlite_master").fetchone()
            return
        except sqlite3.DatabaseError as error:
            if schema in {row[1] for row in db.execute("PRAGMA database_list")}:
                db.execute(f"DETACH DATABASE {schema}")
            if not isinstance(error, sqlite3.OperationalError):
                raise StoreError(f"{path}: not a medguard store ({error})") from None
    raise StoreError(f"{path}: cannot read the store: SQLite cannot open it, not even as an immutable file")


def writer_holds(path: Path) -> bool:
    """Whether a scan holds the store's write lock now (a run marked running whose scan was killed does not)."""
    try:
        with open(path, "rb") as handle:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    return False


class Store:
    """A store opened for writing by one scan (an exclusive lock file keeps a second scan out)."""

    def __init__(self, path: str | Path, *, flush_rows: int = 500, flush_seconds: float = 1.0):
        self.path = Path(path)
        if self.path.parent and not self.path.parent.exists():
            raise StoreError(f"{self.path}: folder {self.path.parent} does not exist")
        # flock on the database file itself: independent of SQLite's own (POSIX) locks, released
        # by the kernel when this process dies, and it leaves no lock file behind.
        try:
            self._lock_file = open(self.path, "ab")
        except OSError as error:
            raise StoreError(f"{self.path}: cannot write the store here: {error.strerror or error}") from None
        try:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock_file.close()
            raise StoreError(f"{self.path}: another scan is writing to this store") from None
        try:
            self.db = connect(self.path)
        except BaseException:
            self._lock_file.close()
            raise
        self.flush_rows = flush_rows
        self.flush_seconds = flush_seconds
        self.run_id: int | None = None
        self.stamp: Stamp | None = None
        self.counters = dict.fromkeys(_RUN_COUNTERS, 0)
        self._pending: list[Record] = []
        self._pending_keys: set[str] = set()
        self._touched: list[str] = []
        self._delta = dict.fromkeys(_RUN_COUNTERS, 0)
        self._last_flush = time.monotonic()
        self._started = time.monotonic()

    # -- runs ------------------------------------------------------------------------------------
    def begin_run(self, stamp: Stamp, *, medguard_version: str, engine: str, workers: int | None, paths: list[str],
                  options: dict[str, Any], decision_spec: dict[str, Any], waivers: str | None = None,
                  waivers_file: str | None = None, baseline: str | None = None) -> int:
        self.stamp = stamp
        with self.transaction():
            self.db.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            cursor = self.db.execute(
                "INSERT INTO runs (started_at, status, medguard_version, policy_name, policy_version, policy_digest, "
                "engine_digest, engine, workers, paths, options, decision_spec, waivers, waivers_file, baseline) "
                "VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (now(), medguard_version, stamp.policy_name, stamp.policy_version, stamp.policy_digest,
                 stamp.engine_digest, engine, workers, json.dumps(paths), json.dumps(options, default=str),
                 json.dumps(decision_spec), waivers, waivers_file, baseline),
            )
            self.run_id = cursor.lastrowid
        return self.run_id

    def finish_run(self, status: str) -> None:
        self.flush()
        with self.transaction():
            self.db.execute("UPDATE runs SET status = ?, finished_at = ?, elapsed_s = ? WHERE id = ?",
                            (status, now(), round(time.monotonic() - self._started, 3), self.run_id))

    # -- documents -------------------------------------------------------------------------------
    def rename(self, old: str, new: str) -> None:
        """Move the rows stored under the path ``old`` (``old`` itself, ``old/...``, ``old:LINE``,
        ``old#N``) to the path ``new``: earlier scans named documents by the path that reached
        them, symlinks and all. Where both names have a row, the one under ``new`` stays."""
        n = len(old)

        def under(column: str) -> str:
            return f"({column} = :old OR (substr({column}, 1, {n}) = :old AND substr({column}, {n + 1}, 1) IN ('/', ':', '#')))"

        def moved(column: str) -> str:
            return f":new || substr({column}, {n + 1})"

        names = {"old": old, "new": new}
        with self.transaction():
            self.db.execute("PRAGMA defer_foreign_keys = ON")
            self.db.execute(f"DELETE FROM documents WHERE {under('key')} AND {moved('key')} IN (SELECT key FROM documents)", names)
            self.db.execute(f"UPDATE findings SET doc_key = {moved('doc_key')} WHERE {under('doc_key')}", names)
            self.db.execute(f"UPDATE documents SET key = {moved('key')}, source = CASE WHEN {under('source')} "
                            f"THEN {moved('source')} ELSE source END WHERE {under('key')}", names)

    def unchanged(self, items: Iterable[tuple[str, str]], *, rescan: bool = False) -> set[str]:
        """Keys among (key, content hash) already stored with this hash under this scan's stamp,
        or written but not yet committed by this scan (so no key is written twice). A document
        whose check ended in an error (over ``--max-bytes``, a rule that failed) was not fully
        checked, so it is never unchanged: a raised limit or a fixed plugin gets to it."""
        items = list(items)
        done = {key for key, _ in items if key in self._pending_keys}
        if rescan or not items:
            return done
        assert self.stamp is not None
        wanted = {key: digest for key, digest in items}
        keys = list(wanted)
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            rows = self.db.execute(
                f"SELECT key, content_hash, policy_digest, engine_digest, status, n_diag_errors, run_id FROM documents "
                f"WHERE key IN ({', '.join('?' * len(chunk))})", chunk,
            )
            for key, digest, policy_digest, engine_digest, status, errors, run_id in rows:
                same = (digest == wanted[key] and policy_digest == self.stamp.policy_digest
                        and engine_digest == self.stamp.engine_digest)
                complete = status == STATUS_UNREADABLE or (status == STATUS_CHECKED and not errors)
                if same and (complete or run_id == self.run_id):
                    done.add(key)
        return done

    def skip(self, keys: Iterable[str]) -> None:
        """Record that these unchanged documents were seen by this scan."""
        keys = list(keys)
        self._touched.extend(keys)
        self._delta["skipped"] += len(keys)
        self._delta["seen"] += len(keys)
        self._maybe_flush()

    def add(self, records: Iterable[Record], *, restarts: int = 0) -> None:
        for record in records:
            self._pending.append(record)
            self._pending_keys.add(record.key)
            self._delta["seen"] += 1
            if record.status == STATUS_CHECKED:
                self._delta["checked"] += 1
                if record.n_diag_errors:
                    self._delta["rule_errors"] += 1
            elif record.status == STATUS_UNREADABLE:
                self._delta["unreadable"] += 1
            else:
                self._delta["crashed"] += 1
            self._delta["findings"] += record.n_active
        self._delta["worker_restarts"] += restarts
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        if len(self._pending) + len(self._touched) >= self.flush_rows or time.monotonic() - self._last_flush >= self.flush_seconds:
            self.flush()

    def flush(self) -> None:
        """Commit pending results, skipped documents' last-seen run and the run's counters together."""
        self._last_flush = time.monotonic()
        if not self._pending and not self._touched and not any(self._delta.values()):
            return
        assert self.stamp is not None and self.run_id is not None
        stamp, run_id, checked_at = self.stamp, self.run_id, now()
        with self.transaction():
            if self._pending:
                keys = [(r.key,) for r in self._pending]
                self.db.executemany("DELETE FROM findings WHERE doc_key = ?", keys)
                self.db.executemany(_UPSERT, [
                    (r.key, r.source, r.doc_id, r.title, r.url, r.format, r.content_hash, stamp.policy_name,
                     stamp.policy_version, stamp.policy_digest, stamp.engine_digest, r.status, r.decision,
                     r.findings_json, r.diagnostics_json, r.n_findings, r.n_active, r.n_error, r.n_warning, r.n_info,
                     r.n_diag_errors, r.text, r.words, r.read_ms, r.check_ms, r.worker, run_id, checked_at, run_id)
                    for r in self._pending
                ])
                self.db.executemany(
                    'INSERT INTO findings (doc_key, idx, rule, category, severity, fingerprint, start, "end", line, col, excerpt, suppressed) '
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(r.key, *row) for r in self._pending for row in r.finding_rows],
                )
            if self._touched:
                self.db.executemany("UPDATE documents SET last_seen_run = ? WHERE key = ?", [(run_id, k) for k in self._touched])
            assignments = ", ".join(f"{name} = {name} + ?" for name in _RUN_COUNTERS)
            self.db.execute(f"UPDATE runs SET {assignments}, elapsed_s = ? WHERE id = ?",
                            (*(self._delta[n] for n in _RUN_COUNTERS), round(time.monotonic() - self._started, 3), run_id))
        for name in _RUN_COUNTERS:
            self.counters[name] += self._delta[name]
            self._delta[name] = 0
        self._pending.clear()
        self._pending_keys.clear()
        self._touched.clear()

    def incomplete(self) -> int:
        """How many of the documents this scan went through (checked, or unchanged) were not fully
        checked: unreadable, crashed, over ``--max-bytes`` or with a rule that failed."""
        return self.db.execute("SELECT COUNT(*) FROM documents WHERE last_seen_run = ? AND (status != ? OR n_diag_errors > 0)",
                               (self.run_id, STATUS_CHECKED)).fetchone()[0]

    def transaction(self) -> "_Transaction":
        return _Transaction(self.db)

    def close(self, *, checkpoint: bool = True) -> None:
        try:
            if checkpoint:
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.db.close()
            self._lock_file.close()


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.db.execute("COMMIT")
        else:
            self.db.execute("ROLLBACK")


def iter_rows(db: sqlite3.Connection, query: str, params: Iterable[Any] = (), size: int = 256) -> Iterator[sqlite3.Row]:
    cursor = db.execute(query, tuple(params))
    while True:
        rows = cursor.fetchmany(size)
        if not rows:
            return
        yield from rows

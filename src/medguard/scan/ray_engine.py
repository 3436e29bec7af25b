"""The Ray engine: the same scan on Ray Data, for when one machine is not enough.

Pipeline::

    from_items(units)                      groups of small files, byte-range shards of big JSONL files
      -> map_batches(ScanActor, ActorPoolStrategy(size=workers))
                                           each actor builds host, policy and engine once, then reads
                                           its units with medguard's readers, drops unchanged
                                           documents and checks the rest (no document is shipped
                                           between processes: only units in, records out)
      -> iter_batches() on the driver      results written to the same SQLite store as the local engine

Documents get the same keys and content hashes as with the local engine (the same readers, and
JSONL shards start at line boundaries with their line numbers), so both engines write the same
rows and can resume each other's scans. Unchanged documents are dropped in the read tasks using
a sorted array of 64-bit hashes of (key, content hash) from the store, shared through the object
store (8 bytes a stored document).

With no ``--address`` a local Ray is started with ``--ray-cpus`` CPUs (default: workers + 1), a
bounded object store, no dashboard and usage statistics off. With ``--address`` the driver joins
that cluster; files must be readable at the same paths on every node (a shared file system), and
medguard with the same plugins and policy must be installed there (see docs/scan.md).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from pathlib import Path
from typing import Any, Iterator

from ..ml.threads import use_torch_threads
from ..readers.base import InputError
from ..readers.jsonl import JsonlReader
from ..sources import reason
from .config import Built, EngineConfig
from .items import WorkItem, document_item, error_item, file_items, scan_files
from .worker import Checker, Record, record_to_columns, records_from_columns

SHARD_BYTES = 4 * 1024 * 1024
GROUP_FILES = 256
ITEMS_PER_BLOCK = 64
SKIPPED = "skipped"

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")


# -- planning (driver) ---------------------------------------------------------------------------
def plan_units(paths: list[str], built: Built, shard_bytes: int | None = None) -> list[dict]:
    """Work units in scan order: ``files`` (a group of small files), ``shard`` (a byte range of a
    big JSONL file with its first line number) or ``error`` (a path that cannot be read)."""
    host = built.host
    shard_bytes = shard_bytes or SHARD_BYTES
    units: list[dict] = []
    group: list[str] = []
    group_size = 0

    def flush() -> None:
        nonlocal group, group_size
        if group:
            units.append({"kind": "files", "paths": group})
        group, group_size = [], 0

    def add_file(path: Path) -> None:
        nonlocal group_size
        reader = host.readers.get(path.suffix.lower())
        size = path.stat().st_size
        if isinstance(reader, JsonlReader) and size > shard_bytes:
            flush()
            units.extend({"kind": "shard", "path": str(path), "start": s, "end": e, "line": line}
                         for s, e, line in shard_jsonl(path, shard_bytes))
            return
        group.append(str(path))
        group_size += size
        if len(group) >= GROUP_FILES or group_size >= shard_bytes:
            flush()

    for file in scan_files(paths, host.readers):
        if isinstance(file, InputError):
            flush()
            units.append({"kind": "error", "key": file.source or str(file), "message": str(file)})
        else:
            add_file(file)
    flush()
    return units


def shard_jsonl(path: Path, shard_bytes: int) -> list[tuple[int, int, int]]:
    """(start, end, first line) byte ranges cut at line ends, found in one sequential read."""
    shards = []
    start, line, position = 0, 1, 0
    lines_in_shard = 0
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            offset = 0
            while True:
                cut = start + shard_bytes - position
                if cut >= len(chunk):
                    lines_in_shard += chunk.count(b"\n", offset)
                    break
                newline = chunk.find(b"\n", max(cut, offset))
                if newline < 0:
                    lines_in_shard += chunk.count(b"\n", offset)
                    break
                lines_in_shard += chunk.count(b"\n", offset, newline + 1)
                end = position + newline + 1
                shards.append((start, end, line))
                line += lines_in_shard
                lines_in_shard = 0
                start = end
                offset = newline + 1
            position += len(chunk)
    if position > start:
        shards.append((start, position, line))
    return shards


def done_filter(store, rescan: bool):
    """Sorted uint64 hashes of (key, content hash) the store holds under this scan's stamp."""
    import numpy as np

    if rescan:
        return np.zeros(0, dtype=np.uint64)
    stamp = store.stamp
    rows = store.db.execute(
        "SELECT key, content_hash FROM documents WHERE policy_digest = ? AND engine_digest = ? "
        "AND (status = 'unreadable' OR (status = 'checked' AND n_diag_errors = 0))",
        (stamp.policy_digest, stamp.engine_digest))
    hashes = np.fromiter((_hash64(key, digest) for key, digest in rows), dtype=np.uint64)
    hashes.sort()
    return hashes


def _hash64(key: str, digest: str) -> int:
    return int.from_bytes(hashlib.blake2b(f"{key}\0{digest}".encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


# -- scan actors (Ray workers) ------------------------------------------------------------------
def _in(done, value: int, np) -> bool:
    index = int(np.searchsorted(done, np.uint64(value)))
    return index < len(done) and int(done[index]) == value


def _unit_items(unit: dict, host) -> Iterator[WorkItem]:
    if unit["kind"] == "error":
        yield error_item(unit["key"], unit["message"])
    elif unit["kind"] == "files":
        for path in unit["paths"]:
            yield from file_items(Path(path), host)
    else:
        path = Path(unit["path"])
        reader = host.readers.get(path.suffix.lower())
        source = str(path)
        started = time.perf_counter()
        try:
            with open(path, "rb") as stream:
                stream.seek(unit["start"])
                for result in reader.read_stream(stream, source, first_line=unit["line"], end=unit["end"]):
                    read_ms = (time.perf_counter() - started) * 1000
                    if isinstance(result, InputError):
                        key = getattr(result, "source", None) or f"{source}#shard-{unit['start']}"
                        yield error_item(key, str(result), read_ms)
                    else:
                        yield document_item(result, read_ms)
                    started = time.perf_counter()
        except OSError as error:
            yield error_item(f"{source}#shard-{unit['start']}", f"{source}: {reason(error)}")


class ScanActor:
    """One per Ray worker: builds host, policy and engine once, then reads each unit it is given
    with medguard's readers, drops unchanged documents and checks the rest, yielding store records."""

    def __init__(self, config: EngineConfig, done, cwd: str = ""):
        import numpy as np

        if cwd and os.path.isdir(cwd) and os.getcwd() != cwd:
            os.chdir(cwd)  # paths are named as the user gave them, relative ones included
        use_torch_threads(config.ml_threads)  # one CPU per actor: one torch thread, not one per core
        self.np = np
        self.checker = Checker(config)
        self.host = self.checker.built.host
        self.done = done

    def __call__(self, batch: dict[str, Any]) -> Iterator[dict[str, list]]:
        records: list[Record] = []
        for unit_json in batch["unit"]:
            for item in _unit_items(json.loads(str(unit_json)), self.host):
                if len(self.done) and _in(self.done, _hash64(item.key, item.content_hash), self.np):
                    records.append(Record(key=item.key, source=item.key, doc_id=None, title=None, url=None, format=None,
                                          content_hash=item.content_hash, status=SKIPPED, decision="",
                                          findings_json="[]", diagnostics_json="[]"))
                else:
                    records.append(self.checker.check(item))
                if len(records) >= ITEMS_PER_BLOCK:
                    yield record_to_columns(records)
                    records = []
        if records:
            yield record_to_columns(records)


# -- driver ----------------------------------------------------------------------------------------
def run_ray(options, built: Built, sink) -> None:
    import ray
    import ray.data

    for name in ("ray", "ray.data", "ray.data._internal"):
        logging.getLogger(name).setLevel(logging.WARNING)
    started_here = False
    if not ray.is_initialized():
        if options.address:
            ray.init(address=options.address, log_to_driver=False, logging_level=logging.WARNING)
        else:
            cpus = options.ray_cpus or options.workers + 1
            ray.init(num_cpus=cpus, object_store_memory=options.ray_object_store_mb * 1024 * 1024,
                     include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING,
                     _node_ip_address="127.0.0.1")
        started_here = True
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        for attribute in ("print_on_execution_start", "enable_operator_progress_bars"):
            if hasattr(context, attribute):
                setattr(context, attribute, False)
        workers = max(1, options.workers)
        units = plan_units(options.paths, built)
        if not units:
            return
        done = done_filter(sink.store, options.rescan)
        dataset = ray.data.from_items([{"unit": json.dumps(u)} for u in units], override_num_blocks=len(units))
        dataset = dataset.map_batches(
            ScanActor, batch_size=1, num_cpus=1,
            compute=ray.data.ActorPoolStrategy(size=workers),
            fn_constructor_kwargs={"config": options.config, "done": done, "cwd": os.getcwd()},
        )
        for batch in dataset.iter_batches(batch_size=None, batch_format="pyarrow", prefetch_batches=2):
            records = records_from_columns(batch.to_pydict())
            skipped = [r.key for r in records if r.status == SKIPPED]
            done_records = [r for r in records if r.status != SKIPPED]
            sink.skipped(skipped)
            sink.records(done_records)
    finally:
        if started_here:
            ray.shutdown()

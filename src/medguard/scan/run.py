"""One scan: open the store, stream work items through an engine, commit results, finish the run."""

from __future__ import annotations

import signal
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .. import __version__
from .config import Built, EngineConfig, engine_digest
from .items import WorkItem, iter_items
from .local import LocalEngine
from .progress import Progress, estimate_in_background
from .store import Stamp, Store
from .worker import STATUS_CHECKED, Record, crashed_record, failed_record, unreadable_record
from ..models import Diagnostic


@dataclass(slots=True)
class ScanOptions:
    paths: list[str]
    """Real paths: the same documents get the same keys whatever path (symlink) reached them."""
    store: Path
    config: EngineConfig
    workers: int
    engine: str = "local"
    address: str | None = None
    rescan: bool = False
    quiet: bool = False
    waivers_file: str | None = None
    waivers_text: str | None = None
    baseline: str | None = None
    batch_docs: int = 32
    batch_bytes: int = 2 * 1024 * 1024
    ray_cpus: int | None = None
    ray_object_store_mb: int = 256
    renamed: list[tuple[str, str]] = field(default_factory=list)
    """(absolute path as typed, its real path) where they differ: rows stored under the former move."""


@dataclass(slots=True)
class ScanOutcome:
    run_id: int
    counters: dict[str, int]
    status: str
    incomplete: int = 0
    """Documents this scan went through that were not fully checked (see Store.incomplete)."""


class _Sink:
    """Where results go: the store, the progress bar, and the set of keys in flight."""

    def __init__(self, store: Store, progress: Progress, built: Built, config: EngineConfig):
        self.store = store
        self.progress = progress
        self.built = built
        self.config = config
        self.in_flight: set[str] = set()

    def records(self, records: list[Record], restarts: int = 0) -> None:
        self.store.add(records, restarts=restarts)
        findings = problems = 0
        for record in records:
            self.in_flight.discard(record.key)
            findings += record.n_active
            problems += record.status != STATUS_CHECKED or record.n_diag_errors > 0
        if records:
            self.progress.advance(len(records), findings=findings, problems=problems)

    def skipped(self, keys: list[str]) -> None:
        if keys:
            self.store.skip(keys)
            self.progress.advance(len(keys), skipped=len(keys))

    def crash(self, item: WorkItem, detail: str, died: bool) -> Record:
        self.in_flight.discard(item.key)
        if died:
            return crashed_record(self.built.engine, item, self.config, detail)
        diagnostic = Diagnostic(level="error", code="engine-error", message=f"could not check the document: {detail}")
        return failed_record(self.built.engine, item, diagnostic, STATUS_CHECKED, self.config)

    def triage(self, batch: list[WorkItem], rescan: bool) -> list[WorkItem]:
        """Skip unchanged documents, record unreadable ones here; return what must be checked."""
        done = self.store.unchanged(((item.key, item.content_hash) for item in batch), rescan=rescan)
        todo: list[WorkItem] = []
        skipped: list[str] = []
        unreadable: list[Record] = []
        for item in batch:
            if item.key in done or item.key in self.in_flight:
                skipped.append(item.key)
                continue
            self.in_flight.add(item.key)
            if item.error is not None:
                unreadable.append(unreadable_record(self.built.engine, item, self.config))
            else:
                todo.append(item)
        self.skipped(skipped)
        self.records(unreadable)
        return todo


def batches(items: Iterator[WorkItem], sink: _Sink, options: ScanOptions) -> Iterator[list[WorkItem]]:
    """Items grouped into batches to check (bounded by count and bytes), unchanged ones removed."""
    batch: list[WorkItem] = []
    size = 0
    for item in items:
        batch.append(item)
        size += item.size
        if len(batch) >= options.batch_docs or size >= options.batch_bytes:
            todo = sink.triage(batch, options.rescan)
            batch, size = [], 0
            if todo:
                yield todo
    if batch:
        todo = sink.triage(batch, options.rescan)
        if todo:
            yield todo


def decision_spec(built: Built) -> dict:
    spec = built.policy.spec
    return {
        "block": spec.decision.block.value if spec.decision.block else None,
        "warn": spec.decision.warn.value if spec.decision.warn else None,
        "on_error": spec.on_error,
    }


def run_scan(options: ScanOptions, built: Built, *, on_start: Callable[[int], None] | None = None) -> ScanOutcome:
    """Run a scan to the end (or until interrupted: Ctrl-C or SIGTERM finish the run as interrupted)."""
    stamp = Stamp(built.policy.name, built.policy.version, built.policy.digest, engine_digest(built.host))
    store = Store(options.store)
    for old, new in options.renamed:
        store.rename(old, new)
    progress: Progress | None = None
    outcome = ScanOutcome(0, {}, "failed")
    previous_term = _set_sigterm(_terminate)
    try:
        run_options = {k: v for k, v in asdict(options.config).items() if k not in ("parent_pid", "expected_digest")}
        run_options.update(rescan=options.rescan, address=options.address)
        outcome.run_id = store.begin_run(
            stamp, medguard_version=__version__, engine=options.engine, workers=options.workers,
            paths=[str(p) for p in options.paths], options=run_options, decision_spec=decision_spec(built),
            waivers=options.waivers_text, waivers_file=options.waivers_file,
            baseline=str(Path(options.baseline).resolve()) if options.baseline else None,
        )
        if on_start:
            on_start(outcome.run_id)
        progress = Progress(quiet=options.quiet)
        estimate_in_background(options.paths, built.host.readers, progress)
        sink = _Sink(store, progress, built, options.config)
        try:
            if options.engine == "ray":
                from .ray_engine import run_ray

                run_ray(options, built, sink)
            else:
                engine = LocalEngine(options.config, options.workers)
                engine.run(batches(iter_items(options.paths, built.host), sink, options), sink.records, sink.crash)
            outcome.status = "finished"
        except KeyboardInterrupt:
            outcome.status = "interrupted"
        return outcome
    finally:
        if previous_term is not None:
            _set_sigterm(previous_term)
        if progress is not None:
            progress.close(finished=outcome.status == "finished")
        try:
            if store.run_id is not None:
                store.finish_run(outcome.status)
                outcome.counters = dict(store.counters)
                outcome.incomplete = store.incomplete()
        finally:
            store.close()


def _set_sigterm(handler):
    """Install a SIGTERM handler when we are the main thread; return the previous one (or None)."""
    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (embedded use): leave signals alone
        return None


def _terminate(signum, frame) -> None:
    raise KeyboardInterrupt

"""The local engine: a pool of worker processes, each with its own engine, fed a bounded stream.

At most ``workers * in_flight_per_worker`` batches are in flight, so memory stays flat however
large the archive. When a worker process dies (killed, out of memory, a crash in native code),
the pool is rebuilt: the batches that were in flight are checked again one document at a time,
alone in the pool, and a document whose worker dies even then is recorded as ``crashed``; the
others get a ``worker-restarted`` warning. Nothing is lost and the scan goes on.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Callable, Iterator

from .config import EngineConfig
from .items import WorkItem
from .worker import Checker, Record, check_batch, init_worker

OnRecords = Callable[[list[Record], int], None]
"""Called with finished records and how many worker restarts happened since the last call."""
OnCrash = Callable[[WorkItem, str, bool], Record]
"""Builds the record of a document that could not be checked: (item, detail, its worker died)."""

MAX_FRUITLESS_RESTARTS = 5
"""Pool rebuilds in a row without a single result: the workers cannot start; stop the scan."""


class WorkersFailed(RuntimeError):
    """Worker processes die before checking anything (a plugin that breaks at import, no memory)."""


@dataclass(slots=True)
class _Task:
    items: list[WorkItem]
    isolated: bool = False


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: workers start from a clean, single-threaded server (no inherited locks, threads or
    # file descriptors such as the store's lock); spawn where it does not exist.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["medguard.scan.worker"])
    return context


class LocalEngine:
    def __init__(self, config: EngineConfig, workers: int, *, in_flight_per_worker: int = 3):
        self.config = replace(config, parent_pid=os.getpid())
        self.workers = workers
        self.max_in_flight = max(1, workers) * in_flight_per_worker

    def run(self, batches: Iterator[list[WorkItem]], on_records: OnRecords, on_crash: OnCrash) -> None:
        if self.workers == 0:
            checker = Checker(self.config)
            for batch in batches:
                on_records(checker.check_batch(batch), 0)
            return
        pool = self._pool()
        in_flight: dict[Future, _Task] = {}
        retry: deque[_Task] = deque()
        source_done = False
        fruitless = 0
        try:
            while True:
                while len(in_flight) < self.max_in_flight:
                    if retry:
                        if in_flight:  # isolated retries run alone, so a death names its document
                            break
                        task = retry.popleft()
                    elif source_done:
                        break
                    else:
                        batch = next(batches, None)
                        if batch is None:
                            source_done = True
                            break
                        task = _Task(batch)
                    in_flight[pool.submit(check_batch, task.items)] = task
                    if task.isolated:
                        break
                if not in_flight:
                    if retry:
                        continue
                    return
                done, _ = wait(in_flight, timeout=1.0, return_when=FIRST_COMPLETED)
                broken = False
                pinned = False  # a document was found to kill its worker: that is progress too
                for future in done:
                    task = in_flight.pop(future)
                    error = future.exception()
                    if error is None:
                        fruitless = 0
                        on_records(future.result(), 0)
                    elif isinstance(error, BrokenProcessPool):
                        broken = True
                        pinned |= self._retry(task, retry, on_records, on_crash)
                    else:  # e.g. a document that cannot be pickled: recorded, not fatal
                        on_records([on_crash(item, f"{type(error).__name__}: {error}", False) for item in task.items], 0)
                if broken:
                    for future, task in list(in_flight.items()):
                        if future.done() and future.exception() is None:
                            on_records(future.result(), 0)
                        else:
                            pinned |= self._retry(task, retry, on_records, on_crash)
                    in_flight.clear()
                    pool.shutdown(wait=False, cancel_futures=True)
                    fruitless = 0 if pinned else fruitless + 1
                    if fruitless > MAX_FRUITLESS_RESTARTS:
                        raise WorkersFailed(
                            f"worker processes died {fruitless} times in a row without checking a document; "
                            "try --workers 0 to see the error in this process"
                        )
                    pool = self._pool()
                    on_records([], 1)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    def _pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=_context(), initializer=init_worker, initargs=(self.config,))

    @staticmethod
    def _retry(task: _Task, retry: deque[_Task], on_records: OnRecords, on_crash: OnCrash) -> bool:
        if task.isolated:  # it died alone: this document kills workers
            on_records([on_crash(item, "worker process died", True) for item in task.items], 0)
            return True
        for item in task.items:
            retry.append(_Task([replace(item, retried=True)], isolated=True))
        return False

"""The local engine: worker processes, each with its own engine and its own pipe, fed a bounded stream.

Each worker gets at most ``depth`` batches at a time, so memory stays flat however large the
archive. Workers have a private duplex pipe each (no locks shared between processes), which is
what lets the scan survive a worker being killed at any moment, even while it writes a result:
its pipe reports end-of-file, the scan knows exactly which batch it was checking, starts a new
worker, and checks that batch again one document per task; a document whose worker dies twice
is recorded as ``crashed``. The others get a ``worker-restarted`` warning. Batches the dead worker
had not started are simply sent elsewhere. (``concurrent.futures.ProcessPoolExecutor`` can hang
for good when a worker dies holding its shared result-queue lock, hence this small pool.)
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import traceback
from collections import deque
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterator

from ..processes import freeze_heap
from .config import EngineConfig
from .items import WorkItem
from .worker import Checker, Record, check_batch, init_worker

OnRecords = Callable[[list[Record], int], None]
"""Called with finished records and how many worker restarts happened since the last call."""
OnCrash = Callable[[WorkItem, str, bool], Record]
"""Builds the record of a document that could not be checked: (item, detail, its worker died)."""

MAX_FRUITLESS_RESTARTS = 5
"""Workers dying this many times in a row before checking anything: they cannot work; stop."""


class WorkersFailed(RuntimeError):
    """Worker processes cannot start or die before checking anything (e.g. a plugin that breaks at import)."""


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: workers start from a clean, single-threaded server (no inherited locks, threads or
    # file descriptors such as the store's lock); spawn where it does not exist.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["medguard.scan.worker"])
    return context


def _reply(connection: Connection, message: tuple) -> bool:
    """Send to the scanning process; False when it is gone (killed: its end of the pipe closed)."""
    try:
        connection.send(message)
    except OSError:  # BrokenPipeError, ConnectionResetError: nobody to tell, nothing to report
        return False
    return True


def _worker_main(connection: Connection, config: EngineConfig) -> None:
    """A worker: build the engine once, then check batches until told to stop or the pipe closes."""
    try:
        init_worker(config)
    except BaseException:
        _reply(connection, ("init-error", traceback.format_exc(limit=8)))
        return
    if not _reply(connection, ("ready", os.getpid())):
        return
    # A thread drains the pipe into a queue so the scanning process never blocks sending a batch
    # while this worker blocks sending a result (both pipe buffers full: a deadlock).
    inbox: queue.SimpleQueue = queue.SimpleQueue()

    def receive() -> None:
        while True:
            try:
                message = connection.recv()
            except (EOFError, OSError):
                message = None
            inbox.put(message)
            if message is None:
                return

    threading.Thread(target=receive, name="medguard-inbox", daemon=True).start()
    frozen = False
    while True:
        batch = inbox.get()
        if batch is None:
            return
        try:
            reply = ("ok", check_batch(batch))
        except Exception as error:  # e.g. a result that cannot be pickled: reported, the worker lives on
            reply = ("error", f"{type(error).__name__}: {error}")
        if not _reply(connection, reply):
            return
        if not frozen:  # what the first batch loaded (lexicons, patterns) stays out of full collections
            freeze_heap()
            frozen = True


@dataclass(slots=True)
class _Task:
    items: list[WorkItem]
    attempt: int = 0
    """0: a normal batch; 1 and more: a single document checked again after its worker died."""


@dataclass(slots=True)
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    ready: bool = False
    tasks: deque = field(default_factory=deque)
    """Batches sent and not yet answered, oldest first: the oldest is the one being checked."""


class LocalEngine:
    def __init__(self, config: EngineConfig, workers: int, *, depth: int = 2):
        self.config = replace(config, parent_pid=os.getpid())
        self.workers = workers
        self.depth = depth
        self._context = _context() if workers else None

    def run(self, batches: Iterator[list[WorkItem]], on_records: OnRecords, on_crash: OnCrash) -> None:
        if self.workers == 0:
            checker = Checker(self.config)
            for batch in batches:
                on_records(checker.check_batch(batch), 0)
            return
        pool = [self._start() for _ in range(self.workers)]
        retry: deque[_Task] = deque()
        source_done = False
        fruitless = 0
        try:
            while True:
                for worker in pool:  # hand out work: retries first, then the stream
                    while worker.ready and len(worker.tasks) < self.depth:
                        if retry:
                            task = retry.popleft()
                        elif not source_done:
                            batch = next(batches, None)
                            if batch is None:
                                source_done = True
                                break
                            task = _Task(batch)
                        else:
                            break
                        try:
                            worker.connection.send(task.items)
                        except OSError:  # it died since we last heard from it: its end-of-file comes next
                            retry.appendleft(task)
                            break
                        worker.tasks.append(task)
                if source_done and not retry and not any(w.tasks for w in pool):
                    return
                for connection in wait([w.connection for w in pool], timeout=1.0):
                    index = next(i for i, w in enumerate(pool) if w.connection is connection)
                    worker = pool[index]
                    try:
                        kind, payload = connection.recv()
                    except (EOFError, OSError):
                        fruitless = 0 if worker.ready else fruitless + 1
                        if fruitless > MAX_FRUITLESS_RESTARTS:
                            raise WorkersFailed(f"worker processes died {fruitless} times in a row while starting; "
                                                "try --workers 0 to see the error in this process") from None
                        self._died(worker, retry, on_records, on_crash)
                        pool[index] = self._start()
                        on_records([], 1)
                        continue
                    if kind == "ready":
                        worker.ready = True
                    elif kind == "init-error":
                        raise WorkersFailed(f"a worker process could not build the engine:\n{payload}")
                    elif kind == "ok":
                        fruitless = 0
                        worker.tasks.popleft()
                        on_records(payload, 0)
                    else:
                        task = worker.tasks.popleft()
                        on_records([on_crash(item, payload, False) for item in task.items], 0)
        finally:
            self._stop(pool)

    def _start(self) -> _Worker:
        assert self._context is not None
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(target=_worker_main, args=(child, self.config), daemon=True,
                                        name="medguard-scan-worker")
        process.start()
        child.close()  # only the worker holds its end now: its death is end-of-file here
        return _Worker(process, parent)

    @staticmethod
    def _died(worker: _Worker, retry: deque[_Task], on_records: OnRecords, on_crash: OnCrash) -> None:
        worker.connection.close()
        worker.process.join(timeout=5)
        detail = f"worker process died, exit code {worker.process.exitcode}"
        if not worker.tasks:
            return
        running = worker.tasks.popleft()
        if running.attempt >= 1:  # it died again, on this one document alone: pin it
            on_records([on_crash(item, detail, True) for item in running.items], 0)
        else:  # again, one document per task, so a second death names its document
            retry.extend(_Task([replace(item, retried=True)], running.attempt + 1) for item in running.items)
        retry.extend(worker.tasks)  # sent but not started: just send them elsewhere
        worker.tasks.clear()

    @staticmethod
    def _stop(pool: list[_Worker]) -> None:
        for worker in pool:
            try:
                worker.connection.send(None)
            except (OSError, ValueError):
                pass
        for worker in pool:
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout=2)
            try:
                worker.connection.close()
            except OSError:
                pass

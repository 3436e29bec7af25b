"""Where the service checks documents: threads of its own process, or checker processes.

With one worker, documents are checked by a thread pool beside the event loop, all sharing one
engine. With ``--workers N`` (N > 1) the process that serves HTTP starts N checker processes,
each building its own engine from the same settings, and hands each document to whichever is
free. Work is balanced per document, whatever connection it came on (a keep-alive connection
used to stay with the worker process that accepted it), /metrics counts every request in one
place, and a reload replaces every checker.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
import traceback
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Protocol

from ..engine import Engine
from ..ml.threads import use_torch_threads, worker_torch_threads
from ..models import Diagnostic, Document, DocumentReport
from ..policy.errors import PolicyError
from ..processes import available_cores, exit_with_parent
from .settings import ServerSettings

logger = logging.getLogger("medguard.server")

START_TIMEOUT_S = 300.0
"""How long checker processes may take to load plugins, the policy and the model."""


class CheckersFailed(Exception):
    """Checker processes that could not start; the message says why (a policy error, a digest
    that differs from the serving process's, a start-up that timed out)."""


class Checkers(Protocol):
    def submit(self, document: Document, source: str) -> Future[DocumentReport]: ...

    def shutdown(self) -> None:
        """Stop taking documents; those already submitted still finish."""


class ThreadCheckers:
    """One engine shared by the threads of the service's thread pool (``--workers 1``)."""

    def __init__(self, engine: Engine, executor: ThreadPoolExecutor):
        self.engine = engine
        self.executor = executor

    def submit(self, document: Document, source: str) -> Future[DocumentReport]:
        return self.executor.submit(check_one, self.engine, document, source)

    def shutdown(self) -> None:
        """The thread pool outlives engines: the service shuts it down when it stops."""


class ProcessCheckers:
    """``processes`` checker processes, each with its own engine, taking documents from one queue."""

    def __init__(self, settings: ServerSettings, expected_digest: str, *, policy_settings: dict | None = None):
        self.processes = settings.workers
        context = _context()
        self._started: multiprocessing.Queue = context.Queue()
        threads = worker_torch_threads(self.processes, available_cores(), policy_settings)
        self.executor = ProcessPoolExecutor(
            self.processes, mp_context=context, initializer=_start_checker,
            initargs=(settings.model_dump_json(), expected_digest, threads, os.getpid(), self._started),
        )
        self.pids: list[int] = []

    def start(self, timeout_s: float = START_TIMEOUT_S) -> list[int]:
        """Start every checker and wait until each has built its engine; returns their pids.

        Raises CheckersFailed (after stopping them) when one could not start.
        """
        for _ in range(self.processes):  # one submission per process: the pool starts them on demand
            self.executor.submit(os.getpid)
        deadline = time.monotonic() + timeout_s
        try:
            for _ in range(self.processes):
                status, detail = self._started.get(timeout=max(0.0, deadline - time.monotonic()))
                if status != "ready":
                    raise CheckersFailed(detail)
                self.pids.append(detail)
        except queue.Empty:
            self.shutdown()
            raise CheckersFailed(f"checker processes did not start within {timeout_s:g} s") from None
        except CheckersFailed:
            self.shutdown()
            raise
        return self.pids

    def submit(self, document: Document, source: str) -> Future[DocumentReport]:
        return self.executor.submit(_check_in_checker, document, source)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=False)


def check_one(engine: Engine, document: Document, source: str) -> DocumentReport:
    """One document's report; a parser or plugin bug costs that report, never the service."""
    try:
        return engine.check(document, source=source).report
    except Exception as error:
        logger.exception("checking %s failed", source)
        return engine.failed_report(source, document.id, [Diagnostic(
            level="error", code="internal-error",
            message=f"checking failed: {type(error).__name__} (see the service log)",
        )])


_engine: Engine | None = None
"""The engine of this checker process (set by ``_start_checker``)."""


def _start_checker(settings_json: str, expected_digest: str, torch_threads: int | None, parent_pid: int,
                   started: multiprocessing.Queue) -> None:
    """Process-pool initializer: build and warm this process's engine, then say on ``started``
    that it is ready, or why not (the serving process then stops the pool: no traceback here)."""
    global _engine
    from .reload import build_engine, freeze_heap, make_host  # the module that imports this one

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the serving process's to handle
    threading.Thread(target=exit_with_parent, args=(parent_pid,), daemon=True).start()
    use_torch_threads(torch_threads)
    try:
        settings = ServerSettings.model_validate_json(settings_json)
        engine = build_engine(settings, make_host(settings))
    except PolicyError as error:
        started.put(("error", "; ".join(str(problem) for problem in error.problems) or str(error)))
        return
    except Exception:
        started.put(("error", traceback.format_exc(limit=6)))
        return
    if engine.policy.digest != expected_digest:
        started.put(("error", f"the policy files changed while the checkers loaded them (digest "
                              f"{engine.policy.digest}, the service loaded {expected_digest}); reload again"))
        return
    _engine = engine
    freeze_heap()
    started.put(("ready", os.getpid()))


def _check_in_checker(document: Document, source: str) -> DocumentReport:
    assert _engine is not None, "this checker did not start"
    return check_one(_engine, document, source)


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: checkers start from a clean, single-threaded process, not a copy of the event
    # loop's (its threads, locks and sockets); spawn where it does not exist.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


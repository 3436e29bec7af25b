"""Where the service checks documents: threads of its own process, or checker processes.

With one worker, documents are checked by a thread pool beside the event loop, all sharing one
engine. With ``--workers N`` (N > 1) the process that serves HTTP starts N checker processes,
each building its own engine from the same settings, and hands each document to whichever is
free. Work is balanced per document, whatever connection it came on (a keep-alive connection
used to stay with the worker process that accepted it), /metrics counts every request in one
place, and a reload replaces every checker. A checker process can also be stopped, which a thread
cannot: one that has spent twice the time limit on a document (a plugin stuck in a loop) is
replaced, and the replaced set is killed once the documents it still holds are past their
requests' time limit.
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
from ..processes import available_cores, exit_with_parent, freeze_heap
from .settings import ServerSettings

logger = logging.getLogger("medguard.server")

START_TIMEOUT_S = 300.0
"""How long checker processes may take to load plugins, the policy and the model."""


class CheckersFailed(Exception):
    """Checker processes that could not start; the message says why (a policy error, a digest
    that differs from the serving process's, a start-up that timed out)."""


class Checkers(Protocol):
    def submit(self, document: Document, source: str, model_deadline: float | None = None,
               deadline: float | None = None) -> Future[DocumentReport]:
        """Check ``document``; the model stops at ``model_deadline`` and the analysis soon after
        ``deadline`` (``time.monotonic()`` times), if given."""

    def stuck(self, longer_than_s: float) -> bool:
        """Whether a checker that can be stopped has been on one document for over ``longer_than_s``."""

    def shutdown(self) -> None:
        """Stop taking documents; those already submitted get the time limit to finish."""


class ThreadCheckers:
    """One engine shared by the threads of the service's thread pool (``--workers 1``)."""

    def __init__(self, engine: Engine, executor: ThreadPoolExecutor):
        self.engine = engine
        self.executor = executor

    def submit(self, document: Document, source: str, model_deadline: float | None = None,
               deadline: float | None = None) -> Future[DocumentReport]:
        return self.executor.submit(check_one, self.engine, document, source, model_deadline, deadline)

    def stuck(self, longer_than_s: float) -> bool:
        return False  # a thread cannot be stopped: it stops itself at the deadline, where the analysis reads cues

    def shutdown(self) -> None:
        """The thread pool outlives engines: the service shuts it down when it stops."""


class ProcessCheckers:
    """``processes`` checker processes, each with its own engine, taking documents from one queue."""

    def __init__(self, settings: ServerSettings, expected_digest: str, *, policy_settings: dict | None = None,
                 environment: dict[str, str] | None = None):
        self.processes = settings.workers
        self.environment = dict(environment or {})
        """Variables set in each checker before it builds its engine (the shared embedding cache)."""
        self.time_limit_s = settings.timeout_s
        context = _context()
        self._started: multiprocessing.Queue = context.Queue()
        self._busy_since = context.Array("d", self.processes, lock=False)
        """Per checker: when (``time.monotonic()``, the same clock in every process) it took the
        document it is on, or 0 when idle."""
        self._next_slot = context.Value("i", 0)
        threads = worker_torch_threads(self.processes, available_cores(), policy_settings)
        self.executor = ProcessPoolExecutor(
            self.processes, mp_context=context, initializer=_start_checker,
            initargs=(settings.model_dump_json(), expected_digest, threads, os.getpid(), self._started,
                      self._busy_since, self._next_slot, self.environment),
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

    def submit(self, document: Document, source: str, model_deadline: float | None = None,
               deadline: float | None = None) -> Future[DocumentReport]:
        return self.executor.submit(_check_in_checker, document, source, model_deadline, deadline)

    def stuck(self, longer_than_s: float) -> bool:
        since = time.monotonic() - longer_than_s
        return any(0 < started < since for started in self._busy_since)

    def shutdown(self) -> None:
        """Stop taking documents. Every document already submitted is past its request's time limit
        within ``time_limit_s``, so checkers still busy then are killed (a stuck one never ends)."""
        processes = list((self.executor._processes or {}).values())  # ProcessPoolExecutor.kill_workers() from 3.14
        self.executor.shutdown(wait=False)
        if processes:
            killer = threading.Timer(self.time_limit_s, _kill_running, args=(processes,))
            killer.daemon = True
            killer.start()


def _kill_running(processes: list[multiprocessing.process.BaseProcess]) -> None:
    for process in processes:
        if process.is_alive():
            logger.warning("killing checker process %d: replaced, and still running a time limit later", process.pid)
            process.kill()


def check_one(engine: Engine, document: Document, source: str, model_deadline: float | None = None,
              deadline: float | None = None) -> DocumentReport:
    """One document's report; a parser or plugin bug costs that report, never the service."""
    try:
        return engine.check(document, source=source, model_deadline=model_deadline, deadline=deadline).report
    except Exception as error:
        logger.exception("checking %s failed", source)
        return engine.failed_report(source, document.id, [Diagnostic(
            level="error", code="internal-error",
            message=f"checking failed: {type(error).__name__} (see the service log)",
        )])


_engine: Engine | None = None
"""The engine of this checker process (set by ``_start_checker``)."""
_busy_since = None
"""The shared ``ProcessCheckers._busy_since`` array, and this checker's slot in it."""
_slot = 0


def _start_checker(settings_json: str, expected_digest: str, torch_threads: int | None, parent_pid: int,
                   started: multiprocessing.Queue, busy_since, next_slot, environment: dict[str, str]) -> None:
    """Process-pool initializer: build and warm this process's engine, then say on ``started``
    that it is ready, or why not (the serving process then stops the pool: no traceback here)."""
    global _engine, _busy_since, _slot
    from .reload import build_engine, make_host  # the module that imports this one

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the serving process's to handle
    threading.Thread(target=exit_with_parent, args=(parent_pid,), daemon=True).start()
    use_torch_threads(torch_threads)
    os.environ.update(environment)
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
    with next_slot.get_lock():
        _slot = next_slot.value
        next_slot.value += 1
    _engine, _busy_since = engine, busy_since
    freeze_heap()
    started.put(("ready", os.getpid()))


def _check_in_checker(document: Document, source: str, model_deadline: float | None, deadline: float | None) -> DocumentReport:
    assert _engine is not None and _busy_since is not None, "this checker did not start"
    _busy_since[_slot] = time.monotonic()
    try:
        return check_one(_engine, document, source, model_deadline, deadline)
    finally:
        _busy_since[_slot] = 0.0


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: checkers start from a clean, single-threaded process, not a copy of the event
    # loop's (its threads, locks and sockets); spawn where it does not exist.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


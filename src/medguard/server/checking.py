"""Checking documents off the event loop, within the request's time limit (or not at all, when
every document of the request was checked recently under the same policy: see ``report_cache``).

Each document goes to the active checkers (threads of this process, or checker processes: see
``checkers``), so the event loop keeps answering (health probes, other requests) while rules
run. When the time limit expires, the documents not done get a report with a ``timeout``
diagnostic and the decision the policy's ``on_error`` asks for (fail-closed: block; fail-open:
pass), exactly like a rule that raised. Before that, the model (the slow part, when the policy
uses it) has to stop half a second ahead of the limit, or at ``--model-time-limit``: the
sentences it has not embedded by then are checked by the rules without it, and the report says
so with a ``model-timeout`` warning, instead of becoming a time-out (see ``ml.deadline``).
Documents that had not started are cancelled; a check
already running stops itself soon after the limit, where the analysis next reads its cues (so a
huge page cannot keep a thread or a checker busy long after its answer went out), and its rules
not yet run are named in a ``timeout`` diagnostic; the pattern rule types have their own
per-pattern time limits. A checker process still on one document at twice the time limit (a
plugin stuck in a loop) is replaced, and killed once the documents it still holds are past their
requests' time limits; a thread runs on.

A checker process that dies (killed, out of memory) takes the document it was checking with it:
that document gets a ``checker-stopped`` diagnostic, and the service replaces the checkers.
Documents that arrive meanwhile wait for the new ones, within their time limit.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import BrokenExecutor, Future
from typing import TYPE_CHECKING, Callable

from ..models import Diagnostic, Document, DocumentReport
from .metrics import Metrics
from .report_cache import ReportCache

if TYPE_CHECKING:
    from .reload import Active, Replacement


MODEL_RESERVE_S = 0.5
"""How long before the request's time limit the model must stop (a quarter of the limit when that
is shorter), leaving the rules without it time to finish the report."""


REPLY_RESERVE_S = 0.2
"""How long before the request's time limit checking stops (a tenth of the limit when that is
shorter), leaving the service time to write the reply under load."""


class CheckRunner:
    def __init__(self, timeout_s: float, metrics: Metrics,
                 replace_checkers: Callable[[Active, Replacement], asyncio.Future[Active]],
                 model_time_limit_s: float | None = None, report_cache: int = 0):
        self.timeout_s = timeout_s
        self.model_time_s = timeout_s - min(MODEL_RESERVE_S, timeout_s / 4)
        """How long after a request arrives the model must stop."""
        if model_time_limit_s is not None:
            self.model_time_s = min(self.model_time_s, model_time_limit_s)
        self.metrics = metrics
        self.reports = ReportCache(report_cache)
        """Recent reports: a request whose documents are all in it is answered from it."""
        self.replace_checkers = replace_checkers
        """Called with the ``Active`` whose checker processes broke or got stuck, and why: the
        (shared) task that replaces them, resolving to the ``Active`` to use now."""

    async def check(self, active: Active, documents: list[tuple[Document, str]],
                    arrived: float | None = None) -> tuple[Active, list[DocumentReport]]:
        """Reports in the order of ``documents`` (each a document and its source name), and the
        ``Active`` whose policy decided them all: ``active``, or what replaced it when its checker
        processes had died. The time limit runs from ``arrived`` (``time.monotonic()`` when the
        request came in; now, if not given). A request whose documents were all checked recently
        under the same policy is answered from the report cache."""
        arrived = time.monotonic() if arrived is None else arrived
        if not documents:
            return active, []
        if self.reports.size:
            digest = active.engine.policy.digest
            kept = [self.reports.get(self.reports.key(digest, document), source) for document, source in documents]
            if all(report is not None for report in kept):
                self.metrics.report_cache_hits.inc(len(kept))
                for report in kept:
                    self.metrics.observe_report(report)
                return active, kept
        active, reports = await self._check(active, documents, arrived)
        if self.reports.size:
            digest = active.engine.policy.digest
            for (document, _), report in zip(documents, reports):
                self.reports.put(self.reports.key(digest, document), report)
        return active, reports

    async def _check(self, active: Active, documents: list[tuple[Document, str]],
                     arrived: float) -> tuple[Active, list[DocumentReport]]:
        deadline = arrived + self.timeout_s - min(REPLY_RESERVE_S, self.timeout_s / 10)
        model_deadline = arrived + self.model_time_s
        try:
            futures = [active.checkers.submit(document, source, model_deadline, deadline) for document, source in documents]
        except BrokenExecutor:  # a checker died before this request: wait for its replacement
            try:
                replacing = asyncio.shield(self.replace_checkers(active, "stopped"))  # shared: a timeout here must not cancel it
                active = await asyncio.wait_for(replacing, max(0.0, deadline - time.monotonic()))
                futures = [active.checkers.submit(document, source, model_deadline, deadline) for document, source in documents]
            except (asyncio.TimeoutError, BrokenExecutor):
                futures = [_failed(BrokenExecutor()) for _ in documents]
        waiting = [asyncio.wrap_future(future) for future in futures]
        _, pending = await asyncio.wait(waiting, timeout=max(0.0, deadline - time.monotonic()))
        reports = []
        if pending:  # a check that overran may be stuck: look again when it would have run twice the limit
            asyncio.get_running_loop().call_later(2 * self.timeout_s, self._replace_if_stuck, active)
        for (document, source), future in zip(documents, waiting, strict=True):
            if future in pending:
                future.cancel()
                report = self._failed_report(active, document, source, "timeout",
                                             f"checking did not finish within the {self.timeout_s:g} s time limit")
            elif isinstance(future.exception(), BrokenExecutor):
                report = self._failed_report(active, document, source, "checker-stopped",
                                             "the checker process stopped (killed, or out of memory) while checking "
                                             "this document; the service started new ones")
            else:
                report = future.result()
            self.metrics.observe_report(report)
            reports.append(report)
        if any(isinstance(f.exception(), BrokenExecutor) for f in waiting if f.done() and not f.cancelled()):
            self.replace_checkers(active, "stopped")  # starts the replacement; later requests wait for it
        return active, reports

    def _replace_if_stuck(self, active: Active) -> None:
        if active.checkers.stuck(longer_than_s=2 * self.timeout_s):
            self.replace_checkers(active, "stuck")

    @staticmethod
    def _failed_report(active: Active, document: Document, source: str, code: str, why: str) -> DocumentReport:
        engine = active.engine
        return engine.failed_report(source, document.id, [Diagnostic(
            level="error", code=code,
            message=f"{why}; decided by the policy's on_error setting ({engine.policy.spec.on_error})",
        )])


def _failed(error: BaseException) -> Future:
    future: Future = Future()
    future.set_exception(error)
    return future

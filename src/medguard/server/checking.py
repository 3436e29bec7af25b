"""Checking documents off the event loop, within the request's time limit.

Each document is checked in a worker thread of a bounded pool, so the event loop keeps
answering (health probes, other requests) while rules run. When the time limit expires, the
documents not done get a report with a ``timeout`` diagnostic and the decision the policy's
``on_error`` asks for (fail-closed: block; fail-open: pass), exactly like a rule that raised.
Documents that had not started are cancelled; a thread already running a rule cannot be
interrupted, and finishes in the background (the pattern rule types have their own per-pattern
time limits, which bound that).
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor

from ..engine import Engine
from ..models import Diagnostic, Document, DocumentReport
from .metrics import Metrics

logger = logging.getLogger("medguard.server")


class CheckRunner:
    def __init__(self, threads: int, timeout_s: float, metrics: Metrics):
        self.executor = ThreadPoolExecutor(threads, thread_name_prefix="medguard-check")
        self.timeout_s = timeout_s
        self.metrics = metrics

    async def check(self, engine: Engine, documents: list[tuple[Document, str]]) -> list[DocumentReport]:
        """Reports in the order of ``documents`` (each a document and its source name)."""
        if not documents:
            return []
        loop = asyncio.get_running_loop()
        deadline = time.monotonic() + self.timeout_s
        futures = [loop.run_in_executor(self.executor, _check_one, engine, document, source)
                   for document, source in documents]
        _, pending = await asyncio.wait(futures, timeout=max(0.0, deadline - time.monotonic()))
        reports = []
        for (document, source), future in zip(documents, futures, strict=True):
            if future in pending:
                future.cancel()
                report = engine.failed_report(source, document.id, [Diagnostic(
                    level="error", code="timeout",
                    message=f"checking did not finish within the {self.timeout_s:g} s time limit; "
                            f"decided by the policy's on_error setting ({engine.policy.spec.on_error})",
                )])
            else:
                report = future.result()
            self.metrics.observe_report(report)
            reports.append(report)
        return reports

    def shutdown(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def _check_one(engine: Engine, document: Document, source: str) -> DocumentReport:
    try:
        return engine.check(document, source=source).report
    except Exception as error:  # a parser or plugin bug must cost one report, not the service
        logger.exception("checking %s failed", source)
        return engine.failed_report(source, document.id, [Diagnostic(
            level="error", code="internal-error",
            message=f"checking failed: {type(error).__name__} (see the service log)",
        )])

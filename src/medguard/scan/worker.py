"""What runs in a worker (a local process or a Ray actor): build the engine once, check batches.

A result is a :class:`Record`: one row of the store's ``documents`` table plus its findings rows,
built entirely in the worker so the process that writes the store does as little as possible.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import threading
import time
import zlib
from dataclasses import dataclass, field
from typing import Any

from ..engine import CheckedDocument, Engine
from ..ml.threads import use_torch_threads
from ..models import Diagnostic, DocumentReport
from ..processes import exit_with_parent
from .config import Built, EngineConfig, build
from .items import WorkItem

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

STATUS_CHECKED = "checked"
STATUS_UNREADABLE = "unreadable"
STATUS_CRASHED = "crashed"


@dataclass(slots=True)
class Record:
    """A checked (or unreadable, or crashed) document, ready for the store."""

    key: str
    source: str
    doc_id: str | None
    title: str | None
    url: str | None
    format: str | None
    content_hash: str
    status: str
    decision: str
    findings_json: str
    diagnostics_json: str
    n_findings: int = 0
    n_active: int = 0
    n_error: int = 0
    n_warning: int = 0
    n_info: int = 0
    n_diag_errors: int = 0
    text: bytes | None = None
    words: int | None = None
    """Words of the checked text: the worst-first order weighs findings by the document's length."""
    read_ms: float = 0.0
    check_ms: float = 0.0
    worker: str = ""
    finding_rows: list[tuple] = field(default_factory=list)
    """(idx, rule, category, severity, fingerprint, start, end, line, column, excerpt, suppressed)."""


def record_from_report(item: WorkItem, report: DocumentReport, text: str | None, *, check_ms: float,
                       status: str, worker: str, config: EngineConfig, parsed_title: str | None = None) -> Record:
    """The store's row for a report; ``parsed_title`` is the title the page itself gives (an HTML
    ``<title>``, a front-matter ``title:``) when the document came without one."""
    findings = report.findings
    rows = []
    counts = {"error": 0, "warning": 0, "info": 0}
    active = 0
    for index, finding in enumerate(findings):
        suppressed = finding.suppression.kind if finding.suppression else None
        if suppressed is None:
            active += 1
            counts[finding.severity.value] += 1
        rows.append((index, finding.rule, finding.category, finding.severity.value, finding.fingerprint,
                     finding.start, finding.end, finding.line, finding.column, finding.excerpt, suppressed))
    keep_text = text is not None and (config.store_text == "all" or (config.store_text == "findings" and (findings or report.diagnostics)))
    stored = None
    if keep_text:
        stored = zlib.compress(text[: config.max_text_chars].encode("utf-8", "surrogatepass"), 6)
    document = item.document
    return Record(
        key=item.key, source=report.source, doc_id=report.id,
        title=(document.title if document else None) or parsed_title, url=document.url if document else None,
        format=document.format if document else None,
        content_hash=item.content_hash, status=status, decision=report.decision.value,
        findings_json=json.dumps([f.model_dump(mode="json", exclude_none=True) for f in findings], ensure_ascii=False),
        diagnostics_json=json.dumps([d.model_dump(mode="json", exclude_none=True) for d in report.diagnostics], ensure_ascii=False),
        n_findings=len(findings), n_active=active, n_error=counts["error"], n_warning=counts["warning"], n_info=counts["info"],
        n_diag_errors=sum(1 for d in report.diagnostics if d.level == "error"),
        text=stored, words=len(text.split()) if text is not None else None, read_ms=round(item.read_ms, 3), check_ms=round(check_ms, 3), worker=worker, finding_rows=rows,
    )


def failed_record(engine: Engine, item: WorkItem, diagnostic: Diagnostic, status: str, config: EngineConfig, worker: str = "") -> Record:
    """A document that produced no report: unreadable, or its worker kept dying."""
    report = engine.failed_report(item.key, item.document.id if item.document else None, [*item.diagnostics, diagnostic])
    return record_from_report(item, report, None, check_ms=0.0, status=status, worker=worker, config=config)


def unreadable_record(engine: Engine, item: WorkItem, config: EngineConfig) -> Record:
    diagnostic = Diagnostic(level="error", code="input-error", message=item.error or "unreadable")
    return failed_record(engine, item, diagnostic, STATUS_UNREADABLE, config)


def crashed_record(engine: Engine, item: WorkItem, config: EngineConfig, detail: str) -> Record:
    diagnostic = Diagnostic(
        level="error", code="worker-crashed",
        message=f"the worker process died while checking this document, again when it was checked alone ({detail}); not checked",
    )
    return failed_record(engine, item, diagnostic, STATUS_CRASHED, config)


class Checker:
    """The engine of one worker, built once; checks work items into records."""

    def __init__(self, config: EngineConfig):
        self.config = config
        self.built: Built = build(config)
        self.engine = self.built.engine
        self.name = f"{socket.gethostname()}:{os.getpid()}"

    def check(self, item: WorkItem) -> Record:
        if item.error is not None:
            return unreadable_record(self.engine, item, self.config)
        diagnostics = self._diagnostics(item)
        started = time.perf_counter()
        try:
            checked: CheckedDocument = self.engine.check(item.document, item.key, diagnostics)
        except Exception as error:  # the engine never raises for bad input; this is a bug, kept per document
            diagnostic = Diagnostic(level="error", code="engine-error",
                                    message=f"the engine raised {type(error).__name__}: {error}")
            return failed_record(self.engine, item, diagnostic, STATUS_CHECKED, self.config, self.name)
        elapsed = (time.perf_counter() - started) * 1000
        analyzed = checked.analyzed
        return record_from_report(item, checked.report, analyzed.text if analyzed else None, check_ms=elapsed,
                                  status=STATUS_CHECKED, worker=self.name, config=self.config,
                                  parsed_title=analyzed.parsed.title if analyzed else None)

    def check_batch(self, items: list[WorkItem]) -> list[Record]:
        """Check a batch together (rules prepare it at once: one embedding pass for the model
        layer); a bug in the engine costs a retry one by one, not the batch."""
        readable = [item for item in items if item.error is None]
        try:
            checked = self.engine.check_many([(i.document, i.key, self._diagnostics(i)) for i in readable])
        except Exception:  # noqa: BLE001 - check() records the bug against its document
            return [self.check(item) for item in items]
        by_key = {id(item): result for item, result in zip(readable, checked)}
        records = []
        for item in items:
            result = by_key.get(id(item))
            if result is None:
                records.append(unreadable_record(self.engine, item, self.config))
                continue
            analyzed = result.analyzed
            records.append(record_from_report(item, result.report, analyzed.text if analyzed else None,
                                              check_ms=result.seconds * 1000, status=STATUS_CHECKED, worker=self.name,
                                              config=self.config, parsed_title=analyzed.parsed.title if analyzed else None))
        return records

    @staticmethod
    def _diagnostics(item: WorkItem) -> list[Diagnostic]:
        diagnostics = list(item.diagnostics)
        if item.retried:
            diagnostics.append(Diagnostic(
                level="warning", code="worker-restarted",
                message="the worker process checking this document's batch died; it was checked again in a new worker",
            ))
        return diagnostics


# -- local worker processes ---------------------------------------------------------------------
_checker: Checker | None = None


def init_worker(config: EngineConfig) -> None:
    """Process-pool initializer: build the engine once; ignore Ctrl-C (the parent handles it)."""
    global _checker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if config.parent_pid:
        threading.Thread(target=exit_with_parent, args=(config.parent_pid,), daemon=True).start()
    use_torch_threads(config.ml_threads)
    os.environ.update(config.worker_environment)
    _checker = Checker(config)


def check_batch(items: list[WorkItem]) -> list[Record]:
    assert _checker is not None, "init_worker was not called"
    return _checker.check_batch(items)


def record_to_columns(records: list[Record]) -> dict[str, Any]:
    """Records as columns (for Ray Data batches); finding rows travel as JSON."""
    columns: dict[str, list] = {name: [] for name in Record.__slots__}
    for record in records:
        for name in Record.__slots__:
            value = getattr(record, name)
            columns[name].append(json.dumps(value) if name == "finding_rows" else value)
    return columns


def records_from_columns(columns: dict[str, Any]) -> list[Record]:
    names = list(Record.__slots__)
    count = len(columns[names[0]])
    records = []
    for i in range(count):
        values = {}
        for name in names:
            value = columns[name][i]
            if hasattr(value, "item") and not isinstance(value, (bytes, str)):
                value = value.item()
            if name == "finding_rows":
                value = [tuple(row) for row in json.loads(value)]
            values[name] = value
        records.append(Record(**values))
    return records

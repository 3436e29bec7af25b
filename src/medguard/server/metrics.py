"""Prometheus metrics: requests, latency, documents by decision, findings by rule, errors, rules
the model's deadline cut short.

Each app has its own registry (several apps can live in one process, as in tests). With
``--workers N`` the checker processes only check; the HTTP process counts every request and
report, so one scrape gives exact counts. Every series whose labels are known ahead (decisions,
the service's own error codes, replacement reasons, reload results, the active rules' findings)
exists from the start at 0, so that ``rate()`` and alerts see the first event.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from ..models import Decision, DocumentReport

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
SERVICE_ERROR_CODES = ("timeout", "checker-stopped", "rule-error", "pattern-timeout")
"""Error diagnostics of the service and its rules; a plugin's own codes appear when first counted."""
REPLACEMENT_REASONS = ("stopped", "stuck")
RELOAD_RESULTS = ("ok", "failed")


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter("medguard_http_requests", "HTTP requests answered.", ["method", "route", "status"],
                                registry=r)
        self.latency = Histogram("medguard_http_request_duration_seconds", "Time to answer an HTTP request.",
                                 ["method", "route"], buckets=LATENCY_BUCKETS, registry=r)
        self.in_flight = Gauge("medguard_http_requests_in_flight", "HTTP requests being answered.", registry=r)
        self.documents = Counter("medguard_documents_checked", "Documents answered, by decision, including those "
                                 "answered from the report cache (also counted in medguard_report_cache_hits_total).",
                                 ["decision"], registry=r)
        self.findings = Counter("medguard_findings", "Findings reported (suppressed ones excluded), by rule and severity.",
                                ["rule", "severity"], registry=r)
        self.errors = Counter("medguard_check_errors", "Error diagnostics while checking (rule-error, timeout, input-error...).",
                              ["code"], registry=r)
        self.model_timeouts = Counter("medguard_model_timeouts", "Rules the model's deadline cut short (model-timeout "
                                      "diagnostics), by rule: how often the model ran out of time.", ["rule"], registry=r)
        self.replacements = Counter("medguard_checker_replacements", "Checker process sets replaced, by reason "
                                    "(stopped: one died; stuck: one overran twice the time limit).", ["reason"],
                                    registry=r)
        self.report_cache_hits = Counter("medguard_report_cache_hits", "Documents answered from the report cache "
                                         "(checked recently, unchanged, same policy).", registry=r)
        self.reloads = Counter("medguard_policy_reloads", "Policy reloads, by result.", ["result"], registry=r)
        self.policy = Gauge("medguard_policy_info", "The policy deciding now (value 1).", ["name", "version", "digest"],
                            registry=r)
        _start_at_zero(self.documents, [decision.value for decision in Decision])
        _start_at_zero(self.errors, SERVICE_ERROR_CODES)
        _start_at_zero(self.replacements, REPLACEMENT_REASONS)
        _start_at_zero(self.reloads, RELOAD_RESULTS)

    def observe_report(self, report: DocumentReport) -> None:
        self.documents.labels(report.decision.value).inc()
        for finding in report.active_findings():
            self.findings.labels(finding.rule, finding.severity.value).inc()
        for diagnostic in report.diagnostics:
            if diagnostic.level == "error":
                self.errors.labels(diagnostic.code).inc()
            if diagnostic.code == "model-timeout":
                self.model_timeouts.labels(diagnostic.rule or "").inc()

    def set_policy(self, name: str, version: str, digest: str, rules: Iterable[tuple[str, str]]) -> None:
        """The policy deciding now, and a findings series at 0 for each of its ``(rule id, severity)``."""
        self.policy.clear()
        self.policy.labels(name, version, digest).set(1)
        for rule, severity in rules:
            self.findings.labels(rule, severity)

    def render(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


def _start_at_zero(counter: Counter, values: Iterable[str]) -> None:
    for value in values:
        counter.labels(value)


class MetricsMiddleware:
    """Counts and times every HTTP request, labelled by route template (bounded cardinality), and
    stamps its arrival in ``request.state.arrived``."""

    def __init__(self, app, metrics: Metrics, known_paths: frozenset[str]):
        self.app = app
        self.metrics = metrics
        self.known_paths = known_paths

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        started = time.perf_counter()
        scope.setdefault("state", {})["arrived"] = time.monotonic()  # a check's time limit runs from here

        async def send_status(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send_status)
        finally:
            self.metrics.in_flight.dec()
            route = scope.get("route")
            path = getattr(route, "path", None) or (scope["path"] if scope["path"] in self.known_paths else "other")
            method = scope["method"] if scope["method"] in ("GET", "POST", "HEAD", "OPTIONS") else "other"
            self.metrics.requests.labels(method, path, str(status)).inc()
            self.metrics.latency.labels(method, path).observe(time.perf_counter() - started)

"""The engine: parse, analyze, run each rule in isolation, post-process, decide."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from typing import Sequence

from pydantic import ValidationError
from pydantic_core import to_json

from .analysis.document import AnalyzedDocument, CheckTimeout
from .ingest.base import ParsedText, with_headline
from .ml.deadline import ModelDeadline, ModelTimeout
from .ml.deadline import model_deadline as deadline_for_model
from .ml.model import ModelError
from .models import Decision, Diagnostic, Document, DocumentReport, Finding
from .patterns import PatternTimeout
from .pluginmanager import PluginHost
from .policy.loader import CompiledRule, Policy
from .policy.validation import error_text, one_line
from .readers.base import InputError
from .rule_types.base import Detection
from .suppression import apply_suppressions, find_suppressions

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(slots=True)
class CheckedDocument:
    """A report together with the analyzed document it came from (for reporters and tests)."""

    report: DocumentReport
    analyzed: AnalyzedDocument | None
    seconds: float = 0.0
    """Time spent on this document: parsing, its share of the batch's preparation, its rules."""


class Engine:
    """Checks documents against one policy with the plugins of one host."""

    def __init__(self, policy: Policy, host: PluginHost, *, max_bytes: int = DEFAULT_MAX_BYTES):
        self.policy = policy
        self.host = host
        self.max_bytes = max_bytes
        self.model_errors: dict[str, list[str]] = {}
        """Why the sentence model did not load, once per reason, with the rules that could not run
        for it: the run reports it once, each document's diagnostic only names the rules."""

    def parse(self, document: Document) -> ParsedText:
        """The body as text, with the title (the document's, else the page's own ``<title>``, parsed
        in the body's format) checked after it."""
        title = document.title or ""
        size = len(document.body) + len(title)
        if size * 4 > self.max_bytes:  # UTF-8 takes at most 4 bytes a character: count only when it matters
            size = len(document.body.encode("utf-8", errors="replace")) + len(title.encode("utf-8", errors="replace"))
        if size > self.max_bytes:
            raise InputError(f"document is {_size(size)}, over the {_size(self.max_bytes)} limit (raise it with --max-bytes)")
        parser = self.host.parsers.get(document.format)
        if parser is None:
            known = ", ".join(sorted(self.host.parsers))
            raise InputError(f"unknown document format {document.format!r} (known: {known})")
        try:
            parsed = parser.parse(document.body)
            if not title.strip() and (parsed.title or "").strip():
                # an HTML page's <title>, shown in search results and tabs: already text ("J&J", not an entity to decode again)
                return with_headline(parsed, (self.host.parsers.get("text") or parser).parse(parsed.title))
            return with_headline(parsed, parser.parse(title)) if title.strip() else parsed
        except Exception as error:  # a parser plugin's bug costs this document, not the run
            raise InputError(f"the {document.format} parser (plugin {self.host.parsers.plugins.get(document.format)}) failed: "
                             f"{type(error).__name__}: {error}") from None

    def analyze(self, document: Document) -> AnalyzedDocument:
        return AnalyzedDocument(document, self.parse(document), self.host.analyzers, self.policy.spec.settings)

    def check(self, document: Document, source: str = "-", diagnostics: list[Diagnostic] | None = None, *,
              model_deadline: float | None = None, deadline: float | None = None) -> CheckedDocument:
        """Check one document. Never raises for bad input: problems become diagnostics."""
        return self.check_many([(document, source, diagnostics)], model_deadline=model_deadline, deadline=deadline)[0]

    def check_many(self, items: Sequence[tuple[Document, str, list[Diagnostic] | None]], *,
                   model_deadline: float | None = None, deadline: float | None = None) -> list[CheckedDocument]:
        """Check a batch of (document, source, diagnostics so far), in order. Rules first get
        the whole batch to ``prepare`` (the model layer embeds every document's sentences in one
        go), then each document is checked alone. Never raises for bad input.

        ``model_deadline``: a ``time.monotonic()`` time by which the model must stop (see
        ``ml.deadline``); what it has not done by then is left to the rules without it, and
        each document's report says so. ``deadline``: a ``time.monotonic()`` time after which
        the analysis stops; the rules not run by then are reported in a ``timeout`` diagnostic."""
        analyzed: list[AnalyzedDocument | DocumentReport] = []
        parse_seconds: list[float] = []
        for document, source, diagnostics in items:
            started = time.perf_counter()
            try:
                analyzed.append(self.analyze(document))
                analyzed[-1].deadline = deadline
            except InputError as error:
                failed = [*(diagnostics or []), Diagnostic(level="error", code="input-error", message=str(error))]
                analyzed.append(self.failed_report(source, document.id, failed))
            parse_seconds.append(time.perf_counter() - started)
        ready = [a for a in analyzed if isinstance(a, AnalyzedDocument)]
        prepare_share = 0.0
        if len(ready) > 1:
            started = time.perf_counter()
            with deadline_for_model(model_deadline):
                for rule in self.policy.active_rules:
                    try:
                        rule.instance.prepare(ready)
                    except Exception:  # noqa: BLE001 - check() redoes the work and reports its own errors
                        pass
            prepare_share = (time.perf_counter() - started) / len(ready)
        checked = []
        for a, parsing, (_, source, diagnostics) in zip(analyzed, parse_seconds, items):
            if isinstance(a, DocumentReport):
                checked.append(CheckedDocument(a, None, parsing))
                continue
            started = time.perf_counter()
            with deadline_for_model(model_deadline) as model:
                result = self._check_analyzed(a, source, list(diagnostics or []), model)
            result.seconds = parsing + prepare_share + time.perf_counter() - started
            checked.append(result)
        return checked

    def _check_analyzed(self, analyzed: AnalyzedDocument, source: str, diagnostics: list[Diagnostic],
                        deadline: ModelDeadline | None = None) -> CheckedDocument:
        document = analyzed.document
        if not analyzed.text.strip():
            diagnostics.append(Diagnostic(level="info", code="empty-document", message="no text to check"))

        findings: list[Finding] = []
        limit = self.policy.spec.max_findings_per_rule
        rules = self.policy.active_rules
        without_model: list[str] = []
        for position, rule in enumerate(rules):
            timeouts_before = len(deadline.timeouts) if deadline is not None else 0
            try:
                detections = list(islice(rule.instance.check(analyzed), limit + 1))
            except CheckTimeout as error:
                not_run = ", ".join(r.spec.id for r in rules[position:])
                diagnostics.append(Diagnostic(level="error", code="timeout", message=f"{error}; not run: {not_run}"))
                break
            except PatternTimeout as error:
                diagnostics.append(Diagnostic(level="error", code="pattern-timeout", rule=rule.spec.id, message=str(error)))
                continue
            except ModelTimeout as error:  # a rule that needs every embedding it asked for
                diagnostics.append(_model_timeout(rule, f"rule {rule.spec.id} skipped ({error})"))
                continue
            except ModelError as error:  # a broken model: reported once per run (model_errors), named here
                self._note_model_error(rule, error)
                without_model.append(rule.spec.id)
                continue
            except Exception as error:  # one failing rule must not take the others down
                diagnostics.append(self._rule_error(rule, *self.rule_failure(rule, error, analyzed)))
                continue
            if deadline is not None and len(deadline.timeouts) > timeouts_before:  # it made do with part of the model's work
                diagnostics.append(_model_timeout(rule, f"rule {rule.spec.id} had only part of the model's work "
                                                        f"({deadline.timeouts[-1]})"))
            if len(detections) > limit:
                del detections[limit:]
                diagnostics.append(Diagnostic(
                    level="warning", code="too-many-findings", rule=rule.spec.id,
                    message=f"rule {rule.spec.id} found more than {limit} problems in this document; the report lists the "
                            f"first {limit} (the policy's max_findings_per_rule)",
                ))
            try:
                findings.extend(self.to_findings(rule, analyzed, detections))
            except Exception as error:  # a malformed detection costs that rule's findings, not the document's
                diagnostics.append(self._rule_error(rule, f"gave a finding medguard cannot report: {error_text(error)}"))

        if without_model:
            diagnostics.append(Diagnostic(level="error", code="model-error",
                                          message=f"not run, the sentence model did not load: {', '.join(without_model)}"))
        _assign_fingerprints(findings)
        ranges, suppression_diagnostics = find_suppressions(analyzed.parsed, [r.spec.id for r in self.policy.rules])
        diagnostics.extend(suppression_diagnostics)
        apply_suppressions(findings, ranges)
        self._post_process(analyzed, findings, diagnostics)
        findings.sort(key=lambda f: (f.field != "title", f.start if f.start is not None else -1, f.rule))
        report = DocumentReport(
            source=source, id=document.id, findings=findings, diagnostics=diagnostics,
            decision=self.decide(findings, diagnostics),
        )
        return CheckedDocument(report, analyzed)

    def failed_report(self, source: str, document_id: str | None, diagnostics: list[Diagnostic]) -> DocumentReport:
        """The report for a document that could not be checked at all."""
        return DocumentReport(source=source, id=document_id, diagnostics=diagnostics, decision=self.decide([], diagnostics))

    def decide(self, findings: list[Finding], diagnostics: list[Diagnostic]) -> Decision:
        """Block, warn or pass from the worst active finding, and fail closed on errors if asked."""
        if self.policy.spec.on_error == "fail-closed" and any(d.level == "error" for d in diagnostics):
            return Decision.block
        thresholds = self.policy.spec.decision
        worst = max((f.severity.rank for f in findings if not f.suppressed), default=-1)
        if thresholds.block is not None and worst >= thresholds.block.rank:
            return Decision.block
        if thresholds.warn is not None and worst >= thresholds.warn.rank:
            return Decision.warn
        return Decision.pass_

    def model_error_lines(self) -> list[str]:
        """One line per reason the sentence model did not load, naming the rules it kept from running."""
        return [f"the sentence model did not load, so {len(rules)} rule(s) did not run ({', '.join(rules)}): {reason}"
                for reason, rules in self.model_errors.items()]

    def _note_model_error(self, rule: CompiledRule, error: ModelError) -> None:
        rules = self.model_errors.setdefault(str(error), [])
        if rule.spec.id not in rules:
            rules.append(rule.spec.id)

    def rule_failure(self, rule: CompiledRule, error: Exception, analyzed: AnalyzedDocument) -> tuple[str, str | None]:
        """What ``rule`` raising ``error`` on ``analyzed`` says (``raised ...``, or ``stopped: the
        'claims' analyzer (plugin p) raised ...`` when an analyzer it read raised it), and the
        plugin to blame: that analyzer's, else the rule type's."""
        plugin = self.host.plugin_of_rule_type(rule.spec.type)
        what = f"raised {error_text(error)}"
        if (analyzer := analyzed.analyzer_of(error)) is not None:
            plugin = self.host.analyzers.plugins.get(analyzer, plugin)
            what = f"stopped: the {analyzer!r} analyzer (plugin {plugin}) {what}"
        return what, plugin

    def _rule_error(self, rule: CompiledRule, what: str, plugin: str | None = None) -> Diagnostic:
        """A ``rule-error`` naming the rule, its type and the plugin to blame (by default, the one
        that registered the rule type)."""
        return Diagnostic(level="error", code="rule-error", rule=rule.spec.id,
                          plugin=plugin or self.host.plugin_of_rule_type(rule.spec.type),
                          message=f"rule {rule.spec.id} ({rule.spec.type}) {what}")

    def to_findings(self, rule: CompiledRule, analyzed: AnalyzedDocument, detections: Sequence[Detection]) -> list[Finding]:
        """The findings of a rule's detections; raises TypeError or ValueError (naming what is
        wrong) for something that is not a Detection, a span outside the text, or fields a
        Finding cannot hold (a confidence of 7.5, an explanation that is not JSON)."""
        return [self._finding(rule, analyzed, _valid(d, len(analyzed.text))) for d in detections]

    def _finding(self, rule: CompiledRule, analyzed: AnalyzedDocument, detection: Detection) -> Finding:
        spec = rule.spec
        finding = Finding(
            rule=spec.id, category=rule.category, severity=spec.severity,
            message=detection.message or spec.message, references=list(spec.references),
            confidence=detection.confidence, explanation=detection.explanation,
            suggestion=detection.suggestion or spec.suggestion, fingerprint="",
        )
        try:
            to_json(finding.explanation)
        except ValueError as error:  # it would cost the whole report when written
            raise ValueError(f"explanation cannot be written as JSON: {error}") from None
        if detection.start is not None and detection.end is not None:
            text, parsed = analyzed.text, analyzed.parsed
            finding.start, finding.end = detection.start, detection.end
            finding.excerpt = " ".join(text[detection.start:detection.end].split())
            if parsed.in_headline(detection.start):  # offsets into the title as sent; it has no line
                finding.field = "title"
                finding.source_start, finding.source_end = parsed.headline_map.span(
                    detection.start - parsed.headline_start, detection.end - parsed.headline_start)
            else:
                end = min(detection.end, max(parsed.body_end, detection.start))  # a span running into the title
                finding.source_start, finding.source_end = parsed.source_map.span(detection.start, end)
                finding.line, finding.column = parsed.source_map.line_column(finding.source_start)
                finding.end_line, finding.end_column = parsed.source_map.line_column(finding.source_end)
            sentence = analyzed.sentence_at(detection.start)
            if sentence is not None:
                finding._sentence = (text[sentence.start:sentence.end], detection.start - sentence.start, detection.end - sentence.start)
        finding._key = detection.key or finding.excerpt or ""
        return finding

    def _post_process(self, analyzed: AnalyzedDocument, findings: list[Finding], diagnostics: list[Diagnostic]) -> None:
        """Each ``medguard_process_findings`` implementation in turn, isolated: one that raises
        keeps what it changed; a finding it left invalid is put back as it was before it (or
        removed, if it added it), and said."""
        arguments = {"document": analyzed, "findings": findings}
        for impl in reversed(self.host.pm.hook.medguard_process_findings.get_hookimpls()):
            before = {id(f): (f, f.model_copy(deep=True)) for f in findings}  # the originals too: their ids stay theirs
            try:
                impl.function(**{name: arguments[name] for name in impl.argnames})  # as pluggy calls it: the arguments it names
            except Exception as error:
                diagnostics.append(Diagnostic(
                    level="error", code="plugin-error", plugin=impl.plugin_name,
                    message=f"{impl.plugin_name}.medguard_process_findings raised {error_text(error)}",
                ))
            kept: list[Finding] = []
            problems: list[str] = []
            restored = 0
            for finding in findings:
                if (problem := _invalid(finding, len(analyzed.text))) is None:
                    kept.append(finding)
                    continue
                problems.append(problem)
                original, copy = before.get(id(finding), (None, None))
                if original is finding and copy is not None:
                    kept.append(copy)
                    restored += 1
            if problems:
                findings[:] = kept
                outcome = [f"{restored} restored as they were before it"] if restored else []
                outcome += [f"{len(problems) - restored} it added removed"] if len(problems) > restored else []
                diagnostics.append(Diagnostic(
                    level="error", code="plugin-error", plugin=impl.plugin_name,
                    message=f"{impl.plugin_name}.medguard_process_findings left {len(problems)} invalid finding(s) "
                            f"({problems[0]}); {' and '.join(outcome)}",
                ))


def _invalid(finding: object, text_length: int) -> str | None:
    """What makes ``finding`` one medguard cannot report, or None; a valid one gets its fields
    as the model reads them (a severity written as its name, "info", becomes the Severity)."""
    if not isinstance(finding, Finding):
        return f"{type(finding).__name__} is not a Finding"
    try:
        valid = Finding.model_validate_json(finding.model_dump_json(warnings=False))
    except ValidationError as error:
        return one_line(error)
    except ValueError as error:  # a value JSON cannot hold
        return f"{type(error).__name__}: {error}"
    if (valid.start is None) != (valid.end is None) or (
            valid.start is not None and not 0 <= valid.start <= valid.end <= text_length):
        return f"span {valid.start}..{valid.end} is not inside the text (0..{text_length})"
    for name in Finding.model_fields:
        setattr(finding, name, getattr(valid, name))
    return None


def _valid(detection: object, text_length: int) -> Detection:
    """``detection`` if it is a Detection whose span lies in the text (int offsets, both ends or
    neither) and whose ``key`` is text or None."""
    if not isinstance(detection, Detection):
        raise TypeError(f"check() yielded {type(detection).__name__}, not a medguard.Detection")
    start, end = detection.start, detection.end
    if (start is None) != (end is None):
        raise ValueError(f"a detection gives both start and end or neither (got start={start}, end={end})")
    if start is not None and any(isinstance(v, bool) or not isinstance(v, int) for v in (start, end)):
        raise TypeError(f"start and end must be int offsets (got {start!r}, {end!r})")
    if start is not None and not 0 <= start <= end <= text_length:
        raise ValueError(f"span {start}..{end} is not inside the text (0..{text_length})")
    if detection.key is not None and not isinstance(detection.key, str):
        raise TypeError(f"key must be a str or None (got {type(detection.key).__name__})")
    return detection


def _size(count: int) -> str:
    """A byte count as people read it: "812 bytes", "4.2 KB", "12.0 MB"."""
    if count < 1024:
        return f"{count:,} bytes"
    return f"{count / 1024:.1f} KB" if count < 1_048_576 else f"{count / 1_048_576:.1f} MB"


def _model_timeout(rule: CompiledRule, message: str) -> Diagnostic:
    """The diagnostic of a rule the model's deadline cut short: a warning, or an error when the
    policy marks the rule required (so fail-closed blocks)."""
    return Diagnostic(level="error" if rule.spec.required else "warning", code="model-timeout", rule=rule.spec.id,
                      message=message)


def _assign_fingerprints(findings: list[Finding]) -> None:
    """Hash of rule, normalised key and occurrence number: stable when unrelated text moves."""
    seen: Counter[tuple[str, str]] = Counter()
    for finding in findings:
        key = " ".join(finding._key.lower().split())
        occurrence = seen[(finding.rule, key)]
        seen[(finding.rule, key)] += 1
        digest = hashlib.sha256(f"{finding.rule}\0{key}\0{occurrence}".encode()).hexdigest()
        finding.fingerprint = digest[:20]

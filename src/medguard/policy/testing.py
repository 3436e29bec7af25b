"""``medguard policy test``: run each rule's ``examples`` as tests (semgrep's ruleid:/ok: idea)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine import Engine
from ..models import Document
from ..rule_types.base import Detection
from .loader import CompiledRule
from .validation import error_text


@dataclass(slots=True)
class ExampleFailure:
    expected: str
    """``flag`` or ``pass``."""
    example: str
    detail: str
    line: int | None = None
    """Where the example is written (its rule's line when the file does not say)."""


@dataclass(slots=True)
class RuleTestResult:
    rule: CompiledRule
    flagged: int = 0
    passed: int = 0
    failures: list[ExampleFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def run_rule_examples(engine: Engine, rule: CompiledRule) -> RuleTestResult:
    """Each ``flag`` example must give the rule a finding; each ``pass`` example none."""
    result = RuleTestResult(rule)
    examples = rule.spec.examples
    for expected, texts in (("flag", examples.flag), ("pass", examples.pass_)):
        for index, text in enumerate(texts):
            line = rule.origin.example_lines.get((expected, index), rule.origin.line)
            analyzed = engine.analyze(Document(body=text, format="text"))
            try:
                detections = list(rule.instance.check(analyzed))
            except Exception as error:  # as `check` would report it: naming the analyzer, when one raised
                result.failures.append(ExampleFailure(expected, text, f"rule {engine.rule_failure(rule, error, analyzed)[0]}", line))
                continue
            try:
                engine.to_findings(rule, analyzed, detections)
            except Exception as error:  # what `check` would report as a rule-error
                result.failures.append(ExampleFailure(expected, text, f"rule gave a finding medguard cannot report: "
                                                                      f"{error_text(error)}", line))
                continue
            if expected == "flag" and detections:
                result.flagged += 1
            elif expected == "pass" and not detections:
                result.passed += 1
            elif expected == "flag":
                try:
                    why = rule.instance.why_not(analyzed)
                except Exception as error:  # a bug in the explanation must not hide the failure it explains
                    why = f"why_not raised {error_text(error)}"
                result.failures.append(ExampleFailure(expected, text, "expected a finding, got none" + (f" ({why})" if why else ""), line))
            else:
                found = ", ".join(_found(rule, text, d) for d in detections)
                result.failures.append(ExampleFailure(expected, text, f"expected no finding, got {found}", line))
    return result


def _found(rule: CompiledRule, text: str, detection: Detection) -> str:
    """A detection a ``pass`` example should not have given: its text, and the rule's why."""
    found = repr(text[detection.start:detection.end]) if detection.start is not None else "document-level finding"
    try:
        why = rule.instance.why(detection)
    except Exception as error:  # a bug in the explanation must not hide the failure it explains
        why = f"why raised {error_text(error)}"
    return f"{found} ({why})" if why else found

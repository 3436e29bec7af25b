"""``type: pattern`` — flag phrases or regular expressions, unless an exception is nearby.

Example::

    - id: absolute.miracle
      type: pattern
      severity: error
      message: "'Miracle' promises an outcome no treatment can guarantee."
      options:
        phrases: [miracle cure, wonder drug]
        exceptions: {phrases: [no miracle cure, not a miracle]}
"""

from __future__ import annotations

from pydantic import Field, model_validator

from ..hookspecs import hookimpl
from .base import Detection, RuleType
from .matchers import Matcher


class PatternOptions(Matcher):
    exceptions: Matcher = Field(default_factory=Matcher, description="Skip a match inside a sentence where one of these matches.")
    timeout_ms: int = Field(250, ge=1, le=10_000, description="Time limit for each pattern on each document.")

    @model_validator(mode="after")
    def _has_something_to_match(self) -> "PatternOptions":
        if self.is_empty():
            raise ValueError("give at least one of `phrases` or `patterns`")
        return self


class PatternRule(RuleType):
    name = "pattern"
    description = "Flags phrases or regular expressions, with exceptions, in the rule's scope."
    Options = PatternOptions

    def check(self, document):
        options: PatternOptions = self.options
        timeout = options.timeout_ms / 1000
        for block in document.in_scope(self.spec.scope):
            for hit in options.find(document.text, block.start, block.end, timeout):
                sentence = document.sentence_at(hit.start)
                if sentence and options.exceptions.find(document.text, sentence.start, sentence.end, timeout):
                    continue
                yield Detection(hit.start, hit.end, explanation={"matched": hit.text, "pattern": hit.pattern})


@hookimpl
def medguard_register_rule_types():
    return [PatternRule]

"""``type: requires`` — when A appears, B must appear in the same sentence, block, section or document.

Example::

    - id: evidence.studies-need-a-source
      type: requires
      message: "'Studies show' needs the study: name it or link it."
      options:
        if: {phrases: [studies show, research proves]}
        then: {patterns: ['https?://', 'doi\\.org', '\\(\\w+ et al\\.?,? \\d{4}\\)']}
        within: block
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..hookspecs import hookimpl
from .base import Detection, RuleType
from .matchers import Matcher


class RequiresOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    if_: Matcher = Field(alias="if", description="What triggers the requirement.")
    then: Matcher = Field(description="What must then be present.")
    within: Literal["sentence", "block", "section", "document"] = "block"
    timeout_ms: int = Field(250, ge=1, le=10_000)

    @field_validator("if_", "then")
    @classmethod
    def _has_something_to_match(cls, matcher: Matcher) -> Matcher:
        """An empty ``if`` would never fire and an empty ``then`` would fire on every trigger."""
        if matcher.is_empty():
            raise ValueError("give at least one of `phrases` or `patterns`")
        return matcher


class RequiresRule(RuleType):
    name = "requires"
    description = "When a trigger appears, requires another phrase or pattern within the same unit."
    Options = RequiresOptions

    def check(self, document):
        options: RequiresOptions = self.options
        timeout = options.timeout_ms / 1000
        satisfied_units: dict[tuple[int, int], bool] = {}
        for block in document.in_scope(self.spec.scope):
            for hit in options.if_.find(document.text, block.start, block.end, timeout):
                unit = document.unit_span(hit.start, options.within)
                if unit not in satisfied_units:
                    satisfied_units[unit] = bool(options.then.find(document.text, *unit, timeout=timeout))
                if not satisfied_units[unit]:
                    yield Detection(hit.start, hit.end, explanation={
                        "trigger": hit.text,
                        "required": options.then.phrases + options.then.patterns,
                        "searched": options.within,
                    })


@hookimpl
def medguard_register_rule_types():
    return [RequiresRule]

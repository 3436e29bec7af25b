"""The shape of a YAML policy pack, as pydantic models (validated with file:line:column errors)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..ingest.base import BLOCK_KINDS, SCOPE_ALIASES
from ..ml.settings import MLSettings
from ..models import Severity

ScopeName = Literal[BLOCK_KINDS + tuple(SCOPE_ALIASES)]  # type: ignore[valid-type]

BUILTIN_CATEGORIES = ("custom", "unsupported-efficacy", "absolute-language", "safety-minimization", "drug-comparison",
                      "missing-risk-disclosure", "off-label")
"""The policy families of medguard's rule types (a rule's ``category:`` may also name one of its own)."""


class Examples(BaseModel):
    """Sentences or short passages a rule must flag, and ones it must let pass."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    flag: list[str] = Field(default_factory=list)
    pass_: list[str] = Field(default_factory=list, alias="pass")


class RuleSpec(BaseModel):
    """One rule of a pack, as written in YAML."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", description="Unique id, e.g. efficacy.unsupported-claim.")
    type: str = Field(description="A registered rule type (`medguard plugins` lists them).")
    severity: Severity = Severity.warning
    message: str
    category: str | None = Field(None, description="Policy family; defaults to the rule type's.")
    references: list[str] = Field(default_factory=list)
    options: dict[str, Any] = Field(default_factory=dict)
    scope: list[ScopeName] | None = None
    suggestion: str | None = None
    enabled: bool = True
    required: bool = Field(False, description="Fail instead of skipping when the rule type cannot run.")
    examples: Examples = Field(default_factory=Examples)


class DecisionSpec(BaseModel):
    """Which severities block publication and which only warn."""

    model_config = ConfigDict(extra="forbid")

    block: Severity | None = Severity.error
    warn: Severity | None = Severity.warning


class SettingsSpec(BaseModel):
    """The ``settings:`` medguard reads. A plugin may read settings of its own under other names."""

    model_config = ConfigDict(extra="allow", protected_namespaces=())

    interventions: list[str] = Field(default_factory=list, description="Your own product names, found like drug names.")
    ml: MLSettings | None = Field(None, description="The model layer (docs/ml.md); environment variables override it.")


class PolicySpec(BaseModel):
    """A policy pack: a named, versioned list of rules and how to decide."""

    model_config = ConfigDict(extra="forbid")

    name: str
    version: str
    description: str = ""
    extends: str | None = Field(None, description="A pack to build on: a built-in name or a path.")
    decision: DecisionSpec = Field(default_factory=DecisionSpec)
    on_error: Literal["fail-open", "fail-closed"] = Field(
        "fail-closed",
        description="When a rule fails: fail-closed blocks the document, fail-open decides from the findings alone.",
    )
    settings: dict[str, Any] = Field(default_factory=dict, description="Options shared by the analyzers.")
    max_findings_per_rule: int = Field(
        100, ge=1, description="Findings one rule may report in one document; beyond it, a too-many-findings warning "
                               "says how many the report lists. Bounds the report (and the memory) of a pathological page.")
    rules: list[RuleSpec] = Field(default_factory=list)

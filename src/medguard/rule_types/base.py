"""The contract between a rule type and the engine.

A rule type is a class registered with ``medguard_register_rule_types``; a policy rule names it
in ``type:`` and configures it with ``options:``, validated by the class's ``Options`` model. The
engine builds one instance per rule and calls :meth:`RuleType.check` on each document; the rule
yields :class:`Detection` objects, which the engine turns into findings (adding the rule's id,
severity, references, positions and fingerprint).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterable

from pydantic import BaseModel, ConfigDict, Field

from ..analysis.document import expand_scope
from ..analysis.voice import is_patient_leaflet

if TYPE_CHECKING:
    from ..analysis.document import AnalyzedDocument
    from ..policy.model import RuleSpec


class NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LeafletOptions(BaseModel):
    """Options of a rule that leaves patient leaflets alone unless asked: what a leaflet says of its
    medicine (what it does, how it compares, what it is for) is its labelling. A rule type's
    ``Options`` subclasses this and its ``check`` starts with :meth:`RuleType.leaves_alone`."""

    model_config = ConfigDict(extra="forbid")

    include_leaflets: bool = Field(
        False, description="Also check patient leaflets (a page that calls itself a leaflet and reads like one, unpriced), "
        "whose statements of what the medicine does, how it compares and what it is for are its labelling, written "
        "from the approved product information.")


@dataclass(slots=True)
class Detection:
    """What a rule found: a span of the document's text (or none, for document-level findings)."""

    start: int | None
    end: int | None
    message: str | None = None
    """Overrides the rule's message when set; may use details the rule found."""
    confidence: float = 1.0
    explanation: dict[str, Any] = field(default_factory=dict)
    suggestion: str | None = None
    key: str | None = None
    """What identifies this finding across edits (the fingerprint); defaults to the excerpt."""


class RuleType:
    """Base class for rule types. Subclasses set ``name`` and implement :meth:`check`."""

    name: ClassVar[str]
    category: ClassVar[str] = "custom"
    description: ClassVar[str] = ""
    Options: ClassVar[type[BaseModel]] = NoOptions

    def __init__(self, spec: RuleSpec, options: BaseModel):
        self.spec = spec
        self.options = options

    @classmethod
    def unavailable_reason(cls) -> str | None:
        """Why this rule type cannot run here (an extra not installed), or None."""
        return None

    def in_scope(self, document: AnalyzedDocument, offset: int) -> bool:
        """Whether the text at ``offset`` lies in a block this rule's ``scope:`` covers."""
        if not self.spec.scope:
            return True
        block = document.block_at(offset)
        return block is not None and block.kind in expand_scope(self.spec.scope)

    def leaves_alone(self, document: AnalyzedDocument) -> bool:
        """Whether this rule skips ``document`` as a patient leaflet (its options are
        :class:`LeafletOptions` with ``include_leaflets`` false)."""
        return (isinstance(self.options, LeafletOptions) and not self.options.include_leaflets
                and is_patient_leaflet(document.text))

    def prepare(self, documents: list[AnalyzedDocument]) -> None:
        """Called with a batch of documents before each is checked: a rule can do batched work
        here (embed all their candidate sentences at once) so that ``check`` finds it done.
        Optional; an error here is ignored and ``check`` does the work itself."""

    def check(self, document: AnalyzedDocument) -> Iterable[Detection]:
        raise NotImplementedError

    def why_not(self, document: AnalyzedDocument) -> str | None:
        """Why ``check`` found nothing in ``document``, for ``medguard policy test`` to show
        beside a ``flag`` example that failed. Optional; None says nothing more."""
        if self.leaves_alone(document):
            return "the page is a patient leaflet, which this rule leaves alone (set include_leaflets: true to check it)"
        return None

    def why(self, detection: Detection) -> str | None:
        """Why ``check`` gave ``detection``, for ``medguard policy test`` to show beside a
        ``pass`` example that failed. Optional; None says nothing more."""
        return None

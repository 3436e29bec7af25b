"""``type: classifier`` — a trained sentence head reads the sentences the rules left undecided.

The rule analysis finds claims by their words: a benefit verb with its subject, a comparative
with a treatment on each side. A paraphrase with neither ("Nine out of ten patients are back on
their feet within a month", "Ditch the sleeping pills: this leaves no morning grogginess") goes
through. A classifier rule asks a head trained on the project's reviewer pages
(:mod:`medguard.analysis.sentence_heads`) about each sentence the analysis did not decide for the
head's family, and flags it when the head's probability reaches the threshold::

    - id: efficacy.learned-claim
      type: classifier
      category: unsupported-efficacy
      severity: warning
      message: Reads as an efficacy claim with no evidence nearby.
      options:
        head: unsupported          # or comparison, safety
        threshold: 0.7             # default: the head's own, chosen by cross-validation

A sentence is read only on a page that sells to its reader (``pages: selling``, the default: a
diet influencer sells without naming a drug) or, with ``pages: all``, on any page that names a
treatment, when it has ``min_words`` words and no evidence in its ``evidence_window``; it is
flagged only when it is also not hedged ("may help"), not a reader's question, not attributed to
a named source, a study or a quotation (a customer's testimonial stays: the seller's claim), and,
for the unsupported and comparison heads, does not deny its claim ("does not cure"). The
explanation gives the head's probability, its threshold and the words that weighed most.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..analysis.claims import PUBLISHERS_OWN, attribution_on_page
from ..analysis.cues import is_readers_question
from ..analysis.sentence_heads import default_heads
from ..analysis.voice import sells_to_reader
from ..hookspecs import hookimpl
from ..ml import cues, polarity
from .base import Detection, RuleType


@dataclass(frozen=True, slots=True)
class Stance:
    """How a sentence says what it says: what the filters of a classifier rule read."""

    hedged: bool
    question: bool
    """A question in the reader's voice."""
    denied: bool
    """Denies its claim ("does not cure")."""
    attributed: bool
    """To someone other than the publisher: a named source, a study, a quotation or a testimonial,
    except a testimonial on a page that sells and a quote in a press release (``attribution_on_page``)."""


class SentenceReadings:
    """The ``sentence_readings`` annotation, shared by every classifier rule: each sentence's word
    count and its :class:`Stance` (asked for only for the sentences a head would flag), each worked
    out when first asked for. (What the heads weigh is the analysis's ``sentence_features``.)"""

    def __init__(self, document):
        self._document = document
        self._counts: dict[int, int] = {}
        self._stances: dict[int, Stance] = {}

    def count(self, index: int) -> int:
        found = self._counts.get(index)
        if found is None:
            found = self._counts[index] = len(self._document.sentence_text(self._document.sentences[index]).split())
        return found

    def stance(self, index: int) -> Stance:
        found = self._stances.get(index)
        if found is None:
            document = self._document
            sentence = document.sentences[index]
            line = document.sentence_line(sentence)
            block = document.blocks[sentence.block]
            middle = (sentence.start + sentence.end) // 2  # a sentence mostly inside quotation marks is a quote
            attribution = attribution_on_page(document.text, sentence.start, sentence.end, middle, block.kind, block.start)
            found = self._stances[index] = Stance(
                cues.is_hedged(line), is_readers_question(line), polarity.denial(line) is not None,
                attribution not in PUBLISHERS_OWN)
        return found


def decided_sentences(document, head: str) -> set[int]:
    """Sentences whose question the rule analysis has already answered for ``head``'s family:
    those with a benefit claim about a named subject (unsupported), a comparison (comparison) or
    a safety claim (safety). The rules flag these or let them through for a reason they explain;
    a head reads only the rest."""
    if head == "comparison":
        return {comparison.sentence for comparison in document.annotation("comparisons")}
    kind = "safety" if head == "safety" else "benefit"
    return {claim.sentence for claim in document.annotation("claims") if claim.kind == kind and claim.subject is not None}


class ClassifierOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    head: Literal["unsupported", "comparison", "safety"] = Field(description="Which trained head reads the sentences.")
    threshold: float | None = Field(
        None, ge=0.0, le=1.0, description="The head's probability from which a sentence is flagged (default: the head's own).")
    evidence_window: Literal["sentence", "block", "section", "document", "none"] = Field(
        "block", description="Where evidence (a link, citation, footnote or figure) lets a sentence through; none: never.")
    hedging: Literal["skip", "ignore"] = Field("skip", description="skip: leave hedged sentences ('may help') alone.")
    questions: Literal["skip", "ignore"] = Field("skip", description="skip: leave a reader's question alone.")
    min_words: int = Field(5, ge=1, description="Ignore sentences shorter than this.")
    pages: Literal["selling", "all"] = Field(
        "selling", description="selling: only pages that speak to their reader as a seller does (you, we/our, calls to "
        "action, prices), the kind the heads were trained on, whether or not they name a treatment; all: every page "
        "that names a treatment.")


class ClassifierRule(RuleType):
    name = "classifier"
    description = "A trained sentence head flags the sentences the rule analysis left undecided."
    Options = ClassifierOptions

    def sentences(self, document) -> list[tuple[int, Any]]:
        """(index, sentence) of the sentences the head reads: on a page that sells (``pages:
        selling``) or names a treatment (``pages: all``), undecided by the analysis for the head's
        family, in scope, with ``min_words`` words and no evidence in the ``evidence_window``."""
        options: ClassifierOptions = self.options
        if not (sells_to_reader(document.text) if options.pages == "selling" else document.annotation("interventions").items):
            return []
        decided = decided_sentences(document, options.head)
        evidence = document.annotation("evidence") if options.evidence_window != "none" else None
        readings: SentenceReadings = document.annotation("sentence_readings")
        evidenced: dict[tuple[int, int], bool] = {}
        selected = []
        for index, sentence in enumerate(document.sentences):
            if index in decided or not self.in_scope(document, sentence.start) or readings.count(index) < options.min_words:
                continue
            if evidence is not None:
                unit = document.unit_span(sentence.start, options.evidence_window)
                if unit not in evidenced:
                    evidenced[unit] = bool(evidence.within(*unit))
                if evidenced[unit]:
                    continue
            selected.append((index, sentence))
        return selected

    def stance_skip(self, document, index: int) -> str | None:
        """Why the rule leaves sentence ``index`` alone whatever the head says (hedged, a reader's
        question, attributed, or denying its claim), or None."""
        options: ClassifierOptions = self.options
        stance = document.annotation("sentence_readings").stance(index)
        if stance.attributed:
            return "attributed to a named source, a study, a quotation or a testimonial"
        if stance.hedged and options.hedging == "skip":
            return "hedged (hedging: skip)"
        if stance.question and options.questions == "skip":
            return "a reader's question (questions: skip)"
        if stance.denied and options.head != "safety":
            return "it denies its claim"
        return None

    def check(self, document):
        for sentence, probability, explanation, skipped in self.verdicts(document):
            if skipped is None:
                yield Detection(sentence.start, sentence.end, confidence=round(probability, 4), explanation=explanation)

    def why_not(self, document) -> str | None:
        verdicts = list(self.verdicts(document))
        if not verdicts:
            return ("no sentence for the head to read: the page does not sell to its reader (pages: all reads every page "
                    "that names a treatment), or each sentence is decided by the rule analysis, too short or near evidence")
        sentence, probability, _, skipped = max(verdicts, key=lambda verdict: verdict[1])
        return f"the head {self.options.head!r} gives {probability:.3f} at most ({document.sentence_line(sentence)!r}): {skipped}"

    def why(self, detection: Detection) -> str | None:
        found = detection.explanation
        return f"the head {found['head']!r} gives {found['probability']:.3f}, threshold {found['threshold']:g}"

    def verdicts(self, document):
        """(sentence, probability, explanation, why it is not flagged or None) for each sentence the
        head reads. Below the threshold the explanation is None: the stance filters and the
        explanation are worked out only for the sentences at or above it."""
        heads = default_heads()
        head = heads.heads[self.options.head]
        threshold = self.options.threshold if self.options.threshold is not None else head.threshold
        below = f"below the threshold {threshold:g}"
        sentence_features = document.annotation("sentence_features")
        for index, sentence in self.sentences(document):
            found = sentence_features[index]
            probability = head.probability(found)
            if probability < threshold:
                yield sentence, probability, None, below
                continue
            yield sentence, probability, {
                "head": head.name, "probability": round(probability, 4), "threshold": threshold,
                "strongest_features": head.explain(found), "heads_version": heads.version, "sentence_index": index,
                "decided_by": "sentence head (the rule analysis found no claim of this family here)",
            }, self.stance_skip(document, index)


@hookimpl
def medguard_register_rule_types():
    return [ClassifierRule]


@hookimpl
def medguard_register_analyzers():
    return {"sentence_readings": SentenceReadings}

"""Drug-comparison framing: a drug set against another drug, a class or "other treatments" on
efficacy, speed, safety, cost or convenience, without head-to-head evidence cited."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from medguard import Detection, LeafletOptions, RuleType, hookimpl

__version__ = "0.1.0"

Dimension = Literal["efficacy", "speed", "safety", "cost", "convenience"]


class ComparisonOptions(LeafletOptions):
    dimensions: list[Dimension] = Field(
        ["efficacy", "speed", "safety", "cost", "convenience"], description="Which comparisons to flag.")
    against: list[Literal["drug", "class", "other-treatments", "field"]] = Field(
        ["drug", "class", "other-treatments", "field"],
        description="What the other side may be: a named drug, a drug class, vague 'other treatments', or the whole field ('the only', 'the most effective').")
    scored: bool = Field(
        True, description="Also flag comparisons that only the comparison scorer finds (two treatments set against each other "
                          "in words no construction lists); false keeps to the listed constructions.")


class DrugComparison(RuleType):
    name = "drug-comparison"
    category = "drug-comparison"
    description = "Comparisons with other drugs, classes or 'other treatments' without head-to-head evidence."
    Options = ComparisonOptions

    def check(self, document):
        options: ComparisonOptions = self.options
        if self.leaves_alone(document):
            return
        for comparison in document.annotation("comparisons"):
            if comparison.right_kind not in options.against or comparison.head_to_head:
                continue
            if comparison.construction == "scored" and not options.scored:
                continue
            if not self.in_scope(document, comparison.start):
                continue
            dimensions = [d for d in comparison.dimensions if d in options.dimensions]
            if not dimensions:
                continue
            if comparison.left and comparison.right and comparison.left.text and comparison.left.text.lower() == comparison.right.lower():
                continue
            sentence = document.sentences[comparison.sentence]
            treatment = document.annotation("interventions").named(comparison.left) if comparison.left else "the treatment"
            framing = (f"{treatment} and {comparison.right} set against each other" if comparison.construction == "scored"
                       else f"{treatment} set against {comparison.right}")
            yield Detection(
                sentence.start, sentence.end,
                message=f"Comparative claim: {framing} on {', '.join(dimensions)} with no head-to-head evidence cited.",
                confidence=0.8 if comparison.right_kind in ("drug", "class") else 0.7,
                explanation={**comparison.explain(), "evidence_searched": {"window": "sentence", "looked_for": [
                    "named head-to-head trial", "journal and year", "DOI", "PMID", "NCT id"], "found": []}},
                suggestion="Cite the head-to-head trial (name, journal, year) that supports the comparison, or describe each treatment on its own evidence.",
                key=f"{comparison.right}|{document.text[sentence.start:sentence.end]}",
            )


@hookimpl
def medguard_register_rule_types():
    return [DrugComparison]

"""Safety minimisation: "safe", "no/fewer side effects", "non-addictive", without qualification (patient
leaflets aside: their reassurance is labelling)."""

from __future__ import annotations

import re

from typing import Literal

from pydantic import Field

from medguard import IDENTIFIABLE, Detection, LeafletOptions, RuleType, hookimpl
from medguard.ml import claim_strength

__version__ = "0.1.0"


_DISMISSAL = re.compile(r"nothing to (?:worry|fear|be)|harmless|myths?\b|overblown|exaggerated|overstated|hype|out of proportion|non-?issue|"
                        r"the only (?:thing|side|downside)|a sign|peace of mind|the worst of it|vanishingly|no such thing|second thought|"
                        r"thing of the past|part of the picture|need to worry|won['’]t fix|barely notice|in (?:their|our|my) sleep|never (?:a|an) |"
                        r"surprises|second thought|stand in the way|your body|the body|nothing in|a breeze", re.I)
"""Safety words that wave harms away ("side effects are a myth", "usually nothing to worry about",
"those scan changes are usually harmless"): harms named beside them are what they dismiss, not a
qualification, and a hedge beside them ("usually", "some people", "you may have read") does not
soften them."""


class SafetyOptions(LeafletOptions):
    qualified_within: Literal["sentence", "block"] = Field(
        "sentence", description="Where a specific risk statement qualifies the claim (a cited source does anywhere in its block).")
    include_attributed: bool = Field(True, description="Also flag quoted and testimonial safety claims (the publisher chose to print them).")
    strength: Literal["rules", "model"] = Field(
        "rules", description="Who decides whether a safety claim is hedged: the rule analysis, or also the "
        "claim-strength head on the sentence model (needs the ml extra; without it the rule analysis decides).")


class SafetyMinimization(RuleType):
    name = "safety-minimization"
    category = "safety-minimization"
    description = "Claims that a treatment is safe, has no or fewer side effects, or is non-addictive, without qualification."
    Options = SafetyOptions

    def prepare(self, documents):
        if self.options.strength == "model":
            claim_strength.prepare_claims(documents, ["safety"])

    def check(self, document):
        options: SafetyOptions = self.options
        if self.leaves_alone(document):
            return
        evidence = document.annotation("evidence")
        risks = document.annotation("risks")
        claims = [c for c in document.annotation("claims") if c.kind == "safety" and c.subject is not None]
        by_model, model_missing = claim_strength.claim_strengths(document, claims) if options.strength == "model" else ({}, None)
        for claim in claims:
            strength, strength_by = claim_strength.decide("direct", by_model.get(claim.sentence), options.strength, model_missing)
            if strength != "direct":
                continue  # the model reads a hedge the rules missed
            if not self.in_scope(document, claim.start):
                continue
            if not claim.publisher_voice and not options.include_attributed:
                continue
            window = document.unit_span(claim.start, options.qualified_within)
            block = document.unit_span(claim.start, "block")  # a source cited in the paragraph backs "safe and effective"
            dismisses = any(_DISMISSAL.search(c.text) for c in claim.cues)  # the harms it names are what it waves away
            qualifiers = [] if dismisses else [s for s in risks.specific if window[0] <= s.start < window[1]]
            cited = [e for e in evidence.within(*block) if e.kind in IDENTIFIABLE]
            hedges = [] if dismisses else claim.hedges
            if qualifiers or cited or hedges:
                continue
            words = ", ".join(f"“{c.text}”" for c in claim.cues)
            subject = document.annotation("interventions").named(claim.subject)
            where = "in the same block" if options.qualified_within == "block" else "in the same sentence, nor a source in its block,"
            yield Detection(
                claim.cues[0].start, claim.cues[-1].end,
                message=(f"Safety minimisation: {words} about {subject} waves the harms away, with no source in its block."
                         if dismisses else f"Safety minimisation: {words} about {subject} with no risk information {where} to qualify it."),
                confidence=0.85 if claim.publisher_voice else 0.7,
                explanation={"claim": claim.explain() | strength_by, "qualification_searched": {
                    "window": options.qualified_within, "span": list(window), "sources_span": list(block),
                    "looked_for": ["specific risk statement", "identifiable source", "hedge"], "found": []}},
                suggestion="State the specific risks alongside the claim (common and serious side effects, dependence, who should not use it) or remove the claim.",
                key=f"{claim.subject.canonical}|{document.text[claim.start:claim.end]}",
            )


@hookimpl
def medguard_register_rule_types():
    return [SafetyMinimization]

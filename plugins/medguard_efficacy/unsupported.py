"""``type: unsupported-claim`` — an assertive benefit claim about an intervention, in the
publisher's own voice, with no supporting evidence within the configured window."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from medguard import Detection, LeafletOptions, RuleType
from medguard.ml import claim_strength

EvidenceKind = Literal["link", "citation", "footnote", "quantified"]


class UnsupportedClaimOptions(LeafletOptions):
    window: Literal["sentence", "block", "section", "document"] = Field(
        "block", description="Where evidence for a claim may stand: its sentence, block (paragraph), section or the whole document.")
    evidence: list[EvidenceKind] = Field(
        ["link", "citation", "footnote", "quantified"], description="What counts as support.")
    include_hedged: bool = Field(False, description="Also flag hedged (may/might/could) claims.")
    include_attributed: bool = Field(False, description="Also flag claims attributed to a named source or quoted.")
    include_endorsements: bool = Field(
        True, description="Flag customers' testimonials on a page that sells to its reader: the seller's own claims "
        "(FTC Endorsement Guides, 16 CFR 255.2). Set false to leave them to a human reviewer.")
    include_issuer_quotes: bool = Field(
        True, description="Flag the quotes in an organisation's own press release (its executives', investigators' and "
        "patients' words, chosen to promote what it announces) as its claims. Set false to treat them as attributed.")
    claim_kinds: list[Literal["benefit", "safety"]] = Field(["benefit"], description="Which claims to check.")
    strength: Literal["rules", "model"] = Field(
        "rules", description="Who decides whether a claim is assertive: the rule analysis, or the claim-strength "
        "head on the sentence model (needs the ml extra; without it the rule analysis decides).")


class UnsupportedClaim(RuleType):
    name = "unsupported-claim"
    category = "unsupported-efficacy"
    description = "Assertive benefit claims about an intervention with no evidence nearby."
    Options = UnsupportedClaimOptions

    def prepare(self, documents):
        if self.options.strength == "model":
            claim_strength.prepare_claims(documents, self.options.claim_kinds)

    def check(self, document):
        options: UnsupportedClaimOptions = self.options
        if self.leaves_alone(document):
            return
        evidence = document.annotation("evidence")
        claims = [c for c in document.annotation("claims") if c.kind in options.claim_kinds and c.subject is not None]
        by_model, model_missing = claim_strength.claim_strengths(document, claims) if options.strength == "model" else ({}, None)
        label_uses = _label_uses(document.text)
        for claim in claims:
            if not claim.effect_cues or not self.in_scope(document, claim.start):
                continue  # "a patch for the treatment of migraines" states a use, not an effect
            if label_uses and claim.effect_cues[0].text.lower() in label_uses:
                continue  # "Relieves sneezing, runny nose…" restates the Drug Facts label's "Uses"
            if not claim.publisher_voice and not options.include_attributed:
                continue
            if claim.attribution == "endorsement" and not (options.include_endorsements or options.include_attributed):
                continue
            if claim.attribution == "issuer-quote" and not (options.include_issuer_quotes or options.include_attributed):
                continue
            strength, strength_by = claim_strength.decide(claim.strength, by_model.get(claim.sentence), options.strength, model_missing)
            if strength != "direct" and not options.include_hedged:
                continue
            unit = _window(document, claim, options.window)
            window = document.unit_span(claim.start, unit)
            support = [e for e in evidence.within(*window) if e.kind in options.evidence
                       and not any(c.start <= e.start and e.end <= c.end for c in claim.cues)]  # "87% of women saw smoother thighs" is the claim
            if support:
                continue
            score, reasons = _confidence(claim)
            subject = document.annotation("interventions").named(claim.subject)
            yield Detection(
                claim.start, claim.end,
                message=f"Unsupported efficacy claim about {subject}: “{claim.effect_cues[0].text}” is asserted with no evidence in the same {unit}.",
                confidence=score,
                explanation={
                    "claim": claim.explain() | strength_by,
                    "evidence_searched": {"window": unit, "span": list(window), "accepted": options.evidence, "found": []},
                    "score": reasons,
                },
                suggestion=("Cite the evidence next to the claim (the study: authors or trial name, journal, year, or a "
                            "link), or say what it showed and in whom; otherwise remove the claim."),
                key=f"{claim.subject.canonical}|{document.text[claim.start:claim.end]}",
            )


_DRUG_FACTS_USES = re.compile(r"\bUses?\s*:\s*(.{1,400}?)(?=\bWarnings?\b|$)", re.S)


def _label_uses(text: str) -> str:
    """The "Uses" of an OTC product's Drug Facts label on the page (lower case), or "": a claim in
    the label's own words is the approved labelling, not a claim the page must substantiate."""
    if "Drug Facts" not in text:
        return ""
    uses = _DRUG_FACTS_USES.search(text)
    return uses.group(1).lower() if uses else ""


_UNITS = ("sentence", "block", "section", "document")


def _window(document, claim, unit: str) -> str:
    """Where evidence for ``claim`` may stand: a heading's claim is supported in its section, a
    title's anywhere in the document (a headline sums up what follows), else ``unit``."""
    kind = document.blocks[document.sentences[claim.sentence].block].kind
    widest = "document" if kind == "title" else "section" if kind == "heading" else unit
    return max(unit, widest, key=_UNITS.index)


def _confidence(claim) -> tuple[float, list[str]]:
    """An explained score: how sure the analysis is that this is an unsupported claim."""
    score, reasons = 0.6, ["base 0.60: assertive benefit claim in the publisher's voice"]
    if claim.subject.kind in ("generic", "brand", "product", "policy"):
        score += 0.15
        reasons.append("+0.15 names a specific intervention")
    elif claim.subject.kind == "implied":
        score -= 0.1
        reasons.append(f"-0.10 subject inferred ({claim.subject_found_by})")
    if claim.absolute:
        score += 0.1
        reasons.append("+0.10 absolute language")
    if claim.establishment:
        score += 0.1
        reasons.append("+0.10 promises evidence it does not give")
    if claim.softeners:
        reasons.append("+0.00 'promising'/'pilot'/'early' do not make a claim supported")
    return round(min(score, 0.95), 2), reasons

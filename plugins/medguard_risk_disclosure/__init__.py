"""Missing risk disclosure (fair balance): a document that promotes an intervention's benefits
without specific risk information, or with risk information far less prominent."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from medguard import Detection, RuleType, hookimpl

__version__ = "0.1.0"

_DISCLOSURE_PARTS = {
    "adverse-effect": "its common and serious side effects",
    "warning": "warnings, interactions and who should not use it",
    "consult": "advice to talk to a doctor or pharmacist",
}


class DisclosureOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_benefit_claims: int = Field(1, ge=1, description="Benefit claims that make a document promotional.")
    include_hedged: bool = Field(True, description="Count hedged claims ('may help') as promotion too.")
    include_attributed: bool = Field(True, description="Count quoted and attributed claims as promotion too.")
    min_disclosure: int = Field(
        2, ge=1, description="Disclosure needed: each specific risk statement counts 1, or 2 when it names several effects or gives numbers.")
    max_claims_per_risk_statement: float = Field(
        8.0, gt=0, description="Fair balance: more benefit claims than this per specific risk statement is a finding.")
    require_subject: bool = Field(False, description="Count only claims whose intervention was identified.")


class MissingRiskDisclosure(RuleType):
    name = "missing-risk-disclosure"
    category = "missing-risk-disclosure"
    description = "Promotes benefits without specific risk information, or with far less prominent risk information (document level)."
    Options = DisclosureOptions

    def check(self, document):
        options: DisclosureOptions = self.options
        claims = [c for c in document.annotation("claims") if c.kind == "benefit" and (c.subject is not None or not options.require_subject)
                  and (options.include_hedged or c.strength == "direct")
                  and (options.include_attributed or c.publisher_voice)]
        if len(claims) < options.min_benefit_claims:
            return
        risks = document.annotation("risks")
        specific = risks.specific
        interventions = document.annotation("interventions")
        identity = interventions.main or next((_name(c.subject) for c in claims if c.subject), "the treatment")
        subject = interventions.display_name(identity)
        found_kinds = {k for s in risks.statements for k in s.kinds}
        missing = [text for kind, text in _DISCLOSURE_PARTS.items() if kind not in found_kinds]
        balanced = [{"excerpt": document.text[c.start:c.end][:160], "claim_words": [q.text for q in c.cues], "start": c.start, "end": c.end}
                    for c in claims[:10]]
        explanation = {
            "intervention": subject,
            "benefit_claims": len(claims),
            "claims_balanced": balanced,
            "specific_risk_statements": [s.as_dict() for s in specific[:10]],
            "vague_risk_statements": [document.text[s.start:s.end] for s in risks.statements if "vague" in s.kinds][:5],
            "missing": missing,
        }
        weight = risks.disclosure_weight
        explanation["disclosure_weight"] = {"found": weight, "needed": options.min_disclosure}
        if not specific:
            vague = " (only a vague line: risks are named, not described)" if explanation["vague_risk_statements"] else ""
            message = f"Promotes {subject} in {len(claims)} benefit claim(s) without any specific risk information{vague}."
        elif weight < options.min_disclosure:
            message = (f"Promotes {subject} in {len(claims)} benefit claim(s) with too little risk information: "
                       f"{len(specific)} brief risk statement(s), not an explanation of the harms.")
        elif len(claims) / len(specific) > options.max_claims_per_risk_statement:
            message = (f"Fair balance: {len(claims)} benefit claims about {subject} against {len(specific)} specific risk "
                       f"statement(s); risk information is far less prominent than the benefits.")
        else:
            return
        first = claims[0]
        yield Detection(
            first.start, first.end, message=message,
            confidence=0.8 if not specific else 0.65,
            explanation=explanation,
            suggestion=(f"Add a clearly headed 'Risks and side effects' section for {subject} near the benefit claims: "
                        f"{'; '.join(missing) or 'the most common and most serious side effects, who should not use it, and talk to your doctor'}."),
            key=f"missing-risk|{identity}",
        )


@hookimpl
def medguard_register_rule_types():
    return [MissingRiskDisclosure]


def _name(subject) -> str:
    """A drug by its canonical name, a reference ("our IV therapy") by its words."""
    return subject.in_sentence if subject.kind == "reference" else subject.canonical

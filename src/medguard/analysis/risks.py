"""Risk statements: specific adverse effects, warnings, contraindications, interactions,
dependence, who should not use it, "talk to your doctor", and risk sections — told apart from
vague disclosures ("as with all medicines, side effects may occur") and from safety claims
("no side effects"), which are the opposite of a disclosure."""

from __future__ import annotations

from dataclasses import dataclass, field

from .claims import is_negated, named_as_harm, treated_as_adjective
import re

from .cuepattern import ScannedPattern
from .cues import ADVERSE_EFFECT, BENEFIT, SAFETY, VAGUE_RISK, words
from .sections import risk_sections
from .spans import Cue

HARM_NOUN = words(
    r"side[- ]effects?", r"adverse (?:events?|effects?|reactions?|outcomes)", r"toxicit(?:y|ies)", r"complications?",
    r"safety (?:concerns?|issues?|signals?|problems?)", r"harms?", r"risks? (?:of|from|with|associated with) (?:the |this |these |taking |using )?(?:treatment|therapy|drug|medication|procedure|surgery|device|vaccine|supplement)",
    r"drug interactions?", r"withdrawal symptoms", r"boxed warning", r"black[- ]box warning", r"toxic effects?",
)
"""Words that name harms of a treatment as such."""

RISK_VERB = words(
    r"cause[sd]?", r"causing", r"trigger(?:s|ed)?", r"lead(?:s)? to", r"led to", r"result(?:s|ed)? in", r"induce[sd]?", r"worsen(?:s|ed)?",
    r"increas(?:e|es|ed|ing) (?:the |your )?(?:risk|chance|likelihood|odds)", r"(?:higher|greater|increased) (?:risk|rates?|incidence) of",
    r"(?:make|makes|made|leave|leaves|left) (?:you|some (?:people|patients)|patients|people)(?: feel(?:ing)?)?",
    r"experienc(?:e|ed|es)", r"report(?:ed|s)", r"(?:may|might|can|could) (?:feel|notice|get|occur|happen)", r"develop(?:ed|s)?", r"suffer(?:ed|s)?", r"linked to", r"associated with",
    r"side[- ]effects? (?:include|included|such as|are|were|like)", r"includ(?:e|es|ed|ing)", r"such as", r"(?:is|are|was|were) (?:common|uncommon|rare|reported|seen|observed)",
    r"(?:stopped|discontinued|withdrew|withdrawn|halted)(?: \w+){0,3} (?:because of|due to)", r"(?:can|could|may) be (?:\w+ and )?(?:toxic|debilitating|dangerous|harmful)",
)
"""Verbs that tie a harm to the thing that causes it."""

WARNING = words(
    r"warnings?", r"precautions?", r"contraindicat\w+", r"should not (?:be )?(?:use|take|used|taken|receive|given)",
    r"(?:do not|don't|never) (?:use|take|combine|mix|drink|drive|stop|give|exceed)", r"(?:do not|don't|will not|won't) prescribe", r"not (?:recommended|suitable|safe|approved) (?:for|if|in|during|while|when|with)", r"avoid",
    r"interact(?:s|ions?)? with", r"dangerous (?:with|for|when|if)", r"if you (?:are|become) pregnant", r"stop taking",
    r"seek (?:emergency|medical) (?:help|care|attention)", r"call 911", r"discontinue(?: use| using| taking)?", r"stop using",
)

POPULATION_RISK = re.compile(r"\b(?:at (?:\w+ )?risk (?:of|for)|risk factors? for|prevent(?:s|ed|ing)?|protect(?:s|ed|ing)? (?:against|from)|reduc\w+ (?:the )?(?:risk|rate|chance|incidence) of|lower\w* (?:the )?(?:risk|rate|chance) of|(?:died|die|dying|deaths?) (?:of|from)|suffer(?:s|ed|ing)? from|patients with|people with|diagnosed with|caused by)\s+(?:[\w-]+\s+){0,3}$", re.I)
"""Adverse words that describe the disease or the population, not a harm of the treatment."""

QUANTIFIED_HARM = ScannedPattern(r"\b\d+(?:\.\d+)?\s?(?:%|percent|per ?cent)|\b\d+\s+(?:of|out of)\s+\d+|\bone in \d+|\b\d[\d,]* (?:patients|participants|people)", re.I)

PRONOUN_SUBJECT = words(r"it", r"they", r"this (?:drug|medicine|medication|treatment|therapy|procedure|surgery|device)",
                        r"the (?:drug|medicine|medication|treatment|therapy|procedure|surgery|device|vaccine|implant|infusions?|injections?|sessions?|sensor|patch|pump)")

_CARER = (r"(?:doctor|GP|pharmacist|prescriber|health ?care provider|health ?care professional|provider|clinician|care team|"
          r"nurse|physician|specialist|dermatologist|psychiatrist)")
_CONSULT = words(
    rf"(?:talk|speak) (?:to|with) (?:your|a) {_CARER}", rf"ask (?:your|a) {_CARER}", rf"tell your {_CARER}",
    rf"consult (?:your|a) {_CARER}", rf"check with (?:your|a|your child['’]s) {_CARER}",
)


@dataclass(slots=True)
class RiskStatement:
    sentence: int
    start: int
    end: int
    kinds: list[str]
    """adverse-effect, warning, consult, vague."""
    cues: list[Cue] = field(default_factory=list)
    specific: bool = False
    in_risk_section: bool = False
    weight: int = 0
    """How much disclosure it carries: 0 vague, 1 specific, 2 specific and detailed (several
    named effects, or numbers)."""

    def as_dict(self) -> dict:
        return {"kinds": self.kinds, "specific": self.specific, "weight": self.weight, "cues": [c.text for c in self.cues],
                "start": self.start, "end": self.end}


@dataclass(slots=True)
class Risks:
    statements: list[RiskStatement]
    sections: list[tuple[int, int]]
    """Spans of sections whose heading is about risk ("Side effects", "Important safety information")."""

    @property
    def specific(self) -> list[RiskStatement]:
        return [s for s in self.statements if s.specific]

    @property
    def disclosure_weight(self) -> int:
        return sum(s.weight for s in self.statements)


def find_risks(document) -> Risks:
    """Risk statements about the interventions a document discusses.

    A statement is specific when it says what the harm is: a harm noun ("side effects",
    "adverse events", "complications") with a named effect or a number; a named adverse effect
    tied to the intervention by a risk verb ("can cause", "increases the risk of"); a warning
    that says for whom or with what; or a named effect inside a risk section. Disease risks
    ("people at high risk of stroke") and safety claims ("no side effects") are not disclosures.
    """
    text = document.text
    interventions = document.annotation("interventions")
    sections = risk_sections(document)
    statements: list[RiskStatement] = []
    topic = _topic_conditions(document)
    main = _singular(interventions.main or "")  # "amphetamines" names Adderall's amphetamine too
    for index, sentence in enumerate(document.sentences):
        start, end = sentence.start, sentence.end
        in_section = any(s <= start < e for s, e in sections) and document.blocks[sentence.block].kind != "heading"
        safety_spans = [(c.start, c.end) for c in document.cues(SAFETY, "safety")[index]]

        def usable(cue: Cue) -> bool:
            return not any(s <= cue.start < e for s, e in safety_spans) and not is_negated(text, cue.start, start)

        harm_nouns = [c for c in document.cues(HARM_NOUN, "harm")[index] if usable(c) and not _HARM_REMOVED.search(text, max(start, c.start - 40), c.start)]
        mentioned = interventions.within(start, end)
        adverse = [c for c in document.cues(ADVERSE_EFFECT, "adverse-effect")[index]
                   if usable(c) and not _benefit_object(text, c, start) and not POPULATION_RISK.search(text, max(start, c.start - 40), c.start)
                   and (in_section or _singular(c.text) not in topic)
                   and not any(m.start <= c.start < m.end for m in mentioned)  # "radiation" of "radiation therapy" names a treatment
                   and not _CONDITION_AS_MODIFIER.match(text, c.end)]
        warnings = [c for c in document.cues(WARNING, "warning")[index] if usable(c)]
        consult = document.cues(_CONSULT, "consult")[index]
        vague = document.cues(VAGUE_RISK, "vague")[index]
        about_other = (bool(main) and any(m.specific or m.kind == "other" for m in mentioned) and not any(
            _singular(m.canonical) == main or m.kind == "reference" for m in mentioned)) or bool(_OTHERS_HARMS.search(text, start, end))
        users_notice = bool(adverse) and bool(_USERS_NOTICE.search(text, start, end))
        about_intervention = (bool(mentioned) or bool(PRONOUN_SUBJECT.search(text, start, end)) or users_notice) and not about_other
        detailed = bool(adverse) or bool(QUANTIFIED_HARM.search(text, start, end))
        kinds: list[str] = []
        specific = False
        if about_other and not in_section:
            harm_nouns = adverse = warnings = []  # harms of a comparator, not of the treatment promoted
        if harm_nouns and detailed:
            kinds.append("adverse-effect")
            specific = True
        elif adverse and (in_section or (about_intervention and (users_notice or RISK_VERB.search(text, start, end)) and not _claims_benefit(text, start, end, start))):
            kinds.append("adverse-effect")
            specific = True
        elif harm_nouns:
            kinds.append("vague")
        if not specific and _TRIAL_SAFETY_REPORT.search(text, start, end) and _STUDY_POPULATION.search(text, start, end) and _REPORTED.search(text, start, end):
            kinds.append("trial-safety")  # "no serious adverse events occurred among the 120 participants"
            specific = True
        imperative = bool(warnings) and warnings[0].start == start  # "Discontinue use if a rash develops."
        if warnings and (about_intervention or in_section or imperative) and _targets_someone(text, start, end):
            kinds.append("warning")
            specific = True
        if consult:
            kinds.append("consult")
        if vague and not specific and "vague" not in kinds:
            kinds.append("vague")
        if kinds:
            named = {c.text.lower() for c in adverse}
            detailed = len(named) >= 2 or QUANTIFIED_HARM.search(text, start, end) or "trial-safety" in kinds
            weight = 0 if not specific else (2 if detailed else 1)
            statements.append(RiskStatement(index, start, end, kinds, harm_nouns + adverse + warnings + consult + vague, specific, in_section, weight))
    return Risks(statements, sections)


_TRIAL_SAFETY_REPORT = ScannedPattern(
    r"\b(?:no|none of the|not any|without any)\s+(?:\w+\s+){0,3}(?:serious|significant|major|severe|treatment-related|drug-related)\s+"
    r"(?:\w+\s+){0,2}(?:side[- ]effects?|adverse (?:events?|effects?|reactions?)|complications?|safety (?:concerns?|issues?))",
    re.I,
)
_STUDY_POPULATION = ScannedPattern(r"\b(?:participants|patients|subjects|volunteers|children|adults|women|men)\b", re.I)
_REPORTED = ScannedPattern(r"\b(?:were|was|had|experienced|reported|occurred|developed|observed|seen)\b", re.I)
"""A study's report that no serious harms occurred among its participants: a disclosure, unlike
a promotional "no side effects"."""

_OTHERS_HARMS = ScannedPattern(
    r"\b(?:side[- ]effects?|risks?|harms?|complications?|dangers?) (?:of|from|with) (?:the )?(?:current|traditional|conventional|standard|other|existing|older|typical|usual|prescription)\b",
    re.I,
)

_USERS_NOTICE = re.compile(
    r"\b(?:some|many|a few|a small number of|a minority of|(?:less |more )?commonly,?|occasionally,?|rarely,?)\s+(?:of (?:our|the) )?"
    r"(?:users|patients|people|customers|clients|wearers|children|kids|men|women)\s+"
    r"(?:may |can |might |will )?(?:notice|get|feel|experience|have|develop|report)\b",
    re.I,
)
"""The treatment's users as the subject of an effect on a page that promotes it ("Some users notice
mild headaches … during the first week"): a disclosure without the product's name or a risk verb."""

_TARGETED = words(
    r"pregnan\w+", r"breastfeeding", r"children", r"liver", r"kidney", r"heart", r"alcohol", r"benzodiazepines?", r"opioids?",
    r"history of", r"(?:people|patients|men|women|adults|anyone|those) (?:with|who)", r"if you (?:have|are|take)", r"allerg\w+", r"interact\w*",
    r"driv(?:e|ing)", r"machinery", r"overdose", r"dependen\w+", r"addict\w+", r"misuse", r"abuse", r"withdrawal",
    r"if (?:[\w-]+ ){0,4}(?:develops?|occurs?|appears?|worsens?|persists?|gets? worse)", r"\d+ (?:doses|tablets|capsules|sprays|times)",
)


def _topic_conditions(document) -> set[str]:
    """Adverse words the title names as what the piece is about ("...ease chronic neck pain",
    "...detects early breast cancer"): outside a risk section they are the condition treated or
    tested for, not a harm of the treatment. None when the title itself speaks of harm
    ("X linked to liver damage")."""
    title = document.document.title or document.parsed.title or ""
    if not title or RISK_VERB.search(title) or HARM_NOUN.search(title) or WARNING.search(title):
        return set()
    return {_singular(match.group()) for match in ADVERSE_EFFECT.finditer(title)}


_CONDITION_AS_MODIFIER = re.compile(r"[\s-]+(?:cells?|patients?|survivors?|sufferers?|treatments?|therap(?:y|ies)|care|cent(?:er|re)s?|"
                                    r"research|researchers|screening|specialists?|clinics?|units?|wards?|types?)\b", re.I)
"""After an adverse word: a condition naming a population, a field or a place ("cancer patients",
"cancer cells", "pain clinic"), not a harm."""


def _singular(word: str) -> str:
    """One form for "cancer" and "cancers" (both sides of a comparison go through it)."""
    return _PLURAL_END.sub("", word.lower())


_PLURAL_END = re.compile(r"(?<=[^s])s$")


def _targets_someone(text: str, start: int, end: int) -> bool:
    """A warning that says for whom or with what (not just "there are risks")."""
    return bool(_TARGETED.search(text, start, end))


def _benefit_object(text: str, cue: Cue, sentence_start: int) -> bool:
    """The adverse term is what the treatment relieves ("reduces withdrawal"), not a risk of it."""
    window = text[max(sentence_start, cue.start - 40):cue.start]
    tail = window.rstrip().lower()
    if tail.endswith(("risk of", "risk for", "risks of", "cause", "causes", "causing", "include", "includes", "such as")):
        return False
    if _LESS_HARM.search(tail):
        return True  # "less bleeding, fewer complications": a benefit claim, not a disclosure
    return (_claims_benefit(text, max(sentence_start, cue.start - 40), cue.start, sentence_start)
            or tail.endswith(("for", "from", "treat", "treating", "treats")))


def _claims_benefit(text: str, start: int, end: int, sentence_start: int) -> bool:
    """A benefit word in the span that claims: not part of a named harm ("can cause reduced libido"),
    nor "treated" as an adjective ("along the treated vein")."""
    return any(not named_as_harm(text, m.start(), sentence_start) and not treated_as_adjective(text, m, sentence_start)
               for m in BENEFIT.finditer(text, start, end))


_HARM_REMOVED = re.compile(r"\b(?:reductions?|absence of|free of|without|avoid(?:s|ing)?|prevent(?:s|ing)?)\b[^,.;:•!?]{0,40}$", re.I)
"""Before a harm noun: harms the treatment takes away ("absence of complications"), not harms it has."""
_LESS_HARM = re.compile(r"\b(?:less|fewer|lower|reduced|reduces?|reducing|reductions?|decreased?|decreases|minimal|no|without|avoids?|avoiding|"
                        r"prevents?|preventing|free of|absence of|slowed|halted|halts?|improvements? (?:of|in)|improved|relie(?:f|ved?|ves|ving)|"
                        r"eas(?:e|ed|es|ing)|(?:drops?|declines?|falls?) in)\b[^,.;:•!?]{0,40}$")

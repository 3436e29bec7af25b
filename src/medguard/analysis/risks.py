"""Risk statements: specific adverse effects, warnings, contraindications, interactions,
dependence, who should not use it, "talk to your doctor", and risk sections — told apart from
vague disclosures ("as with all medicines, side effects may occur") and from safety claims
("no side effects"), which are the opposite of a disclosure."""

from __future__ import annotations

from dataclasses import dataclass, field

from .claims import is_negated
from .cues import ADVERSE_EFFECT, BENEFIT, RISK_HEADING, RISK_STATEMENT, SAFETY, VAGUE_RISK, words
from .spans import Cue, find_cues

RISK_FRAME = words(
    r"caus(?:e|es|ed|ing)", r"risks? (?:of|include|are|is)", r"(?:can|may|might|could|will|did) (?:also )?(?:cause|increase|lead|trigger|result|raise|make)",
    r"lead(?:s)? to", r"side[- ]effects? (?:include|included|such as|are|were|like|can|may|of)", r"includ(?:e|es|ed|ing)", r"such as",
    r"experienc(?:e|ed|es)", r"report(?:ed|s)?", r"common(?:ly)?", r"rare(?:ly)?", r"serious", r"severe", r"developed", r"suffered",
    r"increas(?:e|es|ed) (?:the )?risk", r"higher risk", r"at risk", r"if you (?:have|experience|notice|develop|get)", r"stop taking",
    r"seek", r"\d+(?:\.\d+)? ?(?:%|percent)", r"adverse", r"warning", r"linked to", r"associated with", r"occur(?:s|red)?", r"possible",
    r"potential", r"dangerous", r"fatal", r"deadly", r"life[- ]threatening", r"harm(?:s|ful)?", r"toxic", r"complications?",
)
_CONSULT = words(
    r"talk (?:to|with) your (?:doctor|pharmacist|healthcare provider|clinician|care team)", r"ask your (?:doctor|pharmacist)",
    r"tell your (?:doctor|pharmacist|healthcare provider)", r"consult (?:your|a) (?:doctor|physician|pharmacist|healthcare professional)",
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

    def as_dict(self) -> dict:
        return {"kinds": self.kinds, "specific": self.specific, "cues": [c.text for c in self.cues], "start": self.start, "end": self.end}


@dataclass(slots=True)
class Risks:
    statements: list[RiskStatement]
    sections: list[tuple[int, int]]
    """Spans of sections whose heading is about risk ("Side effects", "Important safety information")."""

    @property
    def specific(self) -> list[RiskStatement]:
        return [s for s in self.statements if s.specific]


def find_risks(document) -> Risks:
    text = document.text
    sections = [document.unit_span(b.start, "section") for b in document.blocks
                if b.kind == "heading" and RISK_HEADING.search(text, b.start, b.end)]
    statements: list[RiskStatement] = []
    for index, sentence in enumerate(document.sentences):
        start, end = sentence.start, sentence.end
        in_section = any(s <= start < e for s, e in sections) and document.blocks[sentence.block].kind != "heading"
        safety_spans = [(m.start(), m.end()) for m in SAFETY.finditer(text, start, end)]
        adverse = [c for c in find_cues(ADVERSE_EFFECT, text, start, end, "adverse-effect")
                   if not any(s <= c.start < e for s, e in safety_spans) and not _benefit_object(text, c, start)
                   and not is_negated(text, c.start, start)]
        warnings = [c for c in find_cues(RISK_STATEMENT, text, start, end, "warning") if not any(s <= c.start < e for s, e in safety_spans)]
        consult = find_cues(_CONSULT, text, start, end, "consult")
        vague = find_cues(VAGUE_RISK, text, start, end, "vague")
        framed = bool(RISK_FRAME.search(text, start, end))
        kinds = []
        specific = False
        if adverse and (framed or in_section):
            kinds.append("adverse-effect")
            specific = True
        if warnings and (adverse or in_section or _targets_someone(text, start, end)):
            kinds.append("warning")
            specific = specific or bool(adverse) or in_section
        if consult:
            kinds.append("consult")
        if vague and not specific:
            kinds.append("vague")
        if kinds:
            statements.append(RiskStatement(index, start, end, kinds, adverse + warnings + consult + vague, specific, in_section))
    return Risks(statements, sections)


_TARGETED = words(
    r"pregnan\w+", r"breastfeeding", r"children", r"liver", r"kidney", r"heart", r"alcohol", r"benzodiazepines?", r"opioids?",
    r"history of", r"people (?:with|who)", r"patients (?:with|who)", r"if you (?:have|are|take)", r"allerg\w+", r"interact\w*",
    r"driv(?:e|ing)", r"machinery", r"overdose", r"dependen\w+", r"addict\w+", r"misuse", r"abuse", r"withdrawal",
)


def _targets_someone(text: str, start: int, end: int) -> bool:
    """A warning that says for whom or with what (not just "there are risks")."""
    return bool(_TARGETED.search(text, start, end))


def _benefit_object(text: str, cue: Cue, sentence_start: int) -> bool:
    """The adverse term is what the treatment relieves ("reduces withdrawal"), not a risk of it."""
    window = text[max(sentence_start, cue.start - 40):cue.start]
    tail = window.rstrip().lower()
    if tail.endswith(("risk of", "risk for", "risks of", "cause", "causes", "causing", "include", "includes", "such as")):
        return False
    return bool(BENEFIT.search(window)) or tail.endswith(("for", "from", "treat", "treating", "treats"))

"""Small lexical cue checks used by the model layer: hedging, negation, correlation, causation.

These are deliberately frozen inside ``medguard.ml``: the claim-strength head was trained on the
features computed here, so changing a cue list changes the head's inputs and needs a retrain
(``scripts/train_claim_head.py``). The semantic rule uses :func:`is_hedged`; its polarity check
is ``medguard.ml.polarity``.

Written by the medguard project from the linguistics of hedging and causal language; the
speculation cue list was checked for coverage against BioScope's speculation cues (CC BY 2.0,
see NOTICE).
"""

from __future__ import annotations

import re
from typing import Sequence

from ..analysis.claims import claim_strength

__all__ = ["FEATURE_NAMES", "features", "is_hedged", "is_negated", "cue_report"]


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)


MODAL = _words(
    r"may", r"might", r"could", r"possibly", r"possible", r"perhaps", r"potentially", r"potential",
    r"probably", r"probable", r"likely", r"unlikely", r"appears?", r"appeared", r"seems?", r"seemed",
    r"would", r"plausibl[ey]", r"presumabl[ey]", r"putative(?:ly)?", r"conceivabl[ey]", r"tend(?:s|ed)? to",
    r"hypothes[ie]s(?:e[sd])?", r"hypothesi[sz]ed?", r"speculat\w+", r"whether", r"might be", r"it is possible",
    r"may or may not", r"apparently", r"suspected", r"presumed", r"unknown", r"unclear", r"not (?:yet )?known",
    r"not (?:yet )?clear", r"possibility", r"uncertain",
)
"""Modal (epistemic) hedges on the predicate: 'may reduce', 'appears to improve'."""

CAN = _words(r"can", r"cannot", r"can't", r"able to")

REPORTING = _words(
    r"suggests?", r"suggested", r"suggesting", r"suggestive", r"indicates?", r"indicated", r"indicating",
    r"propose[sd]?", r"imply", r"implies", r"implied", r"preliminary", r"pilot", r"promising", r"early (?:results|data|findings|evidence)",
    r"believe[sd]?", r"thought to", r"think", r"support(?:s|ed)? (?:the )?(?:hypothesis|idea|notion|view)", r"consistent with",
)
"""Cues that soften the evidence behind a claim ('results suggest that ...')."""

CORRELATIONAL = _words(
    r"associat(?:ed|ion|ions)", r"correlat(?:ed|es|ion|ions|e)", r"linked", r"links?", r"relat(?:ed|ionship|ionships|ion) (?:to|with|between)",
    r"predict(?:s|ed|ive|ors?|ion)?", r"risk factors?", r"more likely", r"less likely", r"more common", r"less common",
    r"odds", r"hazard ratios?", r"covar(?:y|ied|ies)", r"coincid\w+", r"in parallel with", r"independently of",
    r"marker(?:s)? (?:of|for)", r"prevalen(?:t|ce) (?:among|in)", r"tended", r"accompanied by", r"occurr?(?:ed|s)? (?:more|less)",
    r"positively", r"inversely", r"negatively", r"relationship",
)

CAUSAL = _words(
    r"increas(?:e|es|ed|ing)", r"decreas(?:e|es|ed|ing)", r"reduc(?:e|es|ed|ing|tion|tions)", r"improv(?:e|es|ed|ing|ement|ements)",
    r"enhanc(?:e|es|ed|ing)", r"prevent(?:s|ed|ing|ion)?", r"caus(?:e|es|ed|ing)", r"lead(?:s)? to", r"led to", r"result(?:s|ed)? in",
    r"induc(?:e|es|ed|ing)", r"protect(?:s|ed|ing|ive|ion)?", r"effective(?:ly|ness)?", r"efficac(?:y|ious)", r"benefits?", r"beneficial",
    r"attenuat(?:e|es|ed|ing)", r"affect(?:s|ed|ing)?", r"impact(?:s|ed)?", r"influenc(?:e|es|ed|ing)", r"promot(?:e|es|ed|ing)",
    r"inhibit(?:s|ed|ing)?", r"lower(?:s|ed|ing)?", r"rais(?:e|es|ed|ing)", r"worsen(?:s|ed|ing)?", r"alleviat(?:e|es|ed|ing)",
    r"reliev(?:e|es|ed|ing)", r"cur(?:e|es|ed|ing)", r"superior", r"outperform(?:s|ed)?", r"eliminat(?:e|es|ed|ing)",
    r"restor(?:e|es|ed|ing)", r"revers(?:e|es|ed|ing)", r"boost(?:s|ed|ing)?", r"stimulat(?:e|es|ed|ing)", r"suppress(?:es|ed|ing)?",
    r"heal(?:s|ed|ing)?", r"halt(?:s|ed)?", r"delay(?:s|ed)?", r"shorten(?:s|ed)?", r"prolong(?:s|ed)?", r"contribut(?:e|es|ed) to",
    r"responsible for", r"effects? (?:of|on)", r"ameliorat\w+", r"mitigat\w+", r"exacerbat\w+", r"aggravat\w+", r"accelerat(?:e|es|ed)",
    r"facilitat(?:e|es|ed)", r"augment(?:s|ed)?", r"counteract(?:s|ed)?", r"abolish(?:es|ed)?", r"normaliz(?:e|es|ed)",
    r"resolv(?:e|es|ed)", r"treat(?:s|ed)?", r"helps?", r"helped", r"works?", r"worked", r"stops?", r"stopped", r"slow(?:s|ed)?",
    r"boosts?", r"cut(?:s)?", r"halve[sd]?", r"doubles?", r"doubled", r"triggers?", r"triggered", r"fights?", r"blocks?", r"blocked",
    r"gives?", r"makes?", r"made", r"allows?", r"allowed", r"enables?", r"enabled", r"kills?", r"damages?", r"damaged",
)
"""Causal and effect verbs and nouns, research and health-copy register."""

DIRECT_FRAME = _words(
    r"demonstrat(?:e|es|ed|ing)", r"show(?:s|ed|n)?", r"confirm(?:s|ed)?", r"establish(?:es|ed)?", r"prove[sd]?", r"proven",
    r"reveal(?:s|ed)?", r"found that", r"find that", r"conclude[sd]?", r"evidence (?:that|for|of)", r"clinically proven",
    r"significantly", r"effective", r"efficacy", r"is safe", r"are safe", r"guarantee[sd]?",
)

NEGATION = _words(
    r"not", r"no", r"never", r"none", r"nor", r"neither", r"without", r"cannot", r"can't", r"won't", r"doesn't", r"don't",
    r"didn't", r"isn't", r"aren't", r"wasn't", r"weren't", r"hasn't", r"haven't", r"fail(?:s|ed)?", r"lack(?:s|ed|ing)?",
    r"absen(?:ce|t)", r"free (?:of|from)", r"zero", r"nothing", r"nobody", r"unable to", r"rather than", r"instead of",
)

COMPARATIVE = re.compile(
    r"\b(?:higher|lower|greater|smaller|more|less|fewer|better|worse|larger|shorter|longer)\b[^.;]{0,60}\b(?:than|compared|versus|vs\.?)\b"
    r"|\bcompared (?:with|to)\b|\bversus\b|\bvs\.?\b",
    re.I,
)
NUMBER = re.compile(r"\d")
RECOMMENDATION = _words(
    r"should", r"recommend(?:s|ed)?", r"warrant(?:s|ed)?", r"further (?:research|studies|study|trials|investigation|work)",
    r"(?:is|are) needed", r"need(?:s)? to be", r"future (?:research|studies|work)", r"we propose", r"must", r"registration",
    r"registered", r"NCT\d+", r"ISRCTN", r"funded by", r"copyright", r"©",
)
PAST_RESULT = _words(
    r"was", r"were", r"had", r"did", r"observed", r"found", r"showed", r"reported", r"detected", r"measured", r"recorded",
)

FEATURE_NAMES = (
    "modal", "can", "reporting", "correlational", "causal", "direct_frame", "negation", "comparative",
    "number", "recommendation", "past", "modal_before_causal", "correlational_no_causal", "causal_no_hedge",
    "length", "rule_direct", "rule_conditional", "rule_correlational", "rule_none",
)
_RULE_LABELS = ("direct", "conditional", "correlational", "none")


def _positions(pattern: re.Pattern[str], text: str) -> list[int]:
    return [m.start() for m in pattern.finditer(text)]


def features(sentences: Sequence[str]) -> "list[list[float]]":
    """The lexical feature vector of each sentence, in FEATURE_NAMES order."""
    rows = []
    for text in sentences:
        rule = claim_strength(text)[0]  # the shared analysis's own reading, as the issue asks
        modal = _positions(MODAL, text)
        causal = _positions(CAUSAL, text)
        corr = bool(CORRELATIONAL.search(text))
        modal_before = any(0 < c - m <= 40 for m in modal for c in causal)
        rows.append([
            float(bool(modal)),
            float(bool(CAN.search(text))),
            float(bool(REPORTING.search(text))),
            float(corr),
            float(bool(causal)),
            float(bool(DIRECT_FRAME.search(text))),
            float(bool(NEGATION.search(text))),
            float(bool(COMPARATIVE.search(text))),
            float(bool(NUMBER.search(text))),
            float(bool(RECOMMENDATION.search(text))),
            float(bool(PAST_RESULT.search(text))),
            float(modal_before),
            float(corr and not causal),
            float(bool(causal) and not modal and not corr),
            min(len(text.split()), 60) / 60.0,
            *(float(label == rule) for label in _RULE_LABELS),
        ])
    return rows


def is_negated(text: str) -> bool:
    """True when the sentence contains a negation cue ('not', 'no', 'without', 'free of'...)."""
    return NEGATION.search(text) is not None


_RULED_OUT = _words(r"(?:nothing|nobody|no\s+one|no\s+way)\s+(?:that\s+|which\s+)?(?:it\s+|this\s+|they\s+|you\s+)?(?:could|would|might|may)")
"""A modal under a negated existential rules the possibility out ("there's nothing that could go
wrong", "no way it would harm you"): a stronger claim, not a hedge."""


def is_hedged(text: str) -> bool:
    """True when the sentence is hedged ('may', 'might', 'suggests', 'preliminary'...)."""
    text = _RULED_OUT.sub(" ", text)
    return MODAL.search(text) is not None or REPORTING.search(text) is not None


def cue_report(text: str) -> dict[str, list[str]]:
    """The cue words found in ``text``, by kind (for explanations)."""
    kinds = {"negation": NEGATION, "hedge": MODAL, "evidential": REPORTING, "correlational": CORRELATIONAL, "causal": CAUSAL}
    return {kind: [m.group(0) for m in pattern.finditer(text)] for kind, pattern in kinds.items() if pattern.search(text)}

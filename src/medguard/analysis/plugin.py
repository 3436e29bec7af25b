"""The shared analyzers, registered like any plugin's: each runs once per document, on demand.

================= ================================================================ ================
name              what                                                             type
================= ================================================================ ================
interventions     drug, class, product, procedure and policy-term mentions         Interventions
evidence          citations, evidence links, footnotes, quantified results         SpanIndex[EvidenceItem]
claims            benefit and safety claims with strength, hedging, attribution   list[Claim]
risks             risk statements (specific or vague) and risk sections            Risks
comparisons       comparative constructions with both sides and the dimension      list[Comparison]
uses              a treatment presented for conditions (treats X, used for Y)      list[Use]
candidates        sentences worth a model's time: claims, comparisons, risk talk,  set[int] (sentence indices)
                  what the sentence heads find claim-like
sentence_features each sentence's words and word pairs, what the heads weigh       SentenceFeatures
harm_sections     what a risk heading or label heads ("Side effects", "Warnings:") list[tuple[int, int]]
absolutes         absolute outcome language (cure, guaranteed, 100%), not negated  list[Cue]
establishment     phrases that promise evidence (studies show, clinically proven)  list[Cue]
================= ================================================================ ================
"""

from __future__ import annotations

from ..hookspecs import hookimpl
from .claims import find_claims
from .comparisons import find_comparisons
from .evidence import find_evidence
from .interventions import find_interventions
from .language import find_absolutes, find_establishment
from .risks import find_risks
from .sections import risk_sections
from .sentence_heads import SentenceFeatures, default_heads
from .spans import SpanIndex
from .uses import find_uses


def _interventions(document):
    terms = document.settings.get("interventions") or ()
    return find_interventions(document.text, tuple(terms))


def _evidence(document):
    return find_evidence(document.text, document.parsed.links, document.blocks)


def _claims(document):
    return find_claims(document, document.annotation("interventions"))


CANDIDATE_PROBABILITY = 0.09
"""The probability, from any one of the sentence heads, at which a sentence the rules found nothing
in is still worth embedding. The largest that keeps every paraphrase the lower ones find in the
dev half of ``datasets/paraphrases`` (docs/ml.md, "Which sentences the model reads"); chosen again
whenever the heads are retrained (0.1 for the heads trained on sets 10-46, 0.09 for those of stop
32, 0.1 for those of stop 33, 0.09 for those of stop 37)."""


def _candidates(document) -> set[int]:
    """Sentences worth a model's time: those with a claim, comparison, risk statement, absolute or
    establishment language, and those any sentence head (the ``classifier`` rules' linear scorers,
    which weigh a sentence's words in microseconds) gives at least ``CANDIDATE_PROBABILITY``. The
    heads let in the paraphrases the rules miss, named treatment or not ("Within a week the cravings
    are a thing of the past"), and keep out the sentences that only name a drug, most of a news
    story's."""
    found = {c.sentence for c in document.annotation("claims")}
    found |= {c.sentence for c in document.annotation("comparisons")}
    found |= {s.sentence for s in document.annotation("risks").statements}
    cues = SpanIndex(document.annotation("absolutes") + document.annotation("establishment"))
    heads = default_heads().heads.values()
    sentence_features = document.annotation("sentence_features")
    for index, sentence in enumerate(document.sentences):
        if index in found:
            continue
        if cues.within(sentence.start, sentence.end):
            found.add(index)
            continue
        if any(head.probability(sentence_features[index]) >= CANDIDATE_PROBABILITY for head in heads):
            found.add(index)
    return found


def _uses(document):
    return find_uses(document, document.annotation("interventions"))


def _harm_sections(document):
    return risk_sections(document, with_benefits=False)


def _comparisons(document):
    return find_comparisons(document, document.annotation("interventions"), document.annotation("evidence"))


@hookimpl
def medguard_register_analyzers():
    return {
        "interventions": _interventions,
        "evidence": _evidence,
        "claims": _claims,
        "risks": find_risks,
        "comparisons": _comparisons,
        "uses": _uses,
        "candidates": _candidates,
        "sentence_features": SentenceFeatures,
        "harm_sections": _harm_sections,
        "absolutes": find_absolutes,
        "establishment": find_establishment,
    }

"""Comparisons: "unlike X", "better/faster/safer than X", "fewer side effects than", "compared
with X", "superior to", "the only treatment that", "without the side effects of X"... with both
sides, what the other side is (a drug, a class, "other treatments", placebo, a dose, a baseline,
something else) and the dimension compared (efficacy, speed, safety, cost, convenience)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import re

from .cues import (
    ADVERSE_EFFECT, BASELINE_COMPARATOR, BENEFIT, COMPARATIVE, CONTRAST, DIMENSION, DOSE, HEAD_TO_HEAD_DISQUALIFIER, OTHER_PROVIDER, OTHER_TREATMENTS,
    PAIRING_IMPERATIVE, PAIRING_NEUTRAL, PAIRING_PITCH, PAIRING_VERDICT, PREFERENCE, PRODUCT_NOUN, PROMOTIONAL_VOICE, TREATMENT_FORM,
    TREATMENT_NOUN, TREATMENT_WORD,
)
from .claims import denies_evidence, is_negated, is_unsettled
from .comparison_scorer import Side, features, load_scorer
from .evidence import IDENTIFIABLE, EvidenceItem
from .interventions import Interventions, Mention
from .spans import SpanIndex
from .voice import PUBLISHER, reports_rather_than_sells

_RIGHT_REACH = 70
_IMPLICIT_FIELD = frozenset({"only", "only_way", "superlative", "fail", "settle", "switch"})
_COMPARATOR_INSIDE = frozenset({"alternative", "superior", "settle"})
"""Constructions whose match itself may name the other side ("leave the bleeding worries of warfarin behind")."""
_INHERENTLY_EFFICACY = _IMPLICIT_FIELD | {"superior", "unlike", "outclassed", "outdone", "burden", "pairing", "scored"}
_BURDEN_REACH = 6
"""Words after "say goodbye to" in which the treatment left behind must be named."""
_HARM_THAT_COMES = re.compile(r"\b(?:risks?|effects?|dependence|addiction|swings|gain|loss|crash(?:es)?|jitters|fog|hypoglyc(?:a)?emia|"
                              r"nausea|drowsiness|constipation|face|upset|hassle|cost)\s+$", re.I)
"""Before "that comes with": a burden of the other treatment ("the dependence that comes with Ambien")."""
_BURDEN_CLAUSE_END = re.compile(r"[:;.!?—–]")
_MEANS_BEFORE = re.compile(r"\b(?:with|thanks\s+to|using|by\s+(?:taking|using|switching\s+to))\s+$", re.I)
"""Before a name after "say goodbye to …": the means of leaving the burden ("… daily pills with Mounjaro")."""
_QUANTITY = re.compile(r"\s*(?:\d|\$|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|fifty|a hundred|a thousand|a million|half|a third|a quarter|a few|a dozen|a couple|a year|a week|a month|a day|an hour|once|twice)\b)", re.I)
"""After a bare "more than" / "less than": a quantity ("more than ten days"), not a comparison."""
_CLAIM_THEN_QUESTION = re.compile(r"[,;:—–] (?:so |then |and )?(?:why|who|what|how) ", re.I)
"""A claim followed by a rhetorical question ("X works better than Y, so why wait?") is not a question."""
_BUSINESS = re.compile(r"\b(?:sales|revenue|profits?|shares?|stock|demand|supply|market share|uptake|investors?|prescriptions (?:for|of))\b", re.I)
"""A subject that makes a comparison commercial ("sales of X grew faster than…"), not clinical."""
_TOPIC_HEADING = re.compile(r"\s*[^\s:]+(?: [^\s:]+){0,3}:")
"""After "vs.": "Eliquis vs. Warfarin: dosing and risks explained" names a topic..."""
_VERDICT = re.compile(r"\b(?:wins?|beats?|better|safer|faster|cheaper|stronger|superior|best|worse|clear winner|comes out ahead)\b", re.I)
"""... unless what follows the colon gives a verdict."""
_PREFERRED_OVER = re.compile(r"\b(?:over|to|rather than|instead of)\b", re.I)
"""After a preference verb and the treatment preferred, what introduces the one passed over."""
_LEFT_REACH = 80
_NOT_A_RANKING = re.compile(r"(?:\s+|-)(?:(?:possible\s+)?(?:dose|dosage|dosing|time|place|day|thing|part|bit|advice|guess|case\s+for|candidates?|start"
                            r"|value|price|offer|bundle|plan\s+for\s+you)"
                            r"|(?:it|they|I|he|she|we|you)(?:['’](?:s|ve|re|m))?\s+(?:have\s+|has\s+)?(?:ever\s+)?(?:been|felt|looked|slept|had)\b"
                            r"|(?:available\s+|current\s+|scientific\s+|published\s+)?(?:evidence|research|data|studies|science)"
                            r"|(?:available\s+|current\s+|standard\s+|usual\s+|possible\s+|supportive\s+)?care\b"
                            r"|(?:known|selling|studied|understood|documented|researched|money|decision|investment)\b"
                            r"|(?:[\w-]+\s+)?(?:photos?|pictures?|images?|videos?|stories|news|articles?|reads|deals|newsletters?|"
                            r"podcasts?|slideshows?)\b"
                            r"|of\s+(?:both\b|(?-i:[A-Z])))", re.I)
_ADVICE = re.compile(r"the (?:best|easiest) (?:ways?|judge?ment|approach(?=[^.;]{0,60}?\bis to\b))\b", re.I)
"""After a superlative: "the best dose for you", "the best time to take it", "the best ways to
prevent it", "the best judgment of the physician", "the best approach … is to control the risks", "the best advice we can give" give advice;
"the strongest evidence", "the best available research" rate evidence; "the best-known
exercises", "the best photos of the week", "the best of both worlds", "the best of Newsweek";
"the best value" and "the best plan for you" sell; "the best it's ever been" compares a customer with
herself: none of them ranks one treatment against others."""
_HABIT_CROWNED = re.compile(r"the\s+(?:best|most\s+(?:effective|important|reliable))\s+(?:[\w'’-]+\s+){0,5}?(?:is|are|remains?)\s+"
                            r"(?:still\s+|often\s+|usually\s+|simply\s+)?(?:prevention\b|the\s+one\s+(?:you|that|people)\b|[a-z]+ing\b)", re.I)
"""A superlative crowning a habit or a choice, not a treatment: "the best protection is still
prevention: using insect repellent…", "the most effective steps for people with COPD remain stopping
smoking", "the best test is often the one you will actually do" (unless a treatment or "our" follows)."""
_SCHEDULE = re.compile(r"\b(?:(?:once|twice|(?:\d+|one|two|three|four|five)(?:\s+(?:to|or)\s+(?:\d+|two|three|four|five|six))?\s+(?:times|sessions|treatments|doses))"
                       r"\s+(?:a|per|each|every)\s+(?:day|week|month|night)|once\s+in\s+the\s+(?:morning|evening)|before\s+bed)\b", re.I)
"""In a superlative's sentence: how often to use a treatment ("the best results with three to four
sessions per week", "Once in the morning and once before bed gives the best results"): advice on
its schedule, not a ranking against other treatments."""
_MORE_THAN_A = re.compile(r"(?:much\s+)?more\s+than$", re.I)
_MORE_THAN_A_OPENS = re.compile(r"\W*(?:(?:[\w'’-]+\s+){1,3}?(?:is|are|['’]s)\s+(?:so\s+|much\s+)*)?", re.I)
"""Before a bare "more than": the sentence's opening or its subject and verb ("More than a weight-loss
shot", "Ozempic is so much more than a pill"), an idiom for what a thing is."""
_OR_ALONGSIDE = re.compile(r",?\s+or\s+(?:alongside|as\s+well\s+as|in\s+addition\s+to|together\s+with|with)\b", re.I)
_ALONGSIDE_OR = re.compile(r"\b(?:alongside|as\s+well\s+as|in\s+addition\s+to|together\s+with|with)\s+or\s+$", re.I)
_PERSON_IS = re.compile(r"(?:\b(?:Dr|Doctor|Nurse|Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'’-]+|\b(?:[Hh]e|[Ss]he|[Tt]he\s+(?:staff|team|doctors?|nurses?|"
                        r"dentists?|surgeons?|therapists?|pharmacists?|people)))\s+(?:is|are|was|were)\s+(?:simply\s+|truly\s+|just\s+|by\s+far\s+)?$")
"""Before a superlative: a person praised ("Dr. Nguyen is the best!", "the staff are the best"), not a treatment ranked."""
_IS_BEFORE = re.compile(r"\b(?:is|are|was|remains?)\s+(?:still\s+|simply\s+|by\s+far\s+)?$", re.I)
"""Before "the best way": "Zubsolv is the best way to quit" (see ``_ranked_treatment_before``)."""
_UNTREATED = re.compile(r"(?<!previously )\buntreated\b|\bwithout (?:any )?treatment\b|\bno treatment\b|\bnot (?:being )?treated\b"
                        r"|\b(?:not|never)\s+(?:on|taking|given|receiving|using)\b|\bdid(?:\s+not|n[’']t)\s+(?:take|get|receive|use)\b", re.I)
_PLACEBO = re.compile(r"placebo|sugar pills?|dumm(?:y|ies)|\bsham\b|\bfake\s+(?:acupuncture|treatment|procedure|surgery|pills?|injections?)\b|\binactive (?:pill|tablet|drug|treatment|injection|substance)", re.I)
_PLACEBO_ARM = re.compile(r"\b(?:placebo|sham)\s+(?:group|arm|recipients|patients)\b"
                          r"|\b(?:on|given|took|received|receiving|taking)\s+(?:a\s+)?(?:placebo|sham|dummy)\b", re.I)
"""The placebo arm of a trial as a side ("in the placebo group", "those given a placebo"), not a "placebo-controlled study"."""
_NOT_RIGHT_BEFORE = re.compile(r"(?:\bnot|n[’']t|\bno\s+longer)\s+(?:always\s+|necessarily\s+)?$", re.I)
"""Before "the only…" or "the best…": "X is not the only option", "not always the best choice" rank nothing."""
_APPROVAL_STATUS = re.compile(r"(?:(?:FDA|EMA|MHRA)[- ])?(?:approved|licensed|authori[sz]ed|cleared)\b", re.I)
"""After "the only ": an approval status ("the only FDA-approved treatment for…"), not a ranking."""
_ATTRIBUTE = r"(?:effectiveness|efficacy|benefits?|risks?|harms?|safety|costs?|prices?|convenience|side\s+effects)"
_ATTRIBUTE_BEFORE = re.compile(rf"\b{_ATTRIBUTE}\s*$", re.I)
_ATTRIBUTE_AFTER = re.compile(rf"\s*(?:the\s+)?(?:potential\s+)?{_ATTRIBUTE}\b", re.I)
"""Around "versus": "weighing effectiveness versus risk" sets two attributes against each other, not two treatments."""
_TREATMENT_KINDS = frozenset({"generic", "brand", "product", "procedure", "policy", "class"})
_OWN_TREATMENT = re.compile(rf"\b(?:our|my)\s+(?:[\w'’-]+\s+){{0,3}}?(?:compounds?|{PRODUCT_NOUN})\b", re.I)
"""A publisher's own treatment ("our adaptogen protocol", "my CBD tincture"): a side of a pairing."""
_FUNCTION_WORDS = frozenset({"the", "a", "an", "this", "that", "these", "those", "of", "its", "their", "his", "her", "our", "your",
                             "my", "which", "when", "new", "any", "some", "other", "all", "for", "to", "and", "or", "with", "by"})
"""Words that do not make a treatment noun a named side ("the drug", "of the drugs", "our new pills")."""
_OWN_VOICE = re.compile(r"\b(?:our|my|we|us)\s+(?:[\w-]+\s+){0,3}$", re.I)


@dataclass(slots=True)
class Comparison:
    sentence: int
    start: int
    end: int
    construction: str
    """unlike, than, compared, superior, outclassed, outdone, alternative, fail, only, only_way, superlative, settle,
    burden, switch, contrast, pairing or scored."""
    cue: str
    left: Mention | None
    right: str | None
    right_kind: str
    """drug, class, other-treatments, placebo, dose, baseline, field (implicit: all others), or other."""
    dimensions: list[str]
    head_to_head: list[EvidenceItem]
    score: dict | None = None
    """For a ``scored`` comparison: the scorer's probability, threshold and strongest features."""

    @property
    def against_treatment(self) -> bool:
        return self.right_kind in ("drug", "class", "other-treatments", "field")

    def explain(self) -> dict:
        return {
            "construction": self.construction,
            "comparison_words": self.cue,
            "treatment": self.left.as_dict() if self.left else None,
            "compared_with": self.right,
            "compared_with_kind": self.right_kind,
            "dimensions": self.dimensions,
            "head_to_head_evidence": [e.as_dict() for e in self.head_to_head],
            **({"score": self.score} if self.score else {}),
        }


def find_comparisons(document, interventions: Interventions, evidence: SpanIndex[EvidenceItem]) -> list[Comparison]:
    text = document.text
    found: list[Comparison] = []
    for index, sentence in enumerate(document.sentences):
        start, end = sentence.start, sentence.end
        question = text[start:end].rstrip().endswith("?") and not _CLAIM_THEN_QUESTION.search(text, start, end)
        quantified = any(e.kind == "quantified" for e in evidence.within(start, end))
        contrasts = [m for m in CONTRAST.finditer(text, start, end)
                     if (text[max(start, m.start() - 2):m.start()] == ", " and not m.group().lower().startswith("where "))
                     or (m.start() == start and "," in text[m.end():end] and _BURDEN_HEDGE.search(m.group()))]
        matches = [*COMPARATIVE.finditer(text, start, end), *contrasts]
        for match in [*matches, *PREFERENCE.finditer(text, start, end)]:
            if question and match.lastgroup != "settle":
                continue  # a real question ("Is X better than Y?"), not a rhetorical "Why settle for X when...?"
            if is_unsettled(text, match.start(), start) or denies_evidence(text, match.start(), start):
                continue  # "trials to see if it is better than…", "not enough evidence to show it's any better"
            if match.lastgroup == "only" and _APPROVAL_AFTER.match(text, match.end()):
                continue  # "the only CBD medicine approved by the FDA": a regulatory fact, not a ranking
            hedged = (_MODAL_BEFORE.search(text, max(start, match.start() - 30), match.start()) is not None
                      or (match.lastgroup == "unlike" and _MODAL.search(text, match.end(), end) is not None))
            if _CLAIMED_BY_OTHERS.search(text, start, match.start()) or (hedged and _REPORTED_SPEECH.search(text, start, match.start())):
                continue  # "Some websites claim that X works just as well as statins", "experts pointed out that a tablet could be easier": reported
            if hedged and reports_rather_than_sells(text, start, end):
                continue  # "the risk … may be lower than with full agonists", "Unlike those drugs, … it may be cheaper"
                #           in a story or a leaflet: hedged, not a verdict
            construction = match.lastgroup
            mentions = interventions.within(start, end)
            right, right_kind = _other_side(text, match, construction, mentions, start, end)
            if right_kind == "other":
                continue
            left = next((m for m in mentions if m.end <= match.start() and (m.specific or m.kind in ("class", "reference"))), None)
            if left is None:
                # "Unlike X or Y, Z works...": the treatment comes after the comparator's clause
                after = _clause_end(text, match.end(), end) if construction in ("unlike", "compared") else match.end()
                left = next((m for m in mentions if m.start >= after and right and m.text not in right and (m.specific or m.kind == "class")), None)
            if left is None and interventions.main and not any(m.canonical == interventions.main for m in mentions if m.start >= match.start()):
                left = Mention(start, start, "", interventions.main, "implied")  # not when the page's drug is the other side
            if left is not None and left.canonical == interventions.main and _CONCEDED.search(text, max(start, match.start() - 40), match.end()):
                continue  # "Robotic procedures can also take longer … than standard keyhole surgery": a limit, told
            if construction == "superlative" and OTHER_TREATMENTS.search(text, _clause_start(text, start, match.start()), match.start()):
                continue  # "in some cases a traditional open operation remains the safest option": the other side praised
            dimensions = _dimensions(text, start, end, construction)
            if (dimensions == ["cost"] and construction in ("than", "compared") and _PRICE.search(text, start, end)
                    and not PROMOTIONAL_VOICE.search(text, start, end)):
                continue  # "roughly $700 more than laparoscopic surgery": prices reported, not "our generic is far cheaper"
            if not dimensions and right_kind in ("drug", "class", "other-treatments") and not quantified and match.group()[0] not in "vV":
                # "keeps a migraine from coming back far more often" than triptans; not a trial's arms in
                # figures, nor "X vs Y" labelling a topic or a table row
                dimensions = ["efficacy"]
            found.append(Comparison(index, match.start(), match.end(), construction, match.group(), left, right, right_kind,
                                    dimensions, _head_to_head(document, evidence, sentence)))
        if not question and (not found or found[-1].sentence != index):
            # where a construction matched and its other side was not a treatment ("sales grew faster
            # than...", "more than ten days"), the scorer is not asked to second-guess it
            pairing = _pairing(document, interventions, evidence, index, found, use_scorer=not matches)
            if pairing and not denies_evidence(text, end, start):  # "No trial has yet compared X with Y"
                found.append(pairing)
    return found


_BURDEN_HEDGE = re.compile(r"\b(?:can|may|often|usually|typically)\s", re.I)
"""In a contrast that opens a sentence: the other side's burden as what it tends to do ("Where SSRIs
can take weeks, …"), not a reported difference ("While surgery causes lifelong problems, …")."""
_CONCEDED = re.compile(r"\b(?:can|could|may|might|sometimes|often|tends?\s+to)\s+(?:also\s+|still\s+|sometimes\s+)?"
                       r"(?:take\s+longer|be\s+(?:slower|costlier|pricier|weaker|more\s+(?:expensive|costly|invasive)|less\s+(?:effective|precise|accurate|convenient)))\b", re.I)
"""A comparison in which the page's own treatment comes off worse ("can take longer in the operating
room than standard keyhole surgery"): a limit disclosed, not a claim to substantiate."""


_PRICE = re.compile(r"[$£€]\s?\d|\b\d[\d,.]*\s?(?:dollars|pounds|euros|GBP|USD|EUR)\b")
"""A price in figures."""


_CLAIMED_BY_OTHERS = re.compile(r"\b(?:claim(?:s|ed)?|alleg(?:e|es|ed)|purport(?:s|ed)?)\s+(?:that\s+)?(?:[\w'’\"“”,-]+\s+){0,8}?[\"“]?$", re.I)
"""Before a comparison: others' claim, reported ("Some websites claim that red yeast rice works just
as well as statins"), not the publisher's."""
_REPORTED_SPEECH = re.compile(r"\b(?:said|says|say|pointed\s+out|noted|note|cautioned|warned|argued|suggested|added|believe|think)\s+(?:that\s+)?", re.I)
_MODAL_BEFORE = re.compile(r"\b(?:could|might|may)\s+(?:[\w-]+\s+){0,3}?$", re.I)
"""Before a comparison a source reports: its hedge ("experts pointed out that a tablet could be easier to give than an injection")."""
_MODAL = re.compile(r"\b(?:could|might|may)\b", re.I)
"""After "Unlike X,": the difference hedged ("Unlike those drugs, it is a small molecule, which means it may be cheaper")."""
_APPROVAL_AFTER = re.compile(r"\s+(?:(?:that|which)\s+(?:is|has\s+been)\s+|to\s+be\s+|ever\s+)?(?:FDA[- ]|EMA[- ])?"
                             r"(?:approved|cleared|licensed|authori[sz]ed)\b", re.I)


def _dimensions(text: str, start: int, end: int, construction: str) -> list[str]:
    dimensions = [name for name, pattern in DIMENSION.items() if pattern.search(text, start, end)]
    if "safety" not in dimensions and ADVERSE_EFFECT.search(text, start, end):
        dimensions.append("safety")
    if not dimensions and (construction in _INHERENTLY_EFFICACY or BENEFIT.search(text, start, end)):
        dimensions = ["efficacy"]  # "the only treatment that...", or a benefit verb: a claim to work better
    return dimensions


@dataclass(slots=True)
class PairingSpan:
    """A sentence (or a rhetorical question and its answer) that names two different treatments."""

    start: int
    end: int
    sides: list[Side]
    promoted: Side
    """The side the sentence speaks for: the publisher's own, one in its voice, else the last named."""
    other: Side


def pairing_span(document, interventions: Interventions, index: int, found: list[Comparison]) -> PairingSpan | None:
    """The span of sentence ``index`` with its treatments, if it names two different ones. A
    rhetorical question counts with the sentence that answers it ("Paying $500 a month for
    Xiidra? Our generic drops..."), unless a comparison was already found in the question."""
    text = document.text
    sentence = document.sentences[index]
    start, end = sentence.start, sentence.end
    previous = document.sentences[index - 1] if index else None
    if previous and text[previous.start:previous.end].rstrip().endswith("?") and not (found and found[-1].sentence == index - 1):
        start = previous.start
    sides = _treatment_sides(text, interventions, start, end)
    if not sides:
        return None
    promoted = next((side for side in sides if side[3] == "own" or _OWN_VOICE.search(text, max(start, side[0] - 30), side[0])), sides[-1])
    other = next((side for side in sides if side[2] != promoted[2]), None)
    return PairingSpan(start, end, sides, promoted, other) if other else None


def _pairing(document, interventions: Interventions, evidence: SpanIndex[EvidenceItem], index: int,
             found: list[Comparison], use_scorer: bool = True) -> Comparison | None:
    """Two different treatments named with no comparative word, set against each other by
    promotional framing ("Ditch the omeprazole: Voquezna heals...", "Other clinics hand you a
    phentermine script, but we use Zepbound") or, failing that, by the comparison scorer
    ("Nurtec stops a migraine in its tracks; sumatriptan just turns the volume down")."""
    span = pairing_span(document, interventions, index, found)
    if span is None:
        return None
    text = document.text
    signal = None if PAIRING_NEUTRAL.search(text, span.start, span.end) else _pairing_signal(text, span.start, span.end)
    score = None
    question_end = document.sentences[index].start
    if signal is not None and signal.start() < question_end and not any(side[0] < question_end for side in span.sides):
        return None  # "Tired of diets that never stick? SlimScript … ships semaglutide": the question frames no treatment
    if signal is not None:
        construction, cue, cue_start, cue_end = "pairing", signal.group(), signal.start(), signal.end()
    elif not use_scorer:
        return None
    else:
        scorer = load_scorer()
        found_features = features(text, span.start, span.end, span.sides)
        probability = scorer.probability(found_features)
        if probability < scorer.threshold:
            return None
        construction, cue, cue_start, cue_end = "scored", text[span.start:span.end], span.start, span.end
        score = {"probability": round(probability, 3), "threshold": scorer.threshold, "scorer": scorer.version,
                 "strongest_features": scorer.explain(found_features)}
    promoted_start, promoted_end, identity, _ = span.promoted
    left = next(iter(interventions.within(promoted_start, promoted_end)), None) or Mention(
        promoted_start, promoted_end, text[promoted_start:promoted_end], identity, "reference")
    other = span.other
    kind = "other-treatments" if other[3] in ("noun", "other") else "class" if other[3] == "class" else "drug"
    return Comparison(index, cue_start, cue_end, construction, cue, left, text[other[0]:other[1]], kind,
                      _dimensions(text, span.start, span.end, construction), _head_to_head(document, evidence, document.sentences[index]),
                      score)


def _pairing_signal(text: str, start: int, end: int):
    """The words that frame a pairing as a pitch: a verdict, an imperative opening a clause, or
    weaker framing in a promotional voice."""
    verdict = PAIRING_VERDICT.search(text, start, end)
    if verdict:
        return verdict
    for imperative in PAIRING_IMPERATIVE.finditer(text, start, end):
        if not text[start:imperative.start()].strip() or text[start:imperative.start()].rstrip()[-1] in ":;,—–?!":
            return imperative
    if PROMOTIONAL_VOICE.search(text, start, end):
        return PAIRING_PITCH.search(text, start, end)
    return None


def _treatment_sides(text: str, interventions: Interventions, start: int, end: int) -> list[Side]:
    """(start, end, identity, kind) of each treatment named in a span: drugs, classes, "other
    treatments", the publisher's own ("our protocol") and treatment nouns ("the pills")."""
    sides = [(m.start, m.end, m.canonical.lower(), m.kind) for m in interventions.within(start, end) if m.kind in _TREATMENT_KINDS or m.kind == "other"]
    owns, nouns = _treatment_words(text)
    for side in [*owns[bisect_left(owns, (start,)):bisect_left(owns, (end,))], *nouns[bisect_left(nouns, (start,)):bisect_left(nouns, (end,))]]:
        if side[1] <= end and not any(s < side[1] and side[0] < e for s, e, _, _ in sides):
            sides.append(side)
    sides.sort()
    return [side for i, side in enumerate(sides) if not _names_an_instance(text, side, sides[i + 1:i + 2], sides[i - 1:i] if i else [])
            and not (side[3] == "class" and _CONDITION_OF_A_CLASS.match(text, side[1]))
            and not (i and sides[i - 1][3] == "own" and _PART_OF_OWN_GAP.fullmatch(text, sides[i - 1][1], side[0]))]


_PART_OF_OWN_GAP = re.compile(
    r"\s+(?:that\s+|which\s+)?(?:uses?|using|includes?|including|combines?|combining|pairs?|adds?|prescribes?|"
    r"relies\s+on|is\s+built\s+(?:around|on)|starts?\s+with|with)\s+(?:[\w-]+\s+){0,2}", re.I)
"""What stands between the publisher's own treatment and a drug that is part of it: "our weight
loss program uses phentermine", "our protocol combines low-dose naltrexone": one side, not two."""


_CONDITION_OF_A_CLASS = re.compile(
    r"[ -](?:use disorders?|dependen(?:ce|cy)|addictions?|withdrawal|cravings|overdoses?|misuse|abuse|poisoning|epidemic|crisis|"
    r"toxicity|resistance|intolerance|allerg(?:y|ies))\b", re.I)
"""What makes a drug class name a condition, the thing a treatment is for, rather than a treatment:
"Zubsolv for opioid dependence", "metformin and insulin resistance", "antibiotic resistance". (A
single drug stays a side: "methadone withdrawal" is a harm of that treatment.)"""


_EXAMPLE_GAP = re.compile(
    r"\s*,?\s*(?:such as|including|like|e\.g\.,?|especially|for example|\()\s*$"
    r"|\s+(?:drugs?|medications?|medicines?|therapy|treatments?|pills?|injections?)?\s*$", re.I)
"""What stands between a class and the drug that is an instance of it: "SSRIs such as Zoloft",
"Existing drugs, including Tamiflu", "the immunotherapy drug Keytruda", "statins (Lipitor)"."""
_APPOSITION_GAP = re.compile(r"\s*(?:,\s*(?:an?|the|which is an?)\s+(?:[\w-]+\s+){0,2}|\s+(?:is|are)\s+an?\s+(?:[\w-]+\s+){0,2}(?:form|type|kind|version)\s+of\s+|\s+(?:is|are)\s+an?\s+(?!(?:[\w-]+\s+)?(?:better|safer|cheaper|faster|stronger|gentler|more|less|only|best)\b)(?:[\w-]+\s+){0,2}|\(\s*)$", re.I)
"""What stands between a drug and the class it belongs to: "Keytruda, an immunotherapy drug",
"Ozempic is a weekly shot"."""
_GENERAL_KINDS = frozenset({"class", "other", "noun"})


def _names_an_instance(text: str, side: Side, following: list[Side], preceding: list[Side]) -> bool:
    """Whether a class or treatment noun only names the kind of an adjacent drug, so that the two
    are one treatment, not two sides."""
    if side[3] not in _GENERAL_KINDS:
        return False
    if following and following[0][3] not in _GENERAL_KINDS and _EXAMPLE_GAP.match(text, side[1], following[0][0]):
        return True
    return bool(preceding) and preceding[0][3] not in _GENERAL_KINDS and bool(_APPOSITION_GAP.match(text, preceding[0][1], side[0]))


@lru_cache(maxsize=4)
def _treatment_words(text: str) -> tuple[list[Side], list[Side]]:
    """The publisher's own treatments ("our protocol") and named treatment nouns ("steroid
    shots") of a whole text, in order: found once per document, then looked up per sentence."""
    owns = [(m.start(), m.end(), m.group().lower(), "own") for m in _OWN_TREATMENT.finditer(text)]
    nouns = []
    for noun in TREATMENT_NOUN.finditer(text):
        words = noun.group().split()
        while words[:-1] and words[0].lower() in _FUNCTION_WORDS:
            words.pop(0)
        if _named_treatment_noun(words):
            named = " ".join(words)
            nouns.append((noun.end() - len(named), noun.end(), named.lower(), "noun"))
    return owns, nouns


def _named_treatment_noun(words: list[str]) -> bool:
    """Whether a treatment noun's modifiers name a kind of treatment ("steroid shots", "diet
    pills", "twice-daily inhalers"), rather than being a plain "drug" or running into the words
    around it ("Food and Drug", "finding drugs", "ordered into treatment")."""
    modifiers = words[:-1]
    return bool(modifiers) and all(
        word.islower() and word not in _FUNCTION_WORDS and not word.endswith(("ing", "ed")) for word in modifiers)


def _head_to_head(document, evidence: SpanIndex[EvidenceItem], sentence) -> list[EvidenceItem]:
    """A source in the sentence, or a quantified result in it that a citation in its section backs,
    or for a heading a source in its section and for a title one anywhere (a headline sums up the
    article: "Physiotherapy beats steroid jabs, trial finds"); failing a citation, the randomised
    trial the document describes, for figures or for a headline that names a trial; none when the
    sentence says the evidence is not head-to-head ("a placebo-controlled study")."""
    if HEAD_TO_HEAD_DISQUALIFIER.search(document.text, sentence.start, sentence.end):
        return []
    in_sentence = evidence.within(sentence.start, sentence.end)
    cited = [e for e in in_sentence if e.kind in IDENTIFIABLE]
    if cited:
        return cited
    kind = document.blocks[sentence.block].kind
    headline = kind in ("title", "heading")
    if not headline and not any(e.kind == "quantified" for e in in_sentence):
        return []
    cited = [e for e in evidence.within(*document.unit_span(sentence.start, "document" if kind == "title" else "section"))
             if e.kind in IDENTIFIABLE]
    if cited or (headline and not _A_TRIAL.search(document.text, sentence.start, sentence.end)):
        return cited
    return [e for e in evidence.within(0, len(document.text)) if e.kind == "quantified" and _RANDOMISED.fullmatch(e.text)]


_RANDOMISED = re.compile(r"randomi[sz]ed|randomly\s+(?:assigned|allocated)", re.I)
"""A randomised trial the document describes: the head-to-head source of the figures it reports
("In the trial, 91.4% … compared with 93.8% of those given the injection")."""
_A_TRIAL = re.compile(r"\b(?:trials?|study|studies)\b", re.I)


def _ranked_treatment_before(text: str, mentions: list[Mention], start: int, match) -> bool:
    """"Zubsolv is the best way to quit": a named treatment said to be the best way ranks it
    (advice such as "the best way to prevent flu is…" or "avoiding smoking is the best way" does not)."""
    return bool(_IS_BEFORE.search(text, start, match.start())) and any(
        m.end <= match.start() and m.kind in _TREATMENT_KINDS for m in mentions)


def _crowns_a_habit(text: str, mentions: list[Mention], match, end: int) -> bool:
    """The superlative crowns a habit or a choice (``_HABIT_CROWNED``) and no treatment or "our"
    follows in the sentence ("the best way to lose weight is taking our capsules" still ranks)."""
    crowned = _HABIT_CROWNED.match(text, match.start(), end)
    return crowned is not None and not PUBLISHER.search(text, crowned.start(), end) and not any(
        crowned.end() - 12 <= m.start < end and m.kind in _TREATMENT_KINDS for m in mentions)


def _other_side(text: str, match, construction: str, mentions: list[Mention], start: int, end: int) -> tuple[str | None, str]:
    """What the treatment is compared with, and what kind of thing that is."""
    if construction == "alternative" and match.group().lower().startswith("that come") and not _HARM_THAT_COMES.search(
            text, max(start, match.start() - 40), match.start()):
        return None, "other"  # "the prescribing information that comes with your medicine": no harm left behind
    if construction == "alternative" and match.group().lower() == "instead of" and (
            _OR_ALONGSIDE.match(text, match.end()) or _ALONGSIDE_OR.search(text, max(start, match.start() - 30), match.start())):
        return None, "other"  # "can be used instead of or alongside medicine": options, not a verdict
    if construction == "burden":  # "say goodbye to daily pills", "... to the stomach upset of metformin"
        reach = text[match.end():end].split()[:_BURDEN_REACH]
        window_end = match.end() + len(" ".join(reach)) + 1
        if clause_break := _BURDEN_CLAUSE_END.search(text, match.end(), window_end):
            window_end = clause_break.start()  # "Say goodbye to glasses forever: LASIK…": LASIK is not left behind
        named = [m for m in _mentions_in(mentions, match.end(), window_end) if m.kind in _TREATMENT_KINDS
                 and not _MEANS_BEFORE.search(text, max(match.end(), m.start - 12), m.start)]
        if named:
            return _side(named[0])
        found = TREATMENT_FORM.search(text, match.end(), window_end)
        return (found.group(), "other-treatments") if found else (None, "other")
    if construction in ("contrast", "outdone"):  # ", while PPIs like omeprazole can take several days", "what months of medication cannot"
        named = [m for m in _mentions_in(mentions, match.start(), match.end()) if m.kind in _TREATMENT_KINDS | {"other"}]
        if named:
            return _side(named[0])
        found = OTHER_TREATMENTS.search(text, match.start(), match.end()) or TREATMENT_NOUN.search(text, match.start(), match.end())
        return (found.group(), "other-treatments") if found else (None, "other")
    if construction == "than" and match.group().lower().split()[0] in ("more", "less", "fewer", "longer", "shorter") \
            and len(match.group().split()) == 2 and _QUANTITY.match(text, match.end(), end):
        return None, "other"  # "more than ten days"
    if construction == "than" and _BUSINESS.search(text, start, match.start()):
        return None, "other"  # "sales of X grew faster than..."
    if (construction == "compared" and match.group().lower().startswith("v") and (heading := _TOPIC_HEADING.match(text, match.end(), end))
            and not _VERDICT.search(text, heading.end(), end)):
        return None, "other"  # "Eliquis vs. Warfarin: what to know", not "Zoloft vs. Lexapro: Lexapro wins"
    if construction == "settle" and not _treatment_outside(text, mentions, match, start, end):
        return None, "other"  # "Why wait?" on its own
    if construction == "prefer":  # "patients prefer Sublocade over Suboxone": the side after "over"
        if is_negated(text, match.start(), start):  # "there is no reason to choose Eylea over Avastin"
            return None, "other"
        clause_end = _clause_end(text, match.end(), end)
        over = _PREFERRED_OVER.search(text, match.end(), clause_end)
        named = [m for m in _mentions_in(mentions, over.end(), clause_end) if m.kind in _TREATMENT_KINDS] if over else []
        return _side(named[0]) if named and _mentions_in(mentions, match.end(), over.start()) else (None, "other")
    if construction == "outclassed":
        return _preceding_treatment(text, mentions, max(start, match.start() - _LEFT_REACH), match.start())
    if construction == "superlative" and (_NOT_A_RANKING.match(text, match.end(), end)
                                          or _NOT_RIGHT_BEFORE.search(text, max(start, match.start() - 24), match.start())
                                          or (_ADVICE.match(text, match.start(), end) and not _ranked_treatment_before(text, mentions, start, match))
                                          or text[max(start, match.start() - 4):match.start()].lower() == "for "
                                          or _SCHEDULE.search(text, *_punctuated_clause(text, start, end, match.start()))
                                          or _crowns_a_habit(text, mentions, match, end)
                                          or _PERSON_IS.search(text, max(start, match.start() - 40), match.start())):
        return None, "other"
    if construction == "than" and _MORE_THAN_A.match(match.group()) and _MORE_THAN_A_OPENS.fullmatch(text, start, match.start()):
        return None, "other"  # "More than a weight-loss shot", "X is more than a pill": what it is, not a verdict
    if construction == "than" and _UNTREATED.search(text, start, match.start()):
        return "no treatment", "baseline"  # "untreated X carries a higher risk than treatment with Y"
    if construction == "than" and _PLACEBO_ARM.search(text, start, match.end()):
        return "placebo", "placebo"  # "events were more common in the placebo group than in either vaccine group"
    if construction == "only" and (_NOT_RIGHT_BEFORE.search(text, max(start, match.start() - 12), match.start())
                                   or _APPROVAL_STATUS.match(match.group(), 9)):
        return None, "other"  # "X is not the only option"; "the only FDA-approved drug for Y" states a status
    if (construction == "compared" and match.group().lower().startswith("v") and _ATTRIBUTE_BEFORE.search(text, start, match.start())
            and _ATTRIBUTE_AFTER.match(text, match.end(), end)):
        return None, "other"
    if construction in _IMPLICIT_FIELD:
        window_start, window_end = match.end(), min(end, match.end() + _RIGHT_REACH)
        named = [m for m in mentions if window_start <= m.start < window_end and m.kind in _TREATMENT_KINDS]
        if construction == "settle" and named:
            return _side(named[0])
        return "all other treatments", "field"
    if construction in _COMPARATOR_INSIDE:
        named = [m for m in mentions if match.start() <= m.start < match.end() and m.kind in _TREATMENT_KINDS | {"other"}]
        if named:
            return _side(named[0])
        if construction == "alternative" and match.group().lower().startswith("the ") and (
                found := TREATMENT_NOUN.compiled.search(text, match.start(), match.end())):
            return re.sub(r"^of\s+", "", found.group()), "other-treatments"  # "the focus of ADHD medication without the appetite loss"
    if construction == "compared" and match.start() - start < 3:
        window_start, window_end = match.end(), _clause_end(text, match.end(), end)
    elif construction == "unlike":
        window_start, window_end = match.end(), _clause_end(text, match.end(), end)
    else:
        window_start, window_end = match.end(), min(end, match.end() + _RIGHT_REACH)
    if construction == "than" or construction == "superior":
        if (leading_with := _WITH_RIGHT_AFTER.match(text, window_start)) is not None:
            window_start = leading_with.end()  # "clearer skin than with any other biologic": "with" opens the other side
        window_end = _clause_end(text, window_start, window_end)
    right_text = text[window_start:window_end].strip(" ,.;:")
    if not right_text:
        return None, "other"
    if _PLACEBO.search(right_text):
        return right_text, "placebo"
    if _UNTREATED.search(right_text):
        return "no treatment", "baseline"  # "lower than in those not on the drug"
    lowered = right_text.lower().removeprefix("a ").removeprefix("the ")
    if ((baseline := BASELINE_COMPARATOR.match(lowered)) and not ((noun := TREATMENT_NOUN.compiled.match(lowered)) and noun.end() > baseline.end()
                                                                     and not _TIME_AFTER.match(lowered, baseline.end()))
            or re.match(r"(?:[\w']+\s+){0,2}(?:before|at (?:the )?(?:start|baseline))\b", right_text, re.I)):
        return right_text, "baseline"  # "than before", "than earlier" (but "unlike earlier weight-loss drugs" names drugs)
    named = [m for m in _mentions_in(mentions, window_start, window_end) if m.kind in _TREATMENT_KINDS or m.kind == "other"]
    left_names = {m.canonical for m in mentions if m.start < window_start}
    if DOSE.search(right_text) and (not named or named[0].canonical in left_names):
        return right_text, "dose"
    if named:
        return _side(named[0])
    for pattern in (OTHER_TREATMENTS, TREATMENT_NOUN):
        found = pattern.search(right_text)
        if found:
            return found.group(), "other-treatments"
    if construction == "unlike" and (found := TREATMENT_WORD.search(" ".join(right_text.split()[:4]))):
        return found.group(), "other-treatments"  # "Unlike TURP or laser surgery, PAE leaves…": a procedure in its first words
    if (found := OTHER_PROVIDER.search(right_text)) and _OUTCOME_COMPARED.search(text, start, match.end()):
        return found.group(), "other-treatments"  # "a better result with us than at a London clinic", not "shorter waits than"
    return right_text, "other"


_WITH_RIGHT_AFTER = re.compile(r"\s+with\b", re.I)
_TIME_AFTER = re.compile(r"\s+(?:in|on|during|after|before|at|of|with|when|into)\b")
"""After a baseline word: it is a time ("than later in treatment"), not a kind of treatment ("than earlier drugs")."""
_OUTCOME_COMPARED = re.compile(r"\b(?:results?|outcomes?|relief|recover\w*|success|safer|safety|complications?|side[- ]effects?)\b", re.I)
"""What a comparison with another clinic must be about to be a health claim: its outcomes."""


def _side(mention: Mention) -> tuple[str, str]:
    """A named other side and its kind: a class, "other treatments", or a drug."""
    return mention.text, {"class": "class", "other": "other-treatments"}.get(mention.kind, "drug")


def _treatment_outside(text: str, mentions: list[Mention], match, start: int, end: int) -> bool:
    """Whether the sentence names a treatment outside the cue itself."""
    if any(not (match.start() <= m.start < match.end()) for m in mentions):
        return True
    return any(not (match.start() <= t.start() < match.end()) for t in TREATMENT_WORD.finditer(text, start, end))


def _preceding_treatment(text: str, mentions: list[Mention], start: int, end: int) -> tuple[str | None, str]:
    """The treatment named nearest before a cue the comparator precedes ("results older pills could only
    dream of"; "Our NAD+ therapy delivers results that conventional medications can't match": the
    medications, not NAD+)."""
    named = [m for m in _mentions_in(mentions, start, end) if m.kind in _TREATMENT_KINDS or m.kind == "other"]
    for pattern in (OTHER_TREATMENTS, TREATMENT_NOUN):
        found = [m for m in pattern.finditer(text, named[-1].end if named else start, end)]
        if found:
            return found[-1].group(), "other-treatments"
    return _side(named[-1]) if named else (None, "other")


def _mentions_in(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if start <= m.start < end]


_CLAUSE_BREAK = re.compile(r"[,;:—–(]|\b(?:and|but|which|because|so|while|when)\b")


def _clause_start(text: str, start: int, position: int) -> int:
    """Where the clause that ``position`` is in starts (after the last break before it)."""
    found = None
    for found in _CLAUSE_BREAK.finditer(text, start, position):
        pass
    return found.end() if found else start


_PUNCTUATION = re.compile(r"[,;:—–()]")


def _punctuated_clause(text: str, start: int, end: int, position: int) -> tuple[int, int]:
    """The stretch between the punctuation marks around ``position`` ("The most effective treatment
    is CBT" in "…, which involves … before bed"), inside ``start``-``end``."""
    before = max((m.end() for m in _PUNCTUATION.finditer(text, start, position)), default=start)
    after = _PUNCTUATION.search(text, position, end)
    return before, after.start() if after else end


def _clause_end(text: str, start: int, limit: int) -> int:
    found = re.compile(r"[,;:.!?)—–]|\b(?:and|but|which|because|so|while|when|with)\b").search(text, start, limit)
    return found.start() if found else limit

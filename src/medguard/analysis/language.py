"""Sentence-level language cues that rules read directly: absolute promises ("cure",
"guaranteed", "100%") and establishment phrases ("studies show", "clinically proven")."""

from __future__ import annotations

import re

from .claims import cure_not_promised, in_disclaimer, is_negated, is_unsettled
from .cues import ABSOLUTE, ABSOLUTE_QUALIFIER, ADVERSE_EFFECT, BENEFIT, ESTABLISHMENT, OUTCOME, QUESTION_HEADING, SAFETY
from .spans import Cue
from .voice import promotes, reports_rather_than_sells

_EVIDENCE_LIMITED = re.compile(
    r"\b(?:(?:larger|bigger|longer|more|further|better|well-designed)\s+(?:and\s+\w+\s+)?(?:trials|studies|research)\s+"
    r"(?:are|is)\s+(?:still\s+)?needed|evidence\s+is\s+(?:still\s+)?(?:limited|weak|mixed|thin|preliminary)"
    r"|(?:a\s+)?(?:few|handful\s+of)\s+small\s+(?:studies|trials)|results\s+(?:vary|varied|differ)(?:\s+(?:a\s+lot|widely|considerably))?\s+between)\b", re.I)
"""In the sentence of "studies suggest": the writer says the evidence is thin ("a few small studies
suggest it may help, but larger trials are needed", "although results vary a lot between children
and studies"), which is the opposite of promising it (not
after "studies show", which still promises what more studies are to refine)."""
_DEFINITE = ("the ", "these ", "this ", "those ", "our ", "both ", "new ", "recent ")
"""Before "research shows": a study the page is about ("the trials found", "new research shows")."""
_HARM_FOUND = re.compile(
    r"\b(?:(?:increased|higher|greater|raised|elevated|added|excess|small|slight)\s+(?:\w+\s+)?risks?"
    r"|(?:raises?|raised|increases?|increased|doubles?|doubled)\s+(?:the\s+|a\s+|your\s+)?risks?"
    r"|side[- ]effects?|adverse|harms?|complications?)\b",
    re.I,
)
"""A harm reported after an evidence phrase (not an adverse effect the cue list names: those include
the conditions treated, such as pain or cancer)."""
_HARM_PLAYED_DOWN_BEFORE = re.compile(r"\b(?:no|low|lower|few|fewer|minimal|little|reduced|limited|without)\s+(?:[\w-]+\s+){0,3}$", re.I)
_HARM_PLAYED_DOWN_AFTER = re.compile(r"\s+(?:are|were|is|was)\s+(?:\w+\s+)?(?:few|rare|minor|mild|minimal|low|uncommon|negligible)\b", re.I)
_AWAITED = re.compile(r"\b(?:until|unless|before|once|if)\s+(?:[\w-]+\s+){0,3}$", re.I)
"""Before "studies show": evidence still awaited ("until more definitive studies show…")."""
_TOPIC = re.compile(r"\b(?:what|whatever)\s+$", re.I)
"""Before "research has found": what the evidence says, as a topic ("this article summarises what
research has found about…"), not a claim that it says something."""
_TERMS_OF_SALE = re.compile(r"\b(?:money[- ]back|satisfaction|refund|price(?:[- ]match)?|lowest[- ]price|best[- ]price|delivery|"
                            r"shipping|returns?|\d+[- ]days?)\s+(?:(?:and|&)\s+)?$", re.I)
"""Before "guarantee": a term of sale ("60-day money-back guarantee", "Price and guarantee"), not a
promised outcome."""
_GUARANTEED_CONTENT = re.compile(r"\s+(?:to|until|through|at)\s+(?:the\s+)?(?:(?:end|point|date)\s+of\s+(?:its\s+|the\s+)?)?(?:shelf[- ]life|expiry|expiration|best[- ]before)"
                                 r"|\s+(?:potency|freshness|fresh|delivery)\b", re.I)
"""After "guaranteed": what the label promises about the product ("50 billion CFU, guaranteed to the
end of shelf life", "guaranteed at the point of expiry"), not an outcome for the user."""
_RARELY = re.compile(r"\b(?:rarely|seldom|hardly\s+ever|not\s+always|(?:more|less)\s+often|sometimes)\s+$", re.I)
"""Before a promise word: the opposite of a promise, or a rate ("surgery rarely cures them",
"when treatment can more often cure it")."""
_PERMANENT_DESCRIBES = re.compile(r"\s+(?:[\w-]+\s+)?(?:stents?|implants?|pacemakers?|tubes?|catheters?|markers?|teeth|fillings?)\b", re.I)
"""After "permanent": a device or a body part that stays ("permanent metallic stents", "permanent teeth"), not a promise."""
_HARM_BEFORE = re.compile(r"\b(?:damage|injury|injuries|harm|loss|scarring|impairment|paralysis|changes?)\s+(?:is|are|was|were|"
                          r"(?:can|could|may|might|will)\s+be|becomes?)\s+(?:often\s+|usually\s+|sometimes\s+)?$", re.I)
"""Before "permanent": a harm that lasts ("this damage is permanent")."""
_MAY_LAST = re.compile(r"\b(?:can|could|may|might)\s+(?:sometimes\s+|occasionally\s+|rarely\s+)?(?:be|become)\s+$", re.I)
"""Before "permanent", after a harm the sentence names: the harm may last ("glare and halos …
usually improve but can be permanent")."""
_NUTRIENT_SHARE = re.compile(r"\s+(?:of\s+(?:the\s+|your\s+)?(?:DV|daily\s+values?|RDA|recommended|daily\s+(?:intake|requirement|allowance|needs?))"
                             r"|daily\s+value)\b", re.I)
"""After "100%": a share of a nutrient's daily value ("fortified with 100% of the DV"), not a promise."""
_HARM_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:damage|injury|injuries|harm|disabilit(?:y|ies)|scarring|scars?|loss|discolou?ration|numbness|"
                         r"impairment|paralysis|blindness|deafness)\b"
                         r"|\s+(?:reduce|reduces|lower|lowers|weaken|weakens|worsen|worsens|damage|damages)\s+(?:your\s+|their\s+)?"
                         r"(?:[\w-]+\s+)?(?:function|capacity|vision|hearing|fertility)\b", re.I)
"""After "permanent": a harm ("permanent nerve damage", "can permanently reduce lung function"), not a promise."""


_STUDY_FOUND = re.compile(r"\b(?:study|studies|trial|trials|researchers)\b[^.;:]{0,40}?\b(?:found|showed|reported)\b", re.I)
"""Before a qualifier: a study's finding reported ("a study in late 2014 found that LSD permanently
reduced anxiety in a small number of patients"), not the writer's promise."""
_GONE = re.compile(r"disappear|vanish|completely clear", re.I)
_IN_A_TRIAL = re.compile(r"\b(?:in|of)\s+(?:the|this|that|a|each)\s+(?:[\w-]+\s+){0,3}?(?:trial|study|group|arm)\b|\bparticipants\b", re.I)
"""In the sentence of a rate: the trial it comes from ("In the trial, 91.4% of participants … were cured")."""
_REPORTED_RATE = re.compile(r"\b(?:more|less) likely to\b|\b(?:in|by) \d+(?:\.\d+)? ?(?:%|percent|per cent) of\b"
                            r"|\b[\w.-]+ ?(?:%|percent|per cent) of (?:the )?(?:women|men|patients|participants|people|children|adults|subjects)\b", re.I)
"""In the sentence of "completely disappeared": a rate a study reports ("in 94% of patients",
"completely clear skin, was achieved by 52.3% of patients", "Ninety-five percent of women … saw their
lesions disappear completely"), not a promise."""
_NOT_PROMISED = re.compile(r"\b(?:can(?:not|['’]t)|won['’]t|do(?:n['’]t|\s+not)|will\s+not|no\s+one\s+can|nobody\s+can)\s+(?:\w+\s+)?(?:promise|guarantee)\b", re.I)
"""Before an absolute word: "We can't promise that your allergy will go away completely" denies the promise."""
_NONE_IS = re.compile(r"\b(?:no|none\s+of\s+the)\s+(?:[\w-]+\s+){1,6}?(?:is|are|works?)\s+(?:\w+\s+)?$", re.I)
"""Before an absolute word: "No method of emergency contraception is 100% effective" denies it of every method."""
_NOT_AN_OUTCOME = re.compile(r"\b(?:rather\s+than|instead\s+of)\s+(?:[\w'’-]+\s+){0,4}$|\b(?:must|should|needs?\s+to|has\s+to|have\s+to)\s+be\s+$", re.I)
"""Just before an absolute word: an outcome set aside ("expect fewer flushes rather than for them to
disappear completely") or a requirement ("your bowel must be completely clear"), not a promise."""
_QUOTES = frozenset("\"'“”‘’")
_SNEER_QUOTED = re.compile(r"\b(?:the|so-called|their|those|these|your)\s+[\"'“‘]$", re.I)
"""Before an absolute word in quotes: "the 'miracle' soaks", a word held at arm's length (not a
headline's quoted promise, "'Instant Cure' for Heel Pain")."""
_HARMS_LISTED = re.compile(r"\W*(?:(?:the\s+)?(?:common|possible|rare|serious|other)\s+)?(?:side[- ]effects|risks|complications|"
                           r"adverse\s+effects)\s+(?:include|can|may|are)\b", re.I)
"""A sentence that lists harms: its "permanent" is a harm's ("… but can be permanent in some patients")."""
_HEARSAY_QUOTED = re.compile(r"\b(?:heard|claims?|claimed|myths?|rumou?rs?|believe[sd]?|assumes?|assumed|told|misconceptions?)\b[^\"“”]{0,80}[\"“][^\"“”]*$", re.I)
"""Before a promise: what others say, quoted ("have heard that the vaccine "guarantees…""): a myth reported, not made."""


def find_absolutes(document) -> list[Cue]:
    """Absolute outcome language that promises an outcome: promise words ("cure", "guaranteed")
    and, in a sentence that names an outcome, qualifiers ("permanently", "100%", "for good");
    minus negated uses ("not a cure", "rarely cures"), disclaimers, questions, a cure sought,
    talked about or counted ("research into a cure", "cure rates"), questions research is still to
    answer, and qualifiers of harms, devices or nutrients ("permanent nerve damage", "permanent
    stents", "100% of the DV") or in a section on side effects ("the change in eye colour … is
    permanent")."""
    text = document.text
    found = []
    promises, qualifiers = document.cues(ABSOLUTE, "absolute"), document.cues(ABSOLUTE_QUALIFIER, "absolute")
    harm_sections = document.annotation("harm_sections") if any(qualifiers) else []
    for index, sentence in enumerate(document.sentences):
        if not promises[index] and not qualifiers[index] or text[sentence.start:sentence.end].rstrip().endswith("?"):
            continue
        cues = list(promises[index])
        if qualifiers[index] and (document.cues(OUTCOME, "outcome")[index] or document.cues(BENEFIT, "benefit")[index]) \
                and not _HARMS_LISTED.match(text, sentence.start, sentence.end) \
                and not any(start <= sentence.start < end for start, end in harm_sections):
            harms = document.cues(ADVERSE_EFFECT, "adverse-effect")[index]
            cues += [q for q in qualifiers[index] if _qualifier_promises(text, q, sentence.start, harms)
                     and not _STUDY_FOUND.search(text, sentence.start, q.start)]
        kept_end = -1
        for cue in sorted(cues, key=lambda c: c.start):
            if cue.start < kept_end:
                continue  # "settled for good." is a promise and a qualifier: one cue
            if in_disclaimer(text, cue, sentence.start, sentence.end) or is_negated(text, cue.start, sentence.start):
                continue
            if is_unsettled(text, cue.start, sentence.start) or _RARELY.search(text, max(sentence.start, cue.start - 16), cue.start):
                continue
            if cue.text.lower().startswith("cure") and (cure_not_promised(text, cue, sentence.start)
                                                      or (_REPORTED_RATE.search(text, sentence.start, cue.start)
                                                          and _IN_A_TRIAL.search(text, sentence.start, sentence.end))):
                continue  # "In the trial, 91.4% of participants … were cured": a rate the trial reports
            if cue.text.lower().startswith("guarantee") and (_TERMS_OF_SALE.search(text, max(sentence.start, cue.start - 30), cue.start)
                                                             or _GUARANTEED_CONTENT.match(text, cue.end)):
                continue
            if _GONE.search(cue.text) and (_REPORTED_RATE.search(text, sentence.start, sentence.end) or _STUDY_FOUND.search(text, sentence.start, cue.start)):
                continue  # "more likely to have their symptoms completely disappear": a trial's result
            if _NOT_PROMISED.search(text, sentence.start, cue.start) or _NONE_IS.search(text, sentence.start, cue.start) \
                    or _NOT_AN_OUTCOME.search(text, max(sentence.start, cue.start - 50), cue.start):
                continue
            if text[cue.end:cue.end + 1] in _QUOTES and _SNEER_QUOTED.search(text, max(sentence.start, cue.start - 12), cue.start):
                continue  # the "miracle" soaks: a word held at arm's length
            if _HEARSAY_QUOTED.search(text, sentence.start, cue.start):
                continue  # "Some parents have heard that the vaccine "guarantees you'll never get cancer.""
            found.append(cue)
            kept_end = cue.end
    return found


def _attributes_a_report(text: str, cue: Cue, sentence_start: int, sentence_end: int) -> bool:
    """"experts say" after a comma (and who else says it), with the sentence's end or another comma
    after it: an attribution set aside from what it attributes (``_SAID_ASIDE``)."""
    return (_SPEAKERS_AFTER_COMMA.search(text, sentence_start, cue.start) is not None
            and _SAID_ASIDE.match(text, cue.end, sentence_end) is not None)


def _reports_harm(document, index: int, cue: Cue) -> bool:
    """The evidence promised is of a harm, and the sentence claims no benefit or safety: a risk
    disclosure ("studies show a higher rate of bleeding"), which honest pages make without a citation."""
    text, end = document.text, document.sentences[index].end
    harm = _HARM_FOUND.search(text, cue.end, end)
    if harm is None or _HARM_PLAYED_DOWN_BEFORE.search(text, cue.end, harm.start()) or _HARM_PLAYED_DOWN_AFTER.match(text, harm.end(), end):
        return False  # "low rates of complications", "no harm in getting a flu shot", "side effects are few"
    return not document.cues(BENEFIT, "benefit")[index] and not document.cues(SAFETY, "safety")[index]


_HARM_DENIED = re.compile(r"[\s,]*(?:with\s+)?(?:no|zero|without|never\s+a)\s+", re.I)
"""Between a qualifier and a harm: the harm denied ("vanish permanently, with no relapse"), which is part of the promise."""


def _qualifier_promises(text: str, qualifier: Cue, sentence_start: int, harms: list[Cue]) -> bool:
    """"lose the weight permanently" promises; "permanent nerve damage", "the damage is permanent",
    "permanent stents", "100% of the DV" describe."""
    return not (_HARM_AFTER.match(text, qualifier.end) or _PERMANENT_DESCRIBES.match(text, qualifier.end)
                or _NUTRIENT_SHARE.match(text, qualifier.end)
                or _HARM_BEFORE.search(text, max(sentence_start, qualifier.start - 40), qualifier.start)
                or any(0 <= h.start - qualifier.end <= 16 and not BENEFIT.search(text, qualifier.end, h.start)
                       and not _HARM_DENIED.fullmatch(text, qualifier.end, h.start) for h in harms)
                or (_MAY_LAST.search(text, max(sentence_start, qualifier.start - 30), qualifier.start)
                    and any(h.end <= qualifier.start for h in harms)))


_ADVICE_AFTER = re.compile(r"\s+(?:that\s+)?(?:(?:people|patients|you|parents|women|men)\s+(?:should\s+(?:still\s+)?(?:consider|weigh)|talk|speak|discuss|ask|see|consult|check)"
                           r"|the\s+best\s+(?:approach|way|option|thing|course|advice)\b[^.;]{0,60}?\bis\s+to)\b", re.I)
"""After "experts recommend": advice to the reader ("…that people talk with their doctor", "doctors
say the best approach … is to control the risks they can change"), not a promise of evidence."""
_HEDGED_VIEW = re.compile(r"\s+(?:that\s+)?(?:[\w'’-]+\s+){0,10}?(?:could|may|might|would|should\s+not|shouldn['’]t|(?:is|are)\s+(?:un)?likely|(?:is|are)\s+not|isn['’]t|aren['’]t|(?:is|are)\s+plausible|(?:is|are)\s+(?:real\s+but\s+)?(?:modest|limited|small|uncertain)|(?:is|are)\s+(?:still\s+)?(?:unknown|unclear|not\s+(?:yet\s+)?known)|(?:will\s+)?depends?"
                         r"|needs?\s+to\s+be\s+(?:confirmed|replicated|repeated|tested)|(?:is|it['’]s)\s+too\s+(?:early|soon))\b", re.I)
"""After "experts say": a hedged or qualified view ("it could give patients another option", "any
increase is likely to be worthwhile", "the findings need to be confirmed", "long-term safety data
are still unknown"), which reports what
experts think, not that they proved it."""
_SPEAKERS_AFTER_COMMA = re.compile(r",\s*(?:[\w'’-]+\s+){0,4}$")
"""Before "experts say": a comma, and at most a few words naming who ("…, researchers and independent")."""
_SAID_ASIDE = re.compile(r"\s*(?:,|[.!]?\s*$)")
"""After "experts say" that follows a comma: the sentence ends ("…, researchers and experts say.")
or goes on after another comma ("For now, experts say, the best steps are…"): a news story's
attribution of what it reports."""


def find_establishment(document) -> list[Cue]:
    """Phrases that promise evidence, minus negated ones ("no studies show") and topic headings
    ("What the studies found"), evidence still awaited ("until larger trials show") and questions
    research is still to answer. A definite one ("the trials found", "new research shows") points
    back at studies the document names elsewhere, so its kind is ``establishment-definite``."""
    text = document.text
    found = []
    for index, sentence in enumerate(document.sentences):
        if document.blocks[sentence.block].kind == "heading" and QUESTION_HEADING.match(text, sentence.start):
            continue
        for cue in document.cues(ESTABLISHMENT, "establishment")[index]:
            if is_negated(text, cue.start, sentence.start) or is_unsettled(text, cue.start, sentence.start):
                continue
            if "suggest" in cue.text.lower() and (_EVIDENCE_LIMITED.search(text, sentence.start, sentence.end)
                                                  or reports_rather_than_sells(text, sentence.start, sentence.end)):
                continue  # "a few small studies suggest…, but larger trials are needed"; "studies show…" still promises
            if _AWAITED.search(text, max(sentence.start, cue.start - 40), cue.start) or _TOPIC.search(text, max(sentence.start, cue.start - 10), cue.start):
                continue
            if _reports_harm(document, index, cue):
                continue  # "some studies have found a small increased risk of Guillain-Barré syndrome"
            if cue.text.lower().endswith(("say", "says", "suggest", "suggested")) and _HEDGED_VIEW.match(text, cue.end, sentence.end) \
                    or _ADVICE_AFTER.match(text, cue.end):
                continue  # "Experts say it could give patients another option": an opinion reported as one
            if cue.text.lower().endswith(("say", "says")) and _attributes_a_report(text, cue, sentence.start, sentence.end) \
                    and not promotes(text):
                continue  # "…, researchers and independent experts say." in a story or a leaflet
            if text[max(sentence.start, cue.start - 7):cue.start].lower().endswith(_DEFINITE):
                cue = Cue(cue.start, cue.end, cue.text, "establishment-definite")
            found.append(cue)
    return found

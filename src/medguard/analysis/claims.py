"""Claims: sentences that assert a benefit or safety for an intervention, with their subject,
strength, hedging, negation and attribution.

Strength follows the research-reporting scheme: ``correlational`` (associated with, linked to,
predicts), ``conditional`` (a causal claim under an epistemic hedge: may, might, could),
``direct`` (an unhedged causal claim) or ``none`` (no causal or relational claim). Evidential
softeners ("suggest", "preliminary", "promising", "pilot") are recorded but leave the strength
alone: a pilot study's claim is still a claim.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

import re

from .cuepattern import ScannedPattern
from .cues import (
    ATTRIBUTION, BENEFIT, CAUSAL_PREDICATE, CAUSAL_VERB, CORRELATIONAL, DISCLAIMER, EFFECT_NOUN,
    ESTABLISHMENT, EVIDENTIAL_HEDGE, FIRST_PERSON, GROUP_DIFFERENCE, HEALTH_HEDGE, MODAL_HEDGE, NAMED_SOURCE, NEGATION,
    NON_CLAIM_FRAME, NON_CLAIM_FRAME_EXCEPTIONS, PERSON_SAID, PRODUCT_NOUN, PURPOSE_LICENSOR, QUESTION_HEADING, SAFETY,
    USER_GROUP,
)
from .interventions import Interventions, Mention
from .sections import indication_sections
from .spans import Cue, SpanIndex
from .voice import PUBLISHER, READER, is_press_release, promotes, sells_to_reader

NEGATION_REACH = 28
"""Characters before a cue in which a negation word negates it ("does not cure")."""
_HEDGE_REACH = 60
"""Characters between a hedge and the claim word it qualifies ("may be able to restore")."""
_HEDGE_SCOPE_BREAK = ScannedPattern(r"[;:—–(]|\b(?:but|however|although|while|whereas)\b|,\s+so\s+there\b", re.I)
"""What ends a hedge's reach: unlike negation, a modal carries over "and" ("can ease X and reduce Y")."""
_CLAUSE_BREAK = ScannedPattern(r"[,;:—–(]|\b(?:but|however|although|while|whereas|and)\b", re.I)


@dataclass(slots=True)
class Claim:
    sentence: int
    """Index into ``AnalyzedDocument.sentences``."""
    start: int
    end: int
    kind: str
    """benefit or safety."""
    cues: list[Cue]
    """Kind ``benefit`` or ``safety``; ``use`` for a statement of what the product is for ("for the
    treatment of migraines"), which is promotion but not an efficacy claim."""
    subject: Mention | None
    subject_found_by: str
    strength: str
    hedges: list[Cue] = field(default_factory=list)
    softeners: list[Cue] = field(default_factory=list)
    attribution: str | None = None
    """None in the publisher's own voice; else quote, testimonial, named-source or study; or
    endorsement: a customer's testimonial on the seller's own page, which is the seller's claim
    (FTC Endorsement Guides, 16 CFR 255.2); or issuer-quote: a quote in an organisation's own
    press release, which the issuer chose to promote what it announces."""
    absolute: list[Cue] = field(default_factory=list)
    establishment: list[Cue] = field(default_factory=list)

    @property
    def publisher_voice(self) -> bool:
        return self.attribution in PUBLISHERS_OWN

    @property
    def effect_cues(self) -> list[Cue]:
        """The cues that claim an effect (all but statements of use)."""
        return [c for c in self.cues if c.kind != "use"]

    @property
    def assertive(self) -> bool:
        return self.strength == "direct"

    def explain(self) -> dict:
        return {
            "kind": self.kind,
            "claim_words": [c.text for c in self.cues],
            "subject": self.subject.as_dict() if self.subject else None,
            "subject_found_by": self.subject_found_by,
            "strength": self.strength,
            "hedges": [c.text for c in self.hedges],
            "softeners": [c.text for c in self.softeners],
            "attribution": self.attribution or "publisher's voice",
            **({"endorsement": "a customer's testimonial on the seller's page is the seller's claim (16 CFR 255.2)"}
               if self.attribution == "endorsement" else {}),
            **({"issuer_quote": "a quote in the issuer's own press release is the issuer's promotional claim"}
               if self.attribution == "issuer-quote" else {}),
        }


_REASSURANCE = re.compile(r"\s+(?:relax|rest\s+easy|rest\s+assured|nothing\s+to\s+(?:worry|fear))\b", re.I)
_PERMITTED_USE = re.compile(r"\s+(?:safely\s+)?be\s+(?:used|taken|given|applied|worn)\b", re.I)
"""After "can" or "may": who or when the product may be used ("can be used from birth"), not doubt about an effect."""


def governs(text: str, hedge: Cue, cues: list[Cue], sentence_start: int) -> bool:
    """A hedge qualifies a claim when it comes shortly before a claim word, in the same clause
    (not "you can relax knowing it's safe" or "usually nothing to worry about": reassurance, not doubt)."""
    if _REASSURANCE.match(text, hedge.end):
        return False
    if cues[0].end <= hedge.start and _RESULT_CLAUSE_OPENS.search(text, max(sentence_start, hedge.start - 30), hedge.start):
        return False  # "PRP regenerates worn cartilage so you can get back on the court": what the claim lets you do
    permission = _PERMITTED_USE.match(text, hedge.end) if hedge.text.lower() in ("can", "may") else None
    for cue in cues:
        if permission and "," in text[permission.end():cue.start]:
            continue  # "So gentle it can be used from birth, with no risk of overdose": who may use it, then the claim
        if 0 <= cue.start - hedge.end <= _HEDGE_REACH and not _HEDGE_SCOPE_BREAK.search(text, hedge.end, cue.start):
            return True
        if (hedge.end < cue.start <= hedge.end + _MODAL_REACH and _MODAL.fullmatch(hedge.text) and _COORDINATED_VERB.search(text, hedge.end, cue.start)
                and "," not in text[hedge.end:cue.start] and not _HEDGE_SCOPE_BREAK.search(text, hedge.end, cue.start)):
            return True  # "could assist clinicians in … and substantially reduce…": the modal's verb phrase goes on
    return False


_RESULT_CLAUSE_OPENS = re.compile(r"\bso\s+(?:that\s+)?(?:you|they|he|she|we|I|patients|people|your\s+[\w-]+|their\s+[\w-]+)\s+$", re.I)
"""Before "can": a result clause after a claim ("…, so you can"), which tells what the claim lets the reader do."""
_MODAL = re.compile(r"may|might|could|can", re.I)
_MODAL_REACH = 200
"""Characters a modal's verb phrase may run over "and" to a second verb."""
_COORDINATED_VERB = re.compile(r"\band\s+(?:[a-z]+ly\s+)?$")
"""Before a claim word: "and" (with an adverb), so the word is a second verb after the same modal."""


def claim_strength(text: str, start: int = 0, end: int | None = None) -> tuple[str, dict]:
    """Strength of the claim a sentence makes: direct, conditional, correlational or none.

    A relation word (associated with, predicts, a group difference) makes it correlational; a
    causal verb or predicate ("reduces", "is effective", "had a beneficial effect") makes it
    causal, conditional when an epistemic hedge governs it (as does a hedge over a word of
    effect: "may be a promising treatment"). Recommendations, aims and open questions, and
    "to + verb" purposes ("ways to reduce"), are not claims.
    """
    end = len(text) if end is None else end
    causal = _causal_cues(text, start, end)
    frame = next((f for f in NON_CLAIM_FRAME.finditer(text, start, end) if not NON_CLAIM_FRAME_EXCEPTIONS.match(text, f.start())), None)
    if frame and (not causal or frame.start() < causal[0].start()):
        return "none", {"strength": "none", "because": frame.group(), "rule": "recommendation, aim or open question"}
    correlational = CORRELATIONAL.search(text, start, end) or (GROUP_DIFFERENCE.search(text, start, end) if not causal else None)
    if correlational:
        return "correlational", {"strength": "correlational", "because": correlational.group(), "rule": "relation, not cause"}
    hedges = list(MODAL_HEDGE.finditer(text, start, end))
    governed = [c for c in causal for h in hedges if h.start() <= c.start() and c.start() - h.end() <= _HEDGE_REACH]
    if hedges and (governed or (not causal and EFFECT_NOUN.search(text, hedges[0].end(), end))):
        return "conditional", {"strength": "conditional", "because": hedges[0].group(), "rule": "hedged causal claim"}
    if not causal:
        return "none", {"strength": "none", "because": None, "rule": "no causal or relational claim"}
    return "direct", {"strength": "direct", "because": causal[0].group(), "rule": "unhedged causal claim"}


def _causal_cues(text: str, start: int, end: int) -> list:
    """Causal verbs that state an effect (not purposes, participles or adjectives), and causal predicates."""
    found = []
    for match in CAUSAL_VERB.finditer(text, start, end):
        word = match.group().lower()
        before = text[max(start, match.start() - 30):match.start()]
        after = text[match.end():match.end() + 12]
        purpose = re.search(r"(\w+)\s+to\s+$", before)
        if purpose and not PURPOSE_LICENSOR.fullmatch(purpose.group(1)):
            continue
        if re.search(r"(?:^|\b(?:the|a|an|of|with|in|for|than|no|any|its|their|this|these|by|on|from))\s*$", before, re.I) and not word.endswith("ing"):
            continue  # a noun or an adjective ("an increase in", "reduced salivary flow"), not a verb
        if word.endswith("ing") and not re.search(r"\b(?:is|are|was|were|been|by|thereby|thus|while)\s+$", before, re.I):
            continue
        if word.endswith("ed") and re.match(r"\s+(?:with|by|using|for|at)\b", after) and not re.search(r"\b(?:was|were|is|are|be|been)\s+(?:\w+ly\s+)?$", before):
            continue
        found.append(match)
    found.extend(CAUSAL_PREDICATE.finditer(text, start, end))
    return sorted(found, key=lambda m: m.start())


_AIMED_AT = re.compile(r"\b(?:(?:aim(?:s|ed|ing)?|designed|intended|geared)\s+(?:at|to(?:wards?)?)"
                       r"|(?:marketed|sold|promoted|used|taken|prescribed)\s+for|in\s+(?:the\s+)?hopes?\s+of)\s+$", re.I)
"""Before an -ing claim word: what a product is for ("aimed at reducing", "marketed for easing")."""


def is_purpose(text: str, cue_start: int, sentence_start: int) -> bool:
    """"to + verb" as a purpose or indication ("used to treat", "ways to reduce", "aimed at
    reducing"), not a claim ("shown to reduce")."""
    before = text[max(sentence_start, cue_start - 80):cue_start]
    if _AIMED_AT.search(before):
        return True
    if _MAKES_IT.search(before):
        return False
    purpose = re.search(r"(\w+)\s+to\s+$", before) or re.search(r"(\w+)\s+to\s+\w+[^.;:]{0,50}\b(?:and|or)\s+$", before)
    return bool(purpose) and not PURPOSE_LICENSOR.fullmatch(purpose.group(1)) and purpose.group(1).lower() not in _TO_A_NOUN


_BIDDING = re.compile(r"(?!(?:all|in|within|from|instant)\b)[a-z]+(?<!ly)(?<!ive)(?<!ing)(?<!ed)\b", re.I)
"""A benefit word that can open an imperative ("Wake up with…", "Say goodbye to…"), not an adverb or
adjective that opens a statement ("All day long, gravity…", "Regenerative injection course")."""
_MAKES_IT = re.compile(r"\b(?:triggers?|stimulates?|encourages?|prompts?|signals?|tells?|trains?|teach(?:es)?|forces?|gets?|switch(?:es)? on)\s+"
                       r"(?:your|the|their|a)\s+(?:[\w'’-]+\s+){0,2}?(?:body|brain|skin|cells|system|follicles|gut|metabolism|muscles|tissues?|joints?)\s+to\s+$", re.I)
"""Before a "to + verb": a treatment making the body do it ("triggers your body to regrow"), a claim, not a purpose."""
_TO_A_NOUN = frozenset({"goodbye", "hello", "farewell", "thanks", "due", "according", "next", "close", "similar", "compared", "prior", "welcome"})
"""Words whose "to" is a preposition before a noun ("say goodbye to damp shirts and get…"), not an infinitive's."""


_APPROVED_FOR = re.compile(
    r"\b(?:approved|indicated|licensed|cleared|authori[sz]ed)(?:\s+(?:in|by)\s+(?:[^,;:.]|(?<=[A-Z])\.){1,40}?)?\s+(?:for|as)\s+"
    r"(?:use\s+(?:in|as)\s+)?(?:an?\s+|the\s+)?(?:long-term\s+|short-term\s+|first-line\s+|second-line\s+)?(?:safe\s+and\s+)?$",
    re.I,
)


def is_indication(text: str, cue_start: int, sentence_start: int) -> bool:
    """The cue names what a treatment is approved for ("is approved in Canada for treating
    nausea", "indicated for the treatment of"): a regulatory status, not an efficacy claim."""
    return bool(_APPROVED_FOR.search(text, max(sentence_start, cue_start - 80), cue_start))


_WIDE_NEGATION = re.compile(
    r"\bno (?:good |real |solid |scientific |clinical )?(?:evidence|proof|data|studies|research) (?:that|of|to suggest|shows?)\b"
    r"|\b(?:not|never) (?:been )?(?:proven|shown|demonstrated) (?:that|to)\b|\bunproven\b|\bit is (?:not|un)true that\b"
    r"|\b(?:never|not) (?:been |had |seen )?(?:any |much )?(?:good |real |solid |scientific )?(?:evidence|proof) (?:that|of)\b"
    r"|\bno (?:trials?|studies|study|research) (?:has|have) (?:yet |ever )?(?:compared|shown|tested|proven)\b"
    r"|(?:\bnot|n[’']t) (?:enough|sufficient|much|any|good) (?:evidence|data|proof)\b|\binsufficient (?:evidence|data)\b"
    r"|\b(?:does|do|did) not mean\b|\b(?:doesn|don|didn)[’']t mean\b"
    r"|\b(?:cannot|can[’']t|could\s+not|couldn[’']t|(?:does|do|did)\s+not|(?:doesn|don|didn)[’']t)\s+(?:yet\s+)?(?:show|prove|establish|tell\s+us|confirm)\s+(?:that|whether)\b",
    re.I,
)
"""Negations that reach over a whole clause ("there is no evidence that this supplement works")."""
_WIDE_NEGATION_WORDS = ("evidence", "proof", "data", "studies", "study", "trial", "research", "prove", "show", "demonstrated", "true", "mean",
                       "establish", "tell us", "confirm")
"""One of these stands in every ``_WIDE_NEGATION``: a substring test spares the regex most sentences."""


def denies_evidence(text: str, cue_start: int, sentence_start: int) -> bool:
    """The cue sits under a denial of evidence ("there isn't enough evidence to show it's any
    better", "no evidence that it works", "unproven")."""
    before = text[sentence_start:cue_start].lower()
    return any(word in before for word in _WIDE_NEGATION_WORDS) and _WIDE_NEGATION.search(before) is not None


def is_negated(text: str, cue_start: int, sentence_start: int) -> bool:
    """A negation word shortly before the cue in the same clause, or a clause-wide negation."""
    if denies_evidence(text, cue_start, sentence_start):
        return True
    window_start = max(sentence_start, cue_start - NEGATION_REACH)
    before = text[window_start:cue_start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    return bool(NEGATION.search(before))


_UNSETTLED = ScannedPattern(
    r"\b(?:whether|if(?=\s+(?:it\s+is\s+|they\s+are\s+)?(?:proven|proved|shown|found|confirmed)\b)"
    r"|(?:see|test\w*|determin\w*|find\w*\s+out|found\s+out|learn\w*|know|tell\s+us|establish\w*|assess\w*|examin\w*|investigat\w*|"
    r"explor\w*|evaluat\w*|ask\w*|wonder\w*|say|figur\w*\s+out|work\w*\s+out|check\w*|decid\w*|unclear|unknown|uncertain|not\s+known)\s+(?:\w+\s+){0,2}?"
    r"(?:if|which|how\s+(?:effective|well|safe|safely))"
    r"|(?:goal|aim|hope|quest|search|race|effort|mission)(?:\s+of\s+(?:the\s+|this\s+|our\s+)?(?:study|trial|research|work|project))?"
    r"\s+(?:is\s+|was\s+)?(?:to\s+(?:make|find|develop|create|build|have|reach)|for)"
    r"|(?:work|working|worked|works|trying|try|tries|strive|striving|efforts?)\s+to\s+(?:make|find|develop|create|build)"
    r"|(?:hope|goal|aim)\s+of\s+(?:making|finding|developing|creating|building)"
    r"|mak(?:e|es|ing)\s+sure|to\s+ensure|towards?\s+(?:a|an|developing|the\s+development\s+of)|ways?\s+to\s+(?:make|keep|render)"
    r"|plan(?:s|ned|ning)?\s+to\s+(?:conduct|run|start|launch|test|study|investigate|examine|explore|look)|hypothes[ie]s\s+that"
    r"|(?:designed|powered|set\s+up|intended)\s+to\s+(?:show|test|demonstrate|prove|see|detect|find|establish)"
    r"|(?<!clinically\s)(?<!scientifically\s)(?<!dermatologically\s)(?:tested|trialled|trialed)\s+to\s+(?:help\s+)?"
    r"|(?:needs?|will|would|should|must|has\s+to|have\s+to)\s+(?:to\s+)?(?:also\s+)?be\s+(?:\w+\s+){0,3}?(?:compared|tested|studied|weighed)"
    r"|(?:is|are)\s+(?:still\s+)?needed\s+to\s+(?:prove|show|confirm|determine|establish|know)|(?:will|to)\s+(?:evaluate|assess|compare|test|examine)\b"
    r"|remains?\s+to\s+be\s+(?:seen|determined|shown)"
    r"|(?:hope|hopes|hoped|hoping|expect|expects|expected)\s+(?:is\s+)?(?:that\s+)?(?:[\w'’-]+\s+){0,5}?(?:will|would|could|might|may|can)"
    r"|(?:hope|hopes|hoped|hoping|expect|expects|expected)\s+(?:is\s+)?(?:that\s+)?(?:\w+\s+){0,3}?\w+['’](?:ll|d))\b",
    re.I,
)
_UNSETTLED_BREAK = re.compile(r"[,;:—–(]|\s-\s|\b(?:but|however|although|while|whereas)\b", re.I)
"""What ends an open question's reach: it carries over "and" ("whether it is effective and safe"),
not over a comma ("Whether you have back pain or knee pain, X relieves it")."""
_UNSETTLED_REACH = 120
"""Characters between an open question, a condition or a goal and the claim word it holds."""


_HARM_NAMED_BEFORE = re.compile(r"\b(?:cause[sd]?|causing|include[sd]?|including|such\s+as|lead(?:s)?\s+to|led\s+to|result(?:s|ed)?\s+in|"
                                r"experience[sd]?|report(?:ed)?)\s+(?:[\w-]+\s+){0,3}?$", re.I)


_LOST_FUNCTION = re.compile(r"\s+(?:[\w-]+\s+)?(?:function|bone\s+density|immunity|libido|sperm\s+count|fertility|tolerance)\b", re.I)
"""After "reduced" or "lowers": a function lost ("reduced adrenal function", "detox lowers your
tolerance"), a harm."""
_EVIDENCE_FOR = re.compile(r"\b(?:evidence|proof|data|research)\s+(?:for|that|of|on)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
_EVIDENCE_LIMITED = re.compile(r"[^,;:.]*?\b(?:is|are|remains?)\s+(?:still\s+|very\s+|rather\s+)?"
                               r"(?:limited|weak|mixed|lacking|thin|unclear|inconclusive|scant|sparse|poor)\b", re.I)
"""Around a claim word: what the evidence is about, and that it is limited ("though the evidence for
it improving sleep is limited"): the page weighs the evidence, it claims nothing."""


def named_as_harm(text: str, cue_start: int, sentence_start: int) -> bool:
    """A benefit word inside a named harm ("can cause reduced libido", "side effects include reduced
    appetite"): an effect disclosed, not promised."""
    return bool(_HARM_NAMED_BEFORE.search(text, max(sentence_start, cue_start - 40), cue_start))


def is_unsettled(text: str, cue_start: int, sentence_start: int) -> bool:
    """The cue sits in a question research is still to answer ("trials will test whether it
    reduces…", "it is unclear if…", "needs to be compared with…"), a condition ("if proven safe and effective") or a goal ("our
    goal is to make warfarin safer", "the search for a cure"), in the same clause: not a claim."""
    before_start = max(sentence_start, cue_start - _UNSETTLED_REACH)
    frames = [f for f in _UNSETTLED.finditer(text, before_start, cue_start + 12) if f.end() <= cue_start]  # "if" sees "proven"
    if not frames:
        return False
    return not _UNSETTLED_BREAK.search(text, frames[-1].end(), cue_start)


def in_disclaimer(text: str, cue: Cue, sentence_start: int, sentence_end: int) -> bool:
    return any(m.start() <= cue.start < m.end() for m in DISCLAIMER.finditer(text, sentence_start, sentence_end))


PUBLISHERS_OWN = (None, "endorsement", "issuer-quote")
"""The attributions (``attribution_on_page``) under which a sentence is the publisher's own claim."""


def attribution_on_page(text: str, start: int, end: int, cue_start: int, block_kind: str, block_start: int) -> str | None:
    """Who makes the claim, given the page it is on: ``attribution_of``, except that a customer's
    testimonial on a page that sells to its reader, or in a press release, is an endorsement (the
    seller's claim, FTC Endorsement Guides, 16 CFR 255.2), and a quote in a press release is an
    issuer-quote (words the issuer chose to promote what it announces). Both are in
    ``PUBLISHERS_OWN``."""
    attribution = attribution_of(text, start, end, cue_start, block_kind, block_start)
    if attribution is None and _RESEARCHERS_THINK.match(text, start, cue_start) and not promotes(text):
        return "study"  # "Scientists think GLP-1 drugs may act on reward pathways…" in a story
    if attribution == "testimonial" and (sells_to_reader(text) or is_press_release(text)):
        return "endorsement"
    if attribution == "quote" and is_press_release(text):
        return "issuer-quote"
    return attribution


def attribution_of(text: str, start: int, end: int, cue_start: int, block_kind: str, block_start: int) -> str | None:
    """Who makes the claim, from its sentence alone: None for the publisher; else testimonial,
    quote, named-source or study."""
    if block_kind == "quote" or _inside_quotes(text, block_start, cue_start):
        return "testimonial" if FIRST_PERSON.search(text, start, end) else "quote"
    if re.match(r"\s*I\b", text[start:end]):
        return "testimonial"
    named = NAMED_SOURCE.search(text, start, end) or PERSON_SAID.search(text, start, end)
    if named and ATTRIBUTION.search(text, start, end):
        research = named.group().lower().startswith(("the ", "researchers", "investigators", "scientists"))
        return "study" if research else "named-source"
    if re.search(r"\baccording to\b", text[start:end], re.I):
        return "named-source"
    if _RESEARCH_FOUND.match(text, start, cue_start):
        return "study"
    return None


_RESEARCH_FOUND = re.compile(
    r"\W*(?:(?:in|among|of)\s+[^,;:]{1,80},\s*)?(?:the\s+|their\s+|his\s+|her\s+)?(?:researchers|scientists|investigators|authors|(?:research\s+)?team|"
    r"(?:new\s+)?(?:study|trial|analysis|review)(?:['’]s\s+authors)?)\s+(?:also\s+|then\s+)?(?:found|showed|observed|reported|concluded|discovered|noted)\b", re.I)
"""A sentence that opens with what researchers found ("Researchers found that among 49 older adults,
those who learned mindfulness started sleeping better"): the study's result, reported."""


_RESEARCHERS_THINK = re.compile(
    r"\W*(?:(?:some|many|other|the)\s+)?(?:researchers|scientists|investigators|experts)\s+(?:now\s+|also\s+)?(?:think|believe|suspect|suggest|speculate|theori[sz]e|hypothesi[sz]e)\b", re.I)
"""A sentence that opens with what researchers think ("Scientists think GLP-1 drugs may act on…"):
in a story, their view reported (``attribution_on_page``); on a page that promotes, the page's own."""


def _inside_quotes(text: str, block_start: int, position: int) -> bool:
    """Whether more quotation marks open than close between the block's start and ``position``."""
    opening, closing, straight = (bisect_left(marks, position) - bisect_left(marks, block_start) for marks in _quote_marks(text))
    return opening > closing or straight % 2 == 1


@lru_cache(maxsize=4)
def _quote_marks(text: str) -> tuple[list[int], list[int], list[int]]:
    """Where a text's opening, closing and straight double quotation marks are: found once, so that
    each claim's question costs a lookup, not a count from its block's start."""
    return tuple([m.start() for m in re.finditer(mark, text)] for mark in ("“", "”", '"'))  # type: ignore[return-value]


_CURE_SOUGHT = re.compile(
    r"(?:\b(?:chances?|hopes?|search|quest|race|research|money|funds?|funding|path|road|steps?|closer|prospects?|pursuit|odds|"
    r"promise)\s+(?:\w+\s+){0,2}?(?:of|for|into|to|toward|towards)\s+(?:a\s+|an?\s+[\w-]+\s+|the\s+)?"
    r"|\b(?:find|finding|develop|developing|invent|inventing|seek|seeking|pursue|pursuing|testing|tested|test|see|witness)"
    r"(?:\s+(?:\w+\s+){0,3}?(?:as|or|and))?\s+(?:a|an|the)\s+(?:[\w-]+\s+)?"
    r"|\b(?:claims?\s+(?:about|of)|(?:treatments?|causes?|therapies|prevention),?\s+(?:and|or))\s+(?:quick\s+|miracle\s+|possible\s+)?"
    r"|\b(?:a|the)\s+(?:possible|potential|hoped-for|eventual|future|long-awaited)\s+"
    r"|\b(?:described|called|labelled|labeled|touted|hailed)\s+(?:[\w-]+\s+){0,3}?as\s+(?:a\s+|an?\s+[\w-]+\s+|the\s+)?)$",
    re.I)
"""Before "cure": a cure sought, hoped for, tested or talked about ("the best chance for a cure",
"research into a cure", "help find a cure", "testing it as a cure", "claims about quick cures",
"causes, treatments and cures"), not promised."""
_CURE_NAME = re.compile(r"\bfor\s+the\s+$", re.I)
"""Before a capitalised "Cure": an organisation's name ("Susan G. Komen for the Cure")."""
_TEST_OF = re.compile(r"\btests?[\s-]+of[\s-]+$", re.I)
"""Before "cure": a "test of cure", the check after treatment."""
_CURE_STATISTIC = re.compile(r"[\s-]+rates?\b", re.I)
"""After "cure": a statistic ("cure rates are lower in genotype 1")."""


def cure_not_promised(text: str, cue: Cue, sentence_start: int) -> bool:
    """A cure sought, tested or talked about, counted ("cure rates"), checked ("a test of cure"), or in
    a name ("Komen for the Cure")."""
    return bool(_CURE_SOUGHT.search(text, max(sentence_start, cue.start - 60), cue.start)
                or _CURE_STATISTIC.match(text, cue.end)
                or _TEST_OF.search(text, max(sentence_start, cue.start - 9), cue.start)
                or (cue.text[0] == "C" and _CURE_NAME.search(text, max(sentence_start, cue.start - 9), cue.start)))


def find_claims(document, interventions: Interventions) -> list[Claim]:
    """Benefit and safety claims, one per sentence and kind, with their analysis."""
    text = document.text
    selling = interventions.main is not None and sells_to_reader(text)
    indications = indication_sections(document)
    harm_lists = document.annotation("harm_sections")
    absolutes = SpanIndex(document.annotation("absolutes"))
    claims: list[Claim] = []
    for index, sentence in enumerate(document.sentences):
        start, end = sentence.start, sentence.end
        if text[start:end].rstrip().endswith("?"):
            continue
        block = document.blocks[sentence.block]
        if block.kind == "table-cell" and len(text[start:end].split()) < 4:
            continue
        if block.kind == "heading" and (QUESTION_HEADING.match(text, start) or _SERVICE_HEADING.match(text, start, end)):
            continue
        if len(_MENU_SEPARATOR.findall(text, start, end)) >= 3:
            continue  # "Harbour Fertility · IVF · Egg freezing · Success rates · Contact": a site's navigation
        for kind, pattern in (("benefit", BENEFIT), ("safety", SAFETY)):
            cues = [c for c in document.cues(pattern, kind)[index]
                    if not in_disclaimer(text, c, start, end) and not _is_negated_cue(text, c, start, kind)
                    and not is_purpose(text, c.start, start) and not is_indication(text, c.start, start)
                    and not is_unsettled(text, c.start, start) and not _describes(text, c, start)
                    and not (kind == "benefit" and (verb := c.text[:5].lower()) in ("reduc", "lower")
                             and (_LOST_FUNCTION.match(text, c.end) or (verb == "reduc" and named_as_harm(text, c.start, start))))
                    and not (_EVIDENCE_FOR.search(text, max(start, c.start - 60), c.start) and _EVIDENCE_LIMITED.match(text, c.end, end))
                    and not (kind == "benefit" and (how := _WORKS_BY.search(text, start, c.start)) and not _RESULT_CLAUSE.search(text, how.end(), c.start))
                    and not (c.text[:3].lower() in ("in ", "wit") and _SCHEDULED_BEFORE.search(text, max(start, c.start - 70), c.start))
                    and not (kind == "safety" and c.text[:10].lower() == "nothing to" and not _DISMISSED_NOW.search(text, max(start, c.start - 30), c.start)
                             and not _LISTED_PITCH.fullmatch(text, start, c.start))
                    and not _framed_as_no_promise(text, c, start, kind)
                    and not (c.start == start and text[c.end:c.end + 1] == ":")  # "Balance: sudden loss of balance", a label
                    and not _ORGANISATION_SUBJECT.fullmatch(text, start, c.start)
                    and not _BEFORE_IT_PASSES.search(text, max(start, c.start - 14), c.start)
                    and not (_NATURAL_COURSE.search(text, c.end, end) and not _DISMISSAL_CUE.match(c.text))
                    and not _NAMED_AS_SYMPTOM.search(text, start, c.start) and not _LISTED_AS_OPTION.search(text, start, c.start)
                    and not (c.text[:3].lower() == "cur" and cure_not_promised(text, c, start))
                    and not (block.kind in ("paragraph", "quote") and c.start > start and text[c.start - 2:c.start] != ": "
                             and _IN_A_NAME.match(text, c.start))
                    and not _PRODUCT_NAMED.match(text, c.start)
                    and not (kind == "benefit" and _CLASS_DEFINITION.match(text, start, c.start))
                    and not (block.kind == "heading" and c.text.lower().endswith(("ing", "success rates", "success rate")))
                    and not (block.kind == "list-item" and (menu := _MENU_NAME.match(text, start, end))
                             and (c.end <= menu.end(1) or text.count(",", menu.end(), end) >= 2))]
            if not cues or (kind == "benefit" and block.kind == "list-item" and any(s <= start < e for s, e in harm_lists)):
                continue  # "- weight loss" under "Possible side effects": a harm the page lists
            in_indications = bool(indications) and document.unit_span(start, "section")[0] in indications
            cues = [Cue(c.start, c.end, c.text, "use") if in_indications or _states_a_use(text, c, start) else c for c in cues]
            subject, found_by = interventions.subject_in(text, start, end, cues[0].start)
            if subject is None and len(cues) > 1:  # "With no UV and zero side effects, it's safe…": the subject comes later
                subject, found_by = interventions.subject_in(text, start, end, cues[-1].start, after=False)
            if (subject is None or (found_by == "named" and _PREPOSITION_BEFORE.search(text, max(start, subject.start - 12), subject.start))) \
                    and (product := _product_subject(text, start, cues[0].start, kind)) is not None \
                    and (subject is None or product.start < subject.start):
                # "Wearing the Recova garment after liposuction reduces swelling": the garment, not liposuction
                subject, found_by = product, "product noun"
            if subject is None and (antecedent := _antecedent(document, interventions, index, cues[0].start)) is not None:
                subject, found_by = antecedent, "pronoun"
            attribution = attribution_on_page(text, start, end, cues[0].start, block.kind, block.start)
            if subject is None and interventions.main and (block.kind in ("list-item", "heading") or _HARMS_PLAYED_DOWN.match(cues[0].text)
                                                          or (attribution in ("testimonial", "endorsement") and kind == "benefit")
                                                          or _PATIENTS_EXPERIENCE.match(text, start, cues[0].start)
                                                          or _USERS_RESULT.match(cues[0].text)
                                                          or (kind == "safety" and _DISMISSAL_CUE.match(cues[0].text)
                                                              and _HARM_DISMISSED.match(text, start, cues[0].start))
                                                          or (kind == "safety" and _WAVED_AWAY.match(cues[0].text))
                                                          or _OURS_MEANS.match(text, start, cues[0].start)
                                                          or _WITH_THE_PRODUCT.match(text, start, cues[0].start)
                                                          or _OPENS_WITH_VERB.fullmatch(text, start, cues[0].start) and cues[0].text.split()[0].endswith("s")
                                                          or (kind == "safety" and (_SAFETY_FRAGMENT.fullmatch(text, start, end)
                                                                                    or _THERE_IS_NO_HARM.search(text, start, cues[-1].end)))
                                                          or (selling and (READER.search(text, start, end) or PUBLISHER.search(text, start, end)
                                                                           or (cues[0].start == start and _BIDDING.match(cues[0].text))
                                                                           or (_THING_SUBJECT.fullmatch(text, start, cues[0].start) and cues[0].text.split()[0][-1:] in "sS")
                                                                           or _DOSE_SUBJECT.fullmatch(text, start, cues[0].start)))):
                # a list item or heading under the page's topic; "Side effects are rare", "Virtually no
                # side effects, so…", "there is no risk of…", "Most patients notice relief", "Melts away
                # anxiety", a customer's "my hot flushes had stopped", a seller's page telling its reader
                # "Each infusion rewinds your cells' age", bidding it "Wake up with clear vision", or a thing
                # at work in it, "Red light rebuilds collagen": the page's treatment's
                subject, found_by = Mention(start, start, "", interventions.main, "implied"), "page topic"
            hedges = [h for h in document.cues(HEALTH_HEDGE, "hedge")[index] if governs(text, h, cues, start)]
            if hedges and all(h.text.lower() in _HOW_USERS_FARE for h in hedges) and _PATIENTS_EXPERIENCE.match(text, start, cues[0].start):
                hedges = []  # "Members typically shed 15 to 20 percent…": how the publisher's users fare, not a hedge
            correlational = CORRELATIONAL.search(text, start, end)
            strength = "correlational" if correlational and kind == "benefit" else ("conditional" if hedges else "direct")
            claims.append(Claim(
                sentence=index, start=start, end=end, kind=kind, cues=cues, subject=subject, subject_found_by=found_by,
                strength=strength, hedges=hedges,
                softeners=document.cues(EVIDENTIAL_HEDGE, "softener")[index],
                attribution=attribution,
                absolute=absolutes.within(start, end),
                establishment=document.cues(ESTABLISHMENT, "establishment")[index],
            ))
    return claims


_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|her|his|their|its|my|your|our|with|of|in|at|for|on|this|these|those)\s+$", re.I)
_BODY_PART_AFTER = re.compile(r"\s+(?:(?:left|right)\s+)?(?:legs?|back|abdomen|belly|body(?!\s+(?:fat|weight|mass|temperature))|limbs?|jaw|respiratory|urinary|airways?|"
                             r"lips?|extremit\w+|arms?|eyelids?|spine|teeth|half|part|end|floor|lobes?|quadrant)\b", re.I)
_HEALING_PROMISED = re.compile(r"\b(?:promot\w*|speed\w*|accelerat\w*|aids?|boost\w*|show\w*|saw|sees?|greater|better|fast|faster|quick|quicker|"
                               r"rapid|instant|immediate|lasting|long-lasting|real|effective|improved|more|complete|total|guaranteed|"
                               r"provides?|offers?|brings?|gives?|delivers?|is|are|was|were)\b", re.I)
_WHO_WAS_TREATED = re.compile(r"\s+(?:with|by|in|at|for|using|as|on|early|first|and|or|aggressively)\b", re.I)
_WORD_BEFORE = re.compile(r"[A-Za-z]\w*\s+$")
_PEOPLE_AFTER = re.compile(r"\s+(?:(?:[\w-]+\s+){0,2}?(?:patients|people|veterans|children|kids|adults|women|men|athletes|soldiers)|them|those)\b", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|was|were|is|are|get|got|gets|getting|had|has|have|already|patients|people|men|women|"
                             r"children|kids|adults|participants|who|those)\s+(?:adequately\s+|properly\s+|appropriately\s+|fully\s+)?$", re.I)
_MECHANISM_TARGET = re.compile(
    r"\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?(?:signals?|receptors?|action|activity|enzymes?|proteins?|pathways?|production|androgens?|"
    r"conversion|absorption|reuptake|uptake|synthesis|breakdown|effects?\s+of|interleukin[\w-]*|cytokines?|"
    r"hormones?|molecules?|channels?|genes?|antibod(?:y|ies)|cells?|messengers?|chemicals?|neurotransmitters?|peptides?|(?-i:[A-Z]{2,}[\w-]*|[A-Z]+-?\d[\w-]*))\b", re.I)
_NOT_A_TIME = r"(?!\s+(?:bedtime|lunchtime|morning|tonight|tomorrow|the\s+(?:next|following|end)|day|evening))"
"""After "works by": not a time ("Mums tell us it works by bedtime" says how fast, not how)."""
_HOW_IT_WORKS_AFTER = re.compile(
    rf"\s+(?:by{_NOT_A_TIME}|on|through|via|alongside|differently|(?:much\s+|far\s+)?harder|only\s+in|in\s+the\s+(?:brain|body|gut|intestines?|liver|blood)|best\s+(?:on|in|when|if|with|as\s+part\s+of|alongside)"
    r"|in\s+an?\s+(?:[\w-]+\s+){0,2}?way|inside\s+the\s+(?:skin|body|cells?)|in\s+the\s+skin|in\s+your\s+(?:gut|body|brain|intestines?)|offline|online"
    r"|(?:best|well)\s+for\s+(?:adults|people|patients|men|women|those|anyone)\s+(?:in|with|who|aged|over|under|between)"
    r"|with\s+(?:(?:your|most|all|any|select|both)\s+)?(?:iPhones?|Android|Apple|Alexa|Google|smartphones?|phones?|tablets?|apps?|Bluetooth|Wi-?Fi|insulin\s+pumps?)"
    r"|(?:a\s+bit\s+|much\s+|somewhat\s+)?like(?!\s+(?:magic|a\s+charm|a\s+miracle|a\s+dream|wonders)))\b",
    re.I,
)
_HOW_IT_WORKS_BEFORE = re.compile(r"(?:\b(?:how|if|whether|unless|until|what|which|designed|formulated|intended|meant|engineered|built|put|get|got|"
                                  r"getting)\s+(?:[\w-]+\s+){0,3}|\bkey\s+|\bwho\s+(?:also\s+|now\s+|still\s+)?"
                                  r"|^\W*(?:either|both)(?:\s+(?:one|ones|way|ways|side|sides|ear|ears|time|times|option|options))?\s+)$", re.I)
"""Before "works": how or whether it works, a person who works somewhere ("Jay Johnson, who works for
Action AIDS"), and a choice of how to use it ("Which ear? Either works.")."""
_COST_BEFORE = re.compile(r"\b(?:cost[- ]?|less\s+|least\s+)$", re.I)
"""Before "effective": "cost-effective" (value for money), "less effective" (a limit), not a claim that it works."""
_DOSE_AFTER = re.compile(r"[\s-]+(?:doses?|dosages?|dosing|strengths?)\b", re.I)
_MENU_NAME = re.compile(r"\W*([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+[–—-]\s")
"""A list item that names a menu entry before a dash ("Immunity Boost – fluids, vitamin C and zinc"):
a claim word in the name, or in the list of what it contains ("fluids, B vitamins, anti-sickness and
pain relief"), names the product or an ingredient."""
_SERVICE_SUBJECT = re.compile(r"\b(?:we|I|our\s+(?:team|doctors|surgeons|clinicians|nurses|specialists|dentists))\s+(?:also\s+|now\s+|routinely\s+)?$", re.I)
"""Before "treat": a clinic saying what it does ("At ClearLine, we treat varicose veins with…"), not that it works."""
_AS_THEY = re.compile(r"\b(?:as|while|until|once)\s+(?:they|it|(?:the|your|their)\s+(?:[\w-]+\s+)?[\w-]+)\s+$", re.I)
"""Before "heal": the course of healing ("the gums shrink back a little as they heal", "a soft-food
diet while the implants heal"), not a promise."""
_SCHEDULED_BEFORE = re.compile(r"\b(?:re-?check|check|follow[- ]up|return|come\s+back|review|repeat|re-?test|reminder|appointment|"
                               r"deliver(?:s|ed|y)?|ship(?:s|ped|ping)?|dispatch(?:es|ed)?|arriv(?:e|es|ing)|e-?mail(?:s|ed)?|sent|send(?:s)?|post(?:s|ed)?|text(?:s|ed)?|"
                               r"call(?:s|ed)?|contact(?:s|ed)?|hear|repl(?:y|ies|ied)|respond(?:s|ed)?|ready|available|book(?:s|ed)?|booking|seen|process(?:es|ed)?|refund(?:s|ed)?|confirm(?:s|ed)?|speak|"
                               r"surgery|operations?|appointments?|consultations?|visits?|start(?:s|ed|ing)?|taken|given|lasts?|performed|carried\s+out|done|takes?|sessions?\s+(?:take|takes|last|lasts))\b[^,.;:]{0,60}$", re.I)
"""Before "in 30 days": when to check again ("a reminder to re-check the spot in 30 days"), when an
order arrives ("delivered to your door in as little as 3 days"), when the service answers or sees
you ("our team will confirm within 24 hours", "appointments within 7 days") or how long a procedure
takes ("performed in less than 30 minutes"), not how fast it works."""
_WORKS_BY = re.compile(rf"\bworks?\s+(?:in\s+(?:a|the|much\s+the)\s+(?:similar|same|different)\s+way\s+(?:to|as)\b[^.;:]{{0,120}}?,?\s+)?by\b{_NOT_A_TIME}", re.I)
"""Before a benefit word in the sentence: how it works ("It works by shrinking the oil glands, reducing the oil…",
"works in a similar way to semaglutide, by mimicking a gut hormone that reduces appetite")."""
_RESULT_CLAUSE = re.compile(r"\b(?:which|so|thus|therefore|and\s+so|so\s+that)\b", re.I)
"""Between "works by" and a benefit word: the result the mechanism brings ("…, which reduces or
eliminates panic attacks"), a claim again."""
_NO_GUARANTEE = re.compile(r"\b(?:there\s+is|there['’]s)\s+no\s+(?:guarantee|promise)\b|\bno\s+(?:one|app|treatment|product)\s+can\s+(?:guarantee|promise)\b", re.I)
_WHILE_IT = re.compile(r"\b(?:while|as|when)\s+(?:the\s+|it\s+|your\s+|our\s+)?(?:[\w-]+\s+)?$", re.I)
"""Before "works": the time it takes ("You'll feel some pressure while the laser works"), not a result."""


def _framed_as_no_promise(text: str, cue: Cue, sentence_start: int, kind: str) -> bool:
    """A benefit word that the words before it frame as something other than a promise: an opening
    condition, a wish, the means of another effect, a result reported, a supposition, the course of
    the treatment's own harms ("Many of these side effects improve within a few weeks"), a trial's
    result ("cut freezing episodes in Parkinson's trial")."""
    before = max(sentence_start, cue.start - 50)
    if cue.text[-3:].lower() == "ing" and text[max(sentence_start, cue.start - 3):cue.start].lower() == "by ":
        return True  # "lower LDL cholesterol by reducing how much your liver makes": the means
    if _NO_GUARANTEE.search(text, sentence_start, cue.start) or (cue.text.lower() in ("works", "work", "worked") and _WHILE_IT.search(text, before, cue.start)):
        return True  # "There is no guarantee that any app will make your periods pain-free"; "while the laser works"
    if kind != "benefit":
        return False
    return bool(_IF_CLAUSE.match(text, sentence_start, cue.start) or _WANTED_BEFORE.search(text, before, cue.start)
                or _IN_A_TRIAL.match(text, cue.end)
                or _HARMS_EASE.match(text, sentence_start, cue.start)
                or (_RESULT_WORD.search(cue.text) and _REPORTED_BEFORE.search(text, before, cue.start))
                or ((cue.text.lower().endswith(" better") or cue.text[:7].lower() == "destroy") and _SUPPOSED_BEFORE.search(text, before, cue.start)))


_IN_A_TRIAL = re.compile(r"\s+(?:[\w'’-]+\s+){0,4}?in\s+(?:a\s+|an\s+|the\s+)?(?:[\w'’-]+\s+){0,3}?(?:trial|study)\b", re.I)
"""After a benefit word: where the result comes from ("…cut freezing episodes in Parkinson's trial")."""
_HARMS_EASE = re.compile(r"\W*(?:(?:many|most|some)\s+(?:of\s+)?)?(?:these\s+|the\s+|your\s+|any\s+)?(?:side[- ]effects?|withdrawal\s+symptoms)\b[^.;:]*$", re.I)
"""From the sentence's start to a benefit word: the harms are its subject ("Many of these side effects improve…")."""
_WANTED_BEFORE = re.compile(r"\b(?:want|wants|wanted|need|needs|needed|seek|seeks|seeking|sought|search(?:ing)?\s+for|searched\s+for|"
                            r"look(?:ing)?\s+for|hop(?:e|es|ing)\s+for)\s+(?:[\w'’-]+\s+){0,2}?$", re.I)
"""Before a benefit word: what someone wants ("They just want relief", "searched desperately for pain relief"), not what a treatment gives."""
_RESULT_WORD = re.compile(r"\bimprovements\b|\bfewer\b|\bless\b", re.I)
"""Benefit words that as often report a result as promise one."""
_REPORTED_BEFORE = re.compile(r"\b(?:(?:had|has|showed|saw|felt|experienced|reported|noted|suffered|was|were|is|a|an)\s+(?:[\w-]+\s+){0,2}?"
                              r"|(?:average\s+of\s+)?(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+)$", re.I)
"""Before "fewer …", "less …" or "… improvements": a result reported ("had an average of five fewer
hot flashes", "showed dramatic improvements", "felt less pain"), not promised ("have far fewer ear
infections")."""
_MENU_SEPARATOR = re.compile(r"\s[·|•]\s")
"""What separates the items of a site's navigation line ("IVF · Egg freezing · Success rates")."""
_IF_CLAUSE = re.compile(r"\W*(?:if|unless)\b[^,;:.—–]*$", re.I)
"""A benefit word in an opening condition ("If a diagnostic block gives you good short-term relief, we
may recommend…"): what follows is conditional on it, not a promise of it."""
_SUPPOSED_BEFORE = re.compile(r"\b(?:if|when|whenever|once|until|would|could|might)\b[^,.;:]*$", re.I)
"""Before "feel better" or "destroying": a condition or a supposition ("if it makes people feel better",
"the stent would make them feel better", "if all goes well they … start destroying the cancer")."""
_LISTED_PITCH = re.compile(r"\W*(?:nothing\s+to\s+[\w\s]{1,20}?,\s*)*", re.I)
"""Before "nothing to worry about": a verbless pitch ("Nothing to swallow, nothing to wear off, nothing to worry about")."""
_DISMISSED_NOW = re.compile(r"(?:\bis|\bare|['’]s|['’]re)\s+(?:(?:usually|simply|really|absolutely|generally|honestly|truly|literally)\s+)?$", re.I)
"""Before "nothing to worry about": the page's own dismissal, in the present ("they're usually
nothing to worry about"), not a story's past ("the clinicians told him it was nothing to worry about")."""
_SERVICE_AFTER = re.compile(r"\s+(?:injections?|jabs?|pens?|programm?es?|services?|clinics?|medications?|medicines?|plans?|consultations?)\b", re.I)
"""After "weight loss": what is sold ("Weight loss injections, prescribed online"), a name, not a promise."""
_WEIGHT_LOSS_NAMED = re.compile(r"\b(?:medical|surgical|medically\s+supervised|prescription|unexplained|unintended|unintentional|sudden|attempts?\s+at|tried)\s+$", re.I)
"""Before "weight loss": a service's name ("Medical weight loss with semaglutide…") or a symptom
("unexplained weight loss"), not a promise."""
_INSTRUCTION_BEFORE = re.compile(r"\b(?:report|call|contact|tell|seek|stop|see|visit|go|get|remove|rinse|wash)\s+(?:[\w&-]+\s+){0,3}$", re.I)
"""Before "immediately": what to do and when ("report immediately if…", "stop using it immediately"), not how fast it works."""
_REPAIR_AS_NOUN = re.compile(r"\b(?:hernia|valve|ACL|ligament|tendon|meniscus|rotator\s+cuff|cartilage|aneurysm|fistula|prolapse|cleft|"
                             r"bone|joint|knee|hip|shoulder|wound|tissue|nerve|DNA|cell(?:ular)?)\s+$", re.I)
"""Before "repair": an operation's name ("hernia repair", "ACL repair"), or a body's own process."""
_NATURE_BEFORE = re.compile(r"\b(?:non-invasive|non-surgical|needle-free|natural|gentle|hands-on)(?:,|\s+and)\s+$", re.I)
"""Before "drug-free": what the treatment is like ("Non-invasive and drug-free."), not a result."""
_CARE_AFTER = re.compile(r"(?:,?\s+[\w-]+)?\s+(?:care|treatments?|approach(?:es)?|options?|therap(?:y|ies)|methods?|practice|clinic|programm?e?s?)\b", re.I)
"""After "drug-free": what the care is ("Drug-free, hands-on care"), not a result ("now drug-free")."""
_BALANCE_AS_VERB = re.compile(r"(?:^|\b(?:helps?|helped|helping|to|can|may|will|could|naturally|gently|that|which))\s*$", re.I)
"""Before "balance" as a verb: "helps balance hormones", "Balance your hormones with…"."""


def _treating_describes(text: str, cue: Cue, before: str) -> bool:
    """"spent his career treating veterans": a clinician's work; "treating acne with X" names a use."""
    return bool(_PEOPLE_AFTER.match(text, cue.end))


_TREATED_AS_ADJECTIVE = re.compile(r"\b(?:the|a|an|each|every|this|that)\s+$", re.I)


def treated_as_adjective(text: str, word: re.Match, sentence_start: int) -> bool:
    """"treated" after a determiner ("along the treated vein"): the place treated, not a claim that it works."""
    return word.group().lower() == "treated" and bool(_TREATED_AS_ADJECTIVE.search(text, max(sentence_start, word.start() - 8), word.start()))


def _treated_describes(text: str, cue: Cue, before: str) -> bool:
    """"patients treated with X", "have treated thousands", "along the treated vein": who or what was
    treated; "it treated my acne" claims."""
    return bool(_WHO_WAS_TREATED.match(text, cue.end) or not _WORD_BEFORE.search(before) or _PASSIVE_BEFORE.search(before)
                or _TREATED_AS_ADJECTIVE.search(before))


def _works_describes(text: str, cue: Cue, before: str) -> bool:
    """"works by blocking", "works on the receptors": how; "if it works", "designed to work against": whether or what for."""
    return bool(_HOW_IT_WORKS_AFTER.match(text, cue.end) or _HOW_IT_WORKS_BEFORE.search(before))


_BLOCK_NAMED = re.compile(r"\b(?:nerve|regional|epidural|spinal|facet|therapeutic|diagnostic|genicular|stellate|occipital)\s+$", re.I)
"""Before "blocks": a procedure's name ("diagnostic and therapeutic nerve blocks")."""
_BY_MEANS_OF = re.compile(r"\s+(?:[\w-]+\s+){1,4}?by\s+(?:reducing|blocking|lowering|increasing|helping|stopping|slowing)\b", re.I)
"""After "lower": how ("Statins lower LDL cholesterol by reducing how much your liver makes"), a mechanism."""
_TOLERANCE_AFTER = re.compile(r"\s+(?:your\s+|their\s+|the\s+)?(?:tolerance|immunity|defences|defenses|guard)\b", re.I)
"""After "lowers": a defence lowered ("detox lowers your tolerance"), a harm."""


def _blocks_describes(text: str, cue: Cue, before: str) -> bool:
    """"blocks PD-L1", "blocks nerve signals", "blocks the effects of opioids": a mechanism; "nerve
    blocks": a procedure; "blocks cravings" promises an effect."""
    return bool(_MECHANISM_TARGET.match(text, cue.end) or _BLOCK_NAMED.search(before))


def _lower_describes(text: str, cue: Cue, before: str) -> bool:
    """"her lower left leg": a place; "a lower dose": an amount; "detox lowers your tolerance": a
    harm; "lower blood sugar", "led to lower rates" claim."""
    return bool(_BODY_PART_AFTER.match(text, cue.end) or _DOSE_AFTER.match(text, cue.end) or _TOLERANCE_AFTER.match(text, cue.end)
                or _BY_MEANS_OF.match(text, cue.end))


def _healing_describes(text: str, cue: Cue, before: str) -> bool:
    """"wound healing" names a process; "promotes healing", "faster healing" promise it."""
    return not _HEALING_PROMISED.search(before[-24:])


def _noun_describes(text: str, cue: Cue, before: str) -> bool:
    """"reach this balance", "a pay cut", "give them a boost": a noun after a determiner or preposition."""
    return bool(_DETERMINER_BEFORE.search(before))


def _cut_describes(text: str, cue: Cue, before: str) -> bool:
    """"a pay cut", "makes small cuts in the abdomen": a noun; "enzymes cut the messenger RNA": a
    mechanism; "cuts the risk" claims."""
    return _noun_describes(text, cue, before) or bool(_MECHANISM_TARGET.match(text, cue.end) or _INCISION_AFTER.match(text, cue.end)
                                                      or _FOODS_AFTER.match(text, cue.end))


_INCISION_AFTER = re.compile(r"\s+(?:in|into|through|on|along|across)\s+(?:the|a|an|your|his|her|their)\b", re.I)
_FOODS_AFTER = re.compile(r"\s+(?:out\s+|back\s+on\s+|down\s+on\s+)?(?:all\s+)?(?:sugar|dairy|gluten|alcohol|caffeine|carbs|meat|coffee|"
                          r"processed\s+foods?|junk\s+food|snacks|seed\s+oils)\b", re.I)
"""After "cut": a diet ("I cut out sugar, dairy and gluten"), what the writer did, not an effect."""
_CASE_AFTER = re.compile(r"\s+(?:the|a|our|their)\s+(?:[\w-]+\s+)?(?:case|evidence|argument|link|hypothesis)\b", re.I)
"""After "strengthen": an argument made stronger ("the findings strengthen the case for a link"), not a body."""
_PRICE_AFTER = re.compile(r"\s+(?:price|prices|pricing|cost|costs|rate|rates|fee|fees)\b", re.I)
"""After "reduced": an offer ("at a reduced price"), not an effect."""


def _balance_describes(text: str, cue: Cue, before: str) -> bool:
    """"problems with coordination and balance": a noun; "helps balance hormones" claims."""
    return not _BALANCE_AS_VERB.search(before)


_DESCRIBES = {
    "treated": _treated_describes, "treating": _treating_describes,
    "works": _works_describes, "worked": _works_describes, "work": _works_describes, "to work": _works_describes,
    "block": _blocks_describes, "blocks": _blocks_describes,
    "effective": lambda text, cue, before: bool(_COST_BEFORE.search(before)),
    "lower": _lower_describes,
    "healing": _healing_describes,
    "repair": lambda text, cue, before: bool(_REPAIR_AS_NOUN.search(before)),
    "repairing": lambda text, cue, before: before.rstrip().lower().endswith("from"),  # "stops damaged cells from repairing"
    "treat": lambda text, cue, before: bool(_SERVICE_SUBJECT.search(before)),
    "heal": lambda text, cue, before: bool(_AS_THEY.search(before)),
    "drug-free": lambda text, cue, before: bool(_CARE_AFTER.match(text, cue.end) or _NATURE_BEFORE.search(before)),
    "weight loss": lambda text, cue, before: bool(_WEIGHT_LOSS_NAMED.search(before) or _SERVICE_AFTER.match(text, cue.end)),
    "immediately": lambda text, cue, before: bool(_INSTRUCTION_BEFORE.search(before)),
    "reduced": lambda text, cue, before: bool(_PRICE_AFTER.match(text, cue.end)),
    "strengthen": lambda text, cue, before: bool(_CASE_AFTER.match(text, cue.end)),
    "strengthens": lambda text, cue, before: bool(_CASE_AFTER.match(text, cue.end)),
    "balance": _balance_describes, "balances": _noun_describes, "cut": _cut_describes, "cuts": _cut_describes, "boost": _noun_describes,
}
"""Benefit words that as often describe (a mechanism, who was treated, a place, a process) as
claim an effect, each with the test that tells which."""


def _describes(text: str, cue: Cue, sentence_start: int) -> bool:
    """A benefit word that describes rather than claims (see ``_DESCRIBES``)."""
    check = _DESCRIBES.get(cue.text.lower())
    return check is not None and check(text, cue, text[max(sentence_start, cue.start - 30):cue.start])


_ORGANISATION_SUBJECT = re.compile(
    r"\s*(?:the\s+)?(?:U\.S\.\s+)?(?:FDA|Food\s+and\s+Drug\s+Administration|agency|NIH|National\s+Institutes?\s+of\s+Health|CDC|"
    r"Centers\s+for\s+Disease\s+Control(?:\s+and\s+Prevention)?|EMA|European\s+Medicines\s+Agency|WHO|World\s+Health\s+Organi[sz]ation)"
    r"(?:\s*,[^,]{1,120},)?\s+(?:also\s+)?$",
    re.I,
)
"""A regulator or health agency as the subject of the claim word ("The FDA, an agency within…,
protects the public health by…"): what the agency does, not what a treatment does."""
_PRODUCT_SUBJECT = re.compile(
    rf"((?:[\w'’-]+\s+){{0,4}}?{PRODUCT_NOUN})"
    r"(?:,?\s+(?:which|that))?\s+(?:(?!(?:is|are|was|were|has|have|had|do|does|did|will|would|should)\b)[\w'’-]+\s+){0,3}?$",
    re.I,
)
"""A claim's subject that names no drug but a product or treatment by what it is ("Cranberry
extract prevents…", "the RSV shot, which keeps…", "targeted beam therapy cures…"): a noun
phrase that opens the claim's clause or starts with a determiner, at most three words before the
claim word."""
_PRODUCT_SAFETY_SUBJECT = re.compile(
    rf"((?:(?!(?:finds?|found|shows?|showed|says?|said|suggests?|suggested)\b)[\w'’-]+\s+){{0,4}}?{PRODUCT_NOUN})"
    r"(?:,?\s+(?:which|that))?\s+(?:is|are|has|have)\s+(?:(?:completely|totally|entirely|100%|perfectly|very|so|also|truly)\s+)*$",
    re.I,
)
"""The same for a safety claim, which is made with "is" or "has" ("Our herbal tea is completely
safe", "Our tonic has no side effects")."""
_PRODUCT_WORD = re.compile(rf"\b{PRODUCT_NOUN}\b", re.I)
_SUBJECT_CLAUSE_BREAK = re.compile(r".*([,:;—–(\"“”]|\b(?:that|and|but|so|because|when|if)\b)\s*", re.I | re.S)
_RELATIVE = re.compile(r"\s*(?:which|that)\s", re.I)
_RELATIVE_BEFORE = re.compile(rf"\b{PRODUCT_NOUN},?\s+(?:which|that)\s*$", re.I)
"""A product word, then "that": a relative clause ("laser therapy that heals…"), not "proven that…"."""
_DETERMINER = re.compile(r"\b(?:the|a|an|this|these|those|its|their|our|your|his|her|some|many|[\w-]+['’]s)\s+(?=\S)", re.I)
_OPENING_PRONOUN = re.compile(r"\W*(?:A\s*[:.]\s*)?(?:(?:yes|yep|absolutely|definitely|of course)\W+)?(?:it|they)\b", re.I)
"""A claim that opens with "it" or "they", after an answer ("A: Yes, it is completely safe")."""
_PRODUCT_PHRASE = re.compile(
    rf"((?:our|your|the|this|these|a|an)\s+(?:[\w'’-]+\s+){{0,3}}?{PRODUCT_NOUN})\b"
    rf"|\b(?:does|do|is|are|can|will|could|should)\s+((?:[\w'’-]+\s+){{0,3}}?{PRODUCT_NOUN})\b",
    re.I,
)
"""A product named with its determiner, or as a question's subject, anywhere in a sentence ("our IV
vitamin therapy", "Does elderberry syrup work?")."""
_BEFORE_IT_PASSES = re.compile(r"\b(?:before|until)\s+(?:it|they|things)\s+$", re.I)
"""Before a benefit word: a symptom's course ("may get worse before it improves"), not a claim."""
_NATURAL_COURSE = re.compile(r"\b(?:(?<!administered\s)(?<!given\s)(?<!taken\s)(?<!used\s)on\s+(?:its|their)\s+own|by\s+(?:itself|themselves)|without\s+(?:any\s+)?treatment|"
                             r"(?:whatever|regardless\s+of)\s+the\s+treatment|with\s+or\s+without\s+treatment)\b", re.I)
"""After a benefit word: a condition's natural course ("usually improves within a few weeks
whatever the treatment", "clears up on its own"), not a treatment's effect."""
_SERVICE_HEADING = re.compile(r"(?:(?:conditions|diseases|disorders|symptoms|issues|injuries|what|who)\s+(?:we|I)\s+(?:treat|help)"
                              r"|(?:treatments?|services|therapies)\s+(?:we|I)\s+offer)\b", re.I)
"""A clinic's heading over what it offers ("Conditions we treat"), not a claim that it works."""
_NAMED_AS_SYMPTOM = re.compile(r"\b(?:symptoms|signs|side[- ]effects|complications)\s+(?:\w+\s+){0,2}?(?:include|including|such\s+as)\b", re.I)
"""Before a benefit word: a list of symptoms or harms ("Symptoms can include … reduced muscle mass")."""
_LISTED_AS_OPTION = re.compile(r"\b(?:options|treatments|therapies|alternatives|approaches)\s+(?:\w+\s+){0,3}?(?:include|including|such\s+as)\b", re.I)
"""Before a benefit word: a list of options ("non-surgical treatments such as exercise therapy and weight loss")."""
_IN_A_NAME = re.compile(r"[A-Z][a-z]+(?=\s*[,)])")
"""A benefit word written with a capital inside a paragraph's sentence, before a comma: part of a
name in an address or a list of names ("Castlefield Works, Manchester")."""
_PRODUCT_NAMED = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z][\w+-]*)?\s+(?:Protocol|Program(?:me)?|Method|Plan|System|Pathway|Package|Formula|Kit|Cap|Device|Clinic|Cent(?:er|re)|Institute)\b")
"""A benefit word that begins a product's name ("The Restore Protocol costs £4,800", "Renew ME Clinic"):
it names the product, it promises nothing."""
_CLASS_DEFINITION = re.compile(
    r"[^.;:]{1,60}?\b(?:(?:is|are)\s+(?:a|an|one)\s+(?:[\w-]+\s+){0,2}?(?:group|class|family|type|kind)\s+of\s+(?:[\w-]+\s+){0,2}?|are\s+)"
    r"(?:medicines?|drugs?|medications?|compounds|substances|nutrients|chemicals)\s+(?:that|which|known\s+to)\b", re.I)
"""A drug class defined by what it does ("Statins are a group of medicines that lower LDL",
"Statins are medicines that lower…"): the patient-education definition, not a product's promise."""
_HARMS_PLAYED_DOWN = re.compile(r"(?:side[- ]effects?|risks?|dangers?|complications|the only|scarring|scars?|bruising|swelling)\s", re.I)
"""A safety claim whose subject is the harms themselves ("Side effects are rare and mild", "The
only side effect most people ever notice is…")."""
_HARM_DISMISSED = re.compile(
    r"\W*(?:(?:honestly|frankly|really),?\s+)?(?:(?:any|the|these|those|this|that|such|some|mild|minor|occasional|temporary)\s+){0,2}"
    r"(?:nausea|headaches?|dizziness|soreness|swelling|bruising|redness|itching|tingling|fatigue|tiredness|drowsiness|bloating|cramping|"
    r"(?:chapped|dry|cracked)\s+(?:lips|skin|eyes)|(?:[\w-]+\s+)?changes|reactions?)\s+(?:is|are|tends?\s+to\s+be)\s+[^.;:]*$", re.I)
"""A harm dismissed as harmless or nothing to worry about at the start of the sentence ("Any nausea
is mild, passes within days and is nothing to worry about", "Those scan changes are usually
harmless"): the page's treatment's harm."""
_DISMISSAL_CUE = re.compile(r"harmless|nothing to", re.I)
_WAVED_AWAY = re.compile(r"blown|vanishingly|(?:just|simply|only|actually) a sign|the only|(?:about |pretty much |really )?the worst of it|"
                         r"never give|no such thing|nothing (?:you|parents|patients|anyone|people) (?:need|should)|can(?:['’]t|not) overdose|toxic dose|"
                         r"no (?:nasty )?surprises|take (?:it|them|one)|should(?:n['’]t| not) stand|(?:just|simply|only) (?:your|the) body|nothing in|(?:is|was) (?:honestly |really |an absolute )?a breeze", re.I)
"""A safety cue that waves the harms away whatever the sentence's subject ("The mood stuff gets blown
way out of proportion", "which is just a sign the good bacteria are working"): the page's treatment's harms."""
_SAFETY_FRAGMENT = re.compile(r"[^\w'‘’\"“”]*(?:virtually|almost|practically|nearly|zero|no|non|nothing|completely|totally|100%|safe|gentle)\b"
                              r"(?!.*\b(?:is|are|was|were|has|have|had|be|been|reported|occurred|seen|found)\b).*", re.I | re.S)
"""A verbless safety pitch opening a sentence ("Virtually no side effects, so most men notice
nothing"): about the page's treatment. "No side effects were reported" is a report."""
_PATIENTS_EXPERIENCE = re.compile(
    r"\W*(?:(?:like|at)\s+[A-Z][\w'’-]+,\s*)?(?:within\s+[\w\s]{1,20}?,\s*)?"
    r"(?:(?:most|many|all|our|(?:(?:over|more\s+than|nearly|almost|about)\s+)?\d+(?:\.\d+)?%\s+of(?:\s+our)?"
    r"|(?:\d+|one|two|three|four|five|six|seven|eight|nine)\s+(?:(?:out\s+)?of|in)\s+(?:\d+|ten)(?:\s+of\s+our)?)\s+"
    r"(?:(?-i:[A-Z][\w&'’-]*)\s+(?:&\s+)?){0,3}(?:(?-i:[a-z][\w-]*)\s+){0,2}?)?(?:of\s+(?:our|my)\s+(?:[\w-]+\s+)?)?"
    r"(?:patients|clients|customers|users|members|readers|children|kids|men|women|travell?ers|wearers|recipients|(?<=most\s)people)"
    r"(?:\s+with\s+[^.;:]{1,60}?|\s+like\s+[A-Z][\w'’-]+|\s+who\s+[^.;:,]{1,60}?)?\s+(?:(?:typically|usually|regularly|routinely|often|generally)\s+)?"
    r"(?:(?:have|has|had)\s+(?:also\s+|already\s+)?)?"
    r"(?:(?:(?!should|must|need|have)\w+\s+)?(?:notice[sd]?|see|seen|saw|feel|felt|experience[sd]?|enjoy(?:ed)?|get|got|report(?:ed)?|achieve[sd]?)\s+(?:[\w%-]+\s+){0,2}"
    r"|(?:\w+\s+)?(?:tell\s+us|say)\s+(?:that\s+)?they(?:['’]re\s+|\s+are\s+|\s+)|are\s+(?:(?:typically|usually)\s+)?|were\s+"
    r"|(?:walk|walked|go|went|leave|left)\s+(?:out|home)\s+)?$",
    re.I)
"""Before a benefit word at the start of a sentence: what the page's patients notice ("Most patients
notice dramatic relief", "Nine out of ten customers hear better", "Like Gary, most of our patients
are walking without pain", "Patients walk out seeing clearly again", "Patients with COPD … have also seen remarkable improvements"), the
page's treatment's effect. A name before the noun is the publisher's brand only after a figure
("Nine out of ten Crown & Root patients see…"), not a doctor's ("Wolcott's patients saw…")."""
_HOW_USERS_FARE = frozenset({"typically", "usually", "regularly", "routinely", "often", "generally"})
"""Frequency words that describe the publisher's own users' typical result ("Members typically shed…"), not a hedge."""
_USERS_RESULT = re.compile(r"(?:\d+ ?%|\d+ (?:out )?of|nine in ten|most|many|lots|over \d).*\b" + USER_GROUP
                           + r" (?:said|say|says|report|reported|tell|told|notice|noticed|felt|feel|fall|fell|saw|see|are|were)\b", re.I)
"""A claim word that is itself a group of users and what they say ("94% of customers said they were
sleeping better", cues.BENEFIT): the page's users, so the page's treatment."""
_THING_SUBJECT = re.compile(r"\W*(?:The |This |Our |Each |Every )?(?!(?:You|We|I|They|He|She|It|There|This|That|Most|Many|Some|Patients|People)\b)"
                            r"[A-Z][\w'’-]*(?: (?!(?:is|are|was|were|has|have|had|will|can|may|who|which|that)\b)[a-z][\w'’-]*){0,3} ")
"""Before a claim verb in -s: a noun phrase that opens the sentence and names no person or group
("Red light rebuilds collagen", "Colostrum seals up a leaky gut"): on a seller's page, its treatment
or what the treatment is made of."""
_DOSE_SUBJECT = re.compile(
    r"\W*(?:after\s+|with\s+)?(?:just\s+|only\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|ten|twelve|twenty|thirty|a\s+few|a\s+single|a)\s+"
    r"(?:[\w-]+\s+)?(?:minutes?|seconds?|sessions?|treatments?|rounds?|capsules?|tablets?|pills?|gummies|drops?|sprays?|rinses?|mugs?|cups?|"
    r"scoops?|sachets?|shots?|injections?|infusions?|drips?|days|weeks|months|doses?|applications?|puffs?)"
    r"(?:\s+(?:a|per|each|every)\s+(?:day|night|week|month))?(?:\s+of\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)?\s*,?\s+(?:(?:I|you|we|they|he|she)(?:['’]m|['’]re)?\s+)?", re.I)
"""Before a claim word: how much of the treatment, as the subject ("Just 10 minutes a day rebuilds the
muscles", "Two rinses a day flush out…", "Thirty days of broth sealed my leaky gut"): on a seller's
page, its treatment at work."""
_OPENS_WITH_VERB = re.compile(r"[\s\"'“‘*•-]*")
"""Nothing before a claim word in -s that opens the sentence ("Melts away anxiety and stress…",
"Works faster than ibuprofen"): a product page's sentence whose subject is the product."""
_WITH_THE_PRODUCT = re.compile(r"\W*With\s+(?:[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?|our\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+),\s+(?:you|your)\b")
"""A claim that opens "With Vantra, you…" or "With our programme, your…": the page's product brings it."""
_OURS_MEANS = re.compile(r"\W*(?:with\s+)?our\s+(?:[\w'’-]+\s+){0,3}?(?:means|lets|gives|ensures|delivers)\s+(?:[\w'’-]+\s+){0,9}?$", re.I)
"""Before a claim word at the start of a sentence: what the publisher's own way of doing it brings
("Our gentle dosing schedule means you get all the weight loss with none of the side effects")."""
_THERE_IS_NO_HARM = re.compile(r"\bthere(?:\s+(?:is|are)|['’]s)\s+(?:virtually\s+|almost\s+|absolutely\s+)?(?:no|zero)\s+(?:[\w,-]+\s+){0,6}?"
                         r"(?:risks?|side[- ]effects?|downtime|dangers?)\b"
                         r"|\bthere(?:\s+is|['’]s)\s+(?:(?:simply|really|absolutely|honestly|truly|literally)\s+)?nothing\s+"
                         r"(?:to\s+(?:worry|fear|be|go\s+wrong)|dangerous|risky|harmful|unsafe)\b", re.I)
"""A safety claim in the existential ("there is no risk of rejection or side effects", "there's
simply nothing to worry about"): the page's treatment's."""
_PREPOSITION_BEFORE = re.compile(r"\b(?:after|before|following|during|from|than|of|against)\s+(?:the\s+|a\s+|your\s+)?$", re.I)
"""Before a named treatment: it is in a phrase about the subject ("the garment after liposuction"), not the subject."""
_NEGATIVE_BEFORE = re.compile(r"\b(?:neither|no|none|not)\b", re.I)
_POSSESSIVE_FIRST = re.compile(r"[\w-]+['’]s\s+")


def _product_subject(text: str, sentence_start: int, cue_start: int, kind: str = "benefit") -> Mention | None:
    """The product noun phrase a claim without a named intervention is about (``_PRODUCT_SUBJECT``,
    or ``_PRODUCT_SAFETY_SUBJECT`` for a safety claim)."""
    break_start, clause_start = _clause(text, sentence_start, cue_start)
    if _RELATIVE.match(text, clause_start, cue_start) or _RELATIVE_BEFORE.search(text, sentence_start, clause_start):
        # "the RSV shot, which keeps…", "laser therapy that heals…": the phrase before "which" or "that"
        _, clause_start = _clause(text, sentence_start, break_start)
    if not _PRODUCT_WORD.search(text, clause_start, cue_start):
        return None  # the full pattern backtracks: most clauses name no product word at all
    found = _PRODUCT_SUBJECT.search(text, clause_start, cue_start)
    if found is None and kind == "safety":
        found = _PRODUCT_SAFETY_SUBJECT.search(text, clause_start, cue_start)
    if found is None:
        return None
    start, end = found.start(1), found.end(1)
    if _NEGATIVE_BEFORE.search(text, clause_start, start) or _NEGATIVE_BEFORE.match(text, start):
        return None  # "Neither dose of the cannabis extract improved…": no product is said to work
    determiners = list(_DETERMINER.finditer(text, start, end))
    if determiners:
        start = determiners[-1].start()  # "said the patch": the phrase starts at its determiner
    elif start > clause_start:
        return None  # "developed a supplement" without its article: a verb may open it
    if possessive := _POSSESSIVE_FIRST.match(text, start, end):
        start = possessive.end()  # "the Centre's targeted beam therapy": the therapy
    phrase = text[start:end]
    return Mention(start, end, phrase, phrase.lower(), "reference")


def _antecedent(document, interventions: Interventions, index: int, cue_start: int) -> Mention | None:
    """What "it" or "they" opening a claim stands for, when the page has no main intervention: the
    treatment the sentence before names, in the same paragraph ("Is our IV therapy safe? Yes, it is
    completely safe"; "Our turmeric capsules are gentle. They relieve joint pain")."""
    text, sentence = document.text, document.sentences[index]
    if index == 0 or not _OPENING_PRONOUN.match(text, sentence.start, cue_start):
        return None
    previous = document.sentences[index - 1]
    if previous.block != sentence.block:
        return None
    named, _ = interventions.subject_in(text, previous.start, previous.end, previous.end, after=False)
    if named is not None and named.kind != "implied":
        return named
    products = list(_PRODUCT_PHRASE.finditer(text, previous.start, previous.end))
    if not products:
        return None
    last = products[-1]
    start, end = last.span(1) if last.group(1) else last.span(2)
    return Mention(start, end, text[start:end], text[start:end].lower(), "reference")


def _clause(text: str, sentence_start: int, position: int) -> tuple[int, int]:
    """Where the last clause break before ``position`` starts, and where the clause after it starts
    (both ``sentence_start`` when there is none)."""
    clause = _SUBJECT_CLAUSE_BREAK.match(text, sentence_start, position)
    return (clause.start(1), clause.end()) if clause else (sentence_start, sentence_start)


_STATES_A_USE = re.compile(r"\b(?:for|in|to)?\s*the\s+(?:[\w-]+\s+)?$", re.I)
"""Before "treatment of": what a product is for ("a patch for the treatment of migraines", "advances
in the treatment of HCV"): a use that asks for fair balance, not an efficacy claim to substantiate."""
_FOR_BEFORE = re.compile(r"\bfor\s+$", re.I)
_RELIEF_OF = re.compile(r"\s+of\b", re.I)


def _states_a_use(text: str, cue: Cue, sentence_start: int) -> bool:
    """"for the treatment of X", "used for the temporary relief of minor aches" (Drug Facts), "a
    balloon device for weight loss": what a product is for."""
    word = cue.text.lower()
    if word == "treatment of":
        return bool(_STATES_A_USE.search(text, max(sentence_start, cue.start - 30), cue.start))
    if word == "relief":
        return bool(_RELIEF_OF.match(text, cue.end) and _STATES_A_USE.search(text, max(sentence_start, cue.start - 30), cue.start))
    return word in ("weight loss", "fat loss") and bool(_FOR_BEFORE.search(text, max(sentence_start, cue.start - 5), cue.start))


_NOT_RIGHT_BEFORE = re.compile(r"\b(?:not|never|is\s*n[’']t|are\s*n[’']t|was\s*n[’']t|were\s*n[’']t)\s+$", re.I)


def _is_negated_cue(text: str, cue: Cue, sentence_start: int, kind: str) -> bool:
    if kind == "safety" and cue.text.lower().startswith(("no ", "zero", "without", "free", "not ", "non", "isn", "virtually", "almost", "practically", "nearly")):
        # a safety claim in negative form is negated only right before it: "not without risks"
        return bool(_NOT_RIGHT_BEFORE.search(text, max(sentence_start, cue.start - 12), cue.start))
    return is_negated(text, cue.start, sentence_start)

"""Uses: sentences that present a treatment for a condition ("Zubsolv treats opioid
dependence", "Ozempic for weight loss", "it is also used to ease anxiety"), with the
conditions named, the words that present the use, its subject, negation and attribution.

``indication`` wording says what a treatment is for (treats, cures, prevents; is used, approved,
indicated or prescribed for; a treatment for). ``benefit`` wording says it helps (helps with,
relieves, works for, good for, or "for" right after the treatment's name): what follows may be a
condition, but as often a symptom or an outcome ("relieves cravings"). ``result`` wording is a
result reported by someone taking the treatment ("two months on Zubsolv and my migraines are gone").

A condition is read off the words after the use: up to the end of the clause or the next use,
split at "and", "or" and commas, without determiners, "people with" or "symptoms of", and at
most ``MAX_CONDITION_WORDS`` words long; anything longer is a clause, not a name. Two shapes put
the condition elsewhere: a question just before ("Struggling with chronic pain? Zubsolv can
help.") and a programme named after its use ("our Ozempic weight-loss programme").
"""

from __future__ import annotations

from dataclasses import dataclass

import re

from .claims import NEGATION_REACH, PUBLISHERS_OWN, attribution_on_page, is_negated
from .cues import NEGATION, USE_BENEFIT, USE_FRONTED, USE_INDICATION, is_readers_question
from .interventions import Interventions, Mention
from .spans import Cue

MAX_CONDITION_WORDS = 6

_CLAUSE_END = re.compile(
    r"[.;:!?()\[\]|—–\"“”]|\s-\s"
    r"|\b(?:but|because|while|although|though|which|that|who|when|whenever|where|if|unless|until|since|so|than|like|such\s+as|including"
    r"|as(?! well as)|by|through|via|with|without|within|during|among|in|on|at|from|over|after|before|for|to|into|thanks|due"
    r"|alongside|along\s+with|together\s+with|instead|too|under|beneath|across|around|per|every)\b"
    r"|(?<=\w)\s+(?:gets?|feels?|stays?|keeps?|comes?|goes|become|becomes)\b"
    r"|(?:\band\b|\bor\b|,)\s+(?:should|shall|is|are|was|were|can|could|may|might|must|will|would|has|have|had|does|do|did|also|it|"
    r"its|they|you|we|this|these|then|helps?|works?|treats?|reduces?|relieves?|improves?|prevents?|eases?|lowers?|cuts?|boosts?|"
    r"gives?|makes?|keeps?|lets?|comes?|costs?)\b",
    re.I,
)
"""Where the conditions after a use end: punctuation, a subordinator or preposition, a verb
after them ("women with PCOS get their cycles back"), or "and", "or" or a comma starting a new
verb phrase ("and should be used with counselling")."""
_CONJUNCTION = re.compile(r"\s*(?:,|&|/|\band\b|\bor\b|\bas well as\b|\bplus\b|\bnor\b)\s*", re.I)
_AND_OR = re.compile(r"\b(?:and|or|nor)\b|&", re.I)
_POPULATION = (r"people|patients|adults|children|kids|babies|infants|men|women|individuals|anyone|everyone|someone|users|sufferers|"
               r"survivors|victims|teens|seniors|smokers|drinkers|members|clients|customers|residents|veterans|athletes|parents|"
               r"mothers|moms|mums|students|employees|workers|retirees|those")
_LEADING_FILLER = re.compile(
    r"(?:(?:the|a|an|your|their|his|her|our|its|my|many|most|some|all|any|both|each|certain|other|those|these|this|that|you|them|us|me"
    r"|even|especially|various|several)\s+"
    rf"|(?:[\w-]+\s+)?(?:{_POPULATION})\s+(?:with|whose|who\s+(?:have|had|suffer\s+from|are\s+living\s+with|live\s+with|want\s+to)|"
    r"suffering\s+from|living\s+with|fighting|battling|struggling\s+with|trying\s+to|looking\s+to|wanting\s+to|hoping\s+(?:to|for)|"
    r"seeking|(?:who\s+are\s+)?(?=\w+ing\s))\s*"
    r"|(?:the\s+)?(?:symptoms?|signs?|effects?|treatment|management|prevention|relief|control|pain|types?|kinds?|forms?|number|risk|rate|"
    r"frequency|severity|incidence|chance|likelihood)\s+(?:of|from)\s+"
    r"|(?:(?:a\s+)?(?:number|variety|range)\s+of\s+)?(?:conditions|diseases|disorders|illnesses|problems|ailments|issues)\s*,?\s+"
    r"(?:including|like|such\s+as)\s+"
    r"|(?:mild|moderate|severe)(?:\s+to\s+(?:moderate|severe))?\s+)+",
    re.I,
)
"""Words before a condition that are not part of its name: determiners, "people with",
"symptoms of", "the risk of", "certain types of", "conditions such as", severity."""
_LEADING_VERB = re.compile(
    rf"(?:to\s+)?(?:help(?:\s+(?:you|them|{_POPULATION}))?(?:\s+to)?\s+)?"
    r"(?:fight|ease|relieve|manage|reduce|control|beat|overcome|treat|prevent|cope\s+with|recover\s+from|get\s+rid\s+of|"
    r"cut\s+(?:back|down)\s+on|calm|quiet|silence|shrink|take\s+the\s+(?:edge\s+off|sting\s+out\s+of))\s+",
    re.I,
)
"""A verb after "helps (you)" that only says it helps: "helps ease anxiety" is used for anxiety."""
_TRAILING_POPULATION = re.compile(rf"\s+(?:{_POPULATION})$", re.I)
_NOT_A_CONDITION = re.compile(r"(?:(?:about|around|approximately|nearly|almost|over|up\s+to|at\s+least)\s+)?[\d$£€]"
                              r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|a\s+few|several|many)\s+"
                              r"(?:years?|months?|weeks?|days?|hours?|minutes?)\b"
                              rf"|(?:with|by|using|alongside|together|not|such|how|what|why|whether|(?:{_POPULATION})\b)\b", re.I)
_NOT_CONDITION_WORDS = frozenset({
    "too", "also", "as well", "alike", "again", "either", "everyone", "anyone", "everybody", "you", "yourself", "them", "it", "us",
    "me", "life", "lives", "free", "more", "less", "now", "today", "good", "sale", "details", "information", "years", "weeks",
    "days", "months", "hours", "minutes", "longer", "better", "faster", "fast", "quickly", "well", "placebo", "use", "uses",
    "conditions", "condition", "diseases", "disease", "disorders", "illnesses", "problems", "issues", "ailments", "symptoms",
    "purposes", "reasons", "eyes", "eye", "skin", "heart", "liver", "brain", "body", "blood", "bones", "muscles", "hair", "face",
    "symptom", "progress", "results", "outcomes", "scores", "health", "recovery", "goals", "tendency", "chances", "odds",
    "performance", "function", "quality of life", "wellbeing", "well-being",
})
"""Pieces that follow a use's words but name no condition: time, price, people, generic nouns, body parts."""
_VERB_LIKE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|will|would|can|could|may|might|should|shall|must|has|have|had|do|does|did|says?|said|"
    r"reported|reports|announced|found|showed|shows|remains?|appears?|seems?|focused|promotes?|\w+n[’']t)\b",
    re.I,
)
"""Words that make a piece a clause ("the FDA said Thursday"), not a condition's name."""
_ASIDE = re.compile(r"\b(?:unlike|like|than|versus|vs\.?|compared\s+(?:with|to)|instead\s+of|rather\s+than|such\s+as|including|"
                    r"(?:similar|identical|equivalent|related)\s+to|same\s+as|alongside|with|without|plus|not|"
                    r"(?<!benefits\s)(?<!advantages\s)(?<!uses\s)of|from)\s+$", re.I)
"""Words before a treatment that make it an aside, not the subject of what follows."""
_RELATIVE = re.compile(r"\b(?:which|that|who)\s+(?:(?:also|now|often|only|can|may|might|could|will|is|are|was|were|has|have|been)\s+){0,3}$",
                       re.I)
_WITH_BEFORE = re.compile(r"\bwith\s+$", re.I)
_PREPOSITION_BEFORE = re.compile(r"\b(by|of|for|in|at|about|on)\s+$", re.I)
_PREVENTED_FROM = re.compile(r"\s+from\b", re.I)
_WITHOUT_RIGHT_BEFORE = re.compile(r"\bwithout\s+(?:\w+ing\s+)?$", re.I)
_ASKING = re.compile(r"\s*(?:(?:are\s+you|is\s+your\s+\w+)\s+)?(?:struggling|living|dealing|coping|suffering|battling|fighting|"
                     r"tired|sick|fed\s+up|done)\s+(?:with|from|of)\s+", re.I)
"""A question that names a condition: "Struggling with chronic pain?", "Tired of migraines?"."""
_NAME_THEN_PROGRAMME = re.compile(
    r"[\s-]+(?P<use>(?:\w+[\s-]){0,2}?(?:loss|management|reduction|control|relief|burning|slim[\s-]down|slimming|diet|detox))[\s-]+"
    r"(?P<noun>(?:program(?:me)?|plan|clinic|protocol|journey|injection|shot|treatment|therapy|package|membership)s?)\b",
    re.I,
)
"""A programme named after a use: "Ozempic weight-loss programme", "Zubsolv pain management clinic"."""
_ON_TREATMENT = re.compile(r"\b(?:on|starting|started|taking|took|using|thanks\s+to|thank\s+you)\s+$", re.I)
"""Words before a treatment's name that make a sentence an experience of taking it ("six weeks on Zubsolv")."""
_RESOLVED = re.compile(
    r"\s+(?:(?:is|are|was|were|has|have|had)\s+(?:been\s+)?)?(?:(?:\w+ly|all\s+but)\s+)?"
    r"(?P<cue>gone|disappeared|vanished|improved|cleared\s+up|went\s+away|resolved|under\s+control|history|a\s+thing\s+of\s+the\s+past)\b",
    re.I,
)
"""A condition reported as resolved ("my back pain is gone", "sleep apnoea improved")."""
_RESULT_START = re.compile(r".*(?:[,;:—–(\"“”]|\b(?:but|so|then|now|since|after|when|until|because)\b)", re.I | re.S)
_WEIGHT_LOST = re.compile(
    r"\b(?:lost|dropped|shed|down)\s+(?:(?:over|almost|nearly|about|more\s+than)\s+)?(?:\d+(?:\.\d+)?|a\s+few|two|three|four|five|six|"
    r"seven|eight|nine|ten|\w+teen|twenty|thirty|forty|fifty)\s*(?:whole\s+|full\s+)?"
    r"(?:lbs?|pounds|kilos?|kgs?|stone|(?:dress|jean|pant|clothing)\s+sizes?|sizes|inches)\b",
    re.I,
)
"""Weight reported as lost ("down 22 lbs", "dropped three dress sizes"): the result is the use."""
_NAME_THEN_FOR = re.compile(
    r"\s*(?:®|™|\(R\)|\(TM\))?(?:\s+(?:prescriptions?|scripts?|consultations?|appointments?|visits?|clinics?"
    r"|tablets?|pills?|capsules?|injections?|infusions?|shots?|drops|sprays?|creams?))?\s+(for)\s+", re.I)
"""A treatment's name, or a service or a dose form named after it ("Zubsolv prescriptions", "oral
minoxidil tablets"), then "for"."""
_POPULATION_WITH = (rf"(?:(?:our|all|the|any|more|new|those|many|some|your)\s+)?(?:[\w-]+\s+)?(?:{_POPULATION})\s+"
                    r"(?:with|who|whose|seeking|trying|struggling|living|suffering|looking|wanting|hoping|battling|fighting|dealing)\b")
_SUPPLIED_TO = re.compile(
    r"\b(?:offer(?:s|ed|ing)?|prescrib(?:e|es|ed|ing)|giv(?:e|es|en|ing)|provid(?:e|es|ed|ing)|dispens(?:e|es|ed|ing)|"
    r"recommend(?:s|ed|ing)?|administer(?:s|ed|ing)?|available|aimed|targeted|marketed)"
    rf"\s+(?:[\w'’®™-]+\s+){{0,5}}?(?P<cue>to|for|at)\s+(?={_POPULATION_WITH})"
    r"|\b(?:turn(?:s|ed|ing)?\s+to|us(?:e|es|ing)|tak(?:e|es|ing)|took)\s+(?:[\w'’®™-]+\s+){1,3}?(?P<turned>to|for)\b"
    r"(?!\s+(?:help|treat|cure|prevent|manage|control|relieve|ease|reduce|fight|combat|calm|curb|tame)\b)",  # those are cues
    re.I,
)
"""A treatment offered, prescribed or given to people with a condition ("now offering Ozempic to
patients with early Alzheimer's", "is offered at our clinic to people trying to quit smoking"):
the people's condition is what it is presented for; or one people turn to, use or take for
something ("people are turning to Zubsolv to get through sleepless nights", "patients use
Jardiance to lose weight")."""


@dataclass(slots=True)
class Use:
    sentence: int
    """Index into ``AnalyzedDocument.sentences``."""
    cue: Cue
    """The words that present the use (kind ``indication``, ``benefit`` or ``result``)."""
    conditions: list[Cue]
    """What it is presented for, one cue (kind ``condition``) per condition named."""
    subject: Mention | None
    subject_found_by: str
    negated: bool
    attribution: str | None
    """None in the publisher's own voice; else as a claim's (``attribution_on_page``)."""

    @property
    def kind(self) -> str:
        return self.cue.kind

    @property
    def publisher_voice(self) -> bool:
        return self.attribution in PUBLISHERS_OWN

    def explain(self) -> dict:
        return {
            "use_words": self.cue.text,
            "wording": self.kind,
            "conditions": [c.text for c in self.conditions],
            "subject": self.subject.as_dict() if self.subject else None,
            "subject_found_by": self.subject_found_by,
            "attribution": self.attribution or "publisher's voice",
        }


def find_uses(document, interventions: Interventions) -> list[Use]:
    """Every use a document's sentences present a treatment for, in text order."""
    text = document.text
    indication = document.cues(USE_INDICATION, "indication")
    benefit = document.cues(USE_BENEFIT, "benefit")
    fronted = document.cues(USE_FRONTED, "benefit")
    found: list[Use] = []
    for index, sentence in enumerate(document.sentences):
        if is_readers_question(text, sentence.start, sentence.end):
            continue  # "Can my doctor prescribe Ozempic for PCOS?": the reader asks; the answer decides
        mentions = interventions.within(sentence.start, sentence.end)
        after_names = dict(_for_after_names(text, mentions, sentence.end))
        cues = _without_overlaps([*indication[index], *after_names, *_supplied_to(text, sentence), *benefit[index]])
        block = document.blocks[sentence.block]
        for cue, following in zip(cues, [*cues[1:], None]):
            if text[cue.start - 1:cue.start] == "-" or _not_a_predicate(text, cue, sentence.start):
                continue
            # the next use's words end this one's conditions ("tames X and melts Y"); a "help"
            # whose verb is the next cue ("help treat X") reads on past it
            reach = following.start if following is not None and following.start > _after_filler(text, cue.end, sentence.end) \
                else sentence.end
            conditions = conditions_after(text, cue.end, reach) or _asked_before(document, index, cue)
            if not conditions or _PREVENTED_FROM.match(text, conditions[-1].end):
                continue  # "prevents the virus from entering cells": not a condition
            if found and found[-1].sentence == index and found[-1].conditions == conditions:
                found[-1].cue = _joined(text, found[-1].cue, cue)  # "might help treat X": one use
                continue
            named = after_names.get(cue)
            if named is not None and (not is_aside(text, sentence.start, named.start)
                                      or _WITH_BEFORE.search(text, sentence.start, named.start)):
                subject, found_by = named, "named"  # "go home with Zubsolv for your pain": the name before "for"
            else:
                subject, found_by = _subject(text, sentence.start, cue.start, interventions)
            found.append(Use(
                index, cue, conditions, subject, found_by,
                negated=_negated(text, cue.start, sentence.start),
                attribution=attribution_on_page(text, sentence.start, sentence.end, cue.start, block.kind, block.start),
            ))
        for cue in fronted[index]:
            conditions = conditions_after(text, cue.end, sentence.end, label=cue.text.rstrip().endswith(":"))
            subject, found_by = interventions.subject_in(text, sentence.start, sentence.end, cue.start)
            if conditions and subject is not None:
                found.append(Use(
                    index, cue, conditions, subject, found_by, negated=_negated(text, cue.start, sentence.start),
                    attribution=attribution_on_page(text, sentence.start, sentence.end, cue.start, block.kind, block.start),
                ))
        for mention, result, conditions in _results(text, sentence, mentions):
            found.append(Use(
                index, result, conditions, mention, "named", negated=_negated(text, result.start, sentence.start),
                attribution=attribution_on_page(text, sentence.start, sentence.end, result.start, block.kind, block.start),
            ))
        for mention, noun, use in _programmes(text, mentions, sentence.end):
            found.append(Use(
                index, noun, [use], mention, "named", negated=_negated(text, mention.start, sentence.start),
                attribution=attribution_on_page(text, sentence.start, sentence.end, mention.start, block.kind, block.start),
            ))
    return sorted(found, key=lambda use: min(use.cue.start, use.conditions[0].start))


def _negated(text: str, cue_start: int, sentence_start: int) -> bool:
    """The claim analysis's negation, except a "without" that belongs to a noun before the use
    ("patients without diabetes use it to...")."""
    if not is_negated(text, cue_start, sentence_start):
        return False
    before = text[max(sentence_start, cue_start - NEGATION_REACH):cue_start]
    words = [m.group().lower() for m in NEGATION.finditer(before)]
    return not words or any(word != "without" for word in words) or bool(_WITHOUT_RIGHT_BEFORE.search(before))


def _asked_before(document, index: int, cue: Cue) -> list[Cue]:
    """"Struggling with chronic pain? Zubsolv can help.": a use that ends its sentence takes its
    conditions from a question just before it that names them."""
    text = document.text
    sentence = document.sentences[index]
    if index == 0 or text[cue.end:sentence.end].strip(" .!") or document.sentences[index - 1].block != sentence.block:
        return []
    question = document.sentences[index - 1]
    asked = _ASKING.match(text, question.start, question.end)
    if asked is None or not text[question.start:question.end].rstrip().endswith("?"):
        return []
    return conditions_after(text, asked.end(), question.end)


def _joined(text: str, first: Cue, second: Cue) -> Cue:
    """Two cues of one use as one, with the stronger wording ("help" + "treat": indication)."""
    kind = "indication" if "indication" in (first.kind, second.kind) else "benefit"
    return Cue(first.start, second.end, text[first.start:second.end], kind)


def _not_a_predicate(text: str, cue: Cue, sentence_start: int) -> bool:
    """"works by preventing", "a new way of treating": a mechanism or a noun, not what the
    subject is used for. ("Zubsolv-treated patients" is caught by the hyphen.)"""
    before = _PREPOSITION_BEFORE.search(text, max(sentence_start, cue.start - 6), cue.start)
    return before is not None and (before.group(1).lower() == "by" or cue.text.split()[0].lower().endswith("ing"))


def conditions_after(text: str, start: int, end: int, *, label: bool = False) -> list[Cue]:
    """The conditions named in ``text[start:end]`` right after a use's words (see the module's doc);
    after a label ("Good for: hot flashes, night sweats") commas alone separate a list."""
    start = _after_filler(text, start, end)
    clause_end = _CLAUSE_END.search(text, start, end)
    stop = clause_end.start() if clause_end else end
    separators = list(_CONJUNCTION.finditer(text, start, stop))
    if not label and not _AND_OR.search(text, start, stop):  # "X, the FDA said": a comma alone ends the list
        stop = next((m.start() for m in separators if "," in m.group()), stop)
        separators = [m for m in separators if m.start() < stop]
    pieces: list[Cue] = []
    before_comma: int | None = None  # how many pieces came before the first comma
    position = start
    for separator in [*separators, None]:
        piece = _condition_in(text, position, separator.start() if separator else stop)
        if piece is _CLAUSE:  # "A, the FDA and others said": not a list after all
            return _complete_ellipsis(pieces[:before_comma])
        if piece is not None:
            pieces.append(piece)
        if separator is None:
            break
        if before_comma is None and "," in separator.group():
            before_comma = len(pieces)
        position = separator.end()
    return _complete_ellipsis(pieces)


_CLAUSE = Cue(0, 0, "", "clause")
_OF_PHRASE = re.compile(r"\s+of\s+.+$", re.I)
_SHARED_HEAD = re.compile(r"cancers?|diseases?|disorders?|infections?|tumou?rs?|syndromes?|failure|pain|carcinomas?|arthritis", re.I)


def _condition_in(text: str, start: int, end: int) -> Cue | None:
    """One piece of a list after a use as a condition, None when it names none, ``_CLAUSE`` when it is a clause."""
    if _VERB_LIKE.search(text, start, end):
        return _CLAUSE
    start = _after_filler(text, start, end)
    piece = text[start:end].rstrip()
    trailing = _TRAILING_POPULATION.search(piece)
    if trailing and trailing.start() > 0:  # "stroke victims": stroke
        piece = piece[:trailing.start()]
    words = piece.split()
    if (not words or len(words) > MAX_CONDITION_WORDS or _NOT_A_CONDITION.match(piece) or piece.lower() in _NOT_CONDITION_WORDS
            or (len(words) == 1 and piece.lower().endswith("ly"))):  # "let it dissolve completely"
        return None
    return Cue(start, start + len(piece), piece, "condition")


def _after_filler(text: str, start: int, end: int) -> int:
    """Where a condition's name starts: after spaces and opening quotes, "to ease", "people with", "the"…"""
    before = -1
    while start != before:  # "the “food noise”": filler, then a quote
        before = start
        while start < end and (text[start].isspace() or text[start] in "\"“‘'"):
            start += 1
        for leading in (_LEADING_VERB, _LEADING_FILLER):
            filler = leading.match(text, start, end)
            if filler:
                start = filler.end()
    return start


def _complete_ellipsis(pieces: list[Cue]) -> list[Cue]:
    """One-word pieces before a last piece of several words share its head or its "of" phrase:
    "lung, kidney and brain cancer" (lung cancer, kidney cancer); "the restlessness, aches and
    yawning of opioid withdrawal" (restlessness of opioid withdrawal...)."""
    if len(pieces) < 2 or len(pieces[-1].text.split()) < 2 or any(" " in p.text for p in pieces[:-1]):
        return pieces
    last = pieces[-1].text
    of_phrase = _OF_PHRASE.search(last)
    if of_phrase:
        shared = of_phrase.group()
    elif _SHARED_HEAD.fullmatch(last.split()[-1]):
        shared = " " + last.split()[-1]
    else:
        return pieces
    return [Cue(p.start, p.end, p.text + shared, "condition") for p in pieces[:-1]] + [pieces[-1]]


def _subject(text: str, sentence_start: int, predicate: int, interventions: Interventions) -> tuple[Mention | None, str]:
    """What a use at ``predicate`` is about: the nearest treatment named before it that is not an
    aside ("unlike Zubsolv", "such as naltrexone"), else a reference ("the drug"), else a pronoun
    standing for the page's main treatment. In a relative clause ("X, which treats Y") it is the
    treatment named before the clause."""
    relative = _RELATIVE.search(text, sentence_start, predicate)
    if relative:  # "gabapentin, which treats nerve pain": the treatment the clause hangs on, aside or not
        return interventions.subject_in(text, sentence_start, relative.start(), relative.start(), after=False)
    return interventions.subject_in(text, sentence_start, predicate, predicate, after=False,
                                    candidate=lambda mention: not is_aside(text, sentence_start, mention.start))


def is_aside(text: str, sentence_start: int, start: int) -> bool:
    """Whether the treatment named at ``start`` is an aside ("unlike Zubsolv", "such as
    naltrexone"), not the subject of what follows."""
    return bool(_ASIDE.search(text, max(sentence_start, start - 20), start))


def _for_after_names(text: str, mentions: list[Mention], sentence_end: int) -> list[tuple[Cue, Mention]]:
    """"for" right after a named treatment ("Ozempic for weight loss"), with that treatment."""
    found = []
    for mention in mentions:
        if not mention.specific:
            continue
        match = _NAME_THEN_FOR.match(text, mention.end)
        if match and match.end(1) <= sentence_end:
            found.append((Cue(match.start(1), match.end(1), match.group(1), "benefit"), mention))
    return found


def _supplied_to(text: str, sentence) -> list[Cue]:
    """The "to" of "offering Ozempic to patients with…" (indication wording) or of "turning to
    Zubsolv to…" (benefit wording); see ``_SUPPLIED_TO``."""
    found = []
    for match in _SUPPLIED_TO.finditer(text, sentence.start, sentence.end):
        group = "cue" if match.group("cue") else "turned"
        found.append(Cue(match.start(group), match.end(group), match.group(group), "indication" if group == "cue" else "benefit"))
    return found


def _results(text: str, sentence, mentions: list[Mention]) -> list[tuple[Mention, Cue, list[Cue]]]:
    """A sentence about taking a named treatment ("after six weeks on Zubsolv", "thank you Ozempic")
    that reports a condition resolved ("my back pain was gone") or weight lost ("down 22 lbs"):
    (the treatment, the result's words as the use's, the conditions). A testimonial of a result
    presents the treatment for it."""
    taken = [m for m in mentions if m.specific and _ON_TREATMENT.search(text, max(sentence.start, m.start - 12), m.start)]
    if not taken:
        return []
    found = []
    for lost in _WEIGHT_LOST.finditer(text, sentence.start, sentence.end):
        found.append((taken[0], Cue(lost.start(), lost.end(), lost.group(), "result"),
                      [Cue(lost.start(), lost.end(), lost.group(), "condition")]))
    for resolved in _RESOLVED.finditer(text, sentence.start, sentence.end):
        clause = _RESULT_START.match(text, sentence.start, resolved.start())
        start = max([sentence.start, clause.end() if clause else 0,
                     *(m.end for m in taken if m.end <= resolved.start())])  # "on Zubsolv my cravings were gone"
        conditions = conditions_after(text, start, resolved.start())
        if conditions:
            cue = resolved.start("cue"), resolved.end("cue")
            found.append((taken[0], Cue(*cue, text[slice(*cue)], "result"), conditions))
    return found


def _programmes(text: str, mentions: list[Mention], sentence_end: int) -> list[tuple[Mention, Cue, Cue]]:
    """A programme named after a treatment and a use ("our Ozempic weight-loss programme"):
    (the treatment, the programme's noun as the use's words, the use as its condition)."""
    found = []
    for mention in mentions:
        named = _NAME_THEN_PROGRAMME.match(text, mention.end) if mention.specific else None
        if named and named.end() <= sentence_end:
            found.append((mention, Cue(named.start("noun"), named.end("noun"), named.group("noun"), "benefit"),
                          Cue(named.start("use"), named.end("use"), named.group("use"), "condition")))
    return found


def _without_overlaps(cues: list[Cue]) -> list[Cue]:
    """Cues in text order; where two overlap, the first listed (indication wording) wins."""
    chosen: list[Cue] = []
    for cue in cues:
        if not any(c.start < cue.end and cue.start < c.end for c in chosen):
            chosen.append(cue)
    return sorted(chosen, key=lambda c: c.start)

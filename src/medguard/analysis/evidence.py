"""Evidence near a claim: links to journals and registries, DOIs, PubMed and trial ids,
author-year citations, named studies with journal and year, footnotes with a reference list,
and quantified results (numbers, comparators, sample sizes)."""

from __future__ import annotations

from dataclasses import dataclass

import re

from ..ingest.base import Link
from .cues import CITATION, ESTABLISHMENT, EVIDENCE_URL, QUANTIFIED, words
from .spans import SpanIndex

_REFERENCE_LIST_HEADING = words(r"references", r"sources", r"citations", r"bibliography", r"further reading", r"notes", r"studies cited")
_FOOTNOTE = re.compile(
    r"\[\d{1,3}(?:[,–-]\d{1,3})*\]"
    r"|(?:(?<=[a-z)])|(?<=[a-z)][.,;]))(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)(?=[\s,.;]|$)(?!\s*(?:mg|%|percent|years?|months?|weeks?|days?|hours?|patients|people))"
)
"""A footnote marker: [3], [2,5], or 12 or ¹² right after a word (not the decimals of "5.5 billion")."""

IDENTIFIABLE = frozenset({"link", "citation", "footnote"})
"""Evidence kinds that name a source a reader can check."""


@dataclass(slots=True, frozen=True)
class EvidenceItem:
    start: int
    end: int
    kind: str
    """link (to a journal, PubMed, a registry, a regulator), citation (DOI, PMID, NCT, author-year,
    journal and year, named trial), footnote (with a reference list), or quantified (a number,
    comparator or sample size)."""
    text: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}


def _heads_reference_list(text: str, block) -> bool:
    """A heading, or a line of its own, that names a reference list ("References", "Sources:")."""
    if block.kind == "heading":
        return bool(_REFERENCE_LIST_HEADING.search(text, block.start, block.end))
    return bool(_REFERENCE_LIST_HEADING.fullmatch(text[block.start:block.end].strip().rstrip(":")))


def find_evidence(text: str, links: list[Link], blocks) -> SpanIndex[EvidenceItem]:
    items = [EvidenceItem(link.start, link.end, "link", link.href) for link in links if EVIDENCE_URL.search(link.href)]
    items.extend(EvidenceItem(m.start(), m.end(), "citation", m.group()) for m in CITATION.finditer(text))
    items.extend(EvidenceItem(m.start(), m.end(), "link", m.group()) for m in re.finditer(r"https?://\S+", text) if EVIDENCE_URL.search(m.group()))
    if any(_heads_reference_list(text, b) for b in blocks):
        items.extend(EvidenceItem(m.start(), m.end(), "footnote", m.group()) for m in _FOOTNOTE.finditer(text))
    sourced = _STUDY_CONTEXT.search(text) is not None
    items.extend(EvidenceItem(m.start(), m.end(), "quantified", m.group()) for m in QUANTIFIED.finditer(text)
                 if not _promised(text, m) and (sourced or not _BARE_FIGURE.match(m.group())))
    return SpanIndex(items)


_BARE_FIGURE = re.compile(r"\d")
"""A quantified item that opens with a number ("97%", "9 out of 10 adults"), not a study design, a
comparator or a statistic's name ("randomized", "compared with placebo", "n = 300")."""
_STUDY_CONTEXT = re.compile(
    r"\b(?:stud(?:y|ies)|trials?|research(?:ers?)?|data|surveys?|analys[ie]s|participants|volunteers|enrolled|cohort|"
    r"published|journal|placebo|control group|scientists|investigators|compared (?:with|to)|versus|vs)\b", re.I)
"""Words that say where a page's figures come from. On a page without any, a bare figure is part of
the claim ("Ozempic works for 9 out of 10 adults"), not its evidence."""


def _promised(text: str, figure: re.Match) -> bool:
    """A figure that is part of the promise, not a result: a share of the publisher's own customers,
    a head count of them, a figure from its own survey, a ceiling sold to the reader, "100% safe",
    or a figure the sentence says is proven without naming the proof ("scientifically proven to
    boost collagen production by 200%")."""
    if _OWN_CUSTOMERS.match(text, figure.end()) or _CEILING.search(text, max(0, figure.start() - 60), figure.start()):
        return True
    if _PROMISE_AFTER.match(text, figure.end()) and figure.group().startswith("100"):
        return True
    before = max(0, figure.start() - 100)
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, before, figure.start())), default=before)
    if _PEOPLE_COUNT.match(figure.group()):
        after = _SENTENCE_END.search(text, figure.end())
        sentence = text[sentence_start:after.start() if after else len(text)]
        if _PUBLISHERS_OWN.search(sentence) and not _STUDY_CONTEXT.search(sentence):
            return True
    return (ESTABLISHMENT.search(text, sentence_start, figure.start()) is not None or _OWN_USERS_SUBJECT.match(text, sentence_start) is not None
            or _OWN_SURVEY.search(text, sentence_start, figure.start()) is not None)


_OWN_SURVEY = re.compile(r"\b(?:our|my)\s+(?:(?:own|latest|recent|internal|\d{4})\s+)*(?:(?:customer|client|user|member|reader|patient|"
                         r"follower|community)s?\s+(?:surveys?|polls?|questionnaires?|feedback|study|studies)|surveys?|polls?|questionnaires?)\b",
                         re.I)
"""Before a figure: the publisher's own survey or poll ("In our 2023 customer survey, 94% of
wearers said…"), a testimonial in figures, which substantiates nothing (FTC: consumer perception
is not evidence of efficacy)."""
_PEOPLE_COUNT = re.compile(r"\d[\d,]*\s+[a-z]")
"""A figure that counts people ("15,000 men"), not a rate."""
_PUBLISHERS_OWN = re.compile(r"\bour\s+(?:[\w-]+\s+)?(?:clinics?|cent(?:er|re)s?|practice|team|surgeons|doctors|patients|clients|customers|"
                             r"members)\b|\bwith us\b|\bwe(?:['’]ve| have)\s+(?:treated|helped|served)\b", re.I)
"""In a sentence that counts people without a study: the publisher's own customers ("Over 15,000
men and women have walked out of our clinic with their confidence restored"), a testimonial in
figures."""


_OWN_CUSTOMERS = re.compile(
    r"\s+(?:of\s+(?:our|my|their|its|[A-Z][\w'’-]+['’]s?)\s+(?:\w+\s+)?|of\s+)?(?:customers|clients|users|members|buyers|shoppers|reviewers|wearers|"
    r"patients\s+(?:say|said|report\w*|tell|rate\w*|love|recommend))\b|\s+of\s+(?:our|my)\s+(?:\w+\s+)?patients\b")
"""After a percentage: a share of the publisher's own customers or patients ("95% of our patients
report lasting relief", "93% of customers"), a testimonial in figures, not a study result."""

_OWN_USERS_SUBJECT = re.compile(r"\s*(?:(?:our|most|many|all|typical)\s+)?(?:users|customers|clients|members|buyers|readers|wearers)\b"
                                r"|\s*(?:our|my)\s+(?:\w+\s+)?patients\b", re.I)
"""A sentence about the publisher's own users ("Users lower their A1c by an average of 1.2
points in just 90 days"): its figures are a testimonial, not a study's result."""
_CEILING = re.compile(r"\b(?:lose|shed|drop|burn|cut|see|get|save)\s+(?:up to|as much as)\s+$"
                      r"|\b(?:tightens?|lifts?|firms?|reduces?|boosts?|improves?|increases?|cuts?)\s+(?:[\w-]+\s+){0,3}?by\s+(?:up to|as much as)\s+$"
                      r"|\b(?:unlock|enjoy|experience|kills?)\s+(?:up to\s+|as much as\s+)?$", re.I)
"""Before a figure: a ceiling promised to the reader ("Lose up to 20% of your body weight", "tightens
loose skin by up to 40%", "Unlock 40% sharper focus", "kills 99.9% of the bacteria"), not a result ("cured up to 90 percent of children in the trial" is one)."""
_PROMISE_AFTER = re.compile(r"\s*(?:safe|natural|effective|guaranteed|pure|organic|drug-free|painless|risk-free|satisfaction)\b", re.I)
"""After "100%": a promise ("100% safe for enamel"), not a result."""
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")

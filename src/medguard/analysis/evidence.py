"""Evidence near a claim: links to journals and registries, DOIs, PubMed and trial ids,
author-year citations, named studies with journal and year, footnotes with a reference list,
and quantified results (numbers, comparators, sample sizes)."""

from __future__ import annotations

from dataclasses import dataclass

import re

from ..ingest.base import Link
from .cues import CITATION, EVIDENCE_URL, QUANTIFIED, words
from .spans import SpanIndex

_REFERENCE_LIST_HEADING = words(r"references", r"sources", r"citations", r"bibliography", r"further reading", r"notes", r"studies cited")
_FOOTNOTE = re.compile(r"(?<=[a-z.,;)])(?:\[\d{1,3}\]|\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)(?=[\s,.;]|$)")

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


def find_evidence(text: str, links: list[Link], blocks) -> SpanIndex[EvidenceItem]:
    items = [EvidenceItem(link.start, link.end, "link", link.href) for link in links if EVIDENCE_URL.search(link.href)]
    items.extend(EvidenceItem(m.start(), m.end(), "citation", m.group()) for m in CITATION.finditer(text))
    items.extend(EvidenceItem(m.start(), m.end(), "link", m.group()) for m in re.finditer(r"https?://\S+", text) if EVIDENCE_URL.search(m.group()))
    if any(b.kind == "heading" and _REFERENCE_LIST_HEADING.search(text, b.start, b.end) for b in blocks):
        items.extend(EvidenceItem(m.start(), m.end(), "footnote", m.group()) for m in _FOOTNOTE.finditer(text))
    items.extend(EvidenceItem(m.start(), m.end(), "quantified", m.group()) for m in QUANTIFIED.finditer(text))
    return SpanIndex(items)

"""Sections of a page by what their headings announce: its risks ("Side effects", "Warnings:")
and what a medicine is for ("What is apixaban used for?")."""

from __future__ import annotations

import re

from .cues import RISK_HEADING

_INDICATION_HEADING = re.compile(r"\s*(?:\d+[.)]\s*)?(?:(?:what|why)\b[^?\n]{0,80}?\b(?:used\s+(?:for|to\s+treat)|prescribed|given|recommended|offered)|uses?\b|indications?\b)", re.I)
_BENEFIT_HEADING = re.compile(r"\b(?:benefits?|results?|advantages?|why)\b", re.I)


def heads_risks(text: str, block) -> bool:
    """A heading that names risks, or a line of its own that labels what follows ("**Warnings**",
    "Side effects:", as a Drug Facts label sets them): the rest of its section is a risk section."""
    if block.kind == "heading":
        return bool(RISK_HEADING.search(text, block.start, block.end))
    return block.end - block.start <= 40 and bool(RISK_HEADING.fullmatch(text[block.start:block.end].strip().rstrip(":")))


def risk_sections(document, *, with_benefits: bool = True) -> list[tuple[int, int]]:
    """(start, end) of each stretch a risk heading or label heads: a heading's section with its
    subsections ("Possible side effects" over "Common" and "Get medical help straight away if…"),
    or a label line to the end of its section. ``with_benefits=False`` leaves out a heading that
    weighs risks against benefits ("Benefits and risks")."""
    text = document.text
    return [_with_subsections(document, i) if b.kind == "heading" else (b.start, document.unit_span(b.start, "section")[1])
            for i, b in enumerate(document.blocks) if heads_risks(text, b)
            and (with_benefits or not _BENEFIT_HEADING.search(text, b.start, b.end))]


def _with_subsections(document, index: int) -> tuple[int, int]:
    """The section of the heading at ``index``, running on over the lower-level headings under it
    (not for a level-1 heading: a page's own title heads all of it)."""
    heading = document.blocks[index]
    start, end = document.unit_span(heading.start, "section")
    if heading.level < 2:
        return start, end
    for block in document.blocks[index + 1:]:
        if block.kind == "heading" and 0 < block.level <= heading.level:
            break
        end = block.end
    return start, end


def indication_sections(document) -> frozenset[int]:
    """Where the sections of a leaflet that says what the medicine is for start ("What is apixaban
    and why have I been prescribed it?", "What X is used for"): their benefit words state its
    licensed uses. Only on a page with a section on its risks ("Side effects"), as a leaflet has."""
    text = document.text
    headings = [b for b in document.blocks if b.kind == "heading"]
    if not any(heads_risks(text, b) for b in headings):
        return frozenset()
    return frozenset(b.start for b in headings if _INDICATION_HEADING.match(text, b.start, b.end))

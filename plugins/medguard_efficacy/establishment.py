"""``type: establishment-claim`` — "studies show", "clinically proven": a promise of evidence
with no identifiable source (link, citation, footnote) within the window."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from medguard import IDENTIFIABLE, Detection, RuleType


class EstablishmentOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    window: Literal["sentence", "block", "section", "document"] = Field("block", description="Where the promised source must appear.")


class EstablishmentClaim(RuleType):
    name = "establishment-claim"
    category = "unsupported-efficacy"
    description = "Phrases that promise evidence ('studies show', 'clinically proven') without naming it."
    Options = EstablishmentOptions

    def check(self, document):
        window_name = self.options.window
        evidence = document.annotation("evidence")
        for cue in document.annotation("establishment"):
            if not self.in_scope(document, cue.start):
                continue
            # "Proven results" over a section that names its trial: a heading's evidence is its section's
            heading = document.block_at(cue.start).kind == "heading" and window_name in ("sentence", "block")
            searched = "section" if heading else window_name
            window = document.unit_span(cue.start, "document" if cue.kind == "establishment-definite" else searched)
            if any(e.kind in IDENTIFIABLE for e in evidence.within(*window)):
                continue
            yield Detection(
                cue.start, cue.end,
                message=f"“{cue.text}” promises evidence but names no study, link or citation in the same {searched}.",
                confidence=0.85,
                explanation={"phrase": cue.text, "evidence_searched": {"window": searched, "span": list(window),
                                                                      "accepted": sorted(IDENTIFIABLE), "found": []}},
                suggestion=f"Name what “{cue.text}” refers to (authors or trial name, journal, year, or a link), or remove the phrase.",
            )

"""``type: absolute-language`` — cure, guaranteed, miracle, 100%, permanent: outcomes no
treatment can promise. Negated uses ("there is no cure") and disclaimers are not flagged."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from medguard import Detection, RuleType


class AbsoluteOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ignore: list[str] = Field(default_factory=list, description="Words to allow (lower case), e.g. ['permanent'] for hair-removal copy.")


class AbsoluteLanguage(RuleType):
    name = "absolute-language"
    category = "absolute-language"
    description = "Absolute outcome language: cure, guaranteed, miracle, 100%, permanent."
    Options = AbsoluteOptions

    def check(self, document):
        ignored = {w.lower() for w in self.options.ignore}
        for cue in document.annotation("absolutes"):
            if not self.in_scope(document, cue.start) or cue.text.lower() in ignored:
                continue
            yield Detection(
                cue.start, cue.end,
                message=f"“{cue.text}” promises an outcome no treatment can guarantee.",
                confidence=0.9,
                explanation={"absolute_words": cue.text, "not_negated": True, "not_a_disclaimer": True},
                suggestion="Say what the evidence shows and for whom (how many people improved, how much, for how long) "
                           "instead of promising a cure or a certain result.",
            )

"""medguard_register_analyzers + medguard_register_rule_types: an analyzer shared by two rules.

The analyzer finds exclamation-mark sentences once per document; the ``shouting`` rule type reads it.
"""

from pydantic import BaseModel, ConfigDict, Field

from medguard import Detection, RuleType, hookimpl

CALLS: list[str] = []
"""Documents the analyzer ran on (tests check it runs once per document, whatever the rules)."""


def exclamations(document):
    CALLS.append(document.text[:30])
    return [s for s in document.sentences if document.sentence_text(s).rstrip().endswith("!")]


class ShoutingOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_exclamations: int = Field(1, ge=1, description="Flag sentences only if the document has at least this many.")
    words: list[str] = Field(default_factory=list, description="Flag only sentences containing one of these words.")


class ShoutingRule(RuleType):
    name = "shouting"
    category = "tone"
    description = "Flags exclamation-mark sentences (hype) in health copy."
    Options = ShoutingOptions

    def check(self, document):
        found = document.annotation("exclamations")
        if len(found) < self.options.min_exclamations:
            return
        for sentence in found:
            text = document.sentence_text(sentence)
            hits = [w for w in self.options.words if w.lower() in text.lower()]
            if self.options.words and not hits:
                continue
            yield Detection(sentence.start, sentence.end, confidence=0.6,
                            explanation={"analyzer": "exclamations", "count": len(found), "words": hits})


@hookimpl
def medguard_register_analyzers():
    return {"exclamations": exclamations}


@hookimpl
def medguard_register_rule_types():
    return [ShoutingRule]

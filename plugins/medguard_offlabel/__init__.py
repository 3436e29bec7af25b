"""Off-label promotion: a product presented for a use its approval does not cover.

The policy lists each product it watches, with the names pages use for it, its approved
indications and, optionally, the off-label uses it is known to be promoted for. A use the page
presents the product for ("Zubsolv also treats chronic pain", "Ozempic for weight loss") is
compared with those lists word by word (letter case and plurals aside): an approved indication
passes; a listed off-label use is a finding whatever the wording; any other condition is a
finding when the wording says what the product is for (treats, is used or prescribed for, is
offered to people with), and by default not when it only says the product helps (relieves, helps
with) or reports a result ("my migraines are gone"), which as often names a symptom of an
approved indication ("relieves cravings").
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from medguard import Detection, LeafletOptions, RuleType, compile_phrases, find_all, hookimpl, is_aside, is_nickname, plain_phrase, promotes

__version__ = "0.1.0"

_WORD = re.compile(r"[a-z0-9]+")
_FILLER = frozenset({"the", "a", "an", "of", "and", "or", "to", "in", "with", "for", "from", "your", "their", "its", "this"})
_NAMED_IN_MESSAGE = 3
"""Approved indications a message names (the explanation lists them all)."""
_OPENING_PRONOUN = re.compile(r"\s*(?:it|they)\b", re.I)
_IT_BEFORE = re.compile(r"\bit\s+$", re.I)
_ANTECEDENT_BLOCKS = 2
"""How many paragraphs before a pronoun's own may name the product it stands for."""
_THE_PRODUCT = re.compile(r"(?:the|this|that)\s+(?:drug|medication|medicine|injection|shot|pill|tablet|product|vaccine|cream)s?", re.I)
"""A reference that stands for the page's product ("the drug"), not for any treatment ("a new drug")."""
_DOSE_FORM = re.compile(r"\b(?:one|a|an|your|this|that|each)\s+(?:[\w-]+\s+){0,2}?(?:shot|jab|pen|injection|tablet|pill|film|capsule)s?\b",
                        re.I)
"""A dose of an unnamed product as the subject ("What if one shot a week could…"): the page's product."""
_UNLISTED_AFTER = {"indication-wording": ("indication",), "any-wording": ("indication", "benefit", "result"), "never": ()}


def content_words(phrase: str) -> frozenset[str]:
    """The words that carry a condition's meaning, lower case, plurals made singular."""
    return frozenset(_singular(w) for w in _WORD.findall(phrase.lower()) if w not in _FILLER)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _normal(name: str) -> str:
    """A name as a key, as a phrase list's hit names it (lower case, plain apostrophes and hyphens)."""
    return plain_phrase(name).lower()


class Product(BaseModel):
    model_config = ConfigDict(extra="forbid")

    names: list[str] = Field(min_length=1, description="What pages call it: brand, generic, product line ('Zubsolv', 'buprenorphine and naloxone').")
    indications: list[str] = Field(
        min_length=1, description="Its approved uses, as a page would name them ('opioid dependence', 'opioid use disorder').")
    off_label: list[str] = Field(
        default_factory=list,
        description="Uses it is promoted for without approval ('weight loss', 'lose weight'): a finding after any wording, 'helps with' included.")

    @cached_property
    def indication_words(self) -> list[frozenset[str]]:
        return [w for w in map(content_words, self.indications) if w]

    @cached_property
    def off_label_words(self) -> list[tuple[str, frozenset[str]]]:
        return [(phrase, words) for phrase in self.off_label if (words := content_words(phrase))]

    def approved_for(self, condition: str) -> bool:
        """An approved indication names the condition, or the condition is a vaguer name for one
        ("severe opioid dependence" and "dependence" both for "opioid dependence")."""
        words = content_words(condition)
        return any(approved <= words or words <= approved for approved in self.indication_words)

    def listed_off_label(self, condition: str) -> str | None:
        """The most specific listed off-label use the condition names ("chronic pain" before "pain")."""
        words = content_words(condition)
        matches = [(len(listed), phrase) for phrase, listed in self.off_label_words if listed <= words]
        return max(matches)[1] if matches else None


class OffLabelOptions(LeafletOptions):
    products: list[Product] = Field(min_length=1, description="The products to watch, each with its approved indications.")
    unlisted: Literal["indication-wording", "any-wording", "never"] = Field(
        "indication-wording",
        description="When a condition that is neither approved nor listed as off-label is a finding: after wording that says what the "
                    "product is for (treats, used for), after any wording (helps with, relieves too), or never.")
    pages: Literal["all", "promotional"] = Field(
        "all", description="Which pages to check: all (patient leaflets aside, see include_leaflets), or only those that "
        "promote (sell to their reader, or an issuer's own press release), leaving news stories, which report uses, alone too.")
    include_attributed: bool = Field(
        True, description="Also flag uses in quotes and testimonials (the publisher chose to print them). A customer's "
        "testimonial on a page that sells, and a quote in a press release, are flagged either way: the page's own claims.")


class OffLabelPromotion(RuleType):
    name = "off-label"
    category = "off-label"
    description = "A listed product presented for a use outside its approved indications."
    Options = OffLabelOptions

    @cached_property
    def _names(self):
        """Every product's names as one phrase pattern (one scan of a page, however many products),
        and every name to its product."""
        options: OffLabelOptions = self.options
        by_name = {_normal(name): product for product in options.products for name in product.names}
        return compile_phrases(list(by_name)), by_name

    def check(self, document):
        options: OffLabelOptions = self.options
        if self.leaves_alone(document):
            return
        pattern, by_name = self._names
        hits = [(hit.start, hit.end, by_name[hit.pattern]) for hit in find_all(pattern, document.text)
                if not is_nickname(document.text, hit.start)]
        if not hits or (options.pages == "promotional" and not promotes(document.text)):
            return
        interventions = document.annotation("interventions")
        main_product = self._main_product(interventions, by_name)
        for use in document.annotation("uses"):
            if use.negated or not self.in_scope(document, use.cue.start):
                continue
            if not use.publisher_voice and not options.include_attributed:
                continue
            product = self._product_of(document, use, hits, by_name, main_product)
            if product is None:
                continue
            flagged, listed = [], []
            for condition in use.conditions:
                if product.approved_for(condition.text):
                    continue
                phrase = product.listed_off_label(condition.text)
                if phrase is not None:
                    listed.append(phrase)
                elif use.kind not in _UNLISTED_AFTER[options.unlisted]:
                    continue
                flagged.append(condition)
            if not flagged:
                continue
            named = " and ".join(f"“{c.text}”" for c in flagged)
            approved = ", ".join(product.indications[:_NAMED_IN_MESSAGE]) + (", …" if len(product.indications) > _NAMED_IN_MESSAGE else "")
            yield Detection(
                min(use.cue.start, flagged[0].start), max(use.cue.end, flagged[-1].end),
                message=f"Off-label use: presents {product.names[0]} for {named}, "
                        f"{'which is' if len(flagged) == 1 else 'which are'} not among its approved indications ({approved}).",
                confidence=0.9 if listed else 0.75 if use.kind == "indication" else 0.6,
                explanation={
                    "product": product.names[0],
                    "use": use.explain(),
                    "approved_indications": product.indications,
                    "off_label_conditions": [c.text for c in flagged],
                    "listed_as_off_label": listed,
                },
                suggestion=f"Present {product.names[0]} only for its approved indications ({approved}); a use outside them "
                           "may be discussed in scientific exchange, not promoted.",
                key=f"{_normal(product.names[0])}|{'|'.join(_normal(c.text) for c in flagged)}",
            )

    def _product_of(self, document, use, hits, by_name, main_product):
        """The watched product a use is about: its subject when that is one of the product's names;
        one named between the subject and the use (the analysis may not know the product's name);
        with no subject, one named before the use in the sentence, else the page's main treatment
        when a dose stands for it ("one shot a week could…"); for "it" or "they" opening the
        sentence or right before the use ("prescribe it for"), or a subject like "the drug", the
        page's main treatment when that is a watched product."""
        sentence = document.sentences[use.sentence]
        nearest = None
        for start, end, product in hits:
            if start >= use.cue.start:
                break
            if start >= sentence.start and end <= use.cue.start and not is_aside(document.text, sentence.start, start):
                nearest = (end, product)
        subject = use.subject
        if subject is not None and subject.kind not in ("reference", "implied"):
            if _normal(subject.text) in by_name:
                return by_name[_normal(subject.text)]
            return nearest[1] if nearest is not None and nearest[0] >= subject.end else None
        if nearest is not None:
            return nearest[1]
        if subject is None:
            return main_product if _DOSE_FORM.search(document.text, sentence.start, use.cue.start) else None
        if subject.kind == "implied":  # "It is also used for…", "we prescribe it for…"
            stands_for_main = (_OPENING_PRONOUN.match(document.text, sentence.start, use.cue.start)
                               or _IT_BEFORE.search(document.text, sentence.start, use.cue.start))
        else:
            stands_for_main = _THE_PRODUCT.fullmatch(subject.text)
        return main_product if stands_for_main and _named_shortly_before(document, sentence, hits, main_product) else None

    @staticmethod
    def _main_product(interventions, by_name):
        """The watched product that is the page's main treatment, if any."""
        if interventions.main is None:
            return None
        for mention in interventions:
            if mention.canonical == interventions.main and _normal(mention.text) in by_name:
                return by_name[_normal(mention.text)]
        return by_name.get(_normal(interventions.main))


def _named_shortly_before(document, sentence, hits, product) -> bool:
    """``product`` is named before ``sentence`` in its paragraph or the ``_ANTECEDENT_BLOCKS``
    before it: where "it" or "the drug" can still mean it (a news story that names Prozac once,
    paragraphs before "It is also being investigated for…", means another treatment)."""
    earliest = document.blocks[max(0, sentence.block - _ANTECEDENT_BLOCKS)].start
    return any(p is product and earliest <= start < sentence.start for start, _, p in hits)


@hookimpl
def medguard_register_rule_types():
    return [OffLabelPromotion]

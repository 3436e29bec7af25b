"""Intervention mentions: drugs (generic and brand, normalised), drug classes, "other
treatments", products and procedures the document names, and terms a policy adds."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import re

from .cues import PRODUCT_NOUN, words
from .lexicon import TermMatcher, load_drug_lexicon
from .spans import SpanIndex
from .voice import sells_to_reader

_NOVEL_DRUG_SUFFIXES = (
    "mab", "tinib", "nib", "glutide", "patide", "reotide", "gliflozin", "gliptin", "pril", "sartan", "olol", "prazole", "statin",
    "cillin", "mycin", "floxacin", "dipine", "parin", "xaban", "gatran", "setron", "triptan", "afil", "lukast", "dronate", "zepam",
    "zolam", "oxetine", "triptyline", "vudine", "navir", "previr", "tegravir", "ciclovir", "mide", "zodone", "peridone", "piprazole",
    "lamide", "caine", "profen", "coxib", "terol", "sonide", "metasone", "glipron", "gepant", "tide",
)
"""International nonproprietary name stems: a word ending in one is very likely a drug, even a new one."""
_WORD = re.compile(r"(?<![\w-])[A-Za-z]{6,}(?![\w-])")
_NOT_DRUGS = frozenset({"amide", "polyamide", "bromide", "chloride", "fluoride", "cocaine", "peptide", "cyanide", "oxide",
                        "cholesterol", "phytosterol", "polypeptide", "dipeptide", "tripeptide", "nucleotide", "oligonucleotide",
                        "riptide", "yuletide", "eventide"})
# The patterns below start with the capital and look behind it, ``[A-Z](?<![\w-].)``, rather than
# ``(?<![\w-])[A-Z]``: a pattern that starts with a character class lets ``re`` skip to the
# capitals, where one that starts with a look-behind is tried at every position (2-4x slower).
_CAMEL_CASE = re.compile(r"[A-Z](?<![\w-].)[a-z]+[A-Z][A-Za-z]*(?:\s?(?:Plus|Max|XR|ER|Pro))?(?![\w-])")
"""Brand-style names with an inner capital (SlimRx, CalmRoot, FlexiJoint Plus)."""
_PUBLISHERS = frozenset({
    "HealthDay", "FoxNews", "WebMD", "BuzzFeed", "YouTube", "EurekAlert", "MedPage", "MedlinePlus", "PubMed", "MedicineNet",
    "HuffPost", "TechCrunch", "LinkedIn", "PRNewswire", "BusinessWire", "GlobeNewswire", "MedicalXpress", "ScienceDaily",
})
"""News services and platforms with an inner capital: the page's source, not a product it promotes."""
_BENEFIT_VERBS = (r"(?:relieves|cures|lowers|reduces|boosts|melts|burns|restores|stops|eliminates|reverses|treats|heals|improves|"
                  r"balances|calms|clears|eases|erases|regrows|prevents|fights|beats|soothes|resolves|straightens|sharpens)")
_SUBJECT_VERB_AFTER = re.compile(rf"\s+(?:is|are|has|have|helps|works|contains|can|will|gives|delivers|offers|supports|provides|{_BENEFIT_VERBS})\b")
"""After a brand-style name used once: a verb it is the subject of ("CalmRoot is completely safe")."""
_NAME_SUBJECT = re.compile(rf"([A-Z](?<![\w-].)[a-z]{{3,}})\s+{_BENEFIT_VERBS}\b")
"""A one-word name, the subject of a benefit verb ("Calmly reduces anxiety"): a product when the
page also names it as a proper noun (``_proper_noun``). Not an acronym: HPV, COPD and PTSD open
claims too ("… against HPV prevents cancer")."""
_TITLES = re.compile(r"(?:Dr|Mr|Mrs|Ms|Prof|Professor)\.?\s+$")
"""Before a name: a person's title ("Dr. Ruiz treats scars" names a person, not a product)."""


def _proper_noun(name: str) -> re.Pattern[str]:
    """``name`` in running prose: after a lower-case word or a comma, before a lower-case word, a
    possessive or punctuation ("In a trial, Calmly's programme…"), not in a title-case heading."""
    return re.compile(rf"(?<=[a-z,;] ){re.escape(name)}(?=['’]s\b|\s+[a-z]|[,.;:!?)])")


_ASIDE = re.compile(r",\s*(?:made|formulated|packed|infused|enriched|blended|loaded|powered|crafted|combined|fortified)\s+"
                    r"(?:with|from)\b(?:[^,;:]|,(?=\d{3}))+,(?!\d{3})")  # "1,000 mg" inside it
"""An aside between a product and its verb that names its ingredients: they are not the subject."""
_CODE_SUBJECT = re.compile(r"\b([A-Z]{2,5}-\d{2,6})\s+(?i:heals|repairs|relieves|cures|reduces|boosts|restores|speeds|accelerates|melts|"
                           r"burns|lowers|improves|regenerates|rebuilds|eases|treats|stops|reverses|demonstrated|showed|achieved)\b")
"""A research compound's code name as the subject of a benefit verb ("BPC-157 heals tendons"): a
product the lexicon cannot know."""
_CONTRAST = r"(?i:unlike|compared (?:with|to)|instead of|rather than)\s[^,.;:!?]{2,80},\s+"
_CONTRAST_OPENING = re.compile(_CONTRAST)
"""A sentence's opening contrast ("Unlike antidepressants, "): what it names is the comparator,
never the subject of the claim that follows."""
_CONTRAST_SUBJECT = re.compile(
    _CONTRAST + r"([A-Z](?<![\w-].)[\w-]+(?:\s[A-Z][\w-]+){0,2})\s+"
    r"(?:is|are|has|have|works?|helps?|gives?|delivers?|relieves?|offers?|acts?|starts?|keeps?|lets?|causes?|won['’]t|doesn['’]t)\b")
"""A capitalised name opening the clause after a contrast ("Unlike antidepressants, Calmwise has
no side effects"): the product the page sets against the comparator."""
_COMPARATOR_BEFORE = re.compile(r"\b(?:unlike|than|compared (?:with|to)|versus|vs\.?|instead of|rather than)\s+(?:[\w-]+\s+){0,3}?$", re.I)
"""Before a name: it is what another treatment is compared with."""
_RELATIVE_AFTER = re.compile(r"\s*,?\s*(?:which|that|who)\b", re.I)
_PRODUCT_MARK = re.compile(r"([A-Z](?<![\w-].)[\w-]*(?:\s[A-Z][\w-]*){0,2})\s?(?:®|™|\(R\)|\(TM\))")
_BRAND_GENERIC = re.compile(r"([A-Z](?<![\w-].)[\w-]{2,})\s*\(([a-z][\w/ -]{3,40})\)")
_TREATMENT_HEADS = (r"(?:treatments?|therapy|therapies|program(?:me)?s?|medications?|medicines?|drugs?|procedures?|surgery|vaccines?|"
                    r"supplements?|formula|device|injections?|pills?|shots?|protocol|products?|remedy|approach|technique|implant|app|"
                    r"regimen|compound|molecule)")
REFERENCE = words(
    r"(?:our|this|the|these|your|a|an) (?:new |novel |innovative |experimental |investigational |proprietary |patented |unique |revolutionary |"
    r"\w+-based |gene |drug )?" + _TREATMENT_HEADS,
    r"(?:our|my) (?:[\w'’-]+ ){0,3}(?:apps?|compounds?|molecules?|" + PRODUCT_NOUN + ")",  # the publisher's own: "our IV therapy", "our app"
    r"(?:this|these) (?:creams?|gels?|ointments?|lotions?|sprays?|patch(?:es)?|tablets?|capsules?|inhalers?|infusions?)\b(?![’']s)",  # "This cream will…"
)
_ORGANISATION_AFTER = re.compile(r"(?:\s+[A-Z][\w-]+){0,2}\s+(?:Institute|Clinic|Cent(?:er|re)|Medical|Wellness|Spa|Pharmacy|Labs?|Hospital|"
                                 r"Group|Foundation|Pharmaceuticals?|Inc\b|LLC|Ltd)\b")
"""After a brand: the name of an organisation ("Renova Regenerative Institute"), not the drug."""
_NICKNAME_BEFORE = re.compile(r"(?:female|women['’]?s|pink|herbal|natural)\s+$", re.I)
"""Before a brand: another product's nickname ("'Female Viagra'", "herbal Viagra")."""
PRONOUN = words(r"it", r"they", r"this", r"these")
SPECIFIC_KINDS = frozenset({"generic", "brand", "product", "procedure", "policy"})


@dataclass(slots=True, frozen=True)
class Mention:
    start: int
    end: int
    text: str
    canonical: str
    kind: str
    """generic, brand, product, procedure or policy (a specific intervention); class; other (a vague field
    like "other treatments"); reference ("the treatment", "our program")."""

    @property
    def specific(self) -> bool:
        return self.kind in SPECIFIC_KINDS

    @property
    def in_sentence(self) -> str:
        """How a message names it: as written ("Suboxone", "our IV therapy", "the device"), or by
        its canonical name when the page only implies it."""
        text = self.text or self.canonical
        if self.kind == "reference" and not text[1:2].isupper():  # "The device" opened its sentence
            return text[:1].lower() + text[1:]
        return _common_noun(text) if self.kind == "procedure" else text

    def as_dict(self) -> dict:
        return {"text": self.text, "canonical": self.canonical, "kind": self.kind}


def _common_noun(name: str) -> str:
    """A procedure's name in lower case, as a sentence names it ("Gentle Chiropractic Care" in a
    heading is "gentle chiropractic care"), unless a word has a capital inside ("LASIK", "iLASIK")."""
    return name if any(word[1:] != word[1:].lower() for word in name.split()) else name.lower()


_SPELLING_NOISE = re.compile(r"['’]s\b|[\W_]+")


def _spelling(name: str) -> str:
    """A name without case, punctuation, possessive or plural: "Ebola vaccine" is "ebola vaccines"."""
    return _SPELLING_NOISE.sub("", name.lower()).rstrip("s")


class Interventions(SpanIndex[Mention]):
    """All mentions of a document, and its main intervention (the most mentioned specific one)."""

    def __init__(self, mentions: list[Mention], compared: frozenset[int] = frozenset()):
        """``compared``: the starts of the mentions named as what another is compared with ("than
        Ozempic"). An intervention named only so is not the main one on a tie ("Unlike
        buprenorphine, SoberMax works at once")."""
        super().__init__(mentions)
        self.compared = compared
        only_compared = {m.canonical for m in self.items if m.start in compared} - {m.canonical for m in self.items if m.start not in compared}
        counts = Counter(m.canonical for m in self.items if m.specific)
        self.main: str | None = max(counts, key=lambda c: (counts[c], c not in only_compared)) if counts else None
        self.counts = counts

    def display_name(self, canonical: str) -> str:
        """How to name an intervention in a message: a product the page names as the page first
        spells it ("SlimPath"), a brand or another name of a drug with its generic name after it
        ("Suboxone (buprenorphine/naloxone)", "CBD (cannabidiol)"), a procedure as the page spells it
        ("gastric sleeve", "LASIK"), a drug or a policy's own product by its canonical name."""
        first = next((m for m in self.items if m.specific and m.canonical == canonical), None)
        if first is None or first.kind == "policy":
            return canonical
        if first.kind in ("brand", "generic") and _spelling(first.text) != _spelling(canonical):
            return f"{first.text} ({canonical})"
        if first.kind == "procedure":
            return _common_noun(first.text)
        return canonical if first.kind == "generic" else first.text

    def named(self, mention: Mention) -> str:
        """How a message names a mention: as its sentence writes it, or as ``display_name`` when the
        sentence only implies it ("It works fast" on a page about SlimPath)."""
        return mention.in_sentence if mention.text else self.display_name(mention.canonical)

    def subject_in(self, text: str, start: int, end: int, predicate: int, *,
                   candidate: Callable[[Mention], bool] | None = None, after: bool = True) -> tuple[Mention | None, str]:
        """The intervention a sentence's claim at ``predicate`` is about, and how it was found.

        The subject usually comes before the verb (after an opening contrast such as "Unlike
        X,", which names the comparator): the nearest named intervention before it,
        else a reference ("the treatment") or a pronoun standing for the page's main
        intervention, else (unless ``after`` is false) a named intervention after it. ``candidate``
        says which mentions before the predicate may be the subject (all, by default).
        """
        inside = self.within(start, end)
        contrast = _CONTRAST_OPENING.match(text, start)
        if contrast and contrast.end() <= predicate:
            inside = [m for m in inside if m.start >= contrast.end()]  # "Unlike X, Y has…": not X
        for aside in _ASIDE.finditer(text, start, predicate):  # "Our balm, made with CBD and arnica, melts…": not CBD
            inside = [m for m in inside if not aside.start() <= m.start < aside.end()]
        before = [m for m in inside if m.end <= predicate and (candidate is None or candidate(m))]
        named_before = [m for m in before if m.specific or m.kind == "class"]
        compared = [m for m in named_before if m.start in self.compared
                    and not _RELATIVE_AFTER.match(text, m.end)]  # "unlike gabapentin, which treats…": gabapentin treats
        if len(compared) < len(named_before):  # "Mounjaro is better than Ozempic and has…": Mounjaro has
            named_before = [m for m in named_before if m not in compared]
        if named_before:
            return named_before[-1], "named"
        references = [m for m in before if m.kind == "reference"]
        if references:
            return references[-1], "reference"
        if self.main and PRONOUN.search(text, start, predicate):
            return Mention(start, start, "", self.main, "implied"), "pronoun"
        named_after = [m for m in inside if m.specific or m.kind in ("class", "reference")] if after else []
        if named_after:
            return named_after[0], "named" if named_after[0].kind != "reference" else "reference"
        return None, "none"


@lru_cache(maxsize=32)
def _policy_matcher(terms: tuple[str, ...]) -> TermMatcher:
    """The policy's own product names, each its own canonical name as the policy writes it ("CalmRoot")."""
    return TermMatcher({term: (term, "policy") for term in terms})


def is_nickname(text: str, start: int) -> bool:
    """The name at ``start`` is part of another product's nickname ("'Female Viagra'", "herbal
    Viagra"): it does not mention the brand itself."""
    return _NICKNAME_BEFORE.search(text, max(0, start - 12), start) is not None


def find_interventions(text: str, policy_terms: tuple[str, ...] = ()) -> Interventions:
    mentions: list[Mention] = []
    for match in load_drug_lexicon().find(text):
        kind = "other" if match.canonical == "other treatments" else match.kind
        mentions.append(Mention(match.start, match.end, match.text, match.canonical, kind))
    if policy_terms:
        mentions.extend(Mention(m.start, m.end, m.text, m.canonical, "policy") for m in _policy_matcher(policy_terms).find(text))
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if word.endswith(_NOVEL_DRUG_SUFFIXES) and word not in _NOT_DRUGS:
            mentions.append(Mention(match.start(), match.end(), match.group(), word, "generic"))
    camel_names = [m for m in _CAMEL_CASE.finditer(text)
                   if not m.group().startswith(("Mc", "Mac", "PhD", "De", "La", "Le", "Van", "Von", "O'")) and m.group() not in _PUBLISHERS]
    camel = Counter(m.group() for m in camel_names)
    as_subject = {m.group() for m in camel_names if _SUBJECT_VERB_AFTER.match(text, m.end())}
    known = {m.text for m in mentions}
    contrasted = {m.group(1) for m in _CONTRAST_SUBJECT.finditer(text)} - _PUBLISHERS - known
    coded = {m.group(1) for m in _CODE_SUBJECT.finditer(text)} - known
    named = {name for name in {m.group(1) for m in _NAME_SUBJECT.finditer(text)} - known - _PUBLISHERS
             if _proper_noun(name).search(text) and not any(_TITLES.search(text, max(0, m.start() - 6), m.start())
                                                            for m in _whole_word(name).finditer(text))}
    products = ({m.group(1) for m in _PRODUCT_MARK.finditer(text)} | {name for name, n in camel.items() if n >= 2 or name in as_subject}
                | contrasted | coded | named)
    for match in _BRAND_GENERIC.finditer(text):
        generic = match.group(2).lower()
        if (any(m.canonical == generic or m.text.lower() == generic for m in mentions) or generic.endswith(_NOVEL_DRUG_SUFFIXES)
                or (match.group(1).isupper() and len(match.group(1)) >= 4 and generic.isalpha() and len(generic) >= 6)):
            products.add(match.group(1))  # "VELTRIVA (veltrimaxen)": a brand in capitals, its new generic name after it
    for product in products:
        mentions.extend(_product_mentions(product, _whole_word(product).finditer(text)))
        if product.isupper() and product.isalpha() and product.title() not in products:  # "HALCYRA", and "With Halcyra, …"
            mentions.extend(_product_mentions(product, _whole_word(product.title()).finditer(text)))
    if not any(m.kind in SPECIFIC_KINDS for m in mentions) and sells_to_reader(text) and (page_name := _page_name(text)):
        mentions.extend(_product_mentions(*page_name))
    mentions.extend(Mention(m.start(), m.end(), m.group(), "reference", "reference") for m in REFERENCE.finditer(text))
    mentions = _without_overlaps([m for m in mentions if m.kind not in ("brand", "policy")
                                  or not (is_nickname(text, m.start) or (m.kind == "brand" and _ORGANISATION_AFTER.match(text, m.end)))])
    return Interventions(mentions, frozenset(m.start for m in mentions if _COMPARATOR_BEFORE.search(text, max(0, m.start - 40), m.start)))


_CAPITALISED = re.compile(r"\b([A-Z][a-z]{3,}[A-Za-z]*)\b")
_NOT_A_PRODUCT_AFTER = re.compile(r"\s+(?:said|says|told|explained|added|noted|wrote|recalls?|wanted|believes|thinks|decided|remembers|learned|grew"
                                  r"|(?:[A-Z][\w-]+\s+){0,2}(?:Clinic|Cent(?:er|re)|"
                                  r"Hospital|University|Institute|Pharma\w*|Health|Medical|Group|Foundation))\b")
"""After a name: a person's verb, or an organisation's kind. A company's legal form ("© 2024 Kegella
Inc.") is not among them: a product company and its product often share the name."""
_FIRST_NAME_BEFORE = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+ $")
"""Before a name, inside a sentence and on its line: a first name ("says Esther Gokhale"), so a person's
(not the end of a heading above it: "Kegella Smart Trainer\n\nKegella is…")."""
_PRODUCT_VERB_AFTER = re.compile(r"(?:\s+[A-Z0-9][\w+-]*)?\s+(?:is|helps|gives|lets|works|uses|tracks|adjusts|delivers|learns|predicts|spots|"
                                 r"makes|keeps|offers|provides|combines|connects|sends|monitors|measures|reduces|relieves|boosts|supports|fits|"
                                 r"costs|does|doesn['’]t|isn['’]t|won['’]t)\b")
"""After a name: a verb a product is the subject of ("Aurabase spots your triggers", "Sereno X2 adjusts")."""
PAGE_NAME_MIN_MENTIONS = 3


def _product_mentions(name: str, matches) -> list[Mention]:
    """A product's mentions, one per match of its name."""
    return [Mention(match.start(), match.end(), match.group(), name.lower(), "product") for match in matches]


def _page_name(text: str) -> tuple[str, list[re.Match[str]]] | None:
    """On a seller's page that names no known treatment, the name it keeps using, never in lower
    case, and makes the subject of a verb ("Aurabase spots your triggers"): its product, which the
    lexicon cannot know, with its uses. Not a person or an organisation (a name before "said" or
    "Clinic"), nor one after a title or a first name ("Dr. Patel", "with Esther Gokhale")."""
    counts = Counter(m.group(1) for m in _CAPITALISED.finditer(text))
    for name, count in counts.most_common(8):
        if count < PAGE_NAME_MIN_MENTIONS:
            return None
        if re.search(rf"\b{re.escape(name.lower())}\b", text):
            continue  # a word the page also writes in lower case ("Book", "Join", "Relief"): not a name
        uses = list(_whole_word(name).finditer(text))
        if not any(_PRODUCT_VERB_AFTER.match(text, m.end()) for m in uses):
            continue
        if not any(_NOT_A_PRODUCT_AFTER.match(text, m.end()) or _TITLES.search(text, max(0, m.start() - 6), m.start())
                   or _FIRST_NAME_BEFORE.search(text, max(0, m.start() - 24), m.start()) for m in uses):
            return name, uses
    return None


def _whole_word(literal: str) -> re.Pattern[str]:
    """``literal`` where no word character or hyphen touches it. The look-behind comes after the
    literal, so that ``re`` searches for the literal itself (many times faster)."""
    escaped = re.escape(literal)
    return re.compile(rf"{escaped}(?<![\w-]{escaped})(?![\w-])")


_PREFERENCE = {"policy": 0, "product": 1, "brand": 2, "generic": 3, "procedure": 4, "class": 5, "other": 6, "reference": 7}


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest, most specific mention where mentions overlap."""
    chosen: list[Mention] = []
    starts: list[int] = []  # of the chosen spans, which never overlap: sorted starts, sorted ends
    ends: list[int] = []
    for mention in sorted(mentions, key=lambda m: (_PREFERENCE[m.kind], -(m.end - m.start), m.start)):
        i = bisect_left(starts, mention.start)
        if (i > 0 and ends[i - 1] > mention.start) or (i < len(starts) and starts[i] < mention.end):
            continue
        starts.insert(i, mention.start)
        ends.insert(i, mention.end)
        chosen.append(mention)
    return chosen

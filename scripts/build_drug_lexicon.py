#!/usr/bin/env python3
"""Build medguard's drug lexicon, ``src/medguard/data/drug_lexicon.tsv.gz``.

Source: the dictionary shipped inside the PyPI package ``drug-named-entity-recognition``
(``drug_ner_dictionary.pkl.bz2``: DrugBank open vocabulary (CC0) plus MeSH, NHS, MedlinePlus and
Wikipedia names). Install the package in the environment that runs this script; it is found
through its installed folder, and only its data file is read (the package itself is not
imported).

Output: one ``surface<TAB>canonical<TAB>kind`` line per surface form, lower-cased, sorted,
without duplicates. ``kind`` is:

* ``generic``: a drug's own name or a spelling, salt or language variant of it;
* ``brand``: a trade name. The source marks only some brands; for the rest this script guesses
  (a synonym that shares no stem with the drug's name and does not look chemical is taken for
  a brand), so treat ``brand`` as likely rather than certain;
* ``class``: a drug class or a generic reference to treatment, from the hand-written list in
  `CLASS_TERMS` below, plus the pharmacological-action headings of MeSH ("antiemetics").

Brands approved since 2020 that the source does not list yet are added from `RECENT_BRANDS`.

Surfaces that would cause false positives in ordinary English health copy are dropped, one
filter after another (a surface is counted against the first filter that drops it):

1. names of Wikipedia template pages that leaked into the source;
2. surfaces the source knows only as MeSH proteins, enzymes, genes or similar;
3. surfaces shorter than four characters;
4. pure numbers;
5. chemical-formula and IUPAC-like names, and the source's own parsing debris;
6. names longer than four words or 40 characters;
7. phrases that open with a function word ("at 10", "and veldex");
8. common English words and phrases (``/usr/share/dict/words``, from ``apt-get install -y
   wamerican``); without a word list this filter is skipped, with a warning;
9. `DENY_LIST`, offenders found by testing;
10. `MEASURED_LEVELS`: lipoprotein cholesterol fractions, which pages measure, not take.

The hand-written classes and brands are not filtered. Last, where the matcher would read two surfaces as
the same words, one is kept: a hand-written class first, then a surface the source marks as
brand or generic, then a drug's own name.

Run from the repository root, in the project's virtualenv:

    python scripts/build_drug_lexicon.py [--words PATH] [--dump-dropped DIR]

The output is deterministic: rerunning on the same inputs gives the same bytes.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import importlib.util
import os
import pickle
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from medguard.analysis.lexicon import term_key  # noqa: E402  (the matcher's own tokeniser)

SOURCE_PACKAGE = "drug_named_entity_recognition"
SOURCE_FILE = "drug_ner_dictionary.pkl.bz2"
OUTPUT = ROOT / "src" / "medguard" / "data" / "drug_lexicon.tsv.gz"
DEFAULT_WORDS = Path("/usr/share/dict/words")

MIN_CHARS = 4
MAX_CHARS = 40
MAX_WORDS = 4

# --- The project's own lists -------------------------------------------------------------------

# Drug classes and generic references to treatment found in health copy, by canonical name.
# The matcher tells "beta-blocker" from "beta blocker", so common spellings are listed apart.
CLASS_TERMS: dict[str, tuple[str, ...]] = {
    "ssri": (
        "ssri", "ssris", "selective serotonin reuptake inhibitor",
        "selective serotonin reuptake inhibitors",
    ),
    "snri": (
        "snri", "snris", "serotonin and norepinephrine reuptake inhibitor",
        "serotonin and norepinephrine reuptake inhibitors",
        "serotonin-norepinephrine reuptake inhibitor",
        "serotonin-norepinephrine reuptake inhibitors",
    ),
    "maoi": ("maoi", "maois", "mao inhibitor", "mao inhibitors", "monoamine oxidase inhibitor",
             "monoamine oxidase inhibitors"),
    "tricyclic antidepressant": ("tricyclic antidepressant", "tricyclic antidepressants",
                                 "tricyclics"),
    "antidepressant": ("antidepressant", "antidepressants", "anti-depressant", "anti-depressants"),
    "antipsychotic": ("antipsychotic", "antipsychotics", "anti-psychotic", "anti-psychotics"),
    "opioid": ("opioid", "opioids"),
    "opiate": ("opiate", "opiates"),
    "benzodiazepine": ("benzodiazepine", "benzodiazepines", "benzos"),
    "stimulant": ("stimulant", "stimulants"),
    "sedative": ("sedative", "sedatives", "tranquilizer", "tranquilizers", "tranquilliser",
                 "tranquillisers"),
    "sleeping pill": ("sleeping pill", "sleeping pills", "sleeping tablet", "sleeping tablets"),
    "painkiller": ("painkiller", "painkillers", "pain killer", "pain killers", "pain-killer",
                   "pain-killers", "pain reliever", "pain relievers"),
    "nsaid": (
        "nsaid", "nsaids", "non-steroidal anti-inflammatory drug",
        "non-steroidal anti-inflammatory drugs", "nonsteroidal anti-inflammatory drug",
        "nonsteroidal anti-inflammatory drugs",
    ),
    "steroid": ("steroid", "steroids"),
    "corticosteroid": ("corticosteroid", "corticosteroids"),
    "statin": ("statin", "statins"),
    "beta blocker": ("beta blocker", "beta blockers", "beta-blocker", "beta-blockers"),
    "ace inhibitor": ("ace inhibitor", "ace inhibitors", "ace-inhibitor", "ace-inhibitors"),
    "angiotensin receptor blocker": ("angiotensin receptor blocker",
                                     "angiotensin receptor blockers"),
    "calcium channel blocker": ("calcium channel blocker", "calcium channel blockers"),
    "diuretic": ("diuretic", "diuretics", "water pill", "water pills"),
    "anticoagulant": ("anticoagulant", "anticoagulants", "anti-coagulant", "anti-coagulants",
                      "blood thinner", "blood thinners", "blood-thinner", "blood-thinners"),
    "proton pump inhibitor": ("proton pump inhibitor", "proton pump inhibitors", "proton-pump inhibitor",
                              "proton-pump inhibitors", "ppis"),
    "h2 blocker": ("h2 blocker", "h2 blockers", "h2-blocker", "h2-blockers"),
    "antihistamine": ("antihistamine", "antihistamines", "anti-histamine", "anti-histamines"),
    "antibiotic": ("antibiotic", "antibiotics"),
    "antiviral": ("antiviral", "antivirals"),
    "antifungal": ("antifungal", "antifungals"),
    "anticonvulsant": ("anticonvulsant", "anticonvulsants", "antiepileptic", "antiepileptics"),
    "glp-1 agonist": (
        "glp-1 agonist", "glp-1 agonists", "glp-1 receptor agonist", "glp-1 receptor agonists",
        "glp-1 drug", "glp-1 drugs", "glp-1 medication", "glp-1 medications",
    ),
    "sglt2 inhibitor": ("sglt2 inhibitor", "sglt2 inhibitors", "sglt-2 inhibitor",
                        "sglt-2 inhibitors"),
    "triptan": ("triptan", "triptans"),
    "insulin": ("insulin",),
    "biologic": ("biologic", "biologics"),
    "monoclonal antibody": ("monoclonal antibody", "monoclonal antibodies"),
    "interferon": ("interferon", "interferons"),
    "chemotherapy": ("chemotherapy", "chemo"),
    "immunotherapy": ("immunotherapy",),
    "vaccine": ("vaccine", "vaccines"),
    "hormone therapy": ("hormone therapy", "hormone replacement therapy"),
    "oral contraceptive": ("oral contraceptive", "oral contraceptives", "birth control pill",
                           "birth control pills", "contraceptive pill", "contraceptive pills"),
    "nicotine replacement therapy": ("nicotine replacement therapy",),
    "other treatments": (
        "other medication", "other medications", "other medicines", "other drugs",
        "other treatment", "other treatments", "other treatment options", "other therapies",
        "traditional treatment", "traditional treatments", "conventional treatment",
        "conventional treatments", "conventional medicine", "existing treatment",
        "existing treatments", "existing drugs", "existing medications", "current treatments",
        "available treatments", "standard treatment", "standard treatments", "standard therapy",
        "standard of care", "usual care", "prescription drug", "prescription drugs",
        "prescription medication", "prescription medications", "prescription medicines",
        "medication-assisted treatment", "medication assisted treatment",
    ),
}

# Brands approved from 2020 on that the source does not know yet (brand: drug), from the FDA's and
# EMA's public approval lists.
RECENT_BRANDS: dict[str, str] = {
    "voquezna": "vonoprazan", "daxxify": "daxibotulinumtoxina", "journavx": "suzetrigine",
    "yeztugo": "lenacapavir", "sunlenca": "lenacapavir", "leqembi": "lecanemab", "kisunla": "donanemab",
    "zurzuvae": "zuranolone", "quviviq": "daridorexant", "auvelity": "dextromethorphan and bupropion",
    "cobenfy": "xanomeline and trospium", "veozah": "fezolinetant", "rezdiffra": "resmetirom",
    "winrevair": "sotatercept", "ebglyss": "lebrikizumab", "vtama": "tapinarof", "zoryve": "roflumilast",
    "sotyktu": "deucravacitinib", "litfulo": "ritlecitinib", "cibinqo": "abrocitinib", "camzyos": "mavacamten",
    "inpefa": "sotagliflozin", "brenzavvy": "bexagliflozin", "zavzpret": "zavegepant", "brixadi": "buprenorphine",
    "exxua": "gepirone", "opill": "norgestrel", "vowst": "fecal microbiota spores",
    "ohtuvayre": "ensifentrine", "airsupra": "albuterol and budesonide", "xdemvy": "lotilaner", "vuity": "pilocarpine",
    "izervay": "avacincaptad pegol", "syfovre": "pegcetacoplan", "vabysmo": "faricimab", "omvoh": "mirikizumab",
    "velsipity": "etrasimod", "zymfentra": "infliximab", "zituvio": "sitagliptin", "xelstrym": "dextroamphetamine",
    "onyda": "clonidine", "lodoco": "colchicine", "opvee": "nalmefene",
}

# Real medicines that are also dictionary words; the English-word filter keeps them, and a
# multi-word name containing one of them ("human insulin", "vitamin d") is not ordinary English.
MEDICINE_WORDS = frozenset({
    "acetaminophen", "adrenaline", "amphetamine", "amphetamines", "aspirin", "belladonna",
    "cocaine", "codeine", "cortisone", "digitalis", "estrogen", "fentanyl", "heroin",
    "ibuprofen", "insulin", "ipecac", "laudanum", "lithium", "marihuana", "marijuana",
    "methadone", "morphine", "nicotine", "nitroglycerin", "opium", "penicillin",
    "phenobarbital", "progesterone", "quinine", "streptomycin", "testosterone", "vaccine",
    "vaccines", "vitamin",
})

# Words that open ordinary phrases; a multi-word surface starting with one is source debris.
FUNCTION_WORDS = frozenset({
    "a", "all", "an", "and", "any", "are", "as", "at", "be", "by", "for", "from", "if", "in",
    "into", "is", "it", "no", "not", "of", "on", "or", "per", "so", "than", "that", "the", "this",
    "to", "was", "were", "with",
})

# Surfaces found by testing that read as ordinary words, names or places in health copy: brands
# named like words, British spellings, abbreviations, names. Some are in the word list as well;
# they are listed so that they stay out even when the script runs without a word list.
DENY_LIST = frozenset({
    # brands and synonyms that are everyday words or phrases
    "alli", "plan b", "nexium control", "emend", "cambia", "pulsar", "armour", "halon", "tums",
    "generics", "modus", "vitae", "votum", "sone", "relif", "recov", "rela", "siga",
    # names of people and places
    "allegra", "angelica", "dona", "fargo", "indio", "kendrick", "palin", "rhein", "mayou",
    "vals", "ivor", "kempi",
    # consumer products that are not medicines
    "colgate", "aquafresh", "noxzema", "sunkist", "nutrasweet",
    # plurals and abbreviations that are ordinary words in context
    "lats", "caps", "mops", "paps", "sits", "fica", "beta-2", "liquorice", "aldrin", "tetris",
})

# Canonical names of what a page measures rather than takes: "Statins lower LDL cholesterol" is
# about statins, and a page about them must not read as promoting cholesterol.
MEASURED_LEVELS = frozenset({"cholesterol, hdl", "cholesterol, ldl", "cholesterol, vldl"})

# MeSH tree branches of things that are not drugs in the sense of health copy: macromolecules,
# enzymes, proteins, nucleic acids, biological factors. A canonical name the source knows only
# from MeSH and only under these branches is dropped with all its surfaces.
NON_DRUG_MESH_BRANCHES = frozenset({"D05", "D08", "D12", "D13", "D23"})
# MeSH "Chemical Actions and Uses": pharmacological classes rather than substances.
CLASS_MESH_BRANCH = "D27"
# Keys in the source's per-drug data that mean a source other than MeSH knows the drug, and
# those of the sources that list trade names.
DRUG_SOURCE_KEYS = ("drugbank_id", "medline_plus_id", "wikipedia_url", "nhs_url")
TRADE_NAME_SOURCE_KEYS = ("medline_plus_id", "wikipedia_url", "nhs_url")

# --- Heuristics --------------------------------------------------------------------------------

_NUMBER_RE = re.compile(r"[\d\s.,/%+-]+")
# Brackets and punctuation that only chemical or catalogue names use, Greek letters, primes,
# and debris of the source's own parsing (a leading "." as in ".alpha.-", doubled quotes).
_CHEM_PUNCT_RE = re.compile(
    r"[()\[\]{}<>,;:=+*#@%|\\^~_?!\"\u0370-\u03ff]|\d['\u2019\u2032]|^\W|''|\.\."
)
# A numeric locant such as "2-" or "-6-" in "2-ethyl-6-methyl-…".
_LOCANT_RE = re.compile(r"(?:^|[\s-])\d+[a-z]?-")
# A formula-like word: three or more letter-digit groups ("c16h20n2o3s", "7f3com2h2").
_FORMULA_RE = re.compile(r"(?:[a-z]+\d+){3,}")
# Formulation suffixes of brand names ("klaricid xl", "adzenys er").
_FORMULATION_WORDS = frozenset({
    "cr", "dr", "ds", "ec", "er", "la", "mr", "odt", "sr", "xl", "xr", "forte", "retard", "depot",
})
# Word parts and endings of chemical and international non-proprietary names.
_CHEMICAL_PART_RE = re.compile(
    r"methyl|ethyl|propyl|butyl|phenyl|hydroxy|chloro|fluoro|bromo|amino|acetyl|sulf|phosph"
    r"|nitro|carbox|oxide|acid|sodium|potassium|calcium|tetra|hydro|cyclo|benz"
)
_GENERIC_ENDING_RE = re.compile(
    r"(?:ine|ines|ide|ides|ate|ates|ium|um|ase|ases|mab|nib|pril|sartan|vir|cillin|mycin|cycline"
    r"|statin|azole|oxacin|parin|dipine|olol|ins)$"
)
_VOWELS = frozenset("aeiouy")


@dataclass(frozen=True, slots=True)
class Entry:
    """One surface form read from the source, before filtering."""

    surface: str
    canonical: str
    kind: str
    priority: int  # for the same words: 0 hand-written, 1 marked by the source, 2 guessed


def _fold(text: str) -> str:
    """Strip accents: "codéine" -> "codeine"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _is_variant_of(surface: str, canonical: str) -> bool:
    """Whether `surface` is a spelling, salt or language variant of `canonical`."""
    surface_words = [w for w in re.split(r"[\s\-/]+", _fold(surface)) if w]
    canonical_words = [w for w in re.split(r"[\s\-/,]+", _fold(canonical)) if len(w) >= 4]
    for word in surface_words:
        for stem in canonical_words:
            if stem in word or (word in stem and len(word) >= 0.7 * len(stem)):
                return True
            shared = len(os.path.commonprefix([word, stem]))
            if shared >= 6 or (shared >= 5 and shared >= len(stem) - 2):
                return True
    return SequenceMatcher(None, _fold(surface), _fold(canonical)).ratio() >= 0.8


def guess_kind(surface: str, canonical: str, has_trade_names: bool) -> str:
    """Guess whether a synonym the source does not mark is a brand or a generic name.

    `has_trade_names` says whether a source that lists trade names (Wikipedia, MedlinePlus, NHS)
    knows the drug; the other sources (DrugBank, MeSH) mostly list chemical and foreign names.
    """
    if surface == canonical or surface in MEDICINE_WORDS or _is_variant_of(surface, canonical):
        return "generic"
    words = surface.split()
    if len(words) > 1:
        return "brand" if any(w in _FORMULATION_WORDS for w in words[1:]) else "generic"
    if any(c.isdigit() for c in surface) or _CHEMICAL_PART_RE.search(surface):
        return "generic"
    if len(surface) <= 5 and sum(c in _VOWELS for c in surface) <= 1:
        return "generic"  # an abbreviation such as "dgla"
    if not has_trade_names and _GENERIC_ENDING_RE.search(surface):
        return "generic"
    return "brand"


# --- Reading the source ------------------------------------------------------------------------


def find_source() -> Path:
    """Locate the dictionary file inside the installed drug-named-entity-recognition package."""
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"error: package {SOURCE_PACKAGE!r} is not installed "
                 "(pip install drug-named-entity-recognition)")
    path = Path(next(iter(spec.submodule_search_locations))) / SOURCE_FILE
    if not path.is_file():
        sys.exit(f"error: {path} not found in the installed package")
    return path


def read_source(path: Path) -> tuple[list[Entry], set[str], set[str], int]:
    """Read the source dictionary.

    Returns the entries, the canonical names to drop as non-drug MeSH headings, the canonical
    names that are MeSH pharmacological classes, and how many entries were recovered: drugs
    ("testosterone", "nicotine") that the source lists with data but left out of its own
    surface index, presumably because they are English words; they go through the filters here
    like any other surface.
    """
    with bz2.open(path, "rb") as handle:
        data = pickle.load(handle)  # the installed package's own data file
    variants: dict[str, list[str]] = data["drug_variant_to_canonical"]
    drugs: dict[str, dict] = data["drug_canonical_to_data"]
    variant_data: dict[str, dict] = data["drug_variant_to_variant_data"]

    non_drug: set[str] = set()
    classes: set[str] = set()
    for canonical, info in drugs.items():
        tree = info.get("mesh_tree")
        if not tree or any(key in info for key in DRUG_SOURCE_KEYS):
            continue
        branches = {number[:3] for number in tree}
        if branches <= NON_DRUG_MESH_BRANCHES:
            non_drug.add(canonical)
        elif branches == {CLASS_MESH_BRANCH}:
            classes.add(canonical)

    entries = []
    for surface, canonicals in variants.items():
        canonical = canonicals[0]
        is_brand = variant_data.get(surface, {}).get("is_brand")
        surface = surface.lower()
        if canonical in classes:
            kind = "class"
        elif is_brand is None:
            info = drugs.get(canonical, {})
            kind = guess_kind(surface, canonical, any(k in info for k in TRADE_NAME_SOURCE_KEYS))
        else:
            kind = "brand" if is_brand else "generic"
        entries.append(Entry(surface, canonical, kind, 1 if is_brand is not None else 2))
    recovered = [name for name in variant_data if name not in variants and name in drugs]
    entries.extend(
        Entry(name.lower(), name, "class" if name in classes else "generic", 1)
        for name in recovered
    )
    return entries, non_drug, classes, len(recovered)


@dataclass(frozen=True, slots=True)
class WordList:
    """An English word list split into common words and (lower-cased) proper nouns."""

    common: frozenset[str]
    proper: frozenset[str]


def read_words(path: Path) -> WordList | None:
    """Read a word list such as /usr/share/dict/words, without possessives; None if missing."""
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", errors="replace") as handle:
        words = [w for w in (line.strip() for line in handle) if w and not w.endswith("'s")]
    return WordList(
        common=frozenset(w for w in words if w.islower()),
        proper=frozenset(w.lower() for w in words if not w.islower()),
    )


# --- Filters -----------------------------------------------------------------------------------


def is_chemical(surface: str) -> bool:
    """Chemical-formula or IUPAC-like junk: catalogue punctuation, several locants, formulas."""
    return bool(
        _CHEM_PUNCT_RE.search(surface)
        or len(_LOCANT_RE.findall(surface)) >= 2
        or _FORMULA_RE.search(surface)
    )


def is_english(surface: str, words: WordList, names: frozenset[str]) -> bool:
    """Whether a surface reads as ordinary English rather than as a drug name.

    That is a common word; a phrase of common words and single letters ("plan b", "green
    tea"); a common word followed by numbers and one- or two-letter codes ("android 10",
    "gold 50"); or a proper noun from `names` followed by common words ("brazil nut", "atlantic
    salmon", "epsom salt"). Only spaces separate the words of a phrase here: a hyphenated name
    ("ex-lax", "t-pa") is dropped only if the word list has it whole, because the matcher
    matches it only with its hyphen. A phrase with a word of `MEDICINE_WORDS` is kept
    ("vitamin d", "japanese encephalitis vaccine").
    """
    common = words.common
    if surface in MEDICINE_WORDS:
        return False
    if surface in common:
        return True
    parts = surface.split()
    if len(parts) < 2 or any(p in MEDICINE_WORDS for p in parts):
        return False
    if all(p in common or len(p) == 1 for p in parts):
        return True
    if parts[0] in names and all(p in common for p in parts[1:]):
        return True
    return parts[0] in common and all(p.isdigit() or len(p) <= 2 for p in parts[1:])


def starts_with_function_word(surface: str) -> bool:
    """A phrase opening with a word like "at" or "and" ("at 10", "and veldex", "or tyl")."""
    parts = surface.split(maxsplit=1)
    return len(parts) == 2 and parts[0] in FUNCTION_WORDS


def build_filters(
    entries: list[Entry], non_drug: set[str], words: WordList | None
) -> list[tuple[str, Callable[[Entry], bool]]]:
    """The filters in the order they run; each returns True for an entry it drops."""
    filters: list[tuple[str, Callable[[Entry], bool]]] = [
        ("Wikipedia template page", lambda e: e.canonical.startswith("template:")),
        ("not a drug (MeSH protein/enzyme/gene)", lambda e: e.canonical in non_drug),
        (f"shorter than {MIN_CHARS} characters", lambda e: len(e.surface) < MIN_CHARS),
        ("pure number", lambda e: _NUMBER_RE.fullmatch(e.surface) is not None),
        ("chemical formula / IUPAC-like", lambda e: is_chemical(e.surface)),
        (
            f"longer than {MAX_WORDS} words or {MAX_CHARS} characters",
            lambda e: len(e.surface) > MAX_CHARS or len(term_key(e.surface).split()) > MAX_WORDS,
        ),
        ("multi-word, starts with a function word", lambda e: starts_with_function_word(e.surface)),
    ]
    if words is not None:
        # Proper nouns of the word list that the source does not know as drug names ("Advil"
        # and "Ritalin" are in the word list too, and "advil dual action" is a drug).
        names = words.proper - {e.surface for e in entries}
        filters.append(("common English word", lambda e: is_english(e.surface, words, names)))
    filters.append(("deny-list", lambda e: e.surface in DENY_LIST))
    filters.append(("a measured level, not a treatment", lambda e: e.canonical in MEASURED_LEVELS))
    return filters


def hand_written_entries() -> list[Entry]:
    """The hand-written class list and recent brands as entries."""
    return [
        *(Entry(surface, canonical, "class", 0) for canonical, surfaces in CLASS_TERMS.items() for surface in surfaces),
        *(Entry(brand, drug, "brand", 0) for brand, drug in RECENT_BRANDS.items()),
    ]


def choose(entries: Iterable[Entry]) -> tuple[dict[str, Entry], list[Entry]]:
    """Keep one entry per matcher key; return the kept ones by key and the rest.

    Preference: the hand-written classes and brands, then entries the source marks, then a drug's own
    name, then the alphabetically first surface.
    """
    def rank(entry: Entry) -> tuple[int, bool, str]:
        return entry.priority, entry.surface != entry.canonical, entry.surface

    kept: dict[str, Entry] = {}
    dropped: list[Entry] = []
    for entry in sorted(entries, key=rank):
        key = term_key(entry.surface)
        if key in kept:
            dropped.append(entry)
        else:
            kept[key] = entry
    return kept, dropped


def write_lexicon(entries: Iterable[Entry], path: Path) -> int:
    """Write the sorted TSV, gzip-compressed with a fixed timestamp; return the line count."""
    lines = []
    for e in entries:
        if any(c in field for field in (e.surface, e.canonical) for c in "\t\r\n"):
            raise ValueError(f"tab or line break in {e}; it would corrupt the TSV")
        lines.append(f"{e.surface}\t{e.canonical}\t{e.kind}\n")
    lines.sort()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0
    ) as handle:
        handle.write("".join(lines).encode("utf-8"))
    return len(lines)


def dump(dropped: dict[str, list[Entry]], folder: Path) -> None:
    """Write the dropped surfaces per filter, for review."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, entries in dropped.items():
        slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
        lines = sorted(f"{e.surface}\t{e.canonical}\t{e.kind}\n" for e in entries)
        (folder / f"{slug}.tsv").write_text("".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=Path, default=DEFAULT_WORDS,
                        help=f"English word list (default {DEFAULT_WORDS})")
    parser.add_argument("--output", type=Path, default=OUTPUT,
                        help="where to write the lexicon (default: the packaged data file)")
    parser.add_argument("--dump-dropped", type=Path, metavar="DIR",
                        help="also write the dropped surfaces per filter into DIR")
    args = parser.parse_args(argv)

    source = find_source()
    print(f"source: {source}")
    entries, non_drug, mesh_classes, recovered = read_source(source)
    print(f"read {len(entries)} surfaces ({recovered} recovered from the source's drug data), "
          f"{len(mesh_classes)} MeSH pharmacological classes, "
          f"{len(non_drug)} non-drug MeSH headings")

    words = read_words(args.words)
    if words is None:
        print(f"WARNING: {args.words} not found; the 'common English word' filter is SKIPPED "
              "and the lexicon will match ordinary words. Install a word list "
              "(apt-get install -y wamerican) and rerun.", file=sys.stderr)
    else:
        print(f"English word list: {args.words} ({len(words.common)} common words, "
              f"{len(words.proper)} proper nouns)")

    dropped: dict[str, list[Entry]] = defaultdict(list)
    survivors: list[Entry] = []
    filters = build_filters(entries, non_drug, words)
    for entry in entries:
        for name, drops in filters:
            if drops(entry):
                dropped[name].append(entry)
                break
        else:
            survivors.append(entry)

    kept, duplicates = choose([*hand_written_entries(), *survivors])
    dropped["same words as a kept surface"] = duplicates
    count = write_lexicon(kept.values(), args.output)

    print("\ndropped per filter (first filter that applies):")
    for name, _ in filters:
        print(f"  {name:<45} {len(dropped[name]):>7}")
    if words is None:
        print(f"  {'common English word':<45} SKIPPED: no word list at {args.words}")
    print(f"  {'same words as a kept surface':<45} {len(duplicates):>7}")
    print(f"  {'total dropped':<45} {sum(len(v) for v in dropped.values()):>7}")
    kinds = Counter(e.kind for e in kept.values())
    print(f"\nkept {count} surfaces: " + ", ".join(f"{k} {kinds[k]}" for k in sorted(kinds)))
    print(f"  of which hand-written classes and brands: {sum(e.priority == 0 for e in kept.values())}")
    print(f"  distinct canonical names: {len({e.canonical for e in kept.values()})}")
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.2f} MB)")
    if args.dump_dropped:
        dump(dropped, args.dump_dropped)
        print(f"dropped surfaces written to {args.dump_dropped}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

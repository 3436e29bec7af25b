"""Exact, case-insensitive matching of drug names, brands and drug classes in text.

A `TermMatcher` holds terms (surface form -> canonical name and kind) and finds them in a string.
Text and terms are split into words by the same regular expression: a word is a run of letters
and digits, possibly joined by apostrophes ("don't"). What stands between two words decides
whether they can belong to one term:

* a single hyphen joins them tightly: "co-codamol" and "GLP-1" match the terms "co-codamol" and
  "glp-1" only when written with a hyphen, while a term may still end or start at a hyphen, so
  "naltrexone-based" contains "naltrexone";
* spaces, slashes, full stops ("St. John's wort"), apostrophes and trademark signs ("Klaricid®
  XL") join them loosely: any of them matches a space in a term;
* anything else (a comma, a bracket, a dash, a colon) ends a term.

A possessive "'s" is a word of its own, so "Prozac's" contains "prozac" while "prozacs" does not.
Matches never start or end inside a word: "Suboxone®" and "(buprenorphine)" match, "prozacs"
matches only if listed.

Terms are indexed by their first word; at each word of the text the longest term that starts
there wins, and matching resumes after it, so matches never overlap.

`load_drug_lexicon()` returns a matcher over the lexicon shipped in
``medguard/data/drug_lexicon.tsv.gz`` (built by ``scripts/build_drug_lexicon.py``).
"""

from __future__ import annotations

import gzip
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import compress

__all__ = ["TermMatch", "TermMatcher", "load_drug_lexicon", "term_key"]

_WORD_RE = re.compile(r"[^\W_]+(?:'(?![sS]\b)[^\W_]+)*")
_HYPHENS = frozenset("-\u2010\u2011")
_LOOSE_JOINER_RE = re.compile(r"[\s/.'\u00ae\u2122]+")
# A surface that is written as a key already: lower-case words joined by single spaces or hyphens.
_SIMPLE_KEY_RE = re.compile(r"[a-z0-9]+(?:[ -][a-z0-9]+)*")
_LEXICON_FILE = "drug_lexicon.tsv.gz"


def _normalise_apostrophes(text: str) -> str:
    """Replace typographic apostrophes with ASCII ones; the length of the text does not change."""
    return text.replace("\u2019", "'")


def _joiner(gap: str) -> str | None:
    """How the text `gap` between two words joins them: "-", " ", or None when it separates."""
    if gap == " ":
        return " "
    if gap in _HYPHENS:
        return "-"
    if _LOOSE_JOINER_RE.fullmatch(gap):
        return " "
    return None


def term_key(surface: str) -> str:
    """Return the lookup key of a term: its lower-cased words joined by "-" or " ".

    Two words of a term are joined by "-" when a single hyphen separates them and by " "
    otherwise: "Co-codamol" -> "co-codamol", "Buprenorphine/Naloxone" -> "buprenorphine naloxone".
    """
    if _SIMPLE_KEY_RE.fullmatch(surface):
        return surface
    text = _normalise_apostrophes(surface)
    parts: list[str] = []
    end = None
    for match in _WORD_RE.finditer(text):
        if end is not None:
            parts.append("-" if text[end : match.start()] in _HYPHENS else " ")
        parts.append(match.group().lower())
        end = match.end()
    return "".join(parts)


def _checked_key(surface: str) -> str:
    """The key of a surface given as a term, which must contain a word."""
    key = term_key(surface)
    if not key:
        raise ValueError(f"term {surface!r} contains no letters or digits")
    return key


@dataclass(frozen=True, slots=True)
class TermMatch:
    """One term found in a text; `start` and `end` are offsets into that text."""

    start: int
    end: int
    text: str
    canonical: str
    kind: str


class TermMatcher:
    """Finds known terms in text: whole words only, case-insensitive, longest match first."""

    __slots__ = ("_terms", "_longest", "_word_pairs")

    def __init__(self, terms: Mapping[str, tuple[str, str]]) -> None:
        """Index `terms`, a mapping of surface form (any case) to ``(canonical, kind)``.

        Surfaces that differ only in case or punctuation share a key and should share an entry;
        if they do not, which entry is kept is unspecified.
        """
        self._terms: dict[str, tuple[str, str]] = {}
        # For each word that starts a term: the most words such a term has.
        self._longest: dict[str, int] = {}
        # The first two words of each term of several words, as "first second". Many such first
        # words are common ("a", "no", "is"); this set tells at once that no longer term starts
        # there. (One set of strings, not a set per first word: fewer objects for the collector.)
        self._word_pairs: set[str] = set()
        keyed = dict(terms)
        # Most surfaces are written as keys already; only the others go through term_key(),
        # which keeps loading a large lexicon fast.
        for surface in [s for s in keyed if not _SIMPLE_KEY_RE.fullmatch(s)]:
            entry = keyed.pop(surface)
            keyed[_checked_key(surface)] = entry
        self._index(keyed)

    def __len__(self) -> int:
        """Number of distinct term keys."""
        return len(self._terms)

    def add(self, surface: str, canonical: str, kind: str) -> None:
        """Add one term; a surface with the same key as an earlier one replaces it."""
        self._index({_checked_key(surface): (canonical, kind)})

    def _index(self, keyed: dict[str, tuple[str, str]]) -> None:
        """Store terms by key and note, per first word, the most words a term has."""
        self._terms.update(keyed)
        multi_word = [key for key in keyed if " " in key or "-" in key]
        # One-word terms have length 1 unless a longer term starts with the same word.
        longest = dict.fromkeys(keyed.keys() - set(multi_word), 1)
        longest.update(self._longest)
        for key in multi_word:
            words = key.replace("-", " ").split(" ")
            if len(words) > longest.get(words[0], 0):
                longest[words[0]] = len(words)
            self._word_pairs.add(f"{words[0]} {words[1]}")
        self._longest = longest

    def find(self, text: str) -> list[TermMatch]:
        """Return the terms in `text`, left to right, longest first, never overlapping."""
        clean = _normalise_apostrophes(text)
        lowered = clean.lower()
        if len(lowered) == len(clean):  # case kept every offset ("İ" would not): read the words lower-cased
            matches = list(_WORD_RE.finditer(lowered))
            words = [match.group() for match in matches]
        else:
            matches = list(_WORD_RE.finditer(clean))
            words = [match.group().lower() for match in matches]
        terms, word_pairs = self._terms, self._word_pairs
        widths = list(map(self._longest.get, words))  # the words that start a term: most do not
        found: list[TermMatch] = []
        free = 0  # the first word not inside a term found
        for i in compress(range(len(words)), widths):
            if i < free:
                continue
            width = widths[i]
            if width == 1 or (i + 1 < len(words) and f"{words[i]} {words[i + 1]}" not in word_pairs):
                entry, size = terms.get(words[i]), 1
            else:
                entry, size = self._longest_at(clean, matches, words, i, width)
            if entry is None:
                continue
            start, end = matches[i].start(), matches[i + size - 1].end()
            found.append(TermMatch(start, end, text[start:end], entry[0], entry[1]))
            free = i + size
        return found

    def _longest_at(
        self, text: str, matches: list[re.Match[str]], words: list[str], i: int, width: int
    ) -> tuple[tuple[str, str] | None, int]:
        """The longest term of at most `width` words starting at word `i`, and its length."""
        keys = [words[i]]
        for j in range(i + 1, min(i + width, len(words))):
            joiner = _joiner(text[matches[j - 1].end() : matches[j].start()])
            if joiner is None:
                break
            keys.append(keys[-1] + joiner + words[j])
        for size in range(len(keys), 0, -1):
            entry = self._terms.get(keys[size - 1])
            if entry is not None:
                return entry, size
        return None, 1


@cache
def load_drug_lexicon() -> TermMatcher:
    """Return a matcher over medguard's drug lexicon (drugs, brands, drug classes) and the named
    procedures clinics offer (kind ``procedure``).

    The lexicon is read once per process from ``medguard/data/drug_lexicon.tsv.gz``: one
    ``surface<TAB>canonical<TAB>kind`` line per surface form, kind being ``generic``, ``brand``
    or ``class``.
    """
    raw = (resources.files("medguard") / "data" / _LEXICON_FILE).read_bytes()
    # One flat list of fields is much cheaper than a list per line; the final newline leaves an
    # empty last field, which zip() drops. Interning shares each canonical name and kind string
    # between all the surfaces that carry it.
    fields = gzip.decompress(raw).decode("utf-8").replace("\n", "\t").split("\t")
    entries = zip(map(sys.intern, fields[1::3]), map(sys.intern, fields[2::3]))
    return TermMatcher(dict(zip(fields[0::3], entries)) | _ABBREVIATIONS | _PROCEDURES)


_ABBREVIATIONS = {
    "cbd": ("cannabidiol", "generic"), "thc": ("dronabinol", "generic"), "hgh": ("human growth hormone", "generic"),
    "trt": ("testosterone", "generic"),
}
"""Abbreviations that health pages use as names (TRT: testosterone replacement therapy), too short for the lexicon's build (which drops
surfaces under four characters) and unambiguous in health copy."""


def _procedures(names: dict[str, tuple[str, ...]], kind: str = "procedure") -> dict[str, tuple[str, str]]:
    """Each surface (lower case, as the matcher looks words up) with its canonical name and ``kind``."""
    return {surface.lower(): (canonical, kind) for canonical, surfaces in names.items() for surface in (canonical, *surfaces)}


_PROCEDURES = _procedures({
    "LASIK": ("laser eye surgery", "laser vision correction"), "PRK": (), "cataract surgery": (),
    "liposuction": ("lipo", "lipoplasty", "vaser lipo", "smartlipo"), "tummy tuck": ("tummy tucks", "abdominoplasty"),
    "rhinoplasty": ("nose job",), "blepharoplasty": ("eyelid surgery",), "facelift": ("facelifts", "face lift"),
    "breast augmentation": ("breast implants",), "cryolipolysis": ("fat freezing", "coolsculpting"),
    "microneedling": ("micro-needling",), "laser hair removal": (), "hair transplant": ("hair transplants", "FUE", "FUT", "FUT strip surgery"),
    "dental implants": ("dental implant", "tooth implants"), "teeth whitening": ("tooth whitening", "whitening"),
    "veneers": (), "dental bonding": ("composite bonding",), "clear aligners": ("Invisalign",),
    "chiropractic": ("chiropractic care", "chiropractic adjustments", "spinal manipulation"), "osteopathy": (),
    "acupuncture": (), "dry needling": (), "homeopathy": (), "naturopathy": (), "reflexology": (), "cupping": ("cupping therapy",),
    "colonic irrigation": ("colonics", "colon hydrotherapy"), "chelation therapy": (),
    "cryotherapy": ("whole-body cryotherapy",), "hyperbaric oxygen therapy": ("hyperbaric oxygen", "hbot", "hyperbaric chamber", "hyperbaric chambers"),
    "red light therapy": ("red-light therapy", "photobiomodulation", "low-level laser therapy"),
    "shockwave therapy": ("shock wave therapy", "extracorporeal shockwave therapy"),
    "iv therapy": ("iv drips", "iv drip", "iv vitamin therapy", "iv infusions", "myers' cocktail", "myers cocktail", "myers’ cocktail"),
    "stem cell therapy": ("stem-cell therapy", "stem cell injections", "stem cell treatment"),
    "platelet-rich plasma": ("prp", "prp injections", "platelet rich plasma"),
    "IVF": ("in vitro fertilization", "in vitro fertilisation"), "egg freezing": (), "IUI": ("intrauterine insemination",),
    "bariatric surgery": ("weight-loss surgery", "weight loss surgery", "gastric bypass", "gastric sleeve", "sleeve gastrectomy",
                          "gastric band", "lap band"),
    "gastric balloon": ("intragastric balloon",), "knee replacement": ("knee replacement surgery",),
    "hip replacement": ("hip replacement surgery",), "proton therapy": ("proton beam therapy",),
    "TMS": ("transcranial magnetic stimulation",), "electroconvulsive therapy": ("ect",),
    "cognitive behavioural therapy": ("cognitive behavioral therapy", "cbt"),
    "robotic surgery": ("robotic-assisted surgery", "robot-assisted surgery", "robotic-assisted procedures"),
    "radiofrequency skin tightening": ("rf skin tightening", "radiofrequency microneedling", "rf microneedling"),
    "laser tattoo removal": ("tattoo removal",),
    "allergen immunotherapy": ("sublingual immunotherapy", "allergy immunotherapy", "allergy desensitisation", "allergy desensitization"),
    "ear tubes": ("ear tube", "tympanostomy tubes", "tympanostomy", "grommets", "ear tube surgery"),
    "refractive lens exchange": ("lens replacement", "clear lens exchange", "lens replacement surgery"),
    "skin prick testing": ("skin-prick testing", "skin prick test", "skin-prick test", "skin prick tests", "skin-prick tests"),
    "radiofrequency ablation": ("genicular nerve ablation", "nerve ablation", "radiofrequency nerve ablation"),
    "nerve blocks": ("nerve block",),
    "endovenous laser ablation": ("evla", "endovenous laser treatment", "evlt", "laser vein treatment"), "sclerotherapy": ("foam sclerotherapy",),
    "small incision lenticule extraction": ("SMILE laser eye surgery", "SMILE Pro", "SMILE procedure", "SMILE surgery"),
    "cold water immersion": ("cold-water immersion", "cold plunge", "cold plunges", "cold-water swimming", "ice bath", "ice baths"),
    "breathwork": ("breath work", "wim hof breathing"),
    "TAVR": ("TAVI", "transcatheter aortic valve replacement", "transcatheter aortic valve implantation"),
    "egg donation": ("donor eggs", "donor egg", "egg donor", "egg donors"),
    "open-heart surgery": ("open heart surgery", "surgical aortic valve replacement"),
    "cochlear implant": ("cochlear implants", "cochlear implant surgery"),
    "Brazilian butt lift": ("BBL", "Brazilian butt lifts"), "vision therapy": ("optometric vision therapy",),
    "NAD+ therapy": ("NAD+", "NAD+ infusions", "NAD+ infusion", "NAD+ drips", "NAD+ IV", "NAD IV therapy", "NAD infusions"),
    "frenotomy": ("tongue-tie release", "tongue tie release", "tongue-tie division", "frenectomy", "frenulotomy", "lip-tie release"),
    "spinal cord stimulation": ("spinal cord stimulator", "spinal cord stimulators", "SCS system"),
    "insulin pump": ("insulin pumps", "insulin pump therapy"), "balloon sinuplasty": ("sinus balloon", "balloon sinus dilation"),
    "ozone therapy": ("ozone injections", "ozone IV", "ozonated blood therapy"), "hypnotherapy": ("hypnosis", "clinical hypnosis"),
    "prolotherapy": ("prolo",), "mesotherapy": (),
    "water vapour therapy": ("water vapor therapy", "Rezum", "Rezūm"), "varicocele embolisation": ("varicocele embolization",),
    "spinal decompression": ("spinal decompression therapy", "non-surgical spinal decompression"),
    "lion's mane": ("lion’s mane", "lions mane", "lion's mane mushroom", "lion’s mane mushroom"),
}) | _procedures({"radiotherapy": ("radiation therapy",), "physiotherapy": ("physical therapy",),
                  "laparoscopy": ("laparoscopic surgery", "keyhole surgery"), "antacid": ("antacids",), "laxative": ("laxatives",),
                  "contact lenses": ("contact lens",), "CPAP": ("cpap machine", "cpap machines", "continuous positive airway pressure"),
                  "e-cigarettes": ("e-cigarette", "vaping", "vapes")}, "class")
"""Procedures and disciplines that clinics promote by name ("LASIK is one of the safest
procedures", "Pediatric chiropractic is completely safe"): interventions as much as a drug is.
Radiotherapy and physiotherapy are fields, named like drug classes (a page on proton therapy
names radiotherapy as what it improves on)."""

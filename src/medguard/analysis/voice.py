"""The page's voice: whether it speaks to its reader as a seller does, is a press release or is a patient leaflet."""

from __future__ import annotations

import re
from functools import lru_cache

from .cuepattern import TEXTS_KEPT

READER = re.compile(r"\b(?:you|your|yours|yourself)\b|\byou['’](?:re|ll|ve|d)\b", re.I)
PUBLISHER = re.compile(r"\b(?:our|we|us|ours)\b|\bwe['’](?:re|ll|ve)\b", re.I)
_AUTHOR = re.compile(r"\b(?:I|my|me|mine)\b|\bI['’](?:m|ve|d|ll)\b")
_CALL_TO_ACTION = re.compile(r"\b(?:book|order|buy|shop|subscribe|sign\s+up|get\s+started|add\s+to\s+(?:cart|basket|bag)|"
                             r"(?:free|first)\s+(?:consultation|assessment|trial)|call\s+us|contact\s+us|start\s+(?:your|today)|claim\s+your|join)\b", re.I)
_PRICE = re.compile(r"[$£€]\s?\d")
SELLING_READER_RATE = 1.5
"""Second-person words per 100 at and above which a page speaks to its reader: FakeHealth's news
stories and press releases stay below it (95th percentile: 1.17 and 0.37), clinic and shop pages
run at 2-5."""
SELLING_AUTHOR_RATE = 2.0
"""First-person singular words per 100 ("I", "my") at and above which a page that speaks to its
reader is an influencer's or a coach's: patient leaflets ("Can I drive?") and FakeHealth's news
stories stay below 1.7."""
_SHOP = re.compile(r"\b(?:add\s+to\s+(?:cart|basket|bag)|buy\s+now|shop\s+now|order\s+now|in\s+stock|free\s+(?:shipping|delivery|returns)|"
                   r"subscribe\s*(?:&|and)\s*save|money[- ]back|checkout|per\s+(?:bottle|box|pack|jar|tub)|\d+\s*-?\s*day\s+(?:money|guarantee|trial|returns))\b")
"""A shop's furniture, in lower case: a basket, delivery terms, a money-back promise, a price per bottle."""
SELLING_VOICE_RATE = 2.0
"""Second- and first-person plural words together per 100, with a price or calls to action: a
seller's page that speaks of "our clinic" more than of "you"."""


@lru_cache(maxsize=TEXTS_KEPT)
def sells_to_reader(text: str) -> bool:
    """The page speaks to its reader as a seller does: "you" at ``SELLING_READER_RATE`` or more
    per 100 words, and "we"/"our" at a third of that, calls to action ("Book", "Order now", "free
    consultation") or "I"/"my" at ``SELLING_AUTHOR_RATE`` (an influencer's blog); or "you" at two
    thirds of the rate, "you" and "we" together at ``SELLING_VOICE_RATE``, and a price or two calls
    to action (a shop's or a clinic's page that speaks in "we" more than "you"); or a price and two
    pieces of a shop's furniture, whatever the voice ("Add to cart", "Free shipping", "30-day
    money-back guarantee"). A patient leaflet addresses its reader without any of these."""
    return _sells_by_voice(text) or _sells_as_a_shop(text)


def _sells_by_voice(text: str) -> bool:
    """The rates of "you", "we" and "I", with calls to action or a price (``sells_to_reader``)."""
    words = max(1, len(text.split()))  # not spaces: markup and indentation leave runs of them
    readers = 100 * len(READER.findall(text))
    if readers < 2 * SELLING_READER_RATE * words / 3:
        return False
    publishers = 100 * len(PUBLISHER.findall(text))
    calls = len(_CALL_TO_ACTION.findall(text))
    if readers >= SELLING_READER_RATE * words and (3 * publishers >= SELLING_READER_RATE * words or calls >= 2
                                                   or 100 * len(_AUTHOR.findall(text)) >= SELLING_AUTHOR_RATE * words):
        return True
    return readers + publishers >= SELLING_VOICE_RATE * words and (calls >= 2 or _PRICE.search(text) is not None)


def _sells_as_a_shop(text: str) -> bool:
    """A product page that sells in the third person: a price and two pieces of a shop's furniture
    ("Add to cart", "Free shipping", "$49")."""
    return _PRICE.search(text) is not None and len(_SHOP.findall(text.lower())) >= 2


_RELEASE_MARKS = (
    (("announced",), re.compile(r"\b(?:today\s+announced|announced\s+today)\b", re.I)),
    (("(",), re.compile(r"\((?:NASDAQ|Nasdaq|NYSE|LSE|TSX|ASX|Euronext|OTCQX)\s*:\s*[A-Z]{1,6}[.\w]*\)")),
    (("wire", "cision", "eurekalert"), re.compile(r"\b(?:PR\s?Newswire|Business\s?Wire|GLOBE\s?NEWSWIRE|Cision|EurekAlert)\b", re.I)),
    (("looking",), re.compile(r"\bForward[- ]Looking\s+Statements?\b", re.I)),
    (("release", "contact", "enquir", "inquir", "relations"),
     re.compile(r"\b(?:FOR\s+IMMEDIATE\s+RELEASE|(?:Media|Press|Investor)\s+(?:contacts?|enquiries|inquiries|relations)|Press\s+release)\b", re.I)),
)
"""What marks a press release: "today announced", a stock ticker, a wire service, the securities
boilerplate, the contacts for the press; each with the words that must be in the page for its
pattern to be worth running."""


@lru_cache(maxsize=TEXTS_KEPT)
def is_press_release(text: str) -> bool:
    """The page is an organisation's press release: two of its marks (``_RELEASE_MARKS``), such as
    "today announced" and a ticker ("(NASDAQ: CRVA)"). The quotes it prints are the issuer's own
    words, chosen to promote what it announces. FakeHealth's news stories carry none of the marks."""
    lower = text.lower()
    return sum(1 for words, mark in _RELEASE_MARKS if any(w in lower for w in words) and mark.search(text)) >= 2


def promotes(text: str) -> bool:
    """The page promotes what it is about: it sells to its reader (``sells_to_reader``) or is the
    issuer's own press release (``is_press_release``). A news story or a leaflet reports instead."""
    return sells_to_reader(text) or is_press_release(text)


def reports_rather_than_sells(text: str, start: int, end: int) -> bool:
    """The sentence at ``start``-``end`` reports: the page does not promote what it is about
    (``promotes``) and the sentence does not speak for a seller ("our", "we"). A hedged view in such
    a sentence ("some studies have suggested…", "may be lower than with full agonists") is the
    writer's background, not a claim the page makes."""
    return not promotes(text) and PUBLISHER.search(text, start, end) is None


_LEAFLET = re.compile(r"\b(?:this|patient(?:\s+information)?|package)\s+leaflet\b", re.I)
_LEAFLET_MARKS = (
    re.compile(r"\bhow\s+(?:to|should\s+I|do\s+I|you\s+should)\s+(?:take|use|apply|inject)\b", re.I),
    re.compile(r"\b(?:ask|tell|talk\s+to|speak\s+to|check\s+with)\s+(?:your\s+(?:doctor|pharmacist|GP|nurse|prescriber|dermatologist|specialist"
               r"|consultant|midwife|care\s+team)|us\s+(?:about|if|straight\s+away|immediately|at\s+once))\b", re.I),
    re.compile(r"\bwhat\s+(?:is\s+)?(?:it|this\s+medicine|[\w-]+)\s+(?:is\s+)?used\s+for\b"
               r"|\bwho\s+(?:can|should\s+not|shouldn['’]t|cannot)\s+(?:take|use|have)\b", re.I),
    re.compile(r"\bif\s+you\s+(?:forget|miss)\s+(?:to\s+take\s+)?(?:a\s+)?dose|\bif\s+you\s+(?:take|use)\s+(?:more|too\s+much)\b"
               r"|\bkeep\s+(?:it|this\s+medicine|all\s+medicines)\s+out\s+of\b", re.I),
)
"""What a patient leaflet has besides calling itself one: how to take the medicine, "ask your
pharmacist" (or, in a hospital's leaflet, "tell us straight away if…"), what it is used for and who
should not take it, what to do after a missed dose."""


@lru_cache(maxsize=TEXTS_KEPT)
def is_patient_leaflet(text: str) -> bool:
    """The page is a patient leaflet: it calls itself one ("this leaflet") and has another of a
    leaflet's marks (``_LEAFLET_MARKS``), and it is neither a press release nor priced. What it says
    the medicine does is its labelling, written from the approved product information."""
    return (_LEAFLET.search(text) is not None and any(mark.search(text) for mark in _LEAFLET_MARKS)
            and _PRICE.search(text) is None and not is_press_release(text))

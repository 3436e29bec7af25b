"""Polarity for ``semantic`` rules: does a sentence deny its claim, and what does it say is absent?

Sentence embeddings hardly tell "does not treat anxiety" from "treats anxiety", so a ``semantic``
rule compares polarity on top of similarity. Counting negation words gets it backwards for
ideas made of an absence: "lose weight without diet", "no more panic attacks", "live free from
anxiety" and "never feel anxious again" promise something, while "does not make you lose weight
without diet" and "we never promise weight loss" deny it. So two things are read apart:

- a *denial*: a negation that governs the sentence's main predicate ("does not treat", "is not
  realistic", "we never promise", "no supplement can cure", "there is no evidence that…"); a
  negation inside an idiom of promise ("not just", "no more", "never … again", "won't need
  to", "no workouts required"), after "with", in a subordinate clause ("even if you never go to
  the gym") or in a trailing conjunct ("and never come back") is part of the idea;
- the *absences* an idea names ("no side effects", "without diet or exercise", "free of
  sugar"): a sentence that mentions one of them without negating it says the opposite.
"""

from __future__ import annotations

import re

from ..analysis.claims import denies_evidence, is_negated

__all__ = ["denial", "absences", "present_absence"]

_NEGATOR = re.compile(r"\b(?:not|never|cannot|no|none|nothing|nobody|neither|nor)\b|n[’']t\b", re.I)
_CLAUSE_START = re.compile(
    r"[,;:—–()]|\b(?:and|or|but|if|unless|whether|when|whenever|until|because|although|though|while|whereas|than|that|which|who)\b",
    re.I,
)
_SUBORDINATE = frozenset({"if", "unless", "whether", "when", "whenever", "until", "because", "although", "though", "while",
                          "whereas", "than", "that", "which", "who"})
"""Clause openers whose negation belongs to the idea, not to the main claim."""
_CONJUNCT = re.compile(r"\s*(?:you|it|they|we|she|he|your\s+\w+|the\s+\w+)?\s*$", re.I)
"""What may stand between "and"/"or" and a negation that opens a conjunct ("and you won't…")."""
_PROMISE_AFTER = re.compile(
    r"(?:\s+(?:just|only|merely|simply|more|longer|matter)\b"
    r"|(?:\s+[\w’']+){0,3}?\s+(?:again|anymore|any\s+(?:more|longer)|need(?:s|ed)?|have\s+to|has\s+to|feel|worry|suffer|struggle"
    r"|come\s+back|comes\s+back|return|returns|required|necessary|survive|thrive|stand\s+a\s+chance)\b)",
    re.I,
)
"""After a negation, the words that make it part of a promise: "not just", "no more", "never feel
anxious again", "won't need to diet", "no workouts required", "germs cannot survive"."""
_NONE_OF_FRAGMENT = re.compile(r"\s+of\s+(?:the|your|its|their|those|that)\s+(?:(?!(?:is|are|was|were|has|have|had|did|does|do|got|felt|saw)\b)"
                               r"[\w’'-]+(?<!ed)\s*){1,2}(?:[.;!?]|$)", re.I)
"""After a comma, "none": a verbless "none of the scars" closing the sentence, which names what a
promise leaves out ("all the focus, none of the crash"; not "…, none of the patients improved")."""
_FRAGMENT_AFTER = re.compile(r"(?:\s+[\w’'-]+){0,2}\s*(?:[,.;:!?]|$)")
"""After a clause-initial "no": a verbless fragment ("No diet, no exercise, just results")."""
_ABSENCE = re.compile(
    r"\b(?:without|no|free\s+(?:of|from)|zero)\s+((?:(?:and|or|no|any|more|the|your|a)\s+)*(?!(?:with|for|to|in|at|on|of|by)\b)[a-z][\w-]*"
    r"(?:\s+(?:(?:and|or|no)\s+)*(?!(?:with|for|to|in|at|on|of|by|is|are|can|will)\b)[a-z][\w-]*){0,3})",
    re.I,
)
"""What an idea says is absent: "no side effects", "without diet or exercise", "free from anxiety"."""
_STOP = frozenset({"and", "or", "no", "any", "the", "your", "more", "all", "you", "what", "that", "this", "our", "its", "their"})


def denial(text: str) -> str | None:
    """The words that deny the sentence's claim ("does not", "never promise", "no supplement"), or None."""
    if denies_evidence(text, len(text), 0):
        return "denies the evidence"
    for match in _NEGATOR.finditer(text):
        if _denies(text, match):
            return _WORDS_AROUND.match(text, _word_start(text, match.start())).group().strip()
    return None


_WORDS_AROUND = re.compile(r"(?:[\w’']+\s+)?(?:n[’']t|\w+)(?:\s+[\w’']+)?")


def _word_start(text: str, position: int) -> int:
    """Where the word before ``position`` starts (so that "does not" keeps its auxiliary)."""
    before = re.search(r"[\w’']+\s+$", text[:position])
    return before.start() if before else position


def _denies(text: str, match: re.Match[str]) -> bool:
    """Whether this negation governs the main predicate rather than the idea."""
    if _PROMISE_AFTER.match(text, match.end()):
        return False
    if re.search(r"\bwith\s+$", text[max(0, match.start() - 6):match.start()], re.I):
        return False  # "with no gym": without
    opener = _clause_opener(text, match.start())
    if opener in _SUBORDINATE:
        return False
    if opener in ("and", "or") and _CONJUNCT.fullmatch(text, _opener_end(text, match.start()), match.start()):
        return False  # "…vanish and never come back": a trailing conjunct
    if match.group().lower() == "no":
        return _denying_no(text, match)
    if match.group().lower() == "none" and opener == "," and _NONE_OF_FRAGMENT.match(text, match.end()):
        return False
    return True


def _denying_no(text: str, match: re.Match[str]) -> bool:
    """"No supplement can cure…" and "there is no proof…" deny; "has no side effects", "No diet." name an absence."""
    before = text[_opener_end(text, match.start()):match.start()]
    if re.search(r"\bthere\s*(?:is|are|was|were|['’]s)\s+$", before, re.I):
        return True
    return not before.strip() and not _FRAGMENT_AFTER.match(text, match.end())


def _last_opener(text: str, position: int) -> re.Match[str] | None:
    last = None
    for last in _CLAUSE_START.finditer(text, 0, position):
        pass
    return last


def _clause_opener(text: str, position: int) -> str:
    """The word or mark that opens the clause holding ``position`` ("" at the sentence start)."""
    opener = _last_opener(text, position)
    return opener.group().lower() if opener else ""


def _opener_end(text: str, position: int) -> int:
    opener = _last_opener(text, position)
    return opener.end() if opener else 0


def _stem(word: str) -> str:
    """A crude stem that makes "diet" meet "dieting" and "exercise" meet "exercises"."""
    word = word.lower()
    for suffix in ("ing", "es", "ed", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def absences(text: str) -> frozenset[str]:
    """Stems of the words an idea says are absent: "without diet or exercise" -> {diet, exercise}."""
    return frozenset(_stem(word) for match in _ABSENCE.finditer(text) if not _denying_absence(text, match)
                     for word in match.group(1).split() if word.lower() not in _STOP and len(word) > 2)


def _denying_absence(text: str, match: re.Match[str]) -> bool:
    """"No supplement can cure…": the "no" denies the claim, and names no absence."""
    negator = _NEGATOR.match(text, match.start())
    return negator is not None and _denies(text, negator)


def present_absence(text: str, absent: frozenset[str]) -> str | None:
    """The first word of ``absent`` that ``text`` mentions without negating it ("have side effects"), or None."""
    if not absent:
        return None
    covered = [range(m.start(), m.end()) for m in _ABSENCE.finditer(text)]
    for word in re.finditer(r"[A-Za-z][\w-]*", text):
        if _stem(word.group()) not in absent or any(word.start() in span for span in covered):
            continue
        if not is_negated(text, word.start(), 0):
            return word.group()
    return None

"""``medguard eval pages``: a policy against web pages a reviewer annotated.

A folder of annotated pages holds the pages under ``pages/`` (``.html``, else Markdown) and a key,
``truth.md``, with one section per page::

    ## slimpath.html
    decision: block
    - [unsupported] "SlimPath melts away stubborn fat in days."
    - [missing-risk] *
    - [ok] "In a 2023 trial of 300 adults, SlimPath users lost 4% more weight (NEJM)."

An item quotes one sentence of the page's visible text (``*``: the page as a whole) under a
family: ``unsupported``, ``establishment``, ``absolute``, ``safety``, ``comparison``,
``missing-risk``, ``off-label``, or a policy category. ``[ok]`` marks a sentence that looks
suspicious but is fine. An item is caught by an active finding of its family's category on its
sentence (a page-level item, by one anywhere on the page); a false positive is a finding on a
sentence the key does not quote; the decision matches when the report's equals the key's.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..models import Document, Finding, Report
from ..readers.base import InputError, decode

FAMILY_CATEGORIES = {
    "unsupported": "unsupported-efficacy",
    "establishment": "unsupported-efficacy",
    "absolute": "absolute-language",
    "safety": "safety-minimization",
    "comparison": "drug-comparison",
    "missing-risk": "missing-risk-disclosure",
    "off-label": "off-label",
    "off-label-promotion": "off-label",
}
"""A key's family tags and the policy category whose findings catch each (a key may also tag an
item with a category itself)."""

DECISIONS = ("block", "warn", "pass")

_SECTION = re.compile(r"##\s+(\S.*?)\s*$")
_DECISION = re.compile(r"decision:\s*(\S+)\s*$")
_ITEM = re.compile(r"-\s*\[([\w-]+)\]\s*(?:\*|\"(.*)\")\s*$")
_RULE_LINE = re.compile(r"(?:-\s*){3,}")


class KeyFileError(ValueError):
    """A line of a key that cannot be read, with its file and line number."""


@dataclass
class KeyPage:
    """One page's section of a key."""

    name: str
    line: int
    decision: str | None = None
    items: list[tuple[str, str | None]] = field(default_factory=list)
    """(family, quoted sentence); None for a page-level item ("[missing-risk] *")."""
    fine: list[str] = field(default_factory=list)


def read_key(path: Path) -> list[KeyPage]:
    """The pages of a ``truth.md`` key, in order. Raises :class:`KeyFileError` naming the line of a
    decision or an item that cannot be read, or of one outside any page's section."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise KeyFileError(f"{path}: not UTF-8 (byte {error.start}); save the key as UTF-8") from None
    pages: list[KeyPage] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or _RULE_LINE.fullmatch(line) or (section := _SECTION.match(line)) is None and not line.startswith(("decision:", "-")):
            continue  # prose between sections, a horizontal rule
        if section:
            pages.append(KeyPage(section.group(1), number))
            continue
        if not pages:
            raise KeyFileError(f"{path}:{number}: {line[:60]!r} comes before the first '## <page file>' heading")
        if line.startswith("decision:"):
            decision = _DECISION.match(line)
            if decision is None or decision.group(1) not in DECISIONS:
                raise KeyFileError(f"{path}:{number}: the decision must be one of {', '.join(DECISIONS)}, not {line[9:].strip()!r}")
            pages[-1].decision = decision.group(1)
        elif item := _ITEM.match(line):
            family, quote = item.groups()
            if family == "ok":
                if quote is None:
                    raise KeyFileError(f"{path}:{number}: an [ok] item quotes the sentence that is fine")
                pages[-1].fine.append(quote)
            else:
                pages[-1].items.append((family, quote))
        else:
            raise KeyFileError(f"{path}:{number}: expected - [family] \"quoted sentence\" or - [family] *, got {line[:60]!r}")
    return pages


def page_format(path: Path) -> str:
    """The format a page file is checked in: HTML, or else Markdown."""
    return "html" if path.suffix in (".html", ".htm") else "markdown"


def plain(text: str) -> str:
    """Text as a key quotes it: entities decoded, typographic quotes and dashes plain, markup and
    runs of white space gone (with the space that removed markup leaves before a comma: "**aids**,"
    reads as "aids  ,"), lower case."""
    text = html.unescape(text).translate(str.maketrans("‘’“”—–", "''\"\"--"))
    text = re.sub(r"\s+", " ", re.sub(r"[*_#`]", "", text))
    return re.sub(r" ([,;:!?])", r"\1", text).strip().lower().strip(' ."')


def same_sentence(quote: str, excerpt: str) -> bool:
    """Whether a finding's excerpt and a key's quote are the same sentence (one holds the other)."""
    quote, excerpt = plain(quote), plain(excerpt)
    return bool(quote) and bool(excerpt) and (quote in excerpt or excerpt in quote)


Catches = Callable[[str, Finding], bool]
"""Whether a finding counts for a key family."""


def by_category(family: str, finding: Finding) -> bool:
    """A finding catches an item of its policy category (``FAMILY_CATEGORIES``)."""
    return finding.category == FAMILY_CATEGORIES.get(family, family)


@dataclass
class ItemResult:
    family: str
    quote: str | None
    caught_by: str | None
    """The rule of the finding that caught it, or None: missed."""


@dataclass
class FalsePositive:
    rule: str
    excerpt: str
    on_fine: bool
    """On a sentence the key calls fine."""


@dataclass
class PageResult:
    page: str
    decision: str
    expected: str | None
    items: list[ItemResult]
    false_positives: list[FalsePositive]


def score_page(page: KeyPage, report: Report, catches: Catches = by_category) -> PageResult:
    """Each planted item caught or missed, and the findings on sentences nobody planted."""
    findings = report.active_findings()
    explained: set[int] = set()
    items = []
    for family, quote in page.items:
        hit = next((i for i, f in enumerate(findings) if catches(family, f) and (quote is None or same_sentence(quote, f.excerpt or ""))),
                   None)
        if hit is not None:
            explained.add(hit)
        items.append(ItemResult(family, quote, findings[hit].rule if hit is not None else None))
    false_positives = [
        FalsePositive(f.rule, f.excerpt or "", any(same_sentence(quote, f.excerpt or "") for quote in page.fine))
        for i, f in enumerate(findings)
        if i not in explained and not any(quote and same_sentence(quote, f.excerpt or "") for _, quote in page.items)
    ]  # another family's finding on a planted sentence is no false positive
    return PageResult(page.name, report.decision.value, page.decision, items, false_positives)


def check_pages(engine, folder: Path, key: Iterable[KeyPage], catches: Catches = by_category,
                warn: Callable[[str], None] = lambda message: None) -> Iterator[PageResult]:
    """Check each page ``key`` lists in ``folder``/pages and score it. A page is decoded as
    ``medguard check`` decodes a file (a warning for invalid UTF-8); one that cannot be read is
    passed to ``warn``, with the key's line, and skipped."""
    for page in key:
        path = folder / "pages" / page.name
        form = page_format(path)
        try:
            body, warnings = decode(path.read_bytes(), str(path), html=form == "html")
        except (OSError, InputError) as error:
            warn(f"{folder / 'truth.md'}:{page.line}: cannot read {path} ({getattr(error, 'strerror', None) or error}); page skipped")
            continue
        for warning in warnings:
            warn(f"{path}: {warning.message}")
        yield score_page(page, engine.check(Document(id=page.name, body=body, format=form), str(path)).report, catches)


@dataclass
class Score:
    """Totals over pages."""

    planted: int = 0
    caught: int = 0
    false_positives: int = 0
    on_fine: int = 0
    decisions: int = 0
    pages: int = 0
    families: dict[str, list[int]] = field(default_factory=dict)
    """Per key family: [caught, planted]."""

    def add(self, result: PageResult) -> None:
        self.planted += len(result.items)
        self.caught += sum(item.caught_by is not None for item in result.items)
        self.false_positives += len(result.false_positives)
        self.on_fine += sum(fp.on_fine for fp in result.false_positives)
        self.decisions += result.decision == result.expected
        self.pages += 1
        for item in result.items:
            tally = self.families.setdefault(item.family, [0, 0])
            tally[0] += item.caught_by is not None
            tally[1] += 1

    def merge(self, other: Score) -> None:
        for name in ("planted", "caught", "false_positives", "on_fine", "decisions", "pages"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for family, (caught, planted) in other.families.items():
            tally = self.families.setdefault(family, [0, 0])
            tally[0] += caught
            tally[1] += planted

    def line(self, label: str) -> str:
        return (f"{label:8} caught {self.caught:4}/{self.planted:<4} ({self.caught / max(1, self.planted):4.0%})   "
                f"false positives {self.false_positives:4} ({self.on_fine} on fine sentences)   "
                f"decisions {self.decisions}/{self.pages}")

    def family_line(self, known: set[str]) -> str:
        """Recall per key family; a family that is neither a key family nor one of ``known``
        categories is marked (nothing can catch it)."""
        return "caught by family: " + ", ".join(
            f"{family} {caught}/{planted}" + ("" if family in FAMILY_CATEGORIES or family in known else " (no such family or category)")
            for family, (caught, planted) in sorted(self.families.items()))


def prediction_rows(folder: str, result: PageResult) -> list[dict]:
    """``--predictions``: one row per planted item, one per false positive and one for the decision."""
    where = {"folder": folder, "page": result.page}
    return ([where | {"family": item.family, "quote": item.quote, "caught_by": item.caught_by} for item in result.items]
            + [where | {"false_positive": fp.rule, "excerpt": fp.excerpt, "on_fine": fp.on_fine} for fp in result.false_positives]
            + [where | {"decision": result.decision, "expected": result.expected}])


def details(result: PageResult) -> list[str]:
    """One line per planted item and per false positive, and the decision against the key's."""
    lines = [f"  {result.page} [{item.family}] {'CAUGHT' if item.caught_by else 'missed'}: {item.quote or '(the page)'}"
             for item in result.items]
    lines += [f"  {result.page} FP{' (fine)' if fp.on_fine else ''} {fp.rule}: {fp.excerpt[:120]}" for fp in result.false_positives]
    lines.append(f"  {result.page}: decision {result.decision}, key {result.expected}")
    return lines

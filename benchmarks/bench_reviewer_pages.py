"""Recall and false positives on the reviewer sets (datasets/reviewer_pages).

Each set is eleven web pages a reviewer wrote blind, with a key (``truth.md``) listing the
problems planted in each page, by family, the sentences that look suspicious but are fine, and
the publish decision. For every set this checks each page in-process and prints: planted items
caught (an active finding of the item's family on its sentence; a page-level item by a finding
anywhere on the page), false positives (findings on a sentence nobody planted, and how many of
them on a sentence the key calls fine) and decisions that match the key. Off-label items count
as planted; the default pack does not check them (a policy with product lists does).

    python benchmarks/bench_reviewer_pages.py                 # every set, totals last
    python benchmarks/bench_reviewer_pages.py -v set-32 set-33  # each item and false positive
    python benchmarks/bench_reviewer_pages.py --policy examples/policies/off-label.yaml
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

SETS = Path(__file__).resolve().parents[1] / "datasets" / "reviewer_pages"

FAMILY_RULES = {
    "unsupported": ("efficacy.unsupported-claim", "efficacy.paraphrased-claim", "efficacy.learned-claim"),
    "unsupported-efficacy": ("efficacy.unsupported-claim", "efficacy.establishment-claim", "efficacy.paraphrased-claim",
                             "efficacy.learned-claim"),
    "establishment": ("efficacy.establishment-claim",),
    "absolute": ("absolute-language.cure",),
    "absolute-language": ("absolute-language.cure",),
    "safety": ("safety.minimization", "safety.learned"),
    "safety-minimization": ("safety.minimization", "safety.learned"),
    "comparison": ("comparison.unsupported", "comparison.learned"),
    "drug-comparison": ("comparison.unsupported", "comparison.learned"),
    "missing-risk": ("risk.missing-disclosure",),
    "missing-risk-disclosure": ("risk.missing-disclosure",),
    "off-label": ("off-label",),
    "off-label-promotion": ("off-label",),
}
"""A key's family tags (two reviewers' spellings) and the rules that catch each."""

_ITEM = re.compile(r"-\s*\[([\w-]+)\]\s*(?:\*|\"(.*)\")\s*$")


@dataclass
class Page:
    name: str
    decision: str | None = None
    items: list[tuple[str, str | None]] = field(default_factory=list)
    """(family, quoted sentence); None for a page-level item ("[missing-risk] *")."""
    fine: list[str] = field(default_factory=list)


@dataclass
class Score:
    planted: int = 0
    caught: int = 0
    false_positives: int = 0
    on_fine: int = 0
    decisions: int = 0
    pages: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self, label: str) -> str:
        return (f"{label:8} caught {self.caught:4}/{self.planted:<4} ({self.caught / max(1, self.planted):4.0%})   "
                f"false positives {self.false_positives:4} ({self.on_fine} on fine sentences)   "
                f"decisions {self.decisions}/{self.pages}")


def page_format(path: Path) -> str:
    """The format a page file is checked in: HTML, or else Markdown."""
    return "html" if path.suffix == ".html" else "markdown"


def read_key(path: Path) -> list[Page]:
    pages: list[Page] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("## "):
            pages.append(Page(line[3:].strip()))
        elif pages and line.startswith("decision:"):
            pages[-1].decision = line.split(":", 1)[1].strip()
        elif pages and (item := _ITEM.match(line)):
            family, quote = item.groups()
            if family == "ok":
                pages[-1].fine.append(quote)
            else:
                pages[-1].items.append((family, quote))
    return pages


def _plain(text: str) -> str:
    """Text as a key quotes it: entities decoded, typographic quotes and dashes plain, markup and
    runs of white space gone, lower case."""
    text = html.unescape(text).translate(str.maketrans("‘’“”—–", "''\"\"--"))
    return re.sub(r"\s+", " ", re.sub(r"[*_#`]", "", text)).strip().lower().strip(' ."')


def _same_sentence(quote: str, excerpt: str) -> bool:
    quote, excerpt = _plain(quote), _plain(excerpt)
    return bool(quote) and bool(excerpt) and (quote in excerpt or excerpt in quote)


def score_page(page: Page, report, verbose: bool) -> Score:
    score = Score(pages=1, decisions=int(report.decision.value == page.decision))
    findings = report.active_findings()
    explained: set[int] = set()
    for family, quote in page.items:
        score.planted += 1
        rules = FAMILY_RULES.get(family, (family,))
        hit = next((i for i, f in enumerate(findings) if f.rule in rules and (quote is None or _same_sentence(quote, f.excerpt))), None)
        if hit is not None:
            score.caught += 1
            explained.add(hit)
        if verbose:
            print(f"  {page.name} [{family}] {'CAUGHT' if hit is not None else 'missed'}: {quote or '(the page)'}")
    for i, finding in enumerate(findings):
        if i in explained or any(quote and _same_sentence(quote, finding.excerpt) for _, quote in page.items):
            continue  # another family's finding on a planted sentence is no false positive
        fine = any(_same_sentence(quote, finding.excerpt) for quote in page.fine)
        score.false_positives += 1
        score.on_fine += fine
        if verbose:
            print(f"  {page.name} FP{' (fine)' if fine else ''} {finding.rule}: {finding.excerpt[:120]}")
    if verbose:
        print(f"  {page.name}: decision {report.decision.value}, key {page.decision}")
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="set folders under datasets/reviewer_pages (default: all)")
    parser.add_argument("--policy", default="default", help="policy file or built-in pack (default: %(default)s)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each planted item and each false positive")
    args = parser.parse_args()

    from medguard import Document, Engine, PluginHost, load_policy

    host = PluginHost()
    engine = Engine(load_policy(args.policy, host.rule_types), host)
    folders = [SETS / name for name in args.sets] if args.sets else sorted(p for p in SETS.iterdir() if p.is_dir())
    total = Score()
    for folder in folders:
        if not (folder / "truth.md").is_file():
            print(f"bench_reviewer_pages: {folder} has no truth.md", file=sys.stderr)
            return 2
        score = Score()
        for page in read_key(folder / "truth.md"):
            path = folder / "pages" / page.name
            document = Document(id=page.name, body=path.read_text(encoding="utf-8"), format=page_format(path))
            score.add(score_page(page, engine.check(document, source=str(path)).report, args.verbose))
        print(score.line(folder.name))
        total.add(score)
    if len(folders) > 1:
        print(total.line("all"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

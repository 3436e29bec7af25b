"""Recall and false positives on the reviewer sets (datasets/reviewer_pages).

Each set is eleven web pages a reviewer wrote blind, with a key (``truth.md``) listing the
problems planted in each page, by family, the sentences that look suspicious but are fine, and
the publish decision. For every set this checks each page in-process and prints: planted items
caught (an active finding of one of the rules that check the item's family, on its sentence; a
page-level item by a finding anywhere on the page), false positives (findings on a sentence
nobody planted, and how many of them on a sentence the key calls fine) and decisions that match
the key. It is ``medguard eval pages`` (medguard/eval/pages.py) with a finding matched by its rule
rather than its category, so that an establishment item counts only for the establishment rule,
as the figures in docs/quality.md always have. Off-label items count as planted; the default
pack checks them for the medicines its off-label rule lists, a brand pack for its own products.

    python benchmarks/bench_reviewer_pages.py                 # every set, totals last
    python benchmarks/bench_reviewer_pages.py -v set-32 set-33  # each item and false positive
    python benchmarks/bench_reviewer_pages.py --policy examples/policies/off-label.yaml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from medguard.eval.pages import Score, by_category, check_pages, details, read_key

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
    "off-label": (),
    "off-label-promotion": (),
}
"""A key's family tags (two reviewers' spellings) and the rules that catch each; none listed: any
rule of the family's category (off-label: each pack names its own, the default pack's
``off-label.repurposed-drugs``, a brand pack's rules for its products)."""


def by_rule(family: str, finding) -> bool:
    rules = FAMILY_RULES.get(family, (family,))
    return finding.rule in rules if rules else by_category(family, finding)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="set folders under datasets/reviewer_pages (default: all)")
    parser.add_argument("--policy", default="default", help="policy file or built-in pack (default: %(default)s)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each planted item and each false positive")
    args = parser.parse_args()

    from medguard import Engine, PluginHost, load_policy

    host = PluginHost()
    engine = Engine(load_policy(args.policy, host.rule_types), host)
    folders = [SETS / name for name in args.sets] if args.sets else sorted(p for p in SETS.iterdir() if p.is_dir())
    total = Score()
    for folder in folders:
        if not (folder / "truth.md").is_file():
            print(f"bench_reviewer_pages: {folder} has no truth.md", file=sys.stderr)
            return 2
        score = Score()
        for result in check_pages(engine, folder, read_key(folder / "truth.md"), by_rule,
                                  warn=lambda message: print(f"bench_reviewer_pages: {message}", file=sys.stderr)):
            score.add(result)
            if args.verbose:
                print("\n".join(details(result)))
        print(score.line(folder.name))
        total.merge(score)
    if len(folders) > 1:
        print(total.line("all"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

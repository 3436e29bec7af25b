"""The reviewer sets' keys quote their pages, and the benchmark scores against them as it says."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from medguard import Document
from medguard.eval.pages import FAMILY_CATEGORIES, KeyPage, page_format, plain, read_key, score_page
from medguard.policy.model import BUILTIN_CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bench_reviewer_pages", ROOT / "benchmarks" / "bench_reviewer_pages.py")
bench = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

SETS = sorted(p for p in bench.SETS.iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_every_key_quotes_its_pages_visible_text(engine, folder):
    pages = read_key(folder / "truth.md")
    assert len(pages) == 11 and sorted(p.name for p in pages) == sorted(p.name for p in (folder / "pages").iterdir())
    for page in pages:
        path = folder / "pages" / page.name
        text = plain(engine.parse(Document(body=path.read_text(encoding="utf-8"), format=page_format(path))).text)
        assert page.decision in ("block", "warn", "pass"), page.name
        for family, quote in page.items:
            assert family in bench.FAMILY_RULES and FAMILY_CATEGORIES.get(family, family) in BUILTIN_CATEGORIES, f"{page.name}: {family!r}"
            assert quote is None or plain(quote) in text, f"{page.name}: {quote!r}"
        for quote in page.fine:
            assert plain(quote) in text, f"{page.name}: {quote!r}"


def test_the_benchmark_counts_a_catch_only_for_the_rules_of_the_items_family(engine):
    """Unlike ``medguard eval pages`` (by category), an establishment item is caught only by the
    establishment rule, as the figures in docs/quality.md always counted it."""
    body = "# SlimPath weight-loss tablets\n\nSlimPath melts away stubborn fat in days, and doctors agree.\n"
    report = engine.check(Document(body=body, format="markdown")).report
    assert {f.rule for f in report.active_findings()} >= {"efficacy.unsupported-claim", "efficacy.establishment-claim"}
    planted = KeyPage("slimpath.md", 1, "block", items=[("establishment", "SlimPath melts away stubborn fat in days, and doctors agree.")])
    [item] = score_page(planted, report, bench.by_rule).items
    assert item.caught_by == "efficacy.establishment-claim"
    unsupported_only = report.model_copy(update={"findings": [f for f in report.findings if f.rule != "efficacy.establishment-claim"]})
    assert score_page(planted, unsupported_only, bench.by_rule).items[0].caught_by is None
    assert score_page(planted, unsupported_only).items[0].caught_by == "efficacy.unsupported-claim"  # by category

"""The reviewer sets' keys quote their pages, and the benchmark scores against them as it says."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from medguard import Document

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bench_reviewer_pages", ROOT / "benchmarks" / "bench_reviewer_pages.py")
bench = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

SETS = sorted(p for p in bench.SETS.iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_every_key_quotes_its_pages_visible_text(engine, folder):
    pages = bench.read_key(folder / "truth.md")
    assert len(pages) == 11 and sorted(p.name for p in pages) == sorted(p.name for p in (folder / "pages").iterdir())
    for page in pages:
        path = folder / "pages" / page.name
        text = bench._plain(engine.parse(Document(body=path.read_text(encoding="utf-8"), format=bench.page_format(path))).text)
        assert page.decision in ("block", "warn", "pass"), page.name
        for family, quote in page.items:
            assert family in bench.FAMILY_RULES, f"{page.name}: unknown family {family!r}"
            assert quote is None or bench._plain(quote) in text, f"{page.name}: {quote!r}"
        for quote in page.fine:
            assert bench._plain(quote) in text, f"{page.name}: {quote!r}"


def test_a_page_scores_its_catches_misses_and_false_positives(engine):
    body = ("# SlimPath weight-loss tablets\n\nSlimPath melts away stubborn fat in days. Doctors agree it works.\n\n"
            "Our team will call you back within the hour.\n")
    page = bench.Page("slimpath.md", decision="block", items=[("unsupported", "SlimPath melts away stubborn fat in days."),
                                                             ("absolute", "Our team will call you back within the hour."),
                                                             ("missing-risk", None)])
    report = engine.check(Document(body=body, format="markdown")).report
    score = bench.score_page(page, report, verbose=False)
    rules = {f.rule for f in report.active_findings()}
    assert {"efficacy.unsupported-claim", "efficacy.establishment-claim", "risk.missing-disclosure"} <= rules
    assert (score.planted, score.caught) == (3, 2)  # the made-up absolute item is missed
    assert score.false_positives == 2  # "Doctors agree it works" (establishment and unsupported) was planted by no one
    assert score.decisions == 1

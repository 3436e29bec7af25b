"""Fingerprints: stable across unrelated edits, distinct for distinct occurrences."""

from __future__ import annotations

from .conftest import ARTICLES, check_text

PAGE = """<h1>Joint relief</h1>
<p>FlexiJoint is clinically proven. It cures arthritis.</p>
<ul><li>It cures arthritis in days.</li></ul>
"""


def prints(report):
    return [(f.rule, f.excerpt, f.fingerprint) for f in report.findings]


def test_stable_when_unrelated_text_is_inserted_before(engine):
    before = check_text(engine, PAGE, "html")
    edited = PAGE.replace("<h1>Joint relief</h1>",
                          "<h1>Joint relief</h1>\n<p>Updated March 2026 by our editors. Reviewed by Dr. Marsh.</p>\n"
                          "<figure><img src=a.png alt='A runner'><figcaption>Photo: stock</figcaption></figure>")
    after = check_text(engine, edited, "html")
    assert prints(after) == prints(before)
    assert [f.start for f in after.findings] != [f.start for f in before.findings]  # positions did move
    assert [f.line for f in after.findings] != [f.line for f in before.findings]


def test_stable_across_whitespace_case_and_markup_changes(engine):
    before = check_text(engine, PAGE, "html")
    restyled = PAGE.replace("It cures arthritis.</p>", "It <strong>CURES</strong>\n   arthritis.</p>")
    after = check_text(engine, restyled, "html")
    assert [f.fingerprint for f in after.findings] == [f.fingerprint for f in before.findings]


def test_different_for_different_occurrences_and_rules(engine):
    report = check_text(engine, PAGE, "html")
    fingerprints = [f.fingerprint for f in report.findings]
    assert len(report.findings) == 3
    assert len(set(fingerprints)) == 3  # two "cures" of one rule differ by occurrence
    first_cure, second_cure = [f for f in report.findings if f.rule == "absolute.cure"]
    assert first_cure.excerpt == second_cure.excerpt == "cures"


def test_changes_when_the_flagged_words_change(engine):
    before = {f.rule: f.fingerprint for f in check_text(engine, "It cures colds.").findings}
    after = {f.rule: f.fingerprint for f in check_text(engine, "It cured colds.").findings}
    assert before["absolute.cure"] != after["absolute.cure"]


def test_same_fingerprints_in_a_real_article_after_a_new_intro(engine):
    source = (ARTICLES / "promo-weightloss.md").read_text()
    before = check_text(engine, source, "markdown")
    edited = source.replace("# Melt Fat Fast With Doctor-Prescribed Semaglutide\n",
                            "# Melt Fat Fast With Doctor-Prescribed Semaglutide\n\n"
                            "*Editor's note: prices updated for 2026.*\n")
    after = check_text(engine, edited, "markdown")
    assert prints(after) == prints(before) and len(before.findings) == 5
    guaranteed = [f.fingerprint for f in before.findings if f.rule == "absolute.guarantee"]
    assert len(guaranteed) == 2 and guaranteed[0] != guaranteed[1]  # heading and body say the same words

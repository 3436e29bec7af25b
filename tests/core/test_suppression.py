"""Inline suppressions: comments in HTML and Markdown that waive a rule, with a reason."""

from __future__ import annotations

from medguard import Document

from .conftest import CORE_POLICY, EXAMPLES, check_text


def by_rule(report):
    return {(f.rule, f.excerpt): f for f in report.findings}


HTML_PAGE = """<article>
<h2>What patients say</h2>
<!-- medguard-disable-next-line absolute.cure: verbatim patient testimonial, approved by legal 2026-10-02 -->
<blockquote>&ldquo;ClearPath put me on Suboxone and it cured me in a week.&rdquo;</blockquote>
<p>Our program cured 200 patients last year.</p>
</article>"""


def test_disable_next_line_in_html(engine):
    report = check_text(engine, HTML_PAGE, "html")
    findings = by_rule(report)
    quoted = findings[("absolute.cure", "cured")]  # the first one, in the quote
    assert [f.excerpt for f in report.findings if f.rule == "absolute.cure"] == ["cured", "cured"]
    first, second = [f for f in report.findings if f.rule == "absolute.cure"]
    assert first.suppressed and first.suppression.kind == "inline"
    assert first.suppression.reason == "verbatim patient testimonial, approved by legal 2026-10-02"
    assert first.suppression.line == 3
    assert not second.suppressed  # the next paragraph is not covered
    assert quoted.fingerprint in {first.fingerprint, second.fingerprint}
    assert report.decision.value == "block"  # the unsuppressed one still blocks


def test_suppressed_findings_do_not_count_in_the_decision(engine):
    page = HTML_PAGE.replace("<p>Our program cured 200 patients last year.</p>", "")
    report = check_text(engine, page, "html")
    [finding] = report.findings
    assert finding.suppressed
    assert report.active_findings() == []
    assert report.decision.value == "pass"


def test_disable_next_line_names_only_its_rules(engine):
    page = ("<!-- medguard-disable-next-line safety.no-side-effects, efficacy.*: quoting the label -->\n"
            "<p>It cures colds, is clinically proven and has no side effects.</p>")
    report = check_text(engine, page, "html")
    states = {f.rule: f.suppressed for f in report.findings}
    assert states == {"absolute.cure": False, "efficacy.clinically-proven": True, "safety.no-side-effects": True}


def test_disable_enable_range_in_html(engine):
    page = """<p>Before: it cures colds.</p>
<!-- medguard-disable absolute.*: archived 2019 press release, kept as published -->
<p>Guaranteed results.</p>
<ul><li>It cures colds.</li></ul>
<!-- medguard-enable absolute.* -->
<p>After: it cures colds.</p>"""
    report = check_text(engine, page, "html")
    states = [(f.rule, f.excerpt, f.suppressed) for f in report.findings]
    assert states == [
        ("absolute.cure", "cures", False),
        ("absolute.guarantee", "Guaranteed results", True),
        ("absolute.cure", "cures", True),
        ("absolute.cure", "cures", False),
    ]
    assert {f.suppression.line for f in report.findings if f.suppressed} == {2}


def test_disable_without_enable_runs_to_the_end(engine):
    page = "<p>It cures colds.</p>\n<!-- medguard-disable absolute.cure: legacy page -->\n<p>It cures flu.</p><p>It cured me.</p>"
    report = check_text(engine, page, "html")
    assert [f.suppressed for f in report.findings] == [False, True, True]


def test_markdown_suppressions(engine):
    body = """---
title: Reader stories
---

# Reader stories

<!-- medguard-disable-next-line absolute.cure: patient's own words, consent on file -->
> "This program cured my back pain."

It cures back pain, we promise.

<!-- medguard-disable safety.no-side-effects: quoting the 1998 advert we are debunking -->
The advert said: "no side effects".
It also said "no side effects" twice.
<!-- medguard-enable safety.no-side-effects -->

We never said no side effects.
"""
    report = check_text(engine, body, "markdown")
    states = [(f.rule, f.suppressed, f.line) for f in report.findings]
    assert states == [
        ("absolute.cure", True, 8),
        ("absolute.cure", False, 10),
        ("safety.no-side-effects", True, 13),
        ("safety.no-side-effects", True, 14),
        ("safety.no-side-effects", False, 17),
    ]
    assert report.findings[0].suppression.line == 7


def test_suppression_without_a_reason_is_ignored_and_reported(engine):
    page = "<!-- medguard-disable-next-line absolute.cure -->\n<p>It cures colds.</p>\n<!-- medguard-disable absolute.cure:   -->\n<p>It cured me.</p>"
    report = check_text(engine, page, "html")
    assert [f.suppressed for f in report.findings] == [False, False]
    diagnostics = [(d.level, d.code, d.message) for d in report.diagnostics]
    assert diagnostics == [
        ("warning", "suppression-without-reason", "line 1: medguard-disable-next-line needs a reason after a colon; ignored"),
        ("warning", "suppression-without-reason", "line 3: medguard-disable needs a reason after a colon; ignored"),
    ]


def test_a_name_no_rule_has_is_reported_with_the_closest_id(engine):
    """A misspelt id would waive nothing in silence: say so, and name the id it probably meant."""
    page = ("<!-- medguard-disable-next-line absolute.cuer: patient's words -->\n<p>It cures colds.</p>\n"
            "<!-- medguard-disable absolut.*, unsupported-efficacy, safety.*: archived -->\n<p>It cured me.</p>")
    report = check_text(engine, page, "html")
    assert [f.suppressed for f in report.findings] == [False, False]
    diagnostics = [(d.level, d.code, d.message) for d in report.diagnostics]
    assert diagnostics == [
        ("warning", "suppression-unknown-rule", "line 1: medguard-disable-next-line: no rule of the policy is named "
                                                "'absolute.cuer' (did you mean 'absolute.cure'?); that name suppresses nothing"),
        ("warning", "suppression-unknown-rule", "line 3: medguard-disable: no rule of the policy is named "
                                                "'absolut.*' (did you mean 'absolute.*'?); that name suppresses nothing"),
        ("warning", "suppression-unknown-rule", "line 3: medguard-disable: no rule of the policy is named "
                                                "'unsupported-efficacy'; that name suppresses nothing"),
    ]


def test_unknown_names_are_reported_by_the_cli_too(cli, tmp_path):
    path = tmp_path / "page.md"
    path.write_text("<!-- medguard-disable-next-line absolute.cuer: quoted -->\nIt cures colds.\n")
    result = cli("check", "--policy", CORE_POLICY, path)
    assert "no rule of the policy is named 'absolute.cuer' (did you mean 'absolute.cure'?)" in result.out


def test_suppressions_in_plain_text_are_read_and_their_words_never_checked(engine):
    body = ("<!-- medguard-disable-next-line absolute.cure: the quote says it cures colds -->\n"
            "\"It cured me in a week.\"\n\nIt cures colds.\n")
    report = check_text(engine, body, "text")
    assert [(f.excerpt, f.line, f.suppressed) for f in report.findings] == [("cured", 2, True), ("cures", 4, False)]
    assert report.findings[0].suppression.line == 1
    assert body[report.findings[1].source_start:report.findings[1].source_end] == "cures"


def test_ordinary_comments_are_not_directives(engine):
    page = "<!-- TODO: medguard-disable-next-line absolute.cure: not a directive -->\n<p>It cures colds.</p>"
    report = check_text(engine, page, "html")
    assert [f.suppressed for f in report.findings] == [False]
    assert report.diagnostics == []


def test_suppression_in_the_bundled_example_page(engine):
    source = (EXAMPLES / "suboxone-clinic.html").read_text()
    # the page waives `absolute-language.cure` for its testimonial; point it at this policy's rule id
    source = source.replace("medguard-disable-next-line absolute-language.cure", "medguard-disable-next-line absolute.cure")
    report = engine.check(Document(body=source, format="html"), "suboxone-clinic.html").report
    cures = [f for f in report.findings if f.rule == "absolute.cure"]
    assert [(f.excerpt, f.suppressed) for f in cures] == [("cured", True), ("cure your addiction", False)]
    assert cures[0].suppression.reason == "quoted patient testimonial, approved by legal 2026-10-02"


def test_suppressed_findings_are_kept_and_marked_in_json(cli, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE)
    result = cli("check", "--policy", CORE_POLICY, "--format", "json", path)
    [document] = result.json()["documents"]
    marked = [f for f in document["findings"] if f["suppression"]]
    assert len(document["findings"]) == 2 and len(marked) == 1
    assert marked[0]["suppression"] == {
        "kind": "inline", "reason": "verbatim patient testimonial, approved by legal 2026-10-02", "line": 3}
    text = cli("check", "--policy", CORE_POLICY, path)
    assert "1 error(s), 0 warning(s), 0 info, 1 suppressed" in text.out
    assert text.out.count("[absolute.cure]") == 1  # the suppressed one is not listed

"""Bad input: each gets a clear message, the run goes on with the other documents, nothing hangs."""

from __future__ import annotations

import json
import time

import pytest

from medguard import Document

from .conftest import ARTICLES, CORE_POLICY, check_text

GOOD = "This herbal tea cures colds."


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "zz-good.txt"
    path.write_text(GOOD)
    return path


def check_json(cli, *paths, extra=()):
    result = cli("check", "--policy", CORE_POLICY, "--format", "json", *extra, *paths)
    return result, {d["source"]: d for d in result.json()["documents"]}


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
@pytest.mark.parametrize("name", ["page.md", "page.txt", "page.html"])
def test_any_line_ending_gives_the_lines_an_editor_shows(cli, tmp_path, name, ending):
    """Old Mac (CR) and Windows (CRLF) files: same findings, same line and column as LF."""
    lines = ["# Herbal tea" if name.endswith(".md") else "Herbal tea", "", "Intro text.", "", GOOD]
    if name.endswith(".html"):
        lines = [f"<p>{line}</p>" if line else "" for line in lines]
    path = tmp_path / name
    path.write_bytes(ending.join(lines).encode() + ending.encode())
    result, documents = check_json(cli, path)
    [finding] = [f for f in documents[str(path)]["findings"] if f["excerpt"] == "cures"]
    column = lines[4].index("cures") + 1
    assert (finding["line"], finding["column"]) == (5, column), documents[str(path)]["diagnostics"]


@pytest.mark.parametrize("name, content", [("empty.md", b""), ("empty.txt", b""), ("blank.html", b"  \n\t\n")])
def test_empty_file(cli, tmp_path, good, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    result, documents = check_json(cli, path, good)
    empty = documents[str(path)]
    assert empty["decision"] == "pass" and empty["findings"] == []
    assert [(d["level"], d["code"], d["message"]) for d in empty["diagnostics"]] == [("info", "empty-document", "no text to check")]
    assert documents[str(good)]["findings"][0]["excerpt"] == "cures"
    assert result.code == 1  # from the good document's finding; an empty one is not an error


def test_binary_file(cli, tmp_path, good):
    path = tmp_path / "hero.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    result, documents = check_json(cli, path, good)
    assert result.code == 2
    assert f"medguard: input error: {path}: looks like a binary file (NUL bytes), not a document" in result.err
    assert list(documents) == [str(path), str(good)]
    [diagnostic] = documents[str(path)]["diagnostics"]
    assert diagnostic["code"] == "input-error" and "binary file" in diagnostic["message"]
    assert documents[str(path)]["findings"] == []


def test_invalid_utf8_is_decoded_with_replacement_and_a_diagnostic(cli, tmp_path, good):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Café owners say “Calmadol” cures colds.".encode("cp1252"))
    result, documents = check_json(cli, path, good)
    report = documents[str(path)]
    [diagnostic] = report["diagnostics"]
    assert diagnostic["code"] == "invalid-utf8" and diagnostic["level"] == "warning"
    assert diagnostic["message"] == "invalid UTF-8 at byte 3 (0xe9); decoded with replacement characters (U+FFFD)"
    [finding] = report["findings"]
    assert finding["excerpt"] == "cures" and finding["column"] == 28
    assert result.code == 1


def test_latin1_fixture(cli):
    result, documents = check_json(cli, ARTICLES / "latin1.txt")
    [report] = documents.values()
    assert [d["code"] for d in report["diagnostics"]] == ["invalid-utf8"]
    assert "byte 8 (0xae)" in report["diagnostics"][0]["message"]


def test_html_declared_charset_is_honoured(cli, tmp_path):
    path = tmp_path / "legacy.html"
    path.write_bytes('<html><head><meta charset="windows-1252"></head><body><p>Café tea cures colds.</p></body></html>'
                     .encode("cp1252"))
    result, documents = check_json(cli, path)
    report = documents[str(path)]
    assert report["diagnostics"] == []
    assert report["findings"][0]["excerpt"] == "cures"


def test_20_mb_html_page_is_refused_and_the_run_goes_on(cli, tmp_path, good):
    path = tmp_path / "archive-dump.html"
    paragraph = b"<p>Statins lower LDL cholesterol and reduce the chance of heart attacks in many adults.</p>\n"
    with path.open("wb") as out:
        out.write(b"<html><body>")
        out.write(paragraph * (20 * 1024 * 1024 // len(paragraph) + 1))
        out.write(b"</body></html>")
    started = time.perf_counter()
    result, documents = check_json(cli, path, good)
    assert time.perf_counter() - started < 10
    assert result.code == 2
    report = documents[str(path)]
    assert report["findings"] == [] and report["decision"] == "block"  # unchecked content fails closed
    [diagnostic] = report["diagnostics"]
    assert diagnostic["code"] == "input-error"
    assert diagnostic["message"] == "document is 20.0 MB, over the 10.0 MB limit (raise it with --max-bytes)"
    assert f"medguard: input error: {path}: document is 20.0 MB" in result.err
    assert documents[str(good)]["findings"][0]["excerpt"] == "cures"


def test_max_bytes_can_be_lowered(cli, tmp_path, good):
    path = tmp_path / "page.html"
    path.write_text("<p>" + "Plain words. " * 2000 + "</p>")
    result, documents = check_json(cli, path, good, extra=("--max-bytes", "1000"))
    assert "document is 25.4 KB, over the 1,000 bytes limit" in documents[str(path)]["diagnostics"][0]["message"]
    assert documents[str(good)]["findings"]


def test_2_mb_html_page_is_processed(engine):
    """A heavy but real-sized page: a big inline app state, navigation, and a long article."""
    state = json.dumps({"props": {"articles": [{"id": i, "teaser": "Statins cure nothing, says no one. " * 3}
                                               for i in range(12_000)]}})
    nav = "<nav><ul>" + "".join(f'<li><a href="/topics/{i}">Topic {i}</a></li>' for i in range(2000)) + "</ul></nav>"
    article = "".join(
        f"<h2>Section {i}</h2><p>In trial {i}, statins lowered LDL cholesterol by about 30% &mdash; "
        f"talk to your doctor about <a href=\"/risks/{i}\">muscle pain and other side effects</a>.</p>\n"
        for i in range(1500))
    page = (f"<!DOCTYPE html><html><head><title>Statins</title><script id=\"__NEXT_DATA__\" type=\"application/json\">"
            f"{state}</script></head><body>{nav}<main>{article}<p>Our supplement cures high cholesterol.</p>"
            f"</main></body></html>")
    assert 1.8e6 < len(page.encode()) < 2.5e6
    started = time.perf_counter()
    report = check_text(engine, page, "html")
    elapsed = time.perf_counter() - started
    assert [(f.rule, f.excerpt) for f in report.findings] == [("absolute.cure", "cures")]
    assert page[report.findings[0].source_start:report.findings[0].source_end] == "cures"
    assert report.diagnostics == []
    assert elapsed < 15


def test_html_nested_10000_deep(engine):
    closed = "<html><body>" + "<div>" * 10_000 + "<p>This miracle cure works.</p>" + "</div>" * 10_000 + "</body></html>"
    unclosed = "<section>" + "<div><span><em>" * 10_000 + "It cures everything."
    for page in (closed, unclosed):
        started = time.perf_counter()
        report = check_text(engine, page, "html")
        assert time.perf_counter() - started < 5
        assert [f.rule for f in report.findings] == ["absolute.cure"]
        assert page[report.findings[0].source_start:report.findings[0].source_end] in ("miracle cure", "cures")


def test_thousands_of_unclosed_comments_stay_fast_and_the_first_runs_to_the_end(engine):
    """A comment left open runs to the end from the first opening no "-->" follows, as in a browser
    (html.parser searching on from each of 20,000 openings took 8 s)."""
    for fmt, page in (("html", "<p>It cures colds.</p><!-- x --><p>More.</p>" + "<!-- open <p>It cures." * 20_000),
                      ("markdown", "It cures colds.\n\n<div>\n" + "<!-- open <p>It cures." * 20_000 + "\n")):
        started = time.perf_counter()
        report = check_text(engine, page, fmt)
        assert time.perf_counter() - started < 5
        assert [f.excerpt for f in report.findings] == ["cures"]


def test_markdown_nested_deeper_than_the_parser_goes_is_still_checked(engine):
    for body in (">" * 10_000 + " It cures colds.\n", "- " * 5_000 + "It cures colds.\n",
                 "> " * 40 + "Guaranteed results.\n"):
        started = time.perf_counter()
        report = check_text(engine, body, "markdown")
        assert time.perf_counter() - started < 5
        [finding] = report.findings
        assert body[finding.start:finding.end] in ("cures", "Guaranteed results")


def test_hostile_markdown_stays_fast(engine):
    body = "[a](" * 20_000 + " It cures colds."
    started = time.perf_counter()
    report = check_text(engine, body, "markdown")
    assert time.perf_counter() - started < 8
    assert [f.excerpt for f in report.findings] == ["cures"]


def test_catastrophic_regex_times_out_with_a_diagnostic(tmp_path, cli, good):
    policy = tmp_path / "slow.yaml"
    policy.write_text(CORE_POLICY.read_text() + """
  - id: bad.backtracking
    type: pattern
    severity: warning
    message: "A pattern that backtracks catastrophically."
    options:
      patterns: ['(a+)+$']
""")
    page = tmp_path / "aaa.txt"
    page.write_text("Our miracle cure: " + "a" * 50_000 + "!")
    started = time.perf_counter()
    result = cli("check", "--policy", policy, "--format", "json", page, good)
    elapsed = time.perf_counter() - started
    assert elapsed < 3  # the default limit is 0.25 s per pattern and document
    documents = {d["source"]: d for d in result.json()["documents"]}
    report = documents[str(page)]
    assert [f["rule"] for f in report["findings"]] == ["absolute.cure"]  # the other rules still ran
    [diagnostic] = report["diagnostics"]
    assert (diagnostic["level"], diagnostic["code"], diagnostic["rule"]) == ("error", "pattern-timeout", "bad.backtracking")
    assert "pattern '(a+)+$' ran longer than 0.25s and was stopped" in diagnostic["message"]
    assert report["decision"] == "block"  # the core policy fails closed
    assert documents[str(good)]["findings"] and result.code == 1


@pytest.mark.parametrize("on_error, code", [("fail-closed", 1), ("fail-open", 0)])
def test_a_document_blocked_because_a_rule_failed_fails_the_check(tmp_path, cli, on_error, code):
    """A CI gate or a pre-commit hook must not pass what a fail-closed policy blocks."""
    policy = tmp_path / "slow.yaml"
    policy.write_text(f'name: slow\nversion: "1"\non_error: {on_error}\nrules:\n  - id: bad.backtracking\n'
                      "    type: pattern\n    message: m\n    options: {patterns: ['(a+)+$'], timeout_ms: 50}\n")
    page = tmp_path / "aaa.txt"
    page.write_text("a" * 30_000 + "!")
    result = cli("check", "--policy", policy, "--fail-on", "info", page)
    assert "pattern-timeout" in result.out
    assert result.code == code


def test_policy_test_reports_a_timeout_as_a_failure(tmp_path, cli):
    policy = tmp_path / "slow.yaml"
    policy.write_text('name: slow\nversion: "1"\nrules:\n  - id: bad.backtracking\n    type: pattern\n'
                      "    message: m\n    options: {patterns: ['(a+)+$'], timeout_ms: 50}\n"
                      f"    examples:\n      pass: ['{'a' * 30_000}!']\n")
    result = cli("policy", "test", policy)
    assert result.code == 1
    assert "rule raised PatternTimeout: pattern '(a+)+$' ran longer than 0.05s" in result.out


@pytest.mark.parametrize("rule, message", [
    ("    type: phrase-list\n    message: m\n", "unknown rule type 'phrase-list'"),
    ("    type: pattern\n    message: m\n    options: {phrases: miracle}\n", "options.phrases: Input should be a valid list"),
    ("    type: requires\n    message: m\n    options: {if: {phrases: [x]}, then: [y]}\n", "options.then: should be a mapping of phrases, patterns, case_sensitive (got ['y'])"),
])
def test_bad_rules_stop_before_checking_with_a_clear_message(tmp_path, cli, good, rule, message):
    policy = tmp_path / "bad.yaml"
    policy.write_text(f'name: bad\nversion: "1"\nrules:\n  - id: a.b\n{rule}')
    result = cli("check", "--policy", policy, good)
    assert result.code == 2 and result.out == ""
    assert f"medguard: policy error: {policy}:" in result.err and message in result.err
    assert "Traceback" not in result.err


def test_unreadable_json_document_and_deeply_nested_json(cli, tmp_path, good):
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": "x", "body": ')
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    result, documents = check_json(cli, broken, deep, good)
    assert result.code == 2
    assert f"{broken}:1:24: invalid JSON: Expecting value" in result.err
    assert f"{deep}: reader 'json' failed: RecursionError" in result.err
    assert list(documents) == [str(broken), str(deep), str(good)]
    assert all(documents[str(p)]["diagnostics"][0]["code"] == "input-error" for p in (broken, deep))


def test_paths_that_cannot_be_looked_at(cli, tmp_path, good, deny):
    """A file in a folder we may not enter, such a folder, a name too long: an input error each,
    no traceback, and the other documents are checked."""
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.md").write_text(GOOD)
    deny(locked)
    long = tmp_path / ("a" * 300 + ".md")
    result, documents = check_json(cli, locked / "x.md", long, locked, good)
    assert result.code == 2 and "Traceback" not in result.err
    assert f"medguard: input error: {locked / 'x.md'}: cannot read: permission denied\n" in result.err
    assert f"medguard: input error: {long}: cannot read: file name too long\n" in result.err
    assert f"medguard: input error: {locked}: cannot read folder: permission denied\n" in result.err
    assert list(documents) == [str(locked / "x.md"), str(long), str(locked), str(good)]
    assert all(documents[str(p)]["diagnostics"][0]["code"] == "input-error" for p in (locked / "x.md", long, locked))
    assert documents[str(good)]["findings"][0]["excerpt"] == "cures"


def test_an_unreadable_folder_inside_a_folder_is_named(cli, tmp_path, good, deny):
    site = tmp_path / "site"
    (site / "drafts").mkdir(parents=True)
    (site / "drafts" / "a.md").write_text(GOOD)
    (site / "b.md").write_text(GOOD)
    deny(site / "drafts")
    result, documents = check_json(cli, site)
    assert result.code == 2
    assert f"medguard: input error: {site / 'drafts'}: cannot read folder: permission denied\n" in result.err
    assert list(documents) == [str(site / "b.md"), str(site / "drafts")]  # in name order
    assert documents[str(site / "b.md")]["findings"][0]["excerpt"] == "cures"


def test_stdin_binary_and_empty(cli):
    result = cli("check", "--policy", CORE_POLICY, "-", stdin=b"\x00\x01\x02binary")
    assert result.code == 2 and "-: looks like a binary file" in result.err
    result = cli("check", "--policy", CORE_POLICY, "--format", "json", "-", stdin=b"")
    assert result.code == 0
    assert result.json()["documents"][0]["diagnostics"][0]["code"] == "empty-document"


def test_document_in_an_unknown_format(engine):
    report = engine.check(Document(body="It cures.", format="docx"), "memo").report
    assert report.findings == [] and report.decision.value == "block"
    assert report.diagnostics[0].message.startswith("unknown document format 'docx' (known: ")


def test_a_page_with_more_findings_than_the_limit_lists_the_first_hundred_per_rule(cli, tmp_path, good):
    page = tmp_path / "spam.txt"
    page.write_text("This tea cures colds. " * 150)  # small enough that the pattern's time limit never cuts in
    result, documents = check_json(cli, page, good)
    report = documents[str(page)]
    assert [f["rule"] for f in report["findings"]] == ["absolute.cure"] * 100, report["diagnostics"]
    assert report["findings"][-1]["start"] == 99 * len("This tea cures colds. ") + len("This tea ")  # the first hundred
    [diagnostic] = report["diagnostics"]
    assert (diagnostic["level"], diagnostic["code"], diagnostic["rule"]) == ("warning", "too-many-findings", "absolute.cure")
    assert "more than 100" in diagnostic["message"] and report["decision"] == "block"
    assert documents[str(good)]["findings"][0]["excerpt"] == "cures"


def test_the_policy_sets_how_many_findings_a_rule_may_report(cli, tmp_path):
    policy = tmp_path / "few.yaml"
    policy.write_text(f"extends: {CORE_POLICY}\nmax_findings_per_rule: 2\n")
    page = tmp_path / "three.txt"
    page.write_text("It cures colds. It cures flu. It cures warts.")
    report = cli("check", "--policy", policy, "--format", "json", page).json()["documents"][0]
    assert [f["excerpt"] for f in report["findings"]] == ["cures", "cures"]
    assert [d["code"] for d in report["diagnostics"]] == ["too-many-findings"]

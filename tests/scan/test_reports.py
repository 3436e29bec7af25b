"""``medguard report``: formats, waivers, baselines, and the HTML report in a real browser."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from medguard.scan.html import highlight
from medguard.scan.waivers import WaiverError, parse_waivers

from .browser import Browser, find_chromium
from .conftest import CLEAN, FAULTS_POLICY, FLAGGED, PLUGINS, POLICY, by_key, report, scan, write_jsonl


@pytest.fixture
def scanned(tmp_path: Path) -> tuple[Path, Path]:
    archive = tmp_path / "site"
    archive.mkdir()
    (archive / "a-miracle.html").write_text(f"<h1>Offer</h1><p>{FLAGGED}</p><p>Few side effects.</p>")
    (archive / "b-clean.md").write_text(f"# Fine\n\n{CLEAN}\n")
    (archive / "c-inline.html").write_text(
        "<p>Intro.</p><!-- medguard-disable-next-line absolute.*: quoted from the 1890 advert, approved by legal -->"
        "<p>A miracle cure, they said.</p>")
    (archive / "d-wonder.txt").write_text("A wonder drug. " + "Filler sentence here. " * 1200 + "Guaranteed results at the end.")
    (archive / "e-broken.jsonl").write_text('{"id": "x", "text": "fine"}\n{"id": "y", "te')
    store = tmp_path / "scan.sqlite"
    scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    return archive, store


def run_report(store: Path, fmt: str, *extra, capsys) -> str:
    capsys.readouterr()
    assert report(store, "--format", fmt, *extra) == 0
    return capsys.readouterr().out


def test_jsonl_report_is_the_json_contract_and_matches_the_engine(scanned, capsys):
    archive, store = scanned
    lines = [json.loads(line) for line in run_report(store, "jsonl", capsys=capsys).splitlines()]
    assert len(lines) == 6
    stored = by_key(store)
    for line in lines:
        assert set(line) == {"source", "id", "decision", "findings", "diagnostics", "policy"}
        assert line["policy"] == {"name": "scan-test", "version": "1.0", "digest": stored[line["source"]]["policy_digest"]}
        assert line["decision"] == stored[line["source"]]["decision"]  # recomputed decision == the engine's
    miracle = next(l for l in lines if l["source"].endswith("a-miracle.html"))
    assert [f["rule"] for f in miracle["findings"]] == ["absolute.miracle", "evidence.studies-need-a-source", "risk.side-effects"]
    inline = next(l for l in lines if l["source"].endswith("c-inline.html"))
    assert inline["decision"] == "pass" and inline["findings"][0]["suppression"]["kind"] == "inline"


def test_csv_sarif_and_summary(scanned, capsys):
    archive, store = scanned
    table = list(csv.DictReader(io.StringIO(run_report(store, "csv", capsys=capsys))))
    kinds = {(r["kind"], r["rule"] or r["code"]) for r in table}
    assert ("finding", "absolute.miracle") in kinds and ("diagnostic", "input-error") in kinds
    assert {r["state"] for r in table if r["kind"] == "finding"} == {"active", "suppressed"}
    rank = {"block": 2, "warn": 1, "pass": 0}
    checked = [r for r in table if not r["source"].endswith("e-broken.jsonl:2")]
    assert [rank[r["decision"]] for r in checked] == sorted((rank[r["decision"]] for r in checked), reverse=True)  # worst first
    assert table[-1]["source"].endswith("e-broken.jsonl:2")  # the document that could not be checked comes last
    sarif = json.loads(run_report(store, "sarif", capsys=capsys))
    assert sarif["version"] == "2.1.0"
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"absolute.miracle", "evidence.studies-need-a-source", "risk.side-effects"}
    summary = run_report(store, "summary", capsys=capsys)
    assert "decisions: 2 block, 0 warn, 3 pass; not checked: 1" in summary
    assert "findings: 5 active (error 3, warning 1, info 1); 1 suppressed inline" in summary
    assert "absolute.miracle" in summary and "worst documents (by decision, then findings per 1,000 words" in summary


def test_worst_documents_are_the_densest_in_problems_not_the_longest(tmp_path, capsys):
    """A long story that quotes a few claims among many paragraphs ranks below a short page made
    of them: by decision, then findings per 1,000 words (an error counting twice)."""
    site = tmp_path / "site"
    site.mkdir()
    reporting = "The trial enrolled adults at four hospitals and followed them for a year. " * 40
    (site / "a-long-story.html").write_text(
        "".join(f"<p>{reporting}</p><p>{FLAGGED}</p>" for _ in range(4)))
    (site / "b-short-offer.html").write_text(f"<h1>Offer</h1><p>{FLAGGED}</p><p>Few side effects.</p>")
    store = tmp_path / "scan.sqlite"
    scan(site, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    stored = by_key(store)
    long_story, offer = (stored[str(site / name)] for name in ("a-long-story.html", "b-short-offer.html"))
    assert long_story["decision"] == offer["decision"] == "block"
    assert long_story["n_error"] > offer["n_error"] and long_story["words"] > 300 > offer["words"]
    summary = run_report(store, "summary", capsys=capsys)
    worst = summary.split("an error counts twice):\n")[1].splitlines()
    assert [line.rsplit("/", 1)[1] for line in worst] == ["b-short-offer.html", "a-long-story.html"]
    density = 1000 * (2 * offer["n_error"] + offer["n_warning"]) / 300  # a short page weighs as 300 words
    assert f"{density:.1f} per 1,000 words" in worst[0]
    page = run_report(store, "html", capsys=capsys)
    worst_table = page.split('<section id="worst">')[1].split("</section>")[0]
    assert worst_table.index("b-short-offer.html") < worst_table.index("a-long-story.html")
    documents = page.split('<section id="documents">')[1]
    assert documents.index("b-short-offer.html") < documents.index("a-long-story.html")


def test_every_report_names_the_documents_that_were_not_checked(scanned, capsys):
    """However few documents --limit keeps, a compliance team must see which pages were never checked."""
    archive, store = scanned
    broken = f"{archive / 'e-broken.jsonl'}:2"
    summary = run_report(store, "summary", capsys=capsys)
    assert "not fully checked (1 document(s)):" in summary and f"unreadable  {broken}: " in summary
    page = run_report(store, "html", "--limit", "1", capsys=capsys)
    assert '<section id="incomplete">' in page and broken in page
    sarif = json.loads(run_report(store, "sarif", capsys=capsys))["runs"][0]["invocations"][0]
    assert sarif["executionSuccessful"] is False
    assert any(broken in n["message"]["text"] for n in sarif["toolExecutionNotifications"])


def test_documents_that_were_not_checked_are_counted_apart_from_decisions_people_read(tmp_path, capsys):
    """An editor reads "block" as "makes claims that would block publication": a photo named
    .html, a page over the size limit and records a --fields typo left without a body are "not
    checked" in the summary and the HTML report, and never among the worst documents. Machines
    (JSONL, CSV) and the exit status keep the fail-closed decision."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "a-offer.html").write_text(f"<h1>Offer</h1><p>{FLAGGED}</p>")
    (site / "b-clean.md").write_text(f"# Fine\n\n{CLEAN}\n")
    (site / "c-photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (site / "d-huge.html").write_text("<p>" + "Nothing to see here. " * 400 + "</p>")
    write_jsonl(site / "e-stories.jsonl", [{"id": f"s{i}", "payload": {"html": f"<p>{CLEAN}</p>"}} for i in range(30)])
    store = tmp_path / "scan.sqlite"
    assert scan(site, "--store", store, "--policy", POLICY, "--fields", "body=payload.htm", "--max-bytes", 4000,
                "--workers", 0, "--quiet") == 2
    summary = run_report(store, "summary", capsys=capsys)
    assert "decisions: 1 block, 0 warn, 1 pass; not checked: 32" in summary
    worst = summary.split("an error counts twice):\n")[1].splitlines()
    assert len(worst) == 1 and worst[0].startswith("  block  ") and worst[0].endswith("a-offer.html")
    page = run_report(store, "html", capsys=capsys)
    assert '<div class="n">1</div><div class="l">block</div>' in page and '<div class="n">32</div><div class="l">not checked</div>' in page
    worst_table = page.split('<section id="worst">')[1].split("</section>")[0]
    assert "a-offer.html" in worst_table and "c-photo" not in worst_table and "e-stories" not in worst_table
    badges = re.findall(r'<h3><span class="badge (\w+)">', page.split('<section id="documents">')[1])
    assert badges == ["block"] + ["unchecked"] * 32  # checked documents first, worst first
    lines = [json.loads(line) for line in run_report(store, "jsonl", capsys=capsys).splitlines()]
    assert sorted(line["decision"] for line in lines) == ["block"] * 33 + ["pass"]  # fail-closed, as the engine decided
    table = csv.DictReader(io.StringIO(run_report(store, "csv", capsys=capsys)))
    assert {r["decision"] for r in table if r["code"] == "input-error"} == {"block"}


def test_not_fully_checked_lists_come_in_line_order_with_records_that_failed_alike_on_one_row(tmp_path, capsys):
    """A --fields typo fails every record of an export the same way: one row says so, and the
    one-off problems (a photo named .html, a cut line) are not buried under hundreds of rows."""
    site = tmp_path / "site"
    site.mkdir()
    write_jsonl(site / "odd.jsonl", [{"id": f"r{i}", "payload": {"html": f"<p>{CLEAN}</p>"}} for i in range(120)])
    write_jsonl(site / "releases.jsonl", [{"id": f"p{i}", "body": CLEAN} for i in range(9)] + [{"id": "p9"}, {"id": "p10", "body": 7}],
                tail=b'{"id": "p11", "body": "cut sho')
    (site / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 4)
    store = tmp_path / "scan.sqlite"
    assert scan(site, "--store", store, "--policy", POLICY, "--fields", "body=body", "--workers", 0, "--quiet") == 2
    no_body = "no body (looked for body; name the field with --fields body=NAME)"
    expected = [
        f"  unreadable  {site / 'odd.jsonl'}: 120 records (lines 1, 2, 3, 4, 5, …): {no_body}",
        f"  unreadable  {site / 'photo.html'}: looks like a binary file (NUL bytes), not a document",
        f"  unreadable  {site / 'releases.jsonl'}:10: {no_body}",
        f"  unreadable  {site / 'releases.jsonl'}:11: the body field holds int, not text",
        f"  unreadable  {site / 'releases.jsonl'}:12: invalid JSON at column 23: Unterminated string starting at "
        "(the line looks truncated)",
    ]
    summary = run_report(store, "summary", capsys=capsys).splitlines()
    start = summary.index("not fully checked (124 document(s)):")
    assert summary[start + 1:start + 6] == expected
    page = run_report(store, "html", capsys=capsys)
    table = page.split('<section id="incomplete">')[1].split("</section>")[0]
    assert "124 document(s) (records of one file that failed alike share a row)" in table
    cells = re.findall(r"<tr><td>unreadable</td><td><code>(.*?)</code></td>", table)
    assert cells == [f"{site / 'odd.jsonl'}: 120 records (lines 1, 2, 3, 4, 5, …)", str(site / "photo.html"),
                     *(f"{site / 'releases.jsonl'}:{line}" for line in (10, 11, 12))]


def test_a_scan_that_was_killed_is_reported_as_interrupted_not_running(scanned, capsys):
    import fcntl
    import sqlite3

    _, store = scanned
    with sqlite3.connect(store) as db:
        db.execute("UPDATE runs SET status = 'running'")  # what a kill -9 leaves behind
    summary = run_report(store, "summary", capsys=capsys)
    assert "(interrupted," in summary and "this scan is interrupted: the report covers only the documents it reached" in summary
    assert "<b>This scan is interrupted</b>" in run_report(store, "html", capsys=capsys)
    with open(store, "ab") as writer:  # a scan that is still writing holds the lock
        fcntl.flock(writer, fcntl.LOCK_EX)
        running = run_report(store, "summary", capsys=capsys)
        assert "this scan is running: the report covers only the documents it has reached so far" in running
        assert "run the same scan" not in running  # a second scan would be refused while this one writes


def test_a_finding_in_a_title_is_reported_as_such(tmp_path, capsys):
    archive = tmp_path / "export"
    archive.mkdir()
    (archive / "posts.jsonl").write_text(json.dumps({"id": "p1", "title": f"News: {FLAGGED}", "text": CLEAN}) + "\n")
    store = tmp_path / "scan.sqlite"
    scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    [row] = [r for r in csv.DictReader(io.StringIO(run_report(store, "csv", capsys=capsys))) if r["kind"] == "finding"
             and r["rule"] == "absolute.miracle"]
    assert (row["field"], row["line"], row["title"]) == ("title", "", f"News: {FLAGGED}")
    page = run_report(store, "html", capsys=capsys)
    [item] = [li for li in re.findall(r"<li class=\"finding.*?</li>", page) if 'data-rule="absolute.miracle"' in li]
    assert '<span class="muted">(title; fingerprint' in item


def test_waivers_mark_findings_recompute_decisions_and_report_expired_ones(scanned, tmp_path, capsys):
    archive, store = scanned
    stored = by_key(store)
    findings = json.loads(stored[str(archive / "a-miracle.html")]["findings"])
    miracle = next(f for f in findings if f["rule"] == "absolute.miracle")
    wonder = json.loads(stored[str(archive / "d-wonder.txt")]["findings"])[0]
    waivers = tmp_path / "waivers.yaml"
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    waivers.write_text(f"""waivers:
  - fingerprint: "{miracle['fingerprint']}"
    rule: absolute.miracle
    document: "{archive.name}/a-*.html"  # relative: matches under any folder
    reason: Quoted from a 1902 advertisement in a history article.
    approved_by: J. Rivera (compliance)
    expires: 2999-12-31
  - fingerprint: "{wonder['fingerprint']}"
    reason: Was fine last year.
    approved_by: A. Old
    expires: {yesterday}
  - fingerprint: "00000000000000000000"
    reason: Matches nothing.
    approved_by: Nobody
""")
    capsys.readouterr()
    status = scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet", "--waivers", waivers)
    summary, err = capsys.readouterr()
    assert status == 2, err
    assert "waivers: 2 in force matched 1 finding(s)" in summary
    assert f"EXPIRED {yesterday}: {wonder['fingerprint']}" in summary and "unused: 00000000000000000000" in summary
    lines = {json.loads(l)["source"]: json.loads(l) for l in run_report(store, "jsonl", capsys=capsys).splitlines()}
    waived = next(f for f in lines[str(archive / "a-miracle.html")]["findings"] if f["rule"] == "absolute.miracle")
    assert waived["suppression"] == {"kind": "waiver", "line": None,
                                     "reason": "Quoted from a 1902 advertisement in a history article. (approved by J. Rivera (compliance), expires 2999-12-31)"}
    assert lines[str(archive / "a-miracle.html")]["decision"] == "warn"  # the error is waived; the warning stays
    assert lines[str(archive / "d-wonder.txt")]["findings"][0].get("suppression") is None  # expired: counts again
    # --no-waivers and another file at report time
    plain = {json.loads(l)["source"]: json.loads(l) for l in run_report(store, "jsonl", "--no-waivers", capsys=capsys).splitlines()}
    assert plain[str(archive / "a-miracle.html")]["decision"] == "block"


def test_a_waiver_for_a_document_id_takes_only_a_cms_id_not_a_file_name(tmp_path, capsys):
    """Every clinic's ``index.html`` has the id ``index``: a waiver naming it must not waive them all."""
    archive = tmp_path / "site"
    for clinic in ("clinic-a", "clinic-b"):
        (archive / clinic).mkdir(parents=True)
        (archive / clinic / "index.html").write_text(f"<p>{FLAGGED}</p>")
    (archive / "posts.jsonl").write_text(json.dumps({"id": "post-7", "title": "Post", "text": FLAGGED}) + "\n")
    store = tmp_path / "scan.sqlite"
    scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    fingerprint = next(f["fingerprint"] for f in json.loads(by_key(store)[str(archive / "clinic-a" / "index.html")]["findings"])
                       if f["rule"] == "absolute.miracle")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers:\n" + "".join(
        f'  - fingerprint: "{fingerprint}"\n    document: {name}\n    reason: Quoted.\n    approved_by: J. Rivera\n'
        for name in ("index", "post-7")))
    capsys.readouterr()
    lines = {json.loads(l)["source"]: json.loads(l) for l in run_report(store, "jsonl", "--waivers", waivers, capsys=capsys).splitlines()}
    waived = {source: [f["rule"] for f in line["findings"] if f.get("suppression")] for source, line in lines.items()}
    assert waived[str(archive / "clinic-a" / "index.html")] == [] and waived[str(archive / "clinic-b" / "index.html")] == []
    assert waived[f"{archive / 'posts.jsonl'}:1"] == ["absolute.miracle"]


def test_the_summary_shows_a_waiver_without_document_that_waives_a_finding_on_many_pages(tmp_path, capsys):
    archive = tmp_path / "site"
    for clinic in ("clinic-a", "clinic-b", "clinic-c"):
        (archive / clinic).mkdir(parents=True)
        (archive / clinic / "index.html").write_text(f"<p>{FLAGGED}</p>")
    store = tmp_path / "scan.sqlite"
    scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    fingerprint = next(f["fingerprint"] for f in json.loads(by_key(store)[str(archive / "clinic-a" / "index.html")]["findings"])
                       if f["rule"] == "absolute.miracle")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(f'waivers:\n  - fingerprint: "{fingerprint}"\n    reason: Quoted.\n    approved_by: J. Rivera\n')
    summary = run_report(store, "summary", "--waivers", waivers, capsys=capsys)
    assert f"  site-wide: {fingerprint} (approved by J. Rivera) waives it in 3 documents; add document:" in summary


def test_waiver_file_errors_name_the_line():
    with pytest.raises(WaiverError) as caught:
        parse_waivers("waivers:\n  - fingerprint: abcdef\n    reason: because\n", "w.yaml")
    assert caught.value.problems == ["w.yaml:2:5: waivers[0].approved_by: required field is missing"]
    with pytest.raises(WaiverError, match=r"w.yaml:3:3: waivers\[0\].colour: unknown field 'colour' \(fields: fingerprint, "):
        parse_waivers("- fingerprint: abcdef\n  reason: because\n  colour: red\n  approved_by: me\n", "w.yaml")
    with pytest.raises(WaiverError, match=r"waivers\[0\].aproved_by: unknown field 'aproved_by' \(did you mean 'approved_by'\?\)"):
        parse_waivers("- fingerprint: abcdef\n  reason: because\n  aproved_by: me\n", "w.yaml")
    with pytest.raises(WaiverError, match=r"w.yaml:1:3: waivers\[0\].fingerprint: .*put it in quotes"):
        parse_waivers("- fingerprint: 01234567\n  reason: because\n  approved_by: me\n", "w.yaml")
    assert parse_waivers("", "w.yaml") == []


def test_baseline_reports_only_new_findings(scanned, tmp_path, capsys):
    archive, store = scanned
    baseline = tmp_path / "baseline.sqlite"
    shutil.copyfile(store, baseline)
    (archive / "f-new.txt").write_text("New page: guaranteed results!")
    (archive / "d-wonder.txt").write_text("A wonder drug. A miracle cure too.")  # one old finding, one new
    capsys.readouterr()
    scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet", "--baseline", baseline)
    summary = capsys.readouterr().out
    assert f"already in baseline {baseline.resolve()}" in summary
    lines = {json.loads(l)["source"]: json.loads(l) for l in run_report(store, "jsonl", capsys=capsys).splitlines()}
    assert [f["excerpt"] for f in lines[str(archive / "f-new.txt")]["findings"]] == ["guaranteed results"]
    assert [f["excerpt"] for f in lines[str(archive / "d-wonder.txt")]["findings"]] == ["miracle cure"]
    assert lines[str(archive / "a-miracle.html")]["findings"] == [] and lines[str(archive / "a-miracle.html")]["decision"] == "pass"
    everything = {json.loads(l)["source"]: json.loads(l) for l in run_report(store, "jsonl", "--no-baseline", capsys=capsys).splitlines()}
    assert len(everything[str(archive / "a-miracle.html")]["findings"]) == 3


def test_highlight_marks_overlapping_findings_and_windows_long_texts():
    from medguard.models import Finding

    def finding(start, end, severity="error", rule="r"):
        return Finding(rule=rule, category="c", severity=severity, message="m", start=start, end=end, fingerprint="f")

    text = "0123456789<b>"
    out, anchored = highlight(text, [finding(2, 6), finding(4, 8, "info", "s")], 0)
    assert anchored == {0, 1}
    assert out == ('01<mark id="m-0-0" class="sev-error" data-f="0" title="r: m">23</mark>'
                   '<mark id="m-0-1" class="sev-error" data-f="0 1" title="r: m; s: m">45</mark>'
                   '<mark class="sev-info" data-f="1" title="s: m">67</mark>89&lt;b&gt;')
    long = "x" * 50_000 + "HIT" + "y" * 50_000
    out, _ = highlight(long, [finding(50_000, 50_003)], 3)
    assert 'data-f="0"' in out and out.count("…") == 2 and len(out) < 2_000


def test_html_report_is_self_contained(scanned, tmp_path, capsys):
    archive, store = scanned
    out = tmp_path / "report.html"
    assert report(store, "--format", "html", "-o", out) == 0
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing fetched from anywhere
    assert "<svg" in page and page.count('<article class="doc"') == 4 and "<mark" in page
    assert "Worst documents" in page and "absolute.miracle" in page


@pytest.fixture(scope="module")
def chromium() -> str:
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install -y chromium); the HTML report is not checked in a browser")
    return executable


def test_html_report_renders_in_a_real_browser_without_errors(scanned, tmp_path, chromium):
    archive, store = scanned
    out = tmp_path / "report.html"
    assert report(store, "--format", "html", "-o", out) == 0
    browser = Browser(chromium, tmp_path / "profile")
    try:
        browser.open(out.as_uri())
        assert browser.evaluate("document.body.dataset.ready") == "1"
        assert browser.evaluate("document.querySelectorAll('svg').length") >= 4
        assert browser.evaluate("document.getElementById('visible-count').textContent") == "4 of 4 documents shown"
        shot = browser.screenshot(tmp_path / "report.png")
        assert shot.stat().st_size > 20_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        # filter by rule: only the two documents with absolute.miracle findings stay (inline-suppressed one included)
        browser.evaluate("var s = document.getElementById('f-rule'); s.value = 'absolute.miracle'; s.dispatchEvent(new Event('change'))")
        assert browser.evaluate("document.getElementById('visible-count').textContent") == "3 of 4 documents shown"
        assert "rule=absolute.miracle" in browser.evaluate("location.hash")
        # filter by severity: info only
        browser.evaluate("""document.getElementById('f-rule').value = '';
            document.querySelectorAll('input[name=sev]').forEach(function(b){ b.checked = b.value === 'info'; });
            document.getElementById('f-rule').dispatchEvent(new Event('change'))""")
        assert browser.evaluate("document.getElementById('visible-count').textContent") == "1 of 4 documents shown"
        assert browser.evaluate("document.querySelectorAll('mark:not(.off)').length") == 1
        # a filtered link opens filtered (in a new tab)
        browser.open(out.as_uri() + "#severity=warning")
        assert browser.evaluate("document.getElementById('visible-count').textContent") == "1 of 4 documents shown"
        assert browser.problems() == []
    finally:
        browser.close()


def test_baseline_matches_a_document_by_its_key_or_its_cms_id_not_by_its_file_name(tmp_path, capsys):
    """Every index.html is named ``index`` after its file: a new clinic's index.html is a new
    document, and so is a JSONL record put on the line of another; a record that moved is not."""
    archive = tmp_path / "sites"
    (archive / "clinic-a").mkdir(parents=True)
    (archive / "clinic-a" / "index.html").write_text(f"<p>{FLAGGED}</p>")
    stories = archive / "stories.jsonl"
    stories.write_text(json.dumps({"id": "s1", "text": FLAGGED}) + "\n" + json.dumps({"id": "s2", "text": f"Old. {FLAGGED}"}) + "\n")
    store, baseline = tmp_path / "scan.sqlite", tmp_path / "baseline.sqlite"
    scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    shutil.copyfile(store, baseline)
    (archive / "clinic-b").mkdir()
    (archive / "clinic-b" / "index.html").write_text(f"<p>New page. {FLAGGED}</p>")
    # s1 is gone, s3 takes its line; s2 moves up a line
    stories.write_text(json.dumps({"id": "s3", "text": FLAGGED}) + "\n" + json.dumps({"id": "s2", "text": f"Old. {FLAGGED}"}) + "\n")
    scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet", "--baseline", baseline)
    lines = {json.loads(l)["source"]: json.loads(l) for l in run_report(store, "jsonl", capsys=capsys).splitlines()}
    new = [f["rule"] for f in lines[str(archive / "clinic-b" / "index.html")]["findings"]]
    assert new == ["absolute.miracle", "evidence.studies-need-a-source"]
    assert lines[str(archive / "clinic-a" / "index.html")]["findings"] == []
    assert [f["rule"] for f in lines[f"{stories}:1"]["findings"]] == new  # s3: another record on s1's line
    assert lines[f"{stories}:2"]["findings"] == []  # s2, moved: matched by its id


def test_cms_id_is_the_id_a_cms_gave_not_the_file_name():
    from medguard.scan.results import cms_id

    assert cms_id("/s/clinic/index.html", "index") is None
    assert cms_id("/s/posts.json#3", "posts-3") is None
    assert cms_id("/s/post.json", "post") is None
    assert cms_id("/s/posts.json#3", "417") == "417"
    assert cms_id("/s/stories.jsonl:12", "story-12") == "story-12"
    assert cms_id("/s/site.xml#0", "11") == "11"
    assert cms_id("/s/stories.jsonl:4", None) is None


def test_a_partial_scan_with_another_policy_keeps_each_documents_decision_and_reports_say_so(tmp_path, capsys):
    """A new policy run over one folder must not re-decide the documents the old one checked."""
    archive = tmp_path / "site"
    (archive / "old").mkdir(parents=True)
    (archive / "new").mkdir()
    (archive / "old" / "a.txt").write_text(FLAGGED)
    (archive / "new" / "b.txt").write_text(FLAGGED)
    store = tmp_path / "scan.sqlite"
    scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    lenient = tmp_path / "lenient.yaml"  # errors only warn
    lenient.write_text(POLICY.read_text().replace('version: "1.0"', 'version: "2.0"').replace("block: error", "block: null")
                       .replace("warn: warning", "warn: error"))
    scan(archive / "new", "--store", store, "--policy", lenient, "--workers", 0, "--quiet")
    summary = capsys.readouterr().out
    assert "decisions: 1 block, 1 warn, 0 pass" in summary
    assert "the store mixes policies: 1 document(s) checked under scan-test 1.0, 1 under scan-test 2.0" in summary
    lines = {Path(json.loads(l)["source"]).name: json.loads(l) for l in run_report(store, "jsonl", capsys=capsys).splitlines()}
    assert (lines["a.txt"]["decision"], lines["a.txt"]["policy"]["version"]) == ("block", "1.0")
    assert (lines["b.txt"]["decision"], lines["b.txt"]["policy"]["version"]) == ("warn", "2.0")
    table = list(csv.DictReader(io.StringIO(run_report(store, "csv", capsys=capsys))))
    assert {(Path(r["source"]).name, r["decision"], r["policy_version"]) for r in table} == {("a.txt", "block", "1.0"), ("b.txt", "warn", "2.0")}
    page = run_report(store, "html", capsys=capsys)
    assert "<b>This store mixes policies</b>: 1 document(s) checked under scan-test 1.0, 1 under scan-test 2.0" in page
    sarif = json.loads(run_report(store, "sarif", capsys=capsys))["runs"][0]
    assert [(p["version"], p["documents"]) for p in sarif["properties"]["policies"]] == [("1.0", 1), ("2.0", 1)]
    assert any(n["properties"]["code"] == "mixed-policies" for n in sarif["invocations"][0]["toolExecutionNotifications"])


def test_reports_say_which_documents_older_medguard_code_checked(tmp_path, capsys):
    """After an upgrade (here: a plugin's code changed) a scan of one folder leaves the other
    folders' results from the old code: the reports say how many, until a scan updates them."""
    site = tmp_path / "site"
    for folder in ("2023", "2024"):
        (site / folder).mkdir(parents=True)
        for i in range(3):
            (site / folder / f"story-{i}.html").write_text(f"<h1>Story {i}</h1><p>{FLAGGED if i else CLEAN}</p>")
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    shutil.copy(PLUGINS / "scan_test_faults.py", plugins)
    store = tmp_path / "scan.sqlite"
    args = ("--store", store, "--policy", POLICY, "--plugins-dir", plugins, "--workers", 0, "--quiet")
    assert scan(site, *args) == 0
    assert "older code" not in capsys.readouterr().out
    [old] = {row["engine_digest"] for row in by_key(store).values()}
    with open(plugins / "scan_test_faults.py", "a") as plugin:
        plugin.write("# 1.1: a fix that changes findings without a version bump\n")
    assert scan(site / "2024", *args) == 0
    [new] = {row["engine_digest"] for row in by_key(store).values()} - {old}
    note = (f"3 document(s) were checked by the medguard or plugin code of an earlier scan (engine {old}), not the latest "
            f"scan's (engine {new}); scan them again to update them")
    assert f"older code: {note}" in capsys.readouterr().out.splitlines()
    assert f"older code: {note}" in run_report(store, "summary", capsys=capsys).splitlines()
    assert f"<b>Checked by older code</b>: {html.escape(note)}." in run_report(store, "html", capsys=capsys)
    sarif = json.loads(run_report(store, "sarif", capsys=capsys))["runs"][0]["invocations"][0]
    assert {"level": "warning", "message": {"text": note}, "properties": {"code": "older-code"}} in sarif["toolExecutionNotifications"]
    assert scan(site, *args) == 0
    assert "older code" not in capsys.readouterr().out


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_quoted(tmp_path, capsys):
    export = tmp_path / "posts.jsonl"
    export.write_text(json.dumps({"id": "=HYPERLINK(\"http://evil.example\",\"x\")", "title": "+1 miracle",
                                  "text": f"@SUM(A1) {FLAGGED}"}) + "\n"
                      + json.dumps({"id": "-2", "title": "\tTabbed", "text": FLAGGED}) + "\n")
    store = tmp_path / "scan.sqlite"
    scan(export, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    table = list(csv.DictReader(io.StringIO(run_report(store, "csv", capsys=capsys))))
    assert {(r["id"], r["title"]) for r in table} == {("'=HYPERLINK(\"http://evil.example\",\"x\")", "'+1 miracle"),
                                                     ("'-2", "'\tTabbed")}
    assert {r["decision"] for r in table} == {"block"}  # other cells as they were


def test_csv_rows_say_where_a_finding_ends_as_json_does(tmp_path, capsys):
    """end_line/end_column are appended after the earlier columns, which keep their order; a
    finding that runs onto the next line ends there, and one in a title has no line at all."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "tea.md").write_text("# Tea\n\nOur tea is a miracle\ncure for colds.\n")
    write_jsonl(site / "posts.jsonl", [{"id": "p1", "title": "A miracle cure", "text": CLEAN}])
    store = tmp_path / "scan.sqlite"
    scan(site, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    out = run_report(store, "csv", capsys=capsys)
    assert out.splitlines()[0] == ("kind,source,id,title,decision,rule,category,severity,state,message,field,line,column,"
                                   "start,end,excerpt,fingerprint,reason,references,code,policy,policy_version,policy_digest,"
                                   "end_line,end_column")
    rows_by_source = {Path(r["source"]).name: r for r in csv.DictReader(io.StringIO(out))}
    page = rows_by_source["tea.md"]
    assert (page["line"], page["column"], page["end_line"], page["end_column"]) == ("3", "14", "4", "5")  # "miracle\ncure"
    title = rows_by_source["posts.jsonl:1"]
    assert (title["field"], title["line"], title["end_line"], title["end_column"]) == ("title", "", "", "")
    [document] = [json.loads(line) for line in run_report(store, "jsonl", capsys=capsys).splitlines() if "tea.md" in line]
    [finding] = document["findings"]
    assert (finding["end_line"], finding["end_column"]) == (4, 5)


def _overlapping_report(tmp_path: Path) -> Path:
    """An HTML report of a page where two findings start at the same word."""
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY.read_text() + """  - id: absolute.miracle-word
    type: pattern
    severity: warning
    category: unsupported-efficacy
    message: "'Miracle' oversells."
    options:
      phrases: [miracle cure melts]
""")
    archive = tmp_path / "site"
    archive.mkdir()
    (archive / "a.html").write_text(f"<p>{FLAGGED} Side effects are rare.</p>")
    store, out = tmp_path / "scan.sqlite", tmp_path / "report.html"
    scan(archive, "--store", store, "--policy", policy, "--workers", 0, "--quiet")
    assert report(store, "--format", "html", "-o", out) == 0
    return out


def test_every_show_link_of_the_html_report_lands_on_an_anchor(tmp_path):
    """Findings that start together share a mark; each still has an anchor to jump to."""
    page = _overlapping_report(tmp_path).read_text()
    links = re.findall(r'<a href="#(m-[0-9-]+)" class="jump">', page)
    assert len(links) == 4  # miracle cure, miracle cure melts, studies show, side effects
    assert [link for link in links if f'id="{link}"' not in page] == []


def test_a_show_link_to_a_finding_inside_another_mark_flashes_that_mark(tmp_path, chromium):
    out = _overlapping_report(tmp_path)
    browser = Browser(chromium, tmp_path / "profile")
    try:
        browser.open(out.as_uri())
        inner = browser.evaluate("document.querySelector('mark span[id]').id")
        browser.evaluate(f"document.querySelector('a.jump[href=\"#{inner}\"]').click()")
        assert browser.evaluate(f"document.getElementById('{inner}').parentElement.classList.contains('flash')") is True
        assert browser.problems() == []
    finally:
        browser.close()


def test_sarif_names_the_export_file_and_the_records_line(tmp_path, capsys):
    import jsonschema

    folder = tmp_path / "exports #2026"
    folder.mkdir()
    stories = write_jsonl(folder / "stories.jsonl", [{"id": "s1", "text": CLEAN},
                                                     {"id": "s2", "text": f"Intro line.\n\n{FLAGGED}"}])
    posts = folder / "wp-posts.json"
    posts.write_text(json.dumps([{"id": 1, "body": CLEAN}, {"id": 7, "body": FLAGGED}]))
    page = folder / "page.txt"
    page.write_text(f"Title\n\n{FLAGGED}\n")
    store = tmp_path / "scan.sqlite"
    scan(folder, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    log = json.loads(run_report(store, "sarif", capsys=capsys))
    schema = json.loads((Path(__file__).parents[1] / "schemas" / "sarif-schema-2.1.0.json").read_text())
    assert sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str) == []
    [run] = log["runs"]
    miracle = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]: r
               for r in run["results"] if r["ruleId"] == "absolute.miracle"}
    assert set(miracle) == {"stories.jsonl", "wp-posts.json", "page.txt"}
    assert all("%232026/" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in miracle.values())
    story = miracle["stories.jsonl"]
    assert story["locations"][0]["physicalLocation"]["region"] == {"startLine": 2}  # the record's line in the file
    assert story["locations"][0]["logicalLocations"] == [{"fullyQualifiedName": f"{stories}:2", "kind": "object"}]
    assert story["properties"]["record"] == f"{stories}:2"
    assert (story["properties"]["bodyRegion"]["startLine"], story["properties"]["bodyRegion"]["startColumn"]) == (3, 6)
    post = miracle["wp-posts.json"]
    assert post["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}  # a JSON item has no line of its own
    assert post["properties"]["record"] == f"{posts}#1"
    text = miracle["page.txt"]["locations"][0]  # a page is its file: the region is in it
    assert "logicalLocations" not in text and (text["physicalLocation"]["region"]["startLine"], text["physicalLocation"]["region"]["startColumn"]) == (3, 6)
    rules = {r["id"]: r["shortDescription"]["text"] for r in run["tool"]["driver"]["rules"]}
    assert rules["absolute.miracle"] == "medguard rule absolute.miracle (unsupported-efficacy)"
    [miracle] = [r for r in run["tool"]["driver"]["rules"] if r["id"] == "absolute.miracle"]
    assert miracle["fullDescription"]["text"] == (
        "medguard policy rule absolute.miracle, in the unsupported-efficacy category; its findings are errors by default. "
        "It enforces FTC Health Products Compliance Guidance (2022) §3. Each result's message says what it found there.")


def test_sarif_from_a_store_code_points_region_ends_lines_and_uris(tmp_path, capsys, monkeypatch):
    """Columns are declared as code points, a region ends where its finding ends, every result has
    a line (a finding in a record's title: the record's), and files are named relative to the
    working folder when they are in it, else by file:// URI."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "a page.txt").write_text(f"😀 Intro.\n{FLAGGED}\n", encoding="utf-8")
    write_jsonl(site / "stories.jsonl", [{"id": "s1", "text": CLEAN}, {"id": "s2", "title": "A miracle cure", "text": CLEAN}])
    store = tmp_path / "scan.sqlite"
    scan(site, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    monkeypatch.chdir(tmp_path)
    [run] = json.loads(run_report(store, "sarif", capsys=capsys))["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}
    miracle = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in run["results"] if r["ruleId"] == "absolute.miracle"}
    assert set(miracle) == {"site/a%20page.txt", "site/stories.jsonl"}
    region = miracle["site/a%20page.txt"]["locations"][0]["physicalLocation"]["region"]
    assert {k: region[k] for k in ("startLine", "startColumn", "endLine", "endColumn")} == {
        "startLine": 2, "startColumn": 6, "endLine": 2, "endColumn": 18}  # "miracle cure", end column exclusive
    title = miracle["site/stories.jsonl"]
    assert title["locations"][0]["physicalLocation"]["region"] == {"startLine": 2}  # the record's line
    assert title["properties"]["field"] == "title"
    assert title["properties"]["titleRegion"] == {"charOffset": 2, "charLength": 12, "snippet": {"text": "miracle cure"}}
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    [run] = json.loads(run_report(store, "sarif", capsys=capsys))["runs"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]} == {
        (site / "a page.txt").as_uri(), (site / "stories.jsonl").as_uri()}  # absolute: file:// URIs


def test_reports_say_what_an_earlier_scan_left_and_what_was_partly_checked(tmp_path, capsys):
    """worker-restarted is news of the scan that checked the document; a document checked over the
    size limit is listed as partial, not as checked."""
    import sqlite3

    archive = tmp_path / "site"
    archive.mkdir()
    (archive / "a.txt").write_text(FLAGGED)
    (archive / "big.txt").write_text(f"{FLAGGED} " + "Nothing to see. " * 200)
    store = tmp_path / "scan.sqlite"
    scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet", "--max-bytes", 1000)
    restarted = {"level": "warning", "code": "worker-restarted", "message": "the worker process checking this document's batch died"}
    with sqlite3.connect(store) as db:  # what a worker killed during that scan leaves on its batch-mates
        db.execute("UPDATE documents SET diagnostics = ? WHERE key LIKE '%a.txt'", (json.dumps([restarted]),))
    assert "worker-restarted 1" in run_report(store, "summary", capsys=capsys)
    capsys.readouterr()
    scan(archive / "big.txt", "--store", store, "--policy", POLICY, "--workers", 0, "--quiet", "--max-bytes", 1000)
    summary = capsys.readouterr().out
    assert "worker-restarted" not in summary
    assert f"  partial     {archive / 'big.txt'}: " in summary
    assert "<tr><td>partial</td>" in run_report(store, "html", capsys=capsys)


def test_the_summary_names_the_plugin_of_a_rule_that_failed(tmp_path, capsys):
    archive = tmp_path / "site"
    archive.mkdir()
    (archive / "a-flagged.txt").write_text(FLAGGED)
    (archive / "b-kaboom.txt").write_text("KABOOM: this page makes the boom rule raise. Miracle cure!")
    store = tmp_path / "scan.sqlite"
    assert scan(archive, "--store", store, "--policy", FAULTS_POLICY, "--plugins-dir", PLUGINS, "--workers", 0, "--quiet") == 2
    line = (f"  partial     {archive / 'b-kaboom.txt'}: rule faults.boom (boom) raised RuntimeError: kaboom "
            "(plugin scan_test_faults)")
    assert line in capsys.readouterr().out.splitlines()
    assert line in run_report(store, "summary", capsys=capsys).splitlines()

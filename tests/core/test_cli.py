"""``medguard check`` and friends: exit codes, stdin, output formats against their schemas."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import jsonschema
import pytest

import medguard
from medguard import Report
from medguard.models import report_json_schema

from .conftest import ARTICLES, CORE_POLICY, EXAMPLES, TESTS

SHIPPED_SCHEMA = Path(medguard.__file__).parent / "schema" / "report.schema.json"
SARIF_SCHEMA = json.loads((TESTS / "schemas" / "sarif-schema-2.1.0.json").read_text())

ALL_FIXTURES = [ARTICLES / "promo-weightloss.md", ARTICLES / "careful-statins.html", ARTICLES / "wordpress-post.json",
                ARTICLES / "plain-press-release.txt", ARTICLES / "malformed.html", ARTICLES / "latin1.txt",
                EXAMPLES / "suboxone-clinic.html", EXAMPLES / "careful-buprenorphine.md"]


def check(cli, *args, stdin=None):
    return cli("check", "--policy", CORE_POLICY, *args, stdin=stdin)


# -- exit codes -----------------------------------------------------------------------------------

def test_exit_0_when_nothing_reaches_the_threshold(cli):
    result = check(cli, ARTICLES / "careful-statins.html", EXAMPLES / "careful-buprenorphine.md")
    assert result.code == 0
    assert result.out.strip() == "2 document(s) checked with core-test 1.0: 0 error(s), 0 warning(s), 0 info — 2 pass"


def test_exit_1_on_findings_at_or_above_the_threshold(cli):
    result = check(cli, ARTICLES / "promo-weightloss.md")
    assert result.code == 1
    assert "— 1 block" in result.out


def test_exit_2_on_input_errors_even_with_findings(cli, tmp_path):
    result = check(cli, ARTICLES / "promo-weightloss.md", tmp_path / "missing.md")
    assert result.code == 2
    assert f"medguard: input error: {tmp_path / 'missing.md'}: no such file or directory" in result.err
    assert "[absolute.guarantee]" in result.out  # the other document was still checked and reported
    assert ", 1 not fully checked (above) — " in result.out


def test_exit_2_on_usage_errors(cli, capsys):
    with pytest.raises(SystemExit) as raised:
        cli("check", "--fail-on", "critical", ARTICLES / "latin1.txt")
    assert raised.value.code == 2
    assert "invalid choice: 'critical'" in capsys.readouterr().err
    assert cli().code == 2  # no command: help, and 2
    result = check(cli, "--format", "yaml", ARTICLES / "latin1.txt")
    assert result.code == 2 and "unknown format 'yaml' (known: json, sarif, text)" in result.err


def test_a_misspelt_option_shows_the_commands_usage_and_the_option_meant(cli, capsys, tmp_path):
    with pytest.raises(SystemExit) as raised:
        cli("scan", ARTICLES, "--store", tmp_path / "s.sqlite", "--wrokers", "2")
    err = capsys.readouterr().err
    assert raised.value.code == 2 and not (tmp_path / "s.sqlite").exists()
    assert err.startswith("usage: medguard scan ")
    assert "medguard scan: error: unrecognized arguments: --wrokers 2 (did you mean '--workers'?)" in err
    with pytest.raises(SystemExit):
        cli("policy", "test", "--polcy=strict")
    err = capsys.readouterr().err
    assert err.startswith("usage: medguard policy test ") and "unrecognized arguments: --polcy=strict\n" in err  # nothing close
    with pytest.raises(SystemExit):
        cli("check", ARTICLES / "latin1.txt", "--fromat", "json")
    assert "medguard check: error: unrecognized arguments: --fromat json (did you mean '--format'?)" in capsys.readouterr().err


@pytest.mark.parametrize("fail_on, expected", [("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(cli, tmp_path, fail_on, expected):
    page = tmp_path / "page.md"
    page.write_text("# Our formula\n\nIt is clinically proven to help.\n")  # one warning, nothing else
    assert check(cli, "--fail-on", fail_on, page).code == expected


def test_fail_on_info_catches_headline_info(cli, tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Lose weight for good\n\nTalk to your doctor.\n")
    assert check(cli, page).code == 0
    assert check(cli, "--fail-on", "info", page).code == 1
    assert check(cli, "--fail-on", "error", page).code == 0


def test_default_threshold_follows_the_policy(cli, tmp_path):
    policy = tmp_path / "strict.yaml"
    policy.write_text(CORE_POLICY.read_text().replace("  block: error\n", "  block: warning\n"))
    page = tmp_path / "page.txt"
    page.write_text("It is clinically proven.")
    assert cli("check", "--policy", policy, page).code == 1
    assert check(cli, page).code == 0


# -- standard input -------------------------------------------------------------------------------

def test_stdin_markdown(cli):
    body = (ARTICLES / "promo-weightloss.md").read_bytes()
    result = check(cli, "--format", "json", "-", stdin=body)
    assert result.code == 1
    [document] = result.json()["documents"]
    assert document["source"] == "-" and document["id"] == "stdin"
    assert "safety.no-side-effects" in {f["rule"] for f in document["findings"]}


@pytest.mark.parametrize("stdin_format, body, rule", [
    ("auto", b"<p>It is <b>100% natural</b>.</p>", "absolute.guarantee"),
    ("auto", (ARTICLES / "wordpress-post.json").read_bytes(), "absolute.cure"),
    ("auto", b"Plain text: it cures colds.", "absolute.cure"),
    ("html", b"  It cures colds &amp; flu.", "absolute.cure"),
])
def test_stdin_formats(cli, stdin_format, body, rule):
    result = check(cli, "--format", "json", "--stdin-format", stdin_format, "-", stdin=body)
    [document] = result.json()["documents"]
    assert rule in {f["rule"] for f in document["findings"]}


def test_stdin_with_files(cli):
    result = check(cli, "--format", "json", ARTICLES / "careful-statins.html", "-", stdin=b"It cures colds.")
    assert [d["source"] for d in result.json()["documents"]] == [str(ARTICLES / "careful-statins.html"), "-"]
    assert result.code == 1


@pytest.mark.parametrize("name, body, excerpt", [
    ("page.html", "\ufeff<p>It <b>cures</b> colds &amp; flu.</p>\n", "cures"),  # as text, start would be 9, not 3
    ("page.md", "\ufeff---\ntitle: Tea\n---\n\n# Lose weight for good\n", "for good"),  # as text, no heading
])
def test_stdin_after_a_byte_order_mark(cli, tmp_path, name, body, excerpt):
    """An editor's UTF-8 BOM: the format is told from what follows it, and the offsets are those
    of the same file read from disk (counted after the BOM)."""
    page = tmp_path / name
    page.write_text(body, encoding="utf-8")
    [from_stdin] = check(cli, "--format", "json", "-", stdin=body.encode()).json()["documents"]
    [from_file] = check(cli, "--format", "json", page).json()["documents"]
    assert from_stdin["findings"] == from_file["findings"] and from_stdin["diagnostics"] == []
    [finding] = from_stdin["findings"]
    assert body[1:][finding["source_start"]:finding["source_end"]] == excerpt


# -- JSON ---------------------------------------------------------------------------------------

def test_shipped_schema_is_the_generated_one(cli):
    shipped = json.loads(SHIPPED_SCHEMA.read_text())
    assert shipped == report_json_schema(), "regenerate: medguard schema > src/medguard/schema/report.schema.json"
    assert {k: v for k, v in shipped.items() if not k.startswith("$") or k == "$defs"} == Report.model_json_schema()
    result = cli("schema")
    assert result.code == 0 and json.loads(result.out) == shipped


def test_shipped_schema_has_an_id_and_accepts_fields_a_later_version_adds(cli):
    """A consumer registers the schema by its $id, and validating a newer medguard's report (a
    field added at any level) against this copy still passes: the contract is open, not closed."""
    shipped = json.loads(SHIPPED_SCHEMA.read_text())
    assert (shipped["$id"], shipped["$schema"]) == ("urn:medguard:schema:report:1", "https://json-schema.org/draft/2020-12/schema")
    assert '"additionalProperties": false' not in SHIPPED_SCHEMA.read_text()
    report = check(cli, "--format", "json", ARTICLES / "wordpress-post.json").json()
    report["run_id"] = "r-17"
    report["policy"]["digest"] = "9c1e"
    report["documents"][0]["title"] = "Calm, naturally"
    report["documents"][0]["findings"][0]["end_source_line"] = 3
    report["documents"][0]["diagnostics"].append({"level": "info", "code": "new-kind", "message": "m", "hint": "h"})
    jsonschema.validate(report, shipped, cls=jsonschema.Draft202012Validator)
    del report["documents"][0]["findings"][0]["fingerprint"]  # still a contract: required fields stay required
    with pytest.raises(jsonschema.ValidationError, match="'fingerprint' is a required property"):
        jsonschema.validate(report, shipped, cls=jsonschema.Draft202012Validator)


def test_json_output_validates_against_the_shipped_schema(cli):
    result = check(cli, "--format", "json", *ALL_FIXTURES)
    assert result.code == 1
    report = result.json()
    jsonschema.Draft202012Validator.check_schema(json.loads(SHIPPED_SCHEMA.read_text()))
    jsonschema.validate(report, json.loads(SHIPPED_SCHEMA.read_text()), cls=jsonschema.Draft202012Validator)
    assert report["medguard_version"] == medguard.__version__
    assert report["policy"] == {"name": "core-test", "version": "1.0"}
    assert [d["source"] for d in report["documents"]] == [str(p) for p in ALL_FIXTURES]


def test_json_finding_has_the_contract_fields(cli):
    report = check(cli, "--format", "json", ARTICLES / "wordpress-post.json").json()
    [document] = report["documents"]
    assert (document["id"], document["decision"]) == ("48213", "block")
    cure = next(f for f in document["findings"] if f["rule"] == "absolute.cure")
    assert set(cure) >= {"rule", "category", "severity", "message", "start", "end", "excerpt", "line", "column",
                         "confidence", "references", "fingerprint", "explanation", "suggestion"}
    assert cure["category"] == "custom"  # `pattern` is generic; the rule names no category
    assert (cure["severity"], cure["message"], cure["excerpt"]) == ("error", "Promises a cure.", "cures")
    assert cure["references"] == ["FTC Health Products Compliance Guidance (2022), section 3.1"]
    assert cure["explanation"]["matched"] == "cures" and "cures" in cure["explanation"]["pattern"]
    assert cure["suggestion"].startswith("Say what the evidence shows")
    assert cure["confidence"] == 1.0 and len(cure["fingerprint"]) == 20
    body = json.loads((ARTICLES / "wordpress-post.json").read_text())["content"]["rendered"]
    assert body[cure["source_start"]:cure["source_end"]] == "cures"
    start = cure["source_start"]
    assert (cure["line"], cure["column"]) == (body.count("\n", 0, start) + 1, start - body.rfind("\n", 0, start))
    assert cure["line"] == 3  # line and column are in the post's HTML body


def test_excerpt_is_the_span_on_one_line_as_the_schema_says(cli, tmp_path):
    """A span that wraps onto the next line: the offsets index the file's characters, the excerpt
    shows them on one line (as the schema's description says), the same in every format."""
    page = tmp_path / "tea.md"
    source = "# Tea\n\nOur tea is a miracle\n   cure for colds.\n"
    page.write_text(source)
    [finding] = check(cli, "--format", "json", page).json()["documents"][0]["findings"]
    assert source[finding["start"]:finding["end"]] == "miracle\n   cure"
    assert finding["excerpt"] == "miracle cure"
    description = json.loads(SHIPPED_SCHEMA.read_text())["$defs"]["Finding"]["properties"]["excerpt"]["description"]
    assert "text[start:end]" in description and "each run of whitespace, line breaks included, as one space" in description
    [result] = json.loads(check(cli, "--format", "sarif", page).out)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"]["snippet"] == {"text": "miracle cure"}


def test_output_file(cli, tmp_path):
    out = tmp_path / "report.json"
    result = check(cli, "--format", "json", "--output", out, ARTICLES / "promo-weightloss.md")
    assert result.out == "" and result.code == 1
    assert json.loads(out.read_text())["documents"][0]["decision"] == "block"


# -- SARIF --------------------------------------------------------------------------------------

def test_sarif_output_validates_against_sarif_2_1_0(cli, tmp_path):
    spaced = tmp_path / "press kit" / "release 2026.txt"
    spaced.parent.mkdir()
    spaced.write_text("Velorin cures hives. Guaranteed results.\n")
    suppressed = tmp_path / "quote.html"
    suppressed.write_text("<!-- medguard-disable-next-line absolute.cure: patient quote -->\n<p>It cured me.</p>")
    result = check(cli, "--format", "sarif", *ALL_FIXTURES, spaced, suppressed)
    assert result.code == 1
    log = json.loads(result.out)
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)
    errors = sorted(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(log), key=str)
    assert errors == [], "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    [run] = log["runs"]
    assert log["version"] == "2.1.0"
    assert run["tool"]["driver"]["name"] == "medguard"
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in run["results"]} == set(rules)
    assert rules["absolute.cure"]["help"] == {"text": "Enforces: FTC Health Products Compliance Guidance (2022), section 3.1"}
    assert "help" not in rules["safety.no-side-effects"]  # it names no reference
    for r in run["results"]:
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert quote(uri, safe="/:#@!$&'()*+,;=-._~%") == uri  # a valid URI reference, spaces escaped
    spaced_results = [r for r in run["results"] if "release%202026.txt" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]]
    assert len(spaced_results) == 2
    region = spaced_results[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["charOffset"], region["charLength"]) == (1, 9, 8, 5)
    assert region["snippet"] == {"text": "cures"}
    [quoted] = [r for r in run["results"] if "quote.html" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]]
    assert quoted["suppressions"] == [{"kind": "inSource", "justification": "patient quote"}]
    levels = {r["level"] for r in run["results"]}
    assert levels <= {"error", "warning", "note"} and {"error", "warning", "note"} <= levels


def test_sarif_rules_have_a_full_description_from_category_level_and_references(cli):
    """Code-scanning dashboards show a rule's fullDescription on its page: it says what the report
    knows of the rule, and the SARIF still validates."""
    log = json.loads(check(cli, "--format", "sarif", ARTICLES / "wordpress-post.json", ARTICLES / "promo-weightloss.md").out)
    assert sorted(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(log), key=str) == []
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["absolute.cure"]["fullDescription"] == {"text": (
        "medguard policy rule absolute.cure, in the custom category; its findings are errors by default. It enforces "
        "FTC Health Products Compliance Guidance (2022), section 3.1. Each result's message says what it found there.")}
    assert rules["safety.no-side-effects"]["fullDescription"]["text"].endswith(
        "It cites no regulation or guideline. Each result's message says what it found there.")
    assert all(rule["fullDescription"]["text"].startswith(f"medguard policy rule {rule['id']}, ") for rule in rules.values())


def test_sarif_columns_are_code_points_and_regions_end(cli, tmp_path, monkeypatch):
    """The run says its columns count code points (readers assume UTF-16 units otherwise), and
    each region ends where the finding ends, as JSON's end_line and end_column say."""
    monkeypatch.chdir(tmp_path)
    Path("tea.txt").write_text("😀 Our tea is a miracle\ncure. It cures colds.\n", encoding="utf-8")
    [run] = json.loads(check(cli, "--format", "sarif", "tea.txt").out)["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in run["results"]]
    assert [(g["startLine"], g["startColumn"], g["endLine"], g["endColumn"], g["charOffset"], g["charLength"]) for g in regions] == [
        (1, 16, 2, 5, 15, 12), (2, 10, 2, 15, 32, 5)]  # "miracle\ncure", "cures"; the end column is past the last character
    findings = check(cli, "--format", "json", "tea.txt").json()["documents"][0]["findings"]
    assert [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in findings] == [(1, 16, 2, 5), (2, 10, 2, 15)]


def test_sarif_uris_are_relative_to_the_working_folder_or_file_uris(cli, tmp_path, tmp_path_factory, monkeypatch):
    site = tmp_path.resolve() / "site"
    site.mkdir()
    for name in ("a page.txt", "notes: 2026.txt", "b.txt"):
        (site / name).write_text("It cures colds.")
    elsewhere = tmp_path_factory.mktemp("elsewhere").resolve() / "c #1.txt"
    elsewhere.write_text("It cures colds.")
    monkeypatch.chdir(site.parent)
    [run] = json.loads(check(cli, "--format", "sarif", site / "a page.txt", "site/notes: 2026.txt", "./site/b.txt", elsewhere).out)["runs"]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]] == [
        {"uri": "site/a%20page.txt", "uriBaseId": "%SRCROOT%"},  # absolute, in the working folder
        {"uri": "site/notes%3A%202026.txt", "uriBaseId": "%SRCROOT%"},  # ':' escaped: not a scheme
        {"uri": "site/b.txt", "uriBaseId": "%SRCROOT%"},  # relative: as given
        {"uri": elsewhere.as_uri()},
    ]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": site.parent.as_uri() + "/"}}


# -- text ---------------------------------------------------------------------------------------

def test_text_output_marks_the_span_in_its_sentence(cli):
    source = (EXAMPLES / "suboxone-clinic.html").read_text()
    result = check(cli, EXAMPLES / "suboxone-clinic.html")
    lines = result.out.splitlines()
    header = next(i for i, line in enumerate(lines) if "[safety.no-side-effects]" in line)
    offset = source.index("virtually no side effects")
    line, column = source.count("\n", 0, offset) + 1, offset - source.rfind("\n", 0, offset)
    assert lines[header] == (f"{EXAMPLES / 'suboxone-clinic.html'}:{line}:{column}: error "
                             "Claims a medicine has no side effects. [safety.no-side-effects]")
    sentence, marker = lines[header + 1], lines[header + 2]
    assert sentence.startswith("    Our patients report virtually no side effects, and the medication is gentle")
    assert sentence.endswith("…")  # the sentence is cut some way after the span
    assert marker.strip() == "^" * len("virtually no side effects")
    assert sentence[marker.index("^"):marker.index("^") + len("virtually no side effects")] == "virtually no side effects"
    cure = next(i for i, line in enumerate(lines) if "[absolute.cure]" in line and "cure your addiction" in lines[i + 1])
    assert lines[cure + 3] == "    enforces: FTC Health Products Compliance Guidance (2022), section 3.1"
    assert lines[cure + 4].startswith("    suggestion: Say what the evidence shows")
    assert lines[-1] == ("1 document(s) checked with core-test 1.0: 5 error(s), 2 warning(s), 0 info, "
                         "1 notice(s) about the input (above) — 1 block")  # its suppression comment names no core-test rule
    assert "\033[" not in result.out  # no colour when not writing to a terminal


def test_text_output_of_a_long_sentence_is_trimmed_around_the_span(cli, tmp_path):
    page = tmp_path / "long.txt"
    page.write_text("Researchers " + "carefully " * 40 + "found that it cures colds in " + "many " * 40 + "adults.")
    lines = check(cli, page).out.splitlines()
    sentence, marker = lines[1], lines[2]
    assert sentence.startswith("    …") and sentence.endswith("…")
    assert sentence[marker.index("^"):marker.index("^") + 5] == "cures" and marker.strip() == "^^^^^"


def test_text_output_shows_a_markdown_sentence_without_the_gaps_its_markup_leaves(cli, tmp_path):
    page = tmp_path / "post.md"
    page.write_text("# Clinic news\n\nOur **new** remedy _cures_ colds\nin [two days](https://example.org).\n")
    lines = check(cli, page).out.splitlines()
    header = next(i for i, line in enumerate(lines) if "[absolute.cure]" in line)
    assert lines[header].startswith(f"{page}:3:21: ")  # where the word is in the file
    sentence, marker = lines[header + 1], lines[header + 2]
    assert sentence == "    Our new remedy cures colds in two days."
    assert sentence[marker.index("^"):marker.index("^") + 5] == "cures" and marker.strip() == "^^^^^"


def test_text_output_names_a_finding_in_the_title(cli, tmp_path):
    post = tmp_path / "post.json"
    post.write_text(json.dumps({"id": 9, "title": {"rendered": "A miracle cure for colds"},
                                "content": {"rendered": "<p>Open on Mondays.</p>"}}))
    lines = check(cli, post).out.splitlines()
    header = next(i for i, line in enumerate(lines) if "[absolute.cure]" in line)
    assert lines[header].startswith(f"{post} (title): error ")
    assert lines[header + 1] == "    A miracle cure for colds"
    sarif = json.loads(check(cli, "--format", "sarif", post).out)
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "absolute.cure"]
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}  # code scanning needs a line
    assert result["properties"]["field"] == "title"
    assert result["properties"]["titleRegion"] == {"charOffset": 2, "charLength": 12, "snippet": {"text": "miracle cure"}}


def test_text_output_lists_diagnostics(cli, tmp_path):
    page = tmp_path / "empty.md"
    page.write_text("")
    result = check(cli, page)
    assert f"{page}: info: no text to check (empty-document)" in result.out
    assert result.out.rstrip().endswith("0 info, 1 notice(s) about the input (above) — 1 pass")


# -- broken pipes -----------------------------------------------------------------------------------

def test_a_closed_stdout_ends_quietly(tmp_path):
    """`medguard check ... | head -c 100`: the reader goes away; no traceback, exit 0."""
    import subprocess
    import sys

    pages = [EXAMPLES / "suboxone-clinic.html"] * 40
    process = subprocess.Popen([sys.executable, "-m", "medguard.cli", "check", "--format", "json", "--fail-on", "never", *map(str, pages)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(100)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr


def test_a_listing_whose_reader_is_gone_ends_quietly():
    """`medguard plugins | head -1`: the print that fails empties the buffer, so the closed pipe is
    found by asking the pipe, not by flushing again (here the reader is gone before the first line)."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-m", "medguard.cli", "plugins"], stdout=write_end, stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(write_end)
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr.decode()


def test_a_broken_pipe_that_is_not_stdout_is_an_error(monkeypatch):
    from medguard import cli

    def handler(args):
        raise BrokenPipeError("a worker's pipe")

    monkeypatch.setattr(cli, "_schema", handler)
    with pytest.raises(BrokenPipeError):
        cli.main(["schema"])

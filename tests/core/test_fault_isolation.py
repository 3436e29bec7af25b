"""A plugin that raises must not take the others down: diagnostics, other rules, fail-open/closed."""

from __future__ import annotations

from pathlib import Path

import pytest

from medguard import Document, Engine, PluginHost, load_policy

from .conftest import CORE_POLICY, PLUGINS, check_text

EXPLODING_RULE = """\
  - id: plugin.exploding
    type: exploding
    severity: error
    message: "Never produced: the rule type raises."
"""


@pytest.fixture(autouse=True)
def plugins_on_path(monkeypatch):
    monkeypatch.syspath_prepend(str(PLUGINS))


def policy_with_exploding_rule(tmp_path, on_error: str):
    text = CORE_POLICY.read_text().replace("on_error: fail-closed", f"on_error: {on_error}")
    path = tmp_path / f"{on_error}.yaml"
    path.write_text(text + "\n" + EXPLODING_RULE)
    return path


@pytest.mark.parametrize("on_error", ["fail-closed", "fail-open"])
def test_rule_that_raises_becomes_a_diagnostic_and_others_still_run(tmp_path, on_error):
    host = PluginHost(modules=["exploding"])
    engine = Engine(load_policy(policy_with_exploding_rule(tmp_path, on_error), host.rule_types), host)

    report = check_text(engine, "It is clinically proven, and it cures colds.")
    assert [f.rule for f in report.findings] == ["efficacy.clinically-proven", "absolute.cure"]
    [diagnostic] = report.diagnostics
    assert (diagnostic.level, diagnostic.code, diagnostic.rule, diagnostic.plugin) == (
        "error", "rule-error", "plugin.exploding", "exploding")
    assert diagnostic.message == "rule plugin.exploding (exploding) raised ZeroDivisionError: division by zero in a plugin"
    assert report.decision.value == "block"  # an error finding blocks either way

    clean = check_text(engine, "Statins lower LDL cholesterol; talk to your doctor about side effects.")
    assert clean.findings == [] and [d.code for d in clean.diagnostics] == ["rule-error"]
    assert clean.decision.value == ("block" if on_error == "fail-closed" else "pass")

    warning_only = check_text(engine, "Our formula is clinically proven.")
    assert warning_only.decision.value == ("block" if on_error == "fail-closed" else "warn")


def test_rule_that_raises_in_the_cli(tmp_path, cli):
    page = tmp_path / "page.txt"
    page.write_text("Statins lower LDL cholesterol.")
    other = tmp_path / "other.txt"
    other.write_text("This tea cures colds.")
    result = cli("check", "-p", "exploding", "--policy", policy_with_exploding_rule(tmp_path, "fail-open"),
                 "--format", "json", page, other)
    documents = result.json()["documents"]
    assert [d["decision"] for d in documents] == ["pass", "block"]
    assert all(d["diagnostics"][0]["code"] == "rule-error" for d in documents)
    assert [f["rule"] for f in documents[1]["findings"]] == ["absolute.cure"]
    assert result.code == 1
    text = cli("check", "-p", "exploding", "--policy", policy_with_exploding_rule(tmp_path, "fail-open"), page)
    assert "error: rule plugin.exploding (exploding) raised ZeroDivisionError" in text.out and "(rule-error, plugin exploding)" in text.out


def test_process_findings_that_raises(tmp_path):
    import quote_severity

    host = PluginHost(modules=["broken_post_processor", "quote_severity"])
    engine = Engine(load_policy(CORE_POLICY, host.rule_types), host)
    quote_severity.SEEN.clear()
    report = check_text(engine, "<p>It cures colds.</p><blockquote>It cured me!</blockquote>", "html")
    assert [(f.rule, f.severity.value) for f in report.findings] == [("absolute.cure", "error"), ("absolute.cure", "info")]
    assert len(quote_severity.SEEN) == 2  # the plugin after the broken one still ran
    [diagnostic] = report.diagnostics
    assert (diagnostic.code, diagnostic.plugin) == ("plugin-error", "broken_post_processor")
    assert "broken_post_processor.medguard_process_findings raised KeyError" in diagnostic.message
    assert report.decision.value == "block"

    calm = check_text(engine, "<blockquote>It cured me!</blockquote>", "html")
    assert calm.decision.value == "block"  # fail-closed: a broken post-processor blocks


def test_process_findings_that_raises_with_fail_open(tmp_path):
    path = tmp_path / "open.yaml"
    path.write_text(CORE_POLICY.read_text().replace("on_error: fail-closed", "on_error: fail-open"))
    host = PluginHost(modules=["broken_post_processor"])
    engine = Engine(load_policy(path, host.rule_types), host)
    report = check_text(engine, "Our formula is clinically proven.")
    assert report.decision.value == "warn"
    assert report.findings[0].explanation["touched_by"] == "broken_post_processor"  # what it did before raising stays


def test_plugin_that_raises_on_import_from_an_entry_point(tmp_path, monkeypatch, cli):
    """A distribution whose entry-point module raises on import: diagnostic, and the run goes on."""
    (tmp_path / "medguard_half_installed.py").write_text("raise RuntimeError('compiled extension missing')\n")
    dist = tmp_path / "medguard_half_installed-1.2.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: medguard-half-installed\nVersion: 1.2.0\n")
    (dist / "entry_points.txt").write_text("[medguard]\nhalf = medguard_half_installed\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    host = PluginHost()
    assert [(d.code, d.plugin) for d in host.diagnostics] == [("plugin-load", "half")]
    assert "RuntimeError: compiled extension missing" in host.diagnostics[0].message

    page = tmp_path / "page.txt"
    page.write_text("This tea cures colds.")
    result = cli("check", "--policy", CORE_POLICY, page)
    assert result.code == 1 and "[absolute.cure]" in result.out
    assert "plugin 'half' failed to load and was skipped" in result.err
    blocked = cli("check", "-p", "no:half", "--policy", CORE_POLICY, page)
    assert blocked.code == 1 and "half" not in blocked.err


def test_check_many_keeps_order_and_isolates_a_bad_document(tmp_path):
    host = PluginHost()
    engine = Engine(load_policy(CORE_POLICY, host.rule_types), host)
    items = [
        (Document(body="It is clinically proven.", format="text"), "a", None),
        (Document(body="<p>x</p>", format="docx"), "b", None),
        (Document(body="It cures colds.", format="text"), "c", None),
    ]
    checked = engine.check_many(items)
    assert [c.report.source for c in checked] == ["a", "b", "c"]
    assert [d.code for d in checked[1].report.diagnostics] == ["input-error"]
    assert [[f.rule for f in c.report.findings] for c in checked] == [["efficacy.clinically-proven"], [], ["absolute.cure"]]


def test_a_rule_that_fails_to_prepare_still_checks_each_document(tmp_path, monkeypatch):
    host = PluginHost()
    engine = Engine(load_policy(CORE_POLICY, host.rule_types), host)
    prepared = []

    def prepare(self, documents):
        prepared.append(len(documents))
        raise RuntimeError("batch work failed")

    for rule in engine.policy.active_rules:
        monkeypatch.setattr(type(rule.instance), "prepare", prepare)
    checked = engine.check_many([(Document(body=t, format="text"), t, None) for t in ("It cures colds.", "It is clinically proven.")])
    assert prepared and set(prepared) == {2}
    assert [[f.rule for f in c.report.findings] for c in checked] == [["absolute.cure"], ["efficacy.clinically-proven"]]
    assert not any(c.report.diagnostics for c in checked)


_MALFORMED = '''\
import re

from pydantic import BaseModel

from medguard import Detection, RuleType, hookimpl


class Malformed(RuleType):
    name = "malformed"
    category = "test"

    class Options(BaseModel):
        shape: str

    def check(self, document):
        n = len(document.text)
        yield {"tuple": (0, 4), "beyond": Detection(n + 5, n + 50), "backwards": Detection(10, 2),
               "half": Detection(3, None), "confidence": Detection(0, 4, confidence=7.5),
               "flag-as-offset": Detection(n > 0, 4), "key": Detection(0, 4, key=hash(document.text[:4])),
               "explanation": Detection(0, 4, explanation={"cue": re.search("cure", document.text)})}[self.options.shape]


@hookimpl
def medguard_register_rule_types():
    return [Malformed]
'''


@pytest.mark.parametrize("shape, why", [
    ("tuple", "check() yielded tuple, not a medguard.Detection"),
    ("beyond", "is not inside the text"),
    ("backwards", "span 10..2 is not inside the text"),
    ("half", "both start and end or neither"),
    ("confidence", "ValidationError for Finding: confidence: Input should be less than or equal to 1 (got 7.5)"),
    ("flag-as-offset", "start and end must be int offsets (got True, 4)"),
    ("key", "key must be a str or None (got int)"),
    ("explanation", "explanation cannot be written as JSON: Unable to serialize unknown type: <class 're.Match'>"),
])
def test_a_malformed_detection_is_a_rule_error_in_check_and_a_failure_in_policy_test(tmp_path, cli, shape, why):
    (tmp_path / "malformed_rule.py").write_text(_MALFORMED)
    policy = tmp_path / "policy.yaml"
    policy.write_text(CORE_POLICY.read_text() + f"""
  - id: plugin.malformed
    type: malformed
    message: m
    options: {{shape: {shape}}}
    examples:
      flag: ["Our miracle cure works overnight, every time."]
""")
    page = tmp_path / "page.txt"
    page.write_text("Our miracle cure works overnight, every time. Studies show it.")
    result = cli("check", "--plugins-dir", tmp_path, "--policy", policy, "--format", "json", page)
    [document] = result.json()["documents"]
    [diagnostic] = [d for d in document["diagnostics"] if d["rule"] == "plugin.malformed"]
    assert diagnostic["code"] == "rule-error" and why in diagnostic["message"]
    assert diagnostic["plugin"] == "malformed_rule"  # as `medguard plugins` and `-p no:` name it
    assert {f["rule"] for f in document["findings"]} >= {"absolute.cure"}  # the other rules' findings are kept
    tested = cli("policy", "test", "--plugins-dir", tmp_path, "--rule", "plugin.malformed", policy)
    assert tested.code == 1 and "gave a finding medguard cannot report" in tested.out and why in tested.out


def test_a_rule_that_raises_a_validation_error_says_each_problem_on_one_line(tmp_path, cli):
    (tmp_path / "dose_rule.py").write_text(
        "import re\n\nfrom pydantic import BaseModel, Field\n\nfrom medguard import RuleType, hookimpl\n\n"
        "class Dose(BaseModel):\n    amount_mg: float = Field(gt=0)\n    unit: str\n\n"
        "class DoseClaims(RuleType):\n    name = 'dose-claims'\n\n    def check(self, document):\n"
        "        for match in re.finditer(r'(\\d+) ?(mg)?', document.text):\n"
        "            Dose(amount_mg=match[1], unit=match[2])  # a bug: a dose written without its unit\n"
        "        return []\n\n"
        "@hookimpl\ndef medguard_register_rule_types():\n    return [DoseClaims]\n")
    policy = tmp_path / "policy.yaml"
    policy.write_text(CORE_POLICY.read_text() + "\n  - id: house.doses\n    type: dose-claims\n    message: m\n"
                      "    examples:\n      pass: [\"Take 0 tablets on the first day.\"]\n")
    page = tmp_path / "page.txt"
    page.write_text("Take 0 tablets on the first day, then 20 mg. It cures colds.")
    expected = ("rule house.doses (dose-claims) raised ValidationError for Dose: amount_mg: Input should be greater than 0 "
                "(got '0'); unit: Input should be a valid string (got None)")
    [document] = cli("check", "--plugins-dir", tmp_path, "--policy", policy, "--format", "json", page).json()["documents"]
    assert [(d["code"], d["message"]) for d in document["diagnostics"]] == [("rule-error", expected)]
    text = cli("check", "--plugins-dir", tmp_path, "--policy", policy, page)
    assert f"{page}: error: {expected} (rule-error, plugin dose_rule)" in text.out.splitlines()
    tested = cli("policy", "test", "--plugins-dir", tmp_path, "--rule", "house.doses", policy)
    line = policy.read_text().splitlines().index('      pass: ["Take 0 tablets on the first day."]') + 1
    assert f"       {policy}:{line}: pass example: {expected.replace('house.doses (dose-claims) ', '')}" in tested.out.splitlines()


def check_beside_a_good_page(cli, plugins: Path, bad: Path):
    """``check`` of a page a broken plugin (in ``plugins``) handles and of a page it does not: the
    good page, and the result."""
    good = plugins / "good.txt"
    good.write_text("A miracle cure that works overnight.")
    return good, cli("check", "--plugins-dir", plugins, "--policy", CORE_POLICY, "--format", "json", bad, good)


def test_a_parser_or_a_reporter_that_raises_is_named_and_costs_only_its_own_work(tmp_path, cli):
    (tmp_path / "broken_io.py").write_text(
        "from medguard import hookimpl\n\n"
        "class BadParser:\n    name = 'bbcode'\n    def parse(self, body):\n        raise RuntimeError('parser bug')\n\n"
        "class BadReporter:\n    name = 'boom'\n    def render(self, report):\n        return b'bytes'\n\n"
        "@hookimpl\ndef medguard_register_parsers():\n    return [BadParser()]\n\n"
        "@hookimpl\ndef medguard_register_reporters():\n    return [BadReporter()]\n")
    bad = tmp_path / "post.json"
    bad.write_text('{"body": "[b]A miracle cure[/b]", "format": "bbcode"}')
    good, result = check_beside_a_good_page(cli, tmp_path, bad)
    documents = {d["source"]: d for d in result.json()["documents"]}
    [diagnostic] = documents[str(bad)]["diagnostics"]
    assert diagnostic["code"] == "input-error" and "the bbcode parser (plugin broken_io) failed: RuntimeError" in diagnostic["message"]
    assert documents[str(good)]["findings"]  # the other document was still checked
    result = cli("check", "--plugins-dir", tmp_path, "--policy", CORE_POLICY, "--format", "boom", good)
    assert result.code == 2 and "the boom reporter (plugin broken_io) failed: TypeError" in result.err


def test_a_rule_type_with_an_invalid_default_is_a_policy_error_naming_the_plugin(tmp_path, cli):
    (tmp_path / "bad_default.py").write_text(
        "from pydantic import BaseModel\n\nfrom medguard import RuleType, hookimpl\n\n"
        "class Windowed(RuleType):\n    name = 'windowed'\n    category = 'test'\n\n"
        "    class Options(BaseModel):\n        window: int = 'ten'\n\n    def check(self, document):\n        return []\n\n"
        "@hookimpl\ndef medguard_register_rule_types():\n    return [Windowed]\n")
    policy = tmp_path / "policy.yaml"
    policy.write_text('name: t\nversion: "1"\nrules:\n  - id: a.windowed\n    type: windowed\n    message: m\n')
    result = cli("policy", "validate", "--plugins-dir", tmp_path, policy)
    assert result.code == 2
    assert "rule type 'windowed' (plugin bad_default) has an invalid default option, a bug in that plugin: window:" in result.err


def test_process_findings_that_breaks_findings_gets_them_restored_and_is_named(tmp_path, cli):
    (tmp_path / "shift_offsets.py").write_text(
        "from medguard import hookimpl\n\n"
        "@hookimpl\ndef medguard_process_findings(document, findings):\n"
        "    for finding in findings:  # offsets of the source, applied twice\n"
        "        finding.start, finding.end = finding.start + len(document.text), -1\n")
    (tmp_path / "tag_cues.py").write_text(
        "import re\n\nfrom medguard import hookimpl\n\n"
        "@hookimpl\ndef medguard_process_findings(findings):\n"
        "    for finding in findings:\n"
        "        finding.explanation['cue'] = re.search('cure', finding.excerpt)\n"
        "        finding.rule = None\n")
    page = tmp_path / "page.txt"
    page.write_text("This tea cures colds.")
    result = cli("check", "--plugins-dir", tmp_path, "--policy", CORE_POLICY, "--format", "json", page)
    [document] = result.json()["documents"]
    [finding] = document["findings"]
    assert (finding["rule"], finding["start"], finding["end"], finding["explanation"]["matched"]) == ("absolute.cure", 9, 14, "cures")
    assert "cue" not in finding["explanation"]  # as the rule made it: neither hook's change stays
    tag_cues, shift_offsets = document["diagnostics"]  # as pluggy calls them: the plugin registered last first
    assert (tag_cues["code"], tag_cues["plugin"], shift_offsets["code"], shift_offsets["plugin"]) == (
        "plugin-error", "tag_cues", "plugin-error", "shift_offsets")
    assert "Unable to serialize unknown type: <class 're.Match'>" in tag_cues["message"]
    assert shift_offsets["message"] == ("shift_offsets.medguard_process_findings left 1 invalid finding(s) "
                                        "(span 30..-1 is not inside the text (0..21)); 1 restored as they were before it")
    assert document["decision"] == "block" and result.code == 1
    text = cli("check", "--plugins-dir", tmp_path, "--policy", CORE_POLICY, page)
    assert "[absolute.cure]" in text.out and "(plugin-error, plugin tag_cues)" in text.out


def test_process_findings_gets_only_the_arguments_it_names_and_invalid_findings_are_removed(tmp_path):
    (tmp_path / "post_shapes.py").write_text(
        "from medguard import hookimpl\n\n"
        "@hookimpl\ndef medguard_process_findings(findings):\n"
        "    for finding in findings:\n        finding.severity = 'info'\n"
        "    findings.append('not a finding')\n")
    host = PluginHost(plugin_dirs=[tmp_path])
    engine = Engine(load_policy(CORE_POLICY, host.rule_types), host)
    report = check_text(engine, "It cures colds.")
    assert [(f.rule, f.severity.value) for f in report.findings] == [("absolute.cure", "info")]  # "info" read as the severity
    [diagnostic] = report.diagnostics
    assert diagnostic.plugin == "post_shapes" and "left 1 invalid finding(s) (str is not a Finding); 1 it added removed" in diagnostic.message


def write_hype_lexicon(folder: Path) -> None:
    """A plugin whose ``exclamations`` analyzer (which the ``shouting`` rule type reads) reads its
    ``hype_words`` analyzer, which raises: its word list is missing."""
    (folder / "hype_lexicon.py").write_text(
        "from medguard import hookimpl\n\n"
        "def exclamations(document):\n    return [s for s in document.sentences if document.annotation('hype_words')]\n\n"
        "def hype_words(document):\n    raise FileNotFoundError('hype.txt')\n\n"
        "@hookimpl\ndef medguard_register_analyzers():\n"
        "    return {'exclamations': exclamations, 'hype_words': hype_words}\n")


def test_an_analyzer_that_raises_is_blamed_not_the_rules_that_read_it(tmp_path, cli):
    write_hype_lexicon(tmp_path)
    policy = tmp_path / "policy.yaml"
    policy.write_text(CORE_POLICY.read_text() + "\n  - id: tone.shouting\n    type: shouting\n    message: Hype.\n")
    page = tmp_path / "page.txt"
    page.write_text("It cures colds!")
    result = cli("check", "-p", "shouting", "--plugins-dir", tmp_path, "--policy", policy, "--format", "json", page)
    [document] = result.json()["documents"]
    [diagnostic] = document["diagnostics"]
    assert (diagnostic["code"], diagnostic["rule"], diagnostic["plugin"]) == ("rule-error", "tone.shouting", "hype_lexicon")
    assert diagnostic["message"] == ("rule tone.shouting (shouting) stopped: the 'hype_words' analyzer (plugin hype_lexicon) "
                                     "raised FileNotFoundError: hype.txt")
    assert [f["rule"] for f in document["findings"]] == ["absolute.cure"]


def test_policy_test_names_the_analyzer_that_raised_as_check_does(tmp_path, cli):
    write_hype_lexicon(tmp_path)
    policy = tmp_path / "policy.yaml"
    policy.write_text(CORE_POLICY.read_text() + "\n  - id: tone.shouting\n    type: shouting\n    message: Hype.\n"
                      "    examples:\n      flag: [\"Lose 20 pounds in a week!\"]\n      pass: [\"Talk to your doctor first.\"]\n")
    result = cli("policy", "test", "-p", "shouting", "--plugins-dir", tmp_path, "--rule", "tone.shouting", policy)
    assert result.code == 1 and "FAIL tone.shouting: 0/1 flagged, 0/1 passed" in result.out
    assert result.out.count("example: rule stopped: the 'hype_words' analyzer (plugin hype_lexicon) raised "
                            "FileNotFoundError: hype.txt") == 2


def test_a_why_not_that_raises_is_a_failure_and_the_test_run_goes_on(tmp_path, cli):
    (tmp_path / "quiet_rule.py").write_text(
        "from medguard import RuleType, hookimpl\n\n"
        "class Quiet(RuleType):\n    name = 'quiet'\n\n    def check(self, document):\n        return []\n\n"
        "    def why_not(self, document):\n        return self.options.reason\n\n"
        "@hookimpl\ndef medguard_register_rule_types():\n    return [Quiet]\n")
    policy = tmp_path / "policy.yaml"
    policy.write_text(CORE_POLICY.read_text() + "\n  - id: plugin.quiet\n    type: quiet\n    message: m\n"
                      "    examples: {flag: [\"It cures colds.\"]}\n")
    result = cli("policy", "test", "--plugins-dir", tmp_path, "--rule", "plugin.quiet", "--rule", "absolute.cure", policy)
    assert result.code == 1
    assert "expected a finding, got none (why_not raised AttributeError: 'NoOptions' object has no attribute 'reason')" in result.out
    assert "ok   absolute.cure" in result.out and "1 passed, 1 failed" in result.out


def test_a_reader_that_yields_something_else_costs_only_its_file(tmp_path, cli):
    (tmp_path / "str_reader.py").write_text(
        "from medguard import hookimpl\n\nclass Srt:\n    name = 'srt'\n    extensions = ('.srt',)\n"
        "    def read(self, data, source):\n        yield data.decode()\n\n"
        "@hookimpl\ndef medguard_register_readers():\n    return [Srt()]\n")
    clip = tmp_path / "clip.srt"
    clip.write_text("1\n00:00:01,000 --> 00:00:02,000\nA miracle cure.\n")
    good, result = check_beside_a_good_page(cli, tmp_path, clip)
    assert result.code == 2 and "reader 'srt' yielded str, not a SourceDocument or an InputError" in result.err
    assert [d["source"] for d in result.json()["documents"] if d["findings"]] == [str(good)]

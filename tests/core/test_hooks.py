"""One test (at least) for every hook in hookspecs.py, plus plugin discovery and blocking.

The plugins live in tests/core/plugins/ and are loaded the ways a user would load them:
``-p MODULE`` (the folder is put on sys.path) or ``--plugins-dir``.
"""

from __future__ import annotations

import json

import pytest

from medguard import Document, Engine, PluginHost, hookspecs, load_policy

from .conftest import ARTICLES, CORE_POLICY, PLUGINS, check_text

SRT = """1
00:00:01,000 --> 00:00:04,000
Welcome back to the channel.

2
00:00:04,500 --> 00:00:09,000
This tea cures migraines in minutes,
and it has no side effects.
"""


@pytest.fixture(autouse=True)
def plugins_on_path(monkeypatch):
    monkeypatch.syspath_prepend(str(PLUGINS))


def host_with(*modules: str) -> PluginHost:
    host = PluginHost(modules=modules)
    assert host.diagnostics == []
    return host


def write_policy(tmp_path, rules: str, name="policy.yaml"):
    path = tmp_path / name
    path.write_text('name: hooks\nversion: "1"\nrules:\n' + rules)
    return path


# -- the hooks -------------------------------------------------------------------------------

def test_hook_medguard_register_readers(cli, tmp_path):
    path = tmp_path / "episode-12.srt"
    path.write_text(SRT)
    without = cli("check", "--policy", CORE_POLICY, path)
    assert without.code == 2 and "no reader for .srt" in without.err
    result = cli("check", "-p", "srt_reader", "--policy", CORE_POLICY, "--format", "json", path)
    assert result.code == 1, result.err
    [document] = result.json()["documents"]
    assert document["id"] == "episode-12.srt"
    found = {(f["rule"], f["excerpt"], f["line"], f["column"]) for f in document["findings"]}
    assert found == {("absolute.cure", "cures", 7, 10), ("safety.no-side-effects", "no side effects", 8, 12)}
    assert SRT.splitlines()[6][9:14] == "cures"


def test_hook_medguard_register_readers_reader_failure_is_an_input_error(cli, tmp_path):
    (tmp_path / "notes.srt").write_text("no cues in here, it cures")
    (tmp_path / "ok.txt").write_text("It cures colds.")
    result = cli("check", "-p", "srt_reader", "--policy", CORE_POLICY, "--format", "json", tmp_path)
    assert result.code == 2
    assert "notes.srt: not a SubRip file: no cue timings found" in result.err
    documents = result.json()["documents"]
    assert [d["id"] for d in documents] == [None, "ok"]  # the unreadable file is reported, not dropped
    assert documents[0]["diagnostics"][0]["code"] == "input-error"


def test_hook_medguard_register_parsers(tmp_path, cli):
    post = {
        "id": "forum-8812",
        "title": "Re: what worked for my psoriasis",
        "format": "bbcode",
        "body": "[b]Honestly[/b] this cream [i]cures[/i] psoriasis.\n\n"
                "[quote=Dana]My dermatologist said it is clinically proven.[/quote]\n\n"
                "Details [url=https://example.org/cream]here[/url].",
    }
    path = tmp_path / "forum.json"
    path.write_text(json.dumps(post))
    host = host_with("bbcode_parser")
    assert "bbcode" in host.parsers
    parsed = host.parsers["bbcode"].parse(post["body"])
    assert [(b.kind, " ".join(parsed.text[b.start:b.end].split())) for b in parsed.blocks] == [
        ("paragraph", "Honestly this cream cures psoriasis."),
        ("quote", "My dermatologist said it is clinically proven."),
        ("paragraph", "Details here ."),
    ]
    assert [(parsed.text[link.start:link.end], link.href) for link in parsed.links] == [("here", "https://example.org/cream")]
    result = cli("check", "-p", "bbcode_parser", "--policy", CORE_POLICY, "--format", "json", path)
    [document] = result.json()["documents"]
    assert [(f["rule"], f["excerpt"]) for f in document["findings"]] == [
        ("absolute.cure", "cures"), ("efficacy.clinically-proven", "clinically proven")]
    assert post["body"][document["findings"][0]["start"]:document["findings"][0]["end"]] == "cures"
    unknown = cli("check", "--policy", CORE_POLICY, path)
    assert unknown.code == 2 and "unknown document format 'bbcode'" in unknown.err


def test_hook_medguard_register_analyzers_runs_once_per_document(tmp_path):
    import shouting

    host = host_with("shouting")
    assert "exclamations" in host.analyzers
    policy = load_policy(write_policy(tmp_path, """\
  - id: tone.shouting
    type: shouting
    severity: info
    message: "Hype: exclamation marks."
  - id: tone.shouting-about-results
    type: shouting
    severity: warning
    message: "Hype about results."
    options: {min_exclamations: 2, words: [results, pounds]}
"""), host.rule_types)
    engine = Engine(policy, host)
    shouting.CALLS.clear()
    body = "Lose 20 pounds fast! Real results! Talk to your doctor first."
    report = check_text(engine, body)
    assert len(shouting.CALLS) == 1  # two rules, one analysis
    assert [(f.rule, f.excerpt) for f in report.findings] == [
        ("tone.shouting", "Lose 20 pounds fast!"),
        ("tone.shouting-about-results", "Lose 20 pounds fast!"),
        ("tone.shouting", "Real results!"),
        ("tone.shouting-about-results", "Real results!"),
    ]
    assert report.findings[1].explanation == {"analyzer": "exclamations", "count": 2, "words": ["pounds"]}
    check_text(engine, "Calm copy. No hype here.")
    assert len(shouting.CALLS) == 2  # once for each document


def test_hook_medguard_register_analyzers_unknown_name_is_a_rule_error(tmp_path, host):
    from medguard import RuleType

    class NeedsMissing(RuleType):
        name = "needs-missing"

        def check(self, document):
            document.annotation("no-such-analyzer")
            return []

    policy = load_policy(write_policy(tmp_path, "  - id: a.b\n    type: needs-missing\n    message: m\n"),
                         {**host.rule_types, "needs-missing": NeedsMissing})
    report = check_text(Engine(policy, host), "Some text.")
    [diagnostic] = report.diagnostics
    assert diagnostic.code == "rule-error" and "no analyzer named 'no-such-analyzer' is registered" in diagnostic.message


def test_hook_medguard_register_rule_types(tmp_path, cli):
    host = host_with("shouting")
    cls = host.rule_types["shouting"]
    assert cls.Options.model_json_schema()["properties"]["min_exclamations"]["minimum"] == 1
    bad = write_policy(tmp_path, "  - id: a.b\n    type: shouting\n    message: m\n    options: {min_exclamations: 0}\n")
    result = cli("policy", "validate", "-p", "shouting", bad)
    assert result.code == 2
    assert ":7:15: rules[0] (a.b).options.min_exclamations: Input should be greater than or equal to 1 (got 0)" in result.err
    listing = cli("plugins", "-p", "shouting", "--format", "json")
    info = next(p for p in json.loads(listing.out) if p["name"] == "shouting")
    assert info["rule_types"] == ["shouting"]
    assert info["hooks"] == ["medguard_register_analyzers", "medguard_register_rule_types"]
    assert info["builtin"] is False


def test_hook_medguard_register_reporters(cli, tmp_path):
    page = tmp_path / "promo.md"
    source = (ARTICLES / "promo-weightloss.md").read_text()
    page.write_text(source)
    result = cli("check", "-p", "github_reporter", "--policy", CORE_POLICY, "--format", "github", page)
    assert result.code == 1
    lines = result.out.splitlines()
    offset = source.index("no side effects")
    line, column = source.count("\n", 0, offset) + 1, offset - source.rfind("\n", 0, offset)
    assert f"::error file={page},line={line},col={column},title=safety.no-side-effects::Claims a medicine has no side effects." in lines
    assert any(line.startswith("::warning ") and "title=efficacy.clinically-proven" in line for line in lines)
    unknown = cli("check", "--policy", CORE_POLICY, "--format", "github", page)
    assert unknown.code == 2 and "unknown format 'github' (known: json, sarif, text)" in unknown.err


def test_hook_medguard_process_findings(tmp_path):
    import quote_severity

    host = host_with("quote_severity")
    engine = Engine(load_policy(CORE_POLICY, host.rule_types), host)
    body = ("<!-- medguard-disable-next-line safety.no-side-effects: label text -->\n"
            "<p>No side effects, say some.</p>\n"
            "<blockquote>It cured my knees!</blockquote><p>It cures knees.</p>")
    quote_severity.SEEN.clear()
    report = check_text(engine, body, "html")
    assert [(f.rule, f.severity.value, f.excerpt) for f in report.findings] == [
        ("safety.no-side-effects", "error", "No side effects"),
        ("absolute.cure", "info", "cured"),
        ("absolute.cure", "error", "cures"),
    ]
    assert report.findings[1].explanation["downgraded_from"] == "error"
    # the hook sees every finding, suppressed ones included, before the decision
    assert ("safety.no-side-effects", True) in quote_severity.SEEN and len(quote_severity.SEEN) == 3
    assert report.decision.value == "block"
    report = check_text(engine, "<blockquote>It cured my knees!</blockquote>", "html")
    assert report.decision.value == "pass"  # decided after the hook downgraded the only finding


# -- discovery -----------------------------------------------------------------------------------

@pytest.mark.parametrize("hook", sorted(n for n in dir(hookspecs) if n.startswith("medguard_")))
def test_every_hook_has_a_test(hook):
    """Every hook in hookspecs.py is exercised by a ``test_hook_<hook name>...`` test here."""
    tests = [name for name in globals() if name.startswith("test_hook_")]
    assert any(name.startswith(f"test_hook_{hook}") for name in tests), f"hook {hook} has no test in {__name__}"


def test_hookspecs_are_all_prefixed_and_documented():
    names = [n for n in dir(hookspecs) if callable(getattr(hookspecs, n)) and hasattr(getattr(hookspecs, n), "medguard_spec")]
    assert names and all(n.startswith("medguard_") for n in names)
    assert all(getattr(hookspecs, n).__doc__ for n in names)


def test_a_misspelt_hook_or_wrong_arguments_skip_that_plugin_loudly(tmp_path):
    (tmp_path / "typo_plugin.py").write_text(
        "from medguard import hookimpl\n\n@hookimpl\ndef medguard_register_reporter():\n    return []\n")
    (tmp_path / "wrong_args.py").write_text(
        "from medguard import hookimpl\n\n@hookimpl\ndef medguard_register_rule_types(host):\n    return []\n")
    (tmp_path / "github_reporter.py").write_text((PLUGINS / "github_reporter.py").read_text())
    host = PluginHost(plugin_dirs=[tmp_path])
    problems = {d.plugin: d.message for d in host.diagnostics}
    assert set(problems) == {"typo_plugin", "wrong_args"}
    assert "medguard_register_reporter" in problems["typo_plugin"]
    assert "'host'" in problems["wrong_args"]
    assert "github" in host.reporters and "pattern" in host.rule_types  # the rest still loads


def test_a_register_hook_that_returns_the_wrong_shape_is_skipped_with_a_diagnostic(tmp_path):
    (tmp_path / "bare.py").write_text(
        "from medguard import hookimpl\n\nclass R:\n    name = 'r'\n\n@hookimpl\ndef medguard_register_reporters():\n"
        "    return R()\n\n@hookimpl\ndef medguard_register_analyzers():\n    return [lambda document: 1]\n")
    host = PluginHost(plugin_dirs=[tmp_path])
    assert "json" in host.reporters and "claims" in host.analyzers
    messages = [d.message for d in host.diagnostics]
    assert any("medguard_register_reporters returned R, not a list" in m for m in messages)
    assert any("medguard_register_analyzers returned list, not a dict" in m for m in messages)


def test_a_later_plugin_overrides_an_earlier_one_with_a_warning(tmp_path):
    (tmp_path / "my_json.py").write_text(
        "from medguard import hookimpl\n\nclass Mine:\n    name = 'json'\n    def render(self, report):\n        return 'mine'\n\n"
        "@hookimpl\ndef medguard_register_reporters():\n    return [Mine()]\n")
    host = PluginHost(plugin_dirs=[tmp_path])
    assert host.reporters["json"].render(None) == "mine"
    [warning] = [d for d in host.diagnostics if d.code == "plugin-override"]
    assert warning.level == "warning" and "'json' (reporters) replaces medguard.reporters.json's" in warning.message


def test_plugins_dir_and_a_plugin_that_raises_on_import(tmp_path, cli):
    (tmp_path / "aaa_broken.py").write_text("import medguard\nraise ImportError('needs medguard-nlp>=2, not installed')\n")
    (tmp_path / "github_reporter.py").write_text((PLUGINS / "github_reporter.py").read_text())
    host = PluginHost(plugin_dirs=[tmp_path])
    [diagnostic] = host.diagnostics
    assert (diagnostic.level, diagnostic.code, diagnostic.plugin) == ("error", "plugin-load", "aaa_broken")
    assert "needs medguard-nlp>=2, not installed" in diagnostic.message
    assert "github" in host.reporters  # the other plugin in the folder still loaded
    page = tmp_path / "page.txt"
    page.write_text("It cures colds.")
    result = cli("check", "--plugins-dir", tmp_path, "--policy", CORE_POLICY, "--format", "github", page)
    assert result.code == 1
    assert "plugin 'aaa_broken' failed to load and was skipped: ImportError" in result.err
    assert result.out.startswith("::error file=")


def test_a_plugins_dir_that_is_not_a_folder_is_a_usage_error(tmp_path, cli):
    page = tmp_path / "page.txt"
    page.write_text("It cures colds.")
    missing = cli("check", "--plugins-dir", tmp_path / "plugins", "--policy", CORE_POLICY, page)
    assert missing.code == 2 and missing.out == ""
    assert missing.err == f"medguard: --plugins-dir {tmp_path / 'plugins'}: no such folder\n"
    a_file = cli("plugins", "--plugins-dir", page)
    assert a_file.code == 2 and a_file.err == f"medguard: --plugins-dir {page}: is not a folder\n"
    [problem] = PluginHost(entry_points=False, plugin_dirs=[tmp_path / "plugins"]).diagnostics  # the API says so too
    assert (problem.level, problem.code) == ("error", "plugin-load") and "does not exist" in problem.message


def test_a_plugins_dir_file_replaces_an_installed_plugin_of_the_same_name(tmp_path, monkeypatch):
    reporter = ("from medguard import hookimpl\n\nclass House:\n    name = 'house'\n"
                "    def render(self, report):\n        return {!r}\n\n"
                "@hookimpl\ndef medguard_register_reporters():\n    return [House()]\n")
    site = tmp_path / "site"
    (site / "medguard_house_style-1.0.0.dist-info").mkdir(parents=True)
    (site / "medguard_house_style-1.0.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: medguard-house-style\nVersion: 1.0.0\n")
    (site / "medguard_house_style-1.0.0.dist-info" / "entry_points.txt").write_text("[medguard]\nhouse_style = medguard_house_style\n")
    (site / "medguard_house_style.py").write_text(reporter.format("installed"))
    monkeypatch.syspath_prepend(str(site))
    local = tmp_path / "plugins"
    local.mkdir()
    (local / "house_style.py").write_text(reporter.format("local copy"))
    assert PluginHost().reporters["house"].render(None) == "installed"
    host = PluginHost(plugin_dirs=[local])
    assert host.reporters["house"].render(None) == "local copy"
    [warning] = host.diagnostics
    assert (warning.level, warning.code, warning.plugin) == ("warning", "plugin-override", "house_style")
    assert warning.message == f"{local / 'house_style.py'} (--plugins-dir) replaces the plugin 'house_style' loaded before it"
    assert [(i.name, i.version) for i in host.describe() if i.name == "house_style"] == [("house_style", None)]


def test_a_rule_type_whose_options_are_not_a_pydantic_model_is_refused_at_registration(tmp_path, cli):
    (tmp_path / "dataclass_options.py").write_text(
        "from dataclasses import dataclass\n\nfrom medguard import RuleType, hookimpl\n\n"
        "@dataclass\nclass Limits:\n    max_words: int = 30\n\n"
        "class Wordy(RuleType):\n    name = 'wordy'\n    Options = Limits\n\n    def check(self, document):\n        return []\n\n"
        "@hookimpl\ndef medguard_register_rule_types():\n    return [Wordy]\n")
    policy = write_policy(tmp_path, "  - id: a.wordy\n    type: wordy\n    message: m\n")
    for command in (("policy", "validate"), ("policy", "test")):
        result = cli(*command, "--plugins-dir", tmp_path, policy)
        assert result.code == 2
        assert ("medguard: error: dataclass_options.medguard_register_rule_types returned Wordy, which was skipped: "
                "TypeError: a rule type's `Options` must be a subclass of pydantic.BaseModel") in result.err
        assert "rules[0] (a.wordy): unknown rule type 'wordy'" in result.err


def test_a_rule_type_whose_name_is_not_lower_case_words_joined_by_hyphens_is_refused_and_named(tmp_path, cli):
    (tmp_path / "house_rules.py").write_text(
        "from medguard import RuleType, hookimpl\n\n"
        "class Grade(RuleType):\n    name = 'Reading Grade!'\n\n    def check(self, document):\n        return []\n\n"
        "class Tone(RuleType):\n    name = 'house-tone'\n\n    def check(self, document):\n        return []\n\n"
        "@hookimpl\ndef medguard_register_rule_types():\n    return [Grade, Tone]\n")
    host = PluginHost(plugin_dirs=[tmp_path])
    assert "house-tone" in host.rule_types and "Reading Grade!" not in host.rule_types  # the other rule type still loads
    [diagnostic] = host.diagnostics
    assert (diagnostic.level, diagnostic.code, diagnostic.plugin) == ("error", "plugin-error", "house_rules")
    assert diagnostic.message == ("house_rules.medguard_register_rule_types returned Grade, which was skipped: ValueError: a rule "
                                  "type's name is lower-case letters and digits in words joined by hyphens, like "
                                  "'drug-comparison' (got 'Reading Grade!')")
    policy = write_policy(tmp_path, "  - id: house.tone\n    type: house-tone\n    message: m\n")
    result = cli("policy", "validate", "--plugins-dir", tmp_path, policy)
    assert result.code == 0 and result.err == f"medguard: error: {diagnostic.message}\n"


def test_register_hook_that_raises_or_returns_junk(tmp_path):
    (tmp_path / "bad_registrations.py").write_text(
        "from medguard import hookimpl\n\n"
        "@hookimpl\ndef medguard_register_reporters():\n    raise RuntimeError('config file missing')\n\n"
        "@hookimpl\ndef medguard_register_rule_types():\n    return [object, dict]\n")
    host = PluginHost(plugin_dirs=[tmp_path])
    host.load_registries()
    assert set(host.reporters) >= {"json", "sarif", "text"}
    assert "pattern" in host.rule_types
    messages = [d.message for d in host.diagnostics]
    assert any("bad_registrations.medguard_register_reporters raised RuntimeError: config file missing" in m for m in messages)
    assert sum("must be a subclass of medguard.RuleType" in m for m in messages) == 2
    host.load_registries()
    assert len(host.diagnostics) == len(messages)  # reported once


def test_dash_p_no_blocks_a_plugin(cli, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("It cures colds.")
    result = cli("check", "-p", "no:reporters.sarif", "--policy", CORE_POLICY, "--format", "sarif", page)
    assert result.code == 2 and "unknown format 'sarif'" in result.err
    result = cli("check", "--plugins-dir", PLUGINS, "-p", "no:github_reporter", "--policy", CORE_POLICY,
                 "--format", "github", page)
    assert result.code == 2 and "unknown format 'github'" in result.err
    listing = cli("plugins", "-p", "no:medguard.rule_types.requires")
    assert "medguard.rule_types.requires" not in listing.out and "medguard.rule_types.pattern" in listing.out
    blocked_rule_type = cli("check", "-p", "no:rule_types.requires", "--policy", CORE_POLICY, page)
    assert blocked_rule_type.code == 2 and "unknown rule type 'requires'" in blocked_rule_type.err


def test_plugins_command_lists_name_version_hooks_and_rule_types(cli):
    result = cli("plugins", "-p", "shouting", "-p", "github_reporter")
    assert result.code == 0
    out = result.out
    assert "medguard.rule_types.pattern 0.1.0 (built-in)\n    hooks: medguard_register_rule_types\n    rule types: pattern\n" in out
    assert "medguard.reporters.sarif 0.1.0 (built-in)\n    hooks: medguard_register_reporters\n" in out
    assert "shouting (plugin)\n    hooks: medguard_register_analyzers, medguard_register_rule_types\n    rule types: shouting\n" in out
    assert "github_reporter (plugin)\n    hooks: medguard_register_reporters\n" in out
    listed = json.loads(cli("plugins", "--format", "json").out)
    assert {"name", "version", "builtin", "hooks", "rule_types"} == set(listed[0])
    assert all(p["version"] for p in listed if p["builtin"])


def test_dash_p_unknown_module_is_a_diagnostic_not_a_crash(cli, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("It cures colds.")
    result = cli("check", "-p", "medguard_no_such_plugin", "--policy", CORE_POLICY, page)
    assert result.code == 1  # the run went on and found the claim
    assert "plugin 'medguard_no_such_plugin' failed to load and was skipped: ModuleNotFoundError" in result.err


def test_plugins_belong_to_the_host_that_loaded_them():
    host = host_with("srt_reader")
    assert ".srt" in host.readers and ".srt" not in PluginHost().readers
    document = next(iter(host.readers[".srt"].read(SRT.encode(), "ep.srt"))).document
    assert isinstance(document, Document) and document.format == "text" and len(document.body) == len(SRT)


def test_blocking_a_plugin_that_does_not_exist_says_so():
    host = PluginHost(disabled=["reporters.sarf", "reporters.json"])
    assert "json" not in host.reporters and "sarif" in host.reporters
    [warning] = host.diagnostics
    assert (warning.level, warning.code) == ("warning", "plugin-block")
    assert warning.message == "-p no:reporters.sarf blocked nothing: no plugin has that name (did you mean 'medguard.reporters.sarif'?)"

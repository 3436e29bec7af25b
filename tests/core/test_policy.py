"""Policies: safe YAML, errors that name file:line:column, extends, validate and test commands."""

from __future__ import annotations

import textwrap

import pytest

from medguard import PolicyError, Severity, load_policy

from .conftest import CORE_POLICY, POLICIES, check_text

HEADER = 'name: t\nversion: "1"\n'


def write(tmp_path, text: str, name: str = "policy.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def problems(host, path) -> list[str]:
    with pytest.raises(PolicyError) as raised:
        load_policy(path, host.rule_types)
    return [str(p) for p in raised.value.problems]


def test_core_policy_loads(policy):
    assert (policy.name, policy.version) == ("core-test", "1.0")
    assert [r.spec.id for r in policy.rules] == [
        "absolute.cure", "absolute.guarantee", "safety.no-side-effects", "efficacy.clinically-proven",
        "evidence.studies-need-source", "headline.forever",
    ]
    assert all(r.instance is not None for r in policy.rules)
    cure = policy.rules[0]
    assert cure.spec.severity is Severity.error
    assert cure.spec.references == ["FTC Health Products Compliance Guidance (2022), section 3.1"]
    assert cure.origin.line == 11  # where `- id: absolute.cure` is written


def test_tab_indentation(tmp_path, host):
    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n\ttype: pattern\n")
    [problem] = problems(host, path)
    assert problem.startswith(f"{path.name}:5:1: ") or problem.startswith(f"{path}:5:1: ")
    assert "tab" in problem.lower() and "use spaces" in problem


def test_duplicate_key(tmp_path, host):
    path = write(tmp_path, """\
        name: t
        version: "1"
        rules:
          - id: absolute.cure
            type: pattern
            message: m
            options: {phrases: [cures], phrases: [cured]}
        """)
    [problem] = problems(host, path)
    assert problem.endswith(":7:33: duplicate key 'phrases' (first defined on line 7)")


def test_a_duplicate_key_is_reported_with_the_other_mistakes(tmp_path, host):
    path = write(tmp_path, """\
        name: t
        version: "1"
        rules:
          - id: a.one
            type: pattern
            message: one
            message: again
            options: {phrases: [miracle]}
          - id: a.two
            type: patern
            message: two
        """)
    duplicate, unknown_type = problems(host, path)
    assert duplicate.endswith(":7:5: duplicate key 'message' (first defined on line 6)")
    assert ":10:5: rules[1] (a.two): unknown rule type 'patern' (did you mean 'pattern'?)" in unknown_type


def test_duplicate_top_level_key(tmp_path, host):
    path = write(tmp_path, HEADER + "name: again\nrules: []\n")
    [problem] = problems(host, path)
    assert problem.endswith(":3:1: duplicate key 'name' (first defined on line 1)")


def test_yaml_merge_keys_are_not_duplicates(tmp_path, host):
    path = write(tmp_path, """\
        name: t
        version: "1"
        rules:
          - &cure {id: absolute.cure, type: pattern, message: m, options: {phrases: [cures]}}
          - <<: *cure
            id: absolute.cured
            severity: error
        """)
    policy = load_policy(path, host.rule_types)
    assert [(r.spec.id, r.spec.severity.value) for r in policy.rules] == [
        ("absolute.cure", "warning"), ("absolute.cured", "error")]


def test_unknown_rule_type(tmp_path, host):
    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n    type: patern\n    message: m\n")
    [problem] = problems(host, path)
    assert ":5:5: rules[0] (a.b): unknown rule type 'patern' (did you mean 'pattern'?)" in problem
    assert "registered types:" in problem and "pattern" in problem and "requires" in problem


def test_options_of_the_wrong_type(tmp_path, host):
    path = write(tmp_path, """\
        name: t
        version: "1"
        rules:
          - id: a.b
            type: pattern
            message: m
            options:
              phrases: cures
              case_sensitive: maybe
              timeout_ms: -5
        """)
    found = problems(host, path)
    assert len(found) == 3
    assert found[0].endswith(":8:7: rules[0] (a.b).options.phrases: Input should be a valid list (got 'cures'); "
                             "write one item as a list: ['cures']")
    assert ":9:7: rules[0] (a.b).options.case_sensitive: Input should be a valid boolean" in found[1]
    assert ":10:7: rules[0] (a.b).options.timeout_ms: Input should be greater than or equal to 1" in found[2]


def test_a_severity_in_capitals_and_extends_with_a_list_say_what_to_write(tmp_path, host):
    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n    type: pattern\n    severity: Error\n    message: m\n"
                 "    options: {phrases: [x]}\n")
    [problem] = problems(host, path)
    assert problem.endswith(":6:5: rules[0] (a.b).severity: Input should be 'info', 'warning' or 'error' (got 'Error'); "
                            "write it in lower case: 'error'")
    several = write(tmp_path, HEADER + "extends: [default, semantic]\nrules: []\n", name="several.yaml")
    [problem] = problems(host, several)
    assert problem.endswith(":3:10: extends: name one pack, a built-in name or a file path (got ['default', 'semantic']); "
                            "to build on several, let each extend the next")


def test_unknown_field(tmp_path, host):
    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n    type: pattern\n    message: m\n    severty: error\n"
                 "    options: {phrases: [x], phrase: [y]}\n")
    found = problems(host, path)
    assert any(p.endswith(":7:5: rules[0] (a.b).severty: unknown field 'severty' (did you mean 'severity'?)") for p in found)


def test_unknown_option(tmp_path, host):
    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n    type: pattern\n    message: m\n"
                 "    options:\n      phrases: [x]\n      phrase: [y]\n")
    [problem] = problems(host, path)
    assert problem.endswith(":9:7: rules[0] (a.b).options.phrase: unknown field 'phrase' (did you mean 'phrases'?)")


def test_an_unknown_field_deep_in_the_options_or_unlike_any_gets_the_fields_it_could_be(tmp_path, host):
    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n    type: pattern\n    message: m\n"
                 "    options:\n      phrases: [x]\n      exceptions: {phrase: [y]}\n      zzz: 1\n")
    found = problems(host, path)
    assert found[0].endswith(".options.exceptions.phrase: unknown field 'phrase' (did you mean 'phrases'?)")
    assert found[1].endswith(".options.zzz: unknown field 'zzz' (fields: phrases, patterns, case_sensitive, exceptions, timeout_ms)")
    path = write(tmp_path, HEADER + "decision: {blok: error}\nrules: []\n")
    assert problems(host, path)[0].endswith("decision.blok: unknown field 'blok' (did you mean 'block'?)")


def test_invalid_regex(tmp_path, host):
    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n    type: pattern\n    message: m\n"
                 "    options:\n      patterns:\n        - '(unclosed'\n        - ok\n        - '[z-a]'\n")
    found = problems(host, path)
    assert len(found) == 2  # each bad pattern, at its own line
    assert ":9:11: rules[0] (a.b).options.patterns[0]: invalid regular expression '(unclosed'" in found[0]
    assert "missing )" in found[0]
    assert ":11:11: rules[0] (a.b).options.patterns[2]: invalid regular expression '[z-a]'" in found[1]


@pytest.mark.parametrize("text, expected", [
    # "\b" in double quotes is YAML's backspace: the pattern would never match
    ("patterns: [\"\\bcure\\b\"]", "which is what \\b becomes inside double quotes in YAML; write regular expressions in single quotes"),
    ("patterns: [\"\\d+% success\"]", "found unknown escape character 'd' (while scanning a double-quoted scalar at line 8, column 18); "
                                       "inside double quotes YAML reads backslashes itself"),
    ("message2: Note: this", "mapping values are not allowed here; a value that contains ': ' must be quoted"),
])
def test_yaml_quoting_mistakes_say_how_to_quote(tmp_path, host, text, expected):
    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n    type: pattern\n    message: m\n    options:\n      " + text + "\n")
    found = problems(host, path)
    assert any(expected in p for p in found), found


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path, host):
    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n    message: \"unclosed\n    type: pattern\n")
    [problem] = problems(host, path)
    assert problem.endswith(":5:14: found unexpected end of stream (while scanning a quoted scalar at line 5, column 14)")


def test_requires_nested_matcher_error_points_inside(tmp_path, host):
    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n    type: requires\n    message: m\n"
                 "    options:\n      if: {phrases: [studies show]}\n      then: {patterns: ['[a-']}\n      within: chapter\n")
    found = problems(host, path)
    assert any(":9:" in p and "options.then.patterns" in p and "invalid regular expression" in p for p in found)
    assert any(p.endswith(":10:7: rules[0] (a.b).options.within: Input should be 'sentence', 'block', 'section' or 'document' (got 'chapter')") for p in found)


def test_missing_required_fields(tmp_path, host):
    path = write(tmp_path, 'version: "1"\nrules:\n  - id: a.b\n    type: pattern\n    options: {phrases: [x]}\n')
    found = problems(host, path)
    assert any(p.endswith(":1:1: name: required field is missing") for p in found)
    assert any(p.endswith(":3:5: rules[0] (a.b).message: required field is missing") for p in found)


def test_pattern_without_anything_to_match(tmp_path, host):
    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n    type: pattern\n    message: m\n")
    [problem] = problems(host, path)
    assert problem.endswith(":4:5: rules[0] (a.b).options: give at least one of `phrases` or `patterns`")


def test_bad_values_in_rule_fields(tmp_path, host):
    path = write(tmp_path, HEADER + "rules:\n  - id: Bad Id\n    type: pattern\n    message: m\n"
                 "    severity: critical\n    scope: [sidebar]\n    options: {phrases: [x]}\n")
    found = problems(host, path)
    assert any(":4:5: rules[0] (Bad Id).id: an id is lower case letters, digits, dots, dashes and underscores" in p and "(got 'Bad Id')" in p for p in found)
    assert any(":7:5: rules[0] (Bad Id).severity: Input should be 'info', 'warning' or 'error' (got 'critical')" in p for p in found)
    assert any(":8:13: rules[0] (Bad Id).scope[0]:" in p and "(got 'sidebar')" in p for p in found)


def test_every_problem_is_reported_at_once_placed_in_its_own_file(tmp_path, host):
    """A team pack that extends another: its rules are numbered as the team's file has them, and a
    mistake in one field or rule does not hide the others."""
    write(tmp_path, HEADER + "rules:\n  - id: base.cure\n    type: pattern\n    message: m\n    options: {phrases: [cure]}\n",
          name="base.yaml")
    path = write(tmp_path, 'name: team\nversion: "1"\nextends: base.yaml\ndecison: {block: error}\nrules:\n'
                 "  - id: team.no-miracle\n    type: pattern\n    severity: eror\n    message: m\n    options: {phrases: [miracle]}\n"
                 "  - id: team.wonder\n    type: patern\n    message: m\n"
                 "  - just a string\n")
    found = problems(host, path)
    assert len(found) == 4
    assert found[0].endswith(":4:1: decison: unknown field 'decison' (did you mean 'decision'?)")
    assert found[1].endswith(":8:5: rules[0] (team.no-miracle).severity: Input should be 'info', 'warning' or 'error' (got 'eror')")
    assert found[2].endswith(":12:5: rules[1] (team.wonder): unknown rule type 'patern' (did you mean 'pattern'?) "
                             "(registered types: classifier, pattern, requires, semantic)")
    assert found[3].endswith(":14:5: rules[2]: should be a mapping of id, type, severity, message, category, references, options, "
                             "scope, suggestion, enabled, required, examples (got 'just a string')")


def test_a_misspelt_rule_field_does_not_hide_the_rules_option_mistakes(tmp_path, host):
    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n    type: pattern\n    message: m\n    refrences: [x]\n"
                                    "    options: {phrases: [x], case_sensitve: true}\n")
    found = [p.split(": ", 1)[1] for p in problems(host, path)]
    assert found == ["rules[0] (a.b).refrences: unknown field 'refrences' (did you mean 'references'?)",
                     "rules[0] (a.b).options.case_sensitve: unknown field 'case_sensitve' (did you mean 'case_sensitive'?)"]


def test_a_bad_severity_does_not_hide_the_rules_misspelt_type(tmp_path, host):
    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n    type: patern\n    severity: critical\n    message: m\n")
    found = [p.split(": ", 1)[1] for p in problems(host, path)]
    assert any(f.startswith("rules[0] (a.b): unknown rule type 'patern' (did you mean 'pattern'?)") for f in found)
    assert any(f.startswith("rules[0] (a.b).severity: Input should be") for f in found) and len(found) == 2


def test_duplicate_rule_id(tmp_path, host):
    rule = "  - id: a.b\n    type: pattern\n    message: m\n    options: {phrases: [x]}\n"
    path = write(tmp_path, HEADER + "rules:\n" + rule + rule)
    [problem] = problems(host, path)
    assert ":8:5: duplicate rule id 'a.b' (first defined at" in problem and ":4)" in problem


@pytest.mark.parametrize("text, expected", [
    ("[1, 2]\n", ":1:1: the file is a YAML list (put the rules under `rules:`): a policy must be a mapping"),
    ("", ":1:1: the file is empty: a policy must be a mapping"),
    ("# only a comment\n", ":1:1: the file is empty: a policy must be a mapping"),
    (HEADER + "description: caf\xe9\n", ":3:17: byte 0xe9 is not UTF-8: save the policy as UTF-8"),
    (HEADER + "rules: {a: 1}\n", ":3:1: `rules` must be a list of rules"),
    (HEADER + "rules:\n  - !!python/object/apply:os.system ['echo unsafe']\n", ":4:5: unsupported YAML tag"),
    ("name: !!python/name:os.system\nversion: '1'\n", ":1:7: unsupported YAML tag"),
    (HEADER + "rules: [\n", "expected"),
])
def test_malformed_and_unsafe_yaml(tmp_path, host, text, expected, capfd):
    path = tmp_path / "policy.yaml"
    path.write_bytes(text.encode("utf-8") if "\xe9" not in text else text.encode("latin-1"))
    found = problems(host, path)
    assert any(expected in p for p in found), found
    assert "unsafe" not in capfd.readouterr().out  # nothing was executed


def test_a_category_close_to_a_known_one_is_a_warning_and_one_of_your_own_loads_quietly(tmp_path, host, cli):
    path = write(tmp_path, """\
        name: acme
        version: "1"
        rules:
          - id: acme.effortless-weight-loss
            type: pattern
            category: unsuported-efficacy
            message: Promises weight loss without diet or exercise.
            options: {phrases: [without diet or exercise]}
          - id: acme.compares
            type: pattern
            category: Drug-Comparison
            message: Compares with other treatments.
            options: {phrases: [works better than]}
          - id: acme.house-style
            type: pattern
            category: house-style
            message: Our style guide avoids 'miracle'.
            options: {phrases: [miracle]}
          - id: acme.head-to-head
            type: pattern
            category: comparison
            message: A head-to-head claim.
            options: {phrases: [head-to-head]}
        """)
    policy = load_policy(path, host.rule_types)
    assert [r.category for r in policy.rules] == ["unsuported-efficacy", "Drug-Comparison", "house-style", "comparison"]
    assert [str(w) for w in policy.warnings] == [
        f"{path}:6:15: warning: rules[0] (acme.effortless-weight-loss).category: 'unsuported-efficacy' is not a known "
        "category (did you mean 'unsupported-efficacy'?); one of your own is allowed, but its findings are counted apart",
        f"{path}:11:15: warning: rules[1] (acme.compares).category: 'Drug-Comparison' is not a known category "
        "(did you mean 'drug-comparison'?); one of your own is allowed, but its findings are counted apart",
    ]
    result = cli("policy", "validate", path)
    assert result.code == 0 and "ok — acme 1, 4 rule(s)" in result.out
    assert result.err.splitlines() == [str(w) for w in policy.warnings]


def test_a_regex_that_repeats_an_unbounded_repeat_is_a_warning_at_the_pattern(tmp_path, host, cli):
    path = write(tmp_path, """\
        name: acme
        version: "1"
        rules:
          - id: acme.studies-need-a-source
            type: requires
            message: "'Studies show' needs the study: name it or link it."
            options:
              if: {phrases: [studies show, research proves]}
              then:
                patterns:
                  - 'https?://'
                  - '\\((\\w+\\s?)*et al\\.?,? \\d{4}\\)'
          - id: acme.percent-safe
            type: pattern
            message: "'100% safe' promises what no treatment can."
            options:
              patterns: ['\\b100\\s?%\\s+(?:safe|natural|success)']
              exceptions: {patterns: ['(?:\\w+\\s+){0,3}not', '(\\d+,?)+ patients']}
        """)
    policy = load_policy(path, host.rule_types)
    assert len(policy.active_rules) == 2  # a warning: the pack loads
    assert [str(w) for w in policy.warnings] == [
        f"{path}:12:13: warning: rules[0] (acme.studies-need-a-source).options.then.patterns[1]: `(\\w+\\s?)*` repeats "
        "without limit a part that repeats `\\w+` without limit: on text that almost matches, the search can try "
        "exponentially many ways to split it and be stopped at its time limit (catastrophic backtracking); make the "
        "inner repeat possessive (`\\w++`) or bounded, or the group atomic (`(?>...)`)",
        f"{path}:18:53: warning: rules[1] (acme.percent-safe).options.exceptions.patterns[1]: `(\\d+,?)+` repeats "
        "without limit a part that repeats `\\d+` without limit: on text that almost matches, the search can try "
        "exponentially many ways to split it and be stopped at its time limit (catastrophic backtracking); make the "
        "inner repeat possessive (`\\d++`) or bounded, or the group atomic (`(?>...)`)",
    ]
    result = cli("policy", "validate", path)
    assert result.code == 0 and result.err.splitlines() == [str(w) for w in policy.warnings]


def test_extends_chain_with_overrides(host, engine):
    policy = load_policy(POLICIES / "child.yaml", host.rule_types)
    assert (policy.name, policy.version) == ("child-pack", "2.0")
    assert [p.rsplit("/", 1)[-1] for p in policy.files] == ["base.yaml", "child.yaml"]
    by_id = {r.spec.id: r for r in policy.rules}
    assert list(by_id) == ["absolute.cure", "efficacy.clinically-proven", "safety.no-side-effects"]
    cure = by_id["absolute.cure"]
    assert cure.spec.severity is Severity.warning  # overridden
    assert cure.spec.message == "Promises a cure." and cure.spec.options == {"phrases": ["cures", "cured"]}  # inherited
    assert by_id["efficacy.clinically-proven"].instance is None
    assert by_id["efficacy.clinically-proven"].skipped == "disabled in the policy"
    assert policy.spec.decision.block is Severity.error and policy.spec.decision.warn is Severity.info
    assert cure.origin.file.endswith("child.yaml") and cure.origin.line == 8
    from medguard import Engine
    report = check_text(Engine(policy, engine.host), "It cures colds and is clinically proven, with no side effects.")
    assert [(f.rule, f.severity.value) for f in report.findings] == [
        ("absolute.cure", "warning"), ("safety.no-side-effects", "error")]


def test_extends_error_is_placed_in_the_file_that_made_it(tmp_path, host):
    write(tmp_path, (POLICIES / "base.yaml").read_text(), "base.yaml")
    path = write(tmp_path, """\
        name: child
        version: "1"
        extends: base.yaml
        rules:
          - id: absolute.cure
            options: {phrases: cures}
        """)
    [problem] = problems(host, path)
    assert problem.startswith(f"{path}:6:15: rules[0] (absolute.cure).options.phrases: Input should be a valid list (got 'cures')")


def test_a_parents_mistake_is_placed_in_the_parent_even_when_a_child_overrides_the_rule(tmp_path, host):
    parent = write(tmp_path, HEADER + "decision: {block: blocker}\nrules:\n  - id: a.cure\n    type: pattern\n"
                             "    message: m\n    options: {phrases: cures, case_sensitve: true}\n", name="parent.yaml")
    path = write(tmp_path, 'name: child\nversion: "1"\nextends: parent.yaml\nrules:\n  - id: a.cure\n    severity: error\n')
    found = problems(host, path)
    assert [p.split(": ", 1)[0].rsplit(":", 2)[0] for p in found] == [str(parent)] * 3, found
    assert found[0].startswith(f"{parent}:3:12: decision.block: Input should be")
    assert found[1].startswith(f"{parent}:8:15: rules[0] (a.cure).options.phrases: Input should be a valid list")
    assert found[2].startswith(f"{parent}:8:31: rules[0] (a.cure).options.case_sensitve: unknown field 'case_sensitve' "
                               "(did you mean 'case_sensitive'?)")


def test_settings_medguard_reads_are_validated_and_misspelt_ones_named(tmp_path, host):
    path = write(tmp_path, HEADER + "settings:\n  intervention: [Zenthrix]\n  ml: {treads: 2, precision: fp16}\n"
                                    "  acme_plugin_option: 3\nrules: []\n")
    found = problems(host, path)
    assert [p.split(": ", 1)[1] for p in found] == [
        "settings.intervention: unknown setting (did you mean 'interventions'?)",
        "settings.ml.treads: unknown field 'treads' (did you mean 'threads'?)",
        "settings.ml.precision: Input should be 'auto', 'fp32', 'bf16' or 'int8' (got 'fp16')",
    ]  # a name unlike any of medguard's is a plugin's own setting
    assert all(f":{line}:" in p for p, line in zip(found, (4, 5, 5)))


def test_a_misspelt_rule_to_override_or_pack_to_extend_gets_the_one_it_probably_meant(tmp_path, host):
    write(tmp_path, (POLICIES / "base.yaml").read_text(), "base.yaml")
    path = write(tmp_path, 'name: child\nversion: 1.10\nextends: base.yaml\nrules:\n  - id: absolute.cur\n    severity: error\n')
    found = problems(host, path)
    assert found[0].endswith(":2:1: version: Input should be a valid string (got 1.1); quote it: YAML reads 1.10 as "
                             "the number 1.1 and yes as true")
    assert found[1].endswith(":5:5: rules[0] (absolute.cur): no rule with this id in the packs this one extends "
                             "(did you mean 'absolute.cure'?); a new rule needs `type` and `message`")
    path = write(tmp_path, HEADER + "extends: defualt\n")
    [problem] = problems(host, path)
    assert "no such policy file or built-in pack (did you mean 'default'?)" in problem


def test_extends_missing_and_cycle(tmp_path, host):
    path = write(tmp_path, HEADER + "extends: nowhere.yaml\n")
    [problem] = problems(host, path)
    assert problem.startswith(f"{path}:3:10: extends: nowhere.yaml: no such policy file or built-in pack")
    write(tmp_path, 'name: a\nversion: "1"\nextends: b.yaml\n', "a.yaml")
    write(tmp_path, 'name: b\nversion: "1"\nrules: []\nextends: a.yaml\n', "b.yaml")
    [problem] = problems(host, tmp_path / "a.yaml")
    a, b = (tmp_path / "a.yaml").resolve(), (tmp_path / "b.yaml").resolve()
    assert problem == f"{b}:4:10: `extends` forms a cycle: {a} -> {b} -> {a}"


def test_an_extends_error_points_at_the_pack_it_names_not_at_the_key(tmp_path, host):
    path = write(tmp_path, """\
        name: acme-clinics
        version: "2026.11"
        extends:
          ../shared/acme-base.yaml   # moved to packs/ last release
        rules: []
        """)
    [problem] = problems(host, path)
    assert problem.startswith(f"{path}:4:3: extends: ../shared/acme-base.yaml: no such policy file or built-in pack")


def test_rule_type_that_fails_to_start_is_a_policy_error(tmp_path, host):
    from medguard import RuleType

    class Broken(RuleType):
        name = "broken"

        def __init__(self, spec, options):
            raise RuntimeError("model file missing")

    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n    type: broken\n    message: m\n")
    with pytest.raises(PolicyError) as raised:
        load_policy(path, {**host.rule_types, "broken": Broken})
    assert "rule a.b: rule type 'broken'" in str(raised.value) and "RuntimeError: model file missing" in str(raised.value)


# -- the commands ---------------------------------------------------------------------------------

def test_policy_validate_ok_and_errors(cli, tmp_path):
    result = cli("policy", "validate", CORE_POLICY)
    assert result.code == 0
    assert "ok — core-test 1.0, 6 rule(s), 11 example(s)" in result.out
    bad = write(tmp_path, HEADER + "rules:\n  - id: a.b\n    type: patern\n    message: m\n")
    result = cli("policy", "validate", CORE_POLICY, bad)
    assert result.code == 2
    assert "core.yaml: ok" in result.out
    assert ":5:5: rules[0] (a.b): unknown rule type 'patern'" in result.err


def test_policy_test_passes(cli):
    result = cli("policy", "test", CORE_POLICY)
    assert result.code == 0, result.out
    assert "ok   absolute.guarantee: 2/2 flagged, 1/1 passed" in result.out
    assert "  - headline.forever: no examples to test" in result.out
    assert result.out.rstrip().endswith("5 passed, 0 failed, 1 without examples")


def test_policy_test_of_a_rule_the_pack_does_not_have_or_does_not_run_is_an_error(cli, tmp_path):
    result = cli("policy", "test", "--rule", "absolute.cur", CORE_POLICY)
    assert result.code == 2
    assert "no rule 'absolute.cur' (did you mean 'absolute.cure'?)" in result.err
    assert "passed" not in result.out  # no tally of nothing
    switched_off = write(tmp_path, f"name: t\nversion: \"1\"\nextends: {CORE_POLICY}\nrules:\n  - id: absolute.cure\n    enabled: false\n")
    nothing = cli("policy", "test", "--rule", "absolute.cure", switched_off)
    assert nothing.code == 2 and "skipped (disabled in the policy)" in nothing.out
    assert "no rule was tested: the selected rules are switched off, cannot run here or have no examples" in nothing.err
    both = cli("policy", "test", "--rule", "absolute.cur", "--rule", "absolute.cure", CORE_POLICY)
    assert both.code == 2 and "1 passed, 0 failed" in both.out


def test_policy_test_failing_example_exits_non_zero(cli, tmp_path):
    path = write(tmp_path, """\
        name: failing
        version: "1"
        rules:
          - id: absolute.cure
            type: pattern
            message: m
            options: {phrases: [cures]}
            examples:
              flag:
                - "This tea cures colds."
                - "This tea heals colds."
              pass: ["Nothing cures a cold."]
          - id: efficacy.proven
            type: pattern
            message: m
            options: {phrases: [clinically proven]}
            examples:
              flag: ["It is clinically proven."]
        """)
    result = cli("policy", "test", path)
    assert result.code == 1
    assert "FAIL absolute.cure: 1/2 flagged, 0/1 passed" in result.out
    assert "policy.yaml:11: flag example: expected a finding, got none" in result.out  # the example's own line
    assert "'This tea heals colds.'" in result.out
    assert "policy.yaml:12: pass example: expected no finding, got 'cures'" in result.out
    assert "ok   efficacy.proven: 1/1 flagged" in result.out
    assert "1 passed, 1 failed" in result.out
    only_ok = cli("policy", "test", path, "--rule", "efficacy.proven")
    assert only_ok.code == 0 and "absolute.cure" not in only_ok.out


def test_policy_error_on_check_exits_2(cli, tmp_path):
    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n\ttype: pattern\n")
    result = cli("check", "--policy", path, POLICIES / "core.yaml")
    assert result.code == 2
    assert result.out == ""
    assert "medguard: policy error: " in result.err and ":5:1:" in result.err



def test_requires_with_an_empty_trigger_or_requirement(tmp_path, host):
    """An empty `if` would never fire; an empty `then` would fire on every trigger."""
    path = write(tmp_path, HEADER + "rules:\n  - id: a.b\n    type: requires\n    message: m\n"
                 "    options:\n      if: {}\n      then: {phrases: [doi]}\n"
                 "  - id: a.c\n    type: requires\n    message: m\n    options:\n      if: {phrases: [studies show]}\n      then: {}\n")
    first, second = problems(host, path)
    assert first.endswith(":8:7: rules[0] (a.b).options.if: give at least one of `phrases` or `patterns`")
    assert second.endswith(":15:7: rules[1] (a.c).options.then: give at least one of `phrases` or `patterns`")

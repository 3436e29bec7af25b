"""The `semantic` rule type: fires on paraphrases, not on negated or hedged versions."""

from __future__ import annotations

import pytest

from .conftest import ML_REASON

pytest.importorskip("torch", reason=ML_REASON)
pytest.importorskip("transformers", reason=ML_REASON)

from medguard.analysis.document import AnalyzedDocument  # noqa: E402
from medguard.engine import Engine  # noqa: E402
from medguard.models import Document  # noqa: E402
from medguard.pluginmanager import PluginHost  # noqa: E402
from medguard.policy.loader import load_policy  # noqa: E402
from medguard.rule_types import semantic  # noqa: E402

POLICY = """\
name: semantic-test
version: "1"
rules:
  - id: efficacy.paraphrased-cure
    type: semantic
    severity: warning
    message: "A promise of recovery in other words."
    options:
      flag:
        - "Our treatment cures addiction for good."
        - "Patients finally get their lives back after our program."
      pass:
        - "Treatment can help some people reduce their drinking."
        - "Addiction is a chronic condition and relapse is common."
  - id: safety.no-side-effects
    type: semantic
    severity: error
    message: "Claims the medicine has no side effects."
    options:
      flag: ["This medication has no side effects."]
      pass: ["Call your doctor if you notice any side effects."]
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory, encoder):
    path = tmp_path_factory.mktemp("policy") / "semantic.yaml"
    path.write_text(POLICY, encoding="utf-8")
    host = PluginHost(entry_points=False)
    policy = load_policy(path, host.rule_types)
    assert all(rule.instance is not None for rule in policy.rules)
    return Engine(policy, host)


def fired(engine, text: str) -> list[str]:
    report = engine.check(Document(body=text, format="text")).report
    assert not report.diagnostics, report.diagnostics
    return [f.rule for f in report.findings]


@pytest.mark.parametrize("text", [
    "Our program ends addiction permanently.",
    "After treatment, clients finally reclaim their lives.",
    "We cure substance addiction once and for all.",
])
def test_paraphrases_of_a_flag_exemplar_fire(engine, text):
    assert fired(engine, text) == ["efficacy.paraphrased-cure"]


@pytest.mark.parametrize("text", [
    "Our program does not end addiction permanently.",
    "No program ends addiction permanently.",
    "Our program may help end addiction.",
    "Early results suggest our program could end addiction for some clients.",
    "Relapse is common, because addiction is a chronic illness.",
    "The clinic opens at 9am on weekdays.",
])
def test_negated_hedged_and_unrelated_sentences_do_not(engine, text):
    assert fired(engine, text) == []


def test_negative_exemplars_match_negative_sentences_only(engine):
    assert fired(engine, "The pills are free of side effects.") == ["safety.no-side-effects"]
    assert fired(engine, "The pills have side effects such as nausea.") == []


def engine_for(tmp_path, policy: str) -> Engine:
    path = tmp_path / "policy.yaml"
    path.write_text(policy, encoding="utf-8")
    host = PluginHost(entry_points=False)
    return Engine(load_policy(path, host.rule_types), host)


@pytest.mark.parametrize("questions, expected", [("skip", []), ("ignore", ["efficacy.paraphrased-cure"])])
def test_a_readers_question_is_skipped_unless_the_rule_says_ignore(tmp_path, encoder, questions, expected):
    policy = POLICY.replace("    options:\n      flag:\n", f"    options:\n      threshold: 0.5\n      questions: {questions}\n      flag:\n", 1)
    engine = engine_for(tmp_path, policy)
    assert fired(engine, "Q: Will I finally get my life back after the program?") == expected
    assert fired(engine, "Clients finally get their lives back after our program.") == ["efficacy.paraphrased-cure"]


def test_explanation_names_the_nearest_exemplars_and_scores(engine):
    report = engine.check(Document(body="Intro line here. Our program ends addiction permanently.", format="text")).report
    (finding,) = report.findings
    explanation = finding.explanation
    assert explanation["nearest_flag"] == "Our treatment cures addiction for good."
    assert explanation["flag_score"] >= explanation["threshold"]
    assert explanation["flag_score"] > explanation["pass_score"] + explanation["margin"]
    assert "nearest_pass" in explanation
    assert finding.excerpt == "Our program ends addiction permanently."
    assert 0 < finding.confidence <= 1


def test_only_candidate_sentences_are_embedded(engine, encoder):
    rule = engine.policy.rules[0].instance
    text = "Our program ends addiction permanently. After treatment, clients finally reclaim their lives."
    parsed = engine.parse(Document(body=text, format="text"))
    analyzers = dict(engine.host.analyzers, candidates=lambda document: {1})
    document = AnalyzedDocument(Document(body=text, format="text"), parsed, analyzers, {})
    detections = list(rule.check(document))
    assert [document.text[d.start:d.end] for d in detections] == ["After treatment, clients finally reclaim their lives."]


def test_exemplars_are_fitted_once_per_rule_content(engine, encoder):
    rule = engine.policy.rules[0].instance
    first = semantic.fitted_exemplars(encoder, rule.options)
    assert semantic.fitted_exemplars(encoder, rule.options) is first
    changed = rule.options.model_copy(update={"threshold": 0.7})
    assert semantic.fitted_exemplars(encoder, changed) is not first


def test_bad_options_are_reported_with_the_field():
    from medguard.policy.errors import PolicyError

    with pytest.raises(Exception) as info:
        semantic.SemanticOptions.model_validate({"flag": [], "threshold": 2})
    assert "flag" in str(info.value) and "threshold" in str(info.value)
    assert PolicyError  # the loader turns these into file:line:column problems


def test_mentions_limit_a_rule_to_the_paragraphs_that_name_the_product(tmp_path, encoder):
    scoped = engine_for(tmp_path, POLICY.replace('      flag: ["This medication has no side effects."]',
                                                 '      mentions: [Zubsolv]\n      flag: ["This medication has no side effects."]'))
    assert fired(scoped, "Zubsolv is gentle. This medication has no side effects.") == ["safety.no-side-effects"]
    assert fired(scoped, "Our vitamin gummies are gentle. This medication has no side effects.") == []
    assert fired(scoped, "Zubsolv treats opioid dependence.\n\nThis medication has no side effects.") == []  # another paragraph


def test_the_example_brand_pack_reads_indirect_off_label_promotion():
    """The example pack's semantic rules, on sentences written for this test (not from the
    evaluation sets): results and goals that name no use in words the off-label rule reads."""
    from pathlib import Path

    pack = Path(__file__).resolve().parents[2] / "examples" / "policies" / "off-label.yaml"
    host = PluginHost()
    engine = Engine(load_policy(str(pack), host.rule_types), host)

    def indirect(text):
        report = engine.check(Document(body=text, format="text")).report
        return [f.rule for f in report.findings if f.rule.endswith("-indirect")]

    assert indirect("Thanks to Ozempic my belly fat is melting away before the reunion.") == ["off-label.ozempic-indirect"]
    assert indirect("Zubsolv got me through my back pain after the car accident.") == ["off-label.zubsolv-indirect"]
    assert indirect("Ozempic lowers blood sugar in adults with type 2 diabetes.") == []
    assert indirect("Zubsolv eases the cravings and withdrawal of opioid dependence.") == []
    assert indirect("My belly fat is melting away before the reunion.") == []  # no product named in the paragraph


def test_polarity_reads_denials_not_negation_words_inside_the_idea(tmp_path, encoder):
    engine = engine_for(tmp_path, """\
name: weight
version: "1"
rules:
  - id: weight.effortless
    type: semantic
    severity: error
    message: Promises weight loss without diet or exercise.
    options:
      candidates: all
      flag: ["Lose weight without diet or exercise.", "Melt away pounds while eating whatever you want."]
""")
    assert fired(engine, "Shed the pounds without changing what you eat.") == ["weight.effortless"]
    assert fired(engine, "This pill does not make you lose weight without diet or exercise.") == []
    assert fired(engine, "Losing weight without diet or exercise is not realistic.") == []


def test_a_broken_model_is_reported_once_per_run_and_tried_once(tmp_path, monkeypatch, capsys, encoder):
    import json

    from medguard import ml
    from medguard.cli import main
    from medguard.ml import encoder as encoder_mod

    loads = []
    real_load = encoder_mod.load
    monkeypatch.setattr(encoder_mod, "load", lambda settings: loads.append(settings) or real_load(settings))
    policy = tmp_path / "broken.yaml"
    policy.write_text(POLICY.replace("rules:\n", f"settings:\n  ml:\n    model: {tmp_path / 'missing'}\nrules:\n", 1), encoding="utf-8")
    pages = [tmp_path / f"page{i}.txt" for i in range(3)]
    for page in pages:
        page.write_text("Our program ends addiction permanently.", encoding="utf-8")
    try:
        main(["check", "--policy", str(policy), "--format", "json", *map(str, pages)])
    finally:
        ml.reset()
    err = capsys.readouterr()
    assert err.err.count("did not load") == 1 and "is not a local folder" in err.err
    for document in json.loads(err.out)["documents"]:
        (diagnostic,) = document["diagnostics"]
        assert diagnostic["code"] == "model-error" and "efficacy.paraphrased-cure, safety.no-side-effects" in diagnostic["message"]
    assert len(loads) == 1


@pytest.mark.parametrize("options, expected", [
    ({"flag": ["It cures you."], "threshold": True}, "not true"),
    ({"flag": ["It cures you.", "It  cures you."]}, "exemplar written twice: 'It cures you.'"),
    ({"flag": ["It cures you."], "pass": ["It cures you."]}, "exemplar in both flag and pass: 'It cures you.'"),
])
def test_a_boolean_threshold_and_repeated_exemplars_are_refused(options, expected):
    with pytest.raises(ValueError, match=expected):
        semantic.SemanticOptions.model_validate(options)


def example_failure(tmp_path, examples: str, options: str = ""):
    """The one failure `policy test` reports for ``efficacy.paraphrased-cure`` with ``examples``
    (YAML lines under ``examples:``) and extra ``options`` lines."""
    from medguard.policy.testing import run_rule_examples

    last_pass = '        - "Addiction is a chronic condition and relapse is common."\n'
    engine = engine_for(tmp_path, POLICY.replace(last_pass, last_pass + options + "    examples:\n" + examples, 1))
    [rule] = [r for r in engine.policy.rules if r.spec.id == "efficacy.paraphrased-cure"]
    [failure] = run_rule_examples(engine, rule).failures
    return failure


@pytest.mark.parametrize("example, reason", [
    ("Our program does not cure addiction for good.", "its polarity differs from the exemplar's"),
    ("Our program may cure addiction for good.", "hedged, and the exemplar is not"),
    ("The clinic is open on Mondays and Thursdays.", "below the threshold 0.6"),
])
def test_policy_test_says_why_a_flag_example_was_not_flagged(tmp_path, encoder, example, reason):
    failure = example_failure(tmp_path, f'      flag: ["{example}"]\n', options="      candidates: all\n")
    assert failure.detail.startswith("expected a finding, got none (nearest flag exemplar '") and reason in failure.detail


def test_policy_test_says_when_the_analysis_did_not_give_a_sentence_to_the_model(tmp_path, encoder):
    """By default (``candidates: analysis``) opening hours are not embedded at all, and `policy test` says so."""
    failure = example_failure(tmp_path, '      flag: ["The clinic is open on Mondays and Thursdays."]\n')
    assert "no sentence is a candidate" in failure.detail and "candidates: all reads every sentence" in failure.detail


def test_policy_test_gives_the_scores_of_a_pass_example_that_was_flagged(tmp_path, encoder):
    failure = example_failure(tmp_path, '      pass: ["Our program cures addiction for good."]\n')
    assert failure.detail.startswith("expected no finding, got 'Our program cures addiction for good.' (nearest flag exemplar '")
    assert ", nearest pass exemplar 'Addiction is a chronic condition and relapse is common.' at 0." in failure.detail

"""The `classifier` rule type: trained sentence heads read what the rules left undecided."""

from __future__ import annotations

import pytest

from .conftest import ML_REASON

pytest.importorskip("torch", reason=ML_REASON)
pytest.importorskip("transformers", reason=ML_REASON)

from medguard.engine import Engine  # noqa: E402
from medguard.ml.sentence_heads import HEAD_NAMES, default_heads, load_heads, save_heads  # noqa: E402
from medguard.models import Document  # noqa: E402
from medguard.pluginmanager import PluginHost  # noqa: E402
from medguard.policy.loader import load_policy  # noqa: E402

POLICY = """\
name: classifier-test
version: "1"
rules:
  - id: comparison.learned
    type: classifier
    category: drug-comparison
    message: Reads as a comparison with other treatments.
    options: {head: comparison}
  - id: safety.learned
    type: classifier
    category: safety-minimization
    message: Reads as playing down harms.
    options: {head: safety}
  - id: comparison.rules
    type: drug-comparison
    message: Comparison without head-to-head evidence.
"""

SPRAY_PAGE = """\
# GlowRest magnesium sleep spray

GlowRest is a magnesium and lavender spray you mist on your skin before bed.

Why reach for sleeping pills when a few sprays do the same job without the morning grogginess?

Each bottle holds 60 nights of sprays. Shake well before use.
"""

QUESTION = "Why reach for sleeping pills when a few sprays do the same job without the morning grogginess?"

GUMMY_PAGE = """\
# CalmNest melatonin gummies for kids

CalmNest gummies help little ones drift off, made with melatonin and chamomile.

Worried about giving your child a supplement? Don't be: it's just a sweet.

Each jar holds 30 gummies.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory, encoder):
    path = tmp_path_factory.mktemp("policy") / "classifier.yaml"
    path.write_text(POLICY, encoding="utf-8")
    host = PluginHost()
    return Engine(load_policy(path, host.rule_types), host)


def check(engine, text: str):
    checked = engine.check(Document(body=text, format="markdown"))
    assert not checked.report.diagnostics, checked.report.diagnostics
    return checked


def rule(engine, rule_id: str):
    return next(r.instance for r in engine.policy.active_rules if r.spec.id == rule_id)


def read_by(engine, rule_id: str, text: str) -> list[str]:
    """The sentences the rule's head reads in ``text``."""
    analyzed = check(engine, text).analyzed
    return [analyzed.sentence_line(sentence) for _, sentence in rule(engine, rule_id).sentences(analyzed)]


def test_the_shipped_heads_match_the_default_model(encoder):
    heads = default_heads()
    assert tuple(heads.heads) == HEAD_NAMES
    assert heads.model_digest == encoder.base_digest
    assert "reviewer_pages" in heads.trained_on
    for head in heads.heads.values():
        assert head.weight.shape == (encoder.dim,) and 0.0 < head.threshold < 1.0


def test_heads_survive_a_save_and_load(tmp_path):
    path = tmp_path / "heads.npz"
    save_heads(path, default_heads())
    again = load_heads(path)
    assert again.heads["comparison"].threshold == default_heads().heads["comparison"].threshold
    assert (again.heads["safety"].weight == default_heads().heads["safety"].weight).all()


def test_a_comparison_made_by_a_question_is_flagged_with_its_probability(engine):
    findings = [f for f in check(engine, SPRAY_PAGE).report.findings if f.rule == "comparison.learned"]
    assert [f.excerpt for f in findings] == [QUESTION]
    explanation = findings[0].explanation
    assert explanation["head"] == "comparison" and explanation["probability"] >= explanation["threshold"] >= 0.5
    assert findings[0].confidence == explanation["probability"]


def test_playing_down_a_childs_supplement_as_a_sweet_is_flagged(engine):
    findings = [f.excerpt for f in check(engine, GUMMY_PAGE).report.findings if f.rule == "safety.learned"]
    assert findings == ["Don't be: it's just a sweet."]


def test_logistics_and_plain_descriptions_are_not_flagged(engine):
    flagged = {f.excerpt for f in check(engine, SPRAY_PAGE + GUMMY_PAGE).report.findings if f.rule.endswith(".learned")}
    assert not flagged & {"Each bottle holds 60 nights of sprays.", "Each jar holds 30 gummies.",
                          "GlowRest is a magnesium and lavender spray you mist on your skin before bed."}


def stance_skip(engine, rule_id: str, text: str, words: str) -> str | None:
    """Why the rule leaves the sentence of ``text`` containing ``words`` alone whatever its head says."""
    analyzed = check(engine, text).analyzed
    [index] = [i for i, sentence in enumerate(analyzed.sentences) if words in analyzed.sentence_line(sentence)]
    return rule(engine, rule_id).stance_skip(analyzed, index)


@pytest.mark.parametrize("page, rule_id, original, changed, why", [
    (SPRAY_PAGE, "comparison.learned", QUESTION, QUESTION.replace("do the same job", "may do the same job"), "hedged"),
    (GUMMY_PAGE, "safety.learned", "Don't be: it's just a sweet.", "“Don't be: it's just a sweet,” says Dr Jane Moss, a paediatrician.",
     "attributed"),
])
def test_hedged_or_attributed_sentences_are_left_alone(engine, page, rule_id, original, changed, why):
    assert stance_skip(engine, rule_id, page, original) is None
    changed_page = page.replace(original, changed)
    assert stance_skip(engine, rule_id, changed_page, changed[:20]).startswith(why)
    assert not [f for f in check(engine, changed_page).report.findings if f.rule == rule_id]


def test_a_sentence_with_evidence_in_its_paragraph_is_not_read(engine):
    assert QUESTION in read_by(engine, "comparison.learned", SPRAY_PAGE)
    cited = SPRAY_PAGE.replace(QUESTION, QUESTION + " A 2023 trial compared them head to head (Lee et al., 2023).")
    assert not [s for s in read_by(engine, "comparison.learned", cited) if "sleeping pills" in s]


def test_a_page_that_names_no_treatment_is_not_read(engine):
    page = "# Our spring newsletter\n\nThe clinic car park reopens on Monday after resurfacing work.\n"
    assert read_by(engine, "comparison.learned", page) == []


def test_sentences_the_rules_decided_are_left_to_the_rules(engine):
    page = SPRAY_PAGE.replace(QUESTION, "GlowRest works faster than zolpidem and leaves no hangover.")
    checked = check(engine, page)
    assert [f.excerpt for f in checked.report.findings if f.rule == "comparison.rules"]
    assert not [s for s in read_by(engine, "comparison.learned", page) if "zolpidem" in s]
    assert not [f for f in checked.report.findings if f.rule == "comparison.learned"]


def test_why_not_names_the_best_sentence_and_the_threshold(engine):
    analyzed = check(engine, GUMMY_PAGE).analyzed
    message = rule(engine, "comparison.learned").why_not(analyzed)
    assert "below the threshold 0.5" in message and "'comparison'" in message


def test_a_threshold_in_the_policy_overrides_the_heads(tmp_path, encoder):
    path = tmp_path / "strict.yaml"
    path.write_text(POLICY.replace("options: {head: comparison}", "options: {head: comparison, threshold: 0.999}"), encoding="utf-8")
    host = PluginHost()
    strict = Engine(load_policy(path, host.rule_types), host)
    assert not [f for f in strict.check(Document(body=SPRAY_PAGE, format="markdown")).report.findings if f.rule == "comparison.learned"]

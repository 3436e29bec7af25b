"""The `classifier` rule type: trained sentence heads read what the rules left undecided."""

from __future__ import annotations

import json

import pytest

from medguard.analysis.sentence_heads import HEAD_NAMES, default_heads, features, heads_from_json
from medguard.engine import Engine
from medguard.models import Document
from medguard.pluginmanager import PluginHost
from medguard.policy.loader import load_policy

POLICY = """\
name: classifier-test
version: "1"
rules:
  - id: efficacy.learned
    type: classifier
    category: unsupported-efficacy
    message: Reads as an efficacy claim.
    options: {head: unsupported}
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

QUESTION = "Who needs sleeping pills when a few sprays do the same job without the morning grogginess?"
OUTCOME = "Four out of five of our customers are asleep within twenty minutes."
NOTHING_TO_REACT_TO = "Because our gummies come from a plant source, there is simply nothing for your child's body to react to."

SPRAY_PAGE = f"""\
# GlowRest melatonin sleep spray

GlowRest is a melatonin and lavender spray you mist on your skin before bed.

{QUESTION}

{OUTCOME}

{NOTHING_TO_REACT_TO}

Each bottle of our spray holds 60 nights of sprays, and you can cancel your subscription any time.

Order yours today.
"""

NEWS_PAGE = f"""\
# Melatonin sprays are selling fast. Do they work?

Sales of melatonin sprays rose by a third last year, a market report found.

{QUESTION}

Sleep researchers say the evidence for sprays is thin, and that melatonin can cause headaches.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("policy") / "classifier.yaml"
    path.write_text(POLICY, encoding="utf-8")
    host = PluginHost()
    return Engine(load_policy(path, host.rule_types), host)


def check(engine, text: str):
    checked = engine.check(Document(body=text, format="markdown"))
    assert not checked.report.diagnostics, checked.report.diagnostics
    return checked


def flagged(engine, text: str, rule_id: str) -> list[str]:
    return [f.excerpt for f in check(engine, text).report.findings if f.rule == rule_id]


def rule(engine, rule_id: str):
    return next(r.instance for r in engine.policy.active_rules if r.spec.id == rule_id)


def read_by(engine, rule_id: str, text: str) -> list[str]:
    """The sentences the rule's head reads in ``text``."""
    analyzed = check(engine, text).analyzed
    return [analyzed.sentence_line(sentence) for _, sentence in rule(engine, rule_id).sentences(analyzed)]


def stance_skip(engine, rule_id: str, text: str, words: str) -> str | None:
    """Why the rule leaves the sentence of ``text`` containing ``words`` alone whatever its head says."""
    analyzed = check(engine, text).analyzed
    [index] = [i for i, sentence in enumerate(analyzed.sentences) if words in analyzed.sentence_line(sentence)]
    return rule(engine, rule_id).stance_skip(analyzed, index)


def test_the_shipped_heads():
    heads = default_heads()
    assert set(heads.heads) == set(HEAD_NAMES)
    assert "reviewer_pages" in heads.trained_on
    for head in heads.heads.values():
        assert 0.0 < head.threshold < 1.0 and len(head.weights) > 1000


def test_features_are_words_and_word_pairs_with_plain_apostrophes():
    assert features("There’s no chance of a reaction.") == {
        "there's", "no", "chance", "of", "a", "reaction", "there's no", "no chance", "chance of", "of a", "a reaction"}


def test_heads_survive_json():
    again = heads_from_json(json.loads(json.dumps(default_heads().as_json())))
    assert again == default_heads()


@pytest.mark.parametrize("rule_id, sentence", [
    ("comparison.learned", QUESTION),
    ("efficacy.learned", OUTCOME),
    ("safety.learned", NOTHING_TO_REACT_TO),
])
def test_a_selling_page_gets_each_heads_finding_with_its_reasons(engine, rule_id, sentence):
    [finding] = [f for f in check(engine, SPRAY_PAGE).report.findings if f.rule == rule_id]
    assert finding.excerpt == sentence
    explanation = finding.explanation
    assert explanation["probability"] >= explanation["threshold"] >= 0.5
    assert finding.confidence == explanation["probability"]
    assert explanation["strongest_features"] and all(weight > 0 for _, weight in explanation["strongest_features"])


def test_logistics_are_not_flagged(engine):
    findings = {f.excerpt for f in check(engine, SPRAY_PAGE).report.findings if f.rule.endswith(".learned")}
    assert findings == {QUESTION, OUTCOME, NOTHING_TO_REACT_TO}


def test_a_news_story_is_not_read_unless_the_rule_says_all_pages(engine, tmp_path):
    assert read_by(engine, "comparison.learned", NEWS_PAGE) == []
    path = tmp_path / "all.yaml"
    path.write_text(POLICY.replace("options: {head: comparison}", "options: {head: comparison, pages: all}"), encoding="utf-8")
    host = PluginHost()
    every_page = Engine(load_policy(path, host.rule_types), host)
    assert QUESTION in read_by(every_page, "comparison.learned", NEWS_PAGE)


@pytest.mark.parametrize("rule_id, original, changed, why", [
    ("comparison.learned", QUESTION, QUESTION.replace("do the same job", "may do the same job"), "hedged"),
    ("safety.learned", NOTHING_TO_REACT_TO, "“" + NOTHING_TO_REACT_TO + "” says Dr Jane Moss, a paediatrician.", "attributed"),
])
def test_hedged_or_attributed_sentences_are_left_alone(engine, rule_id, original, changed, why):
    assert stance_skip(engine, rule_id, SPRAY_PAGE, original) is None
    page = SPRAY_PAGE.replace(original, changed)
    assert stance_skip(engine, rule_id, page, original[:30]).startswith(why)
    assert flagged(engine, page, rule_id) == []


_QUOTE = "“Our spray has children asleep within minutes, night after night,” said Dana Moss, chief executive of GlowRest."
_TESTIMONIAL = "“I finally sleep through the night and wake up rested,” says Priya, a customer since March."


@pytest.mark.parametrize("page, quote_skip, testimonial_skip", [
    # a press release prints the quotes its issuer chose: the issuer's words
    ("# GlowRest launches a melatonin spray for children\n\nBOSTON, March 3 (GLOBE NEWSWIRE) -- GlowRest (NASDAQ: GLWR) "
     "today announced a melatonin spray for children.\n\n{quote}\n\n{testimonial}\n\n## Media contact\n\npress@glowrest.example\n",
     None, None),
    # a news story reports them
    ("# A melatonin spray for children\n\nA company has launched a melatonin spray for children.\n\n{quote}\n\n{testimonial}\n\n"
     "Paediatricians said melatonin is a hormone and should not be given without advice.\n",
     "attributed", "attributed"),
    # a seller's page chose its customer's testimonial; the quote is still its speaker's
    (SPRAY_PAGE + "\n{quote}\n\n{testimonial}\n", "attributed", None),
])
def test_quotes_and_testimonials_are_the_publishers_where_the_claim_analysis_says_so(tmp_path, page, quote_skip, testimonial_skip):
    """The heads skip what the claim analysis attributes to someone else, and read what it calls
    the page's own (an issuer's quote in its release, a testimonial on a seller's page)."""
    path = tmp_path / "all.yaml"
    path.write_text(POLICY.replace("options: {head: unsupported}", "options: {head: unsupported, pages: all}"), encoding="utf-8")
    host = PluginHost()
    every_page = Engine(load_policy(path, host.rule_types), host)
    page = page.format(quote=_QUOTE, testimonial=_TESTIMONIAL)
    for words, expected in (("asleep within minutes", quote_skip), ("sleep through the night", testimonial_skip)):
        skipped = stance_skip(every_page, "efficacy.learned", page, words)
        assert (skipped is None) if expected is None else skipped.startswith(expected), (words, skipped)


def test_a_sentence_with_evidence_in_its_paragraph_is_not_read(engine):
    assert QUESTION in read_by(engine, "comparison.learned", SPRAY_PAGE)
    cited = SPRAY_PAGE.replace(QUESTION, QUESTION + " A 2023 trial compared them head to head (Lee et al., 2023).")
    assert not [s for s in read_by(engine, "comparison.learned", cited) if "sleeping pills" in s]


_SEED_OILS = """\
# I quit seed oils, and you should too

Two years ago I threw out every bottle of canola and sunflower oil in my kitchen. You deserve to hear what happened next.

Within three weeks of swapping to butter and olive oil, my skin cleared and my joints stopped aching.

I cook everything in tallow now. Want my shopping list? Join my newsletter and I will send it to you.
"""


def test_a_selling_page_is_read_even_when_it_names_no_treatment(engine, tmp_path):
    """An influencer who sells a diet names no drug or procedure, but its results are claims; with
    ``pages: all`` a page must name a treatment to be read."""
    [claim] = flagged(engine, _SEED_OILS, "efficacy.learned")
    assert claim.startswith("Within three weeks of swapping to butter")
    assert check(engine, _SEED_OILS).analyzed.annotation("interventions").items == []
    newsletter = "# Our spring newsletter\n\nYou can park in our clinic car park again from Monday. Book your visit today.\n"
    assert not any(flagged(engine, newsletter, rule_id) for rule_id in ("efficacy.learned", "comparison.learned", "safety.learned"))
    path = tmp_path / "all.yaml"
    path.write_text(POLICY.replace("options: {head: unsupported}", "options: {head: unsupported, pages: all}"), encoding="utf-8")
    host = PluginHost()
    every_page = Engine(load_policy(path, host.rule_types), host)
    assert read_by(every_page, "efficacy.learned", _SEED_OILS) == []


def test_sentences_the_rules_decided_are_left_to_the_rules(engine):
    page = SPRAY_PAGE.replace(QUESTION, "GlowRest works faster than zolpidem and leaves no hangover.")
    assert flagged(engine, page, "comparison.rules")
    assert not [s for s in read_by(engine, "comparison.learned", page) if "zolpidem" in s]
    assert flagged(engine, page, "comparison.learned") == []


def test_why_not_names_the_best_sentence_and_the_threshold(engine):
    page = SPRAY_PAGE.replace(QUESTION, "Each spray is 0.5 mg.")
    analyzed = check(engine, page).analyzed
    message = rule(engine, "comparison.learned").why_not(analyzed)
    assert "below the threshold" in message and "'comparison'" in message


def test_a_threshold_in_the_policy_overrides_the_heads(tmp_path):
    path = tmp_path / "strict.yaml"
    path.write_text(POLICY.replace("options: {head: comparison}", "options: {head: comparison, threshold: 0.9999}"), encoding="utf-8")
    host = PluginHost()
    strict = Engine(load_policy(path, host.rule_types), host)
    assert flagged(strict, SPRAY_PAGE, "comparison.learned") == []


def test_the_model_reads_claims_and_what_the_heads_find_claim_like_not_every_mention_of_a_drug(engine):
    """The ``candidates`` annotation (what a `semantic` rule embeds by default): the analysis's claims,
    and the paraphrases the heads find claim-like whether or not they name a treatment; not a
    sentence that only names a drug, nor opening hours."""
    sentences = {
        "Ozempic was approved by the FDA in 2017 for adults with type 2 diabetes.": False,
        "Ozempic cures alcohol cravings.": True,
        "Within a week the cravings are a thing of the past.": True,
        "The extra weight just melts off.": True,
        "Our clinic is open on Sundays.": False,
        "Novo Nordisk makes Ozempic in Denmark.": False,
    }
    analyzed = engine.analyze(Document(body=" ".join(sentences)))
    candidates = analyzed.annotation("candidates")
    assert {analyzed.sentence_line(s): i in candidates for i, s in enumerate(analyzed.sentences)} == sentences

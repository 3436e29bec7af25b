"""`strength: model`: the claim-strength head decides which claims are assertive, and the model
layer embeds a batch of documents' sentences in one go (`Engine.check_many`)."""

from __future__ import annotations

import pytest

from .conftest import ML_REASON

pytest.importorskip("torch", reason=ML_REASON)
pytest.importorskip("transformers", reason=ML_REASON)

from medguard.engine import Engine  # noqa: E402
from medguard.models import Document  # noqa: E402
from medguard.pluginmanager import PluginHost  # noqa: E402
from medguard.policy.loader import load_policy  # noqa: E402

HEDGED_BY_PHRASE = "It is possible that Ozempic reduces cravings for alcohol."
"""'It is possible that' hedges the claim; the rule analysis's hedge list does not have it, the head reads it."""


@pytest.fixture(scope="module")
def engines(encoder):
    host = PluginHost()
    return Engine(load_policy("default", host.rule_types), host), Engine(load_policy("semantic", host.rule_types), host)


def unsupported(engine, text: str) -> list:
    report = engine.check(Document(body=text, format="text")).report
    return [f for f in report.findings if f.rule == "efficacy.unsupported-claim"]


def test_the_model_reads_a_hedge_the_rules_miss(engines):
    rules_only, with_model = engines
    assert unsupported(rules_only, HEDGED_BY_PHRASE)
    assert not unsupported(with_model, HEDGED_BY_PHRASE)


def test_a_finding_says_the_model_decided_and_with_what_probabilities(engines):
    _, with_model = engines
    [finding] = unsupported(with_model, "Ozempic cures alcohol cravings in a week.")
    claim = finding.explanation["claim"]
    assert claim["strength_by"] == "claim-strength model"
    assert claim["strength"] == "direct"
    assert max(claim["model_scores"], key=claim["model_scores"].get) == "direct"
    assert sum(claim["model_scores"].values()) == pytest.approx(1.0, abs=1e-3)


def test_the_model_reading_no_claim_does_not_overrule_the_analysis(engines):
    """A customers' figure reads as no claim to a head trained on research sentences; the analysis
    found a benefit claim about the product, and its reading stands, with the model's scores shown."""
    rules_only, with_model = engines
    page = "Slimora melts away belly fat. Most of our clients drop two dress sizes in their first month on Slimora."
    figure = "Most of our clients drop two dress sizes"
    assert [f for f in unsupported(rules_only, page) if f.excerpt.startswith(figure)]
    [finding] = [f for f in unsupported(with_model, page) if f.excerpt.startswith(figure)]
    claim = finding.explanation["claim"]
    assert claim["strength_by"] == "rule analysis"
    assert max(claim["model_scores"], key=claim["model_scores"].get) == "none"
    assert "reads no claim" in claim["model_not_used"]


def test_rules_decide_when_the_policy_does_not_ask_for_the_model(engines):
    rules_only, _ = engines
    [finding] = unsupported(rules_only, "Ozempic cures alcohol cravings in a week.")
    assert finding.explanation["claim"]["strength_by"] == "rule analysis"


def test_a_batch_is_embedded_in_one_pass_and_checked_like_one_by_one(engines, encoder, monkeypatch):
    _, with_model = engines
    texts = [
        "Suboxone stops cravings for good. Our clinic is open on Sundays.",
        "After our program, clients finally get their lives back.",
        "Vivitrol is completely safe and has no side effects.",
        "Naltrexone may reduce heavy drinking in some people.",
    ]
    encoder.cache.clear()
    calls = []
    original = encoder._encode_batches
    monkeypatch.setattr(encoder, "_encode_batches", lambda batch, *a, **k: calls.append(len(batch)) or original(batch, *a, **k))
    batched = with_model.check_many([(Document(body=t, format="text"), f"doc{i}", None) for i, t in enumerate(texts)])
    passes_while_preparing = len(calls)
    one_by_one = [with_model.check(Document(body=t, format="text"), f"doc{i}") for i, t in enumerate(texts)]
    assert passes_while_preparing <= 3  # at most one per rule that prepares (semantic, unsupported, safety), not one per document
    assert len(calls) == passes_while_preparing  # everything checked one by one came from the cache
    assert [[f.rule for f in c.report.findings] for c in batched] == [[f.rule for f in c.report.findings] for c in one_by_one]

"""A model deadline (`ml.deadline`, what the service sets from a request's time limit): the model
stops in time, what it finished is used, the rules without it check the rest, and the report
says so with a `model-timeout` warning instead of failing."""

from __future__ import annotations

import time

import pytest

from .conftest import ML_REASON

pytest.importorskip("torch", reason=ML_REASON)
pytest.importorskip("transformers", reason=ML_REASON)

from medguard.engine import Engine  # noqa: E402
from medguard.ml import deadline  # noqa: E402
from medguard.ml.deadline import ModelTimeout, model_deadline  # noqa: E402
from medguard.ml.encoder import PAD_TO_MULTIPLE_OF  # noqa: E402
from medguard.models import Document  # noqa: E402
from medguard.pluginmanager import PluginHost  # noqa: E402
from medguard.policy.loader import load_policy  # noqa: E402

CLAIM = "Ozempic cures alcohol cravings in a week."
PARAPHRASE = "After our program, clients finally get their lives back."
ARTICLE = f"{CLAIM}\n\n{PARAPHRASE}\n\nOur clinic is open on Sundays."
SENTENCES = [
    "Naltrexone may reduce heavy drinking in some people.",
    "Suboxone stops cravings for good.",
    "Our clinic is open on Sundays.",
    "Vivitrol is completely safe and has no side effects.",
    "Ask your doctor about the risks.",
    "Recovery takes time and support.",
]


@pytest.fixture(scope="module")
def engine(encoder):
    host = PluginHost()
    engine = Engine(load_policy("semantic", host.rule_types), host)
    engine.check(Document(body="Warm-up: fits the semantic rule's exemplars.", format="text"))
    return engine


def check(engine, encoder, *, model_deadline=None, cached=()):
    encoder.cache.clear()
    if cached:
        encoder.embed(list(cached))
    return engine.check(Document(body=ARTICLE, format="text"), model_deadline=model_deadline).report


def test_with_time_to_spare_the_report_is_the_one_without_a_deadline(engine, encoder):
    free = check(engine, encoder)
    timed = check(engine, encoder, model_deadline=time.monotonic() + 600)
    assert timed.model_dump() == free.model_dump()
    assert not timed.diagnostics
    paraphrase = [f for f in timed.findings if f.rule == "efficacy.paraphrased-claim"]
    assert [f.excerpt for f in paraphrase] == [PARAPHRASE]


def test_out_of_time_the_rules_without_the_model_still_report_and_say_so(engine, encoder):
    report = check(engine, encoder, model_deadline=time.monotonic() - 1)
    assert report.decision == "block"  # from the findings: a model time-out is not an error
    [claim] = [f for f in report.findings if f.rule == "efficacy.unsupported-claim" and f.excerpt == CLAIM]
    assert claim.explanation["claim"]["strength_by"] == "rule analysis"
    assert "ran out of time" in claim.explanation["claim"]["model_not_used"]
    assert not [f for f in report.findings if f.rule == "efficacy.paraphrased-claim"]
    warned = {d.rule: d for d in report.diagnostics}
    assert set(warned) == {"efficacy.unsupported-claim", "efficacy.paraphrased-claim"}
    assert {d.level for d in warned.values()} == {"warning"}
    assert {d.code for d in warned.values()} == {"model-timeout"}
    assert "embedded 0 of the 2 sentences" in warned["efficacy.paraphrased-claim"].message  # not the opening hours


def test_what_the_model_finished_in_time_is_used(engine, encoder):
    report = check(engine, encoder, model_deadline=time.monotonic() - 1, cached=[PARAPHRASE])
    paraphrase = [f for f in report.findings if f.rule == "efficacy.paraphrased-claim"]
    assert [f.excerpt for f in paraphrase] == [PARAPHRASE]  # embedded earlier: checked by the semantic rule
    [warning] = [d for d in report.diagnostics if d.rule == "efficacy.paraphrased-claim"]
    assert "part of the model's work" in warning.message and "embedded 0 of the 1 sentences" in warning.message


def test_a_required_rule_that_ran_out_of_time_is_an_error(tmp_path, encoder):
    policy = tmp_path / "required.yaml"
    policy.write_text(
        "name: required-semantic\nversion: '1'\non_error: fail-closed\nextends: semantic\n"
        "rules:\n  - id: efficacy.paraphrased-claim\n    required: true\n", encoding="utf-8")
    host = PluginHost()
    engine = Engine(load_policy(policy, host.rule_types), host)
    report = check(engine, encoder, model_deadline=time.monotonic() - 1)
    [error] = [d for d in report.diagnostics if d.level == "error"]
    assert (error.code, error.rule) == ("model-timeout", "efficacy.paraphrased-claim")
    assert report.decision == "block"


def test_a_batch_is_cut_to_what_fits_before_the_deadline(encoder, monkeypatch):
    """With a known time per token, the encoder embeds the texts that fit, caches them, then stops."""
    encoder.cache.clear()
    longest = max(SENTENCES, key=len)
    padded = encoder.loaded.tokenizer([longest], return_tensors="pt", pad_to_multiple_of=PAD_TO_MULTIPLE_OF)["input_ids"].shape[1]
    clock = iter([0.0, 0.0] + [100.0] * 10)  # the first batch's two looks at the clock, then long past
    monkeypatch.setattr(deadline, "monotonic", lambda: next(clock))
    monkeypatch.setattr(encoder, "_seconds_per_token", 1.0 / (padded * 5))  # 5 texts fit in the second left: 2 in half
    before = encoder.encoded
    with model_deadline(1.0) as limit, pytest.raises(ModelTimeout, match="embedded 2 of the 6 sentences"):
        encoder.embed(SENTENCES, batch_size=4)
    assert len(limit.timeouts) == 1 and encoder.encoded - before == 2
    vectors, done = encoder.embed_partly(SENTENCES)  # no deadline now: two come from the cache, four from the model
    assert done.all() and encoder.encoded - before == 6
    shortest = sorted(range(len(SENTENCES)), key=lambda i: len(SENTENCES[i]))[:2]  # the cut batch kept these
    reference = encoder.encode_uncached([SENTENCES[i] for i in shortest])
    tolerance = 1e-5 if encoder.precision == "fp32" else 5e-3  # bf16 rounds differently for other batch shapes
    assert abs(vectors[shortest] - reference).max() < tolerance  # cut to fewer texts and columns: the same vectors


def test_embed_partly_says_which_rows_it_has(encoder):
    encoder.cache.clear()
    encoder.embed(SENTENCES[:2])
    with model_deadline(time.monotonic() - 1):
        vectors, done = encoder.embed_partly(SENTENCES)
    assert done.tolist() == [True, True, False, False, False, False]
    assert (vectors[2:] == 0).all() and abs(float((vectors[0] ** 2).sum()) - 1.0) < 1e-5

"""Embeddings: equal to sentence-transformers, batched, cached, quiet."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from .conftest import ML_REASON

pytest.importorskip("torch", reason=ML_REASON)
pytest.importorskip("transformers", reason=ML_REASON)

from medguard.ml.encoder import Encoder  # noqa: E402
from medguard.ml.settings import MLSettings  # noqa: E402

SENTENCES = [
    "Our clinic's detox program cures alcohol addiction in just 30 days.",
    "Metformin may lower the risk of some cancers in people with diabetes.",
    "Higher coffee consumption was associated with a lower risk of type 2 diabetes.",
    "Book your free consultation today!",
    "x",
    "Naloxone, naltrexone and buprenorphine: what's the difference? " * 40,  # over 256 tokens: truncated
]


def test_pooling_equals_sentence_transformers(fp32_encoder):
    sentence_transformers = pytest.importorskip("sentence_transformers", reason="the reference implementation is a test dependency")
    reference = sentence_transformers.SentenceTransformer(str(fp32_encoder.loaded.folder), device="cpu")
    expected = reference.encode(SENTENCES, normalize_embeddings=True, convert_to_numpy=True, batch_size=4)
    got = fp32_encoder.encode_uncached(SENTENCES)
    assert got.shape == expected.shape == (len(SENTENCES), 384)
    assert np.abs(got - expected).max() < 1e-5
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_batch_size_does_not_change_vectors(fp32_encoder):
    one = fp32_encoder.encode_uncached(SENTENCES[:4], batch_size=1)
    many = fp32_encoder.encode_uncached(SENTENCES[:4], batch_size=16)
    assert np.abs(one - many).max() < 1e-5


def test_bf16_vectors_stay_close_to_fp32(fp32_encoder):
    bf16 = Encoder(MLSettings(precision="bf16", cache_size=0))
    assert bf16.precision == "bf16" and bf16.digest != fp32_encoder.digest  # cached apart
    assert bf16.base_digest == fp32_encoder.base_digest  # the claim head accepts it
    cosine = (bf16.encode_uncached(SENTENCES) * fp32_encoder.encode_uncached(SENTENCES)).sum(axis=1)
    assert cosine.min() > 0.999


def test_auto_precision_follows_the_cpu(encoder):
    from medguard.ml.model import native_bf16

    assert encoder.precision == ("bf16" if native_bf16() else "fp32")


def test_memory_cache_skips_the_model(encoder):
    texts = ["A sentence only this test embeds, number 8121."]
    first = encoder.embed(texts)
    before = encoder.encoded
    again = encoder.embed(texts + texts)
    assert encoder.encoded == before
    assert np.array_equal(again[0], first[0]) and np.array_equal(again[1], first[0])


def test_disk_cache_is_shared_across_encoders(encoder, tmp_path):
    settings = MLSettings(cache_dir=str(tmp_path), cache_size=0)
    writer = Encoder(settings, loaded=encoder.loaded)
    vectors = writer.embed(SENTENCES[:3])
    assert writer.encoded == 3
    reader = Encoder(settings, loaded=encoder.loaded)
    assert np.array_equal(reader.embed(SENTENCES[:3]), vectors)
    assert reader.encoded == 0 and reader.cache.disk_hits == 3
    assert (tmp_path / "embeddings.sqlite").is_file()


@pytest.mark.slow
def test_check_with_a_semantic_rule_prints_no_progress_bars_or_warnings(tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        "name: t\nversion: '1'\nrules:\n"
        "  - id: sem.cure\n    type: semantic\n    message: paraphrased cure claim\n"
        "    options:\n      flag: ['Our treatment cures addiction for good.']\n",
        encoding="utf-8",
    )
    document = tmp_path / "page.txt"
    document.write_text("Our program ends addiction permanently. The clinic opens at nine.", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_", "MEDGUARD_"))}
    result = subprocess.run(
        [sys.executable, "-m", "medguard.cli", "check", str(document), "--policy", str(policy), "--format", "json"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == "", result.stderr
    report = json.loads(result.stdout)
    findings = report["documents"][0]["findings"]
    assert [f["rule"] for f in findings] == ["sem.cure"]

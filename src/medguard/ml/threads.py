"""Native threads in multi-process runs: numpy's BLAS runs single-threaded there.

The model layer's matrix products outside torch are small: the claim head (a few hundred
sentences by 403 weights) and sentence-by-exemplar similarities for ``semantic`` rules. OpenBLAS,
numpy's BLAS in its PyPI wheels, still starts one thread per core for them, and those threads
spin between calls. ``medguard serve --workers 2`` on 2 cores already runs one process per core,
so the spinning threads took CPU from the other worker: with the ``semantic`` pack, the server
spent 95-105 ms of CPU per request with them and 47-67 ms without (README, Speed).
"""

from __future__ import annotations

import os

BLAS_THREADS_VARIABLE = "OPENBLAS_NUM_THREADS"


def single_threaded_blas() -> None:
    """Make OpenBLAS single-threaded in this process and in the processes it starts.

    Takes effect only where numpy is imported afterwards (OpenBLAS reads the variable when it
    loads), so commands call it first. A value the operator set is kept.
    """
    os.environ.setdefault(BLAS_THREADS_VARIABLE, "1")

"""Helpers shared by the commands that run worker processes (``scan`` and ``serve``)."""

from __future__ import annotations

import gc
import os
import time


def available_cores() -> int:
    """The CPU cores this process may run on (its affinity, where the platform says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def exit_with_parent(parent_pid: int) -> None:
    """Run in a daemon thread of a worker: exit when the process that started it is gone (killed,
    it could not stop its workers). Polls twice a second."""
    while True:
        time.sleep(0.5)
        try:
            os.kill(parent_pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            pass


_YOUNG_GENERATION_THRESHOLD = 20_000


def freeze_heap() -> None:
    """Exempt everything loaded so far (plugins, the policy, lexicons, the model and torch) from the
    cyclic garbage collector's full collections.

    With the model loaded, a full collection walked about 400,000 objects and paused every thread
    of a process for about 190 ms, once every 60 or so documents: that pause was the service's p95
    with the ``semantic`` pack. Called when a checker process has built its engine, by the service
    after each reload, and by ``medguard check`` and each scan worker after their first batch (the
    lexicons load on first use; without the model, full collections cost a check about 1.3 ms).
    Unfreezing first lets the garbage of the engine a reload replaced be collected (that one
    collection, up to about 0.2 s with the model, is the price of a reload).

    It also raises the young generation's threshold from 700 to 20,000 allocations: a check frees
    nearly all it allocates by reference counting, and the 3 or 4 young collections it triggered
    cost about 1.2 ms of a 40 ms check.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    gc.set_threshold(_YOUNG_GENERATION_THRESHOLD, *gc.get_threshold()[1:])

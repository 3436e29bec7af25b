"""Helpers shared by the commands that run worker processes (``scan`` and ``serve``)."""

from __future__ import annotations

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

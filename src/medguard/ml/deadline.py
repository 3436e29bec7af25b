"""A time by which the model must stop, for one document's check (the service sets it from the
request's time limit).

The model is the slow part of a check: on a CPU without native bf16, embedding the candidate
sentences of a new 2,000-word article takes seconds, and the rules without it take tens of
milliseconds. When a deadline is set, the encoder checks before each batch whether the batch
would end after it, runs only the texts that fit, and raises :class:`ModelTimeout` when none
does (the batches already embedded stay in the cache). Claim strength then falls back to the rule
analysis for the claims without a vector and a ``semantic`` rule checks only the sentences with
one, each with a diagnostic, so the report keeps every finding the rules without the model found
instead of becoming a time-out. Imports without torch.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Iterator

monotonic = time.monotonic
"""The clock (the same in every process of the machine); tests replace it."""


class ModelTimeout(Exception):
    """The model's time for this document ran out before it had embedded what was asked."""


@dataclass(slots=True)
class ModelDeadline:
    at: float
    """``monotonic()`` time by which the model must have stopped."""
    timeouts: list[str] = field(default_factory=list)
    """The message of every :class:`ModelTimeout` raised in this check, in order."""

    def remaining(self) -> float:
        return self.at - monotonic()

    def check(self, estimate_s: float, done: int, total: int) -> None:
        """Raise ModelTimeout when a batch expected to take ``estimate_s`` would end after the
        deadline; ``done`` of ``total`` sentences are embedded so far."""
        if monotonic() + estimate_s > self.at:
            message = f"the model ran out of time for this document; it embedded {done} of the {total} sentences asked for"
            self.timeouts.append(message)
            raise ModelTimeout(message)


_current: ContextVar[ModelDeadline | None] = ContextVar("medguard_model_deadline", default=None)


def current() -> ModelDeadline | None:
    """The deadline of the check running in this thread, if any."""
    return _current.get()


@contextmanager
def model_deadline(at: float | None) -> Iterator[ModelDeadline | None]:
    """Within the block, the model stops at ``monotonic()`` time ``at`` (None: no limit)."""
    deadline = ModelDeadline(at) if at is not None else None
    token = _current.set(deadline)
    try:
        yield deadline
    finally:
        _current.reset(token)

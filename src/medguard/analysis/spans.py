"""Small shared types for annotations: cues found in text, and lookups by offset."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar



@dataclass(slots=True, frozen=True)
class Cue:
    """Words in the text that an analyzer acted on, and what kind of cue they are."""

    start: int
    end: int
    text: str
    kind: str

    def as_dict(self) -> dict:
        return {"text": self.text, "kind": self.kind, "start": self.start, "end": self.end}


T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Items with ``start``/``end``, sorted, with fast lookup of those inside a span."""

    def __init__(self, items: Sequence[T]):
        self.items: list[T] = sorted(items, key=lambda i: (i.start, i.end))
        self._starts = [i.start for i in self.items]

    def within(self, start: int, end: int) -> list[T]:
        """Items that start inside [start, end)."""
        return self.items[bisect_left(self._starts, start):bisect_right(self._starts, end - 1)]

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

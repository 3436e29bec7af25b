"""Classification metrics with bootstrap confidence intervals (no third-party dependency)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Callable, Sequence


@dataclass(frozen=True, slots=True)
class Confusion:
    tp: int
    fp: int
    fn: int
    tn: int

    @classmethod
    def of(cls, truth: Sequence[bool], predicted: Sequence[bool]) -> "Confusion":
        tp = sum(t and p for t, p in zip(truth, predicted))
        fp = sum((not t) and p for t, p in zip(truth, predicted))
        fn = sum(t and not p for t, p in zip(truth, predicted))
        return cls(tp, fp, fn, len(truth) - tp - fp - fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def specificity(self) -> float:
        return self.tn / (self.tn + self.fp) if self.tn + self.fp else 0.0

    @property
    def balanced_accuracy(self) -> float:
        return (self.recall + self.specificity) / 2

    @property
    def mcc(self) -> float:
        denominator = math.sqrt((self.tp + self.fp) * (self.tp + self.fn) * (self.tn + self.fp) * (self.tn + self.fn))
        return (self.tp * self.tn - self.fp * self.fn) / denominator if denominator else 0.0


def per_class_f1(truth: Sequence[str], predicted: Sequence[str], label: str) -> Confusion:
    return Confusion.of([t == label for t in truth], [p == label for p in predicted])


def macro_f1(truth: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> float:
    return sum(per_class_f1(truth, predicted, label).f1 for label in labels) / len(labels)


def bootstrap(statistic: Callable[[list[int]], float], n: int, *, resamples: int = 1000, seed: int = 13) -> tuple[float, float]:
    """95% percentile interval of ``statistic`` over resampled index lists."""
    rng = random.Random(seed)
    values = sorted(statistic([rng.randrange(n) for _ in range(n)]) for _ in range(resamples))
    return values[int(0.025 * resamples)], values[int(0.975 * resamples) - 1]

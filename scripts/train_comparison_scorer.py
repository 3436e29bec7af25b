#!/usr/bin/env python3
"""Train the comparison scorer, ``src/medguard/data/comparison_scorer.json``.

The scorer decides whether a sentence that names two different treatments, with no comparative
construction the rule knows, sets one against the other (see
``medguard.analysis.comparison_scorer``). It is an L2-regularised logistic regression over the
features that module computes, trained on the project's own labelled sentences
(``datasets/comparisons/*.csv``, CC0), only on the sentences the rule would ask it about:
those naming two different treatments, with no identifiable evidence, that are not questions.

    python scripts/train_comparison_scorer.py [--train FILE ...] [--min-precision 0.9]

Needs numpy (the ``ml`` extra). Prints 5-fold cross-validated precision and recall at the
chosen threshold: the smallest probability at which the cross-validated precision reaches
``--min-precision``. Deterministic: the same inputs give the same file.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from medguard import IDENTIFIABLE, Document, Engine, PluginHost, load_policy  # noqa: E402
from medguard.analysis.comparison_scorer import SCORER_FILE, features  # noqa: E402
from medguard.analysis.comparisons import pairing_span  # noqa: E402

SETS = ROOT / "datasets" / "comparisons"
DEFAULT_TRAIN = [SETS / f"{name}.csv" for name in ("comparisons", "pairs", "pairs-2", "holdout-2", "holdout-3", "holdout-4", "holdout-5", "holdout-6")]
OUTPUT = ROOT / "src" / "medguard" / "data" / SCORER_FILE
MIN_COUNT = 2
FOLDS = 5
SEED = 13


def candidates(paths: list[Path]) -> tuple[list[list[str]], list[int]]:
    """Features and labels (1 = flag) of every span the scorer would be asked about."""
    host = PluginHost()
    engine = Engine(load_policy("default", host.rule_types), host)
    rows, labels = [], []
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                document = engine.analyze(Document(body=row["sentence"], format="text"))
                interventions, evidence = document.annotation("interventions"), document.annotation("evidence")
                for index, sentence in enumerate(document.sentences):
                    if document.text[sentence.start:sentence.end].rstrip().endswith("?"):
                        continue
                    if any(e.kind in IDENTIFIABLE for e in evidence.within(sentence.start, sentence.end)):
                        continue
                    span = pairing_span(document, interventions, index, [])
                    if span is not None:
                        rows.append(features(document.text, span.start, span.end, span.sides))
                        labels.append(1 if row["label"] == "flag" else 0)
    return rows, labels


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 3000, rate: float = 0.5) -> tuple[np.ndarray, float]:
    """Logistic regression by full-batch gradient descent with Nesterov momentum."""
    w, b = np.zeros(x.shape[1]), 0.0
    vw, vb = np.zeros_like(w), 0.0
    for _ in range(steps):
        lw, lb = w + 0.9 * vw, b + 0.9 * vb
        p = 1.0 / (1.0 + np.exp(-(x @ lw + lb)))
        gw = x.T @ (p - y) / len(y) + l2 * lw
        gb = float(np.mean(p - y))
        vw, vb = 0.9 * vw - rate * gw, 0.9 * vb - rate * gb
        w, b = w + vw, b + vb
    return w, b


def cross_validated(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    order = np.random.default_rng(SEED).permutation(len(y))
    probabilities = np.zeros(len(y))
    for fold in range(FOLDS):
        test = order[fold::FOLDS]
        train = np.setdiff1d(order, test)
        w, b = fit(x[train], y[train], l2)
        probabilities[test] = 1.0 / (1.0 + np.exp(-(x[test] @ w + b)))
    return probabilities


def precision_recall(probabilities: np.ndarray, y: np.ndarray, threshold: float) -> tuple[float, float]:
    predicted = probabilities >= threshold
    tp = int(np.sum(predicted & (y == 1)))
    return tp / max(int(predicted.sum()), 1), tp / max(int(y.sum()), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, nargs="+", default=DEFAULT_TRAIN)
    parser.add_argument("--min-precision", type=float, default=0.975)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    rows, labels = candidates(args.train)
    counts: dict[str, int] = {}
    for found in rows:
        for feature in found:
            counts[feature] = counts.get(feature, 0) + 1
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    column = {f: i for i, f in enumerate(vocabulary)}
    x = np.zeros((len(rows), len(vocabulary)))
    for i, found in enumerate(rows):
        for feature in found:
            if feature in column:
                x[i, column[feature]] = 1.0
    y = np.asarray(labels, dtype=float)
    print(f"candidates: {len(y)} ({int(y.sum())} flag, {int(len(y) - y.sum())} pass); features: {len(vocabulary)}")

    best = None
    for l2 in (0.001, 0.003, 0.01):
        probabilities = cross_validated(x, y, l2)
        for threshold in np.arange(0.5, 0.96, 0.05):
            precision, recall = precision_recall(probabilities, y, threshold)
            if precision >= args.min_precision:
                print(f"  l2 {l2:<6} threshold {threshold:.2f}: cross-validated precision {precision:.3f}, recall {recall:.3f}")
                if best is None or recall > best[0]:
                    best = (recall, precision, l2, round(float(threshold), 2))
                break
    if best is None:
        print(f"no threshold reaches precision {args.min_precision}", file=sys.stderr)
        return 1
    recall, precision, l2, threshold = best
    w, b = fit(x, y, l2)
    weights = {f: round(float(v), 4) for f, v in zip(vocabulary, w) if abs(v) >= 1e-3}
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in args.train)).hexdigest()
    args.output.write_text(json.dumps({
        "version": f"1+{digest[:8]}", "trained_on": [p.name for p in args.train], "l2": l2, "bias": round(b, 4),
        "threshold": threshold, "cross_validated": {"precision": round(precision, 3), "recall": round(recall, 3)},
        "weights": dict(sorted(weights.items())),
    }, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"chose l2 {l2}, threshold {threshold}: cross-validated precision {precision:.3f}, recall {recall:.3f}")
    print(f"wrote {args.output} ({len(weights)} weights, {args.output.stat().st_size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python
"""What each model precision (bf16, int8) costs against fp32: cosine, speed, claim-head agreement.

    python scripts/ml_precision_report.py [--threads 2] [--limit 800]

Sentences: the project's own datasets/claim_strength/claim_strength.csv (CC0). Prints, per
precision, sentences/s, load time and, against fp32, the mean, minimum and 1st percentile of the
cosine per sentence, the nearest-neighbour agreement and how often the claim-strength head's
label changes.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from medguard.ml import claim_strength  # noqa: E402
from medguard.ml.encoder import Encoder  # noqa: E402
from medguard.ml.model import native_bf16  # noqa: E402
from medguard.ml.settings import MLSettings  # noqa: E402


PRECISIONS = ("fp32", "bf16", "int8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=800)
    args = parser.parse_args(argv)

    with open(ROOT / "datasets" / "claim_strength" / "claim_strength.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[: args.limit]
    sentences = [r["sentence"] for r in rows]

    results = {}
    for precision in PRECISIONS:
        encoder = Encoder(MLSettings(threads=args.threads, precision=precision, cache_size=0))
        encoder.encode_uncached(sentences[:32])  # warm-up
        started = time.perf_counter()
        vectors = encoder.encode_uncached(sentences)
        seconds = time.perf_counter() - started
        labels = claim_strength.predict(sentences, encoder=encoder)
        results[precision] = (vectors, seconds, labels, encoder.load_seconds)

    reference, _, reference_labels, _ = results["fp32"]
    gold = [r["label"] for r in rows]
    reference_sims = reference @ reference.T
    np.fill_diagonal(reference_sims, -2)
    print(f"sentences: {len(sentences)} (datasets/claim_strength), threads: {args.threads}, "
          f"native bf16 on this CPU: {native_bf16()}")
    for precision, (vectors, seconds, labels, load_seconds) in results.items():
        accuracy = np.mean([g == p for g, p in zip(gold, labels)])
        line = f"{precision}: {len(sentences) / seconds:.0f} sentences/s, load {load_seconds:.2f} s, head accuracy {accuracy:.3f}"
        if precision != "fp32":
            cosine = (reference * vectors).sum(axis=1)
            sims = vectors @ vectors.T
            np.fill_diagonal(sims, -2)
            agree = float(np.mean(reference_sims.argmax(axis=1) == sims.argmax(axis=1)))
            changed = np.mean([a != b for a, b in zip(reference_labels, labels)])
            line += (f"; cos to fp32 mean {cosine.mean():.4f}, min {cosine.min():.4f}, 1st percentile "
                     f"{np.percentile(cosine, 1):.4f}; nearest-neighbour agreement {agree:.3f}; head label changed {changed:.1%}")
        print(line)
    print("(head accuracy is on mostly training sentences: agreement, not generalisation)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

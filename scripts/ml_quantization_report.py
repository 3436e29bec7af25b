#!/usr/bin/env python
"""What dynamic int8 quantisation costs: cosine to the fp32 vectors, speed, claim-head agreement.

    python scripts/ml_quantization_report.py [--threads 2] [--limit 800]

Sentences: the project's own datasets/claim_strength/claim_strength.csv (CC0). Prints the mean,
minimum and 1st percentile of cos(fp32, int8) per sentence, the nearest-neighbour agreement,
sentences/s of each, and how often the claim-strength head's label changes.
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
from medguard.ml.settings import MLSettings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=800)
    args = parser.parse_args(argv)

    with open(ROOT / "datasets" / "claim_strength" / "claim_strength.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[: args.limit]
    sentences = [r["sentence"] for r in rows]

    results = {}
    for quantize in (False, True):
        encoder = Encoder(MLSettings(threads=args.threads, quantize=quantize, cache_size=0))
        encoder.encode_uncached(sentences[:32])  # warm-up
        started = time.perf_counter()
        vectors = encoder.encode_uncached(sentences)
        seconds = time.perf_counter() - started
        labels = claim_strength.predict(sentences, encoder=encoder)
        results[quantize] = (vectors, seconds, labels, encoder.load_seconds)

    fp32, int8 = results[False][0], results[True][0]
    cosine = (fp32 * int8).sum(axis=1)
    sims32, sims8 = fp32 @ fp32.T, int8 @ int8.T
    np.fill_diagonal(sims32, -2)
    np.fill_diagonal(sims8, -2)
    nn_agree = float(np.mean(sims32.argmax(axis=1) == sims8.argmax(axis=1)))
    pair_error = float(np.abs(sims32 - sims8)[sims32 > -2].max())
    gold = [r["label"] for r in rows]
    acc32 = np.mean([g == p for g, p in zip(gold, results[False][2])])
    acc8 = np.mean([g == p for g, p in zip(gold, results[True][2])])
    changed = np.mean([a != b for a, b in zip(results[False][2], results[True][2])])
    print(f"sentences: {len(sentences)} (datasets/claim_strength), threads: {args.threads}")
    print(f"cos(fp32, int8) per sentence: mean {cosine.mean():.4f}, min {cosine.min():.4f}, 1st percentile {np.percentile(cosine, 1):.4f}")
    print(f"largest change of a pairwise cosine: {pair_error:.4f}; nearest-neighbour agreement {nn_agree:.3f}")
    print(f"speed: fp32 {len(sentences) / results[False][1]:.0f} sentences/s, int8 {len(sentences) / results[True][1]:.0f} sentences/s")
    print(f"load: fp32 {results[False][3]:.2f} s, int8 {results[True][3]:.2f} s (includes quantisation)")
    print(f"claim head: label changed for {changed:.1%} of sentences; accuracy vs labels fp32 {acc32:.3f}, int8 {acc8:.3f} "
          "(mostly training sentences: agreement, not generalisation)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

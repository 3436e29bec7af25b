"""Throughput of `medguard check` with the default policy and no model, on one core.

Prints documents/s, sentences/s and peak memory over ../shared/data/fakehealth/stories.jsonl
(read in place, never copied), and the start-up time from a fresh interpreter to the first result.

    python benchmarks/bench_check.py [--data PATH] [--limit N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakehealth" / "stories.jsonl"
STARTUP = (
    "import time; t = time.perf_counter(); import medguard; "
    "from medguard import PluginHost, load_policy, Engine, Document; "
    "host = PluginHost(); engine = Engine(load_policy('default', host.rule_types), host); "
    "engine.check(Document(body='Suboxone works immediately, unlike methadone.', format='text')); "
    "print(time.perf_counter() - t)"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="documents to use (0: all)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; the best is reported")
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"bench_check: {args.data} not found (the evaluation data lives in ../shared/data)", file=sys.stderr)
        return 2

    startups = sorted(float(subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, check=True).stdout)
                      for _ in range(3))

    from medguard import Document, Engine, PluginHost, load_policy
    from medguard.processes import freeze_heap

    host = PluginHost()
    engine = Engine(load_policy("default", host.rule_types), host)
    with args.data.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    if args.limit:
        texts = texts[: args.limit]
    engine.check(Document(body=texts[0], format="text"))  # warm caches (lexicon, patterns)
    freeze_heap()  # as `medguard check` does after its first batch

    best = float("inf")
    sentences = findings = 0
    for _ in range(args.repeat):
        sentences = findings = 0
        start = time.perf_counter()
        for text in texts:
            checked = engine.check(Document(body=text, format="text"))
            sentences += len(checked.analyzed.sentences)
            findings += len(checked.report.findings)
        best = min(best, time.perf_counter() - start)
    words = sum(len(t.split()) for t in texts)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents:            {len(texts)} ({words / len(texts):.0f} words on average)")
    print(f"documents/s (1 core): {len(texts) / best:.1f}")
    print(f"sentences/s:          {sentences / best:.0f}")
    print(f"findings:             {findings}")
    print(f"peak memory:          {peak_mb:.0f} MB")
    print(f"start-up to first result: median {startups[1]:.2f} s (min {startups[0]:.2f}, max {startups[2]:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

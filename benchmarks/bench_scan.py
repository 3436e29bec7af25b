"""Throughput and memory of ``medguard scan`` on a replicated real archive.

Replicates ``../shared/data/fakehealth/stories.jsonl`` (1,535 health news stories; read-only,
never copied into the repository) to N documents in a temporary folder, then runs, each as its
own process tree:

- single-process ``medguard check`` (the baseline throughput),
- ``medguard scan --engine local --workers W`` at each size (memory must not grow with size),
- ``medguard scan --engine ray --workers W`` (local Ray started by the scan),

and prints documents/s, peak memory of the whole process tree (sum of PSS, sampled every 200 ms)
and the ratio to single-process ``check``; sampling costs a little CPU in every run alike. No model is used (the policy's rule types are pattern
based unless the policy says otherwise).

    python benchmarks/bench_scan.py                       # 10k and 100k, 2 workers, local and ray
    python benchmarks/bench_scan.py --sizes 2000 --engines local --check-docs 1000   # quick
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "fakehealth" / "stories.jsonl"


def replicate(source: Path, target: Path, count: int) -> None:
    lines = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open(target, "w", encoding="utf-8") as out:
        for i in range(count):
            record = dict(lines[i % len(lines)])
            record["id"] = f"{record.get('id', 'doc')}-{i // len(lines)}"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    out, stack = [], [pid]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(children.get(current, []))
    return out


def _memory(pid: int) -> int:
    """PSS of a process in bytes (shared pages split among sharers), RSS where PSS is unavailable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, ValueError, IndexError):
        return 0


def measure(command: list[str], *, env: dict | None = None) -> tuple[float, int, int, float]:
    """(seconds, peak memory of the process tree in bytes, exit code, CPU seconds of the whole tree);
    stderr shown on failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)
    peak = 0
    ticks: dict[int, int] = {}  # CPU time each process of the tree has used (workers of a fork server
    stop = threading.Event()   # are not reaped by us, so getrusage alone misses them)

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            tree = _tree(process.pid)
            peak = max(peak, sum(_memory(p) for p in tree))
            for pid in tree:
                ticks[pid] = max(ticks.get(pid, 0), _cpu_ticks(pid))
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    stop.set()
    sampler.join()
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # every descendant, once reaped
    cpu = max((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
              sum(ticks.values()) / os.sysconf("SC_CLK_TCK"))
    if process.returncode not in (0, 1, 2) or b"Traceback" in err:
        sys.stderr.write(err.decode(errors="replace")[-3000:])
    return elapsed, peak, process.returncode, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engines", default="local,ray")
    parser.add_argument("--ray-size", type=int, default=None, help="archive size for the Ray run (default: the largest size, so start-up is amortised)")
    parser.add_argument("--check-docs", type=int, default=5_000, help="documents for the single-process check baseline")
    parser.add_argument("--policy", default="default")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"bench_scan: {args.data} is not here; it is the FakeHealth stories export kept beside the project "
              "in ../shared/data (never in the repository). Nothing measured.", file=sys.stderr)
        return 1
    medguard = [sys.executable, "-m", "medguard.cli"]
    engines = [e for e in args.engines.split(",") if e]
    results = []
    with tempfile.TemporaryDirectory(prefix="medguard-bench-") as tmp:
        tmp = Path(tmp)
        sample = tmp / f"check-{args.check_docs}.jsonl"
        replicate(args.data, sample, args.check_docs)
        seconds, peak, _, cpu = measure([*medguard, "check", str(sample), "--policy", args.policy, "--format", "json", "-o", os.devnull])
        baseline = args.check_docs / seconds
        results.append(("check (1 process)", args.check_docs, seconds, peak, cpu))
        print(f"check, 1 process: {args.check_docs} docs in {seconds:.1f} s = {baseline:.0f} docs/s, peak {peak / 2**20:.0f} MiB, "
              f"{cpu / seconds:.2f} cores busy", flush=True)
        runs = [("local", size) for size in args.sizes] if "local" in engines else []
        if "ray" in engines:
            runs.append(("ray", args.ray_size or max(args.sizes)))
        for engine, size in runs:
            archive = tmp / f"archive-{size}.jsonl"
            if not archive.exists():
                replicate(args.data, archive, size)
            store = tmp / f"{engine}-{size}.sqlite"
            command = [*medguard, "scan", str(archive), "--store", str(store), "--policy", args.policy,
                       "--workers", str(args.workers), "--engine", engine, "--quiet"]
            seconds, peak, code, cpu = measure(command)
            if code not in (0, 2):
                print(f"scan {engine} {size}: failed with exit code {code}", flush=True)
                continue
            rate = size / seconds
            results.append((f"scan {engine}, {args.workers} workers", size, seconds, peak, cpu))
            print(f"scan {engine}, {args.workers} workers: {size} docs in {seconds:.1f} s = {rate:.0f} docs/s "
                  f"({rate / baseline:.2f}x check), peak {peak / 2**20:.0f} MiB, {cpu / seconds:.2f} cores busy", flush=True)
            store.unlink(missing_ok=True)
    print()
    print(f"{'run':<26} {'docs':>8} {'seconds':>8} {'docs/s':>8} {'x check':>8} {'peak MiB':>9} {'cores':>6} {'docs/cpu-s':>10}")
    for name, size, seconds, peak, cpu in results:
        rate = size / seconds
        print(f"{name:<26} {size:>8} {seconds:>8.1f} {rate:>8.0f} {rate / baseline:>8.2f} {peak / 2**20:>9.0f} "
              f"{cpu / seconds:>6.2f} {size / cpu:>10.0f}")
    print(f"\n{os.cpu_count()} CPU(s) on this machine; timings include process start-up (Ray: starting a local cluster).")
    print("cores: CPU seconds of the whole process tree / wall seconds. Well under the worker count means")
    print("other processes took the CPUs (numbers are then provisional); docs/cpu-s shows the cost per document.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Load test for ``medguard serve``: latency, throughput, errors and memory under concurrent clients.

Starts the real server (``python -m medguard.cli serve``) on a free loopback port with a random
API token, waits for /readyz, then drives POST /v1/check with N concurrent keep-alive clients
(``--reconnect``: a new connection per request) until a request count or a time limit is
reached, whichever comes first. The payload is a ~1,500-word HTML article
(examples/articles/suboxone-clinic.html, its <main> repeated). With ``--corpus`` each measured
request sends a different article instead, built from whole stories of a JSONL corpus, so nothing
comes from the server's caches (what a stream of new articles costs). The server's report cache,
which answers a repeat of a document it has just checked, is off unless ``--report-cache N``:
otherwise every request after the first would measure the cache, not the checking.

Prints p50/p95/p99/max latency, requests/s, errors (non-200 or connection failures), the answers
decided at the time limit and those where the model was cut short (with how many of the sentences
asked for it embedded), the server's CPU time per request (all its processes and threads) and its
resident memory at start (after warm-up) and end, with samples in between, so a leak shows as a
rising series. The clients run
in this process: on a small machine they share the CPUs with the server, so the numbers are a
lower bound on what the server alone can do.

    python benchmarks/bench_server.py --clients 4 --requests 10000
    python benchmarks/bench_server.py --policy policies/default.yaml --duration 60 --json
    python benchmarks/bench_server.py --workers 2 --requests 600 --corpus ../shared/data/fakehealth/stories.jsonl
    python benchmarks/bench_server.py --workers 2 --policy semantic --model-time-limit 1 --corpus ...
"""

from __future__ import annotations

import argparse
import html
import http.client
import json
import os
import platform
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLE = ROOT / "examples" / "articles" / "suboxone-clinic.html"


def html_words(html_text: str) -> int:
    """Words of an HTML fragment's text (tags as spaces)."""
    return len(re.sub(r"<[^>]+>", " ", html_text).split())


def build_article(path: Path, words: int) -> tuple[str, int]:
    """The article's <main> repeated until its text has at least ``words`` words."""
    html = path.read_text(encoding="utf-8")
    match = re.search(r"<main[^>]*>(.*?)</main>", html, re.S | re.I)
    main = match.group(1) if match else html
    count = html_words(main)
    parts, total = [], 0
    while total < words:
        parts.append(main)
        total += count
    body = "<article>\n" + "\n".join(parts) + "\n</article>\n"
    text_words = html_words(body)
    if text_words > words * 1.05:  # trim to about the target: cut the last copy at a paragraph boundary
        paragraphs = re.split(r"(?<=</p>)", body)
        kept, total = [], 0
        for paragraph in paragraphs:
            kept.append(paragraph)
            total += html_words(paragraph)
            if total >= words:
                break
        body = "".join(kept) + "\n</article>\n"
        text_words = total
    return body, text_words


def check_payload(doc_id: str, body: str) -> bytes:
    """The POST /v1/check body for one HTML article."""
    return json.dumps({"id": doc_id, "title": "Benchmark article", "body": body, "format": "html"}).encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_pids(pid: int) -> list[int]:
    """The server process and its descendants (checker processes, started through a fork
    server), Linux /proc."""
    pids = [pid]
    for parent in pids:  # grows while it is walked: breadth-first over the process tree
        try:
            for task in os.listdir(f"/proc/{parent}/task"):
                pids.extend(int(c) for c in Path(f"/proc/{parent}/task/{task}/children").read_text().split())
        except OSError:
            continue
    return pids


def rss_mb(pid: int) -> float:
    """Resident memory of the server and its checker processes, in MiB."""
    total = 0
    for p in server_pids(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system, all threads) the server and its checker processes have used so far."""
    ticks = 0
    for p in server_pids(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(q / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def corpus_articles(path: Path, words: int) -> list[str]:
    """HTML articles of at least ``words`` words, each made of whole stories of a JSONL corpus (its
    ``text`` field, one <p> per paragraph), no story used twice: distinct articles, so that no
    request finds its sentences in the server's caches."""
    articles, paragraphs, count = [], [], 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text") or ""
            for paragraph in (p.strip() for p in text.split("\n")):
                if paragraph:
                    paragraphs.append(f"<p>{html.escape(paragraph)}</p>")
                    count += len(paragraph.split())
            if count >= words:
                articles.append("<article>\n" + "\n".join(paragraphs) + "\n</article>\n")
                paragraphs, count = [], 0
    return articles


_TIMEOUT_DIAGNOSTIC = re.compile(rb'"code":\s*"timeout"')
_MODEL_TIMEOUT_DIAGNOSTIC = re.compile(rb'"code":\s*"model-timeout"')
_MODEL_COVERAGE = re.compile(rb'embedded (\d+) of the (\d+) sentences')


class Load:
    def __init__(self, host: str, port: int, token: str, payloads: list[bytes], total: int, deadline: float,
                 reconnect: bool = False):
        self.host, self.port, self.payloads = host, port, payloads
        self.reconnect = reconnect
        """A new connection for every request (as a CMS hook in PHP makes), instead of keep-alive."""
        self.headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
        self.total, self.deadline = total, deadline
        self.lock = threading.Lock()
        self.issued = 0
        self.latencies: list[float] = []
        self.errors: dict[str, int] = {}
        self.timed_out = 0
        """Answers whose report says the server's time limit expired (decided by the policy's on_error)."""
        self.model_cut = 0
        """Answers whose report says the model stopped before the time limit, part of its work undone."""
        self.model_asked = self.model_embedded = 0
        """In those answers: sentences the rules asked the model for, and how many it embedded."""
        self.sample: dict | None = None
        self.versions: set[str] = set()

    def _take(self) -> bytes | None:
        """The next request's payload (the pool in turn), or None when the run is over."""
        with self.lock:
            if self.issued >= self.total or time.monotonic() >= self.deadline:
                return None
            self.issued += 1
            return self.payloads[(self.issued - 1) % len(self.payloads)]

    def _error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=30)

    def client(self) -> None:
        connection = self._connect()
        latencies = []
        while (payload := self._take()) is not None:
            started = time.perf_counter()
            try:
                connection.request("POST", "/v1/check", body=payload, headers=self.headers)
                response = connection.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException) as error:
                self._error(type(error).__name__)
                connection.close()
                connection = self._connect()
                continue
            latencies.append(time.perf_counter() - started)
            if response.status != 200:
                self._error(f"HTTP {response.status}")
            else:
                if _TIMEOUT_DIAGNOSTIC.search(data):
                    with self.lock:
                        self.timed_out += 1
                if _MODEL_TIMEOUT_DIAGNOSTIC.search(data):
                    coverage = [(int(done), int(asked)) for done, asked in _MODEL_COVERAGE.findall(data)]
                    with self.lock:
                        self.model_cut += 1
                        self.model_embedded += sum(done for done, _ in coverage)
                        self.model_asked += sum(asked for _, asked in coverage)
                if self.sample is None:
                    self.sample = json.loads(data)
            self.versions.add(response.getheader("X-Medguard-Policy", "?"))
            if self.reconnect:
                connection.close()
                connection = self._connect()
        connection.close()
        with self.lock:
            self.latencies.extend(latencies)


def engine_baseline(policy: str, plugin_args: list[str], body: str, runs: int) -> float:
    """Mean ms for the engine alone on this article, in this process, one thread: what the server
    adds is the rest."""
    from medguard import Document, Engine, PluginHost, load_policy

    host = PluginHost(disabled=[p[3:] for p in plugin_args if p.startswith("no:")],
                      modules=[p for p in plugin_args if not p.startswith("no:")])
    engine = Engine(load_policy(policy, host.rule_types), host)
    document = Document(id="bench", body=body, format="html")
    engine.check(document)
    started = time.perf_counter()
    for _ in range(runs):
        engine.check(document)
    return (time.perf_counter() - started) / runs * 1000


def wait_ready(host: str, port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode} before it was ready")
        try:
            connection = http.client.HTTPConnection(host, port, timeout=2)
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("the server was not ready in time")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (default: %(default)s)")
    parser.add_argument("--requests", type=int, default=10_000, help="stop after this many requests (default: %(default)s)")
    parser.add_argument("--duration", type=float, default=600, help="or after this many seconds (default: %(default)s)")
    parser.add_argument("--warmup", type=int, default=200, help="requests before measuring (default: %(default)s)")
    parser.add_argument("--policy", default="default", help="policy file or built-in pack (default: %(default)s)")
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE, help="HTML article to replicate")
    parser.add_argument("--corpus", type=Path,
                        help="JSONL of stories (a `text` field): each measured request sends a different article of "
                             "about --words words built from them, instead of repeating --article (cold caches)")
    parser.add_argument("--words", type=int, default=1500, help="article length in words (default: %(default)s)")
    parser.add_argument("--workers", type=int, default=1, help="the server's checker processes (default: %(default)s)")
    parser.add_argument("--threads", type=int, default=4, help="the server's checking threads with --workers 1 (default: %(default)s)")
    parser.add_argument("--timeout", type=float,
                        help="the server's time limit per request in seconds (medguard serve --timeout; default: its own)")
    parser.add_argument("--model-time-limit", type=float,
                        help="seconds the model may take per request (medguard serve --model-time-limit)")
    parser.add_argument("--report-cache", type=int, default=0, metavar="N",
                        help="the server's report cache (medguard serve --report-cache; default: 0, off, so that the "
                             "repeated article is checked every time)")
    parser.add_argument("--reconnect", action="store_true",
                        help="open a new connection for every request, as a WordPress hook does, instead of keeping "
                             "one per client")
    parser.add_argument("--samples", type=int, default=10, help="memory samples during the run (default: %(default)s)")
    parser.add_argument("--baseline", type=int, default=20,
                        help="also time the engine alone on the article this many times, in-process (0: skip)")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    parser.add_argument("-p", dest="plugin_args", action="append", default=[], help="passed to medguard serve")
    args = parser.parse_args(argv)

    body, words = build_article(args.article, args.words)
    payload = check_payload("bench", body)
    payloads = [payload]
    if args.corpus:
        articles = corpus_articles(args.corpus, args.words)
        payloads = [check_payload(f"bench-{i}", article) for i, article in enumerate(articles)]
        words = round(statistics.fmean(html_words(a) for a in articles))
        print(f"corpus: {len(articles)} distinct articles of at least {args.words} words (mean {words}) from {args.corpus}"
              + ("" if len(articles) >= args.requests else f"; fewer than {args.requests} requests: later ones repeat"))
    baseline = engine_baseline(args.policy, args.plugin_args, body, args.baseline) if args.baseline else None
    host, port, token = "127.0.0.1", free_port(), secrets.token_urlsafe(32)
    command = [sys.executable, "-m", "medguard.cli", "serve", "--host", host, "--port", str(port),
               "--policy", args.policy, "--workers", str(args.workers), "--threads", str(args.threads),
               "--report-cache", str(args.report_cache), "--no-access-log", "--log-level", "warning"]
    if args.timeout:
        command += ["--timeout", str(args.timeout)]
    if args.model_time_limit:
        command += ["--model-time-limit", str(args.model_time_limit)]
    for plugin in args.plugin_args:
        command += ["-p", plugin]
    env = {**os.environ, "MEDGUARD_API_TOKENS": token}
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_ready(host, port, server)
        if args.warmup:
            warm = Load(host, port, token, [payload], args.warmup, time.monotonic() + 120)
            threads = [threading.Thread(target=warm.client) for _ in range(args.clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        rss_start = rss_mb(server.pid)
        cpu_start = cpu_seconds(server.pid)
        load = Load(host, port, token, payloads, args.requests, time.monotonic() + args.duration, args.reconnect)
        threads = [threading.Thread(target=load.client, daemon=True) for _ in range(args.clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        memory = [round(rss_start, 1)]
        step = max(1, args.requests // max(1, args.samples))
        checkpoint = step
        while any(t.is_alive() for t in threads):
            time.sleep(0.2)
            if load.issued >= checkpoint and load.issued < args.requests:
                memory.append(round(rss_mb(server.pid), 1))  # every requests/samples requests
                checkpoint += step
        elapsed = time.perf_counter() - started
        cpu_used = cpu_seconds(server.pid) - cpu_start
        rss_end = rss_mb(server.pid)
        memory.append(round(rss_end, 1))
    finally:
        server.terminate()
        try:
            _, stderr = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            _, stderr = server.communicate()

    latencies = sorted(load.latencies)
    done = len(latencies)
    errors = sum(load.errors.values())
    document = (load.sample or {}).get("documents", [{}])[0]
    results = {
        "requests": done, "errors": errors, "error_kinds": load.errors, "timed_out": load.timed_out,
        "model_cut": load.model_cut, "model_embedded": load.model_embedded, "model_asked": load.model_asked,
        "seconds": round(elapsed, 2),
        "requests_per_s": round(done / elapsed, 1) if elapsed else 0.0,
        "latency_ms": {name: round(value * 1000, 2) for name, value in (
            ("p50", percentile(latencies, 50)), ("p95", percentile(latencies, 95)), ("p99", percentile(latencies, 99)),
            ("max", latencies[-1] if latencies else float("nan")),
            ("mean", statistics.fmean(latencies) if latencies else float("nan")))},
        "server_cpu_ms_per_request": round(cpu_used / done * 1000, 1) if done else None,
        "engine_alone_ms": round(baseline, 2) if baseline is not None else None,
        "rss_mb": {"start": round(rss_start, 1), "end": round(rss_end, 1), "samples": memory},
        "article": {"words": words, "bytes": len(body.encode()), "distinct": len(payloads)},
        "policy": sorted(load.versions), "decision": document.get("decision"),
        "findings": len(document.get("findings", [])), "diagnostics": len(document.get("diagnostics", [])),
        "clients": args.clients, "reconnect": args.reconnect, "workers": args.workers, "threads": args.threads,
        "cpus": os.cpu_count(), "python": platform.python_version(),
    }
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        lat = results["latency_ms"]
        checking = f"{args.workers} checker processes" if args.workers > 1 else f"{args.threads} checking threads"
        print(f"medguard serve: {checking}, policy {', '.join(load.versions) or '?'}, "
              f"{os.cpu_count()} CPU(s), Python {platform.python_version()}")
        print(f"article: {'a different one per request, mean ' if args.corpus else ''}{words} words -> decision "
              f"{results['decision']}, {results['findings']} finding(s), {results['diagnostics']} diagnostic(s) (first response)")
        print(f"{args.clients} clients{' (a new connection per request)' if args.reconnect else ''}: {done} requests in {elapsed:.1f} s = {results['requests_per_s']} requests/s, "
              f"{errors} error(s){' ' + json.dumps(load.errors) if errors else ''}, "
              f"{load.timed_out} over the server's time limit (answered with the policy's on_error decision)"
              + (f", {load.model_cut} with the model cut short (model-timeout; in those, it embedded {load.model_embedded} "
                 f"of the {load.model_asked} sentences the rules asked for)" if load.model_cut else ""))
        print(f"latency: p50 {lat['p50']} ms, p95 {lat['p95']} ms, p99 {lat['p99']} ms, max {lat['max']} ms")
        if done:
            print(f"server CPU: {results['server_cpu_ms_per_request']} ms per request (all its processes and threads)")
        if baseline is not None:
            print(f"engine alone (in-process, one thread, no HTTP): {baseline:.1f} ms per article")
        print(f"server RSS: {rss_start:.1f} MiB at start, {rss_end:.1f} MiB at end ({rss_end - rss_start:+.1f}); "
              f"samples {memory}")
    if server.returncode not in (0, -15, None) and stderr:
        print(stderr[-2000:], file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

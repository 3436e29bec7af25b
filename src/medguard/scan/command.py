"""``medguard scan`` and ``medguard report`` (see docs/scan.md).

Exit codes (``scan``): 0 the scan finished; 2 usage, policy or store error, or documents of this
scan that could not be read or fully checked (recorded in the store and counted in the summary);
130 interrupted (Ctrl-C or SIGTERM: what was committed stays, and the same command resumes).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Iterable

EXIT_OK, EXIT_ERROR, EXIT_INTERRUPTED = 0, 2, 130


def add_command(subparsers, common: argparse.ArgumentParser) -> None:
    from ..engine import DEFAULT_MAX_BYTES
    from ..policy.loader import DEFAULT_PACK

    scan = subparsers.add_parser(
        "scan", parents=[common], help="scan a whole archive into a results store (resumable, incremental, parallel)",
        description="Check every document under PATH... and record the results in an SQLite store. "
                    "Killed and started again, a scan continues where it stopped; unchanged documents are skipped.",
    )
    scan.add_argument("paths", nargs="+", metavar="PATH",
                      help="files or folders: HTML, Markdown, text, JSON, JSONL, CSV/TSV, WordPress WXR (or a plugin's format)")
    scan.add_argument("--store", required=True, type=Path, metavar="STORE.sqlite", help="results store (created if missing)")
    scan.add_argument("--policy", default=DEFAULT_PACK, help="policy file or built-in pack name (default: %(default)s)")
    scan.add_argument("--workers", type=int, default=None, metavar="N",
                      help="worker processes (default: all cores; 0: check in this process)")
    scan.add_argument("--rescan", action="store_true", help="check every document again, even unchanged ones")
    scan.add_argument("--baseline", metavar="STORE", help="an earlier scan's store: report only findings new since it")
    scan.add_argument("--waivers", metavar="FILE", help="waivers YAML (fingerprint, rule, reason, approved_by, expires)")
    scan.add_argument("--quiet", "-q", action="store_true", help="no progress bar (for logs); the summary is still printed")
    scan.add_argument("--engine", choices=["local", "ray"], default="local",
                      help="local worker processes, or Ray Data (needs the ray extra) (default: %(default)s)")
    scan.add_argument("--address", help="Ray cluster address (e.g. auto, ray://head:10001); default: start a local Ray")
    scan.add_argument("--fields", metavar="SPEC",
                      help="JSONL/CSV field names, e.g. 'id=story_id,title=headline,body=text,format=kind,url=link,metadata=date|author' (quoted: | is the shell's)")
    scan.add_argument("--body-format", choices=["auto", "html", "markdown", "text"], default="auto",
                      help="format of JSONL/CSV bodies without a format field (default: auto, HTML when it has tags)")
    scan.add_argument("--store-text", choices=["findings", "all", "none"], default="findings",
                      help="keep the extracted text of documents with findings (default), all documents, or none; "
                           "the HTML report shows it")
    scan.add_argument("--embedding-cache", metavar="DIR",
                      help="folder where the workers share the model's sentence embeddings, kept for later scans, so "
                           "a rescan after a policy change runs the model only on new sentences (default: "
                           "STORE-embeddings beside the store, when the policy uses the model and names no cache "
                           "folder; 'none': each worker keeps its own in memory)")
    scan.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="skip documents larger than this (default: 10 MiB)")
    scan.add_argument("--ray-cpus", type=int, default=None, help="CPUs for a local Ray (default: --workers + 1)")
    scan.add_argument("--ray-object-store-mb", type=int, default=256, help="object store of a local Ray (default: %(default)s MB)")
    scan.set_defaults(handler=_scan)

    report = subparsers.add_parser("report", help="report from a scan's results store",
                                   description="Write a report from a results store made by medguard scan.")
    report.add_argument("store", type=Path, metavar="STORE")
    report.add_argument("--format", default="summary", choices=["summary", "html", "csv", "jsonl", "sarif"],
                        help="summary (text), html (one self-contained file), csv (one row per finding), "
                             "jsonl (one document report per line), sarif (default: %(default)s)")
    report.add_argument("--output", "-o", type=Path, help="write here instead of standard output")
    report.add_argument("--waivers", metavar="FILE", help="apply these waivers (default: the latest scan's)")
    report.add_argument("--no-waivers", action="store_true", help="apply no waivers")
    report.add_argument("--baseline", metavar="STORE", help="show only findings new since this store (default: the latest scan's)")
    report.add_argument("--no-baseline", action="store_true", help="show all findings, ignoring the latest scan's baseline")
    report.add_argument("--limit", type=_count, default=None,
                        help="html: show at most this many documents, worst first (default: 1000; 0: all)")
    report.set_defaults(handler=_report)


def _embedding_cache(args: argparse.Namespace, workers: int, policy_settings) -> tuple[tuple[str, str], ...]:
    """What points the local workers at one embedding cache folder: ``--embedding-cache``, or by
    default a folder beside the store unless the policy or the operator chose a cache of their own
    (``--workers 0`` checks in this process, with its own)."""
    from ..ml.settings import MLSettings, shared_cache_environment
    from .config import EMBEDDING_CACHE_SIZE

    if args.engine != "local" or workers == 0 or args.embedding_cache == "none":
        return ()
    ml = MLSettings.from_policy(policy_settings)
    if args.embedding_cache:
        folder = Path(args.embedding_cache)
    elif ml.cache_chosen:
        return ()
    else:
        folder = args.store.with_name(args.store.name + "-embeddings")
    return tuple(shared_cache_environment(ml, str(folder.resolve()), EMBEDDING_CACHE_SIZE).items())


def _tell_embedding_cache(environment: dict[str, str]) -> None:
    """Say where the model's embeddings were kept, and their size, when the scan made the folder."""
    from ..ml.settings import CACHE_DIR_VARIABLE

    folder = Path(environment.get(CACHE_DIR_VARIABLE, ""))
    if folder.name and folder.is_dir():
        size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
        print(f"medguard: the model's sentence embeddings are kept in {folder} ({size / 2**20:.0f} MB) for later "
              "scans (--embedding-cache none: keep none)", file=sys.stderr)


def _scan(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from ..cli import _report_host_problems, _report_skipped, make_host
    from ..policy.loader import load_policy
    from .config import Built, EngineConfig, configure_readers
    from ..engine import Engine
    from ..ml.threads import actor_torch_threads, worker_torch_threads
    from ..processes import available_cores
    from .local import WorkersFailed
    from .results import Results
    from .reports import render_summary
    from .run import ScanOptions, run_scan
    from .store import StoreError
    from .waivers import WaiverError, load_waivers

    workers = available_cores() if args.workers is None else args.workers
    if workers < 0:
        return _fail("--workers must be 0 or more")
    missing = [path for path in args.paths if _missing(path)]
    if missing:  # a typo, not a document: nothing is scanned or stored
        return _fail(*(f"{path}: no such file or directory" for path in missing))
    if args.store.is_dir():
        return _fail(f"{args.store}: is a folder; --store names the SQLite file to write (it is created if missing)")
    waivers_text = None
    if args.waivers:
        try:
            _, waivers_text = load_waivers(args.waivers)
        except WaiverError as error:
            return _fail(*error.problems)
    if args.baseline and not Path(args.baseline).is_file():
        return _fail(f"{args.baseline}: no such baseline store")
    if args.baseline and Path(args.baseline).resolve() == args.store.resolve():
        return _fail("--baseline must be another store (copy the store before rescanning to keep a baseline)")
    if args.address and args.engine != "ray":
        return _fail("--address needs --engine ray")
    if args.embedding_cache and args.engine != "local":
        return _fail("--embedding-cache needs --engine local (Ray workers may run on other machines: "
                     "name a folder they all see in the policy's settings.ml.cache_dir)")
    disabled = tuple(p[3:] for p in args.plugin_args if p.startswith("no:"))
    modules = tuple(p for p in args.plugin_args if not p.startswith("no:"))
    plugin_dirs = tuple(str(Path(d).resolve()) for d in args.plugins_dir)  # workers may run elsewhere (Ray)
    config = EngineConfig(policy=args.policy, disabled=disabled, modules=modules, plugin_dirs=plugin_dirs,
                          max_bytes=args.max_bytes, fields=args.fields, body_format=args.body_format,
                          store_text=args.store_text)
    host = make_host(args)
    try:
        configure_readers(host, config)
    except ValueError as error:
        return _fail(f"--fields: {error}")
    policy = load_policy(args.policy, host.rule_types)
    _report_host_problems(host)
    _report_skipped(policy)
    # workers load the policy by the same reference: refuse a file that changes under the scan
    policy_ref = str(Path(args.policy).resolve()) if Path(args.policy).is_file() else args.policy
    ml_threads = (worker_torch_threads(workers, available_cores(), policy.spec.settings) if args.engine == "local"
                  else actor_torch_threads(policy.spec.settings))
    config = replace(config, policy=policy_ref, expected_digest=policy.digest, ml_threads=ml_threads,
                     worker_environment=_embedding_cache(args, workers, policy.spec.settings))
    built = Built(host, policy, Engine(policy, host, max_bytes=args.max_bytes))
    options = ScanOptions(
        paths=_distinct(os.path.realpath(path) for path in args.paths), store=args.store, config=config, workers=workers, engine=args.engine, address=args.address,
        rescan=args.rescan, quiet=args.quiet, waivers_file=args.waivers, waivers_text=waivers_text, baseline=args.baseline,
        ray_cpus=args.ray_cpus, ray_object_store_mb=args.ray_object_store_mb,
        renamed=[(os.path.abspath(p), os.path.realpath(p)) for p in args.paths if os.path.abspath(p) != os.path.realpath(p)],
    )
    try:
        outcome = run_scan(options, built)
    except StoreError as error:
        return _fail(str(error))
    except WorkersFailed as error:
        return _fail(str(error))
    except ImportError as error:
        if args.engine == "ray":
            return _fail(f"--engine ray needs Ray: pip install 'medguard[ray]' ({error})")
        raise
    except Exception as error:
        if args.engine != "ray":
            raise
        return _fail(f"the Ray scan failed: {type(error).__name__}: {error}",
                     "what was committed stays in the store; run the same command again to continue")
    try:
        with Results(args.store) as results:
            summary = results.summary()
            sys.stdout.write(render_summary(summary, results))
    except (StoreError, WaiverError) as error:
        return _fail(str(error))
    _tell_embedding_cache(dict(config.worker_environment))
    if outcome.status == "interrupted":
        print(f"medguard: scan interrupted; run the same command again to continue (run {outcome.run_id})", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_ERROR if outcome.incomplete else EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from ..cli import silence_stdout
    from .reports import write_report
    from .results import FROM_RUN, Results
    from .store import StoreError
    from .waivers import WaiverError, load_waivers

    waivers = None if args.no_waivers else FROM_RUN
    baseline = None if args.no_baseline else (args.baseline or FROM_RUN)
    try:
        if args.waivers and not args.no_waivers:
            waivers, _ = load_waivers(args.waivers)
        with Results(args.store, waivers=waivers, baseline=baseline) as results:
            if args.output:
                with open(args.output, "w", encoding="utf-8", newline="") as out:
                    write_report(results, args.format, out, limit=args.limit)
            else:
                write_report(results, args.format, sys.stdout, limit=args.limit)
                sys.stdout.flush()
    except BrokenPipeError:  # the reader of standard output went away (`| head`): stop, quietly
        silence_stdout()
        return EXIT_OK
    except WaiverError as error:
        return _fail(*error.problems)
    except StoreError as error:
        return _fail(str(error))
    except OSError as error:
        if not args.output:
            raise
        return _fail(f"cannot write {args.output}: {error.strerror or error}")
    if args.output:
        print(f"medguard: wrote {args.format} report to {args.output}", file=sys.stderr)
    return EXIT_OK


def _missing(path: str) -> bool:
    """Whether nothing is at ``path`` (a typo); one that cannot be looked at (a folder on the way
    that we may not enter, a name too long) is scanned and recorded as unreadable."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def _distinct(paths: Iterable[str]) -> list[str]:
    """The paths, less those that another one includes (``scan a a``, ``scan a a/2019``), in order:
    each document is seen once."""
    paths = list(dict.fromkeys(paths))
    return [path for path in paths if not any(other != path and (path + "/").startswith(other.rstrip("/") + "/") for other in paths)]


def _count(value: str) -> int:
    """A number of documents: 0 or more."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more (got {number})")
    return number


def _fail(*messages: str) -> int:
    for message in messages:
        print(f"medguard: {message}", file=sys.stderr)
    return EXIT_ERROR

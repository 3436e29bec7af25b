"""``medguard serve``: the pre-publish HTTP service. FastAPI and uvicorn are imported only when
the command runs, so the rest of the CLI works without the ``server`` extra."""

from __future__ import annotations

import argparse
import copy
import json
import logging
import logging.config
import os
import sys
from pathlib import Path

from pydantic import ValidationError

from .. import __version__
from ..ml.threads import single_threaded_blas
from ..policy.loader import DEFAULT_PACK
from .settings import (
    DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_DOCUMENTS, DEFAULT_REPORT_CACHE, DEFAULT_THREADS, DEFAULT_TIMEOUT_S, TOKENS_ENV,
    ServerSettings, SettingsError, check_bind, is_loopback, load_tokens,
)

EXIT_OK, EXIT_ERROR = 0, 2


def add_command(subparsers, common: argparse.ArgumentParser) -> None:
    serve = subparsers.add_parser(
        "serve", parents=[common], help="serve the pre-publish HTTP API (needs the server extra)",
        description=(
            "Serve POST /v1/check, GET /v1/policy, POST /v1/reload, /healthz, /readyz and /metrics. "
            f"API tokens come from ${TOKENS_ENV} (comma-separated) and --token-file; when any is set, "
            "every endpoint but the health probes needs 'Authorization: Bearer <token>'. "
            "SIGHUP or POST /v1/reload re-reads the policy and the token file without dropping requests."
        ),
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s, loopback only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: %(default)s; 0 picks a free one)")
    serve.add_argument("--policy", default=DEFAULT_PACK, help="policy file or built-in pack name (default: %(default)s)")
    serve.add_argument("--workers", type=int, default=1,
                       help="checker processes (default: 1: check in threads of the serving process); "
                            "one per CPU core is a good start")
    serve.add_argument("--threads", type=int, default=DEFAULT_THREADS,
                       help="checking threads with --workers 1 (default: %(default)s)")
    serve.add_argument("--token-file", type=Path, help="file with one API token a line; re-read on reload (rotation)")
    serve.add_argument("--insecure", action="store_true",
                       help="allow a non-loopback address without API tokens (only behind something that authenticates)")
    serve.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S,
                       help="time limit for one check request in seconds (default: %(default)s)")
    serve.add_argument("--model-time-limit", type=float, metavar="SECONDS",
                       help="with a policy that uses the model: it stops this many seconds after a request arrived and "
                            "the rules without it check the rest (default: half a second before --timeout)")
    serve.add_argument("--report-cache", type=int, default=DEFAULT_REPORT_CACHE, metavar="N",
                       help="reports of the last N documents checked, kept to answer a repeat of the same documents "
                            "under the same policy at once (default: %(default)s; 0: none)")
    serve.add_argument("--max-body-bytes", type=int, default=DEFAULT_MAX_BODY_BYTES,
                       help="larger request bodies get 413 (default: %(default)s)")
    serve.add_argument("--max-documents", type=int, default=DEFAULT_MAX_DOCUMENTS,
                       help="most documents in one request (default: %(default)s)")
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    serve.add_argument("--no-access-log", action="store_true", help="do not log every request")
    serve.add_argument("--openapi", action="store_true", help="print the OpenAPI schema as JSON and exit")
    serve.set_defaults(handler=_serve)


def _settings(args: argparse.Namespace) -> ServerSettings:
    return ServerSettings(
        policy=str(args.policy), host=args.host, port=args.port, workers=args.workers, threads=args.threads,
        timeout_s=args.timeout, model_time_limit_s=args.model_time_limit, report_cache=args.report_cache,
        max_body_bytes=args.max_body_bytes, max_documents=args.max_documents,
        token_file=str(args.token_file) if args.token_file else None, insecure=args.insecure,
        disabled_plugins=[p[3:] for p in args.plugin_args if p.startswith("no:")],
        plugin_modules=[p for p in args.plugin_args if not p.startswith("no:")],
        plugin_dirs=[str(d) for d in args.plugins_dir],
        handle_sighup=True,
    )


def _serve(args: argparse.Namespace) -> int:
    single_threaded_blas()  # before numpy loads: workers check in parallel, one per core
    try:
        import uvicorn

        from .app import create_app
        from .reload import ServiceState
    except ImportError as error:
        print(f"medguard: serve needs the server extra: pip install 'medguard[server]' ({error})", file=sys.stderr)
        return EXIT_ERROR
    try:
        settings = _settings(args)
        tokens = load_tokens(settings)
    except ValidationError as error:
        for item in error.errors():
            field = str(item["loc"][0]) if item["loc"] else "settings"
            flag = {"timeout_s": "timeout", "model_time_limit_s": "model-time-limit"}.get(field, field.replace("_", "-"))
            print(f"medguard: --{flag}: {item['msg']}", file=sys.stderr)
        return EXIT_ERROR
    except SettingsError as error:
        print(f"medguard: {error}", file=sys.stderr)
        return EXIT_ERROR
    if (refusal := check_bind(settings, tokens)) is not None:
        print(f"medguard: {refusal}", file=sys.stderr)
        return EXIT_ERROR

    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    log_config["loggers"]["medguard.server"] = {"handlers": ["default"], "level": args.log_level.upper(), "propagate": False}
    logging.config.dictConfig(log_config)
    logger = logging.getLogger("medguard.server")

    if args.openapi:
        app = create_app(state=ServiceState(settings.model_copy(update={"warm_up": False, "workers": 1}), tokens=tokens))
        print(json.dumps(app.openapi(), indent=2))
        return EXIT_OK

    if not is_loopback(settings.host) and not tokens:
        logger.warning("listening on %s WITHOUT authentication (--insecure): anyone who can reach it can use it",
                       settings.host)
    auth = f"{len(tokens)} API token(s)" if tokens else "no API tokens (authentication off)"
    try:
        state = ServiceState(settings, tokens=tokens)  # a bad policy raises PolicyError: file:line:column, exit 2
    except SettingsError as error:  # checker processes that could not start
        print(f"medguard: {error}", file=sys.stderr)
        return EXIT_ERROR
    policy = state.engine.policy
    where = f"{settings.workers} checker processes" if settings.workers > 1 else f"{settings.threads} checking threads"
    logger.info("medguard %s: policy %s %s (%d rules), %s, %s; reload with SIGHUP (pid %d) or POST /v1/reload",
                __version__, policy.name, policy.version, len(policy.active_rules), auth, where, os.getpid())
    try:
        uvicorn.Server(uvicorn.Config(
            create_app(state=state), host=settings.host, port=settings.port, log_config=log_config,
            log_level=args.log_level, access_log=not args.no_access_log, server_header=False,
            timeout_graceful_shutdown=settings.timeout_s + 10,  # in-flight checks finish, then stop
        )).run()
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl+C after its graceful shutdown
        pass
    return EXIT_OK


"""The service's state: the engine deciding now, and reloading it without dropping requests.

A request takes ``state.active`` once, when it starts, and uses that engine and its checkers (and
so that policy version) for all its documents; a reload builds and warms a complete new engine
(and, with ``--workers N``, new checker processes) first and then replaces the reference in one
assignment. Requests in flight finish on the engine they started with, and their reports name
its policy version.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

from ..engine import Engine
from ..ml.settings import MLSettings, shared_cache_environment
from ..models import Document, PolicyRef
from ..pluginmanager import PluginHost
from ..policy.errors import PolicyError
from ..policy.loader import load_policy
from ..processes import freeze_heap
from .auth import TokenStore
from .checkers import Checkers, CheckersFailed, ProcessCheckers, ThreadCheckers
from .checking import CheckRunner
from .metrics import Metrics
from .settings import ServerSettings, SettingsError, load_tokens

logger = logging.getLogger("medguard.server")

Replacement = Literal["stopped", "stuck"]
REPLACEMENT_REASONS: dict[Replacement, str] = {
    "stopped": "a checker process stopped",
    "stuck": "a checker process has been on one document for over twice the time limit",
}

WARM_UP_DOCUMENTS = (
    Document(id="warm-up", body="<h1>Warm-up</h1><p>Checking that studies show this works.</p>", format="html"),
    Document(id="warm-up", body="# Warm-up\n\nChecking that studies show this works.\n", format="markdown"),
    Document(id="warm-up", body="Warm-up. Checking that studies show this works.", format="text"),
)


@dataclass(frozen=True, slots=True)
class Active:
    """An engine, the checkers that run it and when it was loaded: swapped as one object."""

    engine: Engine
    checkers: Checkers
    loaded_at: float

    @property
    def ref(self) -> PolicyRef:
        return PolicyRef(name=self.engine.policy.name, version=self.engine.policy.version)


class ReloadError(Exception):
    def __init__(self, message: str, problems: list[str]):
        super().__init__(message)
        self.problems = problems


def make_host(settings: ServerSettings) -> PluginHost:
    return PluginHost(disabled=settings.disabled_plugins, modules=settings.plugin_modules, plugin_dirs=settings.plugin_dirs)


def build_engine(settings: ServerSettings, host: PluginHost) -> Engine:
    """Load the policy and build a warmed engine; raises PolicyError."""
    policy = load_policy(settings.policy, host.rule_types)
    engine = Engine(policy, host, max_bytes=settings.max_document_bytes)
    if settings.warm_up:
        for document in WARM_UP_DOCUMENTS:
            if document.format in host.parsers:
                engine.check(document, source="warm-up")
        for line in engine.model_error_lines():
            logger.error("%s", line)
    return engine


class ServiceState:
    """Everything one app instance serves from."""

    def __init__(self, settings: ServerSettings, host: PluginHost | None = None, engine: Engine | None = None,
                 tokens: list[str] | None = None):
        self.settings = settings
        self.host = host or make_host(settings)
        for diagnostic in self.host.diagnostics:
            logger.warning("plugin problem: %s", diagnostic.message)
        self.tokens = TokenStore(load_tokens(settings) if tokens is None else tokens)
        self.auth_required = self.tokens.enabled
        self.metrics = Metrics()
        self._threads = ThreadPoolExecutor(settings.threads, thread_name_prefix="medguard-check") \
            if settings.workers == 1 else None
        self._embedding_folder: tempfile.TemporaryDirectory | None = None
        """With checker processes: the folder of the embedding cache they share (see _checker_environment)."""
        self.runner = CheckRunner(settings.timeout_s, self.metrics, self.replace_checkers, settings.model_time_limit_s,
                                  settings.report_cache)
        engine = engine or build_engine(self._engine_settings, self.host)
        try:
            checkers = self._start_checkers(engine)
        except CheckersFailed as error:
            raise SettingsError(f"checker processes could not start: {error}") from None
        self._active = Active(engine, checkers, time.time())
        self._observe_policy()
        freeze_heap()
        self.ready = False
        self._reload_lock: asyncio.Lock | None = None
        self._replacing: asyncio.Task[Active] | None = None

    @property
    def active(self) -> Active:
        return self._active

    @property
    def engine(self) -> Engine:
        return self._active.engine

    @property
    def _engine_settings(self) -> ServerSettings:
        """With checker processes, this process's engine only describes the policy and decides
        failed documents: it checks nothing, so it needs no warm-up."""
        return self.settings if self._threads else self.settings.model_copy(update={"warm_up": False})

    def _start_checkers(self, engine: Engine) -> Checkers:
        """Checkers for ``engine``: this process's thread pool, or started checker processes
        whose policy digest matches ``engine``'s (raises CheckersFailed)."""
        if self._threads is not None:
            return ThreadCheckers(engine, self._threads)
        checkers = ProcessCheckers(self.settings, engine.policy.digest, policy_settings=engine.policy.spec.settings,
                                   environment=self._checker_environment(engine))
        pids = checkers.start()
        logger.info("%d checker processes ready (pids %s)", len(pids), ", ".join(map(str, pids)))
        return checkers

    def _checker_environment(self, engine: Engine) -> dict[str, str]:
        """Each checker process keeps its own embeddings in memory: without more, a re-check that
        lands on another checker pays for the model again. Unless the operator or the policy names
        a cache folder, the checkers share one in a temporary folder of this service's, up to
        ``cache_size`` embeddings (2-3 KB each on disk), which reloads keep and the end of the
        service removes."""
        ml = MLSettings.from_policy(engine.policy.spec.settings)
        if ml.cache_chosen:
            return {}
        if self._embedding_folder is None:
            self._embedding_folder = tempfile.TemporaryDirectory(prefix="medguard-embeddings-", ignore_cleanup_errors=True)
        return shared_cache_environment(ml, self._embedding_folder.name, ml.cache_size)

    def _observe_policy(self) -> None:
        policy = self.engine.policy
        self.metrics.set_policy(policy.name, policy.version, policy.digest,
                                [(rule.spec.id, rule.spec.severity.value) for rule in policy.active_rules])

    def replace_checkers(self, broken: Active, reason: Replacement) -> asyncio.Future[Active]:
        """Replace checker processes of which one died or is stuck; one replacement at a time,
        shared by every request that needs it. Resolves to the ``Active`` to use (a reload's, if
        one came first)."""
        if self._replacing is None or self._replacing.done():
            self._replacing = asyncio.get_running_loop().create_task(self._replace(broken, reason))
        return self._replacing

    async def _replace(self, broken: Active, reason: Replacement) -> Active:
        if self._reload_lock is None:
            self._reload_lock = asyncio.Lock()
        async with self._reload_lock:
            if self._active is not broken:  # a reload or an earlier replacement already did it
                return self._active
            logger.error("%s; starting new ones", REPLACEMENT_REASONS[reason])
            self.metrics.replacements.labels(reason).inc()
            loop = asyncio.get_running_loop()
            try:
                checkers = await loop.run_in_executor(None, self._start_checkers, broken.engine)
            except CheckersFailed as error:  # the policy files changed since: load them as a reload would
                logger.warning("%s; reloading the policy", error)
                try:
                    return await self._reload_locked()
                except ReloadError as failed:
                    logger.error("cannot start new checkers: %s %s", failed, "; ".join(failed.problems))
                    return broken  # its documents get checker-stopped reports; the next one tries again
            self._active = Active(broken.engine, checkers, broken.loaded_at)
            broken.checkers.shutdown()
            return self._active

    async def reload(self) -> tuple[Active, Active, int]:
        """Re-read the policy and the token file, build and warm a new engine (and new checker
        processes), then swap.

        Raises ReloadError (the old engine and tokens stay) when the new policy or tokens are bad.
        Reloads are serialised; requests are never paused.
        """
        if self._reload_lock is None:
            self._reload_lock = asyncio.Lock()
        async with self._reload_lock:
            previous = self._active
            current = await self._reload_locked()
            return previous, current, len(self.tokens)

    async def _reload_locked(self) -> Active:
        loop = asyncio.get_running_loop()
        previous = self._active
        try:
            # Built off the event loop, in its own thread: checks keep being answered meanwhile.
            engine = await loop.run_in_executor(None, build_engine, self._engine_settings, self.host)
            tokens = load_tokens(self.settings)
            if self.auth_required and not tokens:
                raise SettingsError("the reload would leave no API token; refusing to turn authentication off "
                                    "(restart the service to run without tokens)")
            checkers = await loop.run_in_executor(None, self._start_checkers, engine)
        except PolicyError as error:
            self.metrics.reloads.labels("failed").inc()
            raise ReloadError("the new policy has errors", [str(p) for p in error.problems]) from None
        except (SettingsError, CheckersFailed) as error:
            self.metrics.reloads.labels("failed").inc()
            raise ReloadError(str(error), []) from None
        self._active = Active(engine, checkers, time.time())  # the atomic swap
        previous.checkers.shutdown()  # documents already handed to them finish, within the time limit
        self.tokens.replace(tokens)
        self._observe_policy()
        freeze_heap()
        self.metrics.reloads.labels("ok").inc()
        logger.info("policy reloaded: %s %s -> %s %s (%d token(s))", previous.ref.name, previous.ref.version,
                    self._active.ref.name, self._active.ref.version, len(self.tokens))
        return self._active

    def shutdown(self) -> None:
        """Stop the checkers and the thread pool (documents being checked are abandoned)."""
        self._active.checkers.shutdown()
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)
        if self._embedding_folder is not None:
            self._embedding_folder.cleanup()

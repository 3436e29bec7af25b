"""The service's state: the engine deciding now, and reloading it without dropping requests.

A request takes ``state.engine`` once, when it starts, and uses that engine (and so that policy
version) for all its documents; a reload builds and warms a complete new engine first and then
replaces the reference in one assignment. Requests in flight finish on the engine they started
with, and their reports name its policy version.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from dataclasses import dataclass

from ..engine import Engine
from ..models import Document, PolicyRef
from ..pluginmanager import PluginHost
from ..policy.errors import PolicyError
from ..policy.loader import load_policy
from .auth import TokenStore
from .checking import CheckRunner
from .metrics import Metrics
from .settings import ServerSettings, SettingsError, load_tokens

logger = logging.getLogger("medguard.server")

WARM_UP_DOCUMENTS = (
    Document(id="warm-up", body="<h1>Warm-up</h1><p>Checking that studies show this works.</p>", format="html"),
    Document(id="warm-up", body="# Warm-up\n\nChecking that studies show this works.\n", format="markdown"),
    Document(id="warm-up", body="Warm-up. Checking that studies show this works.", format="text"),
)


@dataclass(frozen=True, slots=True)
class Active:
    """An engine and when it was loaded: swapped as one object."""

    engine: Engine
    loaded_at: float

    @property
    def ref(self) -> PolicyRef:
        return PolicyRef(name=self.engine.policy.name, version=self.engine.policy.version)


class ReloadError(Exception):
    def __init__(self, message: str, problems: list[str]):
        super().__init__(message)
        self.problems = problems


def freeze_heap() -> None:
    """Exempt everything loaded so far (plugins, the policy, lexicons, the model and torch) from the
    cyclic garbage collector's full collections.

    With the model loaded, a full collection walked about 400,000 objects and paused every thread
    of a worker for about 190 ms, once every 60 or so requests: that pause was the service's p95
    with the ``semantic`` pack. Called after start-up and after each reload; unfreezing first lets
    the garbage of the engine a reload replaced be collected (that one collection, up to about
    0.2 s with the model, is the price of a reload).
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


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
        self.runner = CheckRunner(settings.threads, settings.timeout_s, self.metrics)
        self._active = Active(engine or build_engine(settings, self.host), time.time())
        self._observe_policy()
        freeze_heap()
        self.ready = False
        self._reload_lock: asyncio.Lock | None = None

    @property
    def active(self) -> Active:
        return self._active

    @property
    def engine(self) -> Engine:
        return self._active.engine

    def _observe_policy(self) -> None:
        policy = self.engine.policy
        self.metrics.set_policy(policy.name, policy.version, policy.digest)

    async def reload(self) -> tuple[Active, Active, int]:
        """Re-read the policy and the token file, build and warm a new engine, then swap.

        Raises ReloadError (the old engine and tokens stay) when the new policy or tokens are bad.
        Reloads are serialised; requests are never paused.
        """
        if self._reload_lock is None:
            self._reload_lock = asyncio.Lock()
        async with self._reload_lock:
            loop = asyncio.get_running_loop()
            previous = self._active
            try:
                # Built off the event loop, in its own thread: checks keep being answered meanwhile.
                engine = await loop.run_in_executor(None, build_engine, self.settings, self.host)
                tokens = load_tokens(self.settings)
            except PolicyError as error:
                self.metrics.reloads.labels("failed").inc()
                raise ReloadError("the new policy has errors", [str(p) for p in error.problems]) from None
            except SettingsError as error:
                self.metrics.reloads.labels("failed").inc()
                raise ReloadError(str(error), []) from None
            if self.auth_required and not tokens:
                self.metrics.reloads.labels("failed").inc()
                raise ReloadError("the reload would leave no API token; refusing to turn authentication off "
                                  "(restart the service to run without tokens)", [])
            self._active = Active(engine, time.time())  # the atomic swap
            self.tokens.replace(tokens)
            self._observe_policy()
            freeze_heap()
            self.metrics.reloads.labels("ok").inc()
            logger.info("policy reloaded: %s %s -> %s %s (%d token(s))", previous.ref.name, previous.ref.version,
                        self._active.ref.name, self._active.ref.version, len(self.tokens))
            return previous, self._active, len(self.tokens)

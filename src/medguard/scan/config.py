"""What every worker needs to build the same engine as the process that started the scan."""

from __future__ import annotations

import hashlib
import inspect
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .. import __version__
from ..engine import DEFAULT_MAX_BYTES, Engine
from ..pluginmanager import PluginHost
from ..policy.loader import Policy, load_policy
from ..readers.jsonl import FieldMap

StoreText = Literal["all", "findings", "none"]

EMBEDDING_CACHE_SIZE = 500_000
"""Most sentence embeddings a scan's shared cache folder keeps (about 1 GB at 2 KB each) unless the
policy or ``MEDGUARD_ML_DISK_CACHE_SIZE`` says otherwise. A rescan after a policy change reads
them instead of running the model: 150 stories with the ``semantic`` pack took 8.8 s against 51 s."""


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """Picklable recipe for host, policy and engine; each worker builds them once from it."""

    policy: str = "default"
    disabled: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    plugin_dirs: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    fields: str | None = None
    """Field names for JSONL/CSV readers (``FieldMap.parse`` syntax)."""
    body_format: str = "auto"
    store_text: StoreText = "findings"
    """Which documents keep their extracted text in the store (the HTML report shows it)."""
    max_text_chars: int = 500_000
    expected_digest: str = ""
    """The policy digest the scan started with; a worker that loads another policy refuses."""
    parent_pid: int | None = None
    """Local workers exit when this process is gone (no orphans after a kill -9)."""
    ml_threads: int | None = None
    """torch threads in each local worker (their share of the cores), unless the operator or the
    policy set a count; None leaves torch's default."""
    worker_environment: tuple[tuple[str, str], ...] = ()
    """Variables set in each local worker before it builds its engine: the embedding cache the
    workers share, and later scans reuse (``EMBEDDING_CACHE_SIZE``)."""


@dataclass(slots=True)
class Built:
    host: PluginHost
    policy: Policy
    engine: Engine


def build(config: EngineConfig) -> Built:
    """Host (with configured readers), policy and engine, as ``medguard check`` builds them."""
    host = PluginHost(disabled=config.disabled, modules=config.modules, plugin_dirs=config.plugin_dirs)
    configure_readers(host, config)
    policy = load_policy(config.policy, host.rule_types)
    if config.expected_digest and policy.digest != config.expected_digest:
        raise RuntimeError(
            f"policy {config.policy!r} loaded here has digest {policy.digest}, the scan started with "
            f"{config.expected_digest}: the policy changed during the scan or differs on this worker"
        )
    engine = Engine(policy, host, max_bytes=config.max_bytes)
    return Built(host, policy, engine)


def configure_readers(host: PluginHost, config: EngineConfig) -> None:
    """Give readers that take field names (JSONL, CSV) the scan's ``--fields``/``--body-format``."""
    if not config.fields and config.body_format == "auto":
        return
    fields = FieldMap.parse(config.fields, default_format=config.body_format)
    readers = host.readers
    for extension, reader in list(readers.items()):
        configured = getattr(reader, "configured", None)
        if callable(configured):
            readers[extension] = configured(fields)


def engine_digest(host: PluginHost) -> str:
    """medguard's version, every plugin's name and version, and the code and data files of
    medguard and of every plugin: results depend on all of them, and a fix that changes findings
    without a version bump must not leave a store's earlier findings standing. Computed once, by
    the scanning process, for the run's stamp (workers do not need it)."""
    plugins = sorted((info.name, info.version or "") for info in host.describe())
    data = json.dumps([__version__, plugins, _code_digest(_code_roots(host))])
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def _code_roots(host: PluginHost) -> tuple[Path, ...]:
    """medguard's package folder, and each plugin's package folder or module file outside it."""
    package = Path(__file__).resolve().parents[1]
    roots = {package}
    for _, plugin in host.pm.list_name_plugin():
        module = inspect.getmodule(plugin) if plugin is not None else None
        source = getattr(module, "__file__", None)
        if not source:
            continue
        path = Path(source).resolve()
        root = path.parent if path.name == "__init__.py" else path
        if package not in root.parents and root != package:
            roots.add(root)
    return tuple(sorted(roots))


def _code_digest(roots: tuple[Path, ...]) -> str:
    """sha256 over the names and bytes of every file under ``roots`` (caches and bytecode aside;
    a file that cannot be read counts by its name)."""
    digest = hashlib.sha256()
    for root in roots:
        files = sorted(f for f in (root.rglob("*") if root.is_dir() else [root])
                       if f.is_file() and "__pycache__" not in f.parts and f.suffix not in (".pyc", ".pyo"))
        for path in files:
            digest.update(f"{path.relative_to(root.parent)}\0".encode())
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"\0unreadable\0")
    return digest.hexdigest()

"""The pluggy host: built-in plugins, entry-point plugins, local plugin files, and their registries."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable

import pluggy
from pluggy import PluginValidationError
from pydantic import BaseModel

from . import hookspecs
from .models import Diagnostic
from .policy.validation import did_you_mean

ENTRY_POINT_GROUP = "medguard"

DEFAULT_PLUGINS = (
    "medguard.readers.text",
    "medguard.readers.markdown",
    "medguard.readers.html",
    "medguard.readers.cms_json",
    "medguard.readers.jsonl",
    "medguard.readers.wxr",
    "medguard.readers.csv",
    "medguard.ingest.text",
    "medguard.ingest.markdown",
    "medguard.ingest.html",
    "medguard.analysis.plugin",
    "medguard.rule_types.pattern",
    "medguard.rule_types.requires",
    "medguard.rule_types.semantic",
    "medguard.rule_types.classifier",
    "medguard.reporters.text",
    "medguard.reporters.json",
    "medguard.reporters.sarif",
)


class Registry(dict[str, Any]):
    """What a register hook collected, by name, with the plugin that registered each name."""

    def __init__(self) -> None:
        super().__init__()
        self.plugins: dict[str, str] = {}
        """Name -> the plugin (as ``medguard plugins`` and ``-p no:`` name it) it came from."""


@dataclass(slots=True)
class PluginInfo:
    name: str
    version: str | None
    hooks: list[str]
    rule_types: list[str] = field(default_factory=list)
    builtin: bool = False


class PluginHost:
    """Loads plugins once and serves the registries the engine and CLI need.

    ``disabled`` names plugins to block (like pytest's ``-p no:NAME``): a built-in module name,
    its short name (``reporters.sarif``) or an entry-point name. Plugins that fail to load become
    diagnostics instead of stopping medguard.
    """

    def __init__(
        self,
        *,
        disabled: Iterable[str] = (),
        plugin_dirs: Iterable[str | Path] = (),
        modules: Iterable[str] = (),
        entry_points: bool = True,
    ):
        self.pm = pluggy.PluginManager("medguard")
        self.pm.add_hookspecs(hookspecs)
        self.diagnostics: list[Diagnostic] = []
        self._collected: dict[str, list[tuple[str, Any]]] = {}
        self._versions: dict[str, str | None] = {}
        self._builtin: set[str] = set()
        disabled = set(disabled)
        self._blocked_hits: set[str] = set()
        for name in DEFAULT_PLUGINS:
            short = name.removeprefix("medguard.")
            if name in disabled or short in disabled:
                self.pm.set_blocked(name)
                self._blocked_hits.update((name, short))
                continue
            self._register(importlib.import_module(name), name, None, builtin=True)
        for name in disabled:
            self.pm.set_blocked(name)
        if entry_points:
            self._load_entry_points()
        for module_name in modules:
            self._guarded(module_name, lambda: importlib.import_module(module_name))
        for directory in plugin_dirs:
            if not Path(directory).is_dir():
                self.diagnostics.append(Diagnostic(level="error", code="plugin-load", plugin=str(directory),
                                                   message=f"plugin folder {directory} is not a folder or does not exist"))
                continue
            for path in sorted(Path(directory).glob("*.py")):
                self._guarded(path.stem, lambda path=path: _import_file(path), replace=True)
        self._drop_unknown_hooks()
        for name in sorted(disabled - self._blocked_hits):
            known = sorted(n for n, plugin in self.pm.list_name_plugin() if plugin is not None)
            hint = did_you_mean(name, known) or f" (plugins: {', '.join(known)})"
            self.diagnostics.append(Diagnostic(
                level="warning", code="plugin-block", plugin=name, message=f"-p no:{name} blocked nothing: no plugin has that name{hint}"))

    # -- loading -------------------------------------------------------------------------------
    def _register(self, plugin: Any, name: str, version: str | None, *, builtin: bool = False, replace: bool = False) -> None:
        """Register ``plugin`` as ``name``; with ``replace`` (a ``--plugins-dir`` file), in place
        of a plugin already loaded under that name, with a warning."""
        if self.pm.is_blocked(name) or self.pm.is_registered(plugin):
            return  # already loaded (e.g. installed and also named with -p): once is enough
        if self.pm.has_plugin(name):
            if not replace:
                return
            self.pm.unregister(name=name)
            self.diagnostics.append(Diagnostic(
                level="warning", code="plugin-override", plugin=name,
                message=f"{getattr(plugin, '__file__', name)} (--plugins-dir) replaces the plugin {name!r} loaded before it"))
        self.pm.register(plugin, name=name)
        self._versions[name] = version
        if builtin:
            self._builtin.add(name)

    def _guarded(self, name: str, load: Callable[[], Any], version: str | None = None, *, replace: bool = False) -> None:
        if self.pm.is_blocked(name):
            self._blocked_hits.add(name)
            return
        plugin = None
        try:
            plugin = load()
            self._register(plugin, name, version, replace=replace)
        except Exception as error:  # a broken plugin (or a hook whose arguments are wrong) must not take medguard down
            if plugin is not None and self.pm.get_plugin(name) is plugin:  # half registered: not another of that name
                self.pm.unregister(name=name)
            self.diagnostics.append(Diagnostic(
                level="error", code="plugin-load", plugin=name,
                message=f"plugin {name!r} failed to load and was skipped: {type(error).__name__}: {error}",
            ))

    def _drop_unknown_hooks(self) -> None:
        """Unregister each plugin that implements a hook medguard does not have (a misspelt
        ``medguard_register_reporter``), with a diagnostic, instead of failing every command."""
        while True:
            try:
                self.pm.check_pending()
                return
            except PluginValidationError as error:
                name = self.pm.get_name(error.plugin) or repr(error.plugin)
                self.pm.unregister(plugin=error.plugin)
                self.diagnostics.append(Diagnostic(
                    level="error", code="plugin-load", plugin=name,
                    message=f"plugin {name!r} was skipped: {error}",
                ))

    def _load_entry_points(self) -> None:
        for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            version = entry_point.dist.version if entry_point.dist else None
            self._guarded(entry_point.name, entry_point.load, version)

    # -- registries ----------------------------------------------------------------------------
    def _collect(self, hook_name: str) -> list[tuple[str, Any]]:
        """(plugin name, item) for every item every plugin returned from a register hook.

        Called once per hook: a hook that raises is reported once, however often it is asked for.
        """
        if hook_name not in self._collected:
            self._collected[hook_name] = self._call_register_hook(hook_name)
        return self._collected[hook_name]

    def load_registries(self) -> None:
        """Collect every registry now, so register hooks that raise are in ``diagnostics``."""
        self.readers, self.parsers, self.analyzers, self.rule_types, self.reporters  # noqa: B018

    def _call_register_hook(self, hook_name: str) -> list[tuple[str, Any]]:
        hook = getattr(self.pm.hook, hook_name)
        items = []
        wants = dict if hook_name == "medguard_register_analyzers" else (list, tuple)
        for impl in hook.get_hookimpls():  # in the order plugins were registered: a later one overrides
            try:
                result = impl.function()
            except Exception as error:
                self.diagnostics.append(Diagnostic(
                    level="error", code="plugin-error", plugin=impl.plugin_name,
                    message=f"{impl.plugin_name}.{hook_name} raised {type(error).__name__}: {error}",
                ))
                continue
            if result is None:
                continue
            if not isinstance(result, wants):
                expected = "a dict of name: analyzer" if wants is dict else "a list"
                self.diagnostics.append(Diagnostic(
                    level="error", code="plugin-error", plugin=impl.plugin_name,
                    message=f"{impl.plugin_name}.{hook_name} returned {type(result).__name__}, not {expected}; skipped",
                ))
                continue
            values = result.items() if isinstance(result, dict) else result
            items.extend((impl.plugin_name, value) for value in values)
        return items

    @cached_property
    def rule_types(self) -> Registry:
        return self._index("medguard_register_rule_types", _rule_type_names)

    @cached_property
    def readers(self) -> Registry:
        """Reader by file extension (lower case, with the dot)."""
        return self._index("medguard_register_readers", lambda reader: [
            ext.lower() for ext in ((reader.extensions,) if isinstance(reader.extensions, str) else reader.extensions)
        ])

    @cached_property
    def parsers(self) -> Registry:
        return self._index("medguard_register_parsers", lambda parser: [parser.name] if callable(parser.parse) else [])

    @cached_property
    def analyzers(self) -> Registry:
        index = Registry()
        for plugin_name, (name, analyzer) in self._collect("medguard_register_analyzers"):
            index[name], index.plugins[name] = analyzer, plugin_name
        return index

    @cached_property
    def reporters(self) -> Registry:
        return self._index("medguard_register_reporters", lambda reporter: [reporter.name] if callable(reporter.render) else [])

    def _index(self, hook_name: str, names: Callable[[Any], Iterable[str]]) -> Registry:
        """Items of a register hook by name; an item that is not usable becomes a diagnostic."""
        index = Registry()
        origins = index.plugins
        for plugin_name, item in self._collect(hook_name):
            try:
                keys = list(names(item))
            except Exception as error:
                self.diagnostics.append(Diagnostic(
                    level="error", code="plugin-error", plugin=plugin_name,
                    message=f"{plugin_name}.{hook_name} returned {_shown(item)}, which was skipped: {type(error).__name__}: {error}",
                ))
                continue
            for key in keys:
                if key in index and origins[key] != plugin_name:
                    self.diagnostics.append(Diagnostic(
                        level="warning", code="plugin-override", plugin=plugin_name,
                        message=f"{plugin_name}'s {key!r} ({hook_name.removeprefix('medguard_register_')}) replaces {origins[key]}'s",
                    ))
                index[key], origins[key] = item, plugin_name
        return index

    def plugin_of_rule_type(self, name: str) -> str | None:
        """The plugin that registered rule type ``name`` (as ``medguard plugins`` and ``-p no:`` name it)."""
        return self.rule_types.plugins.get(name)

    def describe(self) -> list[PluginInfo]:
        """Name, version, hooks and rule types of every registered plugin."""
        rule_types_by_plugin: dict[str, list[str]] = {}
        registered = self.rule_types
        for plugin_name, cls in self._collect("medguard_register_rule_types"):
            name = getattr(cls, "name", None)
            if registered.get(name) is cls:
                rule_types_by_plugin.setdefault(plugin_name, []).append(name)
        infos = []
        for name, plugin in self.pm.list_name_plugin():
            if plugin is None:  # blocked with -p no:NAME (pluggy keeps the name, without a plugin)
                continue
            hooks = sorted(h.name for h in self.pm.get_hookcallers(plugin) or [])
            version = self._versions.get(name) or _module_version(plugin)
            infos.append(PluginInfo(name, version, hooks, sorted(rule_types_by_plugin.get(name, [])), name in self._builtin))
        return infos


RULE_TYPE_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
"""What a policy's ``type:`` can name: lower-case words joined by hyphens (``drug-comparison``)."""


def _rule_type_names(cls: Any) -> list[str]:
    from .rule_types.base import RuleType

    if not (isinstance(cls, type) and issubclass(cls, RuleType)):
        raise TypeError("a rule type must be a subclass of medguard.RuleType")
    if not isinstance(getattr(cls, "name", None), str):
        raise TypeError("a rule type needs a `name` (str) class attribute")
    if not RULE_TYPE_NAME.fullmatch(cls.name):
        raise ValueError(f"a rule type's name is lower-case letters and digits in words joined by hyphens, "
                         f"like 'drug-comparison' (got {cls.name!r})")
    if not (isinstance(cls.Options, type) and issubclass(cls.Options, BaseModel)):
        raise TypeError("a rule type's `Options` must be a subclass of pydantic.BaseModel")
    return [cls.name]


def _shown(item: Any) -> str:
    """A registered item as its plugin's author wrote it: a class by its name, anything else by repr."""
    return item.__qualname__ if isinstance(item, type) else repr(item)


def _module_version(plugin: Any) -> str | None:
    version = getattr(plugin, "__version__", None)
    if version is None and getattr(plugin, "__name__", "").startswith("medguard."):
        from . import __version__ as version
    return version


def _import_file(path: Path) -> Any:
    """Import a plugin module from a local plugins folder."""
    module_name = f"medguard_local_plugin_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    return module

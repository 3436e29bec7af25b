"""Shared fixtures for the core's tests: the test policy, a host, an engine, and the CLI."""

from __future__ import annotations

import importlib.metadata
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from medguard import Document, Engine, PluginHost, load_policy
from medguard.cli import main

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
ARTICLES = TESTS / "fixtures" / "articles"
POLICIES = TESTS / "fixtures" / "policies"
EXAMPLES = ROOT / "examples" / "articles"
CORE_POLICY = POLICIES / "core.yaml"
PLUGINS = Path(__file__).resolve().parent / "plugins"
"""Plugins the tests load with ``-p NAME`` (this folder is put on sys.path) or ``--plugins-dir``."""


@pytest.fixture(autouse=True)
def _core_plugins_only(monkeypatch):
    """Hide the first-party policy plugins (entry points of the ``medguard`` distribution itself).

    They are developed and tested separately; the core's tests must not depend on their state.
    Entry points of any other distribution (e.g. the example plugin, once installed) stay visible.
    """
    real = importlib.metadata.entry_points

    def entry_points(**selection):
        found = real(**selection)
        if selection.get("group") != "medguard":
            return found
        return importlib.metadata.EntryPoints(
            ep for ep in found if not (ep.dist and ep.dist.metadata["Name"].lower() == "medguard")
        )

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)


@pytest.fixture
def host() -> PluginHost:
    return PluginHost()


@pytest.fixture
def policy(host):
    return load_policy(CORE_POLICY, host.rule_types)


@pytest.fixture
def engine(policy, host) -> Engine:
    return Engine(policy, host)


def check_text(engine: Engine, body: str, fmt: str = "text", source: str = "test"):
    """Check a body of text; return the DocumentReport."""
    return engine.check(Document(body=body, format=fmt), source).report


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``medguard ARGS...`` in-process; ``stdin=`` feeds bytes to standard input."""

    def run(*args: str, stdin: bytes | None = None) -> CliResult:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run

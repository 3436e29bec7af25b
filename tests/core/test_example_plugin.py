"""The example third-party plugin in examples/plugins/medguard-readability.

Two ways in: its entry-point metadata put on sys.path (fast, in-process), and a real
``pip install`` into this environment (slow, subprocesses; uninstalled afterwards).
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys

import pytest

from medguard import Engine, PluginHost, PolicyError, load_policy

from .conftest import ARTICLES, ROOT, check_text

PLUGIN_DIR = ROOT / "examples" / "plugins" / "medguard-readability"

POLICY = """\
name: patient-readability
version: "1"
rules:
  - id: readability.patient-copy
    type: reading-grade
    severity: warning
    message: "Hard to read for patients; aim for grade 8 or below."
    references: ["CDC Clear Communication Index (2019)"]
    scope: [paragraph, list-item]
    options:
      max_grade: 14
      max_words: 40
"""

EASY = "Take one tablet each morning with water. Call your doctor if you feel dizzy or sick."
HARD = ("Concomitant administration with moderate or strong cytochrome P450 3A4 inhibitors may substantially "
        "increase systemic exposure, necessitating individualized dosage modification and intensified monitoring.")


@pytest.fixture
def registered(tmp_path, monkeypatch):
    """The plugin as an installed distribution would look: package + dist-info with its entry points."""
    shutil.copytree(PLUGIN_DIR / "medguard_readability", tmp_path / "medguard_readability")
    dist = tmp_path / "medguard_readability-0.1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: medguard-readability\nVersion: 0.1.0\n")
    (dist / "entry_points.txt").write_text(_entry_points_from_pyproject())
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    for name in [m for m in sys.modules if m.startswith("medguard_readability")]:
        del sys.modules[name]


def _entry_points_from_pyproject() -> str:
    """The [medguard] entry points exactly as the plugin's pyproject.toml declares them."""
    import tomllib

    project = tomllib.loads((PLUGIN_DIR / "pyproject.toml").read_text())["project"]
    entries = project["entry-points"]["medguard"]
    return "[medguard]\n" + "".join(f"{name} = {value}\n" for name, value in entries.items())


def test_plugin_imports_only_the_public_api():
    import medguard

    for path in (PLUGIN_DIR / "medguard_readability").glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("medguard"):
                assert node.module == "medguard", f"{path.name} imports {node.module}"
                assert all(alias.name in medguard.__all__ for alias in node.names)
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("medguard.") for a in node.names)


def test_discovered_through_its_entry_point(registered, cli, tmp_path):
    host = PluginHost()
    assert host.diagnostics == []
    assert "reading-grade" in host.rule_types
    info = next(i for i in host.describe() if i.name == "readability")
    assert (info.version, info.hooks, info.rule_types, info.builtin) == (
        "0.1.0", ["medguard_register_rule_types"], ["reading-grade"], False)

    listing = cli("plugins")
    assert "readability 0.1.0 (plugin)\n    hooks: medguard_register_rule_types\n    rule types: reading-grade\n" in listing.out
    twice = cli("plugins", "-p", "medguard_readability")  # installed and named with -p: loaded once
    assert twice.code == 0 and twice.out.count("rule types: reading-grade") == 1 and twice.err == ""

    policy = tmp_path / "readability.yaml"
    policy.write_text(POLICY)
    page = tmp_path / "leaflet.md"
    page.write_text(f"# Your new medicine\n\n{EASY}\n\n{HARD}\n")
    result = cli("check", "--policy", policy, "--format", "json", page)
    assert result.code == 0  # warnings only; the policy blocks on errors
    [finding] = result.json()["documents"][0]["findings"]
    assert finding["rule"] == "readability.patient-copy" and finding["category"] == "readability"
    assert finding["excerpt"] == HARD
    assert finding["message"].startswith("Hard to read for patients; aim for grade 8 or below. This sentence: reading grade")
    assert finding["explanation"]["words"] == 22 and finding["explanation"]["grade"] > 14
    assert finding["line"] == 5 and finding["column"] == 1
    blocked = cli("check", "-p", "no:readability", "--policy", policy, page)
    assert blocked.code == 2 and "unknown rule type 'reading-grade'" in blocked.err


def test_reading_grade_options_and_findings(registered, tmp_path):
    host = PluginHost()
    path = tmp_path / "bad.yaml"
    path.write_text(POLICY.replace("max_grade: 14", "max_grade: hard").replace("max_words: 40", "max_words: 3"))
    with pytest.raises(PolicyError) as raised:
        load_policy(path, host.rule_types)
    found = [str(p) for p in raised.value.problems]
    assert any(":11:7: rules[0] (readability.patient-copy).options.max_grade: Input should be a valid number" in p for p in found)
    assert any(":12:7: rules[0] (readability.patient-copy).options.max_words: Input should be greater than or equal to 5" in p
               for p in found)
    path.write_text(POLICY.replace("max_grade: 14", "max_grade: null").replace("max_words: 40", "max_words: null"))
    with pytest.raises(PolicyError, match="set `max_grade`, `max_words` or both"):
        load_policy(path, host.rule_types)

    path.write_text(POLICY.replace("max_grade: 14", "max_grade: 30").replace("max_words: 40", "max_words: 40"))
    with pytest.raises(PolicyError, match="less than or equal to 20"):
        load_policy(path, host.rule_types)

    path.write_text(POLICY.replace("max_grade: 14", "max_grade: 12").replace("max_words: 40", "max_words: 35"))
    engine = Engine(load_policy(path, host.rule_types), host)
    report = check_text(engine, (ARTICLES / "plain-press-release.txt").read_text())
    excerpts = [f.excerpt for f in report.findings]
    assert any(e.startswith("BOSTON, May 12, 2026 -- Halvern Therapeutics") for e in excerpts)
    assert not any(e.startswith("In the trial, 618 patients") for e in excerpts)
    long_one = next(f for f in report.findings if f.excerpt.startswith("BOSTON"))
    assert "words (limit 35)" in long_one.message and long_one.explanation["words"] > 35


@pytest.mark.slow
def test_pip_install_then_medguard_finds_it(tmp_path):
    """pip-installs a copy of the plugin into this environment, uses it through the CLI, uninstalls."""
    source = tmp_path / "medguard-readability"
    shutil.copytree(PLUGIN_DIR, source, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build"))
    policy = tmp_path / "readability.yaml"
    policy.write_text(POLICY)
    page = tmp_path / "leaflet.txt"
    page.write_text(f"{EASY}\n\n{HARD}\n")
    pip = [sys.executable, "-m", "pip"]
    installed = subprocess.run([*pip, "install", "--no-deps", "--no-build-isolation", "--quiet", str(source)],
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    try:
        medguard = [sys.executable, "-m", "medguard.cli"]
        listing = subprocess.run([*medguard, "plugins", "--format", "json"], capture_output=True, text=True, timeout=120)
        assert listing.returncode == 0, listing.stderr
        plugin = next(p for p in json.loads(listing.stdout) if p["name"] == "readability")
        assert plugin == {"name": "readability", "version": "0.1.0", "builtin": False,
                          "hooks": ["medguard_register_rule_types"], "rule_types": ["reading-grade"]}
        checked = subprocess.run([*medguard, "check", "--policy", str(policy), "--format", "json", str(page)],
                                 capture_output=True, text=True, timeout=120)
        assert checked.returncode == 0, checked.stderr
        [finding] = json.loads(checked.stdout)["documents"][0]["findings"]
        assert (finding["rule"], finding["excerpt"], finding["line"]) == ("readability.patient-copy", HARD, 3)
    finally:
        removed = subprocess.run([*pip, "uninstall", "--yes", "--quiet", "medguard-readability"],
                                 capture_output=True, text=True, timeout=120)
        assert removed.returncode == 0, removed.stderr

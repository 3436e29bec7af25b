"""Without the ml extra: semantic rules are skipped with one clear message, or fail when required.

Runs with or without torch installed: a missing package is simulated by blocking its import.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from medguard import ml
from medguard.cli import main
from medguard.pluginmanager import PluginHost
from medguard.policy.errors import PolicyError
from medguard.policy.loader import load_policy
from medguard.rule_types.semantic import SemanticRule

POLICY = """\
name: no-extra
version: "1"
rules:
  - id: words.miracle
    type: pattern
    severity: error
    message: miracle
    options: {phrases: [miracle cure]}
  - id: sem.cure
    type: semantic
    message: paraphrased cure
    required: REQUIRED
    options:
      flag: ["Our treatment cures addiction for good."]
"""


@pytest.fixture()
def no_torch(monkeypatch):
    for name in ("torch", "transformers"):
        monkeypatch.setitem(sys.modules, name, None)


def write_policy(tmp_path, required: bool):
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY.replace("REQUIRED", "true" if required else "false"), encoding="utf-8")
    return path


def test_unavailable_reason_names_the_extra(no_torch):
    reason = ml.available()
    assert reason is not None and "pip install 'medguard[ml]'" in reason and "torch" in reason
    assert SemanticRule.unavailable_reason() == reason


def test_get_encoder_refuses_clearly(no_torch):
    with pytest.raises(RuntimeError, match=r"medguard\[ml\]"):
        ml.get_encoder()


def test_the_loader_skips_the_rule_and_keeps_the_others(no_torch, tmp_path):
    policy = load_policy(write_policy(tmp_path, required=False), PluginHost(entry_points=False).rule_types)
    by_id = {rule.spec.id: rule for rule in policy.rules}
    assert by_id["words.miracle"].instance is not None
    assert by_id["sem.cure"].instance is None
    assert "pip install 'medguard[ml]'" in by_id["sem.cure"].skipped


def test_a_required_rule_fails_to_load(no_torch, tmp_path):
    with pytest.raises(PolicyError) as info:
        load_policy(write_policy(tmp_path, required=True), PluginHost(entry_points=False).rule_types)
    assert "sem.cure is required but cannot run" in str(info.value.problems[0])


def test_check_says_once_which_rules_were_skipped(no_torch, tmp_path, capsys):
    document = tmp_path / "page.txt"
    document.write_text("This miracle cure works.", encoding="utf-8")
    status = main(["check", str(document), "--policy", str(write_policy(tmp_path, required=False)), "--format", "json"])
    err = capsys.readouterr().err
    assert status == 1  # the pattern rule still ran and found its phrase
    assert err.count("skipped") == 1 and "sem.cure" in err and "medguard[ml]" in err


def test_the_module_imports_without_torch():
    code = (
        "import sys; sys.modules['torch'] = None; sys.modules['transformers'] = None; sys.modules['numpy'] = None\n"
        "import medguard.rule_types.semantic, medguard.ml, medguard.ml.claim_strength, medguard.ml.cues\n"
        "from medguard.pluginmanager import PluginHost\n"
        "assert 'semantic' in PluginHost(entry_points=False).rule_types\n"
        "print(medguard.ml.available())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "medguard[ml]" in result.stdout

"""Model-layer settings from the environment: a bad value names its variable, once, as a policy error."""

from __future__ import annotations

import pytest

from medguard.cli import main
from medguard.ml.settings import MLEnvironmentError, MLSettings

POLICY = """\
name: env
version: "1"
rules:
  - id: words.miracle
    type: pattern
    severity: error
    message: miracle
    options: {phrases: [miracle cure]}
"""


@pytest.mark.parametrize("variable, value, expected", [
    ("MEDGUARD_ML_PRECISION", "int4", "auto, fp32, bf16 or int8"),
    ("MEDGUARD_ML_THREADS", "abc", "a whole number from 1 to 256"),
    ("MEDGUARD_ML_BATCH_SIZE", "0", "a whole number from 1 to 4096"),
    ("MEDGUARD_ML_DISK_CACHE_SIZE", "-5", "a whole number of at least 1"),
    ("MEDGUARD_ALLOW_DOWNLOAD", "maybe", "1, true or yes to allow"),
])
def test_a_bad_variable_is_named_with_the_values_it_takes(monkeypatch, variable, value, expected):
    monkeypatch.setenv(variable, value)
    with pytest.raises(MLEnvironmentError, match=f"{variable}='{value}': expected {expected}"):
        MLSettings.from_policy({})


def test_good_variables_override_the_policy(monkeypatch):
    monkeypatch.setenv("MEDGUARD_ML_THREADS", "3")
    monkeypatch.setenv("MEDGUARD_ALLOW_DOWNLOAD", "yes")
    monkeypatch.setenv("MEDGUARD_ML_PRECISION", "FP32")
    settings = MLSettings.from_policy({"ml": {"threads": 1}})
    assert (settings.threads, settings.allow_download, settings.precision) == (3, True, "fp32")


@pytest.mark.parametrize("command", [["policy", "validate"], ["check", "--policy"]])
def test_a_bad_variable_fails_once_like_a_policy_error(tmp_path, monkeypatch, capsys, command):
    policy = tmp_path / "env.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    pages = [tmp_path / f"page{i}.txt" for i in range(3)]
    for page in pages:
        page.write_text("A miracle cure.", encoding="utf-8")
    monkeypatch.setenv("MEDGUARD_ML_THREADS", "abc")
    assert main([*command, str(policy), *map(str, pages if command[0] == "check" else [])]) == 2
    err = capsys.readouterr().err
    assert err.count("MEDGUARD_ML_THREADS='abc': expected a whole number from 1 to 256") == 1

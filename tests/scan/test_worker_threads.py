"""torch threads in local scan workers: each worker gets its share of the cores."""

from __future__ import annotations

import pytest

from medguard.ml import MLSettings
from medguard.ml.settings import THREADS_VARIABLE
from medguard.ml.threads import actor_torch_threads, use_torch_threads, worker_torch_threads

from .conftest import POLICY, scan, write_jsonl


@pytest.fixture(autouse=True)
def _no_operator_threads(monkeypatch):
    monkeypatch.delenv(THREADS_VARIABLE, raising=False)


@pytest.mark.parametrize("workers, cores, expected", [(2, 2, 1), (4, 2, 1), (2, 8, 4), (3, 8, 2), (1, 2, None)])
def test_each_worker_gets_its_share_of_the_cores(workers, cores, expected):
    assert worker_torch_threads(workers, cores, {}) == expected


def test_a_count_set_by_the_policy_or_the_operator_wins(monkeypatch):
    assert worker_torch_threads(2, 2, {"ml": {"threads": 2}}) is None
    monkeypatch.setenv(THREADS_VARIABLE, "2")
    assert worker_torch_threads(2, 2, {}) is None


def test_a_ray_actor_holds_one_cpu_so_one_torch_thread(monkeypatch):
    assert actor_torch_threads({}) == 1
    assert actor_torch_threads({"ml": {"threads": 2}}) is None
    monkeypatch.setenv(THREADS_VARIABLE, "2")
    assert actor_torch_threads({}) is None


def test_a_worker_builds_its_encoder_with_that_count(monkeypatch):
    monkeypatch.setenv(THREADS_VARIABLE, "placeholder")  # restored after the test
    use_torch_threads(3)
    assert MLSettings.from_policy({"ml": {"batch_size": 8}}).threads == 3


def test_the_scan_command_hands_the_share_to_its_local_workers(tmp_path, monkeypatch):
    seen = []

    def run_scan(options, built):
        seen.append((options.workers, options.config.ml_threads))
        raise KeyboardInterrupt  # stop here: only the configuration is under test

    monkeypatch.setattr("medguard.scan.run.run_scan", run_scan)
    monkeypatch.setattr("medguard.processes.available_cores", lambda: 2)
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "body": "Text."}])
    for workers in ("2", "1"):
        with pytest.raises(KeyboardInterrupt):
            scan(archive, "--store", tmp_path / f"s{workers}.db", "--policy", POLICY, "--workers", workers)
    assert seen == [(2, 1), (1, None)]
    pytest.importorskip("ray", reason="the ray extra is not installed")
    with pytest.raises(KeyboardInterrupt):
        scan(archive, "--store", tmp_path / "ray.db", "--policy", POLICY, "--workers", "2", "--engine", "ray")
    assert seen[-1] == (2, 1)

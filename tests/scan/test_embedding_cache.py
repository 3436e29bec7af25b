"""The model's embeddings in a scan: one cache folder for every local worker, kept for later scans."""

from __future__ import annotations

import json

import pytest

from medguard.ml.settings import CACHE_DIR_VARIABLE, DISK_CACHE_SIZE_VARIABLE
from medguard.scan.config import EMBEDDING_CACHE_SIZE

from .conftest import FAULTS_POLICY, PLUGINS, by_key, scan, write_jsonl


@pytest.fixture(autouse=True)
def _no_operator_cache(monkeypatch):
    monkeypatch.delenv(CACHE_DIR_VARIABLE, raising=False)
    monkeypatch.delenv(DISK_CACHE_SIZE_VARIABLE, raising=False)


def _cache_seen_by_workers(tmp_path, *options) -> str:
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "body": "Which folder? WHICH CACHE."}])
    store = tmp_path / "scan.sqlite"
    scan(archive, "--store", store, "--policy", FAULTS_POLICY, "--plugins-dir", PLUGINS, "--quiet", "--rescan", *options)
    (document,) = by_key(store).values()
    (finding,) = [f for f in json.loads(document["findings"]) if f["rule"] == "faults.which-cache"]
    return finding["message"].removeprefix("embeddings in ")


def test_local_workers_share_a_folder_beside_the_store_by_default(tmp_path):
    assert _cache_seen_by_workers(tmp_path, "--workers", 2) == str(tmp_path / "scan.sqlite-embeddings")


def test_the_folder_can_be_named_or_turned_off(tmp_path):
    assert _cache_seen_by_workers(tmp_path, "--workers", 1, "--embedding-cache", tmp_path / "vectors") == str(tmp_path / "vectors")
    assert _cache_seen_by_workers(tmp_path, "--workers", 1, "--embedding-cache", "none") == "None"


def test_a_folder_the_policy_chose_is_left_alone(tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_text(f"extends: {FAULTS_POLICY}\nsettings:\n  ml:\n    cache_dir: {tmp_path / 'policy-cache'}\n")
    assert _cache_seen_by_workers(tmp_path, "--workers", 1, "--policy", policy) == "None"  # the encoder reads the policy


def test_the_run_records_the_folder_and_its_bound_unless_the_operator_chose_one(tmp_path, monkeypatch):
    seen = []

    def run_scan(options, built):
        seen.append(dict(options.config.worker_environment))
        raise KeyboardInterrupt  # stop here: only the configuration is under test

    monkeypatch.setattr("medguard.scan.run.run_scan", run_scan)
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "body": "Text."}])
    store = tmp_path / "s.sqlite"
    for workers in ("2", "0"):
        with pytest.raises(KeyboardInterrupt):
            scan(archive, "--store", store, "--policy", FAULTS_POLICY, "--plugins-dir", PLUGINS, "--workers", workers)
    monkeypatch.setenv(DISK_CACHE_SIZE_VARIABLE, "1000")
    with pytest.raises(KeyboardInterrupt):
        scan(archive, "--store", store, "--policy", FAULTS_POLICY, "--plugins-dir", PLUGINS, "--workers", "2")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "operator-cache"))  # the workers inherit it
    with pytest.raises(KeyboardInterrupt):
        scan(archive, "--store", store, "--policy", FAULTS_POLICY, "--plugins-dir", PLUGINS, "--workers", "2")
    folder = str(tmp_path / "s.sqlite-embeddings")
    assert seen == [
        {CACHE_DIR_VARIABLE: folder, DISK_CACHE_SIZE_VARIABLE: str(EMBEDDING_CACHE_SIZE)},
        {},  # --workers 0 checks in the scanning process, with its own cache
        {CACHE_DIR_VARIABLE: folder, DISK_CACHE_SIZE_VARIABLE: "1000"},
        {},
    ]


def test_ray_workers_cannot_be_given_a_local_folder(tmp_path, capsys):
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "body": "Text."}])
    status = scan(archive, "--store", tmp_path / "s.sqlite", "--engine", "ray", "--embedding-cache", tmp_path / "v")
    assert status == 2 and "--embedding-cache needs --engine local" in capsys.readouterr().err


def test_the_scan_says_where_the_embeddings_are_kept_once_there_are_some(tmp_path, capsys):
    _cache_seen_by_workers(tmp_path, "--workers", 1)
    assert "embeddings are kept" not in capsys.readouterr().err  # the policy never ran the model: no folder
    folder = tmp_path / "scan.sqlite-embeddings"
    folder.mkdir()
    (folder / "embeddings.sqlite").write_bytes(b"\0" * 3 * 2**20)
    _cache_seen_by_workers(tmp_path, "--workers", 1)
    assert f"embeddings are kept in {folder} (3 MB)" in capsys.readouterr().err

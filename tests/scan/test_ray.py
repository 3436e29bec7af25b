"""The Ray engine writes the same results as the local engine, document for document."""

from __future__ import annotations

import pytest

from .conftest import FAULTS_POLICY, FLAGGED, PLUGINS, comparable, make_archive, rows, scan, write_jsonl

pytest.importorskip("ray", reason="the ray extra is not installed (pip install 'medguard[ray]')")
pytest.importorskip("ray.data", reason="Ray Data is not installed (pip install 'ray[data]')")


@pytest.mark.slow
def test_ray_engine_matches_the_local_engine_document_for_document(tmp_path, monkeypatch, capsys):
    import medguard.scan.ray_engine as ray_engine

    archive = make_archive(tmp_path / "archive")
    records = [{"id": f"r{i}", "title": f"Story {i}", "text": f"Story {i}. " + (FLAGGED if i % 4 == 0 else "Nothing remarkable.")}
               for i in range(300)]
    write_jsonl(archive / "big.jsonl", records, tail=b'{"id": "cut", "text": "trunc')
    monkeypatch.setattr(ray_engine, "SHARD_BYTES", 4096)  # several shards of big.jsonl, read in parallel

    local = tmp_path / "local.sqlite"
    common = ("--policy", FAULTS_POLICY, "--plugins-dir", PLUGINS, "--quiet")
    assert scan(archive, "--store", local, "--workers", 2, *common) == 2
    distributed = tmp_path / "ray.sqlite"
    assert scan(archive, "--store", distributed, "--workers", 2, "--engine", "ray", "--ray-cpus", 3,
                "--ray-object-store-mb", 128, *common) == 2
    expected, got = comparable(local), comparable(distributed)
    assert len(expected) == 15 + 301
    assert got == expected
    (run,) = rows(distributed, "SELECT engine, status, checked, unreadable FROM runs")
    assert run == {"engine": "ray", "status": "finished", "checked": 312, "unreadable": 4}
    # same store format, same keys and hashes: the local engine finds nothing left to do but the
    # one document whose check ended in a rule error (checked again until it passes cleanly)
    capsys.readouterr()
    assert scan(archive, "--store", distributed, "--workers", 0, *common) == 2
    assert rows(distributed, "SELECT checked, skipped FROM runs ORDER BY id")[-1] == {"checked": 1, "skipped": 315}


def test_the_plan_records_paths_that_cannot_be_looked_at(tmp_path, deny):
    from medguard import PluginHost
    from medguard.scan.config import Built
    from medguard.scan.ray_engine import plan_units

    locked, site = tmp_path / "locked", tmp_path / "site"
    locked.mkdir()
    (locked / "x.txt").write_text(FLAGGED)
    (site / "drafts").mkdir(parents=True)
    (site / "z.txt").write_text(FLAGGED)
    deny(locked)
    deny(site / "drafts")
    units = plan_units([str(locked / "x.txt"), str(site)], Built(PluginHost(), None, None))
    assert units == [
        {"kind": "error", "key": str(locked / "x.txt"), "message": f"{locked / 'x.txt'}: cannot read: permission denied"},
        {"kind": "error", "key": str(site / "drafts"), "message": f"{site / 'drafts'}: cannot read folder: permission denied"},
        {"kind": "files", "paths": [str(site / "z.txt")]},
    ]

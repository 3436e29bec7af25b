"""The on-disk embedding cache: shared by every process that opens the folder, and compact."""

from __future__ import annotations

import os

import pytest

np = pytest.importorskip("numpy", reason="needs the ml extra: pip install 'medguard[ml]'")

from medguard.ml.cache import EmbeddingCache  # noqa: E402


def vectors(count: int) -> dict[bytes, "np.ndarray"]:
    rng = np.random.default_rng(7)
    return {os.urandom(20): rng.random(384, dtype=np.float32) for _ in range(count)}


def test_vectors_written_by_one_cache_are_read_by_another(tmp_path):
    items = vectors(50)
    writer = EmbeddingCache(384, capacity=0, path=tmp_path)
    writer.put_many(items)
    reader = EmbeddingCache(384, capacity=0, path=tmp_path)
    found = reader.get_many(items)
    assert found.keys() == items.keys() and reader.disk_hits == 50
    assert all(np.array_equal(found[key], vector) for key, vector in items.items())


def test_a_new_cache_file_stores_a_vector_in_about_two_kilobytes(tmp_path):
    cache = EmbeddingCache(384, capacity=0, path=tmp_path)
    for _ in range(4):
        cache.put_many(vectors(500))
    cache.close()
    size = sum(path.stat().st_size for path in tmp_path.iterdir())
    assert size / 2000 < 2.5 * 1024  # with sqlite's default 4 KB pages: 4.7 KB (an overflow page each)


def test_a_bounded_store_drops_random_vectors_beyond_its_capacity(tmp_path):
    cache = EmbeddingCache(384, capacity=0, path=tmp_path, disk_capacity=200)
    written = vectors(1000)
    keys = list(written)
    for start in range(0, 1000, 50):
        cache.put_many({key: written[key] for key in keys[start:start + 50]})
    kept = cache.get_many(keys)
    assert 120 <= len(kept) <= 220  # about the capacity or somewhat below, whatever order they came in
    assert sum(key in kept for key in keys[-50:]) > 10  # the latest batch mostly stays


def test_an_unbounded_store_keeps_everything(tmp_path):
    cache = EmbeddingCache(384, capacity=0, path=tmp_path)
    written = vectors(300)
    for key, vector in written.items():
        cache.put_many({key: vector})
    assert len(cache.get_many(written)) == 300


def test_a_file_that_is_not_a_database_costs_only_the_disk_store(tmp_path, caplog):
    (tmp_path / "embeddings.sqlite").write_bytes(b"a text file where the cache's database should be" * 50)
    cache = EmbeddingCache(384, capacity=100, path=tmp_path)
    items = vectors(5)
    cache.put_many(items)
    assert cache.get_many(items).keys() == items.keys()  # from memory
    assert "file is not a database" in cache.disk_problem and "embeddings.sqlite" in cache.disk_problem
    assert [r.levelname for r in caplog.records if r.name == "medguard.ml"] == ["WARNING"]


def test_a_store_locked_by_another_process_too_long_is_skipped_with_one_warning(tmp_path, caplog, monkeypatch):
    import sqlite3

    monkeypatch.setattr("medguard.ml.cache.BUSY_TIMEOUT_S", 0.05)
    cache = EmbeddingCache(384, capacity=100, path=tmp_path)
    other = sqlite3.connect(tmp_path / "embeddings.sqlite", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process in a long write
    first, second = vectors(3), vectors(3)
    cache.put_many(first)
    cache.put_many(second)
    assert "database is locked" in cache.disk_problem
    assert len([r for r in caplog.records if r.name == "medguard.ml"]) == 1
    assert cache.get_many({**first, **second}).keys() == {**first, **second}.keys()  # kept in memory
    other.execute("ROLLBACK")
    cache.put_many(first)  # the lock is gone: the store works again
    assert EmbeddingCache(384, capacity=0, path=tmp_path).get_many(first).keys() == first.keys()


def _stored(folder) -> tuple[int, int]:
    import sqlite3

    db = sqlite3.connect(folder / "embeddings.sqlite")
    return db.execute("SELECT vectors FROM stored").fetchone()[0], db.execute("SELECT count(*) FROM embedding").fetchone()[0]


def test_the_kept_count_follows_every_writer_and_every_drop(tmp_path):
    first, second = (EmbeddingCache(384, capacity=0, path=tmp_path, disk_capacity=500) for _ in range(2))
    written = vectors(700)
    keys = list(written)
    first.put_many({key: written[key] for key in keys[:300]})
    second.put_many({key: written[key] for key in keys[200:400]})  # 100 already there: not counted twice
    assert _stored(tmp_path) == (400, 400)
    first.put_many({key: written[key] for key in keys[400:]})  # past the capacity: some dropped
    kept, rows = _stored(tmp_path)
    assert kept == rows and 430 <= rows <= 550  # about 98% of 500: a random range of keys goes


def test_a_file_from_before_the_kept_count_is_counted_once(tmp_path):
    import sqlite3

    db = sqlite3.connect(tmp_path / "embeddings.sqlite")
    db.execute("CREATE TABLE embedding (key BLOB PRIMARY KEY, dim INTEGER, vector BLOB) WITHOUT ROWID")
    db.executemany("INSERT INTO embedding VALUES (?, 384, ?)", [(k, v.tobytes()) for k, v in vectors(30).items()])
    db.commit()
    cache = EmbeddingCache(384, capacity=0, path=tmp_path)
    cache.put_many(vectors(5))
    assert _stored(tmp_path) == (35, 35)

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

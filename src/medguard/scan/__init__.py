"""Batch scans of whole archives: ``medguard scan`` and ``medguard report`` (see docs/scan.md).

- ``items``: paths -> work items (key, document or input error, content hash), streamed.
- ``worker``: what a worker process or Ray actor does: build the engine once, check batches.
- ``local`` / ``ray_engine``: the two engines that run workers; both write through ``store``.
- ``store``: the SQLite results store (runs, documents, findings), resumable and incremental.
- ``waivers`` / ``results``: waivers and baselines applied when results are read back.
- ``reports``: html, csv, jsonl, sarif and summary output from a store.
- ``command``: the ``scan`` and ``report`` subcommands.
"""

"""``medguard scan``: parallel, incremental, resumable, and every kind of bad input recorded."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from medguard.scan.store import Store, StoreError

from .conftest import (CLEAN, FAULTS_POLICY, FLAGGED, PLUGINS, POLICY, WXR_HEAD, by_key, comparable, report, rows, scan,
                       write_jsonl, wxr_item)


def test_scan_of_a_mixed_archive_records_every_document_and_every_bad_input(archive, tmp_path, capsys):
    store = tmp_path / "scan.sqlite"
    status = scan(archive, "--store", store, "--policy", FAULTS_POLICY, "--plugins-dir", PLUGINS, "--workers", 2, "--quiet")
    out = capsys.readouterr().out
    assert status == 2  # some documents could not be read; all are recorded
    docs = by_key(store)
    a = str(archive)
    expected = {
        f"{a}/export.csv:2", f"{a}/export.csv:3", f"{a}/export.jsonl:1", f"{a}/export.jsonl:2", f"{a}/export.jsonl:3",
        f"{a}/export.jsonl:4", f"{a}/export.jsonl:5", f"{a}/pages/a-flagged.html", f"{a}/pages/b-clean.md",
        f"{a}/pages/c-corrupt.txt", f"{a}/pages/d-latin1.txt", f"{a}/pages/e-kaboom.txt", f"{a}/site.xml#0",
        f"{a}/site.xml#2", f"{a}/zz-bomb.xml",
    }
    assert set(docs) == expected
    # bad input, each recorded against its own document
    assert docs[f"{a}/pages/c-corrupt.txt"]["status"] == "unreadable"
    assert "binary" in docs[f"{a}/pages/c-corrupt.txt"]["diagnostics"]
    assert docs[f"{a}/export.jsonl:5"]["status"] == "unreadable" and "truncated" in docs[f"{a}/export.jsonl:5"]["diagnostics"]
    assert docs[f"{a}/zz-bomb.xml"]["status"] == "unreadable" and "billion laughs" in docs[f"{a}/zz-bomb.xml"]["diagnostics"]
    invalid = docs[f"{a}/export.jsonl:4"]
    assert invalid["status"] == "checked" and "invalid-utf8" in invalid["diagnostics"] and invalid["n_error"] == 1
    assert "invalid-utf8" in docs[f"{a}/pages/d-latin1.txt"]["diagnostics"]
    kaboom = docs[f"{a}/pages/e-kaboom.txt"]
    assert kaboom["status"] == "checked" and '"rule-error"' in kaboom["diagnostics"] and kaboom["n_error"] == 1  # other rules ran
    # good documents
    assert docs[f"{a}/pages/a-flagged.html"]["decision"] == "block"
    assert docs[f"{a}/pages/b-clean.md"]["decision"] == "pass"
    assert docs[f"{a}/site.xml#0"]["doc_id"] == "11" and docs[f"{a}/site.xml#0"]["decision"] == "block"
    assert docs[f"{a}/export.csv:3"]["decision"] == "pass"
    # the summary counts them
    assert "15 document(s) seen" in out and "3 unreadable" in out and "1 with rule/engine errors" in out
    assert "rule-error 1" in out and "input-error 3" in out
    (run,) = rows(store, "SELECT * FROM runs")
    assert (run["status"], run["seen"], run["checked"], run["unreadable"], run["crashed"]) == ("finished", 15, 12, 3, 0)
    assert run["policy_name"] == "scan-test-faults" and len(run["policy_digest"]) == 16
    # the schema the issue asks for
    row = docs[f"{a}/pages/a-flagged.html"]
    for column in ("source", "content_hash", "policy_name", "policy_version", "policy_digest", "decision", "findings",
                   "diagnostics", "read_ms", "check_ms", "text"):
        assert row[column] is not None, column
    assert [f["rule"] for f in json.loads(row["findings"])] == ["absolute.miracle", "evidence.studies-need-a-source"]
    journal = rows(store, "PRAGMA journal_mode")[0]
    assert list(journal.values()) == ["wal"]


def write_pages(folder: Path, count: int) -> Path:
    """``count`` text pages in ``folder``, every other one flagged."""
    folder.mkdir()
    for i in range(count):
        (folder / f"p{i}.txt").write_text(f"Page {i}. {FLAGGED if i % 2 else 'Nothing to see.'}")
    return folder


def test_incremental_rescan_and_policy_change(tmp_path, capsys):
    archive = write_pages(tmp_path / "a", 6)
    store = tmp_path / "s.sqlite"
    assert scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet") == 0
    first = by_key(store)
    assert scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet") == 0
    runs = rows(store, "SELECT checked, skipped FROM runs ORDER BY id")
    assert runs[-1] == {"checked": 0, "skipped": 6}
    (archive / "p2.txt").write_text("Changed: a wonder drug.")
    assert scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet") == 0
    assert rows(store, "SELECT checked, skipped FROM runs ORDER BY id")[-1] == {"checked": 1, "skipped": 5}
    after = by_key(store)
    assert after[str(archive / "p2.txt")]["writes"] == 2 and after[str(archive / "p2.txt")]["decision"] == "block"
    assert all(after[k]["writes"] == 1 for k in first if not k.endswith("p2.txt"))
    assert scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet", "--rescan") == 0
    assert rows(store, "SELECT checked, skipped FROM runs ORDER BY id")[-1] == {"checked": 6, "skipped": 0}
    changed = tmp_path / "changed.yaml"
    changed.write_text(POLICY.read_text().replace('version: "1.0"', 'version: "1.1"'))
    assert scan(archive, "--store", store, "--policy", changed, "--workers", 0, "--quiet") == 0
    assert rows(store, "SELECT checked, skipped FROM runs ORDER BY id")[-1] == {"checked": 6, "skipped": 0}
    assert {r["policy_version"] for r in rows(store)} == {"1.1"}


def test_a_document_over_the_size_limit_is_checked_once_the_limit_is_raised(tmp_path, capsys):
    archive = write_pages(tmp_path / "a", 3)
    (archive / "big.txt").write_text(f"{FLAGGED} " + "Nothing to see. " * 200)
    store = tmp_path / "s.sqlite"
    args = (archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    scan(*args, "--max-bytes", 1000)
    assert "over the" in by_key(store)[str(archive / "big.txt")]["diagnostics"]
    scan(*args)  # the raised (default) limit: big.txt is checked, the others are unchanged
    assert rows(store, "SELECT checked, skipped FROM runs ORDER BY id")[-1] == {"checked": 1, "skipped": 3}
    big = by_key(store)[str(archive / "big.txt")]
    assert big["decision"] == "block" and big["n_diag_errors"] == 0


def test_the_same_archive_spelt_another_way_is_the_same_documents(tmp_path, capsys, monkeypatch):
    archive = write_pages(tmp_path / "a", 4)
    store = tmp_path / "s.sqlite"
    monkeypatch.chdir(tmp_path)
    scan("a", "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    monkeypatch.chdir(archive)
    scan("../a/", "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    assert len(rows(store)) == 4
    assert rows(store, "SELECT checked, skipped FROM runs ORDER BY id") == [{"checked": 4, "skipped": 0}] + [{"checked": 0, "skipped": 4}] * 2


def test_a_path_that_does_not_exist_is_refused_not_stored(tmp_path, capsys):
    store = tmp_path / "s.sqlite"
    assert scan(tmp_path / "nowhere", "--store", store, "--policy", POLICY, "--workers", 0, "--quiet") == 2
    assert "nowhere: no such file or directory" in capsys.readouterr().err
    assert not store.exists()


def test_paths_that_cannot_be_looked_at_are_recorded_and_the_rest_scanned(tmp_path, capsys, deny):
    """A file in a folder we may not enter, a name too long, a folder we may not list (given or
    met on the way): each is recorded as unreadable, with why; the other documents are scanned."""
    locked, site = tmp_path / "locked", tmp_path / "site"
    locked.mkdir()
    (locked / "x.txt").write_text(FLAGGED)
    (site / "drafts").mkdir(parents=True)
    (site / "drafts" / "y.txt").write_text(FLAGGED)
    (site / "z.txt").write_text(FLAGGED)
    deny(locked)
    deny(site / "drafts")
    long = tmp_path / ("a" * 300 + ".txt")  # longer than a file name may be (255 bytes)
    store = tmp_path / "s.sqlite"
    assert scan(locked / "x.txt", long, site, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet") == 2
    assert "Traceback" not in capsys.readouterr().err
    docs = by_key(store)
    assert {key: json.loads(row["diagnostics"])[0]["message"] for key, row in docs.items() if row["status"] == "unreadable"} == {
        str(locked / "x.txt"): f"{locked / 'x.txt'}: cannot read: permission denied",
        str(long): f"{long}: cannot read: file name too long",
        str(site / "drafts"): f"{site / 'drafts'}: cannot read folder: permission denied",
    }
    assert docs[str(site / "z.txt")]["decision"] == "block"
    assert scan(locked, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet") == 2
    assert by_key(store)[str(locked)]["status"] == "unreadable"  # not "no files medguard can read here"
    assert "cannot read folder: permission denied" in by_key(store)[str(locked)]["diagnostics"]


def test_a_plugin_whose_code_changed_rechecks_every_document(tmp_path, capsys):
    """A fix that changes results without a version bump must not leave earlier findings standing."""
    archive = write_pages(tmp_path / "a", 4)
    plugins = tmp_path / "plugins"
    shutil.copytree(PLUGINS, plugins)
    store = tmp_path / "s.sqlite"
    args = (archive, "--store", store, "--policy", POLICY, "--plugins-dir", plugins, "--workers", 0, "--quiet")
    assert scan(*args) == 0
    assert scan(*args) == 0
    assert rows(store, "SELECT checked, skipped FROM runs ORDER BY id")[-1] == {"checked": 0, "skipped": 4}
    source = plugins / "scan_test_faults.py"
    source.write_text(source.read_text() + "\n# a fix that changes no version\n")
    assert scan(*args) == 0
    assert rows(store, "SELECT checked, skipped FROM runs ORDER BY id")[-1] == {"checked": 4, "skipped": 0}


def test_removed_documents_become_stale_and_leave_the_reports(tmp_path, capsys):
    archive = tmp_path / "a"
    archive.mkdir()
    (archive / "keep.txt").write_text(FLAGGED)
    (archive / "gone.txt").write_text(FLAGGED)
    store = tmp_path / "s.sqlite"
    scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    (archive / "gone.txt").unlink()
    capsys.readouterr()
    scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    out = capsys.readouterr().out
    assert "documents in the store: 1 (1 checked); 1 stale" in out
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text(FLAGGED)
    scan(other, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")  # a scan of another folder
    out = capsys.readouterr().out
    assert "documents in the store: 2 (2 checked); 1 stale" in out  # keep.txt and x.txt; gone.txt is still gone


def test_a_document_that_kills_its_worker_is_recorded_and_the_scan_goes_on(tmp_path, capsys):
    records = [{"id": f"d{i}", "text": f"Document {i}. {FLAGGED}"} for i in range(40)]
    records[17]["text"] = "SELF-DESTRUCT now."
    export = write_jsonl(tmp_path / "export.jsonl", records)
    store = tmp_path / "s.sqlite"
    status = scan(export, "--store", store, "--policy", FAULTS_POLICY, "--plugins-dir", PLUGINS, "--workers", 2, "--quiet")
    out = capsys.readouterr().out
    assert status == 2
    docs = by_key(store)
    assert len(docs) == 40
    crashed = docs[f"{export}:18"]
    assert crashed["status"] == "crashed" and "worker-crashed" in crashed["diagnostics"] and crashed["decision"] == "block"
    checked = [d for k, d in docs.items() if k != f"{export}:18"]
    assert all(d["status"] == "checked" and d["n_error"] == 1 for d in checked)
    assert any("worker-restarted" in d["diagnostics"] for d in checked)  # its batch-mates, checked again
    (run,) = rows(store, "SELECT * FROM runs")
    assert run["crashed"] == 1 and run["worker_restarts"] >= 2 and run["checked"] == 39
    assert "1 crashed" in out and "worker-crashed 1" in out


def test_a_second_scan_cannot_write_to_the_same_store(tmp_path):
    first = Store(tmp_path / "s.sqlite")
    try:
        with pytest.raises(StoreError, match="another scan is writing"):
            Store(tmp_path / "s.sqlite")
    finally:
        first.close()
    Store(tmp_path / "s.sqlite").close()


def test_not_a_store_is_refused(tmp_path, capsys):
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    (tmp_path / "a.txt").write_text("text")
    assert scan(tmp_path / "a.txt", "--store", bogus, "--policy", POLICY, "--workers", 0, "--quiet") == 2
    assert "not a medguard store" in capsys.readouterr().err


def test_a_store_that_lacks_a_column_is_refused_by_name_not_with_a_traceback(tmp_path, capsys):
    """A store whose documents table lost a column (hand-edited, damaged): scan, report and
    --baseline each say which store and what it lacks, and exit 2."""
    archive = write_pages(tmp_path / "a", 2)
    store, damaged = tmp_path / "s.sqlite", tmp_path / "damaged.sqlite"
    assert scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet") == 0
    shutil.copy(store, damaged)
    with sqlite3.connect(damaged) as db:
        db.execute("DROP INDEX documents_seen")
        db.execute("ALTER TABLE documents DROP COLUMN last_seen_run")
    capsys.readouterr()
    message = f"medguard: {damaged}: not a store this medguard can use: no column documents.last_seen_run"
    assert report(damaged) == 2
    assert capsys.readouterr().err.startswith(message)
    assert scan(archive, "--store", damaged, "--policy", POLICY, "--workers", 0, "--quiet") == 2
    assert capsys.readouterr().err.startswith(message)
    assert report(store, "--baseline", damaged) == 2
    assert capsys.readouterr().err.startswith(message)


def test_a_store_of_the_first_schema_is_read_as_it_is_and_upgraded_by_the_next_scan(tmp_path, capsys):
    """A store written before documents had a word count: ``report`` reads it without one (the
    worst-first order then weighs every document alike); the next scan adds the column, counts
    the words of the texts it kept, and leaves the results as they were."""
    archive = write_pages(tmp_path / "a", 2)
    store = tmp_path / "s.sqlite"
    assert scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet") == 0
    words = {key: row["words"] for key, row in by_key(store).items()}
    with sqlite3.connect(store) as db:
        db.execute("ALTER TABLE documents DROP COLUMN words")
        db.execute("PRAGMA user_version = 1")
    capsys.readouterr()
    assert report(store, "--format", "summary") == 0
    assert "worst documents" in capsys.readouterr().out
    assert scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet") == 0
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    upgraded = by_key(store)
    assert all(row["writes"] == 1 for row in upgraded.values())  # nothing was checked again
    assert any(row["text"] is not None and row["words"] > 0 for row in upgraded.values())
    assert {key: row["words"] for key, row in upgraded.items() if row["text"] is not None} == \
        {key: count for key, count in words.items() if upgraded[key]["text"] is not None}


def test_usage_errors(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("text")
    store = tmp_path / "s.sqlite"
    assert scan(tmp_path, "--store", store, "--policy", POLICY, "--fields", "bogus=x", "--quiet") == 2
    assert "--fields: unknown field 'bogus'" in capsys.readouterr().err
    assert scan(tmp_path, "--store", store, "--policy", POLICY, "--baseline", tmp_path / "none.sqlite") == 2
    assert "no such baseline store" in capsys.readouterr().err
    assert scan(tmp_path, "--store", store, "--policy", POLICY, "--address", "auto") == 2
    assert "--address needs --engine ray" in capsys.readouterr().err
    assert not store.exists()


def _scan_process(export: Path, store: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "medguard.cli", "scan", str(export), "--store", str(store), "--policy", str(POLICY),
         "--workers", "2", "--quiet", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )


def _wait_for_rows(store: Path, at_least: int, process: subprocess.Popen, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        if store.exists():
            try:
                count = rows(store, "SELECT COUNT(*) AS n FROM documents")[0]["n"]
            except Exception:
                count = 0
            if count >= at_least:
                return count
        time.sleep(0.05)
    raise AssertionError("the scan wrote nothing in time")


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _wait_for_workers(process: subprocess.Popen, timeout: float = 10) -> list[int]:
    """The scan's worker processes (forked by its forkserver), polled until they are seen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        servers = []
        for pid in _children(process.pid):
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                    if b"forkserver" in cmdline.read():
                        servers.append(pid)
            except OSError:
                continue
        workers = [pid for server in servers for pid in _children(server)]
        if workers:
            return workers
        time.sleep(0.05)
    return []


def _descendants(pid: int) -> list[int]:
    out = []
    for child in _children(pid):
        out.append(child)
        out.extend(_descendants(child))
    return out


@pytest.mark.slow
def test_killed_scan_resumes_without_losing_or_rewriting_anything(tmp_path):
    """kill -9 the scan mid-way, and a worker of the resumed scan too: the store ends up exactly
    as an uninterrupted scan's, every row written once."""
    records = [{"id": f"d{i}", "title": f"T{i}", "text": f"Story {i}. " + (FLAGGED if i % 3 == 0 else "Plain words here. " * 20)}
               for i in range(2500)]
    export = write_jsonl(tmp_path / "export.jsonl", records)
    reference = tmp_path / "reference.sqlite"
    assert scan(export, "--store", reference, "--policy", POLICY, "--workers", 0, "--quiet") == 0

    store = tmp_path / "resumed.sqlite"
    started: list[subprocess.Popen] = []
    try:
        process = _scan_process(export, store)
        started.append(process)
        written = _wait_for_rows(store, 300, process)
        workers = _descendants(process.pid)
        os.killpg(process.pid, signal.SIGKILL)  # the scan and its workers, at once
        process.communicate()
        assert written < 2500
        deadline = time.monotonic() + 10
        while any(os.path.exists(f"/proc/{pid}") and open(f"/proc/{pid}/stat").read().split()[2] != "Z" for pid in workers):
            assert time.monotonic() < deadline, "worker processes outlived the killed scan"
            time.sleep(0.1)

        process = _scan_process(export, store)
        started.append(process)
        _wait_for_rows(store, written + 200, process)
        workers = _wait_for_workers(process)
        assert workers, "no worker processes found"
        os.kill(workers[0], signal.SIGKILL)  # kill one worker process of the resumed scan
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    finally:
        for process in started:  # never leave a scan behind, whatever failed
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()

    runs = rows(store, "SELECT status, checked, skipped, worker_restarts FROM runs ORDER BY id")
    assert [r["status"] for r in runs] == ["interrupted", "finished"]
    assert runs[1]["worker_restarts"] == 1
    assert runs[0]["checked"] + runs[1]["checked"] == 2500  # nothing checked twice once committed
    assert runs[1]["skipped"] == runs[0]["checked"]
    assert rows(store, "SELECT MAX(writes) AS w FROM documents")[0]["w"] == 1  # no row written twice
    assert comparable(store) == comparable(reference)
    assert rows(store, "SELECT COUNT(*) AS n FROM findings")[0]["n"] == rows(reference, "SELECT COUNT(*) AS n FROM findings")[0]["n"]


def test_store_copy_is_self_contained_after_a_scan(tmp_path):
    (tmp_path / "a.txt").write_text(FLAGGED)
    store = tmp_path / "s.sqlite"
    scan(tmp_path / "a.txt", "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(store, copy)  # the WAL was checkpointed into the file when the scan ended
    assert len(rows(copy)) == 1


def test_progress_estimate_and_bar(archive, tmp_path, capsys):
    from medguard.scan.progress import Progress, estimate_total

    extensions = {".html", ".md", ".txt", ".jsonl", ".csv", ".xml"}
    # 5 pages + 5 JSONL lines + 2 CSV rows (one spans two lines) + 3 WXR items + 1 bomb file
    assert estimate_total([str(archive)], extensions) == 5 + 5 + 2 + 3 + 1
    progress = Progress(quiet=False)
    progress.set_total(10)
    progress.advance(4, findings=3, problems=1)
    progress.advance(2, skipped=2)
    progress.close(finished=True)
    err = capsys.readouterr().err
    assert "6/6" in err and "findings=3 problems=1 unchanged=2" in err and "doc/s" in err


def test_the_progress_total_of_a_csv_export_with_multi_line_bodies_is_its_rows(tmp_path, capsys):
    """A CMS export's bodies hold paragraphs, so its rows span many lines: the total, and so the
    ETA, counts rows (it counted lines: 22,745 for 4,642 documents)."""
    from medguard import PluginHost
    from medguard.scan.progress import estimate_total

    export = tmp_path / "export"
    export.mkdir()
    paragraphs = [f'<p>Paragraph {i} of the story, with "quotes", commas, and a line break\r\ninside.</p>' for i in range(12)]
    body = "\n\n".join(paragraphs).replace('"', '""')
    (export / "articles.csv").write_text("id,title,body\n" + "".join(f'{i},"Story {i}","{body}"\n' for i in range(40))
                                         + "40,Empty,\n\n", newline="")
    (export / "articles.tsv").write_text("id\ttitle\tbody\n" + "".join(f'{i}\tStory {i}\t"{body}"\n' for i in range(5)), newline="")
    store = tmp_path / "s.sqlite"
    scan(export, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    (run,) = rows(store, "SELECT seen FROM runs")
    assert run["seen"] == 46
    assert estimate_total([str(export)], set(PluginHost().readers)) == 46


def test_report_errors(tmp_path, capsys):
    from .conftest import report

    assert report(tmp_path / "missing.sqlite") == 2
    assert "no such store" in capsys.readouterr().err
    (tmp_path / "a.txt").write_text(FLAGGED)
    store = tmp_path / "s.sqlite"
    scan(tmp_path / "a.txt", "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    bad = tmp_path / "w.yaml"
    bad.write_text("waivers:\n  - fingerprint: abcdef\n")
    assert report(store, "--waivers", bad) == 2
    assert "waivers[0].reason: required field is missing" in capsys.readouterr().err


def test_a_page_without_a_cms_title_is_stored_under_the_title_it_gives(tmp_path, capsys):
    archive = tmp_path / "site"
    archive.mkdir()
    (archive / "a.html").write_text(f"<html><head><title>Calm Clinic</title></head><body><p>{FLAGGED}</p></body></html>")
    (archive / "b.md").write_text(f"---\ntitle: Sleep Well\n---\n\n{FLAGGED}\n")
    store = tmp_path / "s.sqlite"
    scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    assert {Path(k).name: row["title"] for k, row in by_key(store).items()} == {"a.html": "Calm Clinic", "b.md": "Sleep Well"}


def test_store_and_baseline_names_with_uri_characters(tmp_path, capsys):
    """'#', '?' and '%20' are plain characters of a file name, not URI syntax."""
    (tmp_path / "a.txt").write_text(FLAGGED)
    store, baseline = tmp_path / "scan #1?.sqlite", tmp_path / "base%20 #2.sqlite"
    assert scan(tmp_path / "a.txt", "--store", store, "--policy", POLICY, "--workers", 0, "--quiet") == 0
    shutil.copyfile(store, baseline)
    capsys.readouterr()
    assert report(store, "--baseline", baseline) == 0
    assert f"2 already in baseline {baseline}" in capsys.readouterr().out


def _read_only(folder: Path, *command: str) -> subprocess.CompletedProcess:
    """``medguard COMMAND`` with ``folder`` read-only: chmod for a user, a read-only bind mount
    in a mount namespace of its own for root (whom permissions do not stop)."""
    medguard = [sys.executable, "-m", "medguard.cli", *command]
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return subprocess.run(medguard, capture_output=True, text=True)
        finally:
            folder.chmod(0o755)
    mount = ["unshare", "-m", "sh", "-c", 'mount --bind -o ro "$0" "$0" && exec "$@"', str(folder)]
    if shutil.which("unshare") is None or subprocess.run([*mount, "true"], capture_output=True).returncode:
        pytest.skip("root without unshare/mount: no way to make a folder read-only here")
    return subprocess.run([*mount, *medguard], capture_output=True, text=True)


def test_a_store_in_a_read_only_folder_is_reported_and_not_written(tmp_path):
    (tmp_path / "a.txt").write_text(FLAGGED)
    assert scan(tmp_path / "a.txt", "--store", tmp_path / "base.sqlite", "--policy", POLICY, "--workers", 0, "--quiet") == 0
    shelf = tmp_path / "shelf"  # a share the store file was copied to, without SQLite's -shm file
    shelf.mkdir()
    store = shelf / "scan.sqlite"
    shutil.copyfile(tmp_path / "base.sqlite", store)
    done = _read_only(shelf, "report", str(store), "--baseline", str(tmp_path / "base.sqlite"))
    assert (done.returncode, done.stderr) == (0, "")
    assert "findings: 0 active" in done.stdout and "2 already in baseline" in done.stdout
    done = _read_only(shelf, "scan", str(tmp_path / "a.txt"), "--store", str(store), "--policy", str(POLICY), "--quiet")
    assert done.returncode == 2 and done.stderr.startswith(f"medguard: {store}: cannot write the store here: ")
    assert "Traceback" not in done.stderr


def test_a_folder_is_not_a_store(tmp_path, capsys):
    assert report(tmp_path) == 2
    assert capsys.readouterr().err == f"medguard: {tmp_path}: is a folder; name the store file that medguard scan --store wrote\n"


def test_the_exit_status_follows_the_documents_of_this_scan(tmp_path, capsys):
    pages = write_pages(tmp_path / "pages", 2)
    other = tmp_path / "other"
    other.mkdir()
    (other / "big.txt").write_text(f"{FLAGGED} " + "Nothing to see. " * 200)
    store = tmp_path / "s.sqlite"
    args = ("--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    (other / "bad.txt").write_bytes(b"\x00\x01 binary")
    assert scan(other / "big.txt", *args, "--max-bytes", 1000) == 2  # checked, but not fully: over the limit
    assert scan(other / "bad.txt", *args) == 2
    assert scan(pages, *args) == 0  # big.txt and bad.txt are not in this scan
    (pages / "broken.txt").write_bytes(b"\x00\x01 binary")
    assert scan(pages, *args) == 2
    assert scan(pages, *args) == 2  # unchanged, and still unreadable
    (pages / "broken.txt").unlink()
    assert scan(pages, *args) == 0  # gone: stale, not this scan's


def _archive_and_a_symlink_to_it(tmp_path):
    """Three pages and a JSONL record, a symlink to their folder, a store and the scan's options."""
    archive = write_pages(tmp_path / "archive", 3)
    write_jsonl(archive / "e.jsonl", [{"id": "x", "text": FLAGGED}])
    link = tmp_path / "arch-link"
    link.symlink_to(archive)
    store = tmp_path / "s.sqlite"
    return archive, link, store, ("--store", store, "--policy", POLICY, "--workers", 0, "--quiet")


def test_an_archive_reached_through_a_symlink_is_the_same_documents(tmp_path, capsys):
    archive, link, store, args = _archive_and_a_symlink_to_it(tmp_path)
    assert scan(archive, *args) == 0
    assert scan(link, *args) == 0
    assert scan(link / "p1.txt", *args) == 0
    assert {r["key"] for r in rows(store)} == {*(str(archive / f"p{i}.txt") for i in range(3)), f"{archive}/e.jsonl:1"}
    assert rows(store, "SELECT checked, skipped FROM runs ORDER BY id") == [
        {"checked": 4, "skipped": 0}, {"checked": 0, "skipped": 4}, {"checked": 0, "skipped": 1}]


def test_rows_an_earlier_scan_stored_under_a_symlinked_path_are_found(tmp_path, capsys):
    """Scans used to name documents by the path that reached them: a store with rows under a
    symlinked path (and some under the real path too) is not checked again, and keeps one row a
    document, under its real path."""
    archive, link, store, args = _archive_and_a_symlink_to_it(tmp_path)
    assert scan(archive, *args) == 0
    with sqlite3.connect(store) as db:  # every row also under arch-link; only p2.txt's left under the real path
        for table, columns in (("documents", ("key", "source")), ("findings", ("doc_key",))):
            db.execute(f"CREATE TEMP TABLE old_{table} AS SELECT * FROM {table}")
            for column in columns:
                db.execute(f"UPDATE old_{table} SET {column} = replace({column}, ?, ?)", (str(archive), str(link)))
            db.execute(f"INSERT INTO {table} SELECT * FROM old_{table}")
            db.execute(f"DELETE FROM {table} WHERE {columns[0]} LIKE ? AND {columns[0]} NOT LIKE '%p2.txt'", (f"{archive}/%",))
    assert scan(link, *args) == 0
    assert rows(store, "SELECT checked, skipped FROM runs ORDER BY id")[-1] == {"checked": 0, "skipped": 4}
    docs = by_key(store)
    assert set(docs) == {*(str(archive / f"p{i}.txt") for i in range(3)), f"{archive}/e.jsonl:1"}
    assert all(row["source"] == key for key, row in docs.items())
    findings = rows(store, "SELECT doc_key, COUNT(*) AS n FROM findings GROUP BY doc_key ORDER BY doc_key")
    assert [(Path(r["doc_key"]).name, r["n"]) for r in findings] == [("e.jsonl:1", 2), ("p1.txt", 2)]


def test_a_symlinked_file_in_the_archive_is_named_by_its_real_path_and_checked_once(tmp_path, capsys):
    """A static-site archive with `latest.txt -> 2024/p1.txt`, and two posts linked to one file of
    a shared folder outside it: each file is checked once, under its real path (the key a resumed
    scan and a scan through another path find again), by either engine's plan."""
    from medguard import PluginHost
    from medguard.scan.config import Built
    from medguard.scan.ray_engine import plan_units

    archive = tmp_path / "archive"
    archive.mkdir()
    year = write_pages(archive / "2024", 3)
    (archive / "latest.txt").symlink_to(Path("2024") / "p1.txt")
    (archive / ".drafts").mkdir()
    (archive / ".drafts" / "d.txt").write_text(FLAGGED)
    (archive / "draft.txt").symlink_to(archive / ".drafts" / "d.txt")  # the walk skips hidden folders: read through its link
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "notice.txt").write_text(FLAGGED)
    (archive / "a-notice.txt").symlink_to(shared / "notice.txt")
    (archive / "b-notice.txt").symlink_to(shared / "notice.txt")
    (archive / "notes.txt").symlink_to(shared / "notes.bin")  # a link to a file no reader knows, as that file: ignored
    (shared / "notes.bin").write_bytes(b"\x00\x01")
    store = tmp_path / "s.sqlite"
    args = ("--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    assert scan(archive, *args) == 0
    expected = {*(str(year / f"p{i}.txt") for i in range(3)), str(archive / ".drafts" / "d.txt"), str(shared / "notice.txt")}
    assert set(by_key(store)) == expected
    assert rows(store, "SELECT seen, checked FROM runs") == [{"seen": 5, "checked": 5}]
    assert scan(archive / "latest.txt", *args) == 0  # a link given on the command line: its real path too
    assert rows(store, "SELECT checked, skipped FROM runs ORDER BY id")[-1] == {"checked": 0, "skipped": 1}
    [files] = plan_units([str(archive)], Built(PluginHost(), None, None))
    assert files["kind"] == "files" and sorted(files["paths"]) == sorted(expected)


def test_a_record_with_an_empty_body_gets_the_notice_an_empty_file_gets(tmp_path, capsys):
    """An article exported without its text is usually a data problem: say so, as for an empty page."""
    export = tmp_path / "export"
    export.mkdir()
    (export / "articles.csv").write_text(f'id,title,body\n101,Flu season,"{CLEAN}\nSecond paragraph."\n102,Draft: statins,\n')
    write_jsonl(export / "stories.jsonl", [{"id": "s1", "title": "Knee pain", "text": "  "}, {"id": "s2", "text": CLEAN}])
    (export / "site.xml").write_text(WXR_HEAD + wxr_item(7, "Placeholder page", "", "page") + "</channel></rss>\n")
    (export / "empty.html").write_text("")
    store = tmp_path / "s.sqlite"
    assert scan(export, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet") == 0
    assert "diagnostics: empty-document 4" in capsys.readouterr().out
    notices = {Path(key).name: [(d["level"], d["code"], d["message"]) for d in json.loads(row["diagnostics"])]
               for key, row in by_key(store).items() if row["diagnostics"] != "[]"}
    only_title = [("info", "empty-document", "the body is empty: only the title was checked")]
    assert notices == {"articles.csv:4": only_title, "stories.jsonl:1": only_title, "site.xml#0": only_title,
                       "empty.html": [("info", "empty-document", "no text to check")]}


def test_a_broken_symlink_and_a_symlink_loop_are_reported_with_where_and_why(tmp_path, capsys):
    """A deploy that left `current.html` pointing at a removed release is news for a web team."""
    archive = write_pages(tmp_path / "site", 2)
    (archive / "current.html").symlink_to(tmp_path / "releases" / "41" / "index.html")
    (archive / "loop.html").symlink_to(archive / "loop.html")
    (archive / "notes").symlink_to(tmp_path / "gone")  # no extension a reader knows: not a document
    store = tmp_path / "s.sqlite"
    assert scan(archive, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet") == 2
    out = capsys.readouterr().out
    docs = by_key(store)
    assert set(docs) == {str(archive / "p0.txt"), str(archive / "p1.txt"), str(archive / "current.html"), str(archive / "loop.html")}
    assert docs[str(archive / "current.html")]["status"] == "unreadable"
    assert (f"  unreadable  {archive / 'current.html'}: symlink target does not exist "
            f"({tmp_path / 'releases' / '41' / 'index.html'})") in out.splitlines()
    assert f"  unreadable  {archive / 'loop.html'}: cannot read: too many levels of symbolic links" in out.splitlines()


def test_a_report_piped_into_head_stops_quietly(tmp_path):
    export = write_jsonl(tmp_path / "export.jsonl", [{"id": f"d{i}", "text": f"Story {i}. {FLAGGED}"} for i in range(600)])
    store = tmp_path / "s.sqlite"
    scan(export, "--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    process = subprocess.Popen([sys.executable, "-m", "medguard.cli", "report", str(store), "--format", "csv"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.readline().startswith(b"kind,source,id,")  # a CSV far larger than the pipe's buffer
    process.stdout.close()  # what `| head -1` does
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""


def test_a_worker_whose_scan_was_killed_stops_without_a_traceback(tmp_path):
    """kill -9 of the scan leaves its workers writing into closed pipes: they just stop."""
    import multiprocessing

    from medguard.models import Document
    from medguard.scan.config import EngineConfig
    from medguard.scan.items import WorkItem
    from medguard.scan.local import _worker_main

    context = multiprocessing.get_context("spawn")
    scan_end, worker_end = context.Pipe(duplex=True)
    worker = context.Process(target=_worker_main, args=(worker_end, EngineConfig(policy=str(POLICY))))
    worker.start()
    worker_end.close()
    assert scan_end.recv()[0] == "ready"
    body = f"{FLAGGED} " + "Plain words here. " * 20_000  # long enough that the scan is gone before the answer
    scan_end.send([WorkItem("page.txt", Document(id="page", body=body, format="text"), content_hash="h")])
    scan_end.close()  # the scanning process dies
    worker.join(timeout=60)
    assert worker.exitcode == 0  # 1 with a BrokenPipeError traceback on stderr before


def test_overlapping_paths_are_scanned_once(tmp_path, capsys):
    archive = write_pages(tmp_path / "a", 3)
    (archive / "2019").mkdir()
    (archive / "2019" / "old.txt").write_text(FLAGGED)
    store = tmp_path / "s.sqlite"
    args = ("--store", store, "--policy", POLICY, "--workers", 0, "--quiet")
    assert scan(archive, archive, archive / "2019", *args) == 0
    assert scan(archive / "2019", archive, *args) == 0
    assert rows(store, "SELECT seen, checked, skipped FROM runs ORDER BY id") == [
        {"seen": 4, "checked": 4, "skipped": 0}, {"seen": 4, "checked": 0, "skipped": 4}]

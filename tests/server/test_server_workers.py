"""``--workers N``: checker processes behind one HTTP process — balancing per document, reload of
every checker, a killed or stuck checker replaced, start-up failures."""

from __future__ import annotations

import os
import re
import signal
import threading
import time

import pytest

pytest.importorskip("fastapi")
import httpx  # noqa: E402

from medguard.server import ServerSettings  # noqa: E402
from medguard.server.checkers import CheckersFailed, ProcessCheckers  # noqa: E402

from .conftest import PLUGINS_DIR, policy_yaml  # noqa: E402

pytestmark = pytest.mark.slow

WHOAMI = """\
- id: test.whoami
  type: test-whoami
  message: never shown
  options: {{trigger: WHOAMI, seconds: {seconds}}}
"""


def _pids(document: dict) -> set[int]:
    """The checker pids a document's test.whoami findings name."""
    return {int(re.search(r"pid (\d+)", f["message"]).group(1)) for f in document["findings"] if f["rule"] == "test.whoami"}


def _check(url: str, payload) -> dict:
    response = httpx.post(f"{url}/v1/check", json=payload, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_documents_of_one_request_are_checked_in_parallel_by_different_processes(start_server):
    running = start_server(policy_yaml(extra_rules=WHOAMI.format(seconds=0.5)), workers=2, timeout_s=10)
    checkers = set(running.state.active.checkers.pids)
    assert len(checkers) == 2 and os.getpid() not in checkers

    started = time.monotonic()
    report = _check(running.url, [{"body": "WHOAMI, a miracle cure", "format": "text"}] * 2)
    elapsed = time.monotonic() - started
    first, second = (_pids(document) for document in report["documents"])
    assert first | second == checkers  # one connection, one request: both processes worked on it
    assert elapsed < 0.95  # side by side, not one after the other (2 x 0.5 s)
    assert all("claims.miracle" in {f["rule"] for f in d["findings"]} for d in report["documents"])

    metrics = httpx.get(f"{running.url}/metrics").text  # counted in one place, whichever process checked
    assert 'medguard_documents_checked_total{decision="block"} 2.0' in metrics


def _cache_folders(document: dict) -> set[str]:
    return {re.search(r"embeddings in (\S+)", f["message"]).group(1) for f in document["findings"] if f["rule"] == "test.whoami"}


def test_the_checkers_share_one_embedding_cache_for_the_life_of_the_service(start_server, monkeypatch):
    monkeypatch.delenv("MEDGUARD_ML_CACHE_DIR", raising=False)
    running = start_server(policy_yaml(extra_rules=WHOAMI.format(seconds=0.3)), workers=2, timeout_s=10)
    report = _check(running.url, [{"body": "WHOAMI", "format": "text"}] * 2)
    [folder] = set.union(*(_cache_folders(document) for document in report["documents"]))
    assert set.union(*(_pids(document) for document in report["documents"])) == set(running.state.active.checkers.pids)
    assert os.path.isdir(folder) and "medguard-embeddings-" in folder
    running.stop()
    assert not os.path.exists(folder)  # removed with the service


def test_a_cache_folder_the_policy_names_is_left_to_it(start_server, monkeypatch, tmp_path):
    monkeypatch.delenv("MEDGUARD_ML_CACHE_DIR", raising=False)
    policy = policy_yaml(extra_rules=WHOAMI.format(seconds=0.1)).replace(
        "rules:\n", f"settings: {{ml: {{cache_dir: '{tmp_path}'}}}}\nrules:\n", 1)
    running = start_server(policy, workers=2, timeout_s=10)
    document = _check(running.url, {"body": "WHOAMI", "format": "text"})["documents"][0]
    assert _cache_folders(document) == {"None"}  # no variable: the checker's encoder reads the policy's folder


def test_a_reload_replaces_every_checker_process(start_server):
    running = start_server(policy_yaml(extra_rules=WHOAMI.format(seconds=0.3)), workers=2, timeout_s=10)
    before = set(running.state.active.checkers.pids)
    new_rule = WHOAMI.format(seconds=0.3) + '- id: claims.guaranteed\n  type: pattern\n  severity: error\n' \
        '  message: "Promises results."\n  options: {phrases: [guaranteed results]}\n'
    running.policy_path.write_text(policy_yaml(version="2.0.0", extra_rules=new_rule), encoding="utf-8")

    reloaded = httpx.post(f"{running.url}/v1/reload", timeout=60).json()
    assert reloaded["policy"]["version"] == "2.0.0"
    report = _check(running.url, [{"body": "WHOAMI: guaranteed results", "format": "text"}] * 4)
    assert report["policy"]["version"] == "2.0.0"
    for document in report["documents"]:  # whichever process checked it runs the new policy
        assert "claims.guaranteed" in {f["rule"] for f in document["findings"]}
        assert _pids(document) and not _pids(document) & before
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in before):  # the old checkers finish their work and exit
        assert time.monotonic() < deadline, "the replaced checker processes did not exit"
        time.sleep(0.1)


def test_a_killed_checker_costs_its_document_and_is_replaced(start_server):
    running = start_server(policy_yaml(extra_rules=WHOAMI.format(seconds=1.0)), workers=2, timeout_s=10)
    old = list(running.state.active.checkers.pids)
    result = {}
    request = threading.Thread(target=lambda: result.update(report=_check(running.url, {"body": "WHOAMI", "format": "text"})))
    request.start()
    time.sleep(0.4)  # the document is being checked
    for pid in old:
        os.kill(pid, signal.SIGKILL)
    request.join()

    [document] = result["report"]["documents"]
    assert document["decision"] == "block"  # fail-closed
    [diagnostic] = document["diagnostics"]
    assert diagnostic["code"] == "checker-stopped" and "fail-closed" in diagnostic["message"]

    after = _check(running.url, {"body": "WHOAMI, a miracle cure", "format": "text"})["documents"][0]
    assert after["diagnostics"] == [] and _pids(after) and not _pids(after) & set(old)
    assert 'medguard_check_errors_total{code="checker-stopped"} 1.0' in httpx.get(f"{running.url}/metrics").text


def test_the_time_limit_holds_with_checker_processes(start_server):
    running = start_server(policy_yaml(extra_rules=WHOAMI.format(seconds=1.5)), workers=2, timeout_s=0.6)
    started = time.monotonic()
    [document] = _check(running.url, {"body": "WHOAMI", "format": "text"})["documents"]
    assert time.monotonic() - started < 1.4
    assert [d["code"] for d in document["diagnostics"]] == ["timeout"] and document["decision"] == "block"
    assert _check(running.url, {"body": "a miracle cure", "format": "text"})["documents"][0]["decision"] == "block"


def test_a_checker_stuck_on_a_document_is_replaced_and_killed(start_server):
    """A plugin that never returns: the request gets its time limit, and at twice the limit the
    service starts new checkers; the stuck one (and its idle sibling) are killed, not left to hold
    a core forever."""
    running = start_server(policy_yaml(extra_rules=WHOAMI.format(seconds=600)), workers=2, timeout_s=0.5)
    old = list(running.state.active.checkers.pids)
    [document] = _check(running.url, {"body": "WHOAMI", "format": "text"})["documents"]
    assert [d["code"] for d in document["diagnostics"]] == ["timeout"] and document["decision"] == "block"

    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in old):
        assert time.monotonic() < deadline, "the stuck checker process was never stopped"
        time.sleep(0.1)
    new = running.state.active.checkers.pids
    assert len(new) == 2 and not set(new) & set(old)
    [after] = _check(running.url, {"body": "a miracle cure", "format": "text"})["documents"]
    assert after["diagnostics"] == [] and after["decision"] == "block"
    assert 'medguard_checker_replacements_total{reason="stuck"} 1.0' in httpx.get(f"{running.url}/metrics").text


def test_checkers_that_load_another_policy_refuse_to_start(tmp_path):
    """The digest check: a checker whose policy files differ from the serving process's stops the
    start (or the reload) with a message, rather than deciding with another policy."""
    policy = tmp_path / "policy.yaml"
    policy.write_text(policy_yaml(), encoding="utf-8")
    settings = ServerSettings(policy=str(policy), plugin_dirs=[str(PLUGINS_DIR)], workers=2)
    checkers = ProcessCheckers(settings, expected_digest="0123456789abcdef")
    with pytest.raises(CheckersFailed, match="policy files changed while the checkers loaded them"):
        checkers.start(timeout_s=60)


def _alive(pid: int) -> bool:
    """Running (not exited, not a zombie): Linux /proc."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False

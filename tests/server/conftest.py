"""Fixtures for the HTTP service tests: a real uvicorn server on a free loopback port.

FastAPI and uvicorn are imported inside the fixtures only; each test module skips itself with
``pytest.importorskip`` when the ``server`` extra is not installed.
"""

from __future__ import annotations

import gc
import socket
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

HERE = Path(__file__).parent
PLUGINS_DIR = HERE / "plugins"
TOKEN_A = "test-token-aaaaaaaaaaaaaaaa"
TOKEN_B = "test-token-bbbbbbbbbbbbbbbb"
AUTH = {"Authorization": f"Bearer {TOKEN_A}"}
MAX_BODY = 64 * 1024
MAX_DOCUMENTS = 5
TIMEOUT_S = 0.6
SLEEP_S = 1.5


def policy_yaml(version: str = "1.0.0", on_error: str = "fail-closed", extra_rules: str = "") -> str:
    """A small policy of our own (the default pack changes under us): two built-in rule types and
    the test plugin's sleeping and raising rule types, which fire only on their trigger words."""
    return textwrap.dedent(f"""\
        name: test-pack
        version: "{version}"
        description: Policy for the service tests.
        on_error: {on_error}
        decision: {{block: error, warn: warning}}
        rules:
          - id: claims.miracle
            type: pattern
            severity: error
            message: "Promises a cure."
            references: ["FTC Health Products Compliance Guidance (2022) §3"]
            options: {{phrases: [miracle cure]}}
          - id: evidence.studies
            type: requires
            severity: warning
            message: "'Studies show' needs a source."
            options:
              if: {{phrases: [studies show]}}
              then: {{patterns: ['https?://']}}
          - id: test.sleep
            type: test-sleep
            message: never reported
            options: {{trigger: SLEEPNOW, seconds: {SLEEP_S}}}
          - id: test.explode
            type: test-explode
            message: never reported
            options: {{trigger: EXPLODE}}
        """) + textwrap.indent(textwrap.dedent(extra_rules), "  ")


@dataclass
class RunningServer:
    url: str
    state: Any
    server: Any
    thread: threading.Thread
    policy_path: Path
    token_file: Path | None

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def _start(settings, tokens: list[str] | None = None) -> RunningServer:
    import uvicorn

    from medguard.server.app import create_app
    from medguard.server.reload import ServiceState

    state = ServiceState(settings, tokens=tokens)
    app = create_app(state=state)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name=f"uvicorn-{port}")
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.01)
    return RunningServer(f"http://127.0.0.1:{port}", state, server, thread, Path(settings.policy),
                         Path(settings.token_file) if settings.token_file else None)


@pytest.fixture(autouse=True)
def _unfreeze_heap():
    """A service freezes the heap it loaded and raises the young generation's threshold
    (``processes.freeze_heap``): here that is the test session's."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


@pytest.fixture(scope="module")
def module_tmp(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("server")


@pytest.fixture(scope="module")
def server(module_tmp) -> RunningServer:
    """The shared server: fail-closed test policy, two API tokens, small limits."""
    from medguard.server import ServerSettings

    policy = module_tmp / "policy.yaml"
    policy.write_text(policy_yaml(), encoding="utf-8")
    token_file = module_tmp / "tokens"
    token_file.write_text(f"# rotated monthly\n{TOKEN_A}\n{TOKEN_B}\n", encoding="utf-8")
    token_file.chmod(0o600)
    settings = ServerSettings(policy=str(policy), plugin_dirs=[str(PLUGINS_DIR)], max_body_bytes=MAX_BODY,
                              max_documents=MAX_DOCUMENTS, timeout_s=TIMEOUT_S, threads=4, token_file=str(token_file),
                              tokens_env="MEDGUARD_TEST_UNSET_TOKENS")
    running = _start(settings)
    yield running
    running.stop()


@pytest.fixture
def start_server(tmp_path) -> Callable[..., RunningServer]:
    """Start a server of the test's own (stopped at the end of the test)."""
    from medguard.server import ServerSettings

    started: list[RunningServer] = []

    def start(policy_text: str | None = None, token_lines: list[str] | None = None, **overrides) -> RunningServer:
        policy = tmp_path / f"policy-{len(started)}.yaml"
        policy.write_text(policy_text or policy_yaml(), encoding="utf-8")
        token_file = None
        if token_lines is not None:
            token_file = tmp_path / f"tokens-{len(started)}"
            token_file.write_text("\n".join(token_lines) + "\n", encoding="utf-8")
            token_file.chmod(0o600)
        options = dict(policy=str(policy), plugin_dirs=[str(PLUGINS_DIR)], max_body_bytes=MAX_BODY,
                       max_documents=MAX_DOCUMENTS, timeout_s=TIMEOUT_S, token_file=str(token_file) if token_file else None,
                       tokens_env="MEDGUARD_TEST_UNSET_TOKENS")
        options.update(overrides)
        running = _start(ServerSettings(**options), tokens=None if token_file else [])
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()


@pytest.fixture
def client(server):
    import httpx

    with httpx.Client(base_url=server.url, headers=AUTH, timeout=10) as c:
        yield c

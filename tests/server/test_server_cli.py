"""``medguard serve``, settings and tokens: bind safety, token loading, SIGHUP reload of a real process."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install 'medguard[server]')")
pytest.importorskip("uvicorn", reason="the server extra is not installed (pip install 'medguard[server]')")
pytest.importorskip("prometheus_client", reason="the server extra is not installed (pip install 'medguard[server]')")
httpx = pytest.importorskip("httpx", reason="httpx is needed to test the server")

from medguard.cli import main  # noqa: E402
from medguard.server.auth import TokenStore, bearer_token  # noqa: E402
from medguard.server.settings import ServerSettings, SettingsError, check_bind, is_loopback, load_tokens  # noqa: E402

from .conftest import PLUGINS_DIR, policy_yaml  # noqa: E402

LONG = "x" * 32


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.8.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("example.org", False),
])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_check_bind():
    public = ServerSettings(host="0.0.0.0")
    assert "refusing" in check_bind(public, [])
    assert check_bind(public, [LONG]) is None
    assert check_bind(public.model_copy(update={"insecure": True}), []) is None
    assert check_bind(ServerSettings(), []) is None


def test_load_tokens_from_env_and_file(tmp_path):
    token_file = tmp_path / "tokens"
    token_file.write_text(f"# comment\n\n{'b' * 20}  # trailing comment\n{'a' * 20}\n")
    token_file.chmod(0o600)
    settings = ServerSettings(token_file=str(token_file))
    env = {"MEDGUARD_API_TOKENS": f"{'a' * 20}, {'c' * 20}"}
    assert load_tokens(settings, env) == ["a" * 20, "c" * 20, "b" * 20]
    assert load_tokens(ServerSettings(), {}) == []
    with pytest.raises(SettingsError, match="shorter than 16") as error:
        load_tokens(ServerSettings(), {"MEDGUARD_API_TOKENS": "hunter2"})
    assert "hunter2" not in str(error.value)
    with pytest.raises(SettingsError, match="cannot read token file"):
        load_tokens(ServerSettings(token_file=str(tmp_path / "missing")), {})


def test_token_store():
    store = TokenStore([LONG, "y" * 32])
    assert store.enabled and len(store) == 2
    assert store.verify(LONG) and store.verify("y" * 32)
    assert not store.verify("x" * 31) and not store.verify("") and not store.verify(LONG + "x")
    store.replace([])
    assert not store.enabled
    assert bearer_token([(b"authorization", b"Bearer abc")]) == "abc"
    assert bearer_token([(b"Authorization", b"bearer  abc ")]) == "abc"
    assert bearer_token([(b"authorization", b"Token abc")]) is None
    assert bearer_token([]) is None


def test_serve_refuses_a_public_address_without_tokens(capsys, monkeypatch):
    monkeypatch.delenv("MEDGUARD_API_TOKENS", raising=False)
    assert main(["serve", "--host", "0.0.0.0"]) == 2
    assert "refusing to listen on 0.0.0.0" in capsys.readouterr().err


def test_serve_refuses_short_tokens(capsys, monkeypatch):
    monkeypatch.setenv("MEDGUARD_API_TOKENS", "short")
    assert main(["serve"]) == 2
    assert "shorter than 16 characters" in capsys.readouterr().err


def test_serve_rejects_bad_limits(capsys):
    assert main(["serve", "--timeout", "0", "--workers", "0", "--model-time-limit", "-1"]) == 2
    err = capsys.readouterr().err
    assert "--timeout: Input should be greater than 0" in err and "--workers:" in err
    assert "--model-time-limit: Input should be greater than 0" in err


def test_serve_reports_policy_errors_with_positions(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("MEDGUARD_API_TOKENS", raising=False)
    policy = tmp_path / "bad.yaml"
    policy.write_text("name: x\nversion: '1'\nrules:\n  - id: a\n    type: nope\n    message: m\n")
    assert main(["serve", "--policy", str(policy), "--port", "0"]) == 2
    assert "bad.yaml:5:" in capsys.readouterr().err


def test_serve_prints_the_openapi_schema(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("MEDGUARD_API_TOKENS", raising=False)
    policy = tmp_path / "policy.yaml"
    policy.write_text(policy_yaml())
    assert main(["serve", "--openapi", "--policy", str(policy), "--plugins-dir", str(PLUGINS_DIR)]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "/v1/check" in schema["paths"]


@pytest.mark.parametrize("operator_value, expected", [(None, "1"), ("2", "2")])
def test_serve_runs_numpy_blas_single_threaded_unless_told_otherwise(operator_value, expected, capsys, monkeypatch,
                                                                      tmp_path):
    """Set before numpy loads, in the process whose workers inherit it: spinning BLAS threads of
    one worker took CPU from the others (README, Speed)."""
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "placeholder")  # restored after the test
    if operator_value is None:
        monkeypatch.delenv("OPENBLAS_NUM_THREADS")
    else:
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", operator_value)
    monkeypatch.delenv("MEDGUARD_API_TOKENS", raising=False)
    policy = tmp_path / "policy.yaml"
    policy.write_text(policy_yaml())
    assert main(["serve", "--openapi", "--policy", str(policy), "--plugins-dir", str(PLUGINS_DIR)]) == 0
    assert os.environ["OPENBLAS_NUM_THREADS"] == expected


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_serve_process_reloads_on_sighup(tmp_path, workers):
    """The real command in its own process: token file, SIGHUP reload, clean exit on SIGINT (with
    its checker processes, when it has some)."""
    policy = tmp_path / "policy.yaml"
    policy.write_text(policy_yaml(version="1.0.0"))
    token = "sighup-token-0123456789abcdef"
    token_file = tmp_path / "tokens"
    token_file.write_text(token + "\n")
    token_file.chmod(0o600)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "MEDGUARD_API_TOKENS"}
    process = subprocess.Popen(
        [sys.executable, "-m", "medguard.cli", "serve", "--port", str(port), "--policy", str(policy),
         "--token-file", str(token_file), "--plugins-dir", str(PLUGINS_DIR), "--no-access-log", "--workers", str(workers)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )
    url = f"http://127.0.0.1:{port}"
    auth = {"Authorization": f"Bearer {token}"}
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, "server did not start"
            time.sleep(0.1)
        assert httpx.get(f"{url}/v1/policy").status_code == 401
        assert httpx.get(f"{url}/v1/policy", headers=auth).json()["version"] == "1.0.0"
        policy.write_text(policy_yaml(version="1.1.0"))
        process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 10
        while httpx.get(f"{url}/v1/policy", headers=auth).json()["version"] != "1.1.0":
            assert time.monotonic() < deadline, "SIGHUP did not reload the policy"
            time.sleep(0.05)
        report = httpx.post(f"{url}/v1/check", headers=auth, json={"body": "miracle cure"}).json()
        assert report["policy"]["version"] == "1.1.0"
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=15)
    assert process.returncode == 0, output
    assert "policy reloaded: test-pack 1.0.0 -> test-pack 1.1.0" in output
    assert token not in output
    checkers = [int(pid) for line in re.findall(r"checker processes ready \(pids ([\d, ]+)\)", output)
                for pid in line.split(", ")]
    assert len(checkers) == (4 if workers == 2 else 0)  # started, then replaced by the reload
    time.sleep(1)
    assert not [pid for pid in checkers if os.path.exists(f"/proc/{pid}")], "checker processes outlived the service"

"""Service settings, API tokens and the bind-address safety check (no FastAPI import here)."""

from __future__ import annotations

import ipaddress
import logging
import os
import stat
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..engine import DEFAULT_MAX_BYTES
from ..policy.loader import DEFAULT_PACK

logger = logging.getLogger("medguard.server")

TOKENS_ENV = "MEDGUARD_API_TOKENS"
"""Comma- or whitespace-separated API tokens; several at once so that tokens can be rotated."""

MIN_TOKEN_LENGTH = 16
DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_DOCUMENTS = 20
DEFAULT_TIMEOUT_S = 5.0
DEFAULT_THREADS = 4
DEFAULT_REPORT_CACHE = 256


class SettingsError(Exception):
    """Settings the service refuses to start (or reload) with; the message says how to fix them."""


class ServerSettings(BaseModel):
    """Everything ``medguard serve`` needs to build the app; JSON-serialisable so that checker
    processes (``--workers N``) can rebuild its engine. Tokens are never stored here: they are
    read from the environment and the token file when the app starts and on every reload."""

    model_config = ConfigDict(extra="forbid")

    policy: str = Field(DEFAULT_PACK, description="Policy file or built-in pack name.")
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    workers: int = Field(1, ge=1, description="Checker processes; 1: check in threads of the serving process.")
    threads: int = Field(DEFAULT_THREADS, ge=1, le=64, description="Checking threads when workers is 1.")
    timeout_s: float = Field(DEFAULT_TIMEOUT_S, gt=0, description="Time limit for one /v1/check request.")
    model_time_limit_s: float | None = Field(
        None, gt=0, description="The model stops this many seconds after a check request arrived (default: half a "
                                "second before the time limit); the sentences it has not embedded by then are checked "
                                "by the rules without it, and the report has a model-timeout warning.")
    report_cache: int = Field(
        DEFAULT_REPORT_CACHE, ge=0, description="Reports of recently checked documents kept, to answer a request for the "
                                                "same documents under the same policy without checking them again (0: none).")
    max_body_bytes: int = Field(DEFAULT_MAX_BODY_BYTES, ge=1024, description="Larger request bodies get 413.")
    max_documents: int = Field(DEFAULT_MAX_DOCUMENTS, ge=1, le=10_000, description="Most documents in one request.")
    token_file: str | None = Field(None, description="File with one API token a line (# comments allowed).")
    tokens_env: str = Field(TOKENS_ENV, description="Environment variable holding API tokens.")
    insecure: bool = Field(False, description="Allow a non-loopback address without tokens.")
    disabled_plugins: list[str] = Field(default_factory=list)
    plugin_modules: list[str] = Field(default_factory=list)
    plugin_dirs: list[str] = Field(default_factory=list)
    handle_sighup: bool = Field(False, description="Reload the policy on SIGHUP (the serve command sets it).")
    warm_up: bool = Field(True, description="Check a small sample document at start-up so lazy loads happen before /readyz.")

    @property
    def max_document_bytes(self) -> int:
        """The engine's per-document limit: no document can be larger than the request body."""
        return min(self.max_body_bytes, DEFAULT_MAX_BYTES)


def load_tokens(settings: ServerSettings, environ: dict[str, str] | None = None) -> list[str]:
    """The API tokens from the environment variable and the token file (deduplicated, in order).

    Raises SettingsError for an unreadable file or a token that is too short to be a secret.
    """
    environ = os.environ if environ is None else environ
    tokens = environ.get(settings.tokens_env, "").replace(",", " ").split()
    if settings.token_file:
        path = Path(settings.token_file)
        try:
            text = path.read_text(encoding="utf-8")
            mode = path.stat().st_mode
        except (OSError, UnicodeDecodeError) as error:
            raise SettingsError(f"cannot read token file {settings.token_file}: {error.__class__.__name__}") from None
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            logger.warning(
                "token file %s is readable by other users; chmod 600 it", settings.token_file)
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                tokens.append(line)
    short = [t for t in tokens if len(t) < MIN_TOKEN_LENGTH]
    if short:
        # Say how many and where, never which: the message may end up in a log.
        raise SettingsError(
            f"{len(short)} API token(s) shorter than {MIN_TOKEN_LENGTH} characters; use long random tokens, "
            "e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    return list(dict.fromkeys(tokens))


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in ("localhost", "localhost.", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything, so treat it as public


def check_bind(settings: ServerSettings, tokens: list[str]) -> str | None:
    """Why the service must not start on this address, or None when it may."""
    if is_loopback(settings.host) or tokens or settings.insecure:
        return None
    return (
        f"refusing to listen on {settings.host}, which is not a loopback address, without API tokens: "
        f"set {settings.tokens_env} or --token-file (or pass --insecure if something in front of medguard "
        "authenticates every request)"
    )

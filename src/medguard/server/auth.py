"""Bearer-token authentication: several tokens at once (rotation), compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Iterable

PUBLIC_PATHS = frozenset({"/healthz", "/readyz"})
"""Paths served without a token: liveness and readiness probes carry no data."""


def _digest(token: str) -> bytes:
    # Hashing first gives equal-length inputs to compare_digest, so the comparison time does not
    # depend on the length of the configured tokens either.
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


class TokenStore:
    """The accepted tokens (kept only as SHA-256 digests); swapped atomically on reload."""

    def __init__(self, tokens: Iterable[str] = ()):
        self._digests: tuple[bytes, ...] = tuple(_digest(t) for t in tokens)

    @property
    def enabled(self) -> bool:
        return bool(self._digests)

    def __len__(self) -> int:
        return len(self._digests)

    def replace(self, tokens: Iterable[str]) -> None:
        self._digests = tuple(_digest(t) for t in tokens)

    def verify(self, presented: str) -> bool:
        candidate = _digest(presented)
        matched = False
        for digest in self._digests:  # no early exit: every token is compared every time
            matched |= hmac.compare_digest(candidate, digest)
        return matched


def bearer_token(headers: list[tuple[bytes, bytes]]) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    for name, value in headers:
        if name.lower() == b"authorization":
            scheme, _, token = value.decode("latin-1").strip().partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
            return None
    return None


class AuthMiddleware:
    """Pure ASGI middleware: every path but the health probes needs a valid token when tokens
    are configured. It runs before routing and before the body is read, so an unauthenticated
    client learns nothing about routes and cannot make the service buffer a large body."""

    def __init__(self, app, store: TokenStore, public_paths: frozenset[str] = PUBLIC_PATHS):
        self.app = app
        self.store = store
        self.public_paths = public_paths

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not self.store.enabled or scope["path"] in self.public_paths:
            await self.app(scope, receive, send)
            return
        token = bearer_token(scope["headers"])
        if token is None:
            await _unauthorized(send, "missing API token: send the header 'Authorization: Bearer <token>'",
                                'Bearer realm="medguard"')
        elif not self.store.verify(token):
            await _unauthorized(send, "invalid API token", 'Bearer realm="medguard", error="invalid_token"')
        else:
            await self.app(scope, receive, send)


async def _unauthorized(send, detail: str, challenge: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": 401, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"www-authenticate", challenge.encode()),
    ]})
    await send({"type": "http.response.body", "body": body})

"""Request body size limit (413) as pure ASGI middleware."""

from __future__ import annotations

import json

DRAIN_FACTOR = 8
"""Read and discard up to this many times the limit of an oversized body before answering, so
that an ordinary client sees the 413 instead of a connection reset; beyond that, close."""


class BodyLimitMiddleware:
    """Answers 413 when a request body is larger than ``max_bytes``.

    A declared ``Content-Length`` is checked before anything is read; a chunked body is counted
    as it arrives. The body of an accepted request is buffered (it is at most ``max_bytes``) and
    replayed to the app.
    """

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = None
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _error(send, 400, "invalid Content-Length header")
                    return
        if declared is not None and declared > self.max_bytes:
            await self._reject(receive, send, declared, 0)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            more = message.get("more_body", False)
            if size > self.max_bytes:
                await self._reject(receive, send, size, size, more)
                return
            chunks.append(chunk)
        body = b"".join(chunks)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the disconnect, as servers do

        await self.app(scope, replay, send)

    async def _reject(self, receive, send, size: int, read: int, more: bool = True) -> None:
        while more and read <= self.max_bytes * DRAIN_FACTOR:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            read += len(message.get("body", b""))
            more = message.get("more_body", False)
        await _error(send, 413, f"request body is larger than the limit of {self.max_bytes} bytes (got at least {size}); "
                                "send fewer or smaller documents per request", close=more)


async def _error(send, status: int, detail: str, close: bool = False) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})

"""A tiny ASGI client for the routes of treatymap.web, so their tests need no server and no
extra library: one request in, the status, headers and body out."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from starlette.routing import Router


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def get(router: Router, path: str, headers: dict[str, str] | None = None) -> Answer:
    """GET ``path`` (with its query) from ``router``, as a browser on 127.0.0.1:8501 would."""
    raw_path, _, query = path.partition("?")
    sent = {"host": "127.0.0.1:8501", **{k.lower(): v for k, v in (headers or {}).items()}}
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": raw_path,
        "raw_path": raw_path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in sent.items()],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8501),
    }
    status, out_headers, body = 0, {}, bytearray()

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
            for k, v in message.get("headers", []):
                out_headers[k.decode("latin-1").lower()] = v.decode("latin-1")
        elif message["type"] == "http.response.body":
            body.extend(message.get("body", b""))

    # In a thread of its own: the browser tests' Playwright keeps an event loop running in this
    # one for the whole session, and asyncio.run() refuses to start a second there.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, router(scope, receive, send)).result()
    return Answer(status, out_headers, bytes(body))

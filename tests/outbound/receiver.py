"""A webhook subscriber on loopback for the tests: a real HTTP server (uvicorn) that
answers as it is told (fail the first N requests, always fail, or acknowledge) and keeps
every request it was sent, with its headers, body and arrival time."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from standardwebhooks.webhooks import Webhook
from starlette.requests import Request
from starlette.responses import Response


@dataclass(frozen=True)
class Received:
    headers: dict[str, str]
    body: bytes
    at: float

    @property
    def event(self) -> dict[str, Any]:
        event: dict[str, Any] = json.loads(self.body)
        return event

    def verified(self, secret: str) -> dict[str, Any]:
        """The CloudEvent, checked as a subscriber checks it (raises when it does not hold)."""
        event: dict[str, Any] = Webhook(secret).verify(self.body, self.headers)
        return event


@dataclass
class Receiver:
    url: str
    fail_first: int = 0
    """Answer 503 to this many requests, then 204."""
    always_fail: bool = False
    requests: list[Received] = field(default_factory=list)
    acknowledged: list[Received] = field(default_factory=list)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        request = Request(scope, receive)
        received = Received(dict(request.headers), await request.body(), time.monotonic())
        self.requests.append(received)
        failing = self.always_fail or len(self.requests) <= self.fail_first
        if not failing:
            self.acknowledged.append(received)
        await Response(status_code=503 if failing else 204)(scope, receive, send)

    async def wait_for(self, count: int, within: float = 20.0) -> list[Received]:
        """The first ``count`` acknowledged deliveries, once they have arrived."""
        deadline = time.monotonic() + within
        while len(self.acknowledged) < count:
            assert time.monotonic() < deadline, f"{len(self.acknowledged)} of {count} arrived"
            await asyncio.sleep(0.01)
        return self.acknowledged[:count]


@asynccontextmanager
async def receiving(**behaviour: Any) -> AsyncIterator[Receiver]:
    """A receiver listening on 127.0.0.1 at a free port, for the duration."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    receiver = Receiver(f"http://127.0.0.1:{port}/hooks/motcua", **behaviour)
    config = uvicorn.Config(receiver, lifespan="off", log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    for _ in range(2000):  # uvicorn offers no event to wait on
        if server.started:
            break
        await asyncio.sleep(0.005)
    try:
        yield receiver
    finally:
        server.should_exit = True
        await task
        sock.close()

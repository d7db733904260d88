"""An ASGI app served by uvicorn on a free loopback port, in a thread of its own (so a
test's loop, or a child process, can talk to it while the test drives it)."""

from __future__ import annotations

import threading
import time

import uvicorn
from starlette.types import ASGIApp


def serve_in_thread(app: ASGIApp, port: int) -> uvicorn.Server:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the loopback server did not start")
        time.sleep(0.01)
    return server

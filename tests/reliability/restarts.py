"""Killing ``motcua serve`` at random moments while clients work, for the outbound tests."""

from __future__ import annotations

import asyncio
import random
import threading

from tests.reliability.server import Server


def kill_and_restart(server: Server, kills: int, seed: int, stop: asyncio.Event) -> None:
    """In a thread: SIGKILL the server at a random moment and start it again, ``kills``
    times; then stop the clients."""
    moments = random.Random(seed)
    try:
        for _ in range(kills):
            threading.Event().wait(moments.uniform(0.5, 1.5))  # when to strike
            server.kill()
            server.start(within=30)
        threading.Event().wait(0.5)
    finally:
        stop.set()

"""New events, announced: the store's ``pg_notify`` on :data:`NOTIFY_CHANNEL`, heard on one
listening connection and counted, so that runners wake up at once instead of at their
next poll. A lost connection loses notifications: runners poll anyway, and the listener
reconnects when next asked, at most every few seconds."""

from __future__ import annotations

import asyncio
import time
from contextlib import suppress
from typing import Any

from application.ports import StoreUnavailable
from infrastructure.polling_wakeups import PollingWakeUps
from infrastructure.postgres.event_store import NOTIFY_CHANNEL


async def close_quietly(connection: Any) -> None:
    try:
        await asyncio.wait_for(connection.close(), timeout=5)
    except Exception:
        connection.terminate()


class NotifiedWakeUps(PollingWakeUps):
    """Counts the store's notifications as nudges; reconnects its listener when it was
    lost."""

    RETRY_SECONDS = 5.0

    def __init__(self, connect: Any) -> None:
        super().__init__()
        self._connect = connect
        self._connection: Any = None
        self._next_attempt = 0.0

    async def listen(self) -> None:
        """(Re)connect the listener; on failure, callers keep polling and we retry later."""
        self._next_attempt = time.monotonic() + self.RETRY_SECONDS
        if self._connection is not None:
            self._connection.terminate()
            self._connection = None
        with suppress(StoreUnavailable):
            connection = await self._connect()
            await connection.add_listener(NOTIFY_CHANNEL, self._notified)
            self._connection = connection

    def _notified(self, *_: object) -> None:
        self.nudge()

    async def wait_after(self, seen: int, at_most: float) -> None:
        lost = self._connection is None or self._connection.is_closed()
        if lost and time.monotonic() >= self._next_attempt:
            await self.listen()
        await super().wait_after(seen, at_most)

    async def close(self) -> None:
        if self._connection is not None:
            await close_quietly(self._connection)
            self._connection = None

"""Wake-ups counted in process. Stores that cannot notify (SQLite, memory) use them as
they are: the runner polls, unless a reader of this process nudges it. PostgreSQL's
listener counts each notification as a nudge (``postgres/notifications.py``)."""

from __future__ import annotations

import asyncio
from contextlib import suppress


class PollingWakeUps:
    def __init__(self) -> None:
        self.count = 0
        self._arrived = asyncio.Event()

    def nudge(self) -> None:
        self.count += 1
        arrived, self._arrived = self._arrived, asyncio.Event()
        arrived.set()

    async def wait_after(self, seen: int, at_most: float) -> None:
        arrived = self._arrived
        if self.count > seen:
            return
        # asyncio.timeout, not wait_for: Python 3.11's wait_for loses a cancellation that
        # comes with the event (a runner stopped right after a nudge would never stop).
        with suppress(TimeoutError):
            async with asyncio.timeout(at_most):
                await arrived.wait()

    async def close(self) -> None:
        return None

"""Wake-ups for stores that cannot notify (SQLite, memory): the runner just polls."""

from __future__ import annotations

import asyncio


class PollingWakeUps:
    count = 0

    async def wait_after(self, seen: int, at_most: float) -> None:
        await asyncio.sleep(at_most)

    async def close(self) -> None:
        return None

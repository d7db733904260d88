"""A broker in process memory: keeps what it was given, or is away when told to be."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from projections.outbound.broker import BrokerMessage, BrokerUnavailable


class InMemoryPublisher:
    def __init__(self) -> None:
        self.received: list[BrokerMessage] = []
        """Every message that reached this broker, confirmed or not, in order."""
        self.available = True
        self.attempts = 0
        """Calls of :meth:`publish`, confirmed or not."""
        self.confirm: asyncio.Event | None = None
        """When set by a test: each publish waits for it before confirming."""
        self._changed = asyncio.Condition()

    async def publish(self, messages: Sequence[BrokerMessage]) -> None:
        async with self._changed:
            self.attempts += 1
            if self.available:
                self.received.extend(messages)
            self._changed.notify_all()
        if not self.available:
            raise BrokerUnavailable("the in-memory broker is away")
        if self.confirm is not None:
            await self.confirm.wait()

    async def wait_until(self, reached: Callable[[], bool], within: float = 10.0) -> None:
        """Return once ``reached()`` holds, checked after each publish."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(reached), within)

    async def close(self) -> None:
        return None

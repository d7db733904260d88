"""Reads that callers asking at the same time share: one query in flight per key.

Whoever asks for a key while its read is under way waits for that read rather than
starting another; the read is forgotten once done, so the next caller reads afresh.
Right where any answer read during the wait serves the caller (the log's events never
change; a projection's committed position only grows).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


class SharedReads(Generic[K, T]):
    def __init__(self) -> None:
        self._reading: dict[K, asyncio.Future[T]] = {}

    async def read(self, key: K, start: Callable[[], Awaitable[T]]) -> T:
        """The answer of the read of ``key`` in flight, or of a new one ``start`` begins.
        A caller cancelled while waiting leaves the read to the others."""
        reading = self._reading.get(key)
        if reading is None:
            reading = asyncio.ensure_future(start())
            self._reading[key] = reading
            reading.add_done_callback(lambda done: self._done(key, done))
        return await asyncio.shield(reading)

    def _done(self, key: K, done: asyncio.Future[T]) -> None:
        del self._reading[key]
        if not done.cancelled():
            done.exception()  # every caller that waited has it; none may be left to ask

"""A projection that counts how often each event reached its view: any count but 1 is an
event lost or applied twice. Its view exists on every backend, like the real ones."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from infrastructure.memory.views import MemoryFamily, Overlay
from infrastructure.sql_views.sql import Dialect, Flush, SqlSession
from projections.ports import Envelope

BeforeCount = Callable[[int], Awaitable[None]]


class CountingView(Protocol):
    async def count(self, position: int) -> None: ...


class CountingProjection:
    name = "counting"
    version = 1
    topics: frozenset[str] | None = None

    def __init__(self, before: BeforeCount | None = None) -> None:
        self.before = before

    async def handle(self, envelope: Envelope, view: CountingView) -> None:
        if self.before is not None:
            await self.before(envelope.recorded.position)
        await view.count(envelope.recorded.position)


class SqlCounting:
    name = "counting"

    def tables(self, dialect: Dialect) -> tuple[str, ...]:
        return ("counted",)

    def ddl(self, s: str, dialect: Dialect) -> list[str]:
        return [f"CREATE TABLE counted{s} (position BIGINT PRIMARY KEY, times BIGINT NOT NULL)"]

    def writer(self, session: SqlSession, s: str, dialect: Dialect) -> tuple[CountingView, Flush]:
        positions: list[int] = []

        class Writer:
            async def count(self, position: int) -> None:
                positions.append(position)

        async def flush() -> None:
            await session.executemany(
                f"INSERT INTO counted{s} (position, times) VALUES (?, 1) "
                f"ON CONFLICT (position) DO UPDATE SET times = counted{s}.times + 1",
                [(position,) for position in positions],
            )

        return Writer(), flush


class MemoryCountingWriter:
    def __init__(self, overlay: Overlay) -> None:
        self._overlay = overlay

    async def count(self, position: int) -> None:
        self._overlay.put("counted", position, (self._overlay.get("counted", position) or 0) + 1)


MEMORY_COUNTING: MemoryFamily[CountingView] = MemoryFamily("counting", MemoryCountingWriter)

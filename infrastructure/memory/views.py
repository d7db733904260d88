"""Views in process memory, for fast tests and for an App whose store is given without
views. Not durable: a restart rebuilds them from the event store.

A view is a set of keyed tables. A transaction writes to an overlay that reads
through to the tables; committing applies the overlay and the new position at once
(no await in between), so a query never sees half a transaction. An
:class:`asyncio.Lock` per projection plays the tracking row's lock.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Hashable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from infrastructure.polling_wakeups import PollingWakeUps
from projections.ports import PositionMoved, RebuildInProgress, Tracking

W = TypeVar("W")
Table = dict[Any, Any]
_DELETED = object()


class Tables:
    def __init__(self) -> None:
        self._tables: dict[str, Table] = {}

    def table(self, name: str) -> Table:
        return self._tables.setdefault(name, {})


class Overlay:
    """Uncommitted writes over :class:`Tables`."""

    def __init__(self, base: Tables) -> None:
        self._base = base
        self._changes: dict[str, Table] = {}

    def get(self, table: str, key: Hashable) -> Any:
        changes = self._changes.get(table, {})
        if key in changes:
            value = changes[key]
            return None if value is _DELETED else value
        return self._base.table(table).get(key)

    def put(self, table: str, key: Hashable, value: Any) -> None:
        self._changes.setdefault(table, {})[key] = value

    def delete(self, table: str, key: Hashable) -> None:
        self._changes.setdefault(table, {})[key] = _DELETED

    def commit(self) -> None:
        for name, changes in self._changes.items():
            table = self._base.table(name)
            for key, value in changes.items():
                if value is _DELETED:
                    table.pop(key, None)
                else:
                    table[key] = value
        self._changes.clear()


@dataclass(frozen=True)
class MemoryFamily(Generic[W]):
    """A projection's view in memory: its name, and how to write it within an overlay."""

    name: str
    writer: Callable[[Overlay], W]


class MemoryTransaction(Generic[W]):
    def __init__(self, view: W) -> None:
        self._view = view
        self.position: int | None = None

    @property
    def view(self) -> W:
        return self._view

    def advance_to(self, position: int) -> None:
        self.position = position


class MemoryViews:
    def __init__(self) -> None:
        self.wakeups = PollingWakeUps()
        self.tracking: dict[str, Tracking] = {}
        self.generations: dict[tuple[str, int], Tables] = {}
        self.leased: set[str] = set()
        self.locks: dict[str, asyncio.Lock] = {}
        self.rebuilds: dict[str, asyncio.Lock] = {}

    def live(self, name: str) -> Tables:
        tracking = self.tracking.get(name)
        generation = tracking.generation if tracking else 0
        return self.generations.setdefault((name, generation), Tables())

    def lock(self, name: str) -> asyncio.Lock:
        return self.locks.setdefault(name, asyncio.Lock())

    def store(self, family: MemoryFamily[W]) -> MemoryProjectionStore[W]:
        return MemoryProjectionStore(self, family)

    async def close(self) -> None:
        return None


class MemoryLease(Generic[W]):
    def __init__(self, store: MemoryProjectionStore[W]) -> None:
        self._store = store

    @asynccontextmanager
    async def transaction(self, expected_position: int) -> AsyncIterator[MemoryTransaction[W]]:
        views, name = self._store.views, self._store.name
        async with views.lock(name):
            tracking = views.tracking.get(name)
            if tracking is None or tracking.position != expected_position:
                raise PositionMoved(tracking.position if tracking else 0)
            overlay = Overlay(views.live(name))
            transaction = MemoryTransaction(self._store.family.writer(overlay))
            yield transaction
            overlay.commit()
            if transaction.position is not None:
                views.tracking[name] = replace(tracking, position=transaction.position, error=None)


class MemoryProjectionStore(Generic[W]):
    def __init__(self, views: MemoryViews, family: MemoryFamily[W]) -> None:
        self.views = views
        self.family = family

    @property
    def name(self) -> str:
        return self.family.name

    async def tracking(self) -> Tracking | None:
        return self.views.tracking.get(self.name)

    async def create(self, version: int) -> Tracking:
        if self.name not in self.views.tracking:
            self.views.tracking[self.name] = Tracking(version, 0, 0)
            self.views.generations[(self.name, 0)] = Tables()
        return self.views.tracking[self.name]

    @asynccontextmanager
    async def lease(self) -> AsyncIterator[MemoryLease[W] | None]:
        if self.name in self.views.leased:
            yield None
            return
        self.views.leased.add(self.name)
        try:
            yield MemoryLease(self)
        finally:
            self.views.leased.discard(self.name)

    async def record_failure(self, error: str) -> None:
        if (tracking := self.views.tracking.get(self.name)) is not None:
            self.views.tracking[self.name] = replace(tracking, error=error)

    @asynccontextmanager
    async def rebuilding(self) -> AsyncIterator[None]:
        lock = self.views.rebuilds.setdefault(self.name, asyncio.Lock())
        if lock.locked():
            raise RebuildInProgress(self.name)
        async with lock:
            yield

    async def begin_rebuild(self, version: int) -> int:
        await self.create(version)
        generations = [g for name, g in self.views.generations if name == self.name]
        generation = max(generations) + 1
        self.views.generations[(self.name, generation)] = Tables()
        return generation

    @asynccontextmanager
    async def aside(self, generation: int) -> AsyncIterator[MemoryTransaction[W]]:
        overlay = Overlay(self.views.generations[(self.name, generation)])
        transaction = MemoryTransaction(self.family.writer(overlay))
        yield transaction
        overlay.commit()

    @asynccontextmanager
    async def swap(self, generation: int, version: int) -> AsyncIterator[MemoryTransaction[W]]:
        async with self.views.lock(self.name):
            async with self.aside(generation) as transaction:
                yield transaction
            if transaction.position is None:
                raise ValueError("a swap must say the position its view is at")
            old = self.views.tracking[self.name].generation
            self.views.tracking[self.name] = Tracking(version, generation, transaction.position)
            self.views.generations.pop((self.name, old), None)

    async def abandon(self, generation: int) -> None:
        self.views.generations.pop((self.name, generation), None)

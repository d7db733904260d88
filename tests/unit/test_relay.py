"""The relay runner when the projection store, not the broker, fails: the position of an
acknowledged batch could not be committed, and the retry does not deliver it again."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from application.ports import StoreUnavailable
from infrastructure.memory.event_store import InMemoryEventStore
from infrastructure.memory.publisher import InMemoryPublisher
from infrastructure.memory.views import MemoryViews
from infrastructure.view_stores import memory_views
from projections.outbound.broker import broker_publishing
from tests.outbound.support import FAST, decoding_source, events_of, file_dossiers


class AwayOnce:
    """A projection store whose first position commit finds the database away."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.away = True

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    @asynccontextmanager
    async def lease(self) -> AsyncIterator[Any]:
        async with self.store.lease() as lease:
            yield None if lease is None else _Lease(lease, self)


class _Lease:
    def __init__(self, lease: Any, owner: AwayOnce) -> None:
        self.lease, self.owner = lease, owner

    @asynccontextmanager
    async def transaction(self, expected_position: int) -> AsyncIterator[Any]:
        if self.owner.away:
            self.owner.away = False
            raise StoreUnavailable("the database is restarting")
        async with self.lease.transaction(expected_position) as transaction:
            yield transaction


async def test_a_batch_whose_position_could_not_be_committed_is_not_published_twice() -> None:
    store = InMemoryEventStore()
    await file_dossiers(store, 3)  # 6 published events, one batch
    views = memory_views(MemoryViews())
    positions = AwayOnce(views.positions("broker"))
    publisher = InMemoryPublisher()
    runner = broker_publishing(publisher, positions, decoding_source(store), views.wakeups, FAST)
    task = asyncio.create_task(runner.run())
    head = await store.last_position()
    await runner.wait_for(head)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert not positions.away  # the store was away once, after the broker had confirmed
    assert len(events_of(publisher.received)) == 6 and publisher.attempts == 1
    tracking = await positions.tracking()
    assert tracking is not None and tracking.position == head

"""The projections' reading of the log: runners asking for one batch at once share a read."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from uuid import uuid4

from application.ports import NewEvent, RecordedEvent, StreamAppend
from infrastructure.memory.event_store import InMemoryEventStore
from projections.source import EventSource


class CountingStore(InMemoryEventStore):
    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    async def read_all(
        self, after_position: int = 0, batch_size: int = 1000
    ) -> AsyncIterator[RecordedEvent]:
        self.reads += 1
        await asyncio.sleep(0)  # a round trip: the other runners ask meanwhile
        async for recorded in super().read_all(after_position, batch_size):
            yield recorded


async def test_runners_asking_at_once_share_one_read_and_later_ones_read_again() -> None:
    store = CountingStore()
    events = [NewEvent(uuid4(), version, "Counted", b"{}") for version in (1, 2, 3)]
    await store.append([StreamAppend(uuid4(), "Counter", 0, events)])
    source = EventSource(store, lambda recorded: recorded)
    batches = await asyncio.gather(*(source.batch(0, 10) for _ in range(5)))
    assert store.reads == 1
    assert all([e.position for e in batch] == [1, 2, 3] for batch in batches)
    batches[0].clear()  # each runner has a list of its own
    assert len(batches[1]) == 3
    await store.append(
        [StreamAppend(uuid4(), "Counter", 0, [NewEvent(uuid4(), 1, "Counted", b"{}")])]
    )
    assert [e.position for e in await source.batch(0, 10)] == [1, 2, 3, 4]
    assert store.reads == 2

"""The ids the repository gives new events are time-ordered (UUIDv7): the PostgreSQL
store's check of a batch's ids against every month then reads the same few index pages
(docs/scale-out.md, run 3). Random ids would pass every other test and slow appends at
national size by a third."""

from __future__ import annotations

from eventsourcing.domain import Aggregate

from application.encoding import new_mapper
from application.repository import Repository
from infrastructure.memory.event_store import InMemoryEventStore


class Counter(Aggregate):
    def bump(self) -> None:
        self.trigger_event(self.Bumped)

    class Bumped(Aggregate.Event):
        pass


async def test_event_ids_are_uuid7_in_the_order_they_were_made() -> None:
    store = InMemoryEventStore()
    counters = [Counter() for _ in range(3)]
    for counter in counters:
        for _ in range(50):
            counter.bump()
    await Repository(store, new_mapper()).save(counters, {})
    ids = [event.event_id async for event in store.read_all(0, 1000)]
    assert len(ids) == 153
    assert {event_id.version for event_id in ids} == {7}
    assert len(set(ids)) == len(ids)
    # Time-ordered: no id sorts before the previous one's millisecond (UUIDv7's leading
    # 48 bits); within a millisecond the rest is random.
    milliseconds = [event_id.int >> 80 for event_id in ids]
    assert milliseconds == sorted(milliseconds)

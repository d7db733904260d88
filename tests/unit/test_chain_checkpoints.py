"""Checkpoints at a pace: the chain's head is signed while there is news, and only then;
each checkpoint is verifiable with the key's public half alone."""

from __future__ import annotations

import asyncio

from infrastructure.clock import FixedClock
from infrastructure.memory.event_store import InMemoryEventStore
from interfaces.bootstrap import bootstrap
from tests.examples import CALENDAR, MONDAY_9AM
from tests.outbound.support import file_dossiers


async def test_the_head_is_signed_at_a_pace_once_per_news() -> None:
    store = InMemoryEventStore()
    app = await bootstrap(store=store, clock=FixedClock(MONDAY_9AM), calendar=CALENDAR)
    try:
        await file_dossiers(store, 2)
        head = await store.last_position()
        app.checkpoints.start(every_seconds=0.01)
        ledger = app.checkpoints.ledger
        for _ in range(200):
            if await ledger.seen():
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.1)  # ten more beats: nothing new, nothing signed
        await app.checkpoints.stop()
        seen = await ledger.seen()
        assert [c.position for c in seen] == [head]
        assert await store.last_position() == head + 1  # one checkpoint event, not ten
        assert app.checkpoints.key.verifies(seen[0].signed_bytes, seen[0].signature)
        assert not app.checkpoints.key.verifies(b"another head", seen[0].signature)
        assert (await app.verify_chain()).ok
    finally:
        await app.close()

"""The command runner's answer to a keyed command whose twin commits while it decides."""

from __future__ import annotations

import pytest
from eventsourcing.domain import Aggregate

from application.commands import CommandRunner, Decision, keyed_prints
from application.context import Context
from application.encoding import new_mapper
from application.ports import IdempotencyRecord, StoreUnavailable
from application.repository import Repository
from domain.shared import Actor, DomainError, Role
from infrastructure.memory.event_store import InMemoryEventStore

CLERK = Actor("clerk@080", Role.CLERK, "080")


class Counter(Aggregate):
    pass


async def test_a_refusal_after_the_twin_committed_answers_with_the_twins_result() -> None:
    store = InMemoryEventStore()
    runner = CommandRunner(Repository(store, new_mapper()), keyed_prints(lambda data: data))
    keyed = Context(CLERK, idempotency_key="withdraw-1")

    async def first() -> Decision:
        return [Counter()], {"done": True}

    async def second() -> Decision:
        # The twin commits after this command looked its key up and before it decides:
        # the state it now decides on refuses the command (already done).
        await runner.run(keyed, {"reason": "x"}, first)
        raise DomainError("already done")

    assert await runner.run(keyed, {"reason": "x"}, second) == {"done": True}
    assert await store.last_position() == 1  # the twin's one event, once


async def test_a_store_failure_while_deciding_is_not_followed_by_another_wait() -> None:
    class CountingLookups(InMemoryEventStore):
        lookups = 0

        async def find_idempotency(self, key: str) -> IdempotencyRecord | None:
            self.lookups += 1
            return await super().find_idempotency(key)

    store = CountingLookups()
    runner = CommandRunner(Repository(store, new_mapper()), keyed_prints(lambda data: data))

    async def unavailable() -> Decision:
        raise StoreUnavailable("the database did not answer in time")

    with pytest.raises(StoreUnavailable):
        await runner.run(Context(CLERK, idempotency_key="k"), {}, unavailable)
    assert store.lookups == 1  # the key's first look-up only: one timeout, not two

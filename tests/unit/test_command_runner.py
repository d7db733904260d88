"""The command runner's answer to a keyed command whose twin commits while it decides."""

from __future__ import annotations

from eventsourcing.domain import Aggregate

from application.commands import CommandRunner, Decision
from application.context import Context
from application.encoding import new_mapper
from application.repository import Repository
from domain.shared import Actor, DomainError, Role
from infrastructure.memory.event_store import InMemoryEventStore

CLERK = Actor("clerk@080", Role.CLERK, "080")


class Counter(Aggregate):
    pass


async def test_a_refusal_after_the_twin_committed_answers_with_the_twins_result() -> None:
    store = InMemoryEventStore()
    runner = CommandRunner(Repository(store, new_mapper()))
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

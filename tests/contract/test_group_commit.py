"""Group commit: concurrent appends share a transaction, yet each one is judged alone.

The SQL stores commit whatever queued while the previous commit ran as one batch; these
tests hold one append's transaction open (the ``before_commit`` hook) so that all the
others queue behind it and are committed together, then check that a conflicting, invalid
or key-reusing append fails alone and that every other one is stored, durably, in dense
positions with an intact hash chain. The in-memory store runs them one by one; it must
give the same answers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, replace
from uuid import uuid4

import pytest

from application.chain import verify_chain
from application.ports import (
    ConcurrencyError,
    IdempotencyKeyExists,
    IdempotencyRecord,
    NewEvent,
    StoreUnavailable,
    StreamAppend,
)
from infrastructure.memory.event_store import InMemoryEventStore
from tests.contract.test_event_store import (
    SQL_ONLY,
    ContractStore,
    StoreOpener,
    read_all,
    stream,
    warm_up,
)


@dataclass
class Attempt:
    streams: list[StreamAppend]
    key: IdempotencyRecord | None = None
    fails_with: type[Exception] | None = None


async def behind_a_held_append(
    store: ContractStore, attempts: Sequence[Attempt]
) -> tuple[int, list[int | BaseException]]:
    """Start one append and hold its transaction open until every attempt has queued
    behind it; return the held append's position and the attempts' outcomes."""
    holder, queued = stream(1), asyncio.Event()

    async def hold(streams: Sequence[StreamAppend]) -> None:
        if streams[0].stream_id == holder.stream_id:
            await queued.wait()

    store.before_commit = hold
    held = asyncio.create_task(store.append([holder]))
    tasks = [asyncio.create_task(store.append(a.streams, a.key)) for a in attempts]
    await asyncio.sleep(0)  # one turn of the loop: every task has queued its append
    queued.set()
    outcomes: list[int | BaseException] = await asyncio.gather(*tasks, return_exceptions=True)
    store.before_commit = None
    return await held, outcomes


def gather_in_order(*appends: Awaitable[int]) -> Awaitable[list[int | BaseException]]:
    return asyncio.gather(*appends, return_exceptions=True)


async def test_in_a_batch_only_the_failing_appends_fail(store: ContractStore) -> None:
    # Before the burst: a stream at version 1 and a used idempotency key.
    existing = stream(1)
    used = IdempotencyRecord("used", "fp-used", b"first answer")
    await store.append([existing], used)
    stored_event_id = existing.events[0].event_id
    at_one = existing.stream_id

    # The burst: mostly good appends, with the failing kinds mixed in.
    first_on_existing = stream(2, expected=1, stream_id=at_one)
    second_on_existing = stream(1, expected=3, stream_id=at_one)  # sees the one before
    fresh_key = IdempotencyRecord("fresh", "fp-a", b"a")
    not_json = StreamAppend(uuid4(), "dossier", 0, [NewEvent(uuid4(), 1, "T", b"", {"x": {1, 2}})])
    reused_id = replace(stream(1), events=[NewEvent(stored_event_id, 1, "T", b"")])
    half_stale = [stream(2), stream(1, expected=0, stream_id=at_one)]
    attempts = [
        *(Attempt([stream(2)]) for _ in range(10)),
        Attempt([first_on_existing]),
        Attempt([stream(1, expected=1, stream_id=at_one)], fails_with=ConcurrencyError),
        Attempt([second_on_existing], IdempotencyRecord("k2", "fp", b"r")),
        Attempt([stream(2)], used, fails_with=IdempotencyKeyExists),
        Attempt([stream(2)], fresh_key),
        Attempt([stream(2)], IdempotencyRecord("fresh", "fp-b", b"b"), IdempotencyKeyExists),
        Attempt([not_json], fails_with=TypeError),
        Attempt([reused_id], fails_with=ValueError),
        Attempt(half_stale, fails_with=ConcurrencyError),
        *(Attempt([stream(1), stream(3)]) for _ in range(10)),
    ]

    held_at, outcomes = await behind_a_held_append(store, attempts)

    for attempt, outcome in zip(attempts, outcomes, strict=True):
        if attempt.fails_with is None:
            assert isinstance(outcome, int), outcome
        else:
            assert isinstance(outcome, attempt.fails_with), outcome
    # Each rejection names what it met, including the appends accepted just before it.
    assert isinstance(outcomes[11], ConcurrencyError) and outcomes[11].actual == 3
    assert isinstance(outcomes[15], IdempotencyKeyExists) and outcomes[15].record == fresh_key
    assert isinstance(outcomes[13], IdempotencyKeyExists) and outcomes[13].record == used
    assert isinstance(outcomes[18], ConcurrencyError) and outcomes[18].actual == 4

    # Exactly the accepted events are stored: dense positions, in queue order, chained.
    accepted = [a for a, o in zip(attempts, outcomes, strict=True) if isinstance(o, int)]
    expected_ids = [e.event_id for a in accepted for s in a.streams for e in s.events]
    log = await read_all(store)
    assert [e.position for e in log] == list(range(1, len(log) + 1))
    assert [e.event_id for e in log[held_at:]] == expected_ids
    assert [o for o in outcomes if isinstance(o, int)] == sorted(
        o for o in outcomes if isinstance(o, int)
    )
    assert [e.version for e in await store.read_stream(at_one)] == [1, 2, 3, 4]
    assert await store.find_idempotency("fresh") == fresh_key
    assert await store.read_stream(half_stale[0].stream_id) == []
    assert (await verify_chain(store)).ok
    if not isinstance(store, InMemoryEventStore):  # they really shared one transaction
        assert len({e.recorded_at for e in log[held_at:]}) == 1


async def test_each_append_gets_its_own_last_position(store: ContractStore) -> None:
    sizes = [1, 3, 2, 5, 1, 4]
    held_at, outcomes = await behind_a_held_append(store, [Attempt([stream(n)]) for n in sizes])
    ends = [held_at + sum(sizes[: i + 1]) for i in range(len(sizes))]
    assert outcomes == ends
    assert await store.last_position() == ends[-1]


@SQL_ONLY  # the in-memory store is not durable by design
async def test_every_acknowledged_append_of_a_burst_survives_reopening(
    open_store: StoreOpener, store: ContractStore
) -> None:
    await warm_up(store)
    attempts = [stream(2) for _ in range(40)]
    keys = [IdempotencyRecord(f"burst-{i}", "fp", b"r") if i % 3 == 0 else None for i in range(40)]
    positions = await gather_in_order(
        *(store.append([a], key) for a, key in zip(attempts, keys, strict=True))
    )
    assert all(isinstance(p, int) for p in positions)
    before = await read_all(store)
    await store.close()

    reopened = await open_store(migrate=False)
    assert await read_all(reopened) == before
    for attempt, position in zip(attempts, positions, strict=True):
        stored = await reopened.read_stream(attempt.stream_id)
        assert [e.event_id for e in stored] == [e.event_id for e in attempt.events]
        assert stored[-1].position == position
    for key in filter(None, keys):
        assert await reopened.find_idempotency(key.key) == key
    assert (await verify_chain(reopened)).ok


@SQL_ONLY
async def test_a_batch_that_cannot_get_the_lock_fails_whole_and_stores_nothing(
    open_store: StoreOpener, store: ContractStore
) -> None:
    impatient = await open_store(lock_wait=0.1)
    held, release = asyncio.Event(), asyncio.Event()

    async def hold(streams: Sequence[StreamAppend]) -> None:
        held.set()
        await release.wait()

    store.before_commit = hold
    holder = asyncio.create_task(store.append([stream(1)]))
    await held.wait()
    outcomes = await gather_in_order(*(impatient.append([stream(2)]) for _ in range(5)))
    assert all(isinstance(o, StoreUnavailable) for o in outcomes)
    release.set()
    assert await holder == 1
    assert await impatient.append([stream(1)]) == 2


@pytest.mark.parametrize("storage", ["postgres"], indirect=True)
async def test_a_value_the_database_refuses_fails_only_its_own_append(
    store: ContractStore,
) -> None:
    # PostgreSQL text cannot hold NUL: the batch's insert fails, and the store finds
    # the culprit by committing the batch's appends one by one.
    refused = stream(1, stream_type="dossier\x00")
    attempts = [Attempt([stream(2)]) for _ in range(5)]
    attempts.insert(2, Attempt([refused], fails_with=Exception))
    _, outcomes = await behind_a_held_append(store, attempts)
    assert [isinstance(o, int) for o in outcomes] == [True, True, False, True, True, True]
    assert not isinstance(outcomes[2], StoreUnavailable)
    assert len(await read_all(store)) == 1 + 5 * 2
    assert (await verify_chain(store)).ok

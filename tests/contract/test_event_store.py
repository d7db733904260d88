"""The event store contract (see application/ports.py), run against every adapter."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from typing import Protocol
from uuid import UUID, uuid4

import pytest

from application.ports import (
    ConcurrencyError,
    EventStore,
    IdempotencyKeyExists,
    IdempotencyRecord,
    NewEvent,
    RecordedEvent,
    StoreUnavailable,
    StreamAppend,
)
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.postgres.schema import MIGRATIONS as POSTGRES_MIGRATIONS
from infrastructure.sqlite.event_store import SqliteEventStore
from infrastructure.sqlite.schema import MIGRATIONS as SQLITE_MIGRATIONS
from infrastructure.store_support import BeforeCommit


class ContractStore(EventStore, Protocol):
    """What every adapter offers: the port, plus the test hook."""

    before_commit: BeforeCommit | None


class StoreOpener(Protocol):
    """The ``open_store`` fixture (see conftest.py)."""

    def __call__(
        self, *, migrate: bool = True, lock_wait: float | None = None
    ) -> Awaitable[ContractStore]: ...


SQL_ONLY = pytest.mark.parametrize("storage", ["sqlite", "postgres"], indirect=True)


def stream(
    count: int = 2,
    *,
    expected: int = 0,
    stream_id: UUID | None = None,
    stream_type: str = "dossier",
) -> StreamAppend:
    return StreamAppend(
        stream_id=stream_id or uuid4(),
        stream_type=stream_type,
        expected_version=expected,
        events=[
            NewEvent(
                event_id=uuid4(),
                version=expected + n,
                type=f"Event{n}",
                payload=b"\x00\xff payload " + str(n).encode(),
                metadata={"actor": "cán bộ một cửa", "n": n, "tags": ["a", None, 1.5]},
            )
            for n in range(1, count + 1)
        ],
    )


async def read_all(
    store: EventStore, after: int = 0, batch_size: int = 1000
) -> list[RecordedEvent]:
    return [event async for event in store.read_all(after, batch_size)]


async def warm_up(store: EventStore, connections: int = 20) -> None:
    """Open all pooled connections first (concurrent pings), so the concurrent appends
    that follow overlap for real instead of queueing behind connection setup."""
    await asyncio.gather(*(store.ping() for _ in range(connections)))


async def test_append_and_read_back(store: ContractStore) -> None:
    first, second = stream(2, stream_type="dossier"), stream(1, stream_type="receipt")
    assert await store.append([first, second]) == 3
    recorded = await read_all(store)
    assert [e.position for e in recorded] == [1, 2, 3]
    sent = [(s, e) for s in (first, second) for e in s.events]
    for event, (s, new) in zip(recorded, sent, strict=True):
        assert (event.stream_id, event.stream_type, event.version) == (
            s.stream_id,
            s.stream_type,
            new.version,
        )
        assert (event.event_id, event.type, event.payload) == (new.event_id, new.type, new.payload)
        assert isinstance(event.stream_id, UUID) and isinstance(event.payload, bytes)
        assert event.metadata == new.metadata
        assert event.recorded_at.utcoffset() is not None
    assert await store.read_stream(first.stream_id) == recorded[:2]
    assert await store.read_stream(first.stream_id, after_version=1) == recorded[1:2]
    assert await store.read_stream(uuid4()) == []
    more = stream(1, expected=2, stream_id=first.stream_id)
    assert await store.append([more]) == 4
    assert [e.version for e in await store.read_stream(first.stream_id)] == [1, 2, 3]
    assert [e.position for e in await read_all(store)] == [1, 2, 3, 4]


async def test_multi_stream_append_is_atomic(store: ContractStore) -> None:
    existing = stream(1)
    await store.append([existing])
    fresh = stream(2)
    with pytest.raises(ConcurrencyError) as raised:
        await store.append([fresh, stream(1, expected=0, stream_id=existing.stream_id)])
    assert (raised.value.stream_id, raised.value.expected, raised.value.actual) == (
        existing.stream_id,
        0,
        1,
    )
    assert await store.read_stream(fresh.stream_id) == []
    assert await store.last_position() == 1


async def test_expected_version_conflicts_report_the_actual_version(store: ContractStore) -> None:
    s = stream(2)
    await store.append([s])
    for expected in (0, 1, 3):
        with pytest.raises(ConcurrencyError) as raised:
            await store.append([stream(1, expected=expected, stream_id=s.stream_id)])
        assert (raised.value.expected, raised.value.actual) == (expected, 2)
    with pytest.raises(ConcurrencyError) as raised:
        await store.append([stream(1, expected=4)])  # a new stream is at version 0
    assert raised.value.actual == 0
    assert await store.append([stream(1, expected=2, stream_id=s.stream_id)]) == 3


async def test_malformed_appends_are_rejected(store: ContractStore) -> None:
    s = stream(1)
    bad_version = StreamAppend(s.stream_id, "dossier", 0, [NewEvent(uuid4(), 2, "T", b"")])
    for streams in ([], [StreamAppend(uuid4(), "dossier", 0, [])], [s, s], [bad_version]):
        with pytest.raises(ValueError):
            await store.append(streams)
    assert await store.last_position() == 0


async def test_concurrent_appends_to_one_stream_have_one_winner(store: ContractStore) -> None:
    s = stream(1)
    await store.append([s])
    attempts = [stream(2, expected=1, stream_id=s.stream_id) for _ in range(20)]
    await warm_up(store)
    results = await asyncio.gather(*(store.append([a]) for a in attempts), return_exceptions=True)
    winners = [a for a, r in zip(attempts, results, strict=True) if isinstance(r, int)]
    conflicts = [r for r in results if isinstance(r, ConcurrencyError)]
    assert (len(winners), len(conflicts)) == (1, 19)
    assert all(c.actual == 3 for c in conflicts)
    stored = await store.read_stream(s.stream_id, after_version=1)
    assert [e.event_id for e in stored] == [e.event_id for e in winners[0].events]
    assert await store.last_position() == 3


async def test_idempotency_key_is_stored_with_the_append(store: ContractStore) -> None:
    record = IdempotencyRecord("cmd-1", "fp-1", b"\x01first answer")
    assert await store.find_idempotency("cmd-1") is None
    position = await store.append([stream(2)], record)
    assert await store.find_idempotency("cmd-1") == record
    retry = stream(1)
    with pytest.raises(IdempotencyKeyExists) as raised:
        await store.append([retry], IdempotencyRecord("cmd-1", "fp-2", b"other"))
    assert raised.value.record == record
    assert await store.read_stream(retry.stream_id) == []
    assert await store.last_position() == position == 2


async def test_concurrent_appends_with_one_key_store_once(store: ContractStore) -> None:
    attempts = [stream(2) for _ in range(10)]
    await warm_up(store)
    results = await asyncio.gather(
        *(
            store.append([a], IdempotencyRecord("k", f"fp{i}", b"r"))
            for i, a in enumerate(attempts)
        ),
        return_exceptions=True,
    )
    assert sum(isinstance(r, int) for r in results) == 1
    assert sum(isinstance(r, IdempotencyKeyExists) for r in results) == 9
    assert len(await read_all(store)) == 2
    winner = next(i for i, r in enumerate(results) if isinstance(r, int))
    assert await store.find_idempotency("k") == IdempotencyRecord("k", f"fp{winner}", b"r")


async def test_readers_never_skip_a_late_commit(store: ContractStore) -> None:
    """Writers run while readers follow positions; one append holds its transaction
    open (with the write lock) until the readers have polled past it several times.
    Every reader must see every position exactly once, in order."""
    slow = stream(3)
    held, polled_while_held = asyncio.Event(), asyncio.Event()
    committed = asyncio.Event()

    async def hold(streams: Sequence[StreamAppend]) -> None:
        if streams[0].stream_id == slow.stream_id:
            held.set()
            await asyncio.sleep(0.2)  # let the late writers queue up on the lock
            await polled_while_held.wait()

    store.before_commit = hold
    writers_done = asyncio.Event()

    async def reader() -> list[int]:
        seen: list[int] = []
        polls_while_held = 0
        while True:
            finished = writers_done.is_set()  # checked before the last read, not after
            seen += [e.position async for e in store.read_all(seen[-1] if seen else 0, 4)]
            if held.is_set() and not committed.is_set():
                polls_while_held += 1
                if polls_while_held >= 5:
                    polled_while_held.set()
            if finished:
                return seen
            await asyncio.sleep(0)

    async def writer() -> None:
        for _ in range(10):
            await store.append([stream(2)])

    async def slow_writer() -> None:
        await store.append([slow])
        committed.set()

    await warm_up(store)
    async with asyncio.timeout(20):
        readers = [asyncio.create_task(reader()) for _ in range(2)]
        early = [asyncio.create_task(writer()) for _ in range(4)]
        slow_task = asyncio.create_task(slow_writer())
        await held.wait()
        late = [asyncio.create_task(writer()) for _ in range(4)]
        await asyncio.gather(*early, slow_task, *late)
        writers_done.set()
        seen_by_readers = await asyncio.gather(*readers)
    total = 8 * 10 * 2 + 3
    for seen in seen_by_readers:
        assert seen == list(range(1, total + 1))
    slow_positions = [e.position for e in await store.read_stream(slow.stream_id)]
    assert slow_positions == list(range(slow_positions[0], slow_positions[0] + 3))


async def test_read_all_in_batches(store: ContractStore) -> None:
    for _ in range(5):
        await store.append([stream(2)])
    expected = await read_all(store)
    assert [e.position for e in expected] == list(range(1, 11))
    assert await read_all(store, batch_size=3) == expected
    assert await read_all(store, after=4, batch_size=3) == expected[4:]
    assert await read_all(store, after=10, batch_size=3) == []
    assert await read_all(store, after=9, batch_size=1) == expected[9:]


async def test_stream_version_is_the_newest_events(store: ContractStore) -> None:
    first = stream(3)
    await store.append([first, stream(2)])
    assert await store.stream_version(first.stream_id) == 3
    await store.append([stream(1, expected=3, stream_id=first.stream_id)])
    assert await store.stream_version(first.stream_id) == 4
    assert await store.stream_version(uuid4()) == 0


async def test_last_position_and_ping(store: ContractStore) -> None:
    await store.ping()
    assert await store.last_position() == 0
    await store.append([stream(3)])
    assert await store.last_position() == 3
    await store.close()
    with pytest.raises(StoreUnavailable):
        await store.ping()


@SQL_ONLY  # the in-memory store is not durable by design
async def test_events_and_keys_survive_reopening(
    open_store: StoreOpener, store: ContractStore
) -> None:
    record = IdempotencyRecord("durable", "fp", b"answer")
    await store.append([stream(2)], record)
    before = await read_all(store)
    await store.close()
    reopened = await open_store(migrate=False)
    assert await read_all(reopened) == before
    assert await reopened.find_idempotency("durable") == record
    assert await reopened.append([stream(1)]) == 3


@SQL_ONLY
async def test_migrate_is_versioned_and_idempotent(open_store: StoreOpener) -> None:
    first, second = await open_store(migrate=False), await open_store(migrate=False)
    assert isinstance(first, SqliteEventStore | PostgresEventStore)
    assert isinstance(second, SqliteEventStore | PostgresEventStore)
    applied = await asyncio.gather(first.migrate(), second.migrate())  # they take turns
    steps = POSTGRES_MIGRATIONS if isinstance(first, PostgresEventStore) else SQLITE_MIGRATIONS
    assert sorted(applied) == [[], [m.version for m in steps]]
    await first.append([stream(1)])
    assert await first.migrate() == []
    assert await second.last_position() == 1


@SQL_ONLY
async def test_waiting_too_long_for_the_write_lock_is_unavailable(
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
    with pytest.raises(StoreUnavailable):
        await impatient.append([stream(1)])
    release.set()
    assert await holder == 1
    assert await impatient.append([stream(1)]) == 2


async def test_unreachable_postgres_is_unavailable() -> None:
    with pytest.raises(StoreUnavailable):
        await PostgresEventStore.open("postgresql://postgres@127.0.0.1:9/x", statement_timeout=2)

"""Broker publishing on every backend's projection store (memory, SQLite, PostgreSQL),
with the in-memory broker: every committed event published, in order, and the position
kept in ``projection_positions`` moves only past what the broker confirmed."""

from __future__ import annotations

import asyncio
from contextlib import suppress

from infrastructure.memory.publisher import InMemoryPublisher
from projections.outbound.broker import BrokerMessage, broker_publishing
from projections.outbound.relay import RelayRunner
from projections.runner import State
from tests.contract.projections.conftest import Backend, BackendOpener, raw_source
from tests.contract.projections.test_runner import runner_on
from tests.contract.test_event_store import ContractStore
from tests.outbound.support import (
    FAST,
    assert_in_commit_order_per_stream,
    decoding_source,
    events_of,
    file_dossiers,
    no_personal_data,
)


def broker_on(
    backend: Backend, store: ContractStore, publisher: InMemoryPublisher
) -> RelayRunner[BrokerMessage]:
    return broker_publishing(
        publisher,
        backend.views.positions("broker"),
        decoding_source(store),
        backend.views.wakeups,
        FAST,
    )


async def run_until_cancelled(runner: RelayRunner[BrokerMessage]) -> asyncio.Task[None]:
    return asyncio.create_task(runner.run())


async def stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    with suppress(asyncio.CancelledError):
        await task


async def confirmed_position(backend: Backend) -> int:
    tracking = await backend.views.positions("broker").tracking()
    return tracking.position if tracking else 0


async def test_every_committed_event_is_published_once_in_order_without_personal_data(
    store: ContractStore, open_backend: BackendOpener
) -> None:
    # Six dossiers (12 published events) and a register stream (7 events, never published).
    await file_dossiers(store, 6)
    head = await store.last_position()
    backend, publisher = await open_backend(), InMemoryPublisher()
    runner = broker_on(backend, store, publisher)
    task = await run_until_cancelled(runner)
    await runner.wait_for(head)
    await stop(task)
    events = events_of(publisher.received)
    assert [event["position"] for event in events] == list(range(1, 13))
    assert {event["type"] for event in events} == {
        "vn.gov.motcua.dossier.submitted",
        "vn.gov.motcua.dossier.received",
    }
    assert_in_commit_order_per_stream(events)
    assert no_personal_data(publisher.received)
    assert publisher.received[0].routing_key == "dossier.submitted.02644"
    assert publisher.received[0].message_id == events[0]["id"]
    # The position includes the unpublished events after them, and survives the runner:
    # another process reads it back from the store.
    assert runner.position == head == 19
    assert await confirmed_position(await open_backend()) == head


async def test_the_position_advances_only_once_the_broker_confirmed(
    store: ContractStore, open_backend: BackendOpener
) -> None:
    await file_dossiers(store, 2)
    backend, publisher = await open_backend(), InMemoryPublisher()
    publisher.confirm = asyncio.Event()
    runner = broker_on(backend, store, publisher)
    task = await run_until_cancelled(runner)
    await publisher.wait_until(lambda: bool(publisher.received))
    await asyncio.sleep(0.05)
    # The broker holds the messages but has not confirmed them: the position stays.
    assert len(publisher.received) == 4
    assert runner.position == 0 and await confirmed_position(backend) == 0
    publisher.confirm.set()
    await runner.wait_for(await store.last_position())
    await stop(task)
    assert await confirmed_position(backend) == await store.last_position()


async def test_after_a_crash_it_publishes_again_from_the_last_confirmed_position(
    store: ContractStore, open_backend: BackendOpener
) -> None:
    await file_dossiers(store, 10)  # 20 published events: batches of 10 positions
    backend, first = await open_backend(), InMemoryPublisher()
    runner = broker_on(backend, store, first)
    task = await run_until_cancelled(runner)
    await runner.wait_for(10)
    # The broker stops confirming; the process dies with the second batch in flight.
    first.confirm = asyncio.Event()
    await first.wait_until(lambda: len(first.received) > 10)
    await stop(task)
    assert await confirmed_position(backend) == 10
    # The next runner (another process) starts from 10: the unconfirmed batch goes again.
    again, second = await open_backend(), InMemoryPublisher()
    runner = broker_on(again, store, second)
    task = await run_until_cancelled(runner)
    await runner.wait_for(await store.last_position())
    await stop(task)
    assert [event["position"] for event in events_of(second.received)] == list(range(11, 21))
    published = {event["id"] for event in events_of(first.received + second.received)}
    assert len(published) == 20  # at least once: none lost
    assert_in_commit_order_per_stream(events_of(first.received + second.received))


async def test_while_the_broker_is_away_filings_and_other_projections_go_on(
    store: ContractStore, open_backend: BackendOpener
) -> None:
    backend, publisher = await open_backend(), InMemoryPublisher()
    publisher.available = False
    broker = broker_on(backend, store, publisher)
    counting = runner_on(backend, raw_source(store))
    tasks = [await run_until_cancelled(broker), asyncio.create_task(counting.run())]
    # Dossiers are filed while the broker is away; another projection keeps up with them.
    await file_dossiers(store, 3)
    await file_dossiers(store, 3, first=4)
    head = await store.last_position()
    await counting.wait_for(head, within=10)
    await publisher.wait_until(lambda: publisher.attempts >= 3)
    assert broker.position == 0 and broker.state != State.FAILED
    assert broker.last_error is not None and "unavailable" in broker.last_error
    assert broker.status(head).lag == head
    # The broker is back: the backlog drains, in order, nothing lost.
    publisher.available = True
    await broker.wait_for(head, within=10)
    for task in tasks:
        await stop(task)
    events = events_of(publisher.received)
    assert len(events) == 12 and len({event["id"] for event in events}) == 12
    assert [event["position"] for event in events] == sorted(event["position"] for event in events)
    assert broker.last_error is None and await confirmed_position(backend) == head

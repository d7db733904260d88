"""Broker publishing against the real RabbitMQ (127.0.0.1:5672, guest/guest, or
``MOTCUA_TEST_BROKER_URL``): a test queue bound to a test exchange reads back what the
broker projection published, in order, all of it, also across a broker outage."""

from __future__ import annotations

import asyncio
import json
import os
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import aio_pika
import pytest
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage

from application.context import Context
from application.dossiers.commands import FileDossier
from domain.dossiers.dossier import Document
from domain.dossiers.status import Channel
from domain.shared import Role
from infrastructure.clock import FixedClock
from infrastructure.memory.event_store import InMemoryEventStore
from infrastructure.rabbitmq import RabbitMqPublisher
from interfaces.bootstrap import App, bootstrap
from projections.outbound.broker import (
    BrokerMessage,
    BrokerUnavailable,
    Publisher,
    broker_publishing,
)
from projections.outbound.relay import RelayRunner
from tests.examples import (
    APP_CALENDAR,
    APP_MONDAY_9AM,
    APPLICANT,
    MERIT,
    officer,
)
from tests.outbound.support import FAST, assert_in_commit_order_per_stream
from tests.outbound.tcp_proxy import TcpProxy

pytestmark = pytest.mark.integration

BROKER_URL = os.environ.get("MOTCUA_TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/")


class Watched:
    """The RabbitMQ publisher, telling the test of each failed publish."""

    def __init__(self, publisher: RabbitMqPublisher) -> None:
        self.publisher = publisher
        self.failures: asyncio.Queue[str] = asyncio.Queue()

    async def publish(self, messages: Sequence[BrokerMessage]) -> None:
        try:
            await self.publisher.publish(messages)
        except BrokerUnavailable as outage:
            self.failures.put_nowait(str(outage))
            raise

    async def failed(self, times: int) -> None:
        for _ in range(times):
            await asyncio.wait_for(self.failures.get(), 10)

    async def close(self) -> None:
        await self.publisher.close()


@dataclass
class Broker:
    channel: AbstractChannel
    exchange: str
    inbox: asyncio.Queue[AbstractIncomingMessage]

    async def read(self, count: int, within: float = 10.0) -> list[AbstractIncomingMessage]:
        return [await asyncio.wait_for(self.inbox.get(), within) for _ in range(count)]


@pytest.fixture
async def broker() -> AsyncIterator[Broker]:
    """A test exchange (its own name, deleted at the end) and a queue bound to all of it."""
    try:
        connection = await aio_pika.connect(BROKER_URL, timeout=5)
    except Exception as error:  # the suite never skips a service silently
        pytest.fail(
            f"RabbitMQ is not reachable at {BROKER_URL} ({error}): start it with "
            "`rabbitmq-server -detached`, or set MOTCUA_TEST_BROKER_URL"
        )
    exchange = f"motcua.events.test-{uuid.uuid4().hex[:8]}"
    async with connection:
        channel = await connection.channel()
        declared = await channel.declare_exchange(
            exchange, aio_pika.ExchangeType.TOPIC, durable=True
        )
        queue = await channel.declare_queue(exclusive=True)
        # The unit registry's events (recorded at start) are published too; these tests
        # follow the dossiers.
        await queue.bind(declared, routing_key="dossier.#")
        inbox: asyncio.Queue[AbstractIncomingMessage] = asyncio.Queue()
        await queue.consume(inbox.put, no_ack=True)
        yield Broker(channel, exchange, inbox)
        await declared.delete()


@pytest.fixture
async def app() -> AsyncIterator[App]:
    app = await bootstrap(
        store=InMemoryEventStore(), clock=FixedClock(APP_MONDAY_9AM), calendar=APP_CALENDAR
    )
    yield app
    await app.close()


async def file(app: App, count: int) -> None:
    """``count`` dossiers received at a desk through the use case, as a clerk does."""
    clerk = Context(officer(Role.CLERK))
    for _ in range(count):
        await app.dossiers.receive_at_desk(
            clerk, FileDossier(MERIT, APPLICANT, (Document("Bản khai"),), Channel.DESK)
        )


def runner_for(app: App, publisher: Publisher, batch_size: int = 10) -> RelayRunner[Any]:
    options = replace(FAST, batch_size=batch_size)
    return broker_publishing(
        publisher, app.views.positions("broker"), app.projections.source, app.views.wakeups, options
    )


def body(message: AbstractIncomingMessage) -> dict[str, Any]:
    event: dict[str, Any] = json.loads(message.body)
    return event


async def published_ids(app: App) -> list[str]:
    """The ids of every event the broker must have had: dossier events, in log order."""
    return [
        str(recorded.event_id)
        async for recorded in app.store.read_all(0, 1000)
        if recorded.stream_type == "Dossier"
    ]


async def test_filed_dossiers_reach_a_bound_queue_in_order_confirmed_and_persistent(
    app: App, broker: Broker
) -> None:
    # 150 dossiers: 300 published events (their receipt register's entries are not).
    await file(app, 150)
    head = await app.store.last_position()
    publisher = RabbitMqPublisher(BROKER_URL, exchange=broker.exchange)
    runner = runner_for(app, publisher, batch_size=500)  # one batch, its confirms together
    task = asyncio.create_task(runner.run())
    try:
        await runner.wait_for(head, within=20)
        messages = await broker.read(300)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await publisher.close()
    events = [body(message) for message in messages]
    assert [event["id"] for event in events] == await published_ids(app)
    assert [event["position"] for event in events] == sorted(e["position"] for e in events)
    assert [event["type"].rsplit(".", 1)[1] for event in events[:2]] == ["submitted", "received"]
    first = messages[0]
    assert first.routing_key == "dossier.submitted.02644"
    assert first.delivery_mode == aio_pika.DeliveryMode.PERSISTENT
    assert first.message_id == events[0]["id"]
    assert first.content_type == "application/cloudevents+json; charset=utf-8"
    assert APPLICANT.full_name not in first.body.decode()
    tracking = await app.views.positions("broker").tracking()
    assert tracking is not None and tracking.position == head
    assert broker.inbox.empty()  # each event once: nothing was published twice


async def test_a_broker_that_goes_away_gets_the_backlog_when_it_is_back(
    app: App, broker: Broker
) -> None:
    target = urlsplit(BROKER_URL)
    proxy = TcpProxy(target.hostname or "127.0.0.1", target.port or 5672)
    url = BROKER_URL.replace(f"{target.hostname}:{target.port}", f"127.0.0.1:{proxy.port}")
    publisher = Watched(RabbitMqPublisher(url, exchange=broker.exchange, timeout=2))
    runner = runner_for(app, publisher)
    task = asyncio.create_task(runner.run())
    try:
        # The broker is away from the start (a dead port): filings go on, nothing is lost.
        await file(app, 3)
        await publisher.failed(2)
        assert runner.position == 0 and "unavailable" in str(runner.last_error)
        await proxy.start()
        await runner.wait_for(await app.store.last_position(), within=20)
        # It goes away again, with a live connection cut; more filings meanwhile.
        publisher.failures = asyncio.Queue()  # count only the failures of this outage
        await proxy.stop()
        confirmed = runner.position
        await file(app, 4)
        await publisher.failed(2)
        assert runner.position == confirmed
        await proxy.start()
        head = await app.store.last_position()
        await runner.wait_for(head, within=20)
        expected = await published_ids(app)
        messages = await broker.read(len(expected))
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await publisher.close()
        await proxy.stop()
    events = [body(message) for message in messages]
    assert {event["id"] for event in events} == set(expected)  # none lost
    assert_in_commit_order_per_stream(events)
    tracking = await app.views.positions("broker").tracking()
    assert tracking is not None and tracking.position == head


async def test_a_connection_cut_with_confirms_pending_is_an_outage_and_all_go_again(
    broker: Broker,
) -> None:
    target = urlsplit(BROKER_URL)
    proxy = TcpProxy(target.hostname or "127.0.0.1", target.port or 5672)
    url = BROKER_URL.replace(f"{target.hostname}:{target.port}", f"127.0.0.1:{proxy.port}")
    publisher = RabbitMqPublisher(url, exchange=broker.exchange, timeout=5)
    batch = [
        BrokerMessage("dossier.received.02644", str(uuid.uuid4()), "t", b"{}", position)
        for position in range(1, 2001)
    ]
    await proxy.start()
    try:
        publishing = asyncio.create_task(publisher.publish(batch))
        await asyncio.sleep(0.02)  # some of the batch is out, its confirms are not all back
        await proxy.stop()
        with pytest.raises(BrokerUnavailable):
            await publishing
        await proxy.start()
        await publisher.publish(batch)  # the whole batch again, on a new connection
    finally:
        await publisher.close()
        await proxy.stop()
    ids: list[str] = []
    while set(ids) != {message.message_id for message in batch}:
        ids.append(str((await broker.read(1))[0].message_id))
    assert len(ids) >= len(batch)  # at least once; those out before the cut come twice

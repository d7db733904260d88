"""The RabbitMQ publisher's failures are outages, whatever shape the library gives them:
the broker projection then retries instead of stopping."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from infrastructure.rabbitmq import RabbitMqPublisher
from projections.outbound.broker import BrokerMessage, BrokerUnavailable

MESSAGE = BrokerMessage("dossier.received.02644", "id-1", "t", b"{}", 1)


class CancellingChannel:
    """What aiormq does to a pending confirm when its connection closes."""

    async def basic_publish(self, *args: Any, **kwargs: Any) -> None:
        raise asyncio.CancelledError()


async def test_a_confirm_cancelled_by_the_library_is_an_outage_not_a_stop() -> None:
    publisher = RabbitMqPublisher("amqp://guest:guest@127.0.0.1:1/")
    publisher._channel = CancellingChannel()  # type: ignore[assignment]
    with pytest.raises(BrokerUnavailable, match="connection closed"):
        await publisher.publish([MESSAGE])
    assert publisher._channel is None  # the next publish connects again


async def test_a_dead_port_is_an_outage_and_nothing_connects_before_the_first_publish() -> None:
    publisher = RabbitMqPublisher("amqp://guest:guest@127.0.0.1:1/", timeout=2)
    assert publisher._connection is None
    with pytest.raises(BrokerUnavailable):
        await publisher.publish([MESSAGE])
    await publisher.close()

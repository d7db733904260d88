"""The broker :class:`Publisher` on RabbitMQ, with aio-pika.

A durable topic exchange (``motcua.events``), persistent messages, publisher confirms:
:meth:`RabbitMqPublisher.publish` returns only once RabbitMQ has confirmed every message
of the batch (each then sits in every queue bound to its routing key, on disk for
durable queues). A batch is published on one channel, in order, and its confirms are
awaited together. Messages that no queue is bound for are dropped by the broker, as
AMQP does: a consumer that must not miss anything binds a durable queue, or resumes
from the feed by position.

The connection opens at the first publish, never at start-up (a broker that is away
delays nothing); any failure closes it and raises :class:`BrokerUnavailable`, and the
next publish connects again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from contextlib import suppress
from typing import Any, cast

import aio_pika
import aiormq
from aio_pika.abc import AbstractConnection
from aio_pika.exceptions import CONNECTION_EXCEPTIONS
from pamqp.commands import Basic

from projections.outbound.broker import CONTENT_TYPE, EXCHANGE, BrokerMessage, BrokerUnavailable

_FAILURES = (*CONNECTION_EXCEPTIONS, TimeoutError)
_PERSISTENT = 2


class RabbitMqPublisher:
    def __init__(self, url: str, *, exchange: str = EXCHANGE, timeout: float = 10.0) -> None:
        self.url = url
        self.exchange_name = exchange
        self.timeout = timeout
        self._connection: AbstractConnection | None = None
        self._channel: aiormq.Channel | None = None
        self._lock = asyncio.Lock()

    async def publish(self, messages: Sequence[BrokerMessage]) -> None:
        async with self._lock:
            try:
                channel = await self._open()
                # aio-pika's own publish waits, per message, until the frames are written
                # out before the next may go: a round trip through the writer task each,
                # which a busy server's event loop makes slow (the relay fell seconds
                # behind under load). Its channel's publish without that wait queues the
                # batch in order at once; the confirms are then awaited together.
                outcomes = await asyncio.gather(
                    *(self._publish(channel, message) for message in messages),
                    return_exceptions=True,
                )
                for outcome in outcomes:
                    if isinstance(outcome, asyncio.CancelledError):
                        # Not this task's cancellation (gather would have raised): the
                        # library cancelled a pending confirm as its connection closed.
                        raise ConnectionError("a confirm was cancelled: the connection closed")
                    if isinstance(outcome, BaseException):
                        raise outcome
                    if not isinstance(outcome, Basic.Ack):
                        raise ConnectionError(f"the broker did not confirm: {outcome!r}")
            except _FAILURES as error:
                await self._drop()
                raise BrokerUnavailable(f"{type(error).__name__}: {error}") from error

    async def _publish(self, channel: aiormq.Channel, message: BrokerMessage) -> Any:
        return await channel.basic_publish(
            message.body,
            exchange=self.exchange_name,
            routing_key=message.routing_key,
            properties=Basic.Properties(
                content_type=CONTENT_TYPE,
                delivery_mode=_PERSISTENT,
                message_id=message.message_id,
                message_type=message.type,
                app_id="motcua",
            ),
            timeout=self.timeout,
            wait=False,
        )

    async def _open(self) -> aiormq.Channel:
        if self._channel is None:
            connection = await aio_pika.connect(self.url, timeout=self.timeout)
            try:
                channel = await connection.channel(publisher_confirms=True)
                await channel.declare_exchange(
                    self.exchange_name, aio_pika.ExchangeType.TOPIC, durable=True
                )
                self._channel = cast(aiormq.Channel, await channel.get_underlay_channel())
            except BaseException:
                await connection.close()
                raise
            self._connection = connection
        return self._channel

    async def _drop(self) -> None:
        connection, self._connection, self._channel = self._connection, None, None
        if connection is not None:
            with suppress(*_FAILURES):
                await connection.close()

    async def close(self) -> None:
        async with self._lock:
            await self._drop()

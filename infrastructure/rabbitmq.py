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

import aio_pika
from aio_pika.abc import AbstractConnection, AbstractExchange
from aio_pika.exceptions import CONNECTION_EXCEPTIONS

from projections.outbound.broker import CONTENT_TYPE, EXCHANGE, BrokerMessage, BrokerUnavailable

_FAILURES = (*CONNECTION_EXCEPTIONS, TimeoutError)


class RabbitMqPublisher:
    def __init__(self, url: str, *, exchange: str = EXCHANGE, timeout: float = 10.0) -> None:
        self.url = url
        self.exchange_name = exchange
        self.timeout = timeout
        self._connection: AbstractConnection | None = None
        self._exchange: AbstractExchange | None = None
        self._lock = asyncio.Lock()

    async def publish(self, messages: Sequence[BrokerMessage]) -> None:
        async with self._lock:
            try:
                exchange = await self._open()
                # One channel sends in the order the publishes start; confirms come back
                # together instead of one round trip per message.
                outcomes = await asyncio.gather(
                    *(self._publish(exchange, message) for message in messages),
                    return_exceptions=True,
                )
                for outcome in outcomes:
                    if isinstance(outcome, asyncio.CancelledError):
                        # Not this task's cancellation (gather would have raised): the
                        # library cancelled a pending confirm as its connection closed.
                        raise ConnectionError("a confirm was cancelled: the connection closed")
                    if isinstance(outcome, BaseException):
                        raise outcome
            except _FAILURES as error:
                await self._drop()
                raise BrokerUnavailable(f"{type(error).__name__}: {error}") from error

    async def _publish(self, exchange: AbstractExchange, message: BrokerMessage) -> None:
        await exchange.publish(
            aio_pika.Message(
                message.body,
                content_type=CONTENT_TYPE,
                delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                message_id=message.message_id,
                type=message.type,
                app_id="motcua",
            ),
            routing_key=message.routing_key,
            mandatory=False,
            timeout=self.timeout,
        )

    async def _open(self) -> AbstractExchange:
        if self._exchange is None:
            connection = await aio_pika.connect(self.url, timeout=self.timeout)
            try:
                channel = await connection.channel(publisher_confirms=True)
                self._exchange = await channel.declare_exchange(
                    self.exchange_name, aio_pika.ExchangeType.TOPIC, durable=True
                )
            except BaseException:
                await connection.close()
                raise
            self._connection = connection
        return self._exchange

    async def _drop(self) -> None:
        connection, self._connection, self._exchange = self._connection, None, None
        if connection is not None:
            with suppress(*_FAILURES):
                await connection.close()

    async def close(self) -> None:
        async with self._lock:
            await self._drop()

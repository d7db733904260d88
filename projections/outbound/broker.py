"""Publishing every published event to a message broker (RabbitMQ: the topic exchange
``motcua.events``), as an outbound projection with a position of its own.

Each event becomes one persistent message: body the CloudEvent (structured mode), message
id its ``id``, routing key ``<stream>.<event>.<unit>``. The :class:`Publisher` returns
once the broker has confirmed the whole batch; only then does the position advance (see
:mod:`projections.outbound.relay`). The broker away: the runner retries with back-off,
the rest of the server does not wait for it, and the backlog drains when it is back.
Without a broker URL, build none of this: nothing is published and nothing fails.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from projections.outbound.cloud_events import DEFAULT_SOURCE, cloud_event, routing_key
from projections.outbound.event_types import PUBLISHED_TOPICS
from projections.outbound.relay import DeliveryUnavailable, Outbox, RelayRunner
from projections.ports import Binding, Envelope, ProjectionStore, WakeUps
from projections.runner import RunnerOptions
from projections.source import EventSource

NAME = "broker"
EXCHANGE = "motcua.events"
CONTENT_TYPE = "application/cloudevents+json; charset=utf-8"


@dataclass(frozen=True)
class BrokerMessage:
    routing_key: str
    message_id: str
    """The CloudEvent's ``id``: consumers drop what they already have."""
    type: str
    body: bytes
    position: int


class BrokerUnavailable(DeliveryUnavailable):
    """The broker cannot be reached, or did not confirm (a nack, a closed channel)."""


class Publisher(Protocol):
    async def publish(self, messages: Sequence[BrokerMessage]) -> None:
        """Publish in this order; return once the broker has confirmed every one. Raise
        :class:`BrokerUnavailable` otherwise (some may have gone: all go again)."""
        ...

    async def close(self) -> None: ...


def broker_message(event: dict[str, Any]) -> BrokerMessage:
    body = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()
    return BrokerMessage(routing_key(event), event["id"], event["type"], body, event["position"])


class BrokerProjection:
    """Maps the published events of each batch to broker messages."""

    name = NAME
    version = 1
    topics: frozenset[str] | None = PUBLISHED_TOPICS

    def __init__(self, source: str = DEFAULT_SOURCE) -> None:
        self.source = source

    async def handle(self, envelope: Envelope, view: Outbox[BrokerMessage]) -> None:
        event = cloud_event(envelope.recorded, envelope.event, self.source)
        if event is not None:
            view.add(broker_message(event))


def broker_publishing(
    publisher: Publisher,
    positions: ProjectionStore[Any],
    source: EventSource,
    wakeups: WakeUps,
    options: RunnerOptions | None = None,
    *,
    cloud_source: str = DEFAULT_SOURCE,
) -> RelayRunner[BrokerMessage]:
    """The broker's runner: ``await runner.run()`` in a task until cancelled. ``positions``
    is a position-only store named :data:`NAME` on the views' backend."""
    binding: Binding[Outbox[BrokerMessage]] = Binding(
        lambda: BrokerProjection(cloud_source), positions
    )
    return RelayRunner(binding, source, wakeups, publisher.publish, options)

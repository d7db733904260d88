"""What a subscription is sent: one CloudEvent per matching published event, as the
broker's message is (``projections/outbound/cloud_events.py``: no personal data)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from uuid import UUID

from domain.subscriptions.subscription import wants
from projections.outbound.cloud_events import DEFAULT_SOURCE, cloud_event
from projections.outbound.event_types import PUBLISHED_TOPICS
from projections.outbound.relay import Outbox
from projections.ports import Envelope

CONTENT_TYPE = "application/cloudevents+json; charset=utf-8"


@dataclass(frozen=True)
class Target:
    """A subscription as its deliveries need it; the secret opened, held in memory only."""

    id: UUID
    url: str
    types: tuple[str, ...]
    units: tuple[str, ...]
    secret: str
    since: int
    """The log position of its creation: deliveries start after it."""


@dataclass(frozen=True)
class WebhookMessage:
    event_id: str
    position: int
    type: str
    subject: str
    """The stream id: events of one subject are delivered in order, one at a time."""
    body: bytes


class WebhookProjection:
    """Maps the published events that a subscription wants to its messages."""

    version = 1
    topics: frozenset[str] | None = PUBLISHED_TOPICS

    def __init__(self, target: Target, name: str, source: str = DEFAULT_SOURCE) -> None:
        self.target = target
        self.name = name
        self.source = source

    async def handle(self, envelope: Envelope, view: Outbox[WebhookMessage]) -> None:
        event = cloud_event(envelope.recorded, envelope.event, self.source)
        if event is None or not wants(
            self.target.types, self.target.units, event["type"], event["unit"]
        ):
            return
        body = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()
        view.add(
            WebhookMessage(event["id"], event["position"], event["type"], event["subject"], body)
        )

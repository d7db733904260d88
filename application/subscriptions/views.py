"""What the subscription use cases answer. No answer holds the secret: it is write-only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID


@dataclass(frozen=True)
class SubscriptionCreated:
    id: UUID


@dataclass(frozen=True)
class ReplayAccepted:
    id: UUID
    after: int
    """Delivery starts again after this log position."""
    version: int
    """The subscription's version (its replays are events)."""


class Outcome(StrEnum):
    DELIVERED = "delivered"
    """The subscriber answered 2xx."""
    FAILED = "failed"
    """Not acknowledged (a non-2xx, a time-out, no connection); it will be tried again."""
    DEAD = "dead"
    """Not acknowledged after the last attempt (or the destination was refused): the dead
    letter. A replay from before its position delivers it again."""


@dataclass(frozen=True)
class Delivery:
    """One attempt to deliver one event."""

    event_id: str
    """The CloudEvent's id and the ``webhook-id``: the same for every attempt."""
    position: int
    type: str
    subject: str
    attempt: int
    outcome: Outcome
    status: int | None
    """The subscriber's HTTP status, when it answered."""
    error: str | None
    at: datetime


@dataclass(frozen=True)
class Deliveries:
    id: UUID
    position: int
    """Every matching event up to here was delivered or dead-lettered."""
    items: list[Delivery]
    """Newest first."""
    relay: str | None = None
    """The state of its relay in the server that answers (``live``, ``catching_up``,
    ``standby`` while another server runs it, ``failed``); none when it runs nowhere here."""
    relay_error: str | None = None

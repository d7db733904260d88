"""A webhook subscription: where to deliver which published events, and the replays asked
of it. Its deliveries are not events of this stream (they would be one per event and
subscriber); they are the outbound relay's log (``projections/outbound/webhooks``).

The signing secret arrives sealed (ciphertext under a key of the subscription's own, see
``application/subscriptions/service.py``): the stream, its history and the audit log never
hold it in the clear.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.shared import Actor


class Subscription(Aggregate):
    class Subscribed(Aggregate.Created):
        url: str
        types: tuple[str, ...]
        """CloudEvents types delivered; empty: every published type."""
        units: tuple[str, ...]
        """Units whose events are delivered (the acting unit); empty: every unit."""
        sealed_secret: str
        actor: Actor

    class Replayed(Aggregate.Event):
        after: int
        """Deliver again every matching event after this log position."""
        actor: Actor

    @event(Subscribed)
    def __init__(
        self,
        id: UUID,
        url: str,
        types: tuple[str, ...],
        units: tuple[str, ...],
        sealed_secret: str,
        actor: Actor,
        timestamp: datetime,
    ) -> None:
        self.url = url
        self.types = tuple(types)
        self.units = tuple(units)
        self.sealed_secret = sealed_secret
        self.replays = 0

    @classmethod
    def subscribe(
        cls,
        *,
        id: UUID,
        url: str,
        types: tuple[str, ...],
        units: tuple[str, ...],
        sealed_secret: str,
        actor: Actor,
        at: datetime,
    ) -> Subscription:
        return cls(
            id=id,
            url=url,
            types=types,
            units=units,
            sealed_secret=sealed_secret,
            actor=actor,
            timestamp=at,
        )

    def replay(self, after: int, actor: Actor, at: datetime) -> None:
        self._replayed(after=after, actor=actor, timestamp=at)

    @event(Replayed)
    def _replayed(self, after: int, actor: Actor, timestamp: datetime) -> None:
        self.replays += 1


def wants(types: tuple[str, ...], units: tuple[str, ...], type_: str, unit: str) -> bool:
    """Whether a subscription with these filters takes an event of ``type_`` at ``unit``."""
    return (not types or type_ in types) and (not units or unit in units)

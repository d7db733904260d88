"""Loads aggregates from their streams and turns their new events into one atomic append."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Mapper, StoredEvent
from uuid6 import uuid7

from application import written
from application.ports import EventStore, IdempotencyRecord, NewEvent, RecordedEvent, StreamAppend

A = TypeVar("A", bound=Aggregate)


def stream_type_of(aggregate_type: type[Aggregate]) -> str:
    return aggregate_type.__name__


def short_type(event_type: str) -> str:
    """``domain.dossiers.dossier:Dossier.Received`` → ``Received``."""
    return event_type.rsplit(".", 1)[-1].rsplit(":", 1)[-1]


def new_event_id() -> UUID:
    """A time-ordered id (UUIDv7, RFC 9562): the store checks a new event's id against
    every stored one, and an index of random ids answers that from a random page of each
    month's partition (at 10⁷ events mostly not in memory), where ids of now all fall on
    the last pages of the newest month and near the same few pages of the older ones."""
    return UUID(int=uuid7().int)


class Repository:
    def __init__(self, store: EventStore, mapper: Mapper[Any]) -> None:
        self.store = store
        self.mapper = mapper

    def decode(self, recorded: RecordedEvent) -> Any:
        return self.mapper.to_domain_event(
            StoredEvent(
                originator_id=recorded.stream_id,
                originator_version=recorded.version,
                topic=recorded.type,
                state=recorded.payload,
            )
        )

    async def events(self, stream_id: UUID) -> list[Any]:
        """The stream's domain events, decoded, oldest first."""
        return [self.decode(recorded) for recorded in await self.store.read_stream(stream_id)]

    async def get(
        self, aggregate_type: type[A], stream_id: UUID, as_of: datetime | None = None
    ) -> A | None:
        """The aggregate rebuilt from its events (up to ``as_of``), or None when it has none."""
        aggregate: A | None = None
        for domain_event in await self.events(stream_id):
            if as_of is not None and domain_event.timestamp > as_of:
                break
            aggregate = domain_event.mutate(aggregate)
        if aggregate is not None and not isinstance(aggregate, aggregate_type):
            return None
        return aggregate

    async def save(
        self,
        aggregates: Sequence[Aggregate],
        metadata: Mapping[str, Any],
        idempotency: IdempotencyRecord | None = None,
    ) -> int:
        """Append every pending event of ``aggregates`` in one transaction."""
        appends = []
        for aggregate in aggregates:
            pending = aggregate.collect_events()
            if not pending:
                continue
            appends.append(
                StreamAppend(
                    stream_id=aggregate.id,
                    stream_type=stream_type_of(type(aggregate)),
                    expected_version=pending[0].originator_version - 1,
                    events=[self._encode(domain_event, metadata) for domain_event in pending],
                )
            )
        position = await self.store.append(appends, idempotency)
        written.note(position)
        return position

    def _encode(self, domain_event: Any, metadata: Mapping[str, Any]) -> NewEvent:
        stored = self.mapper.to_stored_event(domain_event)
        return NewEvent(
            event_id=new_event_id(),
            version=stored.originator_version,
            type=stored.topic,
            payload=stored.state,
            metadata=dict(metadata),
        )

"""Ports: what the use cases need from the outside world, as protocols.

The event store is the heart. Its rules, checked by the one contract suite in
``tests/contract`` against every adapter:

- An append is atomic across all the streams it names: all of its events are
  stored, or none.
- Each stream append states the version it decided on (``expected_version``, 0
  for a new stream). If the stream's current version differs, nothing of the
  whole append is stored and :class:`ConcurrencyError` is raised.
- Every stored event gets a global ``position``: 1, 2, 3, ... dense and in
  commit order, so a reader that follows positions never skips an event that
  committed late.
- Every stored event carries the hash that chains it to the one before
  (:func:`application.chain.event_hash`), computed under the same serialisation.
- An idempotency key is stored in the same transaction as the events. A second
  append with a key that exists stores nothing and raises
  :class:`IdempotencyKeyExists` carrying the first record.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, runtime_checkable
from uuid import UUID


@dataclass(frozen=True)
class NewEvent:
    """An event to be stored, already encoded by the mapper."""

    event_id: UUID
    version: int
    type: str
    payload: bytes
    metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StreamAppend:
    """New events for one stream, decided on at ``expected_version``."""

    stream_id: UUID
    stream_type: str
    expected_version: int
    events: Sequence[NewEvent]


@dataclass(frozen=True)
class IdempotencyRecord:
    """What a command with an idempotency key did, kept to answer its retries.

    ``fingerprint`` identifies the request (a retry with the same key and another
    request is an error); ``result`` is the encoded first answer.
    """

    key: str
    fingerprint: str
    result: bytes


@dataclass(frozen=True)
class RecordedEvent:
    """An event as the store keeps it."""

    position: int
    stream_id: UUID
    stream_type: str
    version: int
    event_id: UUID
    type: str
    payload: bytes
    metadata: Mapping[str, Any]
    recorded_at: datetime
    hash: bytes
    """Chains this event to the one before it: see :mod:`application.chain`."""


class StoreError(Exception):
    """Base of the store's errors."""


class ConcurrencyError(StoreError):
    """A stream moved on since the command read it; nothing was stored."""

    def __init__(self, stream_id: UUID, expected: int, actual: int) -> None:
        super().__init__(
            f"stream {stream_id} is at version {actual}, the command expected {expected}"
        )
        self.stream_id = stream_id
        self.expected = expected
        self.actual = actual


class IdempotencyKeyExists(StoreError):
    """The idempotency key was used before; nothing was stored."""

    def __init__(self, record: IdempotencyRecord) -> None:
        super().__init__(f"idempotency key {record.key!r} was used before")
        self.record = record


class StoreUnavailable(StoreError):
    """The store did not answer in time (outage, lock timeout); safe to retry."""


class EventStore(Protocol):
    async def append(
        self,
        streams: Sequence[StreamAppend],
        idempotency: IdempotencyRecord | None = None,
    ) -> int:
        """Store all events atomically; return the position of the last one."""
        ...

    async def read_stream(self, stream_id: UUID, after_version: int = 0) -> list[RecordedEvent]:
        """The stream's events after ``after_version``, in version order."""
        ...

    async def stream_version(self, stream_id: UUID) -> int:
        """The stream's current version (its newest event's), 0 when it has none."""
        ...

    def read_all(
        self, after_position: int = 0, batch_size: int = 1000
    ) -> AsyncIterator[RecordedEvent]:
        """Every event after ``after_position`` in position order, streamed in batches."""
        ...

    async def last_position(self) -> int:
        """The position of the newest committed event, 0 when empty."""
        ...

    async def find_idempotency(self, key: str) -> IdempotencyRecord | None: ...

    async def ping(self) -> None:
        """Raise :class:`StoreUnavailable` unless the store answers."""
        ...

    async def close(self) -> None: ...


@dataclass(frozen=True)
class ChainAnchor:
    """The newest event moved to cold storage, as recorded when it was detached: the
    attached log's first event chains to ``hash``."""

    position: int
    hash: bytes


@runtime_checkable
class ColdStorage(Protocol):
    """An event store whose oldest events may be detached (PostgreSQL's partitions)."""

    async def chain_anchor(self) -> ChainAnchor | None:
        """The last detached event, or None when the whole log is attached."""
        ...


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...


class Secrets(Protocol):
    """Ids and secrets the use cases hand out."""

    def new_id(self) -> UUID: ...

    def new_lookup_secret(self) -> str:
        """A short, unguessable secret printed on the citizen's receipt."""
        ...

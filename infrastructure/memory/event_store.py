"""An event store in process memory, for fast unit tests. Not durable by design."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from uuid import UUID

from application.chain import GENESIS
from application.ports import (
    IdempotencyKeyExists,
    IdempotencyRecord,
    RecordedEvent,
    StoreUnavailable,
    StreamAppend,
)
from infrastructure.store_support import (
    BeforeCommit,
    chain,
    check_versions,
    decode_metadata,
    encode_metadata,
    validate_append,
)


class InMemoryEventStore:
    """Keeps the log in a list (index = position - 1); appends run one at a time under
    an :class:`asyncio.Lock`. Metadata goes through JSON like the SQL adapters, so a
    value they would reject is rejected here too."""

    def __init__(self) -> None:
        self._log: list[RecordedEvent] = []
        self._streams: dict[UUID, list[RecordedEvent]] = {}
        self._event_ids: set[UUID] = set()
        self._idempotency: dict[str, IdempotencyRecord] = {}
        self._lock = asyncio.Lock()
        self._closed = False
        self.before_commit: BeforeCommit | None = None
        """Test hook, see :data:`infrastructure.store_support.BeforeCommit`."""

    async def append(
        self,
        streams: Sequence[StreamAppend],
        idempotency: IdempotencyRecord | None = None,
    ) -> int:
        validate_append(streams)
        async with self._lock:
            self._check_open()
            if idempotency is not None and idempotency.key in self._idempotency:
                raise IdempotencyKeyExists(self._idempotency[idempotency.key])
            check_versions(
                streams, {s.stream_id: len(self._streams.get(s.stream_id, ())) for s in streams}
            )
            staged = self._stage(streams)
            if self.before_commit is not None:
                await self.before_commit(streams)
            # Commit: nothing below awaits, so readers see all of it or none of it.
            for event in staged:
                self._log.append(event)
                self._streams.setdefault(event.stream_id, []).append(event)
                self._event_ids.add(event.event_id)
            if idempotency is not None:
                self._idempotency[idempotency.key] = IdempotencyRecord(
                    idempotency.key, idempotency.fingerprint, bytes(idempotency.result)
                )
            return len(self._log)

    def _stage(self, streams: Sequence[StreamAppend]) -> list[RecordedEvent]:
        now = datetime.now(UTC)
        staged: list[RecordedEvent] = []
        staged_ids: set[UUID] = set()
        previous = self._log[-1].hash if self._log else GENESIS
        for stream in streams:
            for event in stream.events:
                if event.event_id in self._event_ids or event.event_id in staged_ids:
                    raise ValueError(f"event id {event.event_id} is already stored")
                staged_ids.add(event.event_id)
                position = len(self._log) + len(staged) + 1
                previous = chain(previous, position, stream, event, now)
                staged.append(
                    RecordedEvent(
                        position=position,
                        stream_id=stream.stream_id,
                        stream_type=stream.stream_type,
                        version=event.version,
                        event_id=event.event_id,
                        type=event.type,
                        payload=bytes(event.payload),
                        metadata=decode_metadata(encode_metadata(event.metadata)),
                        recorded_at=now,
                        hash=previous,
                    )
                )
        return staged

    async def read_stream(self, stream_id: UUID, after_version: int = 0) -> list[RecordedEvent]:
        self._check_open()
        return list(self._streams.get(stream_id, [])[max(after_version, 0) :])

    async def stream_version(self, stream_id: UUID) -> int:
        self._check_open()
        return len(self._streams.get(stream_id, ()))

    async def read_all(
        self, after_position: int = 0, batch_size: int = 1000
    ) -> AsyncIterator[RecordedEvent]:
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        position = max(after_position, 0)
        while True:
            self._check_open()
            batch = self._log[position : position + batch_size]
            for event in batch:
                yield event
            if len(batch) < batch_size:
                return
            position = batch[-1].position
            await asyncio.sleep(0)  # let writers run between batches, as a database would

    async def last_position(self) -> int:
        self._check_open()
        return len(self._log)

    async def find_idempotency(self, key: str) -> IdempotencyRecord | None:
        self._check_open()
        return self._idempotency.get(key)

    async def ping(self) -> None:
        self._check_open()

    async def close(self) -> None:
        self._closed = True

    def _check_open(self) -> None:
        if self._closed:
            raise StoreUnavailable("the in-memory event store is closed")

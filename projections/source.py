"""Reading the global log for projections: batches, a stream's history, applying events.

Live runners move through the log together, so each recent event would be read and
decoded once per projection: runners asking for the same batch at once share one read,
and the source keeps the last :data:`DECODED` decoded events by position
(an event never changes once stored, and projections only read them) and hands the same
domain event to each.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.ports import EventStore, RecordedEvent
from projections.ports import Decode, Envelope, Projection, W
from projections.shared_reads import SharedReads

DECODED = 4096


class EventSource:
    def __init__(self, store: EventStore, decode: Decode) -> None:
        self.store = store
        self.decode = decode
        self._decoded: dict[int, Any] = {}
        self._batches: SharedReads[tuple[int, int], list[RecordedEvent]] = SharedReads()

    async def batch(self, after: int, size: int) -> list[RecordedEvent]:
        """Up to ``size`` events after position ``after``. Runners that ask for the same
        batch at the same time (woken by one notification) share one read."""
        return list(await self._batches.read((after, size), lambda: self._read(after, size)))

    async def _read(self, after: int, size: int) -> list[RecordedEvent]:
        events: list[RecordedEvent] = []
        iterator = self.store.read_all(after, size)
        try:
            async for recorded in iterator:
                events.append(recorded)
                if len(events) >= size:
                    break
        finally:
            aclose: Any = getattr(iterator, "aclose", None)
            if aclose is not None:
                await aclose()
        return events

    async def history(self, stream_id: UUID) -> list[Envelope]:
        return [
            Envelope(recorded, self.decode(recorded))
            for recorded in await self.store.read_stream(stream_id)
        ]

    async def head(self) -> int:
        return await self.store.last_position()

    async def apply(self, projection: Projection[W], events: list[RecordedEvent], view: W) -> None:
        """Hand ``projection`` the events it handles, decoded, in order."""
        topics = projection.topics
        for recorded in events:
            if topics is None or recorded.type in topics:
                await projection.handle(Envelope(recorded, self._decode(recorded)), view)

    def _decode(self, recorded: RecordedEvent) -> Any:
        decoded = self._decoded.get(recorded.position)
        if decoded is None:
            decoded = self.decode(recorded)
            self._decoded[recorded.position] = decoded
            if len(self._decoded) > DECODED:
                del self._decoded[next(iter(self._decoded))]  # the oldest decoded
        return decoded

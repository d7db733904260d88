"""What a projection derived from a stream as of its latest event, kept in memory.

A value derived from a stream's events up to version ``v`` depends on the log alone,
never on what a view has committed: so a value kept for a transaction that rolled back
is still right when the event is applied again, and projections moving through the log
at different paces can share one memo (a miss only costs a read). Bounded: the most
recently changed ``streams`` keep the value of their latest version.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar
from uuid import UUID

T = TypeVar("T")


class StreamMemo(Generic[T]):
    def __init__(self, streams: int = 10_000) -> None:
        self._streams = streams
        self._latest: OrderedDict[UUID, tuple[int, T]] = OrderedDict()

    def get(self, stream_id: UUID, version: int) -> T | None:
        """The value as of ``version``, if that is the latest version kept."""
        latest = self._latest.get(stream_id)
        return latest[1] if latest is not None and latest[0] == version else None

    def put(self, stream_id: UUID, version: int, value: T) -> None:
        self._latest[stream_id] = (version, value)
        self._latest.move_to_end(stream_id)
        if len(self._latest) > self._streams:
            self._latest.popitem(last=False)

"""What a projection derived from a stream as of each of its latest events, kept in memory.

A value derived from a stream's events up to version ``v`` depends on the log alone,
never on what a view has committed: so a value kept for a transaction that rolled back
is still right when the event is applied again, and projections moving through the log
at different paces (live runners, a rebuild) can share one memo. Bounded: the most
recently changed ``streams`` keep their last ``depth`` versions each.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar
from uuid import UUID

T = TypeVar("T")


class StreamMemo(Generic[T]):
    def __init__(self, streams: int = 10_000, depth: int = 4) -> None:
        self._streams = streams
        self._depth = depth
        self._values: OrderedDict[UUID, list[tuple[int, T]]] = OrderedDict()

    def get(self, stream_id: UUID, version: int) -> T | None:
        """The value as of ``version``, if still kept."""
        for kept, value in reversed(self._values.get(stream_id, ())):
            if kept == version:
                return value
        return None

    def put(self, stream_id: UUID, version: int, value: T) -> None:
        versions = self._values.get(stream_id)
        if versions is None:
            versions = self._values[stream_id] = []
            if len(self._values) > self._streams:
                self._values.popitem(last=False)
        else:
            self._values.move_to_end(stream_id)
        versions.append((version, value))
        if len(versions) > self._depth:
            del versions[0]

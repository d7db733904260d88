"""The dossier before and after each event, for the projections that need its state.

Rather than keep a copy of every dossier's state in each view, a projection asks
the aggregate itself: the domain's own ``mutate`` turns the state before an event
into the state after it, so no rule is restated here. A bounded cache holds the
latest state of recently changed dossiers; on a miss the stream is read back from
the event store (the events before this one never change, so the answer is the
same whenever it is computed). Retrying an event returns the same change.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.dossiers.dossier import Dossier
from projections.ports import Envelope, StreamHistory


def topics_of(*event_types: type[Any]) -> frozenset[str]:
    return frozenset(get_topic(event_type) for event_type in event_types)


DOSSIER_TOPICS = topics_of(
    Dossier.Submitted,
    Dossier.Received,
    Dossier.IntakeRefused,
    Dossier.SupplementRequested,
    Dossier.Supplemented,
    Dossier.Transferred,
    Dossier.Approved,
    Dossier.Refused,
    Dossier.Apologized,
    Dossier.ResultReturned,
    Dossier.Withdrawn,
    Dossier.Rated,
)


@dataclass(frozen=True)
class DossierChange:
    """One event's effect on a dossier. ``filed`` is the position of the dossier's first
    event: unique, and the order in which dossiers were filed."""

    before: Dossier | None
    after: Dossier
    filed: int
    envelope: Envelope

    @property
    def event(self) -> Any:
        return self.envelope.event


class DossierStates:
    def __init__(self, history: StreamHistory, capacity: int = 10_000) -> None:
        self._history = history
        self._capacity = capacity
        self._latest: OrderedDict[UUID, DossierChange] = OrderedDict()

    async def change(self, envelope: Envelope) -> DossierChange:
        stream_id, version = envelope.recorded.stream_id, envelope.recorded.version
        cached = self._latest.get(stream_id)
        if cached is not None and cached.after.version == version:
            return cached  # the same event again: a retried transaction
        if cached is not None and cached.after.version == version - 1:
            before: Dossier | None = cached.after
            filed = cached.filed
        else:
            before, filed = await self._replay(stream_id, version, envelope.recorded.position)
        after = envelope.event.mutate(copy.copy(before))
        if not isinstance(after, Dossier):
            raise TypeError(f"stream {stream_id} is not a dossier")
        change = DossierChange(before, after, filed, envelope)
        self._latest[stream_id] = change
        self._latest.move_to_end(stream_id)
        if len(self._latest) > self._capacity:
            self._latest.popitem(last=False)
        return change

    async def _replay(
        self, stream_id: UUID, version: int, position: int
    ) -> tuple[Dossier | None, int]:
        """The dossier just before ``version``, and the position it was filed at."""
        if version == 1:
            return None, position
        history = await self._history(stream_id)
        state: Any = None
        for earlier in history[: version - 1]:
            state = earlier.event.mutate(state)
        if len(history) < version - 1 or not isinstance(state, Dossier):
            raise LookupError(f"stream {stream_id} has no version {version - 1} to build on")
        return state, history[0].recorded.position

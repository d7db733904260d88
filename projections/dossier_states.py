"""The dossier before and after each event, for the projections that need its state.

Rather than keep a copy of every dossier's state in each view, a projection asks
the aggregate itself: the domain's own ``mutate`` turns the state before an event
into the state after it, so no rule is restated here. A :class:`StreamMemo` holds the
latest changes of recently changed dossiers; on a miss the stream is read back from
the event store (the events before this one never change, so the answer is the
same whenever it is computed). Retrying an event returns the same change, and the
projections of one process share one :class:`DossierStates`: each event is applied to
the dossier once, not once per view.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.dossiers.dossier import Dossier
from projections.dossier_documents import document
from projections.ports import Envelope, StreamHistory
from projections.stream_memo import StreamMemo


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

    @cached_property
    def document(self) -> dict[str, Any]:
        """What the dossier lists show of the dossier after the event: computed once, for
        the views that write it."""
        return document(self.after)


class DossierStates:
    def __init__(self, history: StreamHistory, capacity: int = 10_000) -> None:
        self._history = history
        self._changes: StreamMemo[DossierChange] = StreamMemo(capacity, depth=6)

    async def change(self, envelope: Envelope) -> DossierChange:
        stream_id, version = envelope.recorded.stream_id, envelope.recorded.version
        known = self._changes.get(stream_id, version)
        if known is not None:
            return known  # another view's, or a retried transaction's
        previous = self._changes.get(stream_id, version - 1)
        if previous is not None:
            before: Dossier | None = previous.after
            filed = previous.filed
        else:
            before, filed = await self._replay(stream_id, version, envelope.recorded.position)
        after = envelope.event.mutate(copy.copy(before))
        if not isinstance(after, Dossier):
            raise TypeError(f"stream {stream_id} is not a dossier")
        change = DossierChange(before, after, filed, envelope)
        self._changes.put(stream_id, version, change)
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

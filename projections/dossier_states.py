"""The dossier before and after each event, for the projections that need its state.

Rather than keep a copy of every dossier's state in each view, a projection asks
the aggregate itself: the domain's own ``mutate`` turns the state before an event
into the state after it, so no rule is restated here. A :class:`StreamMemo` holds the
latest state of recently changed dossiers; on a miss the stream is read back from
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
    Dossier.DueDateMoved,
    Dossier.Stopped,
    Dossier.Forwarded,
    Dossier.HandedOver,
    Dossier.Paid,
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


@dataclass(frozen=True)
class ListedDossier:
    """A dossier as a list view writes it, after one event: what inbox and search share."""

    change: DossierChange

    @property
    def filed(self) -> int:
        return self.change.filed

    @property
    def status(self) -> str:
        return self.change.after.status.value

    @property
    def document(self) -> dict[str, Any]:
        return self.change.document


class DossierStates:
    """Each event's change, computed once: the last ``recent`` changes are kept whole, so
    the views applying one batch one after another (and a retried transaction) share
    them; each of the last ``capacity`` dossiers keeps its latest state, for its next
    event."""

    def __init__(self, history: StreamHistory, capacity: int = 10_000, recent: int = 4096) -> None:
        self._history = history
        self._recent: dict[tuple[UUID, int], DossierChange] = {}
        self._recent_capacity = recent
        self._latest: StreamMemo[tuple[Dossier, int]] = StreamMemo(capacity)

    async def change(self, envelope: Envelope) -> DossierChange:
        stream_id, version = envelope.recorded.stream_id, envelope.recorded.version
        known = self._recent.get((stream_id, version))
        if known is not None:
            return known  # another view's, or a retried transaction's
        latest = self._latest.get(stream_id, version - 1)
        if latest is not None:
            before: Dossier | None = latest[0]
            filed = latest[1]
        else:
            before, filed = await self._replay(stream_id, version, envelope.recorded.position)
        after = envelope.event.mutate(copy.copy(before))
        if not isinstance(after, Dossier):
            raise TypeError(f"stream {stream_id} is not a dossier")
        change = DossierChange(before, after, filed, envelope)
        self._latest.put(stream_id, version, (after, filed))
        self._recent[stream_id, version] = change
        if len(self._recent) > self._recent_capacity:
            del self._recent[next(iter(self._recent))]  # the oldest
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

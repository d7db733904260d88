"""How far the hand-over of open dossiers at one reorganisation's effective day has got.

One stream per (jurisdiction, effective day), completed once it reached the head of the
log on or after that day. Each batch of hand-overs is appended with
this stream's ``Advanced`` in one atomic append, so the position moves exactly when the
batch's dossiers moved: a crash resumes after the last batch committed, and a second run
starts where the first ended (a projection's position, in the log itself).
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

_NAMESPACE = uuid5(NAMESPACE_URL, "urn:motcua:switch")


class Switch(Aggregate):
    class Begun(Aggregate.Created):
        jurisdiction: str
        effective: date

    class Advanced(Aggregate.Event):
        position: int
        """Every dossier filed at or before this log position has been looked at."""
        handed_over: int

    class Completed(Aggregate.Event):
        """Every dossier filed before the day has been looked at: later ones are filed on
        the new tree, so the switch has nothing more to do, ever."""

    @staticmethod
    def id_for(jurisdiction: str, effective: date) -> UUID:
        return uuid5(_NAMESPACE, f"{jurisdiction}/{effective.isoformat()}")

    @classmethod
    def begin(cls, jurisdiction: str, effective: date, at: datetime) -> Switch:
        return cls(
            id=cls.id_for(jurisdiction, effective),
            jurisdiction=jurisdiction,
            effective=effective,
            timestamp=at,
        )

    @event(Begun)
    def __init__(self, id: UUID, jurisdiction: str, effective: date, timestamp: datetime) -> None:
        self.jurisdiction = jurisdiction
        self.effective = effective
        self.position = 0
        self.handed_over = 0
        self.completed = False

    def advance(self, position: int, handed_over: int, at: datetime) -> None:
        if position > self.position:
            self._advanced(position=position, handed_over=handed_over, timestamp=at)

    @event(Advanced)
    def _advanced(self, position: int, handed_over: int, timestamp: datetime) -> None:
        self.position = position
        self.handed_over += handed_over

    def complete(self, at: datetime) -> None:
        if not self.completed:
            self._completed(timestamp=at)

    @event(Completed)
    def _completed(self, timestamp: datetime) -> None:
        self.completed = True

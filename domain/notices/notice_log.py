"""The notices a dossier's applicant was sent (thông báo cho công dân): which event each
told of, by which channel, and whether it went. Neither the text nor the address is
kept: the log says *that* a notice was sent, never what it said or where."""

from __future__ import annotations

from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

_ID_NAMESPACE = uuid5(NAMESPACE_URL, "urn:motcua:notice-log")


class NoticeLog(Aggregate):
    @staticmethod
    def id_for(dossier_id: UUID) -> UUID:
        return uuid5(_ID_NAMESPACE, str(dossier_id))

    class Opened(Aggregate.Created):
        dossier_id: UUID

    class Sent(Aggregate.Event):
        about: UUID
        """The id of the dossier event the notice told of."""
        kind: str
        channel: str

    class Failed(Aggregate.Event):
        about: UUID
        kind: str
        channel: str
        reason: str
        """Why, in the sender's words: a status code or an error class, no address."""

    @classmethod
    def open(cls, dossier_id: UUID, at: datetime) -> NoticeLog:
        return cls(id=cls.id_for(dossier_id), dossier_id=dossier_id, timestamp=at)

    @event(Opened)
    def __init__(self, id: UUID, dossier_id: UUID, timestamp: datetime) -> None:
        self.dossier_id = dossier_id
        self.settled: set[tuple[UUID, str]] = set()

    def done(self, about: UUID, channel: str) -> bool:
        """A notice of this event by this channel was sent, or failed for good."""
        return (about, channel) in self.settled

    def record_sent(self, about: UUID, kind: str, channel: str, at: datetime) -> None:
        self._sent(about=about, kind=kind, channel=channel, timestamp=at)

    @event(Sent)
    def _sent(self, about: UUID, kind: str, channel: str, timestamp: datetime) -> None:
        self.settled.add((about, channel))

    def record_failed(
        self, about: UUID, kind: str, channel: str, reason: str, at: datetime
    ) -> None:
        self._failed(about=about, kind=kind, channel=channel, reason=reason, timestamp=at)

    @event(Failed)
    def _failed(
        self, about: UUID, kind: str, channel: str, reason: str, timestamp: datetime
    ) -> None:
        self.settled.add((about, channel))

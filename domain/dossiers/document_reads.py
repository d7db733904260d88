"""Who read which of a dossier's files, and when: a stream of its own beside the dossier's,
so reading a file never moves the dossier's version (an officer's If-Match stays good)."""

from __future__ import annotations

from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.shared import Actor

_NAMESPACE = uuid5(NAMESPACE_URL, "urn:motcua:document-reads")


class DocumentReads(Aggregate):
    class Opened(Aggregate.Created):
        dossier_id: UUID

    class Read(Aggregate.Event):
        name: str
        sha256: str
        actor: Actor

    @staticmethod
    def id_for(dossier_id: UUID) -> UUID:
        return uuid5(_NAMESPACE, str(dossier_id))

    @classmethod
    def open(cls, dossier_id: UUID, at: datetime) -> DocumentReads:
        return cls(id=cls.id_for(dossier_id), dossier_id=dossier_id, timestamp=at)

    @event(Opened)
    def __init__(self, id: UUID, dossier_id: UUID, timestamp: datetime) -> None:
        self.dossier_id = dossier_id

    def read(self, name: str, sha256: str, actor: Actor, at: datetime) -> None:
        self._read(name=name, sha256=sha256, actor=actor, timestamp=at)

    @event(Read)
    def _read(self, name: str, sha256: str, actor: Actor, timestamp: datetime) -> None:
        pass

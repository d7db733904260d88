"""What a citizen sees of their dossier, keyed by its code: status, due date, where it is
and has been (unit names as they were then). No officer, no citizen id.

The view keeps the hash of the lookup secret, so the secret is checked here; a code
the view does not know yet (the citizen asks right after filing, before the
projection caught up) is answered by ``fallback``, the event-sourced path.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from application.commands import Result
from application.dossiers.desk import hash_secret
from application.errors import NotFound
from application.plain import plain
from application.unit_names import unit_name
from domain.units import UnitTree
from projections.dossier_states import DOSSIER_TOPICS, DossierStates
from projections.ports import Envelope
from projections.stream_memo import StreamMemo


@dataclass(frozen=True)
class PublicRecord:
    code: str
    secret_hash: str
    document: dict[str, Any]


class PublicStatusView(Protocol):
    async def get(self, code: str) -> PublicRecord | None: ...

    async def put(self, record: PublicRecord) -> None: ...


class PublicStatusReader(Protocol):
    async def get(self, code: str) -> PublicRecord | None: ...


class PublicStatusProjection:
    name = "public_status"
    version = 1
    topics: frozenset[str] | None = DOSSIER_TOPICS

    def __init__(self, states: DossierStates, units: UnitTree) -> None:
        self.states = states
        self.units = units
        self._records: StreamMemo[PublicRecord] = StreamMemo()

    async def handle(self, envelope: Envelope, view: PublicStatusView) -> None:
        dossier = (await self.states.change(envelope)).after
        stream_id, version = envelope.recorded.stream_id, envelope.recorded.version
        earlier = None
        if version > 1:
            earlier = self._records.get(stream_id, version - 1) or await view.get(dossier.code)
        timeline: list[dict[str, Any]] = list(earlier.document["timeline"]) if earlier else []
        status, place = dossier.status.value, unit_name(self.units, dossier.current_unit)
        if not timeline or (timeline[-1]["status"], timeline[-1]["unit_name"]) != (status, place):
            at = plain(envelope.event.timestamp)
            timeline.append({"at": at, "status": status, "unit_name": place})
        document = {
            "code": dossier.code,
            "procedure_name": dossier.procedure_name,
            "status": status,
            "received_at": plain(dossier.received_at),
            "due_date": plain(dossier.due_date),
            "current_unit_name": place,
            "timeline": timeline,
        }
        record = PublicRecord(dossier.code, dossier.secret_hash, document)
        self._records.put(stream_id, version, record)
        await view.put(record)


Fallback = Callable[[str, str], Awaitable[Result]]


class PublicStatus:
    """``GET /api/v1/public/dossiers/{code}?secret=``: a wrong secret and an unknown code
    both raise :class:`NotFound`."""

    def __init__(self, reader: PublicStatusReader, fallback: Fallback | None = None) -> None:
        self.reader = reader
        self.fallback = fallback

    async def lookup(self, code: str, secret: str) -> Result:
        record = await self.reader.get(code)
        if record is None:
            if self.fallback is not None:
                return await self.fallback(code, secret)
            raise NotFound()
        if not hmac.compare_digest(record.secret_hash, hash_secret(secret)):
            raise NotFound()
        return dict(record.document)

"""The global event log in commit order, as auditors read it: each one sees the events of
the streams that touched their unit's subtree.

A stream touches the units its events name (the acting officer's unit, a dossier's
receiving unit, a transfer's target, a register's unit). The view keeps, per stream,
the set of units whose auditors may see it (those units and their ancestors) and,
per event, one scope row for each: a page is an index range of one unit. When a
stream reaches a new unit (a transfer up the route), the auditors there may read its
whole history, so its earlier events get scope rows for that unit too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from application.commands import Result
from application.errors import Forbidden
from application.history import event_data
from application.plain import plain
from application.repository import short_type
from domain.shared import Actor, Role
from domain.units import UnitTree
from projections.dossier_documents import with_ancestors
from projections.ports import Envelope
from projections.stream_memo import StreamMemo

_UNIT_FIELDS = ("receiving_unit", "to_unit", "unit")


@dataclass(frozen=True)
class AuditEntry:
    position: int
    stream_id: str
    item: dict[str, Any]
    """What the API lists: position, stream_id, stream_type, version, type, at, actor, data."""
    scope: frozenset[str]
    """Units whose auditors see the stream, as of this event."""
    added: frozenset[str]
    """Units of ``scope`` new with this event: they see the stream's earlier events too."""


class AuditLogView(Protocol):
    async def stream_scope(self, stream_id: str) -> frozenset[str]: ...

    async def record(self, entry: AuditEntry) -> None: ...


class AuditLogReader(Protocol):
    async def page(self, unit: str, after: int, limit: int) -> list[dict[str, Any]]:
        """Items visible to the auditors of ``unit`` after ``after``, in position order."""
        ...

    async def visible(self, unit: str, after: int, upto: int) -> set[int]:
        """The positions in ``(after, upto]`` visible to ``unit`` (the event feed's scope)."""
        ...


def touched_units(event: Any, actor: Mapping[str, Any] | None) -> set[str]:
    units = {value for name in _UNIT_FIELDS if isinstance(value := getattr(event, name, None), str)}
    if actor and isinstance(actor.get("unit"), str):
        units.add(actor["unit"])
    return units


REGISTRIES = frozenset({"UnitRegistry", "CatalogRegistry"})


def _provinces(units: UnitTree) -> set[str]:
    """The unit and catalog registries are the whole jurisdiction's: the auditors of its
    provinces read them (the tree and the catalog themselves are public)."""
    return {unit.code for unit in units if unit.parent is None}


class AuditLogProjection:
    name = "audit_log"
    version = 1
    topics: frozenset[str] | None = None

    def __init__(self, units: UnitTree) -> None:
        self.units = units
        self._scopes: StreamMemo[frozenset[str]] = StreamMemo()

    async def handle(self, envelope: Envelope, view: AuditLogView) -> None:
        recorded, event = envelope.recorded, envelope.event
        actor = recorded.metadata.get("actor")
        actor = actor if isinstance(actor, dict) else None
        stream_id, version = str(recorded.stream_id), recorded.version
        known = frozenset() if version == 1 else self._scopes.get(recorded.stream_id, version - 1)
        if known is None:
            known = await view.stream_scope(stream_id)
        touched = (
            _provinces(self.units)
            if recorded.stream_type in REGISTRIES
            else touched_units(event, actor)
        )
        scope = known | with_ancestors(self.units, touched)
        self._scopes.put(recorded.stream_id, version, scope)
        item = {
            "position": recorded.position,
            "stream_id": stream_id,
            "stream_type": recorded.stream_type,
            "version": recorded.version,
            "type": short_type(recorded.type),
            "at": plain(getattr(event, "timestamp", recorded.recorded_at)),
            "actor": actor,
            "data": event_data(event),
        }
        await view.record(AuditEntry(recorded.position, stream_id, item, scope, scope - known))


class AuditLog:
    """``GET /api/v1/audit/events?after=&limit=`` (auditors)."""

    def __init__(self, reader: AuditLogReader) -> None:
        self.reader = reader

    async def page(self, actor: Actor, *, after: int = 0, limit: int = 100) -> Result:
        if actor.role != Role.AUDITOR:
            raise Forbidden("the audit log is for auditors")
        items = await self.reader.page(actor.unit, after, limit)
        return {"items": items, "next_after": items[-1]["position"] if items else after}

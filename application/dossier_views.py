"""What the use cases answer about a dossier: for staff, for auditors, for the citizen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from application.plain import plain
from application.repository import short_type
from domain.dossiers.dossier import Dossier
from domain.units import UnitTree

_NOT_IN_HISTORY = frozenset(
    {"originator_id", "originator_version", "originator_topic", "timestamp", "actor", "secret_hash"}
)


def staff_view(dossier: Dossier, today: date) -> dict[str, Any]:
    return {
        "id": str(dossier.id),
        "code": dossier.code,
        "procedure": {
            "code": dossier.procedure_code,
            "version": dossier.procedure_version,
            "name": dossier.procedure_name,
        },
        "applicant": plain(dossier.applicant),
        "channel": dossier.channel.value,
        "status": dossier.status.value,
        "receiving_unit": dossier.receiving_unit,
        "current_unit": dossier.current_unit,
        "received_at": plain(dossier.received_at),
        "due_date": plain(dossier.due_date),
        "overdue": dossier.is_overdue(today),
        "late": dossier.is_late,
        "documents": plain(dossier.documents),
        "result": dossier.result,
        "version": dossier.version,
    }


def event_data(domain_event: Any) -> dict[str, Any]:
    """An event's own fields as JSON-ready values (not who, when, nor the secret's hash)."""
    return {
        name: plain(value)
        for name, value in vars(domain_event).items()
        if name not in _NOT_IN_HISTORY
    }


def history_view(events: Sequence[Any]) -> dict[str, Any]:
    return {
        "events": [
            {
                "version": domain_event.originator_version,
                "type": short_type(type(domain_event).__qualname__),
                "at": plain(domain_event.timestamp),
                "actor": plain(domain_event.actor),
                "data": event_data(domain_event),
            }
            for domain_event in events
        ]
    }


def unit_name(units: UnitTree, code: str) -> str:
    return units.get(code).name if code in units else code


def public_view(events: Sequence[Any], units: UnitTree) -> dict[str, Any]:
    """The citizen's view: where the dossier is and has been; no officer, no citizen id."""
    timeline: list[dict[str, Any]] = []
    dossier: Dossier | None = None
    for domain_event in events:
        dossier = domain_event.mutate(dossier)
        assert dossier is not None
        status, place = dossier.status.value, unit_name(units, dossier.current_unit)
        if timeline and (timeline[-1]["status"], timeline[-1]["unit_name"]) == (status, place):
            continue
        timeline.append({"at": plain(domain_event.timestamp), "status": status, "unit_name": place})
    assert dossier is not None
    return {
        "code": dossier.code,
        "procedure_name": dossier.procedure_name,
        "status": dossier.status.value,
        "received_at": plain(dossier.received_at),
        "due_date": plain(dossier.due_date),
        "current_unit_name": unit_name(units, dossier.current_unit),
        "timeline": timeline,
    }

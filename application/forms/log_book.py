"""Form 07, the log book (sổ theo dõi hồ sơ) of one unit's desk over a period.

A line per dossier the unit received in the period (on its receipt day, on the desk's
clock), in the order received: when it went to the unit that handles it, when the result
came back, when it was handed over. Later events fill the later columns, as a clerk
would in the paper book.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from typing import Any

from application.forms.data import LogBook, LogBookEntry
from application.forms.errors import InvalidPeriod
from application.forms.facts import letterhead, replay
from application.forms.issuance import event_name
from application.forms.wording import STATUSES, day, local
from application.unit_names import unit_name
from domain.calendar import VIETNAM_TZ
from domain.dossiers.dossier import Dossier
from domain.units import UnitTree

_DECISIONS = frozenset({"Approved", "Refused", "Stopped"})


def _first_day(events: Sequence[Any], names: frozenset[str]) -> tuple[str, Any]:
    """The local day of the first event named in ``names`` and that event, or ``("", None)``."""
    for domain_event in events:
        if event_name(domain_event) in names:
            return day(local(domain_event.timestamp).date()), domain_event
    return "", None


def _entry(index: int, dossier: Dossier, events: Sequence[Any], units: UnitTree) -> LogBookEntry:
    transferred_on, _ = _first_day(events, frozenset({"Transferred"}))
    decided_on, decision = _first_day(events, _DECISIONS)
    returned_on, _ = _first_day(events, frozenset({"ResultReturned"}))
    handler = decision.actor.unit if decision is not None else dossier.current_unit
    applicant = dossier.applicant
    note = STATUSES.get(dossier.status.value, dossier.status.value)
    assert dossier.received_at is not None
    return LogBookEntry(
        index=index,
        code=dossier.code,
        procedure=dossier.procedure_name,
        copies=1,
        applicant=applicant.full_name,
        contact="; ".join(part for part in (applicant.address, applicant.phone) if part),
        handling_unit=unit_name(units, handler),
        received_on=day(local(dossier.received_at).date()),
        due_date=day(dossier.due_date) if dossier.due_date else "",
        transferred_on=transferred_on,
        decided_on=decided_on,
        returned_on=returned_on,
        note=f"{note}; trễ hạn" if dossier.is_late else note,
    )


def _desk_at_receipt(events: Sequence[Any]) -> str | None:
    """The desk that received the dossier. A hand-over at a switch moves
    ``receiving_unit`` on to the successor, but the line stays in the book of the desk
    that received it (and is not written into the successor's)."""
    dossier: Dossier | None = None
    for domain_event in events:
        dossier = domain_event.mutate(dossier)
        if dossier is not None and dossier.received_at is not None:
            return dossier.receiving_unit
    return None


def log_book(
    unit: str, start: date, end: date, histories: Iterable[Sequence[Any]], units: UnitTree
) -> LogBook:
    """The log book of ``unit`` for the days ``start``..``end`` (both included), from the
    event streams of any dossiers (those received elsewhere or at other times are left out).
    """
    if end < start:
        raise InvalidPeriod(f"the period ends ({end}) before it starts ({start})")
    received: list[tuple[datetime, str, Dossier, Sequence[Any]]] = []
    for events in histories:
        dossier = replay(events)
        at = dossier.received_at
        if at and start <= local(at).date() <= end and _desk_at_receipt(events) == unit:
            received.append((at, dossier.code, dossier, events))
    received.sort(key=lambda row: (row[0], row[1]))
    dated = datetime.combine(end, time(0), tzinfo=VIETNAM_TZ)
    return LogBook(
        letterhead=letterhead(units, unit, dated),
        issued_at=dated,
        unit=unit_name(units, unit),
        period=f"từ ngày {day(start)} đến ngày {day(end)}",
        entries=tuple(
            _entry(index, dossier, events, units)
            for index, (_, _, dossier, events) in enumerate(received, start=1)
        ),
    )

"""What several forms print alike: the letterhead, the case, the officer; and the dossier
as it stood before a given event."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from application.forms.data import Case, Letterhead, Officer
from application.forms.wording import ROLES, dateline, local, place_of
from application.unit_names import unit_name
from domain.dossiers.dossier import Dossier
from domain.shared import Actor
from domain.units import UnitTree

ONE_STOP_DESK = "BỘ PHẬN MỘT CỬA"


def replay(events: Sequence[Any]) -> Dossier:
    """The dossier rebuilt from ``events`` (at least its first)."""
    dossier: Dossier | None = None
    for domain_event in events:
        dossier = domain_event.mutate(dossier)
    if dossier is None:
        raise ValueError("a form needs at least the dossier's first event")
    return dossier


UnitsOn = Callable[[date], UnitTree]
"""The unit tree in force on a day: a paper names units as they were when it was issued, so
that it prints the same bytes after a reorganisation as before."""


def agency(units: UnitTree, code: str) -> str:
    """``UBND PHƯỜNG CỐC LẾU``: the people's committee of a unit, as a letterhead names it."""
    return f"UBND {unit_name(units, code).upper()}"


def letterhead(units: UnitTree, code: str, at: datetime, desk: bool = True) -> Letterhead:
    """The heading of a paper issued at ``at`` by unit ``code``: by its one-stop desk, or
    (``desk=False``) by the unit itself, which its leader signs for."""
    parent = units.get(code).parent if code in units else None
    return Letterhead(
        authority=agency(units, parent) if parent is not None else "",
        agency=agency(units, code),
        office=ONE_STOP_DESK if desk else "",
        dateline=dateline(place_of(unit_name(units, code)), local(at).date()),
    )


def case_of(dossier: Dossier, units: UnitTree) -> Case:
    applicant = dossier.applicant
    return Case(
        code=dossier.code,
        procedure=dossier.procedure_name,
        applicant=applicant.full_name,
        address=applicant.address or "",
        phone=applicant.phone or "",
        desk=unit_name(units, dossier.receiving_unit),
    )


def officer_of(actor: Actor, units: UnitTree) -> Officer:
    return Officer(role=ROLES[actor.role], name=actor.sub, unit=unit_name(units, actor.unit))

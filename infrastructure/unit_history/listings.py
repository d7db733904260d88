"""A listing of the units in force on a day (a GSO catalogue) as a plan that establishes them.

A listing says what was in force, not when each unit was founded: its units come into force
on the day the listing is known to hold from, with the listing as their basis. Only units the
history does not hold on that day yet are established, so a listing loads once; a unit it
holds otherwise (another name or parent) is a conflict to settle by hand, never overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.units import Establish, Level, NewUnit, ReorganisationPlan, Unit, UnitHistory


class ReferenceDataConflict(Exception):
    """A reference file says otherwise than the recorded history."""


@dataclass(frozen=True)
class Listing:
    file: str
    in_force_from: date
    legal_basis: str


def listed_units(data: Mapping[str, Any]) -> list[NewUnit]:
    return [
        NewUnit(
            item["code"],
            item.get("full_name") or item["name"],
            Level(item["level"]),
            item["parent"],
        )
        for item in data["units"]
    ]


def listing_plan(
    listing: Listing, data: Mapping[str, Any], history: UnitHistory
) -> ReorganisationPlan | None:
    """The plan that establishes what the listing holds and ``history`` does not; None when
    nothing is new."""
    day, new, conflicts = listing.in_force_from, [], []
    for unit in listed_units(data):
        recorded = history.period_on(unit.code, day)
        if recorded is None:
            new.append(Establish(unit))
        elif recorded.unit_on(day) != Unit(unit.code, unit.name, unit.level, unit.parent):
            conflicts.append(f"{unit.code} ({recorded.unit_on(day)} recorded, {unit} listed)")
    if conflicts:
        raise ReferenceDataConflict(f"{listing.file} on {day}: " + "; ".join(conflicts))
    return ReorganisationPlan(day, listing.legal_basis, tuple(new)) if new else None

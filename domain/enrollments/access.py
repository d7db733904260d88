"""Who handles an enrollment: the specialists of the units that own the schools it names
(its choices, the school it holds a seat at, a school it moved to). Auditors above those
units read it. Anyone else must not learn that it exists."""

from __future__ import annotations

from collections.abc import Iterable

from domain.enrollments.enrollment import Enrollment
from domain.enrollments.school import Schools
from domain.shared import Actor, Role
from domain.units import UnitTree

_OFFICERS = frozenset({Role.CLERK, Role.SPECIALIST, Role.LEADER})


def units_of(school_codes: Iterable[str], schools: Schools) -> set[str]:
    return {schools.get(code).unit for code in school_codes if code in schools}


def can_see_unit(actor: Actor, unit: str, units: UnitTree) -> bool:
    """Officers see their own unit's schools; auditors, those in their subtree."""
    if actor.role in _OFFICERS:
        return actor.unit == unit
    if actor.role == Role.AUDITOR:
        return actor.unit in units and units.is_within(unit, actor.unit)
    return False


def can_see(actor: Actor, enrollment: Enrollment, schools: Schools, units: UnitTree) -> bool:
    involved = units_of(enrollment.schools_involved, schools)
    return any(can_see_unit(actor, unit, units) for unit in involved)


def handles(actor: Actor, school_codes: Iterable[str], schools: Schools) -> bool:
    """A specialist of a unit that owns one of ``school_codes``."""
    return actor.role == Role.SPECIALIST and actor.unit in units_of(school_codes, schools)

"""Who may see and act on a permit: the officers of the issuing unit see it, auditors
above it too; only its leaders change it. Anyone else must not learn that it exists
(the public check by number shows far less)."""

from __future__ import annotations

from domain.permits.permit import Permit
from domain.shared import Actor, Role
from domain.units import UnitTree

_OFFICERS = frozenset({Role.CLERK, Role.SPECIALIST, Role.LEADER})


def can_see(actor: Actor, permit: Permit, units: UnitTree) -> bool:
    if actor.role in _OFFICERS:
        return actor.unit == permit.issuing_unit
    if actor.role == Role.AUDITOR:
        return actor.unit in units and units.is_within(permit.issuing_unit, actor.unit)
    return False


def may_change(actor: Actor, permit: Permit) -> bool:
    return actor.role == Role.LEADER and actor.unit == permit.issuing_unit

"""Who may see and act on a dossier (DOMAIN.md, "Who does what").

An officer sees a dossier that was received at or has passed through their
unit; an auditor, one that touched their unit's subtree. Everyone else must not
learn that it exists. Within sight, each command belongs to some roles, acting
from a given unit: the one holding the dossier now, or the receiving desk.
"""

from __future__ import annotations

from enum import Enum

from domain.dossiers.dossier import Dossier
from domain.shared import Actor, Role
from domain.units import UnitTree


class Where(Enum):
    HOLDING = "the unit now holding the dossier"
    RECEIVING = "the unit that received the dossier"
    EITHER = "the holding or the receiving unit"
    DECIDING = "the unit that decided the dossier"


_OFFICERS = frozenset({Role.CLERK, Role.SPECIALIST, Role.LEADER})

COMMANDS: dict[str, tuple[frozenset[Role], Where]] = {
    "receive": (frozenset({Role.CLERK}), Where.RECEIVING),
    "refuse_intake": (frozenset({Role.CLERK}), Where.RECEIVING),
    "request_supplement": (frozenset({Role.CLERK, Role.SPECIALIST}), Where.HOLDING),
    "supplement": (frozenset({Role.CLERK, Role.CITIZEN}), Where.EITHER),
    "transfer": (frozenset({Role.CLERK, Role.SPECIALIST}), Where.HOLDING),
    "approve": (frozenset({Role.LEADER}), Where.HOLDING),
    "refuse": (frozenset({Role.LEADER}), Where.HOLDING),
    "apologize": (frozenset({Role.LEADER}), Where.HOLDING),
    "return_result": (frozenset({Role.CLERK}), Where.RECEIVING),
    "withdraw": (frozenset({Role.CLERK, Role.CITIZEN}), Where.EITHER),
    "rate": (frozenset({Role.CITIZEN}), Where.RECEIVING),
    "correct": (frozenset({Role.LEADER}), Where.DECIDING),
    "attach": (frozenset({Role.CLERK}), Where.EITHER),
    "stop": (frozenset({Role.LEADER}), Where.HOLDING),
}


def can_see(actor: Actor, dossier: Dossier, units: UnitTree) -> bool:
    if actor.role in _OFFICERS:
        return actor.unit in dossier.visited_units
    if actor.role == Role.AUDITOR:
        scope = units.subtree(actor.unit) if actor.unit in units else set()
        return any(unit in scope for unit in dossier.visited_units)
    if actor.role == Role.CITIZEN:
        return actor.unit == dossier.receiving_unit
    return False


def may(actor: Actor, command: str, dossier: Dossier) -> bool:
    """True when the actor's role and unit allow the command (the state is checked apart)."""
    roles, where = COMMANDS[command]
    if actor.role not in roles:
        return False
    if where is Where.HOLDING:
        return actor.unit == dossier.current_unit
    if where is Where.RECEIVING:
        return actor.unit == dossier.receiving_unit
    if where is Where.DECIDING:
        return actor.unit == dossier.deciding_unit
    return actor.unit in (dossier.current_unit, dossier.receiving_unit)

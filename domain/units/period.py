"""One unit over the period it is in force.

A code names different units in different periods (the new province took old Yên Bái's
code 15; phường Lào Cai kept old phường Kim Tân's 02647), so a unit is known by its code
*and* its period. Within its period a unit may be renamed or moved under another parent;
it keeps its identity, so its name and parent are histories too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from domain.units.tree import Level, Unit

T = TypeVar("T")


def _as_of(history: tuple[tuple[date, T], ...], day: date) -> T:
    """The value of a (since, value) history on ``day``; the first one before it begins."""
    value = history[0][1]
    for since, candidate in history:
        if since > day:
            break
        value = candidate
    return value


def _changed(
    history: tuple[tuple[date, T], ...], since: date, value: T
) -> tuple[tuple[date, T], ...]:
    """The history with ``value`` from ``since`` on (a change on the same day replaces)."""
    return (*(item for item in history if item[0] != since), (since, value))


@dataclass(frozen=True)
class UnitPeriod:
    code: str
    level: Level
    valid_from: date
    legal_basis: str
    names: tuple[tuple[date, str], ...]
    parents: tuple[tuple[date, str | None], ...]
    predecessors: tuple[str, ...] = ()
    valid_until: date | None = None
    """The last day in force (inclusive); None while in force."""
    successors: tuple[str, ...] = ()
    ceased_by: str | None = None
    """The legal basis on which it ceased."""

    @property
    def name(self) -> str:
        """The latest name."""
        return self.names[-1][1]

    def is_live(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def name_on(self, day: date) -> str:
        return _as_of(self.names, day)

    def parent_on(self, day: date) -> str | None:
        return _as_of(self.parents, day)

    def unit_on(self, day: date) -> Unit:
        """The unit as the tree of ``day`` shows it."""
        return Unit(self.code, self.name_on(day), self.level, self.parent_on(day))

    def renamed(self, name: str, since: date) -> UnitPeriod:
        return replace(self, names=_changed(self.names, since, name))

    def moved(self, parent: str, since: date) -> UnitPeriod:
        return replace(self, parents=_changed(self.parents, since, parent))

    def ceased(self, last_day: date, successors: tuple[str, ...], legal_basis: str) -> UnitPeriod:
        return replace(self, valid_until=last_day, successors=successors, ceased_by=legal_basis)

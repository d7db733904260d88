"""What the unit reads and a reorganisation answer: the tree of a day, one unit over its
period with what came before and after it, and a recorded plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.units import Level, UnitHistory, UnitPeriod


@dataclass(frozen=True)
class UnitView:
    code: str
    name: str
    level: Level
    parent: str | None
    valid_from: date
    valid_until: date | None
    """The last day in force; null while in force."""


@dataclass(frozen=True)
class UnitList:
    as_of: date
    items: tuple[UnitView, ...]


@dataclass(frozen=True)
class UnitDetail(UnitView):
    legal_basis: str
    """On which it came into force."""
    ceased_by: str | None
    """The legal basis on which it ceased; null while in force."""
    predecessors: tuple[str, ...]
    """The units it was formed from or absorbed (codes)."""
    successors: tuple[str, ...]
    """The units that took over when it ceased (codes)."""


@dataclass(frozen=True)
class Reorganisation:
    effective: date
    legal_basis: str
    changes: int
    pending: bool
    """True while its effective date is still to come: it takes effect by itself then."""


def unit_view(period: UnitPeriod, day: date) -> UnitView:
    unit = period.unit_on(day)
    return UnitView(
        unit.code, unit.name, unit.level, unit.parent, period.valid_from, period.valid_until
    )


def unit_detail(history: UnitHistory, period: UnitPeriod, day: date) -> UnitDetail:
    """``period`` as of ``day`` (its name and parent then), with its neighbours in time."""
    return UnitDetail(
        **vars(unit_view(period, day)),
        legal_basis=period.legal_basis,
        ceased_by=period.ceased_by,
        predecessors=tuple(p.code for p in history.predecessors(period)),
        successors=tuple(p.code for p in history.successors(period)),
    )

"""A dossier's journey across levels, read from its history (``Dossiers.history``).

Hand-offs are the transfers along the route and, after a decision taken away from the
receiving unit, the return of the dossier to that unit's desk. The citizen's journey
carries no officer: ``with_roles=False`` drops who acted, keeping only where and when.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.calendar import VIETNAM_TZ
from domain.units import Level, UnitTree

LEVEL_ORDER = (Level.COMMUNE, Level.DISTRICT, Level.PROVINCE)
_DECISIONS = frozenset({"Approved", "Refused"})
_END_WAITING = frozenset({"Supplemented", "Withdrawn", "IntakeRefused", "Stopped"})


@dataclass(frozen=True)
class Step:
    """Something that happened to the dossier, at a unit."""

    at: datetime
    kind: str
    level: Level
    unit_name: str
    role: str | None


@dataclass(frozen=True)
class HandOff:
    """The dossier moving between levels, drawn in the column of step number ``step``."""

    step: int
    source: Level
    target: Level
    source_name: str
    target_name: str
    role: str | None


@dataclass(frozen=True)
class Pause:
    """Waiting for the citizen's documents, from step number ``start`` to step number
    ``end`` (None while still waiting)."""

    start: int
    end: int | None
    level: Level


@dataclass(frozen=True)
class Appointment:
    """A date the result is promised for; ``renewed`` for an apology's new date."""

    on: date
    renewed: bool


@dataclass(frozen=True)
class Journey:
    lanes: tuple[Level, ...]
    lane_names: Mapping[Level, str]
    steps: tuple[Step, ...]
    handoffs: tuple[HandOff, ...]
    pauses: tuple[Pause, ...]
    appointments: tuple[Appointment, ...]


class _Walk:
    """The unit the dossier is at, while the events are read in order."""

    def __init__(self, units: UnitTree, receiving: str) -> None:
        self.units = units
        self.names: dict[str, str] = {}
        """Each unit's name when the dossier last met it in force: a unit that ceased
        since is still named as it was."""
        self.level = Level.COMMUNE  # where a desk unknown to the tree is drawn
        self.level = self.level_of(receiving)
        self.current = receiving

    def on(self, units: UnitTree) -> None:
        """Read the next event on the tree in force on its day."""
        self.units = units

    def level_of(self, code: str) -> Level:
        # A unit gone from the tree (after a reorganisation) keeps the lane it came from.
        return self.units.get(code).level if code in self.units else self.level

    def name_of(self, code: str) -> str:
        if code in self.units:
            self.names[code] = self.units.get(code).name
        return self.names.get(code, code)

    def move(self, code: str, step: int, role: str | None) -> HandOff:
        target = self.level_of(code)
        handoff = HandOff(
            step, self.level, target, self.name_of(self.current), self.name_of(code), role
        )
        self.current, self.level = code, target
        return handoff


_MOVES = frozenset({"Transferred", "Forwarded", "HandedOver"})
"""Events that move the dossier to another unit; a hand-over at a reorganisation keeps the
lane it left (a district's stays drawn for a dossier that crossed it)."""


def journey(
    events: Iterable[Mapping[str, Any]], units_on: Callable[[date], UnitTree], *, with_roles: bool
) -> Journey:
    """``events`` as ``Dossiers.history`` lists them: ``type``, ``at``, ``actor``, ``data``;
    each step names its unit as it was that day (``units_on``: the tree in force on a day)."""
    events = list(events)
    first = events[0]["data"]
    receiving = first["receiving_unit"]
    walk = _Walk(units_on(_day(events[0]["at"])), receiving)
    walk.name_of(receiving)
    steps: list[Step] = []
    handoffs: list[HandOff] = []
    pauses: list[Pause] = []
    appointments: list[Appointment] = []
    route_levels = {Level(step["level"]) for step in first.get("route", ())}
    seen = {walk.level}
    for event in events:
        kind, data = event["type"], event["data"]
        at = datetime.fromisoformat(event["at"])
        walk.on(units_on(_day(event["at"])))
        role = event["actor"]["role"] if with_roles else None
        index = len(steps)
        if kind in _MOVES and data["to_unit"] != walk.current:
            handoffs.append(walk.move(data["to_unit"], index, role))
        if kind == "HandedOver":
            receiving = data["to_desk"]
        steps.append(Step(at, kind, walk.level, walk.name_of(walk.current), role))
        if kind in _DECISIONS and walk.current != receiving:
            handoffs.append(walk.move(receiving, index, role))
        seen.add(walk.level)
        if kind == "SupplementRequested":
            pauses.append(Pause(index, None, walk.level))
        elif kind in _END_WAITING and pauses and pauses[-1].end is None:
            pauses[-1] = Pause(pauses[-1].start, index, pauses[-1].level)
        _appoint(appointments, kind, data)
    lanes = tuple(level for level in LEVEL_ORDER if level in seen | route_levels)
    return Journey(
        lanes=lanes,
        lane_names=_lane_names(steps, walk.units, receiving),
        steps=tuple(steps),
        handoffs=tuple(handoffs),
        pauses=tuple(pauses),
        appointments=tuple(appointments),
    )


def _day(at: str) -> date:
    return datetime.fromisoformat(at).astimezone(VIETNAM_TZ).date()


def _appoint(appointments: list[Appointment], kind: str, data: Mapping[str, Any]) -> None:
    """The due date, then each apology's new one; a supplement moves the latest."""
    if kind == "Apologized":
        appointments.append(Appointment(date.fromisoformat(data["new_due_date"]), True))
    elif kind in ("Received", "Supplemented") and data.get("due_date"):
        renewed = bool(appointments) and appointments[-1].renewed
        due = Appointment(date.fromisoformat(data["due_date"]), renewed)
        appointments[-1:] = [due]


def _lane_names(steps: Iterable[Step], units: UnitTree, receiving: str) -> dict[Level, str]:
    """Each lane's unit, as the dossier met it there; for a level still ahead, the
    receiving unit's ancestor there (the only unit a route hands on to)."""
    names: dict[Level, str] = {}
    for step in steps:
        names.setdefault(step.level, step.unit_name)
    if receiving in units:
        for level in LEVEL_ORDER:
            ahead = units.at_level(receiving, level)
            if ahead is not None:
                names.setdefault(level, ahead.name)
    return names

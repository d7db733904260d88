"""The procedure catalog (thủ tục hành chính): what a dossier is filed under.

The catalog is versioned by period: each version is in force from a day (the 2025 reform
gave most procedures a two-tier route from 2025-07-01) until the next one; a dossier keeps
the route and time limit of the version it was received under, copied into its first event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache

from domain.shared import DomainError
from domain.units import Level


class Action(StrEnum):
    RECEIVE = "receive"
    PROCESS = "process"
    DECIDE = "decide"
    RETURN = "return"


class ResultKind(StrEnum):
    CERTIFICATE = "certificate"
    PERMIT = "permit"
    ENROLLMENT = "enrollment"
    HEALTH_RECORD_ENTRY = "health_record_entry"
    REGISTRATION = "registration"
    DECISION = "decision"


@dataclass(frozen=True)
class Step:
    level: Level
    action: Action

    def __post_init__(self) -> None:
        object.__setattr__(self, "level", Level(self.level))
        object.__setattr__(self, "action", Action(self.action))


@dataclass(frozen=True)
class Stop:
    """Consecutive route steps performed at one level: one leg of the journey."""

    level: Level
    actions: frozenset[Action]

    @property
    def is_return_only(self) -> bool:
        return self.actions == {Action.RETURN}


@cache
def stops_of(route: tuple[Step, ...]) -> tuple[Stop, ...]:
    """Group a route into its legs, e.g. commune → district → province → commune.
    Cached: a dossier asks at every step, and there are few routes."""
    legs: list[tuple[Level, set[Action]]] = []
    for step in route:
        if legs and legs[-1][0] == step.level:
            legs[-1][1].add(step.action)
        else:
            legs.append((step.level, {step.action}))
    return tuple(Stop(level, frozenset(actions)) for level, actions in legs)


@dataclass(frozen=True)
class Procedure:
    code: str
    version: int
    name: str
    field: str
    receiving_level: Level
    time_limit_days: int
    required_documents: tuple[str, ...]
    result_kind: ResultKind
    steps: tuple[Step, ...]
    fee_vnd: int | None = None
    in_force_from: date | None = None
    """The first day this version applies; None: since before any dossier we hold."""
    code_status: str | None = None
    """How far the code and route are verified (the data's own words)."""

    def in_force(self, day: date) -> bool:
        return self.in_force_from is None or self.in_force_from <= day

    def __post_init__(self) -> None:
        if self.time_limit_days < 0:
            raise InvalidProcedure(self.code, "the time limit cannot be negative")
        if not self.steps or self.steps[0] != Step(self.receiving_level, Action.RECEIVE):
            raise InvalidProcedure(self.code, "the route must start with receipt at its level")
        if not any(step.action == Action.DECIDE for step in self.steps):
            raise InvalidProcedure(self.code, "the route has no decide step")


class InvalidProcedure(DomainError):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"procedure {code}: {reason}")


class UnknownProcedure(DomainError):
    def __init__(self, code: str) -> None:
        super().__init__(f"no procedure has the code {code!r}")
        self.code = code


class Catalog:
    """Every version of every procedure: the newest, a given one, or the one in force on a day."""

    def __init__(self, procedures: Iterable[Procedure] = ()) -> None:
        self._versions: dict[str, dict[int, Procedure]] = {}
        for procedure in procedures:
            self.add(procedure)

    def add(self, procedure: Procedure) -> None:
        """Take in a version (the catalog registry's events, as they are recorded)."""
        self._versions.setdefault(procedure.code, {})[procedure.version] = procedure

    def holds(self, code: str, version: int | None = None) -> bool:
        """Whether the catalog has the procedure (in that version, when one is given)."""
        versions = self._versions.get(code, {})
        return bool(versions) if version is None else version in versions

    def current(self, code: str) -> Procedure:
        versions = self._versions.get(code)
        if not versions:
            raise UnknownProcedure(code)
        return versions[max(versions)]

    def version(self, code: str, version: int) -> Procedure:
        try:
            return self._versions[code][version]
        except KeyError:
            raise UnknownProcedure(code) from None

    def in_force(self, code: str, day: date) -> Procedure:
        """The version that applies to a dossier received on ``day``: of those in force by
        then, the one that came into force last (of two from the same day, the later
        published). A version published today for a date before another one's scheduled
        start fills the days between: the scheduled one still takes over on its date."""
        versions = self._versions.get(code, {})
        applying = [v for v in versions.values() if v.in_force(day)]
        if not applying:
            raise UnknownProcedure(code)
        return max(applying, key=_start_then_version)

    def on(self, day: date) -> Iterator[Procedure]:
        """Every procedure as the version in force on ``day``."""
        for code in sorted(self._versions):
            if any(v.in_force(day) for v in self._versions[code].values()):
                yield self.in_force(code, day)

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self.current(code) for code in sorted(self._versions))

    def every_version(self) -> Iterator[Procedure]:
        """Every version of every procedure, by code, oldest version first."""
        for code in sorted(self._versions):
            versions = self._versions[code]
            yield from (versions[number] for number in sorted(versions))


def _start_then_version(procedure: Procedure) -> tuple[date, int]:
    return (procedure.in_force_from or date.min, procedure.version)

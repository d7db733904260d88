"""The unit registry: the administrative units of a jurisdiction as a history of events.

Units come into force and cease by events that carry the day they take effect and their
legal basis; the tree of any day is derived from them (:class:`UnitHistory`).

One stream per jurisdiction (a deployment's province, or a whole country). A plan is judged
whole against every unit it touches and recorded in one append; a province merger spans
two provinces, so finer streams (one per province) would need a judgement across streams
and an append to several of them, for no gain: the stream is written a few times a year,
never contended. It is long (Lào Cai's 2019 trees and the 2025 reform: ~800 events; a
country's ~10⁴ units and the 2025 reform: a few 10⁴), read once at start and then followed;
a snapshot caps that cost if a national deployment ever needs it.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.jurisdiction import OnePerJurisdiction
from domain.shared import Actor
from domain.units.errors import InvalidPlan, PlanProblem
from domain.units.history import UnitHistory
from domain.units.plan import Abolish, Establish, Merge, Move, Rename, ReorganisationPlan
from domain.units.plan_check import problems_in
from domain.units.tree import Level


class UnitRegistry(OnePerJurisdiction, Aggregate):
    NAMESPACE = uuid5(NAMESPACE_URL, "urn:motcua:unit-registry")

    class Opened(Aggregate.Created):
        jurisdiction: str
        actor: Actor

    class Reorganised(Aggregate.Event):
        """A plan was recorded; the unit events that follow it are its changes."""

        fingerprint: str
        effective: date
        legal_basis: str
        actor: Actor
        changes: int

    class UnitEstablished(Aggregate.Event):
        code: str
        name: str
        level: str
        parent: str | None
        effective: date
        legal_basis: str
        actor: Actor
        predecessors: tuple[str, ...]

    class UnitCeased(Aggregate.Event):
        code: str
        effective: date
        """The first day it is no longer in force."""
        legal_basis: str
        actor: Actor
        successors: tuple[str, ...]

    class UnitRenamed(Aggregate.Event):
        code: str
        name: str
        effective: date
        legal_basis: str
        actor: Actor

    class UnitMoved(Aggregate.Event):
        code: str
        parent: str
        effective: date
        legal_basis: str
        actor: Actor

    @event(Opened)
    def __init__(self, id: UUID, jurisdiction: str, actor: Actor, timestamp: datetime) -> None:
        self.jurisdiction = jurisdiction
        self.history = UnitHistory()
        self.fingerprints: set[str] = set()

    # -- commands ---------------------------------------------------------------------------

    def has_recorded(self, plan: ReorganisationPlan) -> bool:
        return plan.fingerprint in self.fingerprints

    def reorganise(self, plan: ReorganisationPlan, actor: Actor, at: datetime) -> None:
        """Record ``plan`` whole, as ``actor`` asks, or raise :class:`InvalidPlan` and record
        nothing.

        Events go ceases first, so that a code a new unit keeps is free when it comes.
        """
        if self.has_recorded(plan):
            message = "this plan is recorded already"
            raise InvalidPlan((PlanProblem("changes", message),))
        problems = problems_in(plan, self.history)
        if problems:
            raise InvalidPlan(problems)
        day, basis, by = plan.effective, plan.legal_basis, actor
        self._reorganised(plan.fingerprint, day, basis, by, len(plan.changes), timestamp=at)
        for change in plan.changes:
            if isinstance(change, Merge):
                for code in change.sources:
                    self._ceased(code, day, basis, by, (change.into.code,), timestamp=at)
            elif isinstance(change, Abolish):
                self._ceased(change.unit, day, basis, by, (change.successor,), timestamp=at)
        for change in plan.changes:
            if isinstance(change, Establish | Merge):
                new = change.unit if isinstance(change, Establish) else change.into
                sources = change.sources if isinstance(change, Merge) else ()
                self._established(
                    new.code,
                    new.name,
                    new.level.value,
                    new.parent,
                    day,
                    basis,
                    by,
                    sources,
                    timestamp=at,
                )
        for change in plan.changes:
            if isinstance(change, Move):
                self._moved(change.unit, change.parent, day, basis, by, timestamp=at)
            elif isinstance(change, Rename):
                self._renamed(change.unit, change.name, day, basis, by, timestamp=at)

    # -- state changes (no rules: replay never re-runs them) -----------------------------------

    @event(Reorganised)
    def _reorganised(
        self,
        fingerprint: str,
        effective: date,
        legal_basis: str,
        actor: Actor,
        changes: int,
        timestamp: datetime,
    ) -> None:
        self.fingerprints.add(fingerprint)

    @event(UnitEstablished)
    def _established(
        self,
        code: str,
        name: str,
        level: str,
        parent: str | None,
        effective: date,
        legal_basis: str,
        actor: Actor,
        predecessors: tuple[str, ...],
        timestamp: datetime,
    ) -> None:
        self.history.establish(
            code, name, Level(level), parent, effective, legal_basis, tuple(predecessors)
        )

    @event(UnitCeased)
    def _ceased(
        self,
        code: str,
        effective: date,
        legal_basis: str,
        actor: Actor,
        successors: tuple[str, ...],
        timestamp: datetime,
    ) -> None:
        self.history.cease(code, effective, legal_basis, tuple(successors))

    @event(UnitRenamed)
    def _renamed(
        self,
        code: str,
        name: str,
        effective: date,
        legal_basis: str,
        actor: Actor,
        timestamp: datetime,
    ) -> None:
        self.history.rename(code, name, effective)

    @event(UnitMoved)
    def _moved(
        self,
        code: str,
        parent: str,
        effective: date,
        legal_basis: str,
        actor: Actor,
        timestamp: datetime,
    ) -> None:
        self.history.move(code, parent, effective)

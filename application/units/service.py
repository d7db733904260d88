"""Use cases of the unit registry: the tree of any day, one unit over time, and a
reorganisation recorded whole by an admin of the province.

The registry is read from its stream at start (the composition root records the
reference data first) and read again after each plan recorded here. ``in_force`` is the
tree every other service holds: it asks the history with the clock's day at each call,
so a plan with a future effective date waits and takes effect by itself, also across a
restart (the history keeps it, dated).
"""

from __future__ import annotations

from datetime import date

from application.commands import CommandRunner, RequestPrint
from application.context import Context
from application.errors import Forbidden, NotFound
from application.ports import Clock
from application.repository import Repository
from application.units.in_force import TreeInForce
from application.units.views import (
    Reorganisation,
    UnitDetail,
    UnitList,
    unit_detail,
    unit_view,
)
from domain.calendar import VIETNAM_TZ
from domain.shared import Actor, Role
from domain.units import Level, ReorganisationPlan, UnitPeriod, UnitRegistry, UnitTree


class Units:
    def __init__(
        self,
        repository: Repository,
        clock: Clock,
        registry: UnitRegistry,
        prints: RequestPrint,
    ) -> None:
        self.repository = repository
        self.clock = clock
        self.registry = registry
        self.runner = CommandRunner(repository, prints)
        self.in_force = TreeInForce(lambda: self.registry.history, self.today)

    def tree_on(self, day: date) -> UnitTree:
        """The units in force on ``day`` (every unit reads as it was then)."""
        return self.registry.history.tree_on(day)

    def names(self) -> dict[str, str]:
        """Every code a unit ever held, with its name today, or its last name before it
        ceased: a page listing old steps names every unit."""
        return {period.code: period.name for period in self.registry.history}

    def today(self) -> date:
        return self.clock.now().astimezone(VIETNAM_TZ).date()

    # -- reads ------------------------------------------------------------------------------

    def tree(self, as_of: date | None = None) -> UnitList:
        day = as_of or self.today()
        live = (p for p in self.registry.history if p.is_live(day))
        return UnitList(day, tuple(unit_view(p, day) for p in live))

    def unit(self, code: str, as_of: date | None = None) -> UnitDetail:
        """The unit that held ``code`` on ``as_of`` (default today), else the last one
        that held it before, else the first after."""
        day = as_of or self.today()
        periods = self.registry.history.periods(code)
        if not periods:
            raise NotFound("unit")
        before = [p for p in periods if p.valid_from <= day]
        period = before[-1] if before else periods[0]
        return unit_detail(self.registry.history, period, _within(period, day))

    def successors_of_ceased(self, code: str) -> tuple[str, ...] | None:
        """For a code no unit holds today: the units in force that took over from the last
        one that held it; None when no unit held it before today."""
        today = self.today()
        last_days = [
            p.valid_until
            for p in self.registry.history.periods(code)
            if p.valid_until is not None and p.valid_until < today
        ]
        if not last_days:
            return None
        holders = self.registry.history.successors_on(code, last_days[-1], today)
        return tuple(unit.code for unit in holders)

    # -- reorganise ---------------------------------------------------------------------------

    async def reorganise(self, context: Context, command: ReorganisationPlan) -> Reorganisation:
        """Record the plan whole, or refuse it whole (``InvalidPlan`` names each change at
        fault); judged on the registry as stored now, not as this process last read it."""
        actor = context.actor
        self._authorise(actor)

        async def decide() -> tuple[list[UnitRegistry], Reorganisation]:
            registry = await self._load()
            registry.reorganise(command, actor, self.clock.now())
            answer = Reorganisation(
                command.effective,
                command.legal_basis,
                len(command.changes),
                pending=command.effective > self.today(),
            )
            return [registry], answer

        request = ("reorganise", self.registry.jurisdiction, command)
        answer: Reorganisation = await self.runner.run(context, request, decide)
        self.registry = await self._load()
        return answer

    def _authorise(self, actor: Actor) -> None:
        unit = self.in_force.get(actor.unit) if actor.unit in self.in_force else None
        if actor.role != Role.ADMIN or unit is None or unit.level != Level.PROVINCE:
            raise Forbidden("only an admin of the province records a reorganisation")

    async def _load(self) -> UnitRegistry:
        registry = await self.repository.get(UnitRegistry, self.registry.id)
        assert registry is not None, "the registry is recorded at start"
        return registry


def _within(period: UnitPeriod, day: date) -> date:
    """``day``, or the nearest day of ``period`` (its name and parent as they were then)."""
    if day < period.valid_from:
        return period.valid_from
    if period.valid_until is not None and day > period.valid_until:
        return period.valid_until
    return day

"""The unit tree as a history: every unit's periods, and the tree of any day derived from them.

The recording methods only change state: the registry checks a plan whole before it records
anything (``plan_check``), so replaying the recorded events never re-runs a rule.
Dates are days in Asia/Ho_Chi_Minh; a change effective on day D shows in the trees of D and
after, never in those before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

from domain.units.errors import NoSingleSuccessor
from domain.units.period import UnitPeriod
from domain.units.tree import Level, Unit, UnitTree, UnknownUnit

ONE_DAY = timedelta(days=1)


class UnitHistory:
    def __init__(self) -> None:
        self._periods: dict[str, list[UnitPeriod]] = {}
        self._touched: dict[str, date] = {}
        self._trees: dict[date, UnitTree] = {}

    # -- recording ---------------------------------------------------------------------------

    def establish(
        self,
        code: str,
        name: str,
        level: Level,
        parent: str | None,
        effective: date,
        legal_basis: str,
        predecessors: tuple[str, ...],
    ) -> None:
        period = UnitPeriod(
            code=code,
            level=level,
            valid_from=effective,
            legal_basis=legal_basis,
            names=((effective, name),),
            parents=((effective, parent),),
            predecessors=predecessors,
        )
        self._periods.setdefault(code, []).append(period)
        self._touch(effective, code, parent, *predecessors)

    def cease(
        self, code: str, effective: date, legal_basis: str, successors: tuple[str, ...]
    ) -> None:
        last_day = effective - ONE_DAY
        self._replace(
            self._live(code, last_day), lambda p: p.ceased(last_day, successors, legal_basis)
        )
        self._touch(effective, code, *successors)

    def rename(self, code: str, name: str, effective: date) -> None:
        self._replace(self._live(code, effective), lambda p: p.renamed(name, effective))
        self._touch(effective, code)

    def move(self, code: str, parent: str, effective: date) -> None:
        self._replace(self._live(code, effective), lambda p: p.moved(parent, effective))
        self._touch(effective, code, parent)

    # -- queries ----------------------------------------------------------------------------

    def __iter__(self) -> Iterator[UnitPeriod]:
        """Every period of every unit."""
        return (period for periods in self._periods.values() for period in periods)

    def periods(self, code: str) -> tuple[UnitPeriod, ...]:
        """The units that held ``code``, oldest first (empty when none ever did)."""
        return tuple(sorted(self._periods.get(code, ()), key=lambda p: p.valid_from))

    def period_on(self, code: str, day: date) -> UnitPeriod | None:
        return next((p for p in self._periods.get(code, ()) if p.is_live(day)), None)

    def is_live(self, code: str, day: date) -> bool:
        return self.period_on(code, day) is not None

    def tree_on(self, day: date) -> UnitTree:
        """The units in force on ``day``, as the tree every caller already knows."""
        if day not in self._trees:
            self._trees[day] = UnitTree(p.unit_on(day) for p in self if p.is_live(day))
        return self._trees[day]

    def touched(self, code: str) -> date | None:
        """The latest effective date of a recorded change that names ``code`` in any role."""
        return self._touched.get(code)

    def predecessors(self, period: UnitPeriod) -> tuple[UnitPeriod, ...]:
        """The units it was formed from, and those that ceased into it (absorbed by it)."""
        eve = period.valid_from - ONE_DAY
        named = (self.period_on(code, eve) for code in period.predecessors)
        found = [p for p in named if p is not None]
        found += [p for p in self if period in self.successors(p) and p not in found]
        return tuple(found)

    def successors(self, period: UnitPeriod) -> tuple[UnitPeriod, ...]:
        """The units that took over when it ceased (empty while it is in force)."""
        if period.valid_until is None:
            return ()
        morrow = period.valid_until + ONE_DAY
        found = (self.period_on(code, morrow) for code in period.successors)
        return tuple(p for p in found if p is not None)

    def successors_on(self, code: str, then: date, on: date) -> tuple[Unit, ...]:
        """The units in force on ``on`` that hold what unit ``code`` of day ``then`` held,
        following successors across every change in between."""
        start = self.period_on(code, then)
        if start is None:
            raise UnknownUnit(code)
        found: dict[str, Unit] = {}
        pending = [start]
        while pending:
            period = pending.pop()
            if period.is_live(on):
                found.setdefault(period.code, period.unit_on(on))
            elif period.valid_until is not None and period.valid_until < on:
                pending.extend(self.successors(period))
        return tuple(found.values())

    def absorbed_into(self, codes: set[str], on: date) -> set[str]:
        """The codes of units ceased before ``on`` whose work is all held, on ``on``, by
        units among ``codes``: what those units took over from earlier trees."""
        found = set()
        for period in self:
            if period.valid_until is None or period.valid_until >= on:
                continue
            holders = self.successors_on(period.code, period.valid_until, on)
            if holders and all(unit.code in codes for unit in holders):
                found.add(period.code)
        return found

    def locate(self, point: str, then: date, on: date) -> Unit:
        """The one unit in force on ``on`` that holds unit ``point`` of day ``then``: for a
        commune merged since, the new commune formed from it."""
        holders = self.successors_on(point, then, on)
        if len(holders) != 1:
            raise NoSingleSuccessor(point, on, tuple(unit.code for unit in holders))
        return holders[0]

    # -- inside -----------------------------------------------------------------------------

    def _live(self, code: str, day: date) -> UnitPeriod:
        period = self.period_on(code, day)
        if period is None:
            raise UnknownUnit(code)
        return period

    def _replace(self, period: UnitPeriod, change: Callable[[UnitPeriod], UnitPeriod]) -> None:
        periods = self._periods[period.code]
        periods[periods.index(period)] = change(period)

    def _touch(self, effective: date, *codes: str | None) -> None:
        self._trees.clear()
        for code in codes:
            if code is not None and self._touched.get(code, effective) <= effective:
                self._touched[code] = effective

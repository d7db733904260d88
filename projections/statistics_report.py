"""``GET /api/v1/stats``: a unit's figures for a period, its whole subtree included.

For the period [first, last] and the report day ``today``:

- ``received`` = ``received_new`` (received in the period) + ``received_carried_over``
  (received before it and not closed before it);
- ``resolved_early|on_time|late``, ``refused``, ``stopped``, ``withdrawn``,
  ``supplement_requested``, ``late_notices`` (apologies sent later than the working day
  before the due date) and the ratings: what happened in the period;
- ``paid`` and ``fees_collected_vnd``: the fees paid in the period, how many and how much;
- ``in_processing_on_time|overdue``, ``awaiting_supplement`` and ``awaiting_payment``:
  the stock as of ``today`` (overdue: due before today, or apologised for);
- ``on_time_rate``: (early + on time) / resolved, None when nothing was resolved.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Literal

from application.errors import Forbidden, InvalidInput, NotFound
from application.units.in_force import TreeInForce
from domain.shared import Actor, Role
from domain.units import UnitHistory, UnitTree
from domain.units.heirs import carried_codes, filed_under
from projections.statistics import Measure, MeasureSums, StatisticsReader

Geography = Literal["as_filed", "current"]
"""``as_filed``: at the units as they were when each record was made; ``current``: at
today's units, the records of every unit that ceased into them included."""

_MAY_READ = frozenset({Role.CLERK, Role.SPECIALIST, Role.LEADER, Role.AUDITOR})


@dataclass(frozen=True)
class Satisfaction:
    satisfied: int
    acceptable: int
    dissatisfied: int


@dataclass(frozen=True)
class StatisticsRow:
    """One procedure's figures: the shape ``GET /api/v1/stats`` answers and documents."""

    unit: str
    procedure: str
    received: int
    received_new: int
    received_carried_over: int
    resolved_early: int
    resolved_on_time: int
    resolved_late: int
    in_processing_on_time: int
    in_processing_overdue: int
    awaiting_supplement: int
    awaiting_payment: int
    supplement_requested: int
    refused: int
    withdrawn: int
    stopped: int
    late_notices: int
    paid: int
    fees_collected_vnd: int
    on_time_rate: float | None
    satisfaction: Satisfaction

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def report_rows(unit: str, sums: list[MeasureSums]) -> list[StatisticsRow]:
    """One row per procedure with anything to show, in procedure order."""
    by_procedure: dict[str, dict[str, MeasureSums]] = {}
    for entry in sums:
        by_procedure.setdefault(entry.procedure, {})[entry.measure] = entry
    rows = [_row(unit, procedure, measures) for procedure, measures in by_procedure.items()]
    return sorted((row for row in rows if _shows_anything(row)), key=lambda row: row.procedure)


def _row(unit: str, procedure: str, measures: dict[str, MeasureSums]) -> StatisticsRow:
    def get(measure: Measure) -> MeasureSums:
        return measures.get(measure.value) or MeasureSums(procedure, measure.value, 0, 0, 0, 0)

    new = get(Measure.RECEIVED).within
    carried = get(Measure.RECEIVED).before - get(Measure.CLOSED).before
    early, on_time = get(Measure.RESOLVED_EARLY).within, get(Measure.RESOLVED_ON_TIME).within
    late = get(Measure.RESOLVED_LATE).within
    resolved = early + on_time + late
    processing = get(Measure.IN_PROCESSING)
    return StatisticsRow(
        unit=unit,
        procedure=procedure,
        received=new + carried,
        received_new=new,
        received_carried_over=carried,
        resolved_early=early,
        resolved_on_time=on_time,
        resolved_late=late,
        in_processing_on_time=processing.total - processing.before_today,
        in_processing_overdue=processing.before_today,
        awaiting_supplement=get(Measure.AWAITING_SUPPLEMENT).total,
        awaiting_payment=get(Measure.AWAITING_PAYMENT).total,
        supplement_requested=get(Measure.SUPPLEMENT_REQUESTED).within,
        refused=get(Measure.REFUSED).within,
        withdrawn=get(Measure.WITHDRAWN).within,
        stopped=get(Measure.STOPPED).within,
        late_notices=get(Measure.LATE_NOTICE).within,
        paid=get(Measure.PAID).within,
        fees_collected_vnd=get(Measure.FEES_COLLECTED).within,
        on_time_rate=round((early + on_time) / resolved, 4) if resolved else None,
        satisfaction=Satisfaction(
            **{
                rating: get(Measure(f"rated_{rating}")).within
                for rating in ("satisfied", "acceptable", "dissatisfied")
            }
        ),
    )


def _shows_anything(row: StatisticsRow) -> bool:
    counts = [value for value in row.as_dict().values() if isinstance(value, int)]
    return any(counts) or any(vars(row.satisfaction).values())


class Statistics:
    def __init__(
        self,
        reader: StatisticsReader,
        units: UnitTree,
        today: Callable[[], date],
        history: Callable[[], Awaitable[UnitHistory | None]] | None = None,
    ) -> None:
        """``history``: the unit history, for ``geography="current"`` (without one, the
        two geographies read alike)."""
        self.reader = reader
        self.units = units
        self.today = today
        self.history = history

    async def report(
        self,
        actor: Actor,
        *,
        unit: str | None = None,
        first: date | None = None,
        last: date | None = None,
        procedure: str | None = None,
        today: date | None = None,
        geography: Geography = "as_filed",
    ) -> dict[str, Any]:
        """Officers and auditors, for their unit or any unit below it; another unit does
        not exist for them. The period defaults to this month up to today."""
        if actor.role not in _MAY_READ:
            raise Forbidden("statistics are for officers and auditors")
        unit = unit or actor.unit
        if unit not in self.units or actor.unit not in self.units:
            raise NotFound("unit")
        if not self.units.is_within(unit, actor.unit):
            raise NotFound("unit")
        return await self.public_report(
            unit=unit,
            first=first,
            last=last,
            procedure=procedure,
            today=today,
            geography=geography,
        )

    async def public_report(
        self,
        *,
        unit: str | None = None,
        first: date | None = None,
        last: date | None = None,
        procedure: str | None = None,
        today: date | None = None,
        geography: Geography = "as_filed",
    ) -> dict[str, Any]:
        """The same figures for anyone, of any unit (default: the root of the tree): they
        are counts, with no one's data in them (the public page ``/thong-ke``)."""
        today = today or self.today()
        unit = unit or self.root
        first, last = first or today.replace(day=1), last or today
        if first > last:
            raise InvalidInput("from", "the period must start on or before its end")
        if unit not in self.units:
            raise NotFound("unit")
        sums = await self.reader.sums(
            sorted(await self._codes(unit, geography)),
            procedure,
            first_day=first.toordinal(),
            last_day=last.toordinal(),
            today=today.toordinal(),
        )
        return {
            "from": first.isoformat(),
            "to": last.isoformat(),
            "today": today.isoformat(),
            "rows": [row.as_dict() for row in report_rows(unit, sums)],
        }

    async def _codes(self, unit: str, geography: Geography) -> set[str]:
        """The units whose records count: as filed, the unit, its subtree and the ceased
        units that stood below what it carries on (a province: the old districts and
        communes); in today's units (``current``), also every unit that ceased into one of
        them, so a period spanning a reorganisation counts the predecessors' dossiers at
        their successors (a new commune: the old communes it was formed from)."""
        units = self.units.fixed() if isinstance(self.units, TreeInForce) else self.units
        codes = units.subtree(unit)  # in force; the ceased ones below are the geography's
        history = await self.history() if self.history else None
        if history is None:
            return codes
        if geography == "current":
            return carried_codes(history, codes)
        return filed_under(history, codes, self.today())

    @property
    def root(self) -> str:
        return next(unit.code for unit in self.units if unit.parent is None)

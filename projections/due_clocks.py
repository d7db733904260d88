"""Each dossier's statutory clock (:class:`domain.clock.due_date.Clock`), kept per dossier so
its due date can be recounted under another calendar without reading its stream: what the
calendar what-if and the announced changes of the calendar ask; and where it is on its
route since when, and how long each stop of each procedure took: what the at-risk list asks.

A row also says over which days the clock runs (``first``: the receipt day; ``last``: the
latest of its due date, its last resumption and its decision), so a proposed change of some
days reads only the dossiers whose clock runs over one of them. When a dossier is decided,
its stints (working days from entering each stop to leaving it) are added to its
procedure's counters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from domain.calendar import VIETNAM_TZ, OfficeHours, WorkingCalendar
from domain.catalog import Action, stops_of
from domain.clock.due_date import Clock, Resumed
from domain.clock.risk import Stints
from domain.dossiers.dossier import Dossier
from domain.dossiers.status import UNDECIDED, Status
from projections.dossier_documents import NO_DUE_DATE, due_ordinal
from projections.dossier_states import DOSSIER_TOPICS, DossierStates
from projections.ports import Envelope
from projections.stream_memo import StreamMemo

OFFICE_HOURS = OfficeHours()
"""The desks' hours (every calendar the application builds keeps the default)."""


@dataclass(frozen=True)
class DueClock:
    filed: int
    dossier_id: str
    code: str
    unit: str
    """Where the dossier is now."""
    open: bool
    """Not decided yet: an announced change moves its due date."""
    first: int
    last: int
    due: int
    """The recorded due date (an ordinal; :data:`NO_DUE_DATE` before receipt)."""
    clock: Clock
    """Canonical (:meth:`Clock.canonical`, the desks' office hours): dossiers share it."""
    procedure: str = ""
    processing: bool = False
    """In processing (not waiting for the citizen, not decided)."""
    decision_stop: int = 0
    entered: tuple[int, ...] = ()
    """The day (ordinal) it entered each stop of its route so far; the last is the current."""


class DueClocksView(Protocol):
    async def get(self, filed: int) -> DueClock | None: ...

    async def put(self, row: DueClock) -> None: ...

    async def add_stints(self, procedure: str, stints: dict[int, int]) -> None:
        """One finished stint per stop: its working days."""
        ...


class DueClocksReader(Protocol):
    async def running_over(self, first: int, last: int, *, open_only: bool) -> list[DueClock]:
        """Received dossiers whose clock runs over some day of ``first..last`` (ordinals)."""
        ...

    async def clocks_over(self, first: int, last: int) -> list[Clock]:
        """The distinct clocks of the dossiers :meth:`running_over` those days."""
        ...

    async def codes_with(
        self, first: int, last: int, clocks: list[Clock]
    ) -> list[tuple[str, Clock]]:
        """(code, clock) of the dossiers running over those days whose clock is one of
        ``clocks``."""
        ...

    async def processing_at(self, unit: str) -> list[DueClock]:
        """Received dossiers now in processing at ``unit``."""
        ...

    async def stints(self, procedure: str) -> dict[int, Stints]:
        """The finished stints of each stop of ``procedure``."""
        ...


class DueClocksProjection:
    name = "due_clocks"
    version = 1
    topics: frozenset[str] | None = DOSSIER_TOPICS

    def __init__(self, states: DossierStates, calendar: WorkingCalendar) -> None:
        self.states = states
        self.calendar = calendar
        self._clocks: StreamMemo[tuple[Clock, tuple[int, ...]]] = StreamMemo()

    async def handle(self, envelope: Envelope, view: DueClocksView) -> None:
        change = await self.states.change(envelope)
        dossier, event = change.after, envelope.event
        stream_id, version = envelope.recorded.stream_id, envelope.recorded.version
        known = self._clocks.get(stream_id, version - 1)
        if known is None and version > 1:
            earlier = await view.get(change.filed)
            known = (earlier.clock, earlier.entered) if earlier is not None else None
        clock, entered = known or (Clock(dossier.time_limit_days), ())
        clock = clock.after(event)
        kind, at = type(event).__name__, _day(event.timestamp).toordinal()
        if kind == "Received":
            entered = (self.calendar.receipt_day(event.timestamp).toordinal(),)
        elif kind == "Transferred":
            entered = (*entered, at)
        elif kind in ("Approved", "Refused") and entered:
            await view.add_stints(dossier.procedure_code, self._stints(entered, at))
        self._clocks.put(stream_id, version, (clock, entered))
        await view.put(_row(change.filed, dossier, clock, entered))

    def _stints(self, entered: tuple[int, ...], decided: int) -> dict[int, int]:
        ends = (*entered[1:], decided)
        return {
            stop: self.calendar.working_days_between(
                date.fromordinal(start), date.fromordinal(max(start, end))
            )
            for stop, (start, end) in enumerate(zip(entered, ends, strict=True))
        }


def _row(filed: int, dossier: Dossier, clock: Clock, entered: tuple[int, ...]) -> DueClock:
    received = dossier.received_at
    first = _day(received).toordinal() if received is not None else NO_DUE_DATE
    days = [s.at for s in clock.steps if isinstance(s, Resumed)]
    last = max(
        [due_ordinal(dossier) if dossier.due_date else first]
        + [_day(d).toordinal() for d in days]
        + ([clock.decided_on.toordinal()] if clock.decided_on else [])
    )
    return DueClock(
        filed=filed,
        dossier_id=str(dossier.id),
        code=dossier.code,
        unit=dossier.current_unit,
        open=dossier.status in UNDECIDED,
        first=first,
        last=last,
        due=due_ordinal(dossier),
        clock=clock.canonical(OFFICE_HOURS),
        procedure=dossier.procedure_code,
        processing=dossier.status == Status.IN_PROCESSING and dossier.received_at is not None,
        decision_stop=_decision_stop(dossier),
        entered=entered,
    )


def _decision_stop(dossier: Dossier) -> int:
    stops = stops_of(dossier.route)
    return next((i for i, s in enumerate(stops) if Action.DECIDE in s.actions), len(stops) - 1)


def _day(moment: datetime) -> date:
    return moment.astimezone(VIETNAM_TZ).date()

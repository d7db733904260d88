"""Each dossier's statutory clock (:class:`domain.clock.due_date.Clock`), kept per dossier so
its due date can be recounted under another calendar without reading its stream: what the
calendar what-if and the announced changes of the calendar ask.

A row also says over which days the clock runs (``first``: the receipt day; ``last``: the
latest of its due date, its last resumption and its decision), so a proposed change of some
days reads only the dossiers whose clock runs over one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from domain.calendar import VIETNAM_TZ, OfficeHours
from domain.clock.due_date import Clock, Reappointed, Received, Resumed, Step
from domain.dossiers.dossier import Dossier
from domain.dossiers.status import UNDECIDED
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


class DueClocksView(Protocol):
    async def get(self, filed: int) -> DueClock | None: ...

    async def put(self, row: DueClock) -> None: ...


class DueClocksReader(Protocol):
    async def running_over(self, first: int, last: int, *, open_only: bool) -> list[DueClock]:
        """Received dossiers whose clock runs over some day of ``first..last`` (ordinals)."""
        ...


class DueClocksProjection:
    name = "due_clocks"
    version = 1
    topics: frozenset[str] | None = DOSSIER_TOPICS

    def __init__(self, states: DossierStates) -> None:
        self.states = states
        self._clocks: StreamMemo[Clock] = StreamMemo()

    async def handle(self, envelope: Envelope, view: DueClocksView) -> None:
        change = await self.states.change(envelope)
        dossier = change.after
        stream_id, version = envelope.recorded.stream_id, envelope.recorded.version
        clock = self._clocks.get(stream_id, version - 1)
        if clock is None and version > 1:
            earlier = await view.get(change.filed)
            clock = earlier.clock if earlier is not None else None
        clock = (clock or Clock(dossier.time_limit_days)).after(envelope.event)
        self._clocks.put(stream_id, version, clock)
        await view.put(_row(change.filed, dossier, clock))


def _row(filed: int, dossier: Dossier, clock: Clock) -> DueClock:
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
    )


def _day(moment: datetime) -> date:
    return moment.astimezone(VIETNAM_TZ).date()


# -- the clock as JSON, for the SQL views --------------------------------------------------


def clock_document(clock: Clock) -> dict[str, Any]:
    return {
        "limit": clock.time_limit_days,
        "steps": [_step_document(step) for step in clock.steps],
        "paused": clock.paused_since.isoformat() if clock.paused_since else None,
        "decided": clock.decided_on.isoformat() if clock.decided_on else None,
        "apologized": clock.apologized,
        "closed": clock.closed,
    }


def clock_of(document: dict[str, Any]) -> Clock:
    paused, decided = document["paused"], document["decided"]
    return Clock(
        time_limit_days=document["limit"],
        steps=tuple(_step_of(step) for step in document["steps"]),
        paused_since=datetime.fromisoformat(paused) if paused else None,
        decided_on=date.fromisoformat(decided) if decided else None,
        apologized=document["apologized"],
        closed=document["closed"],
    )


def _step_document(step: Step) -> list[str]:
    if isinstance(step, Received):
        return ["received", step.at.isoformat()]
    if isinstance(step, Resumed):
        return ["resumed", step.paused_since.isoformat(), step.at.isoformat()]
    return ["reappointed", step.due_date.isoformat()]


def _step_of(document: list[str]) -> Step:
    kind, *values = document
    if kind == "received":
        return Received(datetime.fromisoformat(values[0]))
    if kind == "resumed":
        return Resumed(datetime.fromisoformat(values[0]), datetime.fromisoformat(values[1]))
    return Reappointed(date.fromisoformat(values[0]))

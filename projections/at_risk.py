"""``GET /api/v1/at-risk``: the dossiers in processing at the caller's unit that are likely
to be late, highest risk first (:mod:`domain.clock.risk` says how likely).

Reasons are in English, like every other message of the API (the pages translate).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from application.clock.in_force import CalendarInForce
from application.clock.risk_views import AtRiskDossier, AtRiskList
from domain.clock.risk import Stints, expected_remaining, risk
from domain.shared import Actor
from projections.due_clocks import DueClock, DueClocksReader

LIKELY = 0.6
"""From this risk on, a dossier is listed (½: the rest usually takes exactly the days left)."""


@dataclass(frozen=True)
class AtRisk:
    reader: DueClocksReader
    calendar: CalendarInForce
    today: Callable[[], date]

    async def dossiers(
        self, actor: Actor, within_days: int | None = None, today: date | None = None
    ) -> AtRiskList:
        """Those due within ``within_days`` working days (any, when None)."""
        today = today or self.today()
        history: dict[str, dict[int, Stints]] = {}
        items = []
        for row in await self.reader.processing_at(actor.unit):
            if row.procedure not in history:
                history[row.procedure] = await self.reader.stints(row.procedure)
            item = self._judge(row, history[row.procedure], today)
            if item is None or item.risk < LIKELY:
                continue
            if within_days is not None and item.remaining_working_days > within_days:
                continue
            items.append(item)
        items.sort(key=lambda item: (-item.risk, item.due_date, item.code))
        return AtRiskList(items=tuple(items))

    def _judge(
        self, row: DueClock, history: dict[int, Stints], today: date
    ) -> AtRiskDossier | None:
        calendar = self.calendar.current
        due = date.fromordinal(row.due) if row.entered else None
        if due is None:
            return None
        stop = len(row.entered) - 1
        if stop > row.decision_stop:
            return None  # decided already at an earlier leg: nothing left that can be late
        spent = calendar.working_days_between(date.fromordinal(row.entered[-1]), today)
        if today <= due:
            remaining = calendar.working_days_between(today, due)
        else:
            remaining = -calendar.working_days_between(due, today)
        expected = expected_remaining(
            stop, spent, row.decision_stop, row.clock.time_limit_days, history
        )
        learnt = sum(history.get(s, Stints()).count for s in range(stop, row.decision_stop + 1))
        apology_by = None
        if not row.clock.apologized:
            last_day = _working_day_before(calendar.is_working_day, due)
            apology_by = last_day if today <= last_day else None
        return AtRiskDossier(
            id=UUID(row.dossier_id),
            code=row.code,
            due_date=due,
            remaining_working_days=remaining,
            expected_working_days=round(expected, 1),
            risk=round(risk(remaining, expected), 3),
            reason=_reason(remaining, expected, learnt, apology_by),
            apology_by=apology_by,
        )


def _working_day_before(is_working_day: Callable[[date], bool], due: date) -> date:
    """The last working day before ``due`` (searching back a fortnight at most)."""
    for back in range(1, 15):
        day = date.fromordinal(due.toordinal() - back)
        if is_working_day(day):
            return day
    return due


def _reason(remaining: int, expected: float, learnt: int, apology_by: date | None) -> str:
    if remaining < 0:
        left = f"overdue by {-remaining} working day{'s' if remaining != -1 else ''}"
    else:
        left = f"{remaining} working day{'s' if remaining != 1 else ''} left"
    basis = (
        f"{learnt} finished stint{'s' if learnt != 1 else ''} of this procedure's remaining steps"
        if learnt
        else "no history yet: the statutory limit shared among its steps"
    )
    text = f"{left}; the rest of its route usually takes {expected:.1f} ({basis})"
    if apology_by is not None:
        text += f"; send the apology with a new date (form 04) by {apology_by.isoformat()}"
    return text

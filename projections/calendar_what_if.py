"""``POST /api/v1/calendar/what-if``: the dossiers whose due date or lateness a proposed
change of the calendar would change, recounted from their clocks; nothing is changed.

Only the dossiers whose clock runs over a proposed day can change, and many share a
(canonical) clock: the read model is asked for the distinct clocks running over the
proposed days, each is recounted twice, on the calendar in force and on the proposal, by
bisection (:class:`~domain.clock.working_days.IndexedCalendar`), and only then for the codes
of the dossiers whose clock changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from application.clock import commands as c
from application.clock.in_force import CalendarInForce
from application.clock.views import DueDateChange, WhatIfView
from domain.clock.announcements import in_force
from domain.clock.due_date import Clock
from projections.due_clocks import DueClocksReader


@dataclass(frozen=True)
class CalendarWhatIf:
    reader: DueClocksReader
    calendar: CalendarInForce
    today: Callable[[], date]

    async def changes(self, command: c.WhatIf) -> WhatIfView:
        self.calendar.require_covered("extra_days_off", command.extra_days_off)
        self.calendar.require_covered("make_up_days", command.make_up_days)
        days = (*command.extra_days_off, *command.make_up_days)
        if not days:
            return WhatIfView(items=())
        now = self.calendar.current
        proposal = in_force(
            now, frozenset(command.extra_days_off), frozenset(), frozenset(command.make_up_days)
        )
        today = self.today()
        first, last = min(days).toordinal(), max(days).toordinal()
        changed: dict[Clock, tuple[date | None, date | None, bool, bool]] = {}
        for clock in await self.reader.clocks_over(first, last):
            due, due_if = clock.due_date(now), clock.due_date(proposal)
            late, late_if = clock.late(due, today), clock.late(due_if, today)
            if (due, late) != (due_if, late_if):
                changed[clock] = (due, due_if, late, late_if)
        if not changed:
            return WhatIfView(items=())
        rows = await self.reader.codes_with(first, last, list(changed))
        return WhatIfView(items=tuple(DueDateChange(code, *changed[clock]) for code, clock in rows))

"""``POST /api/v1/calendar/what-if``: the dossiers whose due date or lateness a proposed
change of the calendar would change, recounted from their clocks; nothing is changed.

Only the dossiers whose clock runs over a proposed day can change, so the read model is
asked for those alone; each distinct (canonical) clock among them is recounted twice, on
the calendar in force and on the proposal, by bisection
(:class:`~domain.clock.working_days.IndexedCalendar`).
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
        rows = await self.reader.running_over(
            min(days).toordinal(), max(days).toordinal(), open_only=False
        )
        counted: dict[Clock, tuple[date | None, date | None, bool, bool]] = {}
        items = []
        for row in rows:
            answer = counted.get(row.clock)
            if answer is None:
                due, due_if = row.clock.due_date(now), row.clock.due_date(proposal)
                late, late_if = row.clock.late(due, today), row.clock.late(due_if, today)
                answer = counted[row.clock] = (due, due_if, late, late_if)
            if answer[0] != answer[1] or answer[2] != answer[3]:
                items.append(DueDateChange(row.code, *answer))
        return WhatIfView(items=tuple(items))

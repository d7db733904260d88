"""The due date (ngày hẹn trả kết quả) as a pure function of a dossier's events and a calendar.

The dossier records its due date when it is set or moved (receipt, supplement, apology,
an announced calendar change), so replay needs no calendar. This module says how each of
those dates follows from the events, so the dates can be recounted under another calendar
(`POST /api/v1/calendar/what-if`) and an announced change can move open dossiers; on the
calendar in force it agrees with the recorded dates (tests/unit/test_due_dates.py).

:class:`Clock` keeps only what the date depends on, one step per event that sets it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any

from domain.calendar import VIETNAM_TZ, OfficeHours, WorkingCalendar


@dataclass(frozen=True)
class Received:
    at: datetime


@dataclass(frozen=True)
class Resumed:
    """The citizen supplemented or paid: the time waited since ``paused_since`` is added."""

    paused_since: datetime
    at: datetime


@dataclass(frozen=True)
class Reappointed:
    """An apology set a new date by hand: the calendar does not move it."""

    due_date: date


Step = Received | Resumed | Reappointed


@dataclass(frozen=True)
class Clock:
    """A dossier's statutory clock: what its due date and lateness follow from."""

    time_limit_days: int
    steps: tuple[Step, ...] = ()
    paused_since: datetime | None = None
    decided_on: date | None = None
    apologized: bool = False
    closed: bool = False

    def due_date(self, calendar: WorkingCalendar) -> date | None:
        due: date | None = None
        for step in self.steps:
            if isinstance(step, Received):
                due = calendar.due_date(step.at, self.time_limit_days)
            elif isinstance(step, Reappointed):
                due = step.due_date
            elif due is not None:
                waited = calendar.working_days_between(
                    calendar.receipt_day(step.paused_since), calendar.receipt_day(step.at)
                )
                due = calendar.add_working_days(due, waited) if waited else due
        return due

    def late(self, due: date | None, today: date) -> bool:
        """Late in statistics: apologised, decided after the due date, or still open after it
        (and not waiting for the citizen)."""
        if self.apologized:
            return True
        if due is None:
            return False
        if self.decided_on is not None:
            return self.decided_on > due
        return not self.closed and self.paused_since is None and today > due

    def canonical(self, hours: OfficeHours) -> Clock:
        """The same clock with each instant replaced by the first instant of its day that
        the office hours treat alike (before the same-day cutoff, before closing, after
        it): every calendar with these hours gives it the same due date. Many dossiers
        share a canonical clock, so a recount of 10⁵ counts each shared one once."""

        def alike(moment: datetime) -> datetime:
            local = moment.astimezone(VIETNAM_TZ)
            if local.time() >= hours.closes:
                kind = hours.closes
            elif local.time() >= hours.same_day_cutoff:
                kind = hours.same_day_cutoff
            else:
                kind = time(0)
            return datetime.combine(local.date(), kind, VIETNAM_TZ)

        def step(s: Step) -> Step:
            if isinstance(s, Received):
                return Received(alike(s.at))
            if isinstance(s, Resumed):
                return Resumed(alike(s.paused_since), alike(s.at))
            return s

        paused = alike(self.paused_since) if self.paused_since else None
        return replace(self, steps=tuple(step(s) for s in self.steps), paused_since=paused)

    def after(self, event: Any) -> Clock:
        """The clock after one of the dossier's events (by its class name, so that this
        module needs not know the aggregate)."""
        kind = type(event).__name__
        at: datetime = event.timestamp
        if kind == "Received":
            # a fee due on receipt: the clock waits for the payment from the start
            paused = at if getattr(event, "fee_due_vnd", 0) else self.paused_since
            return replace(self, steps=(*self.steps, Received(at)), paused_since=paused)
        if kind == "SupplementRequested":
            return replace(self, paused_since=at)
        if kind in ("Supplemented", "Paid"):
            assert self.paused_since is not None
            step = Resumed(self.paused_since, at)
            received = any(isinstance(s, Received) for s in self.steps)
            steps = (*self.steps, step) if received else self.steps
            return replace(self, steps=steps, paused_since=None)
        if kind == "Apologized":
            return replace(
                self, steps=(*self.steps, Reappointed(event.new_due_date)), apologized=True
            )
        if kind in ("Approved", "Refused"):
            return replace(self, decided_on=at.astimezone(VIETNAM_TZ).date())
        if kind in ("ResultReturned", "IntakeRefused", "Withdrawn"):
            return replace(self, closed=True, paused_since=None)
        return self

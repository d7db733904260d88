"""The due date recounted from a dossier's events agrees with the one the dossier recorded,
and the indexed calendar counts as the plain one does."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import invariant

from domain.calendar import OfficeHours, WorkingCalendar
from domain.clock.due_date import Clock, Received, Resumed, Step
from domain.clock.working_days import IndexedCalendar, OutsideCalendar
from domain.dossiers.dossier import Document
from tests.examples import (
    CALENDAR,
    CATALOG,
    CLERK,
    GATEWAY,
    LEADER,
    MONDAY_9AM,
    SPECIALIST,
    submitted_dossier,
)
from tests.unit.test_dossier_lifecycle import DossierLifecycle

INDEXED = IndexedCalendar.over(CALENDAR, 2026, 2029)


class DueDatesFollowTheEvents(DossierLifecycle):
    """Any walk through the lifecycle: the clock folded over its events gives the dossier's
    own due date, on the plain calendar and on the indexed one."""

    @invariant()
    def the_recounted_due_date_is_the_recorded_one(self) -> None:
        if not hasattr(self, "dossier"):
            return
        clock = Clock(self.dossier.time_limit_days)
        for event in self.events:
            clock = clock.after(event)
        assert clock.due_date(CALENDAR) == self.dossier.due_date
        assert clock.due_date(INDEXED) == self.dossier.due_date


DueDatesFollowTheEvents.TestCase.settings = settings(
    max_examples=100, stateful_step_count=30, deadline=None
)
test_due_dates_follow_the_events = DueDatesFollowTheEvents.TestCase

hours = st.integers(min_value=0, max_value=24 * 12)


@settings(max_examples=300, deadline=None)
@given(
    off=st.frozensets(st.dates(date(2027, 1, 1), date(2027, 6, 30)), max_size=30),
    procedure=st.sampled_from([p.code for p in CATALOG]),
    receipt=hours,
    payment=hours,
    pauses=st.lists(st.tuples(hours, hours), max_size=3),
    apology_after=st.none() | st.integers(min_value=0, max_value=len("012")),
)
def test_receipt_supplements_and_apology_recounted(
    off: frozenset[date],
    procedure: str,
    receipt: int,
    payment: int,
    pauses: list[tuple[int, int]],
    apology_after: int | None,
) -> None:
    # A dossier received (its fee paid some hours later, when it has one), paused and
    # resumed a few times, perhaps given a new date in between, on a calendar with random
    # days off: the clock recounts each recorded date.
    calendar = WorkingCalendar(days_off=off, make_up_days=frozenset())
    dossier = submitted_dossier(procedure)
    now = MONDAY_9AM + timedelta(hours=receipt)
    dossier.receive(CLERK, now, calendar)
    if dossier.fee_due_vnd:
        now += timedelta(hours=payment)
        dossier.pay(dossier.fee_due_vnd, "GD-1", GATEWAY, now, calendar)
    for i, (working, waiting) in enumerate(pauses):
        if apology_after == i:
            dossier.apologize(
                "xác minh", dossier.due_date + timedelta(days=3), LEADER, now, calendar
            )
        now += timedelta(hours=working)
        dossier.request_supplement("thiếu giấy", ("Bản sao",), SPECIALIST, now)
        now += timedelta(hours=waiting)
        dossier.supplement((Document("Bản sao"),), CLERK, now, calendar)
    clock = Clock(dossier.time_limit_days)
    for event in dossier.collect_events():
        clock = clock.after(event)
    assert clock.due_date(calendar) == dossier.due_date
    assert clock.due_date(IndexedCalendar.over(calendar, 2026, 2028)) == dossier.due_date


days = st.dates(min_value=date(2027, 1, 1), max_value=date(2027, 12, 31))


@settings(max_examples=200, deadline=None)
@given(
    off=st.frozensets(days, max_size=40),
    make_up=st.frozensets(days, max_size=5),
    start=days,
    n=st.integers(min_value=0, max_value=60),
    span=st.integers(min_value=-10, max_value=200),
)
def test_the_indexed_calendar_counts_as_the_plain_one(
    off: frozenset[date], make_up: frozenset[date], start: date, n: int, span: int
) -> None:
    plain = WorkingCalendar(days_off=off, make_up_days=make_up)
    indexed = IndexedCalendar.over(plain, 2026, 2028)
    assert indexed.add_working_days(start, n) == plain.add_working_days(start, n)
    assert indexed.next_working_day(start) == plain.next_working_day(start)
    assert indexed.working_day_on_or_after(start) == plain.working_day_on_or_after(start)
    end = start + timedelta(days=span)
    assert indexed.working_days_between(start, end) == plain.working_days_between(start, end)


def test_a_date_outside_the_indexed_years_is_refused_not_guessed() -> None:
    with pytest.raises(OutsideCalendar):
        INDEXED.add_working_days(date(2031, 3, 2), 3)


@settings(max_examples=300, deadline=None)
@given(
    off=st.frozensets(st.dates(date(2027, 1, 1), date(2027, 3, 31)), max_size=20),
    received=st.datetimes(datetime(2027, 1, 1), datetime(2027, 2, 28), timezones=st.just(UTC)),
    waits=st.lists(st.tuples(hours, hours), max_size=2),
    limit=st.integers(min_value=0, max_value=30),
)
def test_a_canonical_clock_is_due_when_its_clock_is(
    off: frozenset[date], received: datetime, waits: list[tuple[int, int]], limit: int
) -> None:
    # Instants moved to the first of their day's office-hours class (before 15:00, before
    # 17:00, after) change no due date, whatever the calendar.
    steps: list[Step] = [Received(received)]
    now = received
    for working, waiting in waits:
        paused = now + timedelta(hours=working)
        now = paused + timedelta(hours=waiting)
        steps.append(Resumed(paused, now))
    clock = Clock(limit, tuple(steps))
    calendar = WorkingCalendar(days_off=off, make_up_days=frozenset())
    assert clock.canonical(OfficeHours()).due_date(calendar) == clock.due_date(calendar)

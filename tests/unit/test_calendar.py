from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from domain.calendar import VIETNAM_TZ, OfficeHours, WorkingCalendar
from infrastructure.calendar_data import vietnam_calendar

# Years chosen to hold every date below plus the spill-over into the next year.
VIETNAM = vietnam_calendar(range(2024, 2031))
PLAIN_WEEKS = WorkingCalendar(days_off=frozenset(), make_up_days=frozenset())


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    """A moment in Hanoi local time."""
    return datetime(y, m, d, hh, mm, tzinfo=VIETNAM_TZ)


# --- the counting convention -------------------------------------------------------------


def test_the_limit_runs_from_the_day_after_receipt() -> None:
    # Received Monday 1 March 2027 with a 3-day limit: Tue, Wed, Thu → due Thursday.
    assert VIETNAM.due_date(at(2027, 3, 1), 3) == date(2027, 3, 4)


def test_a_limit_that_crosses_a_weekend_skips_it() -> None:
    # Received Friday 5 March 2027, 2 days: Mon 8, Tue 9.
    assert VIETNAM.due_date(at(2027, 3, 5), 2) == date(2027, 3, 9)


# --- holidays from the lunar calendar -----------------------------------------------------


def test_tet_2027_is_skipped() -> None:
    # Lunar new year's day is Sat 6 Feb 2027; the desks close Thu 4 to Wed 10 February.
    assert all(not VIETNAM.is_working_day(date(2027, 2, d)) for d in range(4, 11))
    # Received Wednesday 3 Feb with 2 days: Thu 11 and Fri 12 are the first days back.
    assert VIETNAM.due_date(at(2027, 2, 3), 2) == date(2027, 2, 12)


def test_tet_2028_is_skipped() -> None:
    # Lunar new year's day is Wed 26 Jan 2028; Mon 24 to Fri 28 January are off.
    assert all(not VIETNAM.is_working_day(date(2028, 1, d)) for d in range(24, 29))
    # Received Friday 21 Jan with 3 days: Mon 31 Jan, Tue 1 Feb, Wed 2 Feb.
    assert VIETNAM.due_date(at(2028, 1, 21), 3) == date(2028, 2, 2)


def test_tet_2026_as_announced() -> None:
    # Announced leave 14-22 Feb 2026: received Friday 13 Feb, 1 day → Monday 23 Feb.
    assert VIETNAM.due_date(at(2026, 2, 13), 1) == date(2026, 2, 23)


def test_hung_kings_day_is_skipped() -> None:
    # 10th day of the 3rd lunar month: Friday 16 April 2027.
    assert not VIETNAM.is_working_day(date(2027, 4, 16))
    assert VIETNAM.due_date(at(2027, 4, 15), 1) == date(2027, 4, 19)


def test_hung_kings_day_on_a_sunday_is_taken_on_monday() -> None:
    # 26 April 2026 was a Sunday, so Monday 27 April was off in lieu.
    assert VIETNAM.due_date(at(2026, 4, 24), 1) == date(2026, 4, 28)


# --- make-up days and configured days off -------------------------------------------------


def test_a_make_up_saturday_is_a_working_day() -> None:
    calendar = PLAIN_WEEKS.with_extra(make_up_days=[date(2027, 3, 6)])
    # Received Friday 5 March 2027, 1 day → the make-up Saturday.
    assert calendar.due_date(at(2027, 3, 5), 1) == date(2027, 3, 6)
    assert PLAIN_WEEKS.due_date(at(2027, 3, 5), 1) == date(2027, 3, 8)


def test_the_announced_swap_around_30_april_2025() -> None:
    # Saturday 26 April 2025 was worked in exchange for Friday 2 May.
    assert VIETNAM.is_working_day(date(2025, 4, 26))
    assert not VIETNAM.is_working_day(date(2025, 5, 2))
    # Received Friday 25 April, 2 days: Sat 26 April, Mon 28 April.
    assert VIETNAM.due_date(at(2025, 4, 25), 2) == date(2025, 4, 28)


def test_an_extra_day_off_is_skipped() -> None:
    calendar = vietnam_calendar([2027, 2028], extra_days_off=[date(2027, 3, 10)])
    # Received Tuesday 9 March 2027, 1 day: Wednesday 10 is off → Thursday 11.
    assert calendar.due_date(at(2027, 3, 9), 1) == date(2027, 3, 11)
    assert VIETNAM.due_date(at(2027, 3, 9), 1) == date(2027, 3, 10)


def test_a_configured_make_up_day_is_worked() -> None:
    calendar = vietnam_calendar([2027], make_up_days=[date(2027, 2, 6)])
    # The lunar new year's day itself, declared worked, becomes the first day after Friday.
    assert calendar.due_date(at(2027, 2, 3), 1) == date(2027, 2, 6)


# --- when a receipt counts ----------------------------------------------------------------


def test_after_hours_on_friday_counts_from_monday() -> None:
    assert VIETNAM.receipt_day(at(2027, 3, 5, 18, 0)) == date(2027, 3, 8)
    assert VIETNAM.due_date(at(2027, 3, 5, 18, 0), 1) == date(2027, 3, 9)


def test_closing_time_itself_is_after_hours() -> None:
    assert VIETNAM.receipt_day(at(2027, 3, 3, 16, 59)) == date(2027, 3, 3)
    assert VIETNAM.receipt_day(at(2027, 3, 3, 17, 0)) == date(2027, 3, 4)


def test_receipt_on_a_sunday_counts_from_monday() -> None:
    assert VIETNAM.receipt_day(at(2027, 3, 7)) == date(2027, 3, 8)
    assert VIETNAM.due_date(at(2027, 3, 7), 3) == date(2027, 3, 11)


def test_receipt_before_opening_counts_that_day() -> None:
    assert VIETNAM.receipt_day(at(2027, 3, 3, 6, 0)) == date(2027, 3, 3)


def test_receipt_in_utc_is_judged_by_hanoi_office_hours() -> None:
    # 10:30 UTC is 17:30 in Hanoi: after hours, so Wednesday's receipt counts from Thursday.
    assert VIETNAM.receipt_day(datetime(2027, 3, 3, 10, 30, tzinfo=UTC)) == date(2027, 3, 4)
    # 23:00 UTC on Wednesday is 06:00 Thursday in Hanoi.
    assert VIETNAM.receipt_day(datetime(2027, 3, 3, 23, 0, tzinfo=UTC)) == date(2027, 3, 4)
    # 09:00 UTC is 16:00 in Hanoi: still open.
    assert VIETNAM.receipt_day(datetime(2027, 3, 3, 9, 0, tzinfo=UTC)) == date(2027, 3, 3)


# --- same-day procedures (time limit 0) ---------------------------------------------------


def test_same_day_procedure_received_in_the_morning_is_due_that_day() -> None:
    assert VIETNAM.due_date(at(2027, 3, 9, 10, 0), 0) == date(2027, 3, 9)
    assert VIETNAM.due_date(at(2027, 3, 9, 14, 59), 0) == date(2027, 3, 9)


def test_same_day_procedure_received_after_15_00_is_due_next_working_day() -> None:
    assert VIETNAM.due_date(at(2027, 3, 9, 15, 0), 0) == date(2027, 3, 10)
    assert VIETNAM.due_date(at(2027, 3, 9, 15, 30), 0) == date(2027, 3, 10)


def test_same_day_procedure_received_friday_afternoon_is_due_monday() -> None:
    assert VIETNAM.due_date(at(2027, 3, 12, 15, 30), 0) == date(2027, 3, 15)


def test_same_day_procedure_received_on_a_holiday_is_due_the_first_day_back() -> None:
    assert VIETNAM.due_date(at(2027, 2, 8, 9, 0), 0) == date(2027, 2, 11)


# --- time spent waiting for a supplement --------------------------------------------------


def test_working_days_between_across_a_weekend() -> None:
    # Friday to Monday is one working day; a full week is five.
    assert VIETNAM.working_days_between(date(2027, 3, 5), date(2027, 3, 8)) == 1
    assert VIETNAM.working_days_between(date(2027, 3, 5), date(2027, 3, 12)) == 5


def test_working_days_between_across_tet() -> None:
    # Wednesday 3 Feb to Thursday 11 Feb 2027: only the 11th is worked.
    assert VIETNAM.working_days_between(date(2027, 2, 3), date(2027, 2, 11)) == 1


def test_working_days_between_is_zero_backwards_or_on_the_same_day() -> None:
    assert VIETNAM.working_days_between(date(2027, 3, 9), date(2027, 3, 9)) == 0
    assert VIETNAM.working_days_between(date(2027, 3, 12), date(2027, 3, 9)) == 0


# --- bad input ----------------------------------------------------------------------------


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        VIETNAM.due_date(datetime(2027, 3, 9, 10, 0), 3)
    with pytest.raises(ValueError, match="naive"):
        VIETNAM.receipt_day(datetime(2027, 3, 9, 10, 0))


def test_a_negative_time_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        VIETNAM.due_date(at(2027, 3, 9), -1)


# --- properties ---------------------------------------------------------------------------

DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2029, 6, 30))
LIMITS = st.integers(min_value=0, max_value=60)
MOMENTS = st.datetimes(
    min_value=datetime(2024, 1, 1),
    max_value=datetime(2029, 6, 30),
    timezones=st.sampled_from([UTC, VIETNAM_TZ, timezone(timedelta(hours=-5))]),
)
NEAR_DAYS = st.dates(min_value=date(2027, 1, 1), max_value=date(2027, 3, 31))
SMALL_CALENDARS = st.builds(
    WorkingCalendar,
    days_off=st.frozensets(NEAR_DAYS, max_size=40),
    make_up_days=st.frozensets(NEAR_DAYS, max_size=10),
)


@given(MOMENTS, LIMITS)
def test_a_due_date_is_never_before_the_day_of_receipt(moment: datetime, limit: int) -> None:
    due = VIETNAM.due_date(moment, limit)
    assert due >= moment.astimezone(VIETNAM_TZ).date()
    assert VIETNAM.is_working_day(due)


@given(DAYS, st.integers(min_value=1, max_value=60))
def test_adding_working_days_lands_on_a_later_working_day(start: date, n: int) -> None:
    due = VIETNAM.add_working_days(start, n)
    assert due > start
    assert VIETNAM.is_working_day(due)


@given(SMALL_CALENDARS, NEAR_DAYS, st.integers(min_value=0, max_value=30))
def test_counting_back_the_working_days_added_gives_n(
    calendar: WorkingCalendar, start: date, n: int
) -> None:
    start = calendar.working_day_on_or_after(start)
    assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n


@given(SMALL_CALENDARS, NEAR_DAYS, NEAR_DAYS)
def test_working_days_between_counts_each_working_day_once(
    calendar: WorkingCalendar, start: date, end: date
) -> None:
    assume(start < end)
    span = (end - start).days
    expected = sum(calendar.is_working_day(start + timedelta(days=i)) for i in range(1, span + 1))
    assert calendar.working_days_between(start, end) == expected


def test_office_hours_must_open_before_they_close() -> None:
    with pytest.raises(ValueError):
        OfficeHours(opens=time(17, 0), closes=time(7, 30))

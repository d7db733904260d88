"""A working calendar indexed over a span of years, for counting many deadlines at once.

:class:`~domain.calendar.WorkingCalendar` walks day by day, which is right and plain but too
slow to recount the due dates of 10⁵ dossiers under a proposed calendar. ``IndexedCalendar``
answers the same questions by bisecting the sorted working days of a span of years, and
refuses (:class:`OutsideCalendar`) a date outside that span rather than guess.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from domain.calendar import WorkingCalendar


class OutsideCalendar(ValueError):
    """A date outside the years the calendar knows the holidays of."""

    def __init__(self, day: date, first: date, last: date) -> None:
        super().__init__(f"{day.isoformat()} is outside the calendar ({first.year}–{last.year})")
        self.day = day


@dataclass(frozen=True)
class IndexedCalendar(WorkingCalendar):
    """The same calendar, counting by bisection over the days from ``first`` to ``last``."""

    first: date = date.min
    last: date = date.min
    _days: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("the calendar's span ends before it starts")
        days = tuple(
            o
            for o in range(self.first.toordinal(), self.last.toordinal() + 1)
            if WorkingCalendar.is_working_day(self, date.fromordinal(o))
        )
        object.__setattr__(self, "_days", days)

    @classmethod
    def over(cls, calendar: WorkingCalendar, first_year: int, last_year: int) -> IndexedCalendar:
        return cls(
            days_off=calendar.days_off,
            make_up_days=calendar.make_up_days,
            office_hours=calendar.office_hours,
            first=date(first_year, 1, 1),
            last=date(last_year, 12, 31),
        )

    def covers(self, d: date) -> bool:
        return self.first <= d <= self.last

    def working_day_on_or_after(self, d: date) -> date:
        return self._day(bisect_left(self._days, self._ordinal(d)))

    def next_working_day(self, d: date) -> date:
        return self._day(bisect_right(self._days, self._ordinal(d)))

    def add_working_days(self, start: date, n: int) -> date:
        if n < 0:
            raise ValueError(f"cannot add a negative number of working days: {n}")
        if n == 0:
            return self.working_day_on_or_after(start)
        return self._day(bisect_right(self._days, self._ordinal(start)) + n - 1)

    def working_days_between(self, start: date, end: date) -> int:
        if end <= start:
            return 0
        after_start = bisect_right(self._days, self._ordinal(start))
        return bisect_right(self._days, self._ordinal(end)) - after_start

    def _ordinal(self, d: date) -> int:
        if not self.covers(d):
            raise OutsideCalendar(d, self.first, self.last)
        return d.toordinal()

    def _day(self, index: int) -> date:
        if index >= len(self._days):
            raise OutsideCalendar(self.last, self.first, self.last)
        return date.fromordinal(self._days[index])
